package io.policywatch.notify.email;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real SMTP endpoint on a loopback port that relays every connection, byte for byte, to an SMTP server behind it,
 * except that it refuses some recipients itself, as real mail servers do: {@code RCPT TO} an address whose local part
 * starts with {@value #REFUSED} is answered {@code 550} (permanent), with {@value #BUSY} {@code 450} (temporary).
 * Exact as a relay because the server behind it (GreenMail) does not offer PIPELINING: the client waits for each
 * reply before its next command.
 */
final class RefusingSmtpRelay implements AutoCloseable {

    static final String REFUSED = "refused-";
    static final String BUSY = "busy-";

    private static final Pattern RCPT_TO = Pattern.compile("RCPT TO:\\s?<([^>]*)>.*", Pattern.CASE_INSENSITIVE);

    private final ServerSocket server;
    private final String upstreamHost;
    private final int upstreamPort;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "smtp-relay");
        thread.setDaemon(true);
        return thread;
    });

    private RefusingSmtpRelay(ServerSocket server, String upstreamHost, int upstreamPort) {
        this.server = server;
        this.upstreamHost = upstreamHost;
        this.upstreamPort = upstreamPort;
    }

    static RefusingSmtpRelay start(String upstreamHost, int upstreamPort) {
        try {
            RefusingSmtpRelay relay = new RefusingSmtpRelay(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()),
                    upstreamHost, upstreamPort);
            relay.threads.execute(relay::accept);
            return relay;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String host() {
        return server.getInetAddress().getHostAddress();
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                threads.execute(() -> relay(client));
            } catch (IOException e) {
                // Closed.
            }
        }
    }

    private void relay(Socket client) {
        try (client; Socket upstream = new Socket(upstreamHost, upstreamPort)) {
            OutputStream toClient = client.getOutputStream();
            OutputStream toUpstream = upstream.getOutputStream();
            threads.execute(() -> copy(upstream, toClient));
            InputStream fromClient = client.getInputStream();
            byte[] line;
            while ((line = readLine(fromClient)) != null) {
                String refusal = refusal(new String(line, StandardCharsets.ISO_8859_1).strip());
                if (refusal == null) {
                    toUpstream.write(line);
                    toUpstream.flush();
                } else {
                    synchronized (toClient) {
                        toClient.write(refusal.getBytes(StandardCharsets.US_ASCII));
                        toClient.flush();
                    }
                }
            }
        } catch (IOException e) {
            // One side hung up.
        }
    }

    /** The reply this relay gives instead of the server behind it, or null to pass the line on. */
    private static String refusal(String command) {
        Matcher rcpt = RCPT_TO.matcher(command);
        if (!rcpt.matches()) {
            return null;
        }
        String address = rcpt.group(1);
        if (address.startsWith(REFUSED)) {
            return "550 5.1.1 <" + address + ">: Recipient address rejected: mailbox unavailable\r\n";
        }
        return address.startsWith(BUSY) ? "450 4.2.1 <" + address + ">: mailbox busy, try again later\r\n" : null;
    }

    private static void copy(Socket from, OutputStream to) {
        byte[] buffer = new byte[8192];
        try (InputStream in = from.getInputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                synchronized (to) {
                    to.write(buffer, 0, read);
                    to.flush();
                }
            }
        } catch (IOException e) {
            // One side hung up.
        }
    }

    /** The next line with its line end, or null at the end of the stream. */
    private static byte[] readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int next;
        while ((next = in.read()) >= 0) {
            line.write(next);
            if (next == '\n') {
                return line.toByteArray();
            }
        }
        return line.size() == 0 ? null : line.toByteArray();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // Closing is all that is asked.
        }
        threads.shutdownNow();
    }
}
