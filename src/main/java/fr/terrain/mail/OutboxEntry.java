package fr.terrain.mail;

import java.util.Objects;

/** One row of the outbox: one recipient of one campaign, with its state and its fixed Message-ID. */
public record OutboxEntry(long id, long campaignId, long mailContactId, String email, OutboxState state,
        String messageId, int attempts) {
    public OutboxEntry {
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(messageId, "messageId");
    }

    public RecipientRef ref() {
        return new RecipientRef(id, campaignId, messageId);
    }
}
