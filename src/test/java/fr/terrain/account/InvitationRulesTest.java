package fr.terrain.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.terrain.election.SectorNames;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** An invitation never gives more than its author holds; the sectors' names are read only to write a refusal. */
class InvitationRulesTest {
    static final Account ORGANIZER_11_12 = Account.of("orga", Role.ORGANIZER, Set.of(11, 12));
    /** Names that must not be asked for: an accepted invitation, or a refusal naming no sector, reads no BAN. */
    static final Function<Collection<Integer>, SectorNames> UNASKED = sectors -> {
        throw new AssertionError("names asked for " + sectors);
    };

    @Test
    void anOrganizerInvitesFieldRolesWithinTheirSectorsOnly() {
        assertThatCode(() -> InvitationRules.check(ORGANIZER_11_12, Role.CANVASSER, Set.of(12), UNASKED))
                .doesNotThrowAnyException();
        assertThatCode(() -> InvitationRules.check(ORGANIZER_11_12, Role.ORGANIZER, Set.of(11, 12), UNASKED))
                .doesNotThrowAnyException();
        for (Role above : new Role[] {Role.ADMIN, Role.DIRECTOR, Role.ANALYST}) {
            assertThatThrownBy(() -> InvitationRules.check(ORGANIZER_11_12, above, Set.of(12), UNASKED))
                    .isInstanceOf(InvitationRules.Beyond.class)
                    .hasMessageContaining("militant (canvasser) ou organisateur (organizer), pas « " + above.frenchName() + " »");
        }
        assertThatThrownBy(() -> check(ORGANIZER_11_12, Role.CANVASSER, Set.of(12, 20)))
                .isInstanceOf(InvitationRules.Beyond.class).hasMessage("hors de vos secteurs : 20e (les vôtres : 11e, 12e)");
        assertThatThrownBy(() -> check(ORGANIZER_11_12, Role.CANVASSER, Set.of()))
                .isNotInstanceOf(InvitationRules.Beyond.class).hasMessageContaining("au moins un secteur");
    }

    @Test
    void directorsAndAdminsInviteAnywhereButCanvassersAndAnalystsNowhere() {
        assertThatCode(() -> InvitationRules.check(new Account("dir", Role.DIRECTOR), Role.ORGANIZER, Set.of(29039),
                UNASKED)).doesNotThrowAnyException();
        assertThatCode(() -> InvitationRules.check(new Account("adm", Role.ADMIN), Role.CANVASSER, Set.of(1, 20), UNASKED))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> check(new Account("adm", Role.ADMIN), Role.ADMIN, Set.of(1)))
                .isInstanceOf(InvitationRules.Beyond.class)
                .hasMessageContaining("le rôle militant (canvasser) ou organisateur (organizer), pas « administrateur »");
        assertThatThrownBy(() -> check(Account.of("m", Role.CANVASSER, Set.of(12)), Role.CANVASSER, Set.of(12)))
                .isInstanceOf(InvitationRules.Beyond.class).hasMessage("le rôle « militant » ne peut pas inviter");
        assertThatThrownBy(() -> check(new Account("a", Role.ANALYST), Role.CANVASSER, Set.of(12)))
                .isInstanceOf(InvitationRules.Beyond.class).hasMessage("le rôle « analyste » ne peut pas inviter");
    }

    @Test
    void onlyARefusalOfSectorsAsksForTheirNames() {
        Account concarneau = Account.of("c", Role.ORGANIZER, Set.of(29039));
        SectorNames names = new SectorNames(java.util.Map.of(29039, new SectorNames.Commune("29039", "Concarneau")));
        List<Collection<Integer>> asked = new ArrayList<>();
        Function<Collection<Integer>, SectorNames> reading = sectors -> {
            asked.add(List.copyOf(sectors));
            return names;
        };
        assertThatCode(() -> InvitationRules.check(concarneau, Role.CANVASSER, Set.of(29039), UNASKED))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> InvitationRules.check(concarneau, Role.CANVASSER, Set.of(12, 29046), reading))
                .isInstanceOf(InvitationRules.Beyond.class)
                .hasMessage("hors de vos secteurs : 12e, commune 29046 (les vôtres : Concarneau (29039))");
        // asked once, for the sectors the refusal writes: those refused and the author's
        assertThat(asked).hasSize(1);
        assertThat(asked.get(0)).containsExactlyInAnyOrder(12, 29039, 29046);
    }

    /** The rules where a refusal of sectors is expected, no commune's name known (arrondissements read the same). */
    private static void check(Account author, Role role, Set<Integer> sectors) {
        InvitationRules.check(author, role, sectors, s -> SectorNames.NONE);
    }
}
