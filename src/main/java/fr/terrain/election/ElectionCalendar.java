package fr.terrain.election;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/**
 * Official dates of recent national election rounds, used when a results file does not carry
 * its date (the 2014 Paris files do not). Source: the decrees convening the electors.
 */
public final class ElectionCalendar {
    private ElectionCalendar() {}

    private static final Map<String, LocalDate> ROUNDS = Map.ofEntries(
            Map.entry("municipales-2008-1", LocalDate.of(2008, 3, 9)),
            Map.entry("municipales-2008-2", LocalDate.of(2008, 3, 16)),
            Map.entry("municipales-2014-1", LocalDate.of(2014, 3, 23)),
            Map.entry("municipales-2014-2", LocalDate.of(2014, 3, 30)),
            Map.entry("municipales-2020-1", LocalDate.of(2020, 3, 15)),
            Map.entry("municipales-2020-2", LocalDate.of(2020, 6, 28)),
            Map.entry("municipales-2026-1", LocalDate.of(2026, 3, 15)),
            Map.entry("municipales-2026-2", LocalDate.of(2026, 3, 22)),
            Map.entry("presidentielle-2012-1", LocalDate.of(2012, 4, 22)),
            Map.entry("presidentielle-2012-2", LocalDate.of(2012, 5, 6)),
            Map.entry("presidentielle-2017-1", LocalDate.of(2017, 4, 23)),
            Map.entry("presidentielle-2017-2", LocalDate.of(2017, 5, 7)),
            Map.entry("presidentielle-2022-1", LocalDate.of(2022, 4, 10)),
            Map.entry("presidentielle-2022-2", LocalDate.of(2022, 4, 24)),
            Map.entry("legislatives-2017-1", LocalDate.of(2017, 6, 11)),
            Map.entry("legislatives-2017-2", LocalDate.of(2017, 6, 18)),
            Map.entry("legislatives-2022-1", LocalDate.of(2022, 6, 12)),
            Map.entry("legislatives-2022-2", LocalDate.of(2022, 6, 19)),
            Map.entry("legislatives-2024-1", LocalDate.of(2024, 6, 30)),
            Map.entry("legislatives-2024-2", LocalDate.of(2024, 7, 7)),
            Map.entry("europeennes-2019-1", LocalDate.of(2019, 5, 26)),
            Map.entry("europeennes-2024-1", LocalDate.of(2024, 6, 9)));

    public static Optional<LocalDate> roundDate(ElectionKind kind, int year, int round) {
        return Optional.ofNullable(ROUNDS.get(kind.label() + "-" + year + "-" + round));
    }
}
