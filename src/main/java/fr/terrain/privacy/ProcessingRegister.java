package fr.terrain.privacy;

import fr.terrain.account.Permission;
import fr.terrain.account.Role;
import fr.terrain.election.Paris;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The register of processing activities (registre des activités de traitement, GDPR art. 30)
 * and the data-protection impact assessment template (AIPD, art. 35), written as Markdown from
 * the campaign's real configuration: the source categories it imported, its retention policy,
 * its identity and recipients.
 */
public final class ProcessingRegister {
    private ProcessingRegister() {}

    /** Why the data of a category is processed and on which legal ground. */
    record Basis(String subjects, String data, String purpose, String legalBasis) {}

    static Basis basis(SourceCategory c) {
        return switch (c) {
            case ELECTORAL_LIST -> new Basis("électeurs inscrits sur la liste électorale de la commune",
                    "état civil (nom, prénoms, sexe, date et lieu de naissance, nationalité pour les listes"
                            + " complémentaires), adresse, bureau de vote ; au porte-à-porte, par porte (jamais par nom) :"
                            + " résultat de la visite et sujet abordé, et un niveau de soutien seulement avec le"
                            + " consentement exprès de la personne, inscrit au registre des consentements",
                    "communication politique pour l'élection désignée à l'import (Code électoral, art. L.37) ;"
                            + " sélections limitées à l'âge, au sexe, au bureau de vote et à la géographie",
                    "intérêt légitime (RGPD art. 6.1.f) dans le cadre prévu par l'art. L.37 du Code électoral ;"
                            + " aucune opinion n'est déduite de la liste ; une opinion recueillie à la porte repose sur le"
                            + " consentement exprès de la personne (art. 9.2.a), après lecture de la mention");
            case SIGN_IN_LIST -> new Basis("électeurs d'un bureau de vote, votants ou abstentionnistes",
                    "identité, adresse, bureau, émargement (a voté ou non)",
                    "communication politique pour l'élection désignée ; les messages aux abstentionnistes le"
                            + " disent",
                    "intérêt légitime (RGPD art. 6.1.f), communication des listes d'émargement (Code électoral,"
                            + " art. L.68)");
            case MEMBERS -> new Basis("adhérents", "identité, coordonnées, adhésion et cotisations",
                    "vie de l'organisation et communication politique auprès de ses membres",
                    "activités légitimes d'un parti ou groupement politique (RGPD art. 9.2.d) ; jamais transmis"
                            + " hors de l'organisation sans consentement");
            case REGULAR_CONTACTS -> new Basis("personnes en contact régulier (sympathisants, donateurs, abonnés)",
                    "identité, coordonnées, historique des contacts",
                    "communication politique auprès de personnes ayant fait une démarche positive",
                    "activités légitimes d'un parti ou groupement politique (RGPD art. 9.2.d)");
            case COMMERCIAL_WITH_CONSENT -> new Basis("personnes d'un fichier loué ou acheté",
                    "identité, coordonnées par canal couvert par le consentement, fournisseur",
                    "communication politique par les seuls canaux consentis ; jamais de ciblage publicitaire en"
                            + " ligne",
                    "consentement exprès à l'usage politique (RGPD art. 6.1.a et 9.2.a), nom et contact du"
                            + " fournisseur conservés");
            case CAMPAIGN_COLLECTED -> new Basis("personnes rencontrées ou inscrites par la campagne (formulaires,"
                            + " porte-à-porte)", "identité, coordonnées, consentements et leur preuve",
                    "communication politique et organisation de terrain",
                    "consentement (RGPD art. 6.1.a et, pour les opinions, 9.2.a), recueilli après une notice"
                            + " scriptée et prouvé");
            default -> new Basis("—", "—", "données publiques agrégées", "—");
        };
    }

    /** The register as Markdown. Only the categories actually imported are listed as processed. */
    public static String markdown(CampaignIdentity id, List<SourceUse> uses, RetentionPolicy policy, LocalDate on) {
        return markdown(id, uses, Map.of(), List.of(), policy, on);
    }

