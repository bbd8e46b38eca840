package fr.terrain.mail.tracking;

import java.time.Instant;

/**
 * One recorded open or click, as the tracking table keeps it: no IP address, no user-agent
 * string, only its {@link Device} class; {@code browser} is the random identifier of the
 * first-party cookie set on a click (empty for opens, whose pixel loads in a mail client).
 */
public record Interaction(Kind kind, Instant at, long campaignId, long recipientId, int link, ReferralCode referral,
        String browser, Device device) {
    public enum Kind { OPEN, CLICK }

    public Interaction {
        if (kind == null || at == null || referral == null || device == null) {
            throw new IllegalArgumentException("interaction incomplète");
        }
        browser = browser == null ? "" : browser;
    }

    /** No person behind it: a scanner or a preview, or a webmail's image proxy fetching a link (never a click). */
    public boolean automated() {
        return device == Device.AUTOMATED || device == Device.IMAGE_PROXY && kind == Kind.CLICK;
    }
}
