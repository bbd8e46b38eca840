package fr.terrain.election;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a sector is and how it reads (ADR 0032): arrondissements 1–99, communes by their station area. */
class SectorCodesTest {
    @Test
    void aSectorIsAnArrondissementOrTheAreaOfACommuneNumberedPerCommune() {
        for (int ok : new int[] {1, 12, 20, 99, 1001, 29039, 20004, 97411}) {
            assertThat(SectorCodes.problem(ok)).as("%d", ok).isEmpty();
        }
        // 100–1000: no commune code (the smallest is 01001); Paris's, Lyon's and Marseille's codes are arrondissements
        for (int no : new int[] {0, -3, 100, 1000, 75056, 75112, 75121, 69123, 69381, 13055, 13201, 100_000}) {
            assertThat(SectorCodes.problem(no)).as("%d", no).hasValueSatisfying(p -> assertThat(p)
                    .startsWith("secteur invalide : " + no + " (").contains("29039"));
        }
    }

    @Test
    void usersWriteACommuneAsInseeDoesAndAnArrondissementByItsNumber() {
        assertThat(SectorCodes.parse("12")).isEqualTo(12);
        assertThat(SectorCodes.parse(" 012 ")).isEqualTo(12);
        assertThat(SectorCodes.parse("29039")).isEqualTo(29039);
        assertThat(SectorCodes.parse("01001")).isEqualTo(1001);
        // Corsica as the REU and the electoral list read it (CommuneCodes): 2A004 and 20004 are one sector
        assertThat(SectorCodes.parse("2A004")).isEqualTo(20004);
        assertThat(SectorCodes.parse("2b033")).isEqualTo(20033);
        assertThat(SectorCodes.parse("20004")).isEqualTo(20004);
        assertThatThrownBy(() -> SectorCodes.parse("75112")).hasMessage("« 75112 » est Paris 12e : écrivez 12");
        assertThatThrownBy(() -> SectorCodes.parse("69381")).hasMessage("« 69381 » est Lyon 1er : écrivez 1");
        assertThatThrownBy(() -> SectorCodes.parse("13055")).hasMessageContaining("Paris, Lyon et Marseille");
        assertThatThrownBy(() -> SectorCodes.parse("75121")).hasMessageContaining("inexistant");
        for (String bad : List.of("", "0", "100", "2903", "onze", "290390", "2C004", "-3")) {
            assertThatThrownBy(() -> SectorCodes.parse(bad)).as(bad)
                    .hasMessage("« " + bad + " » n'est ni un arrondissement (1 à 99) ni le code INSEE d'une commune"
                            + " (29039, Corse 2A004)");
        }
    }

    /** What the API receives by number (JSON, ?arrondissement=) is the sector's number; the rest reads as users write. */
    @Test
    void theApiReadsASectorByItsNumberAndRefusesAMistakeAsUsersAreTold() {
        assertThat(SectorCodes.read("12")).isEqualTo(12);
        assertThat(SectorCodes.read("012")).isEqualTo(12);
        assertThat(SectorCodes.read("29039")).isEqualTo(29039);
        assertThat(SectorCodes.read("1001")).as("01001 as its JSON gives it").isEqualTo(1001);
        assertThat(SectorCodes.read(" 2A004 ")).isEqualTo(20004);
        assertThatThrownBy(() -> SectorCodes.read("75112")).hasMessage("« 75112 » est Paris 12e : écrivez 12");
        for (String bad : List.of("100", "0", "-3", "2O", "1234567890", "")) {
            assertThatThrownBy(() -> SectorCodes.read(bad)).as(bad)
                    .hasMessage("« " + bad + " » n'est ni un arrondissement (1 à 99) ni le code INSEE d'une commune"
                            + " (29039, Corse 2A004)");
        }
    }

    @Test
    void anArrondissementReadsAsItsOrdinalACommuneByItsNameOrItsCode() {
        SectorNames names = new SectorNames(Map.of(29039, new SectorNames.Commune("29039", "Concarneau"),
                20004, new SectorNames.Commune("2A004", "Ajaccio")));
        assertThat(names.of(1)).isEqualTo("1er arrondissement");
        assertThat(names.of(29039)).isEqualTo("Concarneau (29039)");
        assertThat(names.of(20004)).isEqualTo("Ajaccio (2A004)");
        assertThat(names.of(29046)).isEqualTo("commune 29046");
        assertThat(names.of(1001)).isEqualTo("commune 01001"); // as INSEE writes it, which SectorCodes.parse reads back
        assertThat(SectorCodes.parse("01001")).isEqualTo(1001);
        assertThat(names.brief(12)).isEqualTo("12e");
        assertThat(names.list(List.of(29046, 12, 29039, 11))).isEqualTo("11e, 12e, Concarneau (29039), commune 29046");
        assertThat(names.in(List.of(20, 12))).isEqualTo("dans le 12e et le 20e arrondissement");
        assertThat(names.in(List.of(12))).isEqualTo("dans le 12e arrondissement");
        assertThat(names.in(List.of(29046, 29039, 12)))
                .isEqualTo("dans le 12e arrondissement et à Concarneau (29039) et dans la commune 29046");
        assertThat(SectorNames.NONE.list(List.of(12, 11))).isEqualTo("11e, 12e");
    }

    /** A list as users type it on the accounts page or after --sectors: commas, semicolons or spaces. */
    @Test
    void aListReadsEachSectorAndNamesTheOneItCannotRead() {
        assertThat(SectorCodes.parseList("12, 20;29039  11")).containsExactly(11, 12, 20, 29039);
        assertThat(SectorCodes.parseList("")).isEmpty();
        assertThat(SectorCodes.parseList(null)).isEmpty();
        assertThatThrownBy(() -> SectorCodes.parseList("12,75112"))
                .hasMessageContaining("écrivez 12");
    }
}
