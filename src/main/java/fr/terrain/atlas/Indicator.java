package fr.terrain.atlas;

import java.util.List;
import java.util.Objects;

/** A figure the map can colour polling stations by. */
public sealed interface Indicator {
    /** The identifier used in URLs: {@code turnout}, {@code list-share}, {@code iris:DISP_MED18}. */
    String id();

    String label(Language language);

    Unit unit();

    /** The figure for one station, or null when it has none (no count, list not running there). */
    Double value(StationInputs station);

    /** Figures taken from the count of the round. */
    enum FromResult implements Indicator {
        REGISTERED("registered", "Inscrits", "Registered voters", Unit.COUNT),
        VOTERS("voters", "Votants", "Voters", Unit.COUNT),
        TURNOUT("turnout", "Participation", "Turnout", Unit.PERCENT),
        ABSTENTION("abstention", "Abstentionnistes", "Abstainers", Unit.COUNT),
        ABSTENTION_RATE("abstention-rate", "Taux d'abstention", "Abstention rate", Unit.PERCENT);

        private final String id;
        private final String french;
        private final String english;
        private final Unit unit;

        FromResult(String id, String french, String english, Unit unit) {
            this.id = id;
            this.french = french;
            this.english = english;
            this.unit = unit;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public String label(Language language) {
            return language == Language.EN ? english : french;
        }

        @Override
        public Unit unit() {
            return unit;
        }

        @Override
        public Double value(StationInputs station) {
            Counts c = station.counts();
            if (c == null) {
                return null;
            }
            return switch (this) {
                case REGISTERED -> c.registered();
                case VOTERS -> c.voters();
                case TURNOUT -> c.registered() == 0 ? null : 100 * c.voters() / c.registered();
                case ABSTENTION -> Math.max(0, c.registered() - c.voters());
                case ABSTENTION_RATE -> c.registered() == 0 ? null : 100 * Math.max(0, c.registered() - c.voters())
                        / c.registered();
            };
        }
    }

    /**
     * The share of suffrages exprimés won by one list, or by a bloc of lists together. Null where
     * none of them ran (in Paris each sector has its own lists).
     */
    record ListShare(List<String> labels) implements Indicator {
        public ListShare {
            labels = List.copyOf(labels);
            if (labels.isEmpty()) {
                throw new IllegalArgumentException("choisissez au moins une liste");
            }
        }

        @Override
        public String id() {
            return "list-share";
        }

        @Override
        public String label(Language language) {
            String who = labels.size() == 1 ? labels.get(0) : String.join(" + ", labels);
            return (language == Language.EN ? "Share of " : "Part de ") + who;
        }

        @Override
        public Unit unit() {
            return Unit.PERCENT;
        }

        @Override
        public Double value(StationInputs station) {
            Counts c = station.counts();
            if (c == null || c.expressed() == 0) {
                return null;
            }
            double votes = 0;
            boolean ran = false;
            for (String label : labels) {
                Double v = c.listVotes().get(label);
                if (v != null) {
                    votes += v;
                    ran = true;
                }
            }
            return ran ? 100 * votes / c.expressed() : null;
        }
    }

    /** An INSEE figure interpolated from IRIS to the station. */
    record FromProfile(String key, String french, String english, Unit unit) implements Indicator {
        public FromProfile {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(unit, "unit");
        }

        @Override
        public String id() {
            return "iris:" + key;
        }

        @Override
        public String label(Language language) {
            return language == Language.EN ? english : french;
        }

        @Override
        public Double value(StationInputs station) {
            return station.profile().get(key);
        }
    }

    /**
     * A figure of the targeting plan for the station (priority score, sympathetic abstainers,
     * hours allocated, leading topic), read from the station's derived figures under
     * {@code plan:KEY}.
     *
     * @param categories for a {@link Unit#CATEGORY} figure, the label of each index
     */
    record FromPlan(String key, String french, String english, Unit unit, List<String> categories)
            implements Indicator {
        public FromPlan {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(unit, "unit");
            categories = List.copyOf(categories);
        }

        @Override
        public String id() {
            return "plan:" + key;
        }

        @Override
        public String label(Language language) {
            return language == Language.EN ? english : french;
        }

        @Override
        public Double value(StationInputs station) {
            return station.profile().get(id());
        }
    }

    /**
     * A figure of the canvassing done so far (issue 7), read from the station's derived figures
     * under {@code field:KEY}: the share of its doors that have an outcome.
     */
    record FromField(String key, String french, String english, Unit unit) implements Indicator {
        public FromField {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(unit, "unit");
        }

        @Override
        public String id() {
            return "field:" + key;
        }

        @Override
        public String label(Language language) {
            return language == Language.EN ? english : french;
        }

        @Override
        public Double value(StationInputs station) {
            return station.profile().get(id());
        }
    }
}
