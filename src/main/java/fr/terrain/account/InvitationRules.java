package fr.terrain.account;

import fr.terrain.election.SectorCodes;
import fr.terrain.election.SectorNames;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Who may invite whom. An invitation link creates an account when it is opened, so it must never
 * give more than its author may give: only field roles (canvasser, organizer), only in sectors the
 * author holds (an administrator or a director holds them all), and never without a sector.
 */
public final class InvitationRules {
    /** The roles an invitation can carry; the others are created by an administrator (terrain user add). */
    public static final Set<Role> INVITABLE = EnumSet.of(Role.CANVASSER, Role.ORGANIZER);

    /** The author may not give this: a matter of rights (HTTP 403), not of a malformed request. */
    public static final class Beyond extends IllegalArgumentException {
        Beyond(String message) {
            super(message);
        }
    }

    private InvitationRules() {}

    /**
     * Checks that {@code author} may invite someone with {@code role} in {@code sectors}; the
     * exception says why not, in French ({@link Beyond} when it exceeds the author's rights), naming the communes by
     * {@code names} (« Concarneau (29039) », those it lacks by their code) — asked only for the sectors of a refusal
     * that writes them, so that an accepted invitation reads no BAN.
     */
    public static void check(Account author, Role role, Set<Integer> sectors,
            Function<Collection<Integer>, SectorNames> names) {
        if (!INVITABLE.contains(role)) {
            throw new Beyond("une invitation ne peut donner que le rôle militant (canvasser) ou organisateur (organizer), pas « "
                    + role.frenchName() + " » (les autres comptes se créent par terrain user add)");
        }
        if (!author.has(Permission.READ_PERSONAL_DATA) || author.role() == Role.CANVASSER) {
            throw new Beyond("le rôle « " + author.role().frenchName() + " » ne peut pas inviter");
        }
        if (sectors.isEmpty()) {
            throw new IllegalArgumentException("indiquez au moins un secteur (arrondissement ou commune) pour l'invitation");
        }
        sectors.forEach(SectorCodes::check);
        if (!author.role().seesAllSectors()) {
            SortedSet<Integer> outside = new TreeSet<>(sectors);
            outside.removeAll(author.sectors());
            if (!outside.isEmpty()) {
                SortedSet<Integer> written = new TreeSet<>(outside);
                written.addAll(author.sectors());
                SectorNames named = names.apply(written);
                throw new Beyond("hors de vos secteurs : " + named.list(outside) + " (les vôtres : "
                        + (author.sectors().isEmpty() ? "aucun" : named.list(author.sectors())) + ")");
            }
        }
    }

    /**
     * Whether the author may still give this: a link is checked again when it is opened, as its author may have lost
     * the role or the sectors since (a disabled author gives nothing, {@code InvitationLinks}).
     */
    public static boolean allows(Account author, Role role, Set<Integer> sectors) {
        try {
            check(author, role, sectors, s -> SectorNames.NONE);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
