package fr.terrain.web;

import fr.terrain.election.Paris;
import fr.terrain.privacy.ConsentChannel;
import fr.terrain.privacy.RightsRequest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * The access export (GDPR art. 15) as a page a person can read: everything held on them, and
 * where each item came from. Self-contained (no script, no outside resource), every value escaped. Written for
 * the person, in French: instants in Paris time, dates as « 03/09/2006 », codes as words (the JSON keeps the
 * machine forms).
 */
public final class AccessExportPage {
    /** How a consent was given or withdrawn ({@code terrain consent --method}); others are shown as given. */
    private static final Map<String, String> METHODS = Map.ofEntries(Map.entry("paper-form", "formulaire papier"),
            Map.entry("web-form", "formulaire en ligne"), Map.entry("letter", "courrier"),
            Map.entry("email", "courriel"), Map.entry("unsubscribe", "lien de désinscription"),
            Map.entry("sms-stop", "réponse STOP par SMS"), Map.entry("canvass", "porte-à-porte"),
            Map.entry("phone", "téléphone"));
    /** The list types of the arrêté du 12 novembre 2013 (TypeListe); others are shown as given. */
    private static final Map<String, String> LIST_TYPES = Map.of("LP", "liste principale",
            "LCE", "liste complémentaire (élections européennes)", "LCM", "liste complémentaire (élections municipales)");
    private static final Map<String, String> FIELDS = Map.ofEntries(Map.entry("id", "n° de ligne"),
            Map.entry("contest", "élection"), Map.entry("list_type", "type de liste"),
            Map.entry("commune_code", "code commune"), Map.entry("voter_number", "n° d'électeur"), Map.entry("sex", "sexe"),
            Map.entry("birth_name", "nom de naissance"), Map.entry("usage_name", "nom d'usage"),
            Map.entry("first_names", "prénoms"), Map.entry("birth_date", "date de naissance"),
            Map.entry("birth_commune", "commune de naissance"), Map.entry("birth_department", "département de naissance"),
            Map.entry("birth_country", "pays de naissance"), Map.entry("nationality", "nationalité"),
            Map.entry("bureau", "bureau de vote"), Map.entry("station_code", "code du bureau"),
            Map.entry("address_number", "numéro"), Map.entry("street_type", "type de voie"),
            Map.entry("street_name", "voie"), Map.entry("address_complement1", "complément 1"),
            Map.entry("address_complement2", "complément 2"), Map.entry("lieu_dit", "lieu-dit"),
            Map.entry("postcode", "code postal"), Map.entry("city", "ville"), Map.entry("country", "pays"));

    private AccessExportPage() {}