    /**
     * The register as Markdown, with the records each tracker's data holds today ({@code trackers}: the opens and
     * clicks of e-mails), listed as a processing of its own with its retention when any is held, and the e-mail
     * campaigns with the targeting each used ({@code campaigns}), listed when there are any.
     */
    public static String markdown(CampaignIdentity id, List<SourceUse> uses, Map<TrackerData, Long> trackers,
            List<TargetedCampaign> campaigns, RetentionPolicy policy, LocalDate on) {
        Objects.requireNonNull(id, "id");
        StringBuilder md = new StringBuilder();
        md.append("# Registre des activités de traitement\n\n");
        md.append("Article 30 du RGPD — généré par Terrain le ").append(Paris.day(on))
                .append(" à partir de sa configuration réelle (journal des imports, politique de conservation,"
                        + " réglages de la campagne).\n\n");
        md.append("## 1. Responsable du traitement\n\n");
        md.append("- Responsable : ").append(id.controller()).append('\n');
        md.append("- Adresse : ").append(id.address()).append('\n');
        md.append("- Contact : ").append(id.contact()).append('\n');
        md.append("- Délégué à la protection des données : ").append(id.dpo()).append('\n');
        md.append("- Élection ou campagne : ").append(id.election()).append("\n\n");

        md.append("## 2. Traitement : communication politique et organisation de campagne\n\n");
        md.append("Finalités : connaître le territoire (résultats et données publiques agrégées), organiser le"
                + " porte-à-porte et communiquer avec les électeurs dans les limites fixées par la CNIL.\n\n");
        md.append("## 3. Sources de données personnelles utilisées\n\n");
        List<SourceUse> personal = uses.stream().filter(u -> u.category().personalData()).toList();
        if (personal.isEmpty()) {
            md.append("Aucune donnée personnelle n'a été importée à ce jour.\n\n");
        }
        for (SourceUse u : personal) {
            Basis b = basis(u.category());
            md.append("### ").append(u.category().id()).append(" — ").append(u.category().description()).append("\n\n");
            md.append("- Personnes concernées : ").append(b.subjects()).append('\n');
            md.append("- Données : ").append(b.data()).append('\n');
            md.append("- Finalité : ").append(b.purpose()).append('\n');
            md.append("- Base légale : ").append(b.legalBasis()).append('\n');
            if (u.imports() == 0) {
                md.append("- Imports : aucun (données saisies dans Terrain").append(switch (u.category()) {
                    case MEMBERS -> " : profils des bénévoles";
                    case CAMPAIGN_COLLECTED -> " : inscriptions par le formulaire de la campagne";
                    default -> "";
                }).append(")\n");
            } else {
                md.append("- Imports : ").append(Paris.count(u.imports())).append(" (du ").append(Paris.day(u.firstImport()))
                        .append(" au ").append(Paris.day(u.lastImport())).append("), fournisseurs : ")
                        .append(u.providers().isEmpty() ? "non précisé" : String.join(", ", new TreeSet<>(u.providers())))
                        .append('\n');
            }
            md.append("- Enregistrements détenus aujourd'hui : ").append(Paris.count(u.recordsHeld())).append('\n');
            md.append("- Durée de conservation : ").append(policy.rule(u.category()).map(RetentionRule::describe)
                    .orElse("sans objet")).append("\n\n");
        }
        long tracked = trackers.getOrDefault(TrackerData.MAIL_TRACKING, 0L);
        if (tracked > 0) {
            md.append("### ").append(TrackerData.MAIL_TRACKING.id()).append(" — ")
                    .append(TrackerData.MAIL_TRACKING.description()).append("\n\n");
            md.append("- Personnes concernées : destinataires des campagnes de courriel\n");
            md.append("- Données : ouverture ou clic, heure, message (ligne d'envoi), lien, code de partage, identifiant"
                    + " aléatoire du cookie de suivi (clics), classe d'appareil ; ni adresse IP ni User-Agent\n");
            md.append("- Finalité : mesure d'audience des campagnes, segment « engagés », heure d'envoi, tests A/B\n");
            md.append("- Base légale : à établir par le responsable (mesure désactivée par défaut, refus individuel par un"
                    + " lien de chaque message ; le projet de recommandation de la CNIL sur les pixels de suivi dans les"
                    + " courriels, soumis à consultation en 2025, demande un consentement pour la mesure individuelle)\n");
            md.append("- Enregistrements détenus aujourd'hui : ").append(Paris.count(tracked)).append('\n');
            md.append("- Durée de conservation : ").append(policy.rule(TrackerData.MAIL_TRACKING)
                    .map(RetentionRule::describe).orElse("sans objet"))
                    .append(" ; ensuite seuls restent les chiffres agrégés de chaque campagne, sans les cellules de moins"
                            + " de 10 destinataires\n\n");
        }
        targeting(md, campaigns);
        boolean openData = uses.stream().anyMatch(u -> !u.category().personalData());
        if (openData) {
            md.append("Données publiques agrégées (official-open-data : résultats par bureau, contours, IRIS, adresses"
                    + " de la BAN) : elles ne décrivent aucune personne et ne relèvent pas de ce registre.\n\n");
        }

        md.append("## 4. Durées de conservation configurées\n\n");
        md.append("| Catégorie de données | Règle | Utilisée |\n|---|---|---|\n");
        for (var e : policy.rules().entrySet()) {
            boolean used = e.getKey() instanceof TrackerData t ? trackers.getOrDefault(t, 0L) > 0
                    : personal.stream().anyMatch(u -> u.category() == e.getKey());
            md.append("| ").append(e.getKey().id()).append(" | ").append(e.getValue().describe()).append(" | ")
                    .append(used ? "oui" : "non (rien de détenu)").append(" |\n");
        }
        md.append("\nLa purge est appliquée chaque jour par le serveur (`terrain serve`), ou à la demande (`terrain"
                + " retention run`), et laisse un rapport de suppression dans `reports/` et une entrée dans le journal"
                + " d'audit.\n\n");

        md.append("## 5. Destinataires\n\n");
        for (String r : id.recipients()) {
            md.append("- ").append(r).append('\n');
        }
        md.append("\nAccès internes par rôle :\n\n");
        for (Role r : Role.values()) {
            md.append("- ").append(r.label()).append(" (").append(r.frenchName()).append(") : ").append(access(r))
                    .append('\n');
        }
        md.append("\n## 6. Sous-traitants\n\n");
        for (String p : id.processors()) {
            md.append("- ").append(p).append('\n');
        }
        md.append("\n## 7. Transferts hors de l'Union européenne\n\nTerrain ne charge aucune donnée vers un service"
                + " extérieur, sauf les courriels des campagnes, remis au serveur d'envoi (SMTP) que la campagne configure :"
                + " ce prestataire est un sous-traitant (section 6) et doit, comme l'hébergement, rester dans l'Union"
                + " (ou offrir les garanties de l'article 46 du RGPD). Les ouvertures et clics des courriels sont"
                + " enregistrés par Terrain lui-même (pixel et liens de redirection), sauf pour qui s'y oppose.\n\n"
                + "Transferts déclarés par la campagne (`register.transfers`) : ").append(id.transfers()).append("\n\n");
        md.append("## 8. Mesures de sécurité\n\n");
        md.append("- Accès par compte nominatif et rôle ; mots de passe en Argon2id ; sessions et jetons conservés en"
                + " empreinte SHA-256 ; blocage après échecs répétés.\n");
        md.append("- Journal d'audit chaîné (SHA-256) des actions d'administration et des imports de données"
                + " personnelles, vérifiable par `terrain audit verify`.\n");
        md.append("- Sources interdites refusées à l'import (fichiers publics, municipaux, RH, patients ou clients,"
                + " réseaux sociaux).\n");
        md.append("- Purge automatique selon la politique de conservation ci-dessus.\n");
        return md.toString();
    }

