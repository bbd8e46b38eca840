package fr.terrain.field;

import fr.terrain.account.Account;
import fr.terrain.account.Permission;
import fr.terrain.account.Role;
import java.util.Set;

/**
 * Which saved turfs a user may see and record on (PRIVACY.md: a canvasser sees only the addresses
 * of their turf): a canvasser their assigned turfs, an organizer the turfs of their sectors,
 * director and administrator every turf, anyone else (analyst, DPO) none — they get aggregates only.
 */
public sealed interface TurfScope {
    /** Whether a turf of this arrondissement, assigned to this user (or null), is in scope. */
    boolean covers(int arrondissement, Long assignee);

    record All() implements TurfScope {
        @Override
        public boolean covers(int arrondissement, Long assignee) {
            return true;
        }
    }

    /** An organizer's arrondissements. */
    record Sectors(Set<Integer> arrondissements) implements TurfScope {
        public Sectors {
            arrondissements = Set.copyOf(arrondissements);
        }

        @Override
        public boolean covers(int arrondissement, Long assignee) {
            return arrondissements.contains(arrondissement);
        }
    }

    /** A canvasser's own turfs. */
    record AssignedTo(long userId) implements TurfScope {
        @Override
        public boolean covers(int arrondissement, Long assignee) {
            return assignee != null && assignee == userId;
        }
    }

    record None() implements TurfScope {
        @Override
        public boolean covers(int arrondissement, Long assignee) {
            return false;
        }
    }

    /** The scope of an account ({@code userId} its row in the store). */
    static TurfScope of(Account account, long userId) {
        if (!account.has(Permission.CANVASS_OWN_TURFS)) {
            return new None();
        }
        if (account.role() == Role.CANVASSER) {
            return new AssignedTo(userId);
        }
        if (account.role().seesAllSectors()) {
            return new All();
        }
        return new Sectors(account.sectors());
    }
}
