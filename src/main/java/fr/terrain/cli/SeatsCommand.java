package fr.terrain.cli;

import fr.terrain.election.Election;
import fr.terrain.election.StationResult;
import fr.terrain.election.law.Ballot;
import fr.terrain.election.law.CityAllocation;
import fr.terrain.election.law.ListResult;
import fr.terrain.election.law.SeatAllocation;
import fr.terrain.election.law.SectorBallots;
import fr.terrain.election.law.UnresolvedTie;
import fr.terrain.election.law.VotingSystem;
import fr.terrain.ingest.CsvTable;
import fr.terrain.ingest.TextInput;
import fr.terrain.store.Elections;
import fr.terrain.store.Results;
import fr.terrain.store.Store;
import fr.terrain.web.Json;
import fr.terrain.web.SeatsJson;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code terrain seats}: the seats a count gives under French municipal law. */
@Command(name = "seats", mixinStandardHelpOptions = true,
        description = {"Répartit les sièges d'un scrutin municipal selon le Code électoral : prime majoritaire, plus"
                + " forte moyenne, seuils de 5 %% et 10 %% (art. L.260 à L.264).", ""},
        footer = {"", "Systèmes :",
            "  commune     commune de 1 000 habitants et plus (--seats, --round, --votes)",
            "  paris-1982  Paris, loi PLM de 1982 : un scrutin par secteur, conseillers",
            "              de Paris puis d'arrondissement (tableau de 2013 ; secteur",
            "              Paris Centre, arr. 1 à 4, à partir de 2020)",
            "  paris-2025  Paris, loi du 11 août 2025 : conseil de Paris élu sur toute",
            "              la ville, prime d'un quart arrondi à l'entier supérieur",
            "              (art. L.272-4-1) ; conseils d'arrondissement par secteur",
            "              (--city-lists regroupe les listes ; --sector-election",
            "              donne le tour du scrutin d'arrondissement, distinct)",
            "--city lyon|marseille applique ces deux systèmes à Lyon (9 secteurs, 73",
            "conseillers municipaux, tableau n° 3) ou Marseille (8 secteurs de deux",
            "arrondissements, 101 conseillers, tableau n° 4).",
            "",
            "Le fichier --votes a une ligne d'en-tête et une ligne par liste :",
            "list;votes, et en option average_age (égalité de voix pour la prime) et",
            "oldest_candidate_birth_date (égalité pour le dernier siège, AAAA-MM-JJ :",
            "la date de naissance du prochain candidat de la liste, celui que ce siège",
            "élirait, art. L.262 al. 4 et 5).",
            "Au premier tour sans majorité absolue, aucun siège n'est attribué : la",
            "sortie donne les listes qui peuvent se maintenir (≥ 10 %% des exprimés,",
            "même une seule ; les deux premières si aucune) et celles qui peuvent",
            "fusionner (≥ 5 %%).",
            "Exemples :",
            "  terrain seats --system commune --seats 33 --round 1 --votes voix.csv",
            "  terrain seats --system paris-1982 --election paris-2020-t1 --json",
            "Règles et sources : docs/electoral-law.md"})
final class SeatsCommand implements Callable<Integer> {
    @Mixin
    StoreOptions store;

    @Option(names = "--system", required = true, paramLabel = "SYSTÈME", description = "commune, paris-1982 ou paris-2025.")
    String system;

    @Option(names = "--seats", paramLabel = "N", description = "Sièges à pourvoir (commune).")
    Integer seats;

    @Option(names = "--round", paramLabel = "1|2", description = "Tour de scrutin (commune).")
    Integer round;

    @Option(names = "--votes", paramLabel = "FICHIER.csv", description = "Voix de chaque liste (commune).")
    Path votes;

    @Option(names = "--election", paramLabel = "ID", description = "Tour importé, par ex. paris-2020-t1 (Paris).")
    String election;

    @Option(names = "--city", defaultValue = "paris", paramLabel = "VILLE",
            description = "paris-1982, paris-2025 : paris (défaut), lyon ou marseille.")
    String city;

    @Option(names = "--city-lists", paramLabel = "FICHIER.csv",
            description = "paris-2025 : liste de secteur → liste municipale (colonnes list;city_list) ; "
                    + "par défaut chaque tête de liste est sa propre liste municipale.")
    Path cityLists;

    @Option(names = "--sector-election", paramLabel = "ID",
            description = "paris-2025 : tour importé du scrutin des conseillers d'arrondissement, distinct de celui"
                    + " du conseil (art. L.271) ; sans elle, les voix de --election servent aux deux scrutins.")
    String sectorElection;

