package fr.terrain.cli;

import fr.terrain.election.law.CityAllocation;
import fr.terrain.election.law.SeatAllocation;
import fr.terrain.election.law.Sector;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Seat allocations as French tables, for people. */
final class Seats {
    private Seats() {}

    static String table(SeatAllocation a, String where) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.FRANCE, "%s — %d siège(s), tour %d, %s suffrages exprimés%n", where, a.seatsTotal(),
                a.round(), Reports.n(a.expressed())));
        if (a.goesToRoundTwo()) {
            b.append("Aucune liste n'a la majorité absolue : second tour, aucun siège attribué.\n");
            b.append("Peuvent se maintenir : ").append(String.join(", ", a.qualifiedForRoundTwo())).append('\n');
            b.append("Peuvent fusionner (≥ 5 %) : ").append(a.eligible().isEmpty() ? "aucune"
                    : String.join(", ", a.eligible())).append('\n');
        } else {
            b.append(String.format("Prime majoritaire : %d siège(s) à %s%n", a.bonusSeats(), a.bonusTo()));
        }
        int width = Math.max(5, a.votes().keySet().stream().mapToInt(String::length).max().orElse(5));
        b.append(String.format("  %-" + width + "s %10s %8s %7s%n", "liste", "voix", "%", "sièges"));
        for (Map.Entry<String, Long> e : a.votes().entrySet()) {
            double share = 100.0 * e.getValue() / a.expressed();
            b.append(String.format(Locale.FRANCE, "  %-" + width + "s %10s %7.2f%% %7s%n", e.getKey(),
                    Reports.n(e.getValue()), share, a.goesToRoundTwo() ? "—" : Integer.toString(a.seatsOf(e.getKey()))));
        }
        return b.toString();
    }

    static String table(CityAllocation c) {
        StringBuilder b = new StringBuilder();
        b.append("Système ").append(c.system()).append(" — ").append(c.table().source()).append("\n\n");
        if (c.cityWide() != null) {
            b.append(table(c.cityWide(), "Conseil (scrutin sur toute la ville)")).append('\n');
        }
        c.sectors().forEach((name, s) -> {
            String where = "Secteur " + name + " (arr. " + s.sector().arrondissements() + ")";
            if (s.council() != null) {
                b.append(table(s.council(), where + (c.table().city().equals("Paris") ? ", conseillers de Paris" : ", conseillers municipaux")));
                if (s.arrondissement() != null && !s.council().goesToRoundTwo()) {
                    b.append("  conseillers d'arrondissement : ");
                    b.append(String.join(", ", s.arrondissement().seats().entrySet().stream()
                            .filter(e -> e.getValue() > 0).map(e -> e.getKey() + " " + e.getValue()).toList()));
                    b.append(" (").append(s.arrondissement().seatsTotal()).append(")\n");
                }
            } else {
                b.append(table(s.arrondissement(), where + ", conseil d'arrondissement"));
            }
            b.append('\n');
        });
        b.append(String.format("Conseil : %d siège(s) attribué(s) à ce tour", c.councilSeatsAllocated()));
        if (!c.sectorsGoingToRoundTwo().isEmpty()) {
            b.append(" ; secteurs au second tour : ").append(String.join(", ", c.sectorsGoingToRoundTwo()));
        }
        List<String> missing = c.sectorsWithoutResults();
        if (!missing.isEmpty()) {
            // a file covering part of the city: the seats above are not the council's
            b.append(" ; secteurs sans résultats importés : ").append(String.join(", ", missing));
            if (c.cityWide() == null) {
                int seats = c.table().sectors().stream().filter(s -> missing.contains(s.name()))
                        .mapToInt(Sector::councilSeats).sum();
                b.append(String.format(" (%d sièges sur %d)", seats, c.table().councilSeats()));
            }
        }
        b.append('\n');
        c.council().forEach((list, n) -> {
            if (n > 0) {
                b.append(String.format("  %-40s %4d%n", list, n));
            }
        });
        return b.toString();
    }
}
