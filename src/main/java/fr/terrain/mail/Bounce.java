package fr.terrain.mail;

import java.util.Optional;

/**
 * One recipient's delivery status from a DSN (RFC 3464): the original message's Message-ID when
 * the report returns it, the final recipient, the action and the status code.
 *
 * @param action failed, delayed, delivered, relayed or expanded
 * @param status the enhanced status code (RFC 3463), 5.1.1
 */
public record Bounce(Optional<String> messageId, String recipient, String action, String status, String diagnostic) {
    public Bounce {
        messageId = messageId == null ? Optional.empty() : messageId;
        action = action == null ? "" : action.strip().toLowerCase(java.util.Locale.ROOT);
        status = status == null ? "" : status.strip();
    }

    /** A permanent failure: action failed with a 5.x.x status. The address is marked undeliverable. */
    public boolean hard() {
        return action.equals("failed") && status.startsWith("5.");
    }
}
