package fr.terrain.mail;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import fr.terrain.privacy.Identifier;

/**
 * The outbox as the sender sees it (the store implements it). The protocol that keeps a message
 * from being sent twice or skipped (docs/adr/0010-mail-outbox.md):
 * <ol>
 * <li>{@link #claim} moves due rows to {@code sending} in one transaction, before any SMTP command;</li>
 * <li>{@link #committed} is written and committed after the whole message was written to the server
 * and before the terminating "." — until then the server cannot have accepted it;</li>
 * <li>{@link #sent} or {@link #failed} from the server's reply to ".".</li>
 * </ol>
 * A row found {@code sending} after a crash was never accepted: it goes back to pending. A row found
 * {@code committed} may have been: it is counted sent, flagged unconfirmed (the window is one socket write).
 */
public interface Outbox {
    /** What a restart found and did. */
    record Recovery(int sendingRequeued, int committedPresumedSent) {}

    /** Moves up to {@code max} due rows (pending, or failed-temporary whose retry time has come) to sending. */
    List<OutboxEntry> claim(long campaignId, int max, String worker, Instant now);

    /** The facts of these contacts as of now, to check each recipient again just before sending. */
    Map<Long, ContactFacts> facts(List<OutboxEntry> entries, Instant now);

    /** Whether an identifier is on the suppression list now (the whole list, read once). */
    Predicate<Identifier> suppression();

    /**
     * Whether an identifier is on the suppression list now, read for these contacts' addresses only (a few rows,
     * cheap enough to ask again while a batch is being sent); false for any other identifier.
     */
    Predicate<Identifier> suppression(Collection<ContactFacts> of);

    /**
     * Marks the row committed; returns only once the mark is durable (it may share its transaction with
     * other connections' marks). Throws if it could not be written: the "." must then not be sent.
     */
    void committed(long outboxId);

    /** The server accepted the message. May be written late: a committed row is sent unless a reply said otherwise. */
    void sent(long outboxId, Instant at);

    /**
     * The "." went out and no reply came (the connection was lost): the server may have accepted the message.
     * Counted sent so that it is never sent twice, and flagged unconfirmed so that the report says so.
     */
    void unconfirmed(long outboxId, Instant at);

    /** A failure: permanent, or temporary with the time of the next attempt. */
    void failed(long outboxId, boolean permanent, String error, Instant retryAt);

    void skipped(long outboxId, String reason);

    /** Claimed rows not tried (the server was down, the sender stopping): back to pending, attempt not counted. */
    void release(List<Long> outboxIds, String why);

    /** Rows left by a sender that died: sending → pending, committed → sent flagged unconfirmed. */
    Recovery recover(long campaignId);

    /** Rows not yet in a final state. */
    long unfinished(long campaignId);

    /** Marks the campaign finished if every row is final; returns whether it is. */
    boolean finishIfDone(long campaignId, Instant at);
}
