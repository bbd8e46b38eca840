package fr.terrain.privacy;

import java.util.Arrays;
import java.util.Optional;

/** A way of reaching a person, each needing its own consent (PRIVACY.md, "Channels"). */
public enum ConsentChannel {
    EMAIL("email", "courriel"),
    SMS("sms", "SMS"),
    PHONE("phone", "téléphone"),
    AUTOMATED_CALL("automated-call", "appels automatisés"),
    /** Recording the person's political leaning at the door (support, intention). */
    CANVASS_OPINION("canvass-opinion", "opinion recueillie au porte-à-porte");

    private final String id;
    private final String label;

    ConsentChannel(String id, String label) {
        this.id = id;
        this.label = label;
    }

    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    public static Optional<ConsentChannel> find(String id) {
        return Arrays.stream(values()).filter(c -> c.id.equals(id)).findFirst();
    }

    /** The channel named {@code id}, or an exception listing the known ones. */
    public static ConsentChannel of(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("canal inconnu « " + id + " » ; canaux : "
                + String.join(", ", Arrays.stream(values()).map(ConsentChannel::id).toList())));
    }
}
