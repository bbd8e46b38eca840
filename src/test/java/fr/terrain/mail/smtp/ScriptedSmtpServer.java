package fr.terrain.mail.smtp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A minimal SMTP server, in process and over a real socket, for what GreenMail cannot be made to do on cue: read the
 * first message up to its final dot and close the connection with no reply (after that it accepts every message),
 * refuse one recipient (550), or offer SMTPUTF8 (RFC 6531). GreenMail 2.1 does not announce SMTPUTF8 and reads
 * commands as ASCII, so an accented envelope address reaches it mangled. Commands and messages are read as UTF-8 and
 * kept as received: the envelope's MAIL FROM lines and recipients, and each accepted message by recipient.
 */
public final class ScriptedSmtpServer implements AutoCloseable {
    private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    private final List<String> accepted = Collections.synchronizedList(new ArrayList<>());
    private final List<String> mailFrom = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, String> messages = Collections.synchronizedMap(new LinkedHashMap<>());
    private final AtomicBoolean dropNext = new AtomicBoolean();
    private final String refuse;
    private final boolean smtpUtf8;
    private volatile String dropped;

    private ScriptedSmtpServer(boolean dropFirst, String refuse, boolean smtpUtf8) throws IOException {
        this.refuse = refuse;
        this.smtpUtf8 = smtpUtf8;
        dropNext.set(dropFirst);
        Thread.ofVirtual().start(() -> {
            while (!socket.isClosed()) {
                try {
                    Socket c = socket.accept();
                    Thread.ofVirtual().start(() -> serve(c));
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    /** Drops the first message after its final dot, without a reply; accepts the others. */
    public static ScriptedSmtpServer droppingTheFirstMessage() throws IOException {
        return new ScriptedSmtpServer(true, null, false);
    }

    /** Refuses {@code address} at RCPT TO (550 5.1.1, quoting it); accepts the others. */
    public static ScriptedSmtpServer refusing(String address) throws IOException {
        return new ScriptedSmtpServer(false, address, false);
    }

    /** Announces SMTPUTF8 (and 8BITMIME) in its EHLO reply; accepts every message. */
    public static ScriptedSmtpServer offeringSmtpUtf8() throws IOException {
        return new ScriptedSmtpServer(false, null, true);
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** The recipient of the message dropped after its final dot, or null. */
    public String dropped() {
        return dropped;
    }

    /** The envelope recipients (RCPT TO) of the accepted messages, in order, as received. */
    public List<String> accepted() {
        return List.copyOf(accepted);
    }

    /** Every MAIL FROM command line received, parameters included. */
    public List<String> mailFrom() {
        return List.copyOf(mailFrom);
    }

    /** The message accepted for this envelope recipient, as received (dot-stuffing undone, CRLF line ends), or null. */
    public String message(String recipient) {
        return messages.get(recipient);
    }

    private void serve(Socket c) {
        try (c; var in = new BufferedReader(new InputStreamReader(c.getInputStream(), StandardCharsets.UTF_8));
                var out = new PrintWriter(new OutputStreamWriter(c.getOutputStream(), StandardCharsets.UTF_8), true)) {
            out.print("220 test ESMTP\r\n");
            out.flush();
            String rcpt = null;
            for (String line; (line = in.readLine()) != null; ) {
                String cmd = line.toUpperCase(Locale.ROOT);
                if (cmd.startsWith("EHLO") && smtpUtf8) {
                    out.print("250-test\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n");
                } else if (cmd.startsWith("MAIL FROM:")) {
                    mailFrom.add(line);
                    out.print("250 ok\r\n");
                } else if (cmd.startsWith("RCPT TO:")) {
                    rcpt = line.substring(line.indexOf('<') + 1, line.indexOf('>'));
                    // as Postfix says it, quoting the address
                    out.print(rcpt.equalsIgnoreCase(refuse) ? "550 5.1.1 <" + rcpt + ">: Recipient address rejected: User"
                            + " unknown in local recipient table\r\n" : "250 ok\r\n");
                } else if (cmd.equals("DATA")) {
                    out.print("354 go\r\n");
                    out.flush();
                    StringBuilder data = new StringBuilder();
                    for (String d; (d = in.readLine()) != null && !d.equals("."); ) {
                        data.append(d.startsWith("..") ? d.substring(1) : d).append("\r\n");
                    }
                    if (dropNext.compareAndSet(true, false)) {
                        dropped = rcpt;
                        return;
                    }
                    accepted.add(rcpt);
                    messages.put(rcpt, data.toString());
                    out.print("250 queued\r\n");
                } else if (cmd.equals("QUIT")) {
                    out.print("221 bye\r\n");
                    out.flush();
                    return;
                } else {
                    out.print("250 ok\r\n");
                }
                out.flush();
            }
        } catch (IOException | RuntimeException e) {
            // the client went away
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
