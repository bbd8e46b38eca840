package fr.terrain.mail.smtp;

import fr.terrain.mail.Bounce;
import jakarta.mail.BodyPart;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.URLName;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Delivery status notifications (RFC 3464): a {@code multipart/report; report-type=delivery-status}
 * whose second part ({@code message/delivery-status}) holds one block of fields per recipient
 * (Final-Recipient, Action, Status, Diagnostic-Code) and whose third part returns the original
 * message or its headers (for its Message-ID). Anything else is not a DSN and gives nothing.
 */
public final class DsnReader {
    private DsnReader() {}

    /** The bounces of one message (a .eml file, say); empty when it is not a DSN. */
    public static List<Bounce> read(InputStream raw) throws IOException {
        try {
            MimeMessage m = new MimeMessage(Session.getInstance(new Properties()), raw);
            return read(m);
        } catch (MessagingException e) {
            throw new IOException("message illisible : " + e.getMessage(), e);
        }
    }

    public static List<Bounce> read(Message m) throws IOException, MessagingException {
        ContentType type = new ContentType(m.getContentType());
        if (!type.match("multipart/report")) {
            return List.of();
        }
        String reportType = type.getParameter("report-type");
        if (reportType != null && !reportType.equalsIgnoreCase("delivery-status")) {
            return List.of();
        }
        Object content = m.getContent();
        if (!(content instanceof Multipart parts)) {
            return List.of();
        }
        String status = null;
        Optional<String> messageId = Optional.empty();
        for (int i = 0; i < parts.getCount(); i++) {
            BodyPart p = parts.getBodyPart(i);
            ContentType pt = new ContentType(p.getContentType());
            if (pt.match("message/delivery-status") || pt.match("message/global-delivery-status")) {
                status = text(p);
            } else if (pt.match("message/rfc822") || pt.match("text/rfc822-headers")
                    || pt.match("message/global-headers")) {
                messageId = originalMessageId(p);
            }
        }
        if (status == null) {
            return List.of();
        }
        List<Map<String, String>> blocks = blocks(status);
        List<Bounce> out = new ArrayList<>();
        for (int i = 1; i < blocks.size(); i++) {
            Map<String, String> b = blocks.get(i);
            String recipient = address(b.getOrDefault("final-recipient", b.get("original-recipient")));
            if (recipient == null || !b.containsKey("action")) {
                continue;
            }
            out.add(new Bounce(messageId, recipient, b.get("action"), statusCode(b.getOrDefault("status", "")),
                    b.get("diagnostic-code")));
        }
        return out;
    }

    private static String text(Part p) throws IOException, MessagingException {
        try (InputStream in = p.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Optional<String> originalMessageId(Part p) throws IOException, MessagingException {
        Object c = p.getContent();
        if (c instanceof Message original) {
            String[] ids = original.getHeader("Message-ID");
            return ids == null || ids.length == 0 ? Optional.empty() : Optional.of(ids[0].strip());
        }
        String headers = c instanceof InputStream in ? new String(in.readAllBytes(), StandardCharsets.UTF_8) : text(p);
        for (Map<String, String> b : blocks(headers)) {
            if (b.containsKey("message-id")) {
                return Optional.of(b.get("message-id").strip());
            }
        }
        return Optional.empty();
    }

    /** Header-like blocks separated by blank lines; continuation lines folded; names lower-cased. */
    static List<Map<String, String>> blocks(String text) {
        List<Map<String, String>> out = new ArrayList<>();
        Map<String, String> current = new LinkedHashMap<>();
        String last = null;
        for (String line : text.replace("\r\n", "\n").split("\n", -1)) {
            if (line.isBlank()) {
                if (!current.isEmpty()) {
                    out.add(current);
                    current = new LinkedHashMap<>();
                }
                last = null;
                continue;
            }
            if ((line.startsWith(" ") || line.startsWith("\t")) && last != null) {
                current.put(last, current.get(last) + " " + line.strip());
                continue;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                last = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
                current.putIfAbsent(last, line.substring(colon + 1).strip());
            }
        }
        if (!current.isEmpty()) {
            out.add(current);
        }
        return out;
    }

    /** "rfc822; Jean@Example.org" → "jean@example.org". */
    static String address(String field) {
        if (field == null) {
            return null;
        }
        int semi = field.indexOf(';');
        String a = (semi >= 0 ? field.substring(semi + 1) : field).strip();
        if (a.startsWith("<") && a.endsWith(">")) {
            a = a.substring(1, a.length() - 1);
        }
        return a.isEmpty() ? null : a.toLowerCase(Locale.ROOT);
    }

    /** "5.1.1 (bad destination mailbox)" → "5.1.1". */
    static String statusCode(String s) {
        var m = java.util.regex.Pattern.compile("[245]\\.\\d{1,3}\\.\\d{1,3}").matcher(s);
        return m.find() ? m.group() : s.strip();
    }

    /** What reading a mailbox found. */
    public record MailboxRead(int messages, int reports, List<Bounce> bounces) {}

    /**
     * Reads the DSNs of a mailbox ({@code imap://user@host:port/INBOX}, {@code imaps://…},
     * {@code pop3://…}); with {@code delete}, the reports read are deleted from it.
     */
    public static MailboxRead mailbox(String url, String password, boolean delete) throws MessagingException, IOException {
        URLName name = new URLName(url);
        Session session = Session.getInstance(new Properties());
        Store store = session.getStore(name.getProtocol());
        store.connect(name.getHost(), name.getPort(), name.getUsername(), password);
        try {
            Folder folder = store.getFolder(name.getFile() == null || name.getFile().isBlank() ? "INBOX" : name.getFile());
            folder.open(delete ? Folder.READ_WRITE : Folder.READ_ONLY);
            try {
                List<Bounce> out = new ArrayList<>();
                int reports = 0;
                Message[] messages = folder.getMessages();
                for (Message m : messages) {
                    // copy first: some stores stream the content once
                    java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
                    m.writeTo(buf);
                    List<Bounce> found = read(new ByteArrayInputStream(buf.toByteArray()));
                    if (!found.isEmpty()) {
                        reports++;
                        out.addAll(found);
                        if (delete) {
                            m.setFlag(Flags.Flag.DELETED, true);
                        }
                    }
                }
                return new MailboxRead(messages.length, reports, out);
            } finally {
                folder.close(delete);
            }
        } finally {
            store.close();
        }
    }
}
