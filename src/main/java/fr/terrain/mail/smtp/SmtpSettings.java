package fr.terrain.mail.smtp;

import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Where and how to send: host, port, TLS ({@code none}, {@code starttls} required, or {@code smtps}
 * implicit TLS), credentials. From the command line ({@code --smtp HOST:PORT}) or settings
 * ({@code smtp.host}, {@code smtp.port}, {@code smtp.tls}, {@code smtp.user}; the password from
 * {@code smtp.password} or the TERRAIN_SMTP_PASSWORD environment variable).
 */
public record SmtpSettings(String host, int port, Tls tls, String user, String password, int timeoutMillis) {
    public enum Tls { NONE, STARTTLS, SMTPS }

    public SmtpSettings {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("serveur SMTP manquant (--smtp HOTE:PORT ou smtp.host)");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port SMTP invalide : " + port);
        }
        tls = tls == null ? Tls.NONE : tls;
        timeoutMillis = timeoutMillis <= 0 ? 30_000 : timeoutMillis;
    }

    /** "HOST:PORT" with the other values from settings and the environment. */
    public static SmtpSettings of(String hostPort, Map<String, String> settings, Map<String, String> env) {
        String host;
        int port;
        if (hostPort != null) {
            int colon = hostPort.lastIndexOf(':');
            if (colon < 1) {
                throw new IllegalArgumentException("--smtp attend HOTE:PORT, par ex. 127.0.0.1:25 : " + hostPort);
            }
            host = hostPort.substring(0, colon);
            try {
                port = Integer.parseInt(hostPort.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("port SMTP invalide dans « " + hostPort + " »");
            }
        } else {
            host = settings.get("smtp.host");
            port = Integer.parseInt(settings.getOrDefault("smtp.port", "25").strip());
        }
        Tls tls = switch (settings.getOrDefault("smtp.tls", "none").strip().toLowerCase(Locale.ROOT)) {
            case "none", "" -> Tls.NONE;
            case "starttls" -> Tls.STARTTLS;
            case "smtps", "tls" -> Tls.SMTPS;
            default -> throw new IllegalArgumentException("smtp.tls : none, starttls ou smtps");
        };
        String password = env.getOrDefault("TERRAIN_SMTP_PASSWORD", settings.get("smtp.password"));
        return new SmtpSettings(host, port, tls, blank(settings.get("smtp.user")), blank(password),
                Integer.parseInt(settings.getOrDefault("smtp.timeout-ms", "30000").strip()));
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    public SmtpSettings withTls(Tls t, String user, String password) {
        return new SmtpSettings(host, port, t == null ? tls : t, user == null ? this.user : user,
                password == null ? this.password : password, timeoutMillis);
    }

    /** The Jakarta Mail session properties. */
    Properties properties() {
        Properties p = new Properties();
        String proto = tls == Tls.SMTPS ? "smtps" : "smtp";
        p.put("mail." + proto + ".host", host);
        p.put("mail." + proto + ".port", Integer.toString(port));
        p.put("mail." + proto + ".connectiontimeout", Integer.toString(timeoutMillis));
        p.put("mail." + proto + ".timeout", Integer.toString(timeoutMillis));
        p.put("mail." + proto + ".writetimeout", Integer.toString(timeoutMillis));
        p.put("mail." + proto + ".auth", Boolean.toString(user != null));
        // addresses with accents (RFC 6531): commands and headers in UTF-8, and SMTPUTF8 on MAIL FROM when the server
        // offers it; to a server that does not, EnvelopeAddress decides what may go
        p.put("mail.mime.allowutf8", "true");
        if (tls == Tls.STARTTLS) {
            p.put("mail.smtp.starttls.enable", "true");
            p.put("mail.smtp.starttls.required", "true");
        }
        if (tls == Tls.SMTPS) {
            p.put("mail.smtps.ssl.checkserveridentity", "true");
        }
        return p;
    }

    public String describe() {
        return host + ":" + port + (tls == Tls.NONE ? "" : " (" + tls.name().toLowerCase(Locale.ROOT) + ")");
    }
}
