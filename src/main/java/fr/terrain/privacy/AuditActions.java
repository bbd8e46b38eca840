package fr.terrain.privacy;

import java.util.Map;

/**
 * What each action of the audit log means, in French, for the person answerable for the data who reads it
 * ({@code /audit}). The log itself keeps the short ids ({@code voters.view}): they are what the command line
 * filters on and what the hash chain covers.
 */
public final class AuditActions {
    private AuditActions() {}

    private static final Map<String, String> WORDS = Map.ofEntries(
            Map.entry("backup.restore", "sauvegarde restaurée"),
            Map.entry("backup.write", "sauvegarde écrite"),
            Map.entry("campaign.ab", "test A/B de courriel préparé"),
            Map.entry("campaign.ab.decide", "variante gagnante d'un test A/B choisie"),
            Map.entry("campaign.create", "campagne de courriel créée"),
            Map.entry("campaign.freeze", "destinataires d'une campagne figés"),
            Map.entry("campaign.preview", "aperçu d'un courriel pour un destinataire"),
            Map.entry("campaign.send", "campagne envoyée"),
            Map.entry("campaign.sharers", "lecteurs qui partagent une campagne consultés"),
            Map.entry("campaign.test-send", "courriel d'essai envoyé"),
            Map.entry("campaign.update", "campagne de courriel modifiée"),
            Map.entry("consent.notice", "texte d'information enregistré"),
            Map.entry("consent.record", "consentement enregistré"),
            Map.entry("consent.view", "consentements d'une personne consultés"),
            Map.entry("consent.withdraw", "consentement retiré"),
            Map.entry("contacts.import", "contacts importés"),
            Map.entry("election.change", "date ou découpage d'un tour d'élection remplacé"),
            Map.entry("election.remove", "élection supprimée avec ses résultats"),
            Map.entry("export", "adresses non rapprochées exportées (terrain doors match --unmatched)"),
            Map.entry("field.assign", "tournée attribuée"),
            Map.entry("field.outcome.correct", "porte corrigée par son militant (résultat remplacé)"),
            Map.entry("field.outcomes.export", "résultats du porte-à-porte exportés"),
            Map.entry("field.progress.volunteers", "bilans par militant consultés (progression)"),
            Map.entry("field.progress.volunteers.export", "bilans par militant exportés en CSV (progression)"),
            Map.entry("field.plan.delete", "plan de tournées supprimé"),
            Map.entry("field.plan.save", "plan de tournées enregistré (adresses des portes)"),
            Map.entry("field.turf.view", "tournée consultée"),
            Map.entry("field.turfs.cut", "découpage de tournées affiché (adresses des portes)"),
            Map.entry("invitation.create", "invitation de bénévole créée"),
            Map.entry("mail.bounces", "avis de non-remise lus"),
            Map.entry("retention.delete", "données supprimées par la conservation"),
            Map.entry("retention.run", "purge de conservation exécutée"),
            Map.entry("rights.add", "demande d'exercice des droits enregistrée"),
            Map.entry("rights.close", "demande d'exercice des droits close"),
            Map.entry("rights.erase", "personne effacée (droit à l'effacement)"),
            Map.entry("rights.export", "données d'une personne exportées (droit d'accès)"),
            Map.entry("rights.extend", "délai de réponse prolongé"),
            Map.entry("rights.lift", "limitation du traitement levée"),
            Map.entry("rights.list", "demandes d'exercice des droits consultées"),
            Map.entry("rights.refuse", "demande d'exercice des droits refusée"),
            Map.entry("rights.start", "demande d'exercice des droits prise en charge"),
            Map.entry("suppression.add", "inscription sur la liste d'opposition"),
            Map.entry("team.add", "équipe créée"),
            Map.entry("token.create", "jeton d'API créé"),
            Map.entry("token.revoke", "jeton d'API révoqué"),
            Map.entry("tracking.disable", "suivi des ouvertures et clics arrêté"),
            Map.entry("tracking.enable", "suivi des ouvertures et clics activé"),
            Map.entry("tracking.optout", "refus du suivi des ouvertures et clics"),
            Map.entry("user.add", "compte créé"),
            Map.entry("user.disable", "compte désactivé"),
            Map.entry("user.password", "mot de passe changé"),
            Map.entry("volunteer.team", "bénévole placé·e dans une équipe"),
            Map.entry("volunteers.view", "bénévoles consultés"),
            Map.entry("voters.address-correct", "adresse de la liste électorale corrigée"),
            Map.entry("voters.count", "électeurs comptés"),
            Map.entry("voters.export", "électeurs exportés"),
            Map.entry("voters.import", "données personnelles importées"),
            Map.entry("voters.unmatched.view", "adresses non rapprochées consultées"),
            Map.entry("voters.view", "électeurs consultés"),
            Map.entry("voters.walk-list", "feuilles de route imprimées, sans nom"),
            Map.entry("voters.walk-list-names", "feuilles de route imprimées avec les noms"));

    /** The action in words, or its id when it has none. */
    public static String words(String action) {
        return WORDS.getOrDefault(action, action);
    }

    /** The actions that have words. */
    public static java.util.Set<String> known() {
        return WORDS.keySet();
    }

    /** Whether the action has words of its own. */
    public static boolean known(String action) {
        return WORDS.containsKey(action);
    }
}
