package fr.terrain.store;

import fr.terrain.account.Account;
import fr.terrain.account.InvitationRules;
import fr.terrain.account.Role;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/**
 * Invitation links ({@code invitation}): the link carries a random value, the store only its
 * SHA-256, so a copy of the database opens no account. A link creates one account, once, before it
 * expires; the role and sectors come from the invitation, never from the person opening it.
 */
public final class InvitationLinks {
    /** An invitation as stored (never the token itself). */
    public record Invitation(long id, Role role, SortedSet<Integer> sectors, Optional<Long> teamId, String createdBy,
            Instant createdAt, Instant expiresAt, Optional<Instant> usedAt) {
        public boolean expired(Instant now) {
            return !now.isBefore(expiresAt);
        }
    }

    /** Why a link cannot be used; {@link #message} says it in French to the person holding it. */
    public enum Refusal {
        UNKNOWN("Ce lien d'invitation n'existe pas : vérifiez qu'il a été copié en entier, ou demandez-en un nouveau"
                + " à votre organisateur."),
        USED("Ce lien d'invitation a déjà servi à créer un compte : connectez-vous avec ce compte, ou demandez un"
                + " nouveau lien à votre organisateur."),
        EXPIRED("Ce lien d'invitation a expiré : demandez-en un nouveau à votre organisateur."),
        WITHDRAWN("Ce lien d'invitation n'est plus valable : la personne qui l'a créé n'a plus les droits de le donner."
                + " Demandez un nouveau lien à votre organisateur."),
        NAME_TAKEN("Ce nom d'utilisateur est déjà pris : choisissez-en un autre.");

        private final String message;

        Refusal(String message) {
            this.message = message;
        }

        public String message() {
            return message;
        }
    }

    /** A refused use of a link, rolled back. */
    public static final class Refused extends RuntimeException {
        private final Refusal refusal;

        public Refused(Refusal refusal) {
            super(refusal.message());
            this.refusal = refusal;
        }

        public Refusal refusal() {
            return refusal;
        }
    }

    private static final String COLUMNS = "id, role, sectors, team_id, created_by, created_at, expires_at, used_at";

    private InvitationLinks() {}

    /** Stores an invitation (by the hash of its token) and its audit entry. */
    public static Invitation create(Store store, String tokenHash, Role role, Set<Integer> sectors, Optional<Long> teamId,
            String actor, Instant now, Instant expiresAt) {
        String list = new TreeSet<>(sectors).stream().map(String::valueOf).collect(Collectors.joining(","));
        return store.jdbi().inTransaction(h -> {
            h.createUpdate("INSERT INTO invitation (id, token_hash, role, sectors, team_id, created_by, created_at,"
                            + " expires_at) VALUES (:id, :h, :r, :s, :t, :by, :now, :exp)")
                    .bind("id", RandomIds.next(h, RandomIds.Table.INVITATION)).bind("h", tokenHash).bind("r", role.label())
                    .bind("s", list).bind("t", teamId.orElse(null))
                    .bind("by", actor).bind("now", Times.bind(now)).bind("exp", Times.bind(expiresAt)).execute();
            Invitation created = find(h, tokenHash).orElseThrow();
            AuditLog.append(h, now, actor, "invitation.create", "invitation:" + created.id(), 0,
                    "rôle " + role.label() + ", " + Accounts.scope(role, list) + teamId.map(t -> ", équipe n° " + t).orElse("")
                            + ", expire le " + expiresAt);
            return created;
        });
    }

    public static Optional<Invitation> find(Store store, String tokenHash) {
        return store.jdbi().withHandle(h -> find(h, tokenHash));
    }

    /** The invitation if it can still be used, else why not. */
    public static Invitation usable(Store store, String tokenHash, Instant now) {
        return store.jdbi().withHandle(h -> usable(h, tokenHash, now));
    }

    private static Invitation usable(Handle h, String tokenHash, Instant now) {
        Invitation i = find(h, tokenHash).orElseThrow(() -> new Refused(Refusal.UNKNOWN));
        if (i.usedAt().isPresent()) {
            throw new Refused(Refusal.USED);
        }
        if (i.expired(now)) {
            throw new Refused(Refusal.EXPIRED);
        }
        // a link outlives its author's access otherwise: an organizer disabled, or moved to other sectors, kept
        // links that made organizers of their former sectors (found by a crawl); a link written by terrain invite names
        // no account
        Optional<AccountRecord> author = Accounts.find(h, i.createdBy());
        if (author.isPresent() && (author.get().disabled()
                || !InvitationRules.allows(author.get().account(), i.role(), i.sectors()))) {
            throw new Refused(Refusal.WITHDRAWN);
        }
        return i;
    }

    /**
     * Creates the account and volunteer profile the invitation stands for, and marks it used, all
     * in one transaction: of two people opening the same link at once, one gets the account and the
     * other {@link Refusal#USED}.
     */
    public static AccountRecord accept(Store store, String tokenHash, String name, String displayName, String passwordHash,
            Instant now) {
        return store.jdbi().inTransaction(h -> {
            Invitation i = usable(h, tokenHash, now);
            int claimed = h.createUpdate("UPDATE invitation SET used_at = :now WHERE id = :id AND used_at IS NULL")
                    .bind("now", Times.bind(now)).bind("id", i.id()).execute();
            if (claimed != 1) {
                throw new Refused(Refusal.USED);
            }
            if (Accounts.find(h, name).isPresent()) {
                throw new Refused(Refusal.NAME_TAKEN);
            }
            Account account = Account.of(name, i.role(), i.sectors());
            AccountRecord user = Accounts.insert(h, account, passwordHash, now);
            Optional<Long> team = i.teamId().filter(t -> h.createQuery("SELECT COUNT(*) FROM team WHERE id = :t")
                    .bind("t", t).mapTo(Integer.class).one() > 0);
            h.createUpdate("INSERT INTO volunteer (user_id, team_id, display_name, created_at) VALUES (:id, :t, :d, :now)")
                    .bind("id", user.id()).bind("t", team.orElse(null)).bind("d", displayName).bind("now", Times.bind(now))
                    .execute();
            h.createUpdate("UPDATE invitation SET used_by = :u WHERE id = :id").bind("u", user.id()).bind("id", i.id())
                    .execute();
            AuditLog.append(h, now, name, "user.add", "user:" + name, 0, "par l'invitation n° " + i.id() + " de "
                    + i.createdBy() + " : rôle " + i.role().label() + ", " + Accounts.scope(i.role(), Accounts.sectors(account)));
            return user;
        });
    }

    static Optional<Invitation> find(Handle h, String tokenHash) {
        return h.createQuery("SELECT " + COLUMNS + " FROM invitation WHERE token_hash = :h").bind("h", tokenHash)
                .map((rs, ctx) -> map(rs)).findOne();
    }

    private static Invitation map(ResultSet rs) throws SQLException {
        String label = rs.getString("role");
        Role role = Role.find(label).orElseThrow(() -> new StoreException("rôle inconnu en base : " + label));
        String s = rs.getString("sectors");
        SortedSet<Integer> sectors = s.isBlank() ? new TreeSet<>()
                : Arrays.stream(s.split(",")).map(Integer::valueOf).collect(Collectors.toCollection(TreeSet::new));
        long team = rs.getLong("team_id");
        Optional<Long> teamId = rs.wasNull() ? Optional.empty() : Optional.of(team);
        return new Invitation(rs.getLong("id"), role, sectors, teamId, rs.getString("created_by"),
                Times.read(rs, "created_at"), Times.read(rs, "expires_at"), Optional.ofNullable(Times.read(rs, "used_at")));
    }
}
