package fr.terrain.election.law;

import static org.assertj.core.api.Assertions.assertThat;

import fr.terrain.election.Candidacy;
import fr.terrain.election.StationCode;
import fr.terrain.election.StationResult;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class SectorBallotsTest {
    static StationResult station(String code, int expressed, int a, int b) {
        return new StationResult(StationCode.parse(code), 1000, expressed + 10, 5, 5, null, expressed, null,
                List.of(new StationResult.ListVotes(Candidacy.named("A"), a), new StationResult.ListVotes(Candidacy.named("B"), b)));
    }

    /**
     * Paris 2020's 1-1 with a typo the import kept as a warning (Rémy-Leleu's 31 written 131: 555 votes for 455
     * exprimés): the station counts its lists' 555, the sector and the city are counted; before, « les voix des
     * listes (…) dépassent les suffrages exprimés » refused them all.
     */
    @Test
    void aStationWhoseListsExceedItsExprimesCountsItsListsAndTheOthersTheirOwn() {
        List<StationResult> stations = List.of(station("1-1", 455, 131, 424), station("1-2", 500, 200, 280),
                station("5-1", 300, 100, 200));
        Ballot first = SectorBallots.bySector(SectorTable.PARIS_2020, 1, stations).entrySet().stream()
                .filter(e -> e.getKey().arrondissements().contains(1)).findFirst().orElseThrow().getValue();
        // 555 (its lists) + 500 (its exprimés, of which 20 for lists the source did not detail)
        assertThat(first.expressed()).isEqualTo(1055);
        assertThat(first.lists()).extracting(ListResult::votes).containsExactly(704L, 331L);
        assertThat(SectorBallots.cityWide(1, stations, Function.identity()).expressed()).isEqualTo(1355);
    }
}
