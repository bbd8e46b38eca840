package fr.terrain.mail;

import fr.terrain.election.SectorCodes;
import fr.terrain.election.SectorNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The targeting techniques a campaign uses, in the sense of Regulation (EU) 2024/900 on the transparency and targeting
 * of political advertising: choosing who receives a message, or which message they receive, by processing their
 * personal data. Each use says the data it reads, where that data comes from and its logic in words: what the
 * campaign's record (art. 19) and the register of processing write. Choosing by consent status is not one: it decides
 * who may be written to at all. See docs/adr/0025-political-advertising-regulation.md.
 */
public record Targeting(List<Use> uses) {
    /** The regulation, as the commands and pages name it. */
    public static final String REGULATION = "règlement (UE) 2024/900";

    /** The privacy.properties key where the campaign says how it collected the explicit consent to targeting. */
    public static final String CONSENT_KEY = "targeting.consent";

    /**
     * A kind of targeting Terrain can do, with the data it reads; {@code observed}: tracking data (what the person did
     * with our messages), not data the person or the imported file provided.
     */
    public enum Technique {
        GEOGRAPHY("geography", "sélection géographique", "arrondissement ou commune, bureau de vote", false),
        INTERESTS("interests", "sélection par sujet", "sujets d'intérêt du contact (colonne topics)", false),
        ENGAGEMENT("engagement", "sélection selon l'engagement (segment engaged:)",
                "ouvertures et clics de nos messages, avec leur date", true),
        AB_TEST("ab-test", "test A/B (choix du message)", "ouvertures ou clics des destinataires de l'échantillon", true);

        private final String id;
        private final String label;
        private final String data;
        private final boolean observed;

        Technique(String id, String label, String data, boolean observed) {
            this.id = id;
            this.label = label;
            this.data = data;
            this.observed = observed;
        }

        public String id() {
            return id;
        }

        public String label() {
            return label;
        }

        /** The categories of personal data it reads. */
        public String data() {
            return data;
        }

        public boolean observed() {
            return observed;
        }

        /** Where its data comes from, as the JSON says it: {@code provided} or {@code observed}. */
        public String origin() {
            return observed ? "observed" : "provided";
        }

        /** The same in French, after the data it qualifies: « (observées) ». */
        public String originText() {
            return observed ? "observées" : "fournies par la personne ou le fichier importé";
        }
    }

    /** What the settings ({@code privacy.properties}, read with mail.properties) declare of that consent, if anything. */
    public static Optional<String> declaredConsent(java.util.Map<String, String> settings) {
        return Optional.ofNullable(settings.get(CONSENT_KEY)).map(String::strip).filter(v -> !v.isEmpty());
    }

    /** One technique as this campaign uses it, and its logic in words. */
    public record Use(Technique technique, String logic) {}

    public Targeting {
        uses = List.copyOf(uses);
    }

    /**
     * « arrondissement 11 ou 12 » (as always), « arrondissement 12 ou Concarneau (29039) »: a commune by its name when
     * {@code names} knows it, else by its code (« commune 29039 », ADR 0033).
     */
    private static String sectors(Set<Integer> sectors, SectorNames names) {
        TreeSet<Integer> sorted = new TreeSet<>(sectors);
        if (sorted.stream().allMatch(SectorCodes::isArrondissement)) {
            return "arrondissement " + String.join(" ou ", sorted.stream().map(String::valueOf).toList());
        }
        return String.join(" ou ", sorted.stream().map(n -> SectorCodes.isArrondissement(n) ? "arrondissement " + n
                : names.of(n)).toList());
    }

    /**
     * The techniques of a campaign with this segment; {@code names}: the names of the communes its {@code sector:} terms
     * choose ({@link Segment#namedSectors}), those it lacks written by their code; {@code abMetric} is the metric of the
     * A/B test the campaign is a variant or the winner of ({@code open} or {@code click}), if any.
     */
    public static Targeting of(Segment segment, SectorNames names, Optional<String> abMetric) {
        List<Use> uses = new ArrayList<>();
        for (Segment.Term t : segment.terms()) {
            switch (t) {
                case Segment.Sector s -> uses.add(new Use(Technique.GEOGRAPHY, sectors(s.sectors(), names)));
                case Segment.Station s -> uses.add(new Use(Technique.GEOGRAPHY, "bureau de vote "
                        + String.join(" ou ", new TreeSet<>(s.codes()))));
                case Segment.Topic s -> uses.add(new Use(Technique.INTERESTS, "sujet "
                        + String.join(" ou ", new TreeSet<>(s.topics()))));
                case Segment.Engaged e -> uses.add(new Use(Technique.ENGAGEMENT, "a ouvert ou cliqué un de nos messages"
                        + " dans les " + e.days() + " derniers jours (automates écartés)"));
                case Segment.All a -> { }
                case Segment.Consent c -> { }
            }
        }
        abMetric.ifPresent(m -> uses.add(new Use(Technique.AB_TEST, "échantillon tiré au hasard, moitié variante A,"
                + " moitié variante B ; le message qui obtient le plus de " + (m.equals("open") ? "ouvertures" : "clics")
                + " est envoyé au reste")));
        return new Targeting(uses);
    }

    /** No technique: the same message to every consenting person of the list. */
    public boolean none() {
        return uses.isEmpty();
    }

    /** Whether a technique reads tracking data (opens, clicks): observed, not provided by the person. */
    public boolean observed() {
        return uses.stream().anyMatch(u -> u.technique().observed());
    }

    /**
     * The warning a campaign gets when it targets on tracking data and the campaign has not said, in
     * {@value #CONSENT_KEY}, how it collected the explicit consent the regulation asks for; empty otherwise.
     */
    public Optional<String> warning(Optional<String> declaredConsent) {
        if (!observed() || declaredConsent.filter(v -> !v.isBlank()).isPresent()) {
            return Optional.empty();
        }
        return Optional.of("ciblage fondé sur le suivi des courriels (" + String.join(", ", uses.stream()
                .filter(u -> u.technique().observed()).map(u -> u.technique().label()).toList())
                + ") : le " + REGULATION + " sur la publicité à caractère politique, art. 18, n'admet les techniques"
                + " de ciblage de la publicité politique en ligne qu'avec le consentement explicite et distinct de la"
                + " personne, sur des données collectées auprès d'elle ; aucun recueil de ce consentement n'est déclaré ("
                + CONSENT_KEY
                + " dans privacy.properties, voir docs/privacy.md). L'envoi n'est pas bloqué : la décision revient au"
                + " responsable du traitement et à son délégué.");
    }
}
