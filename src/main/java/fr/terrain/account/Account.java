package fr.terrain.account;

import fr.terrain.election.SectorCodes;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A user of the app. {@code sectors} are those assigned to an organizer (or a canvasser), arrondissements or communes
 * ({@link SectorCodes}); roles that see every sector ignore them.
 */
public record Account(String name, Role role, SortedSet<Integer> sectors) {
    public Account {
        Objects.requireNonNull(role, "role");
        if (name == null || !name.matches("[\\p{L}\\p{N}._@-]{1,64}")) {
            throw new IllegalArgumentException("nom d'utilisateur invalide (1 à 64 lettres, chiffres, . _ @ -) : " + name);
        }
        sectors = new TreeSet<>(sectors);
        sectors.forEach(SectorCodes::check);
    }

    public Account(String name, Role role) {
        this(name, role, new TreeSet<>());
    }

    public static Account of(String name, Role role, Set<Integer> sectors) {
        return new Account(name, role, new TreeSet<>(sectors));
    }

    public boolean has(Permission p) {
        return role.has(p);
    }

    /** Whether this account may see figures of the given sector (an arrondissement, or a commune's area). */
    public boolean seesSector(int sector) {
        return role.seesAllSectors() || sectors.contains(sector);
    }
}
