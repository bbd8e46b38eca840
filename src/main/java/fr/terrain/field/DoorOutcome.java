package fr.terrain.field;

import java.util.Arrays;
import java.util.Optional;

/**
 * What happened at a door (PRIVACY.md: door status only, unless the person consents to more). The
 * id is the code the API and the database use; the label is what the canvasser reads.
 */
public enum DoorOutcome {
    ABSENT("absent", "absent"),
    /** Someone opened: a contact. */
    OPENED("opened", "ouvert"),
    REFUSED("refused", "refus"),
    LEAFLET("leaflet", "tract déposé"),
    COME_BACK("come-back", "revenir plus tard");

    private final String id;
    private final String label;

    DoorOutcome(String id, String label) {
        this.id = id;
        this.label = label;
    }

    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    public static Optional<DoorOutcome> find(String id) {
        return Arrays.stream(values()).filter(o -> o.id.equals(id)).findFirst();
    }

    /** The codes, for error messages: {@code absent, opened, refused, leaflet, come-back}. */
    public static String codes() {
        return String.join(", ", Arrays.stream(values()).map(DoorOutcome::id).toList());
    }
}
