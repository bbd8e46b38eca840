package fr.terrain.mail;

import java.util.Arrays;

/**
 * The state of one recipient's message in the outbox. pending → sending (claimed, before any SMTP
 * command) → committed (just before the terminating "." of DATA) → sent, or failed-temporary
 * (retried later), failed-permanent, bounced (a DSN came back), skipped-suppressed (the address
 * was put on the suppression list or became undeliverable after the campaign was frozen).
 */
public enum OutboxState {
    PENDING("pending", false),
    SENDING("sending", false),
    COMMITTED("committed", false),
    SENT("sent", true),
    FAILED_TEMPORARY("failed-temporary", false),
    FAILED_PERMANENT("failed-permanent", true),
    BOUNCED("bounced", true),
    SKIPPED_SUPPRESSED("skipped-suppressed", true);

    private final String id;
    private final boolean terminal;

    OutboxState(String id, boolean terminal) {
        this.id = id;
        this.terminal = terminal;
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
