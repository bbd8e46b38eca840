package fr.terrain.privacy;

import java.util.Objects;

/**
 * The scripted notice a canvasser reads at the door before recording any opinion (PRIVACY.md,
 * "Door-to-door canvassing": support or intention only with the person's express consent, recorded
 * after a scripted notice). The campaign's own text is the latest notice it registered for the
 * {@code canvass-opinion} channel ({@code terrain consent notice VERSION --channel canvass-opinion});
 * until it registers one, Terrain's default text below is printed, which is the only place that
 * text lives.
 *
 * @param version the notice's version, to cite when the consent is recorded
 * @param registered true when the campaign registered this text in its consent ledger
 */
public record CanvassNotice(String version, String text, boolean registered) {
    /** The version under which the default text is meant to be registered. */
    public static final String DEFAULT_VERSION = "terrain-porte-a-porte-1";

    public CanvassNotice {
        Objects.requireNonNull(version, "version");
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("mention de porte-à-porte vide");
        }
    }

    /** Terrain's default notice, naming the campaign's controller and contact (« à renseigner » while unset). */
    public static CanvassNotice standard(CampaignIdentity id) {
        return new CanvassNotice(DEFAULT_VERSION, defaultText(id), false);
    }

    /** The default text, in French, as read aloud at the door. */
    public static String defaultText(CampaignIdentity id) {
        return "Avant de vous demander votre avis : votre soutien ou votre intention de vote sont des opinions"
                + " politiques, des données sensibles (RGPD, article 9). Nous ne les noterons qu'avec votre accord"
                + " exprès, que vous pouvez refuser sans aucune conséquence et retirer à tout moment. Elles servent"
                + " seulement à organiser la campagne" + (CampaignIdentity.MISSING.equals(id.election()) ? ""
                        : " (" + id.election() + ")")
                + ", ne sont transmises à personne hors de l'équipe et sont effacées à la fin de la campagne."
                + " Responsable du traitement : " + id.controller() + ". Pour y accéder, les faire corriger ou"
                + " effacer, ou retirer votre accord : " + id.contact() + ". Vous pouvez aussi saisir la CNIL."
                + " Acceptez-vous que nous notions votre réponse ?";
    }

    /**
     * What whoever prints walk lists must hear about this notice: an incomplete text first ({@link #incomplete}), else
     * a text the campaign has not registered ({@link #unregistered}). Empty when the notice is registered and whole.
     */
    public java.util.Optional<String> warning(CampaignIdentity id, String settingsFile) {
        return incomplete(id, settingsFile).or(() -> unregistered(settingsFile));
    }

    /**
     * The default text, not registered: the sheets print it, but the canvassing page lets no opinion be noted until the
     * campaign registers its notice (a consent cites a registered text) — a canvasser was told « Notice indisponible »
     * at the door while the sheet in hand had a notice on it. Empty once a notice is registered.
     *
     * @param settingsFile as for {@link #incomplete}: null for a reader who does not register notices
     */
    public java.util.Optional<String> unregistered(String settingsFile) {
        if (registered) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("Mention de porte-à-porte non enregistrée : les feuilles de route impriment le texte"
                + " par défaut de Terrain, mais la page de porte-à-porte ne permet de noter aucun avis tant que la"
                + " campagne n'a pas enregistré sa mention" + (settingsFile == null
                        ? " (demandez-le à l'administrateur de Terrain)."
                        : " : terrain consent notice " + DEFAULT_VERSION + " --channel canvass-opinion --file mention.txt"
                                + " (le texte de la feuille, relu et complété)."));
    }

    /**
     * What an organizer must hear before printing walk lists with this notice, when it is not complete: the default
     * text names the controller and the contact from the settings and reads « à renseigner » while they are unset,
     * which prints as is on every sheet — an incomplete legal notice read at the door. Empty when nothing is missing.
     *
     * @param settingsFile where the campaign's settings live ({@code privacy.properties}), named in the warning; null
     *     for a reader who cannot change them (not the administrator), whom the warning asks to turn to them
     */
    public java.util.Optional<String> incomplete(CampaignIdentity id, String settingsFile) {
        if (!text.contains(CampaignIdentity.MISSING)) {
            return java.util.Optional.empty();
        }
        if (registered) {
            return java.util.Optional.of("Mention légale incomplète : la mention de porte-à-porte enregistrée (" + version
                    + ") contient « " + CampaignIdentity.MISSING + " » et s'imprime ainsi sur chaque feuille de route. "
                    + (settingsFile == null ? "Demandez à l'administrateur de Terrain d'en enregistrer une version complète."
                            : "Enregistrez-en une version complète : terrain consent notice VERSION --channel"
                                    + " canvass-opinion --file …"));
        }
        java.util.List<String> keys = new java.util.ArrayList<>();
        java.util.List<String> what = new java.util.ArrayList<>();
        if (CampaignIdentity.MISSING.equals(id.controller())) {
            keys.add("campaign.controller");
            what.add("du responsable du traitement");
        }
        if (CampaignIdentity.MISSING.equals(id.contact())) {
            keys.add("campaign.contact");
            what.add("du contact où exercer ses droits");
        }
        return java.util.Optional.of("Mention légale incomplète : les feuilles de route impriment « "
                + CampaignIdentity.MISSING + " » à la place " + String.join(" et ", what) + ". "
                + (settingsFile == null ? "Demandez à l'administrateur de Terrain de renseigner l'identité de la campagne"
                        : "Renseignez " + String.join(" et ", keys) + " dans " + settingsFile + " (terrain retention"
                                + " policy --init y ajoute les clés manquantes)")
                + ", puis imprimez les feuilles de nouveau.");
    }
}