    @SuppressWarnings("unchecked")
    public static String html(Map<String, Object> file) {
        StringBuilder b = new StringBuilder();
        Map<String, Object> request = (Map<String, Object>) file.get("request");
        Map<String, Object> person = (Map<String, Object>) file.get("person");
        // no icon to fetch (the browser asked /favicon.ico, a 404 in the console)
        b.append("<!doctype html>\n<html lang=\"fr\"><head><meta charset=\"utf-8\"><link rel=\"icon\" href=\"data:,\">"
                + "<title>Vos données — demande n° ")
                .append(e(request.get("id"))).append("</title><style>body{font-family:sans-serif;max-width:60rem;margin:2rem auto;"
                        + "padding:0 1rem;line-height:1.4}table{border-collapse:collapse;margin:.5rem 0 1.2rem}"
                        + "td,th{border:1px solid #bbb;padding:.25rem .5rem;text-align:left;vertical-align:top}"
                        + "th{background:#eef2f7}.origin{color:#444;font-size:.9rem}</style></head><body>\n");
        b.append("<h1>Les données que la campagne détient sur vous</h1>\n<p>Réponse à votre demande d'accès n° ")
                .append(e(request.get("id"))).append(" reçue le ").append(e(day(request.get("receivedOn"))))
                .append(" (RGPD, article 15). Document établi le ").append(e(when(file.get("generatedAt")))).append(".</p>\n");
        Map<String, Object> info = (Map<String, Object>) file.get("information");
        Map<String, Object> controller = (Map<String, Object>) info.get("controller");
        b.append("<h2>Qui traite vos données</h2>\n<table>");
        row(b, "Responsable du traitement", controller.get("name"));
        row(b, "Adresse", controller.get("address"));
        row(b, "Contact", controller.get("contact"));
        row(b, "Délégué à la protection des données", controller.get("dpo"));
        b.append("</table>\n");
        b.append("<h2>Identité</h2>\n<table>");
        row(b, "Nom de naissance", person.get("birthName"));
        row(b, "Prénoms", person.get("firstNames"));
        row(b, "Date de naissance", person.get("birthDate") == null ? null : day(person.get("birthDate")));
        row(b, "Fiche créée le", when(person.get("recordCreatedAt")));
        b.append("</table>\n");

        List<Map<String, Object>> rows = (List<Map<String, Object>>) file.get("electoralListRows");
        b.append("<h2>Liste électorale</h2>\n");
        if (rows.isEmpty()) {
            b.append("<p>Aucune donnée de liste électorale.</p>\n");
        }
        for (Map<String, Object> r : rows) {
            Map<String, Object> o = (Map<String, Object>) r.get("origin");
            b.append("<p class=\"origin\">Origine : ").append(e(o.get("source")))
                    .append(", fournie par ").append(e(o.get("provider") == null ? "—" : o.get("provider")))
                    .append(", obtenue le ").append(e(day(o.get("collectedOn")))).append(", fichier ").append(e(o.get("file")))
                    .append(" importé le ").append(e(when(o.get("importedAt")))).append(" (import n° ").append(e(o.get("importId")))
                    .append(").").append(o.get("retention") == null ? "" : " Conservée " + e(o.get("retention"))
                            + (o.get("keptThrough") == null ? "" : ", soit jusqu'au " + e(day(o.get("keptThrough"))) + " inclus")
                            + (Boolean.TRUE.equals(o.get("retentionElapsed")) ? " ; durée écoulée : ces données doivent"
                                    + " être supprimées" : "")
                            + ".").append("</p>\n<table>");
            for (var f : ((Map<String, Object>) r.get("data")).entrySet()) {
                if (f.getValue() != null) {
                    row(b, FIELDS.getOrDefault(f.getKey(), f.getKey()), "list_type".equals(f.getKey())
                            ? LIST_TYPES.getOrDefault(String.valueOf(f.getValue()), String.valueOf(f.getValue()))
                            : day(f.getValue()));
                }
            }
            b.append("</table>\n");
        }

        List<Map<String, Object>> contacts = (List<Map<String, Object>>) file.get("contacts");
        b.append("<h2>Coordonnées</h2>\n");
        if (contacts.isEmpty()) {
            b.append("<p>Aucune adresse électronique ni aucun numéro de téléphone.</p>\n");
        } else {
            b.append("<table><tr><th>Type</th><th>Valeur</th><th>Origine</th></tr>");
            for (Map<String, Object> c : contacts) {
                Map<String, Object> o = (Map<String, Object>) c.get("origin");
                b.append("<tr><td>").append(e("email".equals(c.get("kind")) ? "courriel" : "téléphone")).append("</td><td>")
                        .append(e(c.get("value"))).append("</td><td class=\"origin\">").append(e(o.get("source")))
                        .append(o.get("provider") == null ? "" : ", " + e(o.get("provider"))).append(", le ")
                        .append(e(day(o.get("collectedOn")))).append("</td></tr>");
            }
            b.append("</table>\n");
        }

        List<Map<String, Object>> mail = (List<Map<String, Object>>) file.getOrDefault("emailContacts", List.of());
        if (!mail.isEmpty()) {
            b.append("<h2>Contact par courriel</h2>\n");
            for (Map<String, Object> m : mail) {
                b.append("<table>");
                row(b, "Adresse", m.get("email"));
                row(b, "Prénom", m.get("firstName"));
                row(b, "Secteur (arrondissement)", m.get("sector"));
                row(b, "Bureau de vote", m.get("station"));
                row(b, "Sujets d'intérêt", m.get("topics"));
                row(b, "Contact régulier", Boolean.TRUE.equals(m.get("regularContact")) ? "oui" : "non");
                b.append("</table>\n");
                List<Map<String, Object>> messages = (List<Map<String, Object>>) m.get("messages");
                if (messages.isEmpty()) {
                    b.append("<p>Aucun message de campagne ne vous a été adressé.</p>\n");
                } else {
                    b.append("<table><tr><th>Campagne</th><th>Objet</th><th>État</th><th>Envoyé le</th>"
                            + "<th>Ouvertures</th><th>Clics</th></tr>");
                    for (Map<String, Object> msg : messages) {
                        b.append("<tr><td>").append(e(msg.get("campaign"))).append("</td><td>").append(e(msg.get("subject")))
                                .append("</td><td>").append(e(fr.terrain.mail.OutboxState.of(String.valueOf(msg.get("state"))).label()))
                                .append("</td><td>").append(e(msg.get("sentAt") == null ? "" : when(msg.get("sentAt"))))
                                .append("</td><td>").append(e(msg.get("opens"))).append("</td><td>").append(e(msg.get("clicks")))
                                .append("</td></tr>");
                    }
                    b.append("</table>\n");
                }
            }
        }

        Map<String, Object> consents = (Map<String, Object>) file.get("consents");
        b.append("<h2>Consentements</h2>\n<table><tr><th>Canal</th><th>Aujourd'hui</th></tr>");
        for (var c : ((Map<String, Object>) consents.get("now")).entrySet()) {
            b.append("<tr><td>").append(e(channel(c.getKey()))).append("</td><td>").append(e(switch (String.valueOf(c.getValue())) {
                case "given" -> "donné";
                case "withdrawn" -> "retiré";
                default -> "jamais donné";
            })).append("</td></tr>");
        }
        b.append("</table>\n");
        List<Map<String, Object>> history = (List<Map<String, Object>>) consents.get("history");
        if (!history.isEmpty()) {
            b.append("<table><tr><th>Date</th><th>Canal</th><th>Événement</th><th>Comment</th><th>Mention montrée</th>"
                    + "<th>Preuve</th><th>Enregistré</th></tr>");
            for (Map<String, Object> h : history) {
                // who recorded it is a staff account's name: kept in the JSON, meaningless to the person
                b.append("<tr><td>").append(e(when(h.get("effectiveAt")))).append("</td><td>").append(e(channel(h.get("channel"))))
                        .append("</td><td>").append(e("given".equals(h.get("event")) ? "donné" : "retiré")).append("</td><td>")
                        .append(e(METHODS.getOrDefault(String.valueOf(h.get("method")), String.valueOf(h.get("method")))))
                        .append("</td><td>")
                        .append(h.get("noticeVersion") == null ? "—" : e(h.get("noticeVersion")) + " : « "
                                + e(h.get("noticeText")) + " »")
                        .append("</td><td>").append(e(h.get("evidence") == null ? "—" : h.get("evidence")))
                        .append("</td><td>par l'équipe de campagne, le ").append(e(when(h.get("recordedAt"))))
                        .append("</td></tr>");
            }
            b.append("</table>\n");
        }

        Map<String, Object> suppression = (Map<String, Object>) file.get("suppression");
        b.append("<h2>Liste d'opposition</h2>\n<p>").append(Boolean.TRUE.equals(suppression.get("listed"))
                ? "Vous êtes inscrit(e) sur notre liste d'opposition : vous ne serez plus contacté(e) et aucun nouvel import"
                        + " de fichier ne vous réintroduira."
                : "Vous n'êtes pas inscrit(e) sur notre liste d'opposition. Vous pouvez vous opposer à tout moment.")
                .append("</p>\n");
        if (file.get("restrictedSince") != null) {
            b.append("<h2>Limitation du traitement</h2>\n<p>À votre demande, depuis le ")
                    .append(e(when(file.get("restrictedSince")))).append(", vos données sont conservées mais ne servent"
                            + " plus : aucun message, aucune liste, aucune feuille de route ne vous mentionne. Nous vous"
                            + " préviendrons avant de lever cette limitation (RGPD art. 18).</p>\n");
        }

        b.append("<h2>Vos demandes</h2>\n<table><tr><th>N°</th><th>Type</th><th>Reçue le</th><th>Échéance</th>"
                + "<th>Statut</th></tr>");
        for (Map<String, Object> r : (List<Map<String, Object>>) file.get("rightsRequests")) {
            b.append("<tr><td>").append(e(r.get("id"))).append("</td><td>").append(e(RightsRequest.Kind.of(String.valueOf(r.get("kind"))).label()))
                    .append("</td><td>").append(e(day(r.get("receivedOn")))).append("</td><td>")
                    .append(e(day(r.get("extendedDueOn") != null ? r.get("extendedDueOn") : r.get("dueOn")))).append("</td><td>")
                    .append(e(RightsRequest.Status.of(String.valueOf(r.get("status"))).label())).append("</td></tr>");
        }
        b.append("</table>\n");
        information(b, info);
        b.append("</body></html>\n");
        return b.toString();
    }