    /**
     * The campaigns' targeting (Regulation (EU) 2024/900): which campaigns chose their recipients or their message by
     * personal data, how, and on which declared consent; a processing of its own, listed once there are campaigns.
     */
    private static void targeting(StringBuilder md, List<TargetedCampaign> campaigns) {
        if (campaigns.isEmpty()) {
            return;
        }
        List<TargetedCampaign> targeted = campaigns.stream().filter(TargetedCampaign::targeted).toList();
        md.append("### Ciblage des courriels de campagne (règlement (UE) 2024/900)\n\n");
        md.append("- Traitement : choix des destinataires d'une campagne de courriel, ou du message qu'ils reçoivent,"
                + " d'après leurs données personnelles (techniques de ciblage au sens du règlement (UE) 2024/900 relatif"
                + " à la transparence et au ciblage de la publicité à caractère politique ; registre de l'art. 19)\n");
        md.append("- Campagnes concernées : ").append(targeted.size()).append(" campagne(s) sur ").append(campaigns.size())
                .append(" ; les autres sont allées à toute la liste, sans technique de ciblage\n");
        if (targeted.isEmpty()) {
            md.append('\n');
            return;
        }
        md.append("- Données : ").append(String.join(" ; ", new TreeSet<>(targeted.stream()
                .flatMap(c -> c.data().stream()).toList()))).append('\n');
        boolean undeclared = targeted.stream().anyMatch(c -> c.observed() && c.consent().isBlank());
        md.append("- Base légale : ").append(undeclared ? "à établir par le responsable : des campagnes ciblent sur des"
                + " données de suivi (ouvertures, clics) sans recueil déclaré du consentement explicite et distinct au"
                + " ciblage que demande l'art. 18 du règlement (UE) 2024/900 (targeting.consent)"
                : "consentement explicite et distinct au ciblage, tel que chaque campagne l'a déclaré à son envoi"
                        + " (art. 18 du règlement (UE) 2024/900), ou données fournies par les personnes").append("\n\n");
        md.append("| Campagne | État | Techniques et logique | Données | Consentement au ciblage déclaré |\n");
        md.append("|---|---|---|---|---|\n");
        for (TargetedCampaign c : targeted) {
            // a « | » typed in the setting would cut the table's row
            md.append("| ").append(c.name()).append(" | ").append(c.status()).append(" | ")
                    .append(String.join(" ; ", c.techniques())).append(" | ").append(String.join(" ; ", c.data()))
                    .append(" | ").append(c.consent().isBlank() ? "aucun recueil déclaré" : c.consent().replace("|", "/"))
                    .append(" |\n");
        }
        md.append('\n');
    }

