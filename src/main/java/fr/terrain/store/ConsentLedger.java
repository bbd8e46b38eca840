package fr.terrain.store;

import fr.terrain.account.Secrets;
import fr.terrain.privacy.CampaignIdentity;
import fr.terrain.privacy.CanvassNotice;
import fr.terrain.privacy.ConsentChannel;
import fr.terrain.privacy.ConsentEvent;
import fr.terrain.privacy.ConsentHistory;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The consent ledger in the store. Append-only: this class inserts and reads, it never updates;
 * only {@link Erasure} deletes a person's lines.
 */
public final class ConsentLedger {
    /** The exact text of a notice shown before a consent is asked. */
    public record Notice(String version, ConsentChannel channel, String text, String sha256, String createdBy,
            Instant createdAt) {}

    private ConsentLedger() {}

    /**
     * Registers a notice text under a version, with its audit entry ({@code consent.notice}); a version, once
     * registered, never changes.
     */
    public static Notice addNotice(Store store, String version, ConsentChannel channel, String text, String by) {
        if (version == null || !version.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new StoreException("version de mention invalide (1 à 64 lettres, chiffres, . _ -) : " + version);
        }
        if (text == null || text.isBlank()) {
            throw new StoreException("le texte de la mention est vide");
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return store.jdbi().inTransaction(h -> {
            if (notice(h, version).isPresent()) {
                throw new StoreException("la mention " + version + " existe déjà : une version ne change pas, créez-en une"
                        + " nouvelle");
            }
            Notice n = new Notice(version, channel, text, Secrets.sha256(text), by, now);
            h.createUpdate("INSERT INTO consent_notice (version, channel, notice_text, sha256, created_by, created_at)"
                            + " VALUES (:v, :c, :t, :s, :b, :a)").bind("v", version).bind("c", channel.id())
                    .bind("t", text).bind("s", n.sha256()).bind("b", by).bind("a", LocalDateTime.ofInstant(now, ZoneOffset.UTC))
                    .execute();
            AuditLog.append(h, Instant.now(), by, "consent.notice", "notice:" + version, 0, "sha256 " + n.sha256());
            return n;
        });
    }

    public static Optional<Notice> notice(Handle h, String version) {
        return h.createQuery("SELECT version, channel, notice_text, sha256, created_by, created_at FROM consent_notice"
                        + " WHERE version = :v").bind("v", version)
                .map((rs, ctx) -> new Notice(rs.getString(1), ConsentChannel.of(rs.getString(2)), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getObject(6, LocalDateTime.class).toInstant(ZoneOffset.UTC)))
                .findOne();
    }

    public static Optional<Notice> notice(Store store, String version) {
        return store.jdbi().withHandle(h -> notice(h, version));
    }

    /**
     * The notice canvassers read before recording an opinion: the newest {@code canvass-opinion} notice registered,
     * else the default text for this campaign (then {@code registered} is false).
     */
    public static CanvassNotice canvassNotice(Store store, CampaignIdentity identity) {
        return latestNotice(store, ConsentChannel.CANVASS_OPINION)
                .map(n -> new CanvassNotice(n.version(), n.text(), true))
                .orElseGet(() -> CanvassNotice.standard(identity));
    }

    /** The notice registered last for a channel (the one in force), if any. */
    public static Optional<Notice> latestNotice(Store store, ConsentChannel channel) {
        return store.jdbi().withHandle(h -> h.createQuery("SELECT version FROM consent_notice WHERE channel = :c"
                        + " ORDER BY created_at DESC, version DESC").bind("c", channel.id()).setMaxRows(1)
                .mapTo(String.class).findFirst().flatMap(v -> notice(h, v)));
    }

    /**
     * Appends a consent given or withdrawn. A consent given must cite a registered notice of the same
     * channel. Returns the event as stored (with its id).
     */
    public static ConsentEvent append(Handle h, long personId, ConsentEvent e) {
        person(h, personId);
        return insert(h, personId, e);
    }

    private static PersonRecord person(Handle h, long personId) {
        return Persons.lock(h, personId).orElseThrow(() -> new StoreException("personne inconnue : n° " + personId));
    }

    /** {@link #append(Handle, long, ConsentEvent)} for a person known to exist. */
    private static ConsentEvent insert(Handle h, long personId, ConsentEvent e) {
        if (e.noticeVersion() != null) {
            Notice n = notice(h, e.noticeVersion()).orElseThrow(() -> new StoreException("mention inconnue : "
                    + e.noticeVersion() + " (enregistrez son texte avec terrain consent notice " + e.noticeVersion()
                    + " --channel " + e.channel().id() + " --file FICHIER)"));
            if (n.channel() != e.channel()) {
                throw new StoreException("la mention " + n.version() + " est celle du canal " + n.channel().id()
                        + ", pas " + e.channel().id());
            }
        }
        long id = RandomIds.next(h, RandomIds.Table.CONSENT_EVENT);
        h.createUpdate("INSERT INTO consent_event (id, person_id, channel, event, effective_at, method, notice_version,"
                        + " scope, evidence, recorded_by, recorded_at) VALUES (:id, :p, :c, :e, :at, :m, :n, :s, :ev, :b, :r)")
                .bind("id", id).bind("p", personId).bind("c", e.channel().id()).bind("e", e.kind().id())
                .bind("at", utc(e.effectiveAt())).bind("m", e.method()).bind("n", e.noticeVersion()).bind("s", e.scope())
                .bind("ev", e.evidence()).bind("b", e.recordedBy()).bind("r", utc(e.recordedAt())).execute();
        return new ConsentEvent(id, e.channel(), e.kind(), e.effectiveAt().truncatedTo(ChronoUnit.MICROS), e.method(),
                e.noticeVersion(), e.scope(), e.evidence(), e.recordedBy(), e.recordedAt().truncatedTo(ChronoUnit.MICROS));
    }

    /** A ledger line to write for a person. */
    record PersonEvent(long personId, ConsentEvent event) {}

    /**
     * Appends events, in one batch, for persons created earlier in the same transaction (an import):
     * the notice rule is the same as {@link #append(Handle, long, ConsentEvent)}'s, checked once per
     * version cited; the persons' existence is the foreign key's to check.
     */
    static void appendForNewPersons(Handle h, List<PersonEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        java.util.Map<String, ConsentChannel> checked = new java.util.HashMap<>();
        var batch = h.prepareBatch("INSERT INTO consent_event (id, person_id, channel, event, effective_at, method,"
                + " notice_version, scope, evidence, recorded_by, recorded_at) VALUES (:id, :p, :c, :e, :at, :m, :n, :s,"
                + " :ev, :b, :r)");
        java.util.Iterator<Long> ids = RandomIds.block(h, RandomIds.Table.CONSENT_EVENT, events.size()).iterator();
        for (PersonEvent pe : events) {
            ConsentEvent e = pe.event();
            if (e.noticeVersion() != null) {
                ConsentChannel channel = checked.computeIfAbsent(e.noticeVersion(), v -> notice(h, v)
                        .orElseThrow(() -> new StoreException("mention inconnue : " + v
                                + " (enregistrez son texte avec terrain consent notice " + v + " --channel "
                                + e.channel().id() + " --file FICHIER)")).channel());
                if (channel != e.channel()) {
                    throw new StoreException("la mention " + e.noticeVersion() + " est celle du canal " + channel.id()
                            + ", pas " + e.channel().id());
                }
            }
            batch.bind("id", ids.next()).bind("p", pe.personId()).bind("c", e.channel().id()).bind("e", e.kind().id())
                    .bind("at", utc(e.effectiveAt())).bind("m", e.method()).bind("n", e.noticeVersion())
                    .bind("s", e.scope()).bind("ev", e.evidence()).bind("b", e.recordedBy()).bind("r", utc(e.recordedAt()))
                    .add();
        }
        batch.execute();
    }

    /**
     * A consent given or withdrawn, as staff record it, with its audit entry in the same transaction
     * ({@code consent.record} or {@code consent.withdraw}, naming {@code by}: who records it, whoever {@code e} says
     * collected it).
     */
    public static ConsentEvent append(Store store, long personId, ConsentEvent e, String by) {
        return store.jdbi().inTransaction(h -> {
            PersonRecord person = person(h, personId);
            ConsentEvent stored = insert(h, personId, e);
            AuditLog.append(h, Instant.now(), by, e.kind() == ConsentEvent.Kind.GIVEN ? "consent.record"
                    : "consent.withdraw", person.reference(), 1,
                    stored.channel().id() + " " + stored.method());
            return stored;
        });
    }

    /** The person's whole ledger. */
    public static ConsentHistory history(Handle h, long personId) {
        return new ConsentHistory(h.createQuery("SELECT id, channel, event, effective_at, method, notice_version, scope,"
                        + " evidence, recorded_by, recorded_at FROM consent_event WHERE person_id = :p").bind("p", personId)
                .map((rs, ctx) -> new ConsentEvent(rs.getLong("id"), ConsentChannel.of(rs.getString("channel")),
                        ConsentEvent.Kind.of(rs.getString("event")),
                        rs.getObject("effective_at", LocalDateTime.class).toInstant(ZoneOffset.UTC), rs.getString("method"),
                        rs.getString("notice_version"), rs.getString("scope"), rs.getString("evidence"),
                        rs.getString("recorded_by"), rs.getObject("recorded_at", LocalDateTime.class).toInstant(ZoneOffset.UTC)))
                .list());
    }

    public static ConsentHistory history(Store store, long personId) {
        return store.jdbi().withHandle(h -> history(h, personId));
    }

    /** Withdraws, as of {@code at}, every channel on which the person's consent is given then. */
    static List<ConsentEvent> withdrawAll(Handle h, long personId, Instant at, String method, String evidence, String by) {
        ConsentHistory history = history(h, personId);
        return history.statesAt(at).values().stream().filter(ConsentHistory.State::allows)
                .map(s -> append(h, personId, new ConsentEvent(0, s.channel(), ConsentEvent.Kind.WITHDRAWN, at, method, null,
                        null, evidence, by, at)))
                .toList();
    }

    private static LocalDateTime utc(Instant i) {
        return LocalDateTime.ofInstant(i.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }
}
