package io.policywatch.notify.email;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.policywatch.events.AlertRaised;
import io.policywatch.events.AlertRaised.MatchedPassage;
import io.policywatch.notify.NotifyConfig;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.TimeoutException;
import io.vertx.ext.mail.SMTPException;

/**
 * Mails alerts over SMTP (Quarkus Mailer, {@code quarkus.mailer.*}): a plain-text and an HTML part, each listing the
 * alerts' documents with their matched passages, the hits marked. Mail is on only when an SMTP host is configured
 * ({@code policywatch.notify.email.smtp-host}, env {@code SMTP_HOST}).
 */
@ApplicationScoped
public class AlertMailer {

    @Inject
    ReactiveMailer mailer;

    @Inject
    NotifyConfig config;

    public boolean enabled() {
        return config.email().smtpHost().isPresent();
    }

    /** Why a message was not sent; its message is the SMTP server's reply when there was one. */
    public static final class NotSent extends RuntimeException {

        private final boolean permanent;

        NotSent(String message, boolean permanent, Throwable cause) {
            super(message, cause);
            this.permanent = permanent;
        }

        /** A 5xx reply (550 mailbox unavailable...): the server would refuse the same message again. */
        public boolean permanent() {
            return permanent;
        }
    }

    /**
     * Sends one message, blocking until the SMTP server accepted it.
     *
     * @param digest what the message is a digest of ("Hourly digest, ..."), or null for a single alert
     * @throws NotSent when the server could not be reached or refused the message
     */
    public void send(String to, String subscriptionName, List<AlertRaised> alerts, String digest) {
        try {
            mailer.send(Mail.withText(to, subject(subscriptionName, alerts, digest),
                    text(subscriptionName, alerts, digest)).setHtml(html(subscriptionName, alerts, digest)))
                    .await().atMost(config.email().sendTimeout());
        } catch (TimeoutException e) {
            throw new NotSent("SMTP: the server did not accept the message within " + config.email().sendTimeout(),
                    false, e);
        } catch (RuntimeException e) {
            throw notSent(e);
        }
    }

    /** A 4xx reply or no reply (unreachable, cut off) may pass; a 5xx reply will not (RFC 5321, 4.2.1). */
    private static NotSent notSent(RuntimeException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SMTPException reply) {
                return new NotSent("SMTP server replied: " + String.join(" / ", reply.getReplyMessages()).strip(),
                        reply.isPermanent(), failure);
            }
        }
        return new NotSent("SMTP: " + failure.getMessage(), false, failure);
    }

    static String subject(String subscriptionName, List<AlertRaised> alerts, String digest) {
        if (digest != null) {
            return "[PolicyWatch] " + subscriptionName + ": " + alerts.size() + " new document"
                    + (alerts.size() == 1 ? "" : "s");
        }
        return "[PolicyWatch] " + subscriptionName + ": " + title(alerts.get(0));
    }

    static String text(String subscriptionName, List<AlertRaised> alerts, String digest) {
        StringBuilder text = new StringBuilder();
        text.append(digest != null ? digest + " for " : "New match for ").append('"').append(subscriptionName)
                .append("\"\n");
        for (AlertRaised alert : alerts) {
            text.append("\n").append(title(alert)).append("\n").append(alert.documentUrl()).append("\n");
            for (MatchedPassage passage : alert.passages()) {
                text.append("  > ").append(passage.highlighted().replace("<mark>", "*").replace("</mark>", "*"))
                        .append(why(passage)).append("\n");
            }
        }
        return text.toString();
    }

    static String html(String subscriptionName, List<AlertRaised> alerts, String digest) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html><body style=\"font-family:sans-serif\">");
        html.append("<p>").append(digest != null ? escape(digest) + " for " : "New match for ")
                .append("<strong>").append(escape(subscriptionName)).append("</strong></p>");
        for (AlertRaised alert : alerts) {
            html.append("<h3><a href=\"").append(escape(alert.documentUrl())).append("\">").append(escape(title(alert)))
                    .append("</a></h3><ul>");
            for (MatchedPassage passage : alert.passages()) {
                html.append("<li>").append(markedHtml(passage.highlighted())).append("<small>")
                        .append(escape(why(passage))).append("</small></li>");
            }
            html.append("</ul>");
        }
        return html.append("</body></html>").toString();
    }

    private static String title(AlertRaised alert) {
        return alert.documentTitle() == null || alert.documentTitle().isBlank() ? alert.documentId()
                : alert.documentTitle();
    }

    private static String why(MatchedPassage passage) {
        String domains = passage.domains() == null || passage.domains().isEmpty() ? ""
                : String.join(", ", passage.domains());
        String stance = passage.stance() == null ? "" : passage.stance().id();
        String both = domains.isEmpty() || stance.isEmpty() ? domains + stance : domains + "; " + stance;
        return both.isEmpty() ? "" : " (" + both + ")";
    }

    /** The passage's text is escaped; only the hit marks stay markup. */
    private static String markedHtml(String highlighted) {
        return escape(highlighted).replace("&lt;mark&gt;", "<mark>").replace("&lt;/mark&gt;", "</mark>");
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
