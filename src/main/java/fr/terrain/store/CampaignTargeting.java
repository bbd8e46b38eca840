package fr.terrain.store;

import fr.terrain.election.SectorNames;
import fr.terrain.mail.Campaign;
import fr.terrain.mail.Targeting;
import fr.terrain.privacy.TargetedCampaign;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A campaign's record of its targeting (Regulation (EU) 2024/900, art. 19): the techniques it uses ({@link Targeting},
 * from its segment and its A/B test) and what the campaign declared about the explicit consent to targeting when it was
 * first sent ({@code mail_campaign.targeting_consent}, V26).
 *
 * @param consent what was declared ({@code ""}: nothing); for a campaign not yet sent, the setting as it is now
 * @param recordedAtSend whether {@code consent} is the value kept at the first send
 */
public record CampaignTargeting(Campaign campaign, Targeting targeting, String consent, boolean recordedAtSend) {
    /**
     * The record of {@code c}, its communes named from the BAN ({@link Geography#sectorNames}); {@code declaredNow} is
     * the {@value Targeting#CONSENT_KEY} setting as it is now, which stands for a campaign not yet sent (or sent before
     * the consent was kept).
     */
    public static CampaignTargeting of(Store store, Campaign c, Optional<String> declaredNow) {
        return of(store, c, Geography.sectorNames(store, c.segment().namedSectors()), declaredNow);
    }

    /** The same with the names of its segment's communes at hand ({@code names}: the web app's, read once per import). */
    public static CampaignTargeting of(Store store, Campaign c, SectorNames names, Optional<String> declaredNow) {
        Targeting t = Targeting.of(c.segment(), names, AbTests.of(store, c.id()).map(test -> test.spec().metric()));
        Optional<String> kept = store.jdbi().withHandle(h -> h.createQuery("SELECT targeting_consent FROM mail_campaign"
                + " WHERE id = :id").bind("id", c.id()).mapTo(String.class).findOne());
        return kept.map(v -> new CampaignTargeting(c, t, v, true))
                .orElseGet(() -> new CampaignTargeting(c, t, declaredNow.map(String::strip).orElse(""), false));
    }

    /**
     * Keeps what the campaign declares about the consent to targeting, once: at its first send. A resumed send, or a
     * later one of the same campaign, leaves the first value.
     */
    public static void recordAtSend(Store store, Campaign c, Optional<String> declared) {
        store.jdbi().useHandle(h -> h.createUpdate("UPDATE mail_campaign SET targeting_consent = :v WHERE id = :id"
                        + " AND targeting_consent IS NULL").bind("v", declared.map(String::strip).orElse(""))
                .bind("id", c.id()).execute());
    }

    /** Every campaign's record, the most recent first; {@code declaredNow} as for {@link #of}. */
    public static List<CampaignTargeting> all(Store store, Optional<String> declaredNow) {
        List<Campaign> campaigns = MailStore.campaigns(store);
        SectorNames names = Geography.sectorNames(store, campaigns.stream() // one read of the BAN for all of them
                .flatMap(c -> c.segment().namedSectors().stream()).toList());
        return campaigns.stream().map(c -> of(store, c, names, declaredNow)).toList();
    }

    /** The campaign as the register of processing lists it. */
    public TargetedCampaign entry() {
        return new TargetedCampaign(campaign.name(), campaign.status().label(), targeting.uses().stream()
                .map(u -> u.technique().label() + " — " + u.logic()).toList(), targeting.uses().stream()
                .map(u -> u.technique().data() + " (" + u.technique().originText() + ")").distinct().toList(),
                targeting.observed(), consent);
    }

    /** The warning when the campaign targets on tracking data with no consent declared. */
    public Optional<String> warning() {
        return targeting.warning(Optional.of(consent));
    }

    /**
     * As JSON fields: {@code regulation}, {@code techniques} (id, label, data, origin, logic), {@code observed},
     * {@code consentDeclared}, {@code consentRecordedAtSend}, {@code warning} (null when none).
     */
    public Map<String, Object> json() {
        return json(targeting, consent, recordedAtSend);
    }

    /** The same for a segment not yet a campaign (the editor's preview), {@code consent} as declared now. */
    public static Map<String, Object> json(Targeting targeting, String consent, boolean recordedAtSend) {
        List<Map<String, Object>> techniques = new ArrayList<>();
        for (Targeting.Use u : targeting.uses()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", u.technique().id());
            m.put("label", u.technique().label());
            m.put("data", u.technique().data());
            m.put("origin", u.technique().origin());
            m.put("logic", u.logic());
            techniques.add(m);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("regulation", Targeting.REGULATION);
        m.put("techniques", techniques);
        m.put("observed", targeting.observed());
        m.put("consentDeclared", consent);
        m.put("consentRecordedAtSend", recordedAtSend);
        m.put("warning", targeting.warning(Optional.of(consent)).orElse(null));
        return m;
    }

    /** The record in French, one line each, as {@code campaign report} writes it. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add("ciblage (" + Targeting.REGULATION + ") : " + (targeting.none() ? "aucun (le même message à toute la liste)"
                : String.join(" ; ", entry().techniques())));
        if (!consent.isBlank()) {
            out.add("consentement au ciblage déclaré " + (recordedAtSend ? "à l'envoi" : "(pas encore envoyée)") + " : "
                    + consent);
        }
        warning().ifPresent(w -> out.add("⚠ " + w));
        return out;
    }
}
