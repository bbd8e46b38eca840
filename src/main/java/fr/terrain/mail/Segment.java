package fr.terrain.mail;

import fr.terrain.election.SectorCodes;
import fr.terrain.privacy.ConsentHistory;
import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Who a campaign is for: terms joined by {@code +}, all of which a contact must match; inside a
 * term, values separated by commas are alternatives. Terms: {@code all}, {@code sector:12} (a sector as an organizer's,
 * {@link SectorCodes#parse}: {@code sector:29039} a commune, Corsica's {@code 2A004} or {@code 20004}),
 * {@code station:75112_0001}, {@code topic:logement}, {@code engaged:30d} (opened or clicked one of
 * our messages in the last 30 days), {@code consent:given} (consent in the ledger) or
 * {@code consent:regular} (regular contacts). Example: {@code sector:11,12+topic:logement}.
 * <p>A segment only selects; whether a contact may be written to at all is {@link CheckedRecipient}'s
 * decision, applied after the segment.
 */
public record Segment(String text, List<Term> terms) {
    /** One condition of a segment. */
    public sealed interface Term permits All, Sector, Station, Topic, Engaged, Consent {
        boolean matches(ContactFacts c, Instant now);
    }

    public record All() implements Term {
        @Override
        public boolean matches(ContactFacts c, Instant now) {
            return true;
        }
    }

    public record Sector(Set<Integer> sectors) implements Term {
        @Override
        public boolean matches(ContactFacts c, Instant now) {
            return c.sector() != null && sectors.contains(c.sector());
        }
    }

    public record Station(Set<String> codes) implements Term {
        @Override
        public boolean matches(ContactFacts c, Instant now) {
            return c.stationCode() != null && codes.contains(c.stationCode());
        }
    }

    public record Topic(Set<String> topics) implements Term {
        @Override
        public boolean matches(ContactFacts c, Instant now) {
            return c.topics().stream().map(Segment::topic).anyMatch(topics::contains);
        }
    }

    /** Opened or clicked one of our messages in the last {@code days} days. */
    public record Engaged(int days) implements Term {
        @Override
        public boolean matches(ContactFacts c, Instant now) {
            Instant since = now.minus(Duration.ofDays(days));
            return c.lastEngaged().map(t -> !t.isBefore(since)).orElse(false);
        }
    }

    /** given: consent in the ledger; regular: regular contact without a consent event. */
    public record Consent(Set<String> kinds) implements Term {
        @Override
        public boolean matches(ContactFacts c, Instant now) {
            return (kinds.contains("given") && c.emailConsent() == ConsentHistory.Status.GIVEN)
                    || (kinds.contains("regular") && c.regularContact()
                            && c.emailConsent() == ConsentHistory.Status.NEVER_GIVEN);
        }
    }

    public Segment {
        terms = List.copyOf(terms);
    }

    public boolean matches(ContactFacts c, Instant now) {
        return terms.stream().allMatch(t -> t.matches(c, now));
    }

    /** A topic as compared: lower case, no accents, trimmed. */
    public static String topic(String s) {
        return Normalizer.normalize(s.strip(), Normalizer.Form.NFD).replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT);
    }

    /** Parses a segment; refused with a French message naming the faulty term. */
    public static Segment parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("segment vide : all, sector:N, station:CODE, topic:X, engaged:Nd,"
                    + " consent:given|regular (termes joints par +)");
        }
        List<Term> terms = new ArrayList<>();
        for (String raw : text.strip().split("\\+")) {
            String t = raw.strip();
            if (t.equals("all")) {
                terms.add(new All());
                continue;
            }
            int colon = t.indexOf(':');
            if (colon < 1 || colon == t.length() - 1) {
                throw new IllegalArgumentException("terme de segment invalide « " + t + " » : all, sector:N, station:CODE,"
                        + " topic:X, engaged:Nd, consent:given|regular");
            }
            String key = t.substring(0, colon);
            Set<String> values = new LinkedHashSet<>();
            for (String v : t.substring(colon + 1).split(",")) {
                if (!v.isBlank()) {
                    values.add(v.strip());
                }
            }
            if (values.isEmpty()) {
                throw new IllegalArgumentException("terme de segment sans valeur : « " + t + " »");
            }
            terms.add(switch (key) {
                case "sector" -> {
                    Set<Integer> s = new LinkedHashSet<>();
                    for (String v : values) {
                        try {
                            s.add(SectorCodes.parse(v));
                        } catch (IllegalArgumentException e) {
                            throw new IllegalArgumentException(e.getMessage() + " dans « " + t + " »");
                        }
                    }
                    yield new Sector(Set.copyOf(s));
                }
                case "station" -> new Station(Set.copyOf(values));
                case "topic" -> new Topic(Set.copyOf(values.stream().map(Segment::topic).toList()));
                case "engaged" -> {
                    if (values.size() != 1 || !values.iterator().next().matches("\\d{1,4}d")) {
                        throw new IllegalArgumentException("engagement invalide « " + t + " » : engaged:Nd, par ex."
                                + " engaged:30d");
                    }
                    String v = values.iterator().next();
                    int days = Integer.parseInt(v.substring(0, v.length() - 1));
                    if (days < 1) {
                        throw new IllegalArgumentException("engaged:Nd demande au moins 1 jour : « " + t + " »");
                    }
                    yield new Engaged(days);
                }
                case "consent" -> {
                    for (String v : values) {
                        if (!v.equals("given") && !v.equals("regular")) {
                            throw new IllegalArgumentException("statut de consentement inconnu « " + v + " » dans « " + t
                                    + " » : given ou regular");
                        }
                    }
                    yield new Consent(Set.copyOf(values));
                }
                default -> throw new IllegalArgumentException("terme de segment inconnu « " + key + " » dans « " + t
                        + " » : all, sector, station, topic, engaged, consent");
            });
        }
        return new Segment(text.strip(), terms);
    }

    /**
     * Whether this segment selects people by what they did with our messages ({@code engaged:}): then whom it reaches,
     * and how many, is behaviour, and a count of its people falls under the small-cell rule like tracking's figures.
     */
    public boolean engaged() {
        return terms.stream().anyMatch(t -> t instanceof Engaged);
    }

    /**
     * Every sector its {@code sector:} terms name, for a text that writes them ({@code sector:11+sector:29039} names
     * both, though it reaches neither).
     */
    public Set<Integer> namedSectors() {
        Set<Integer> out = new java.util.TreeSet<>();
        for (Term t : terms) {
            if (t instanceof Sector s) {
                out.addAll(s.sectors());
            }
        }
        return out;
    }

    /** The sectors this segment is limited to, or empty when it may reach any sector. */
    public Set<Integer> sectors() {
        for (Term t : terms) {
            if (t instanceof Sector s) {
                return s.sectors();
            }
        }
        return Set.of();
    }
}
