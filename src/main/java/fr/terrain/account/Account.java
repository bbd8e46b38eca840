package fr.terrain.account;

import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A user of the app. {@code sectors} are the arrondissements assigned to an organizer (or a
 * canvasser); roles that see every sector ignore them.
 */
public record Account(String name, Role role, SortedSet<Integer> sectors) {
    public Account {
        Objects.requireNonNull(role, "role");
        if (name == null || !name.matches("[\\p{L}\\p{N}._@-]{1,64}")) {
            throw new IllegalArgumentException("nom d'utilisateur invalide (1 à 64 lettres, chiffres, . _ @ -) : " + name);
        }
        sectors = new TreeSet<>(sectors);
        for (int s : sectors) {
            if (s < 1 || s > 99) {
                throw new IllegalArgumentException("secteur invalide : " + s);
            }
        }
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

    /** Whether this account may see figures of the given arrondissement. */
    public boolean seesSector(int arrondissement) {
        return role.seesAllSectors() || sectors.contains(arrondissement);
    }
}
