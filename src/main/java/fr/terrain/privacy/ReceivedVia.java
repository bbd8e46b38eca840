package fr.terrain.privacy;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How a rights request or an objection reached the campaign ({@code received_via} of both), in the words the audit
 * log, the rights page and the command line write: one vocabulary for all three.
 */
public enum ReceivedVia {
    LETTER("letter", "courrier"),
    EMAIL("email", "courriel"),
    PHONE("phone", "téléphone"),
    WEB("web", "site web"),
    IN_PERSON("in-person", "en personne"),
    SMS("sms", "SMS"),
    /** Written by Terrain: an objection or an erasure that a rights request put on the suppression list. */
    RIGHTS_REQUEST("rights-request", "demande de droits"),
    /** Written by Terrain: a message's one-click unsubscribe (RFC 8058), sent by the recipient's mail client. */
    ONE_CLICK("one-click", "désinscription en un clic");

    /** The ways a rights request may be said to arrive. */
    public static final Set<ReceivedVia> REQUESTS = EnumSet.of(LETTER, EMAIL, PHONE, WEB, IN_PERSON);
    /** The ways staff may say an objection arrived (a « STOP » by SMS too). */
    public static final Set<ReceivedVia> OBJECTIONS = EnumSet.of(LETTER, EMAIL, PHONE, WEB, IN_PERSON, SMS);

    private final String id;
    private final String words;

    ReceivedVia(String id, String words) {
        this.id = id;
        this.words = words;
    }

    public String id() {
        return id;
    }

    public String words() {
        return words;
    }

    /** One of {@code allowed} by its id; else an exception naming them. */
    public static ReceivedVia of(String id, Set<ReceivedVia> allowed) {
        return allowed.stream().filter(v -> v.id.equals(id)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "moyen de réception inconnu « " + id + " » : " + ids(allowed)));
    }

    /** The ids of {@code allowed}, for a message or a help text: « letter, email, phone, web, in-person ». */
    public static String ids(Set<ReceivedVia> allowed) {
        return allowed.stream().map(ReceivedVia::id).collect(Collectors.joining(", "));
    }

    /** The words of a stored id, the id itself for one written before this vocabulary. */
    public static String words(String id) {
        return Arrays.stream(values()).filter(v -> v.id.equals(id)).map(ReceivedVia::words).findFirst().orElse(id);
    }
}
