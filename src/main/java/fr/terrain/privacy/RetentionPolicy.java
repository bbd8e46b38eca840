package fr.terrain.privacy;

import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * How long each source category of personal data is kept, and the data of Terrain's trackers
 * ({@link TrackerData}: opens and clicks of e-mails). Every category that may hold personal data has a rule;
 * aggregate open data has none (it describes no one).
 *
 * <p>Settings keys are {@code retention.<category id>} with an ISO-8601 period ({@code P1M}, {@code P3Y}).
 */
public final class RetentionPolicy {
    /** The prefix of the settings keys. */
    public static final String KEY_PREFIX = "retention.";

    private final Map<RetentionCategory, RetentionRule> rules;

    private RetentionPolicy(Map<RetentionCategory, RetentionRule> rules) {
        for (SourceCategory c : SourceCategory.values()) {
            if (c.allowed() && c.personalData() && !rules.containsKey(c)) {
                throw new IllegalArgumentException("aucune règle de conservation pour " + c.id());
            }
        }
        for (TrackerData t : TrackerData.values()) {
            if (!rules.containsKey(t)) {
                throw new IllegalArgumentException("aucune règle de conservation pour " + t.id());
            }
        }
        this.rules = Collections.unmodifiableMap(ordered(rules));
    }

    /** Source categories in their order, then trackers' data. */
    private static Map<RetentionCategory, RetentionRule> ordered(Map<RetentionCategory, RetentionRule> rules) {
        Map<RetentionCategory, RetentionRule> m = new LinkedHashMap<>();
        for (SourceCategory c : SourceCategory.values()) {
            if (rules.containsKey(c)) {
                m.put(c, rules.get(c));
            }
        }
        for (TrackerData t : TrackerData.values()) {
            m.put(t, rules.get(t));
        }
        return m;
    }

    /**
     * Terrain's defaults (see docs/privacy.md): electoral-list and sign-in-list data one month
     * after the last round (time for an electoral dispute, then gone, as the CNIL asks); members
     * three months after the membership ends (time to renew); regular contacts three years after
     * the last contact (the CNIL's usual reference for inactive contacts); prospects without
     * consent six months after collection (one campaign); e-mail opens and clicks thirteen months after the
     * campaign's sending (the CNIL's life of an audience-measurement tracker; its ceiling for the data collected,
     * 25 months, is the most a setting may ask: docs/adr/0021).
     */
    public static RetentionPolicy defaults() {
        Map<RetentionCategory, RetentionRule> m = new LinkedHashMap<>();
        m.put(SourceCategory.ELECTORAL_LIST, new RetentionRule.AfterLastRound(Period.ofMonths(1)));
        m.put(SourceCategory.SIGN_IN_LIST, new RetentionRule.AfterLastRound(Period.ofMonths(1)));
        m.put(SourceCategory.MEMBERS, new RetentionRule.AfterMembershipEnds(Period.ofMonths(3)));
        m.put(SourceCategory.REGULAR_CONTACTS, new RetentionRule.AfterLastContact(Period.ofYears(3)));
        m.put(SourceCategory.COMMERCIAL_WITH_CONSENT, new RetentionRule.WithoutConsentAfterCollection(Period.ofMonths(6)));
        m.put(SourceCategory.CAMPAIGN_COLLECTED, new RetentionRule.WithoutConsentAfterCollection(Period.ofMonths(6)));
        m.put(TrackerData.MAIL_TRACKING, new RetentionRule.AfterCampaignSent(Period.ofMonths(13)));
        return new RetentionPolicy(m);
    }

    /**
     * The defaults with the delays the settings change ({@code retention.electoral-list=P15D}).
     * Other keys are ignored; an unknown category or an unreadable period is refused by name.
     */
    public static RetentionPolicy fromSettings(Map<String, String> settings) {
        Map<RetentionCategory, RetentionRule> m = new LinkedHashMap<>(defaults().rules);
        for (String key : new TreeSet<>(settings.keySet())) {
            if (!key.startsWith(KEY_PREFIX)) {
                continue;
            }
            String id = key.substring(KEY_PREFIX.length());
            RetentionCategory category = m.keySet().stream().filter(c -> c.id().equals(id)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(key + " : catégorie de source inconnue ou sans"
                            + " données personnelles ; catégories : " + String.join(", ",
                                    m.keySet().stream().map(RetentionCategory::id).toList())));
            Period delay;
            try {
                delay = Period.parse(settings.get(key).strip());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(key + " = « " + settings.get(key) + " » : une durée ISO 8601 est"
                        + " attendue, par ex. P1M (un mois), P15D (quinze jours), P3Y (trois ans)");
            }
            try {
                m.put(category, rule(m.get(category), delay));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(key + " = « " + settings.get(key) + " » : " + e.getMessage(), e);
            }
        }
        return new RetentionPolicy(m);
    }

    private static RetentionRule rule(RetentionRule current, Period delay) {
        return switch (current) {
            case RetentionRule.AfterLastRound r -> new RetentionRule.AfterLastRound(delay);
            case RetentionRule.AfterMembershipEnds r -> new RetentionRule.AfterMembershipEnds(delay);
            case RetentionRule.AfterLastContact r -> new RetentionRule.AfterLastContact(delay);
            case RetentionRule.WithoutConsentAfterCollection r -> new RetentionRule.WithoutConsentAfterCollection(delay);
            case RetentionRule.AfterCampaignSent r -> new RetentionRule.AfterCampaignSent(delay);
        };
    }

    /** The rule of a category; empty for aggregate open data. */
    public Optional<RetentionRule> rule(RetentionCategory category) {
        return Optional.ofNullable(rules.get(category));
    }

    /** Every category's rule, in the order of {@link SourceCategory}, then trackers' data ({@link TrackerData}). */
    public Map<RetentionCategory, RetentionRule> rules() {
        return rules;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RetentionPolicy p && p.rules.equals(rules);
    }

    @Override
    public int hashCode() {
        return rules.hashCode();
    }

    @Override
    public String toString() {
        return "RetentionPolicy" + rules;
    }
}
