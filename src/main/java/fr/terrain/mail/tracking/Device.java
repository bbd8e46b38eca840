package fr.terrain.mail.tracking;

import java.util.Locale;

/**
 * The only thing kept of a user-agent string: a coarse class. The full string (which helps
 * fingerprinting) and the IP address are never stored. {@link #AUTOMATED} covers link scanners of
 * mail gateways, image proxies and the link previews of messaging apps, that fetch a link or pixel before or
 * without any reader:
 * their requests are recorded but count neither as a reader nor as the holder of a referral code.
 */
public enum Device {
    DESKTOP("ordinateur"), MOBILE("mobile"), AUTOMATED("automate"), UNKNOWN("inconnu");

    private final String label;

    Device(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Device ofId(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }

    /** The class of a User-Agent header (null or blank: unknown). */
    public static Device of(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return UNKNOWN;
        }
        String ua = userAgent.toLowerCase(Locale.ROOT);
        for (String marker : new String[] {"bot", "crawler", "spider", "googleimageproxy", "yahoomailproxy",
            "proofpoint", "mimecast", "barracuda", "safelinks", "symantec", "curl/", "wget/", "python-", "java/",
            "go-http-client", "okhttp", "headlesschrome", "preview",
            // the servers that draw a link's preview in WhatsApp (and Signal, which borrows its name) or Facebook,
            // as soon as it is pasted: no reader, and no new browser reached by a share
            "whatsapp", "facebookexternalhit"}) {
            if (ua.contains(marker)) {
                return AUTOMATED;
            }
        }
        if (ua.contains("mobi") || ua.contains("android") || ua.contains("iphone") || ua.contains("ipad")) {
            return MOBILE;
        }
        if (ua.contains("mozilla/") || ua.contains("thunderbird") || ua.contains("outlook")) {
            return DESKTOP;
        }
        return UNKNOWN;
    }
}
