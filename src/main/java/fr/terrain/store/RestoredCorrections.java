package fr.terrain.store;

import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * A backup restored in place of a store must not bring back an opinion a door's correction erased since it was made
 * (docs/adr/0020, amended): the corrections the store holds are read before the restore and, after it, applied again
 * to the restored rows that do not carry them (superseded again, opinion and consent erased again).
 */
final class RestoredCorrections {
    /** A correction as the store held it: the outcome it withdrew, when, by whom, and its own id. */
    record Held(String clientId, java.time.Instant supersededAt, Long supersededBy, String correctionId) {}

    /** What the restore applied again. */
    record Kept(int corrections, int opinionsErased) {}

    private RestoredCorrections() {}

    static List<Held> read(Handle h) {
        return h.createQuery("SELECT client_id, superseded_at, superseded_by, correction_id FROM door_outcome"
                        + " WHERE correction_id IS NOT NULL ORDER BY id")
                .map((rs, ctx) -> new Held(rs.getString(1), Times.read(rs, "superseded_at"), rs.getObject(3, Long.class),
                        rs.getString(4))).list();
    }

    /** Applies again, in the restore's transaction, the corrections the restored rows lack. */
    static Kept keep(Handle h, List<Held> held) {
        int corrections = 0;
        int opinions = 0;
        /** The restored row of an outcome: whether it is corrected, whether it carries an opinion. */
        record Restored(long id, boolean corrected, boolean opinion) {}
        for (Held c : held) {
            var row = h.createQuery("SELECT id, correction_id, support_level, consent_event_id FROM door_outcome"
                            + " WHERE client_id = :c").bind("c", c.clientId())
                    .map((rs, ctx) -> new Restored(rs.getLong(1), rs.getString(2) != null,
                            rs.getObject(3) != null || rs.getObject(4) != null)).findOne();
            if (row.isEmpty()) {
                continue; // the outcome is not in the backup: nothing came back
            }
            long id = row.get().id();
            boolean opinion = row.get().opinion();
            if (!row.get().corrected()) {
                // the account may be gone from the backup (superseded_by is a reference): the correction stands without it
                Long by = c.supersededBy() == null ? null : h.createQuery("SELECT id FROM app_user WHERE id = :u")
                        .bind("u", c.supersededBy()).mapTo(Long.class).findOne().orElse(null);
                h.createUpdate("UPDATE door_outcome SET superseded_at = :at, superseded_by = :u, correction_id = :c"
                                + " WHERE id = :id").bind("at", Times.bind(c.supersededAt())).bind("u", by)
                        .bind("c", c.correctionId()).bind("id", id).execute();
                corrections++;
            }
            if (opinion) {
                FieldStore.eraseOpinion(h, id);
                opinions++;
            }
        }
        return new Kept(corrections, opinions);
    }

    /** For the messages, in French; empty when nothing was applied again. */
    static String describe(Kept k) {
        if (k.corrections() == 0 && k.opinionsErased() == 0) {
            return "";
        }
        return k.corrections() + " correction(s) de porte postérieure(s) à la sauvegarde appliquée(s) de nouveau"
                + (k.opinionsErased() == 0 ? "" : ", dont " + k.opinionsErased() + " opinion(s) effacée(s) de nouveau"
                        + " avec leur consentement");
    }
}
