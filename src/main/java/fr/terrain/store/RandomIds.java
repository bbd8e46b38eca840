package fr.terrain.store;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;
import org.jdbi.v3.core.Handle;

/**
 * Keys drawn at random for the tables whose ids reach someone who should not learn how many rows the others made
 * (docs/adr/0030): a sequence's gaps would tell an organizer how many turfs, plans, teams, invitations, accounts or
 * consents the other sectors made. Ids stay JSON numbers: drawn in [2^32, 2^53), they are exact in JavaScript and never
 * meet an id a store's identity sequence already handed out (those stay far below 2^32), so rows stored before keep
 * their ids. Persons go with consents: one of each is made at every door where someone gives an opinion. A drawn id
 * already taken is drawn again; two transactions drawing the same id at the same moment (one chance in 9·10^15 per
 * pair) meet the primary key, and the later one is rolled back whole.
 */
final class RandomIds {
    /** The tables keyed this way. */
    enum Table {
        TURF_PLAN("turf_plan"), TURF("turf"), TEAM("team"), INVITATION("invitation"), APP_USER("app_user"),
        CONSENT_EVENT("consent_event"), PERSON("person");

        final String sql;

        Table(String sql) {
            this.sql = sql;
        }
    }

    /** The lowest id drawn: 2^32, above anything an identity sequence handed out. */
    static final long LOWEST = 1L << 32;
    /** One above the highest id drawn: 2^53, the first integer a JavaScript Number may not hold exactly. */
    static final long BOUND = 1L << 53;
    /** How many consecutive ids a bulk write draws its ids among. */
    static final int BLOCK = 1024;

    private static final SecureRandom RANDOM = new SecureRandom();

    private RandomIds() {}

    /** A new id for one row of {@code table}, not taken there. */
    static long next(Handle h, Table table) {
        return next(h, table, 1).get(0);
    }

    /** {@code n} distinct new ids for rows of {@code table}, none taken there. */
    static List<Long> next(Handle h, Table table, int n) {
        return next(h, table, n, () -> LOWEST + RANDOM.nextLong(BOUND - LOWEST));
    }

    /**
     * {@code n} distinct new ids for rows written in bulk (an import), in random order: per {@link #BLOCK} rows, a free
     * run of {@link #BLOCK} consecutive ids at a random place, and random ids among them. Rows whose ids are close share
     * the pages of the table and of the indexes that hold their id; drawn across the whole range, each row of a 100,000
     * contacts import dirtied pages of its own and the import took 3.4 times as long on H2. The ids' order says nothing of
     * the rows' order. Only for rows of one author's single act: ids drawn together tell how many rows the act wrote (a
     * plan of several sectors draws its turfs' ids one by one, {@link #next(Handle, Table, int)}).
     */
    static List<Long> block(Handle h, Table table, int n) {
        return block(h, table, n, () -> LOWEST + RANDOM.nextLong(BOUND - LOWEST - BLOCK));
    }

    /** As {@link #block(Handle, Table, int)}, each run starting at the next of {@code starts}. */
    static List<Long> block(Handle h, Table table, int n, LongSupplier starts) {
        List<Long> out = new ArrayList<>(n);
        while (out.size() < n) {
            long start = starts.getAsLong();
            if (h.createQuery("SELECT COUNT(*) FROM " + table.sql + " WHERE id BETWEEN :a AND :b").bind("a", start)
                    .bind("b", start + BLOCK - 1).mapTo(Long.class).one() > 0) {
                continue; // a run with an id taken: drawn again
            }
            List<Long> run = new ArrayList<>(BLOCK);
            for (int i = 0; i < BLOCK; i++) {
                run.add(start + i);
            }
            Collections.shuffle(run, RANDOM);
            out.addAll(run.subList(0, Math.min(BLOCK, n - out.size())));
        }
        return out;
    }

    /** As {@link #next(Handle, Table, int)}, drawing from {@code draw} (a test makes it draw a taken id). */
    static List<Long> next(Handle h, Table table, int n, LongSupplier draw) {
        Set<Long> drawn = new HashSet<>();
        List<Long> out = new ArrayList<>(n);
        while (out.size() < n) {
            List<Long> candidates = new ArrayList<>();
            while (candidates.size() < n - out.size()) {
                long id = draw.getAsLong();
                if (drawn.add(id)) {
                    candidates.add(id);
                }
            }
            Set<Long> taken = new HashSet<>(h.createQuery("SELECT id FROM " + table.sql + " WHERE id IN (<ids>)")
                    .bindList("ids", candidates).mapTo(Long.class).list());
            candidates.stream().filter(id -> !taken.contains(id)).forEach(out::add);
        }
        return out;
    }
}
