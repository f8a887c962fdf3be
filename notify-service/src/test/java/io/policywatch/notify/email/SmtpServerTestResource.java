package io.policywatch.notify.email;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real SMTP server (GreenMail) on a free loopback port behind a {@link RefusingSmtpRelay} that refuses some
 * recipients, and the service configured to mail through the relay.
 */
public class SmtpServerTestResource implements QuarkusTestResourceLifecycleManager {

    private static GreenMail server;
    private static RefusingSmtpRelay relay;

    /** The messages the server received, for the test to read. */
    public static GreenMail server() {
        return server;
    }

    /** The messages the SMTP server received for the address, in arrival order. */
    public static List<MimeMessage> received(String address) {
        return Arrays.stream(server.getReceivedMessages())
                .filter(message -> {
                    try {
                        return Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                                .anyMatch(to -> to.toString().contains(address));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }

    /** Content type (text/plain, text/html) → text of the message's parts. */
    public static Map<String, String> parts(MimeMessage message) throws Exception {
        Map<String, String> parts = new HashMap<>();
        collect(message.getContent(), message.getContentType(), parts);
        return parts;
    }

    private static void collect(Object content, String contentType, Map<String, String> into) throws Exception {
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                collect(part.getContent(), part.getContentType(), into);
            }
        } else {
            into.put(contentType.split(";")[0].trim().toLowerCase(), content.toString());
        }
    }

    @Override
    public Map<String, String> start() {
        server = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        server.start();
        relay = RefusingSmtpRelay.start(server.getSmtp().getBindTo(), server.getSmtp().getPort());
        return Map.of("policywatch.notify.email.smtp-host", relay.host(),
                "quarkus.mailer.host", relay.host(),
                "quarkus.mailer.port", String.valueOf(relay.port()),
                "quarkus.mailer.start-tls", "DISABLED");
    }

    @Override
    public void stop() {
        relay.close();
        server.stop();
    }
}
