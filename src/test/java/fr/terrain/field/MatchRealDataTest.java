package fr.terrain.field;

import static org.assertj.core.api.Assertions.assertThat;

import fr.terrain.RealData;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Real postal spellings: each row of the BAN sample also carries its AFNOR form ({@code nom_afnor}:
 * upper case, no accents, long labels abbreviated — {@code PL COMBATTANTS AFRIQUE DU NORD}), which is
 * how electoral lists write addresses. Written as a list would (number, {@code BIS}/{@code TER}, the
 * city's code 75056 and the postcode), every one must find its own BAN address.
 */
class MatchRealDataTest {

    @Test
    void theBanSamplesPostalSpellingsMatchTheirOwnAddresses() throws java.io.IOException {
        List<Address> addresses = RealAddresses.faubourg();
        AddressMatcher matcher = AddressMatcher.of(addresses);
        List<Match> matches = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        try (var csv = de.siegmar.fastcsv.reader.CsvReader.builder().fieldSeparator(';')
                .ofNamedCsvRecord(RealData.file(RealData.BAN_FAUBOURG))) {
            long id = 0;
            for (var row : csv) {
                String rep = row.getField("rep");
                String number = row.getField("numero") + switch (rep) {
                    case "" -> "";
                    case "b" -> " BIS";
                    case "t" -> " TER";
                    case "q" -> " QUATER";
                    default -> " " + rep.toUpperCase(Locale.ROOT);
                };
                matches.add(matcher.match(new VoterAddress(++id, 1, null, number, null, row.getField("nom_afnor"), null,
                        row.getField("code_postal"), "75056")));
                expected.add(row.getField("id"));
            }
        }
        long same = 0;
        for (int i = 0; i < matches.size(); i++) {
            if (matches.get(i).matched() && matches.get(i).address().banId().equals(expected.get(i))) {
                same++;
            }
        }
        MatchReport report = MatchReport.perImport(matches).get(0);
        System.out.printf("BAN sample, AFNOR spellings: %d rows, %.2f %% matched, %.2f %% to their own address%n",
                report.voters(), 100 * report.rate(), 100.0 * same / matches.size());
        assertThat(report.voters()).isEqualTo(5340);
        assertThat((double) same / matches.size()).isGreaterThanOrEqualTo(0.99);
    }
}