    /** What a role reaches, in the register's words. */
    static String access(Role r) {
        List<String> parts = new ArrayList<>();
        if (r.has(Permission.READ_PERSONAL_DATA)) {
            parts.add("données personnelles " + (r.seesAllSectors() ? "de tous les secteurs" : "de ses secteurs"));
        } else if (r.has(Permission.READ_AGGREGATES)) {
            boolean only = !r.has(Permission.HANDLE_RIGHTS) && !r.has(Permission.READ_AUDIT);
            parts.add(only ? "agrégats seulement, jamais de données personnelles" : "agrégats");
        }
        if (r.has(Permission.MANAGE_DATA)) {
            parts.add("modification des données");
        }
        if (r.has(Permission.HANDLE_RIGHTS)) {
            parts.add("demandes d'exercice des droits (dossier entier de la personne qui les exerce, tous secteurs)");
        }
        if (r.has(Permission.READ_AUDIT)) {
            parts.add("journal d'audit et pages de conformité");
        }
        if (r.has(Permission.MANAGE_USERS)) {
            parts.add("gestion des comptes");
        }
        if (r.has(Permission.CANVASS_OWN_TURFS)) {
            parts.add(parts.isEmpty() ? "son seul porte-à-porte" : "son porte-à-porte");
        }
        return String.join(" ; ", parts);
    }

