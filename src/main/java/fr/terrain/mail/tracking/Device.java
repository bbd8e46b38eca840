package fr.terrain.mail.tracking;

import java.util.Locale;

/**
 * The only thing kept of a user-agent string: a coarse class. The full string (which helps
 * fingerprinting) and the IP address are never stored. {@link #AUTOMATED} covers link scanners of
 * mail gateways and the link previews of messaging apps, that fetch a link or pixel before or without any reader:
 * their requests are recorded but count neither as a reader nor as the holder of a referral code.
 * {@link #IMAGE_PROXY} is the image proxy of a webmail (Gmail, Yahoo), which loads the pixel for its reader when
 * the message is first opened and hides that reader's device: its pixel loads are opens, its link fetches are not
 * clicks (a person's click reaches the link from their own browser), see docs/adr/0019.
 */
public enum Device {
    DESKTOP("ordinateur"), MOBILE("mobile"), AUTOMATED("automate"), UNKNOWN("inconnu"),
    IMAGE_PROXY("proxy d'images");

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
        if (ua.contains("googleimageproxy") || ua.contains("yahoomailproxy")) {
            return IMAGE_PROXY;
        }
        for (String marker : new String[] {"bot", "crawler", "spider", "proofpoint", "mimecast", "barracuda", "safelinks", "symantec", "curl/", "wget/", "python-", "java/",
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