    /** Why, on which ground, for how long, for whom, and the person's rights (GDPR art. 15(1)(a)–(h), 15(2)). */
    @SuppressWarnings("unchecked")
    private static void information(StringBuilder b, Map<String, Object> info) {
        b.append("<h2>Pourquoi ces données sont traitées</h2>\n");
        List<Map<String, Object>> processing = (List<Map<String, Object>>) info.get("processing");
        if (processing.isEmpty()) {
            b.append("<p>Aucune donnée personnelle ne vous concerne en dehors de vos demandes.</p>\n");
        } else {
            b.append("<table><tr><th>Origine</th><th>Données</th><th>Finalité</th><th>Base légale</th>"
                    + "<th>Durée de conservation</th></tr>");
            for (Map<String, Object> p : processing) {
                b.append("<tr><td>").append(e(p.get("source"))).append("</td><td>").append(e(p.get("data")))
                        .append("</td><td>").append(e(p.get("purpose"))).append("</td><td>").append(e(p.get("legalBasis")))
                        .append("</td><td>").append(e(p.get("retention"))).append("</td></tr>");
            }
            b.append("</table>\n");
        }
        b.append("<h2>Qui les reçoit</h2>\n<ul>");
        for (Object r : (List<Object>) info.get("recipients")) {
            b.append("<li>").append(e(r)).append("</li>");
        }
        for (Object p : (List<Object>) info.get("processors")) {
            b.append("<li>sous-traitant : ").append(e(p)).append("</li>");
        }
        b.append("</ul>\n<p>Transferts hors de l'Union européenne : ").append(e(info.get("transfersOutsideEU")))
                .append("</p>\n");
        b.append("<h2>Décisions automatisées</h2>\n<p>").append(e(info.get("automatedDecisions"))).append("</p>\n");
        b.append("<h2>Vos droits</h2>\n<ul>");
        for (Map<String, Object> r : (List<Map<String, Object>>) info.get("rights")) {
            b.append("<li><strong>").append(e(r.get("right"))).append("</strong> (").append(e(r.get("article")))
                    .append(") : ").append(e(r.get("what"))).append("</li>");
        }
        b.append("</ul>\n<p>Pour les exercer : ").append(e(info.get("howToExercise"))).append(".</p>\n");
        b.append("<p>Vous pouvez à tout moment adresser une réclamation à la ")
                .append(e(info.get("complaint"))).append(" (RGPD art. 77).</p>\n");
    }

    /** A channel's French name, or the code if unknown. */
    private static String channel(Object id) {
        return ConsentChannel.find(String.valueOf(id)).map(ConsentChannel::label).orElse(String.valueOf(id));
    }

    /** An instant (ISO, as the file writes them) in Paris time: « 05/10/2026 à 00:00 »; a day as {@link #day}. */
    static String when(Object value) {
        String t = String.valueOf(value);
        try {
            return Paris.minute(Instant.parse(t));
        } catch (DateTimeParseException notInstant) {
            return day(t);
        }
    }

    /** An ISO date as « 03/09/2006 »; anything else as given. */
    static String day(Object value) {
        String t = String.valueOf(value);
        try {
            return Paris.day(LocalDate.parse(t));
        } catch (DateTimeParseException notDate) {
            return t;
        }
    }

    private static void row(StringBuilder b, String label, Object value) {
        b.append("<tr><th>").append(e(label)).append("</th><td>").append(e(value == null ? "—" : value)).append("</td></tr>");
    }

    private static String e(Object o) {
        return Replies.escape(String.valueOf(o));
    }
}
