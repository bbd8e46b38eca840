package fr.terrain.field;

import static org.assertj.core.api.Assertions.assertThat;

import fr.terrain.election.StationCode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Unmatched voters found once per written address and grouped by the listed address a correction is keyed to. */
class UnmatchedAddressesTest {
    static final AddressMatcher BAN = AddressMatcher.of(List.of(
            new Address("75112_7302_00014", null, 14, null, "Rue de Picpus", "75012", "75112", "Paris", 2.3961, 48.8449),
            new Address("75111_1815_00003", null, 3, null, "Rue de Charonne", "75011", "75111", "Paris", 2.376, 48.853)));

    static VoterAddress voter(long id, String station, String number, String type, String street, String complement,
            String postcode) {
        return new VoterAddress(id, 1, station == null ? null : StationCode.parse(station), number, type, street,
                complement, postcode, "751" + postcode.substring(3));
    }

    static final List<VoterAddress> LIST = List.of(
            voter(1, "12-7", "14", "RUE", "DE PICPUS", null, "75012"), // matches
            voter(2, "12-7", "14", "RUE", "DE PICPSU", "APT 4", "75012"),
            voter(3, "12-8", "14", "rue", "de picpsu", "apt 4", "75012"), // the same address and apartment, spelt otherwise
            voter(4, "12-7", "14", "R", "DE PICPSU", "APT 5", "75012"),
            voter(5, "11-1", "3", "RUE", "DE CHARONE", null, "75011"),
            voter(6, "11-1", "5", "RUE", "DE CHARONNE", null, "75011"), // the street exists, not the number
            voter(7, null, "5", "RUE", "DE CHARONNE", null, "75011"));

    @Test
    void eachListedAddressOnceTheMostVotersFirstWithItsStationsAndComplements() {
        List<UnmatchedAddresses.Unmatched> unmatched = UnmatchedAddresses.find(LIST, Map.of(), BAN);
        assertThat(unmatched).extracting(u -> u.shown().voterId()).containsExactly(2L, 3L, 4L, 5L, 6L, 7L);

        List<UnmatchedAddresses.Group> groups = UnmatchedAddresses.group(unmatched, v -> true);
        assertThat(groups).extracting(g -> g.first().voterId(), UnmatchedAddresses.Group::voters)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2L, 3), org.assertj.core.groups.Tuple.tuple(6L, 2),
                        org.assertj.core.groups.Tuple.tuple(5L, 1));
        UnmatchedAddresses.Group picpsu = groups.get(0);
        assertThat(picpsu.stations()).containsExactly(StationCode.parse("12-7"), StationCode.parse("12-8"));
        assertThat(picpsu.complements()).isEqualTo(2); // APT 4 (twice, spelt two ways) and APT 5
        assertThat(picpsu.quality()).isEqualTo(Match.Quality.UNKNOWN_STREET);
        assertThat(picpsu.key()).isEqualTo(AddressCorrection.key(LIST.get(1)));
        assertThat(groups.get(1).quality()).isEqualTo(Match.Quality.UNKNOWN_NUMBER);
        assertThat(groups.get(1).stations()).containsExactly(StationCode.parse("11-1")); // voter 7 has none
        assertThat(UnmatchedAddresses.byReason(groups))
                .containsExactly(Map.entry(Match.Quality.UNKNOWN_STREET, 4), Map.entry(Match.Quality.UNKNOWN_NUMBER, 2));

        // only what a reader may see: the 11th's voters with a station
        assertThat(UnmatchedAddresses.group(unmatched, v -> v.station() != null && v.station().area() == 11))
                .extracting(UnmatchedAddresses.Group::voters).containsExactly(1, 1);
    }

    @Test
    void aCorrectionThatMatchesTakesTheAddressOffOneThatDoesNotStaysFlagged() {
        Map<String, AddressCorrection> corrections = Map.of(
                AddressCorrection.key(LIST.get(1)), new AddressCorrection("14", "Rue de Picpus"),
                AddressCorrection.key(LIST.get(4)), new AddressCorrection("3", "Rue de Charonnes"));
        List<UnmatchedAddresses.Unmatched> unmatched = UnmatchedAddresses.find(LIST, corrections, BAN);
        assertThat(unmatched).extracting(u -> u.shown().voterId()).containsExactly(5L, 6L, 7L);
        UnmatchedAddresses.Unmatched charone = unmatched.get(0);
        assertThat(charone.corrected()).isTrue();
        assertThat(charone.shown().streetName()).isEqualTo("Rue de Charonnes"); // as corrected, still nowhere in the BAN
        assertThat(charone.key()).isEqualTo(AddressCorrection.key(LIST.get(4))); // still keyed by the listed address
        assertThat(unmatched.get(1).corrected()).isFalse();
    }
}
