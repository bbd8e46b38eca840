package fr.terrain.web;

import fr.terrain.account.Account;
import fr.terrain.account.InvitationRules;
import fr.terrain.account.Role;
import fr.terrain.account.Secrets;
import fr.terrain.election.SectorNames;
import fr.terrain.store.InvitationLinks;
import fr.terrain.store.Store;
import fr.terrain.store.Volunteers;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Issuing an invitation, the same way from the web page and from {@code terrain invite}: the
 * author's rights are checked ({@link InvitationRules}), a random 256-bit token makes the link,
 * the store keeps its SHA-256.
 */
public final class Invites {
    public static final Duration DEFAULT_VALIDITY = Duration.ofDays(7);
    public static final int MAX_DAYS = 30;
    /** Where links point when neither the request nor {@code TERRAIN_PUBLIC_URL} says otherwise. */
    public static final String DEFAULT_BASE_URL = "http://localhost:7070";

    /** A new invitation and the link to hand over (shown once: only its hash is kept). */
    public record Issued(String link, InvitationLinks.Invitation invitation, Optional<Volunteers.Team> team) {}

    private Invites() {}

    /**
     * Issues an invitation; an {@link IllegalArgumentException} says in French what the author may
     * not do or what is wrong, naming communes as the pages do (« Concarneau (29039) ») by {@code names} — the web app's
     * {@link SectorNameCache}, the command line's read of the BAN —, asked only when a refusal writes sectors.
     */
    public static Issued issue(Store store, Function<Collection<Integer>, SectorNames> names, Account author,
            String actor, Role role, Set<Integer> sectors, Optional<String> teamName, int days, String baseUrl,
            Instant now) {
        InvitationRules.check(author, role, sectors, names);
        if (days < 1 || days > MAX_DAYS) {
            throw new IllegalArgumentException("durée de validité hors limites : " + days + " jours (1 à " + MAX_DAYS + ")");
        }
        Optional<Volunteers.Team> team = Optional.empty();
        if (teamName.isPresent() && !teamName.get().isBlank()) {
            // only the teams of the invitation's sectors (which the author's are checked to cover) are looked at: a team
            // of that name elsewhere is answered as one that does not exist, so that no organizer learns another
            // sector's teams by trying names
            String name = teamName.get().strip();
            java.util.List<Volunteers.Team> named = Volunteers.teamsNamed(store, name).stream()
                    .filter(t -> sectors.contains(t.arrondissement())).toList();
            if (named.isEmpty()) {
                throw new IllegalArgumentException("équipe inconnue dans les secteurs de l'invitation " + sectors + " : « "
                        + name + " »");
            }
            if (named.size() > 1) {
                java.util.List<Integer> where = named.stream().map(Volunteers.Team::arrondissement).toList();
                throw new IllegalArgumentException("l'équipe « " + name + " » existe "
                        + names.apply(where).in(where) + " : invitez à un seul de ces secteurs");
            }
            team = Optional.of(named.get(0));
        }
        String token = Secrets.randomToken(32);
        InvitationLinks.Invitation invitation = InvitationLinks.create(store, Secrets.sha256(token), role, sectors,
                team.map(Volunteers.Team::id), actor, now, now.plus(Duration.ofDays(days)));
        return new Issued(link(baseUrl, token), invitation, team);
    }

    static String link(String baseUrl, String token) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        return base + "/invitation/" + token;
    }

    /** {@code TERRAIN_PUBLIC_URL}, the address volunteers reach the app at, when set. */
    public static Optional<String> publicUrl() {
        String url = System.getenv("TERRAIN_PUBLIC_URL");
        return url == null || url.isBlank() ? Optional.empty() : Optional.of(url.strip());
    }
}