    /** A pre-filled data-protection impact assessment (AIPD) template, to complete and sign. */
    public static String dpiaTemplate(CampaignIdentity id, List<SourceUse> uses, RetentionPolicy policy, LocalDate on) {
        List<SourceUse> personal = uses.stream().filter(u -> u.category().personalData()).toList();
        StringBuilder md = new StringBuilder();
        md.append("# Analyse d'impact relative à la protection des données (AIPD)\n\n");
        md.append("Modèle pré-rempli par Terrain le ").append(Paris.day(on)).append(" (RGPD art. 35 ; méthode de la CNIL :"
                + " contexte, principes fondamentaux, risques, validation). Les passages « à compléter » sont"
                + " à rédiger par le responsable du traitement.\n\n");
        md.append("Une AIPD est requise : des données révélant des opinions politiques (art. 9) sont traitées à"
                + " grande échelle.\n\n");
        md.append("## 1. Contexte\n\n");
        md.append("- Responsable du traitement : ").append(id.controller()).append('\n');
        md.append("- Délégué à la protection des données : ").append(id.dpo()).append('\n');
        md.append("- Élection ou campagne : ").append(id.election()).append('\n');
        md.append("- Sources utilisées : ").append(personal.isEmpty() ? "aucune à ce jour"
                : personal.stream().map(u -> u.category().id()).collect(Collectors.joining(", "))).append('\n');
        // records, not persons: the electoral list's count holds its voters, and its doors and door outcomes too
        md.append("- Enregistrements de données personnelles détenus aujourd'hui : ").append(personal.isEmpty() ? "aucun"
                : personal.stream().map(u -> u.category().id() + " " + Paris.count(u.recordsHeld()))
                        .collect(Collectors.joining(", "))).append('\n');
        md.append("- Description fonctionnelle : à compléter (qui utilise Terrain, pour quoi, sur quel territoire)\n\n");
        md.append("## 2. Principes fondamentaux\n\n");
        md.append("| Principe | Mesure dans Terrain | À compléter |\n|---|---|---|\n");
        md.append("| Finalité et base légale | une catégorie de source déclarée à chaque import ; sources interdites"
                + " refusées | justification propre à la campagne |\n");
        md.append("| Minimisation | sélections sur liste électorale limitées à l'âge, au sexe, au bureau et à la"
                + " géographie ; analystes sans données personnelles | |\n");
        md.append("| Conservation | ");
        md.append(policy.rules().entrySet().stream().map(e -> e.getKey().id() + " : " + e.getValue().describe())
                .collect(Collectors.joining(" ; ")));
        md.append(" | durées validées par le DPO |\n");
        md.append("| Information et droits | à compléter (mentions, délai d'un mois pour répondre) | |\n\n");
        md.append("## 3. Risques\n\n");
        md.append("| Risque | Sources de risque | Mesures existantes | Gravité | Vraisemblance |\n|---|---|---|---|---|\n");
        md.append("| Accès illégitime aux données | compte compromis, membre d'équipe indélicat | rôles, secteurs,"
                + " Argon2id, blocage, journal d'audit | à évaluer | à évaluer |\n");
        md.append("| Modification non désirée | erreur d'import, altération de la base | imports atomiques, journal"
                + " chaîné vérifiable | à évaluer | à évaluer |\n");
        md.append("| Disparition ou conservation excessive | oubli de purge, perte du serveur | purge quotidienne"
                + " avec rapport ; sauvegardes chiffrées | à évaluer | à évaluer |\n\n");
        md.append("## 4. Plan d'action et validation\n\n");
        md.append("- Mesures complémentaires : à compléter\n");
        md.append("- Avis du DPO : à compléter\n");
        md.append("- Décision du responsable du traitement, date et signature : à compléter\n");
        return md.toString();
    }
}
