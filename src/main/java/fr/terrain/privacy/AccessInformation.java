package fr.terrain.privacy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What an answer to an access request must tell besides the data themselves (GDPR art. 15(1)(a)–(h)
 * and 15(2)): who the controller is, why and on which ground each kind of data is processed, who
 * receives it, how long it is kept, the person's rights and how to use them, the right to complain to
 * the CNIL, whether any decision is automated, and transfers outside the Union. Written from the
 * campaign's settings and the categories the person's data actually come from, as the register is.
 */
public final class AccessInformation {
    /** The supervisory authority a person may complain to (art. 77). */
    public static final String CNIL = "Commission nationale de l'informatique et des libertés (CNIL), 3 place de"
            + " Fontenoy, TSA 80715, 75334 Paris Cedex 07 ; plainte en ligne : www.cnil.fr/fr/plaintes";

    private AccessInformation() {}

    /**
     * The information for a person whose data come from {@code held} (personal-data categories only are
     * described) and who has given at least one consent if {@code consentGiven}.
     */
    public static Map<String, Object> of(CampaignIdentity id, RetentionPolicy policy, Set<SourceCategory> held,
            boolean consentGiven) {
        return of(id, policy, held, consentGiven, false, false);
    }

    /**
     * As {@link #of(CampaignIdentity, RetentionPolicy, Set, boolean)}, describing too the identity record kept, whatever
     * the categories, for a person {@code onSuppressionList} (with the keyed hashes of their identifiers) or who
     * {@code hasRequests}: an objector whose list rows are gone is still told what is held and why.
     */
    public static Map<String, Object> of(CampaignIdentity id, RetentionPolicy policy, Set<SourceCategory> held,
            boolean consentGiven, boolean onSuppressionList, boolean hasRequests) {
        return of(id, policy, held, consentGiven, onSuppressionList, hasRequests, false);
    }

    /**
     * As above, describing too the opens and clicks of the campaign's messages held about the person ({@code tracked}):
     * a tracker's data, with their own retention (art. 15(1)(d)).
     */
    public static Map<String, Object> of(CampaignIdentity id, RetentionPolicy policy, Set<SourceCategory> held,
            boolean consentGiven, boolean onSuppressionList, boolean hasRequests, boolean tracked) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(policy, "policy");
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> controller = new LinkedHashMap<>();
        controller.put("name", id.controller());
        controller.put("address", id.address());
        controller.put("contact", id.contact());
        controller.put("dpo", id.dpo());
        out.put("controller", controller);

