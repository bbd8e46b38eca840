package fr.terrain.mail.smtp;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The settings e-mail campaigns read from the data directory: {@code privacy.properties} (the
 * campaign's identity: {@code campaign.controller}, {@code campaign.address}, {@code campaign.contact},
 * {@code campaign.election}) and {@code mail.properties} ({@code mail.list}, {@code mail.from},
 * {@code mail.base-url}, {@code mail.unsubscribe-mailto}, {@code mail.signup-notice},
 * {@code smtp.host}, {@code smtp.port}, {@code smtp.tls}, {@code smtp.user}, {@code smtp.password}).
 * A key in mail.properties wins.
 */
public final class MailSettings {
    public static final String FILE_NAME = "mail.properties";

    private MailSettings() {}

    public static Map<String, String> read(Path home) {
        Map<String, String> out = new TreeMap<>();
        load(home.resolve("privacy.properties"), out);
        load(home.resolve(FILE_NAME), out);
        return Map.copyOf(out);
    }

    private static void load(Path file, Map<String, String> out) {
        if (!Files.exists(file)) {
            return;
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("impossible de lire " + file, e);
        }
        p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k)));
    }

    /** A commented mail.properties. */
    public static String template() {
        return """
                # Réglages des campagnes de courriel de Terrain (UTF-8). Voir docs/mail.md.
                # L'identité de la campagne (campaign.controller, campaign.address, campaign.contact,
                # campaign.election) est lue dans privacy.properties.
                mail.list=
                mail.from=
                # Adresse publique du serveur Terrain (liens de désinscription, inscription), https://…
                mail.base-url=
                # Adresse facultative pour les désinscriptions par courriel (List-Unsubscribe: mailto)
                mail.unsubscribe-mailto=
                # Version de la mention d'information montrée sur la page d'inscription (terrain consent notice)
                mail.signup-notice=
                smtp.host=
                smtp.port=25
                # none, starttls ou smtps
                smtp.tls=none
                smtp.user=
                # le mot de passe peut aussi venir de la variable d'environnement TERRAIN_SMTP_PASSWORD
                smtp.password=
                """;
    }
}