    @Option(names = "--json", description = "Sortie JSON.")
    boolean json;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            switch (system) {
                case "commune" -> {
                    SeatAllocation a = commune();
                    out.println(json ? Json.write(SeatsJson.of(a)) : Seats.table(a, "la commune"));
                }
                case "paris-1982", "paris-2025" -> {
                    CityAllocation c = paris();
                    out.println(json ? Json.write(SeatsJson.of(c)) : Seats.table(c));
                }
                default -> throw new CommandLine.ParameterException(spec.commandLine(),
                        "système inconnu : " + system + " (attendu commune, paris-1982 ou paris-2025)");
            }
        } catch (UnresolvedTie | IllegalArgumentException e) {
            throw new Terrain.UserError(e.getMessage());
        }
        out.flush();
        return 0;
    }

    private SeatAllocation commune() {
        if (seats == null || round == null || votes == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--system commune demande --seats, --round et --votes");
        }
        if (election != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--election ne s'emploie pas avec --system commune");
        }
        if (round != 1 && round != 2) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--round vaut 1 ou 2, trouvé " + round);
        }
        if (seats < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--seats doit être au moins 1, trouvé " + seats);
        }
        return new VotingSystem.Commune(seats).allocate(Ballot.of(round, readVotes(votes)));
    }

    private CityAllocation paris() {
        if (election == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--system " + system + " demande --election");
        }
        if (!fr.terrain.election.law.SectorTable.CITIES.contains(city)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--city : ville inconnue « " + city
                    + " » (attendu " + String.join(", ", fr.terrain.election.law.SectorTable.CITIES) + ")");
        }
        if (seats != null || votes != null || round != null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--seats, --round et --votes ne s'emploient qu'avec --system commune");
        }
        Function<String, String> rename = cityLists == null ? Function.identity() : readCityLists(cityLists);
        try (Store s = store.open()) {
            Election e = Elections.find(s, election).orElseThrow(() -> new Terrain.UserError(
                    "élection inconnue : " + election + " (voir terrain election list)"));
            List<StationResult> stations = Results.load(s, e.id());
            if (stations.isEmpty()) {
                throw new Terrain.UserError("aucun résultat importé pour " + e.id());
            }
            if (system.equals("paris-1982")) {
                if (sectorElection != null) {
                    throw new CommandLine.ParameterException(spec.commandLine(),
                            "--sector-election ne s'emploie qu'avec --system paris-2025 (en 1982, un seul scrutin par secteur)");
                }
                VotingSystem.SectorVote v = VotingSystem.plm1982(city, e.year());
                return v.allocate(SectorBallots.bySector(v.table(), e.round(), stations));
            }
            List<StationResult> sectorStations = stations;
            if (sectorElection != null) {
                Election se = Elections.find(s, sectorElection).orElseThrow(() -> new Terrain.UserError(
                        "élection inconnue : " + sectorElection + " (voir terrain election list)"));
                if (se.round() != e.round()) {
                    throw new Terrain.UserError("--sector-election " + se.id() + " est un tour " + se.round()
                            + ", --election " + e.id() + " un tour " + e.round() + " : les deux scrutins ont lieu le même jour");
                }
                sectorStations = Results.load(s, se.id());
                if (sectorStations.isEmpty()) {
                    throw new Terrain.UserError("aucun résultat importé pour " + se.id());
                }
            }
            VotingSystem.CityWideCouncil v = VotingSystem.plm2025(city);
            return v.allocate(SectorBallots.cityWide(e.round(), stations, rename),
                    SectorBallots.bySector(v.sectors(), e.round(), sectorStations));
        }
    }

    private static List<ListResult> readVotes(Path file) {
        List<ListResult> lists = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        try (CsvTable t = CsvTable.open(TextInput.detect(file))) {
            CsvTable.Column list = t.requireColumn("list", "liste");
            CsvTable.Column count = t.requireColumn("votes", "voix");
            CsvTable.Column age = t.column("average_age", "moyenne_age").orElse(null);
            CsvTable.Column birth = t.column("oldest_candidate_birth_date", "date_naissance_doyen").orElse(null);
            for (CsvTable.Row row : t) {
                String name = row.requiredText(list, 200);
                if (!seen.add(name)) {
                    throw row.error(list, "liste en double : " + name);
                }
                Double avg = row.optionalDecimal(age);
                if (avg != null && !(avg > 0 && avg < 130)) {
                    throw row.error(age, "moyenne d'âge invraisemblable : " + avg);
                }
                lists.add(new ListResult(name, row.count(count), avg, date(row, birth)));
            }
            if (lists.isEmpty()) {
                throw fr.terrain.ingest.InputError.of(t.fileName(), "aucune liste : une ligne par liste est attendue après l'en-tête");
            }
        }
        return lists;
    }

    private static final List<DateTimeFormatter> DATES = List.of(DateTimeFormatter.ISO_LOCAL_DATE,
            DateTimeFormatter.ofPattern("dd/MM/uuuu", Locale.FRANCE));

    private static LocalDate date(CsvTable.Row row, CsvTable.Column c) {
        String v = row.text(c);
        if (v == null) {
            return null;
        }
        for (DateTimeFormatter f : DATES) {
            try {
                return LocalDate.parse(v, f);
            } catch (DateTimeParseException ignored) {
                // try the next spelling
            }
        }
        throw row.error(c, "attendu une date AAAA-MM-JJ ou JJ/MM/AAAA, trouvé \"" + v + "\"");
    }

    private static Function<String, String> readCityLists(Path file) {
        Map<String, String> map = new HashMap<>();
        try (CsvTable t = CsvTable.open(TextInput.detect(file))) {
            CsvTable.Column list = t.requireColumn("list", "liste");
            CsvTable.Column city = t.requireColumn("city_list", "liste_municipale");
            for (CsvTable.Row row : t) {
                String from = row.requiredText(list, 200);
                if (map.put(from, row.requiredText(city, 200)) != null) {
                    throw row.error(list, "liste en double : " + from);
                }
            }
        }
        return label -> map.getOrDefault(label, label);
    }
}
