package fr.terrain.compliance;

import fr.terrain.privacy.CampaignIdentity;
import fr.terrain.privacy.RetentionPolicy;
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
 * The campaign's privacy settings: {@code privacy.properties} in the data directory (UTF-8), with
 * the retention delays and the campaign's identity for the register. Absent, the defaults apply.
 */
public record PrivacySettings(Path file, boolean exists, Map<String, String> values) {
    public static final String FILE_NAME = "privacy.properties";

    public static PrivacySettings read(Path home) {
        Path file = home.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return new PrivacySettings(file, false, Map.of());
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("impossible de lire " + file, e);
        }
        Map<String, String> values = new TreeMap<>();
        p.stringPropertyNames().forEach(k -> values.put(k, p.getProperty(k)));
        return new PrivacySettings(file, true, Map.copyOf(values));
    }

    /** The retention policy; a wrong value is refused with the file and key named. */
    public RetentionPolicy retention() {
        try {
            return RetentionPolicy.fromSettings(values);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + " : " + e.getMessage(), e);
        }
    }

    /** The key that lets walk lists print voters' names ({@code terrain turfs --with-names}); off by default. */
    public static final String WALK_LIST_NAMES = "walk-lists.names";

    /**
     * Whether the campaign allows voters' names on printed walk lists ({@code walk-lists.names=true});
     * a value other than true or false is refused with the file and key named.
     */
    public boolean namesOnWalkLists() {
        String v = values.getOrDefault(WALK_LIST_NAMES, "false").strip();
        if (v.equals("true") || v.equals("false")) {
            return v.equals("true");
        }
        throw new IllegalArgumentException(file + " : " + WALK_LIST_NAMES + " vaut true ou false, trouvé « " + v + " »");
    }

    public CampaignIdentity identity() {
        return CampaignIdentity.fromSettings(values);
    }

    /** A commented file with every key and its default, for {@code terrain retention policy --init}. */
    public static String template() {
        return """
                # Réglages de protection des données de Terrain (UTF-8). Voir docs/privacy.md.
                #
                # Durées de conservation, en durées ISO 8601 (P15D : 15 jours, P1M : un mois, P3Y : trois ans).
                # Listes électorales et d'émargement : après le dernier tour de l'élection.
                retention.electoral-list=P1M
                retention.sign-in-list=P1M
                # Adhérents : après la fin de l'adhésion.
                retention.members=P3M
                # Contacts réguliers : après le dernier contact à l'initiative de la personne.
                retention.regular-contacts=P3Y
                # Prospects sans consentement (fichiers loués, collecte de la campagne) : après la collecte.
                retention.commercial-with-consent=P6M
                retention.campaign-collected=P6M
                # Ouvertures et clics des courriels (suivi) : après le premier envoi de la campagne ; au plus P25M
                # (CNIL, traceurs de mesure d'audience). Les chiffres agrégés de la campagne restent.
                retention.mail-tracking=P13M

                # Feuilles de route (terrain turfs --pdf) : noms des électeurs imprimés avec --with-names seulement
                # si la campagne l'autorise ici ; chaque impression de noms est consignée au journal d'audit.
                walk-lists.names=false

                # Identité de la campagne, pour le registre des traitements (terrain register) et les réponses aux
                # demandes d'accès (terrain rights export) ; sans délégué : campaign.dpo=aucun délégué désigné.
                campaign.controller=
                campaign.address=
                campaign.contact=
                campaign.dpo=
                campaign.election=
                # Listes séparées par des points-virgules.
                register.recipients=
                register.processors=
                # Transferts hors de l'Union européenne et leurs garanties (RGPD art. 45 ou 46), ou « aucun ».
                register.transfers=

                # Règlement (UE) 2024/900 (publicité à caractère politique), art. 18 : comment la campagne a recueilli
                # le consentement explicite et distinct des personnes au ciblage sur leurs ouvertures et clics (segments
                # engaged:, tests A/B), par ex. « case distincte du formulaire d'inscription, version 3 ». Vide : les
                # commandes avertissent et le registre le dit. Voir docs/privacy.md.
                targeting.consent=
                """;
    }
}