        List<Map<String, Object>> processing = new ArrayList<>();
        for (SourceCategory c : SourceCategory.values()) {
            if (!held.contains(c) || c == SourceCategory.OFFICIAL_OPEN_DATA || !c.allowed()) {
                continue;
            }
            ProcessingRegister.Basis b = ProcessingRegister.basis(c);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("sourceCategory", c.id());
            m.put("source", c.description());
            m.put("data", b.data());
            m.put("purpose", b.purpose());
            m.put("legalBasis", b.legalBasis());
            m.put("retention", policy.rule(c).map(RetentionRule::describe).orElse("sans objet")
                    + (consentGiven && (c == SourceCategory.CAMPAIGN_COLLECTED || c == SourceCategory.COMMERCIAL_WITH_CONSENT)
                            ? " ; avec votre consentement, tant que vous ne le retirez pas" : ""));
            processing.add(m);
        }
        if (tracked) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("record", TrackerData.MAIL_TRACKING.id());
            m.put("source", "nos courriels (pixel et liens de suivi)");
            m.put("data", "les ouvertures et les clics de nos messages : heure, message, lien suivi, type d'appareil"
                    + " (ordinateur, mobile…) ; ni adresse IP ni logiciel de messagerie");
            m.put("purpose", "mesurer l'audience de nos courriels, choisir leur heure d'envoi, comparer deux versions d'un"
                    + " message, écrire à qui a lu nos messages récemment");
            m.put("legalBasis", "celle que la campagne indique à son registre des traitements ; vous pouvez refuser ce"
                    + " suivi à tout moment par le lien « ne plus être suivi » de chaque message");
            m.put("retention", policy.rule(TrackerData.MAIL_TRACKING).map(RetentionRule::describe).orElse("sans objet")
                    + " ; ensuite ne restent que les chiffres d'ensemble de la campagne, qui ne vous désignent pas");
            processing.add(m);
        }
        if (onSuppressionList || hasRequests) {
            processing.add(identityRecord(onSuppressionList, hasRequests));
        }
        out.put("processing", processing);
        // the register's default text points at the role list that follows it there; nothing follows here
        out.put("recipients", id.recipients().stream().map(r -> CampaignIdentity.DEFAULT_RECIPIENTS.equals(r)
                ? "l'équipe de campagne, chaque membre n'accédant qu'à ce que son rôle lui permet" : r).toList());
        out.put("processors", id.processors());
        out.put("transfersOutsideEU", id.transfers());
        out.put("automatedDecisions", "Aucune décision produisant des effets juridiques à votre égard ou vous affectant"
                + " de manière significative n'est prise par un traitement automatisé (RGPD art. 22). Sur la liste"
                + " électorale, la campagne ne sélectionne que selon l'âge, le sexe, le bureau de vote et l'adresse ; son"
                + " ciblage vise des bureaux de vote, des immeubles et des rues, jamais une opinion qui vous serait prêtée."
                + " Si vous recevez ses courriels, elle choisit aussi leurs destinataires selon l'arrondissement, le bureau"
                + " de vote, les sujets d'intérêt indiqués, le consentement et le fait d'avoir ouvert ou cliqué un de ses"
                + " messages récemment ; elle mesure les ouvertures et les clics de ses messages (pixel et liens de suivi),"
                + " ce que chaque message permet de refuser, pour choisir l'heure d'envoi et comparer deux versions d'un"
                + " message.");

        // a contact not yet set reads « à renseigner » after its words, not « en écrivant à à renseigner »
        String how = (CampaignIdentity.MISSING.equals(id.contact()) ? "en écrivant au responsable (adresse : "
                + id.contact() + ")" : "en écrivant à " + id.contact()) + (CampaignIdentity.MISSING.equals(id.dpo()) ? ""
                : " ou au délégué à la protection des données (" + id.dpo() + ")")
                + " ; réponse dans le mois qui suit votre demande (RGPD art. 12.3)";
        List<Map<String, Object>> rights = new ArrayList<>();
        right(rights, "rectification", "16", "faire corriger une donnée inexacte ou compléter une donnée incomplète");
        right(rights, "effacement", "17", "faire effacer vos données ; une empreinte de vos identifiants (HMAC, calculée"
                + " avec une clé propre à la campagne) est alors conservée pour qu'aucun import ne vous réintroduise : elle"
                + " ne permet pas de retrouver vos données sans cette clé");
        right(rights, "limitation", "18", "faire suspendre l'usage de vos données le temps de vérifier une contestation");
        right(rights, "opposition", "21", "vous opposer à tout moment à la communication politique : inscrit(e) sur"
                + " notre liste d'opposition, vous n'êtes plus contacté(e) par aucun canal et aucun nouvel import ne vous"
                + " réintroduit");
        if (consentGiven) {
            right(rights, "retrait du consentement", "7.3", "retirer à tout moment un consentement donné, sans que cela"
                    + " remette en cause ce qui a été fait avant");
        }
        if (held.contains(SourceCategory.CAMPAIGN_COLLECTED) || held.contains(SourceCategory.COMMERCIAL_WITH_CONSENT)) {
            right(rights, "portabilité", "20", "recevoir les données que vous avez fournies avec votre consentement dans"
                    + " un format lisible par machine : le fichier JSON de cette réponse");
        }
        right(rights, "directives après décès", "loi Informatique et Libertés, art. 85",
                "définir le sort de vos données après votre décès");
        out.put("rights", rights);
        out.put("howToExercise", how);
        out.put("complaint", CNIL);
        return out;
    }

    /** The identity record kept to honour an objection and to answer (and prove the answer to) requests. */
    private static Map<String, Object> identityRecord(boolean listed, boolean requests) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("record", "identity");
        m.put("source", listed && requests ? "votre opposition et vos demandes" : listed ? "votre opposition"
                : "vos demandes");
        m.put("data", "identité (nom, prénoms, date de naissance)" + (listed
                ? " et empreintes (HMAC) de vos identifiants sur la liste d'opposition" : "")
                + (requests ? " ; vos demandes (type, dates, suite donnée)" : ""));
        m.put("purpose", listed && requests ? "respecter votre opposition et répondre à vos demandes (prouver qu'elles"
                + " ont été traitées)" : listed ? "respecter votre opposition"
                : "répondre à vos demandes (prouver qu'elles ont été traitées)");
        m.put("legalBasis", "obligation légale (RGPD art. 6.1.c, art. 12" + (listed ? " et 21)" : ")"));
        m.put("retention", (listed ? "tant que dure votre opposition" : "")
                + (listed && requests ? " ; " : "") + (requests ? "vos demandes, le temps de prouver leur traitement" : ""));
        return m;
    }

    private static void right(List<Map<String, Object>> rights, String name, String article, String what) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("right", name);
        m.put("article", article.chars().allMatch(ch -> Character.isDigit(ch) || ch == '.') ? "RGPD art. " + article
                : article);
        m.put("what", what);
        rights.add(m);
    }
}
