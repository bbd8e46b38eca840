package fr.terrain.mail;

import java.util.Arrays;

/**
 * The state of one recipient's message in the outbox. pending → sending (claimed, before any SMTP
 * command) → committed (just before the terminating "." of DATA) → sent, or failed-temporary
 * (retried later), failed-permanent, bounced (a DSN came back), skipped-suppressed (the address
 * was put on the suppression list or became undeliverable after the campaign was frozen).
 */
public enum OutboxState {
    PENDING("pending", false, "en attente"),
    SENDING("sending", false, "en cours d'envoi"),
    COMMITTED("committed", false, "en cours d'envoi"),
    SENT("sent", true, "envoyé"),
    FAILED_TEMPORARY("failed-temporary", false, "échec, nouvel essai prévu"),
    FAILED_PERMANENT("failed-permanent", true, "échec définitif"),
    BOUNCED("bounced", true, "non distribué"),
    SKIPPED_SUPPRESSED("skipped-suppressed", true, "écarté (liste d'opposition)");

    private final String id;
    private final boolean terminal;
    private final String label;

    OutboxState(String id, boolean terminal, String label) {
        this.id = id;
        this.terminal = terminal;
        this.label = label;
    }

    /** The state in words, for people: « envoyé », « écarté (liste d'opposition) ». */
    public String label() {
        return label;
    }

    public String id() {
        return id;
    }

    /** A final state: the campaign is finished when every row is in one. */
    public boolean isFinal() {
        return terminal;
    }

    public static OutboxState of(String id) {
        return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("état d'envoi inconnu : " + id));
    }
}
