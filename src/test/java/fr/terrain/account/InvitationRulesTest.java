package fr.terrain.account;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.terrain.election.SectorNames;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** An invitation never gives more than its author holds. */
class InvitationRulesTest {
    static final Account ORGANIZER_11_12 = Account.of("orga", Role.ORGANIZER, Set.of(11, 12));

    @Test
    void anOrganizerInvitesFieldRolesWithinTheirSectorsOnly() {
        assertThatCode(() -> check(ORGANIZER_11_12, Role.CANVASSER, Set.of(12))).doesNotThrowAnyException();
        assertThatCode(() -> check(ORGANIZER_11_12, Role.ORGANIZER, Set.of(11, 12))).doesNotThrowAnyException();
        for (Role above : new Role[] {Role.ADMIN, Role.DIRECTOR, Role.ANALYST}) {
            assertThatThrownBy(() -> check(ORGANIZER_11_12, above, Set.of(12)))
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
        assertThatCode(() -> check(new Account("dir", Role.DIRECTOR), Role.ORGANIZER, Set.of(20)))
                .doesNotThrowAnyException();
        assertThatCode(() -> check(new Account("adm", Role.ADMIN), Role.CANVASSER, Set.of(1, 20)))
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
    void aRefusalNamesTheCommunesItIsGiven() {
        Account concarneau = Account.of("c", Role.ORGANIZER, Set.of(29039));
        SectorNames names = new SectorNames(java.util.Map.of(29039, new SectorNames.Commune("29039", "Concarneau")));
        assertThatThrownBy(() -> InvitationRules.check(concarneau, Role.CANVASSER, Set.of(12, 29046), names))
                .isInstanceOf(InvitationRules.Beyond.class)
                .hasMessage("hors de vos secteurs : 12e, commune 29046 (les vôtres : Concarneau (29039))");
    }

    /** The rules with no commune's name known (arrondissements are written the same either way). */
    private static void check(Account author, Role role, Set<Integer> sectors) {
        InvitationRules.check(author, role, sectors, SectorNames.NONE);
    }
}
