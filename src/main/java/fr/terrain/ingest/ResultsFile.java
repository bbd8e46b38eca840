package fr.terrain.ingest;

import fr.terrain.election.Candidacy;
import fr.terrain.election.Election;
import fr.terrain.election.StationCode;
import fr.terrain.election.StationResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** What a results file holds: one or more rounds, each with its lists and station counts. */
public record ResultsFile(String format, List<Round> rounds, List<Problem> warnings, List<String> notes) {

    public record Round(Election election, List<Candidacy> candidacies, List<StationResult> results) {
        public long listRows() {
            return results.stream().mapToLong(r -> r.votes().size()).sum();
        }
    }

    public long listRows() {
        return rounds.stream().mapToLong(Round::listRows).sum();
    }

    /**
     * Several files read as one results set (a publisher's one file per arrondissement): each round holds the stations
     * of every file, its lists those of every file. A round must be the same election in every file that holds it, a
     * station must come from one file only, and a list keeps one nuance.
     *
     * @param files the files, in the order of {@code read}
     */
    public static ResultsFile merge(List<Path> files, List<ResultsFile> read) {
        record Merged(Election election, Map<String, Candidacy> lists, List<StationResult> results) {}
        Map<String, Merged> rounds = new LinkedHashMap<>();
        Map<String, Path> electionFrom = new HashMap<>();
        Map<String, Map<StationCode, Path>> stationFrom = new HashMap<>();
        List<Problem> warnings = new ArrayList<>();
        LinkedHashSet<String> notes = new LinkedHashSet<>();
        LinkedHashSet<String> formats = new LinkedHashSet<>();
        // files of the same name in two folders are named with their folder
        Map<String, Long> sameName = new HashMap<>();
        files.forEach(f -> sameName.merge(f.getFileName().toString(), 1L, Long::sum));
        java.util.function.Function<Path, String> shown = f -> sameName.get(f.getFileName().toString()) > 1
                && f.getParent() != null ? f.getParent().getFileName() + "/" + f.getFileName() : f.getFileName().toString();
        for (int i = 0; i < read.size(); i++) {
            Path file = files.get(i);
            String name = shown.apply(file);
            ResultsFile f = read.get(i);
            formats.add(f.format());
            warnings.addAll(f.warnings());
            f.notes().forEach(n -> notes.add(name + " : " + n));
            for (Round round : f.rounds()) {
                String id = round.election().id();
                Merged m = rounds.computeIfAbsent(id, k -> new Merged(round.election(), new LinkedHashMap<>(),
                        new ArrayList<>()));
                Path first = electionFrom.putIfAbsent(id, file);
                if (!m.election().equals(round.election())) {
                    throw InputError.of(name, "le tour " + id + " est ici " + describe(round.election()) + ", mais "
                            + describe(m.election()) + " dans " + shown.apply(first) + " ; précisez --date");
                }
                for (Candidacy c : round.candidacies()) {
                    Candidacy known = m.lists().putIfAbsent(c.label(), c);
                    if (known != null && !Objects.equals(known.nuance(), c.nuance())) {
                        throw InputError.of(name, "la liste \"" + c.label() + "\" a la nuance " + c.nuance()
                                + " ici mais " + known.nuance() + " dans un fichier précédent");
                    }
                }
                Map<StationCode, Path> from = stationFrom.computeIfAbsent(id, k -> new HashMap<>());
                for (StationResult r : round.results()) {
                    Path other = from.putIfAbsent(r.station(), file);
                    if (other != null) {
                        throw InputError.of(name, "le bureau " + r.station() + " du tour " + id
                                + " est aussi dans " + shown.apply(other) + " : un bureau ne vient que d'un fichier");
                    }
                    // a list is one object per round, whichever file named it first
                    List<StationResult.ListVotes> votes = r.votes().stream()
                            .map(v -> new StationResult.ListVotes(m.lists().get(v.list().label()), v.votes())).toList();
                    m.results().add(new StationResult(r.station(), r.registered(), r.voters(), r.blank(), r.invalid(),
                            r.blankAndInvalid(), r.expressed(), r.proxies(), votes));
                }
            }
        }
        List<Round> merged = rounds.values().stream()
                .map(m -> new Round(m.election(), List.copyOf(m.lists().values()), List.copyOf(m.results()))).toList();
        return new ResultsFile(String.join(" ; ", formats), merged, Problems.capped(warnings), List.copyOf(notes));
    }

    private static String describe(Election e) {
        return "le tour " + e.round() + " des " + e.kind().label() + " du " + e.date();
    }
}
