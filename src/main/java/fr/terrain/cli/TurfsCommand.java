package fr.terrain.cli;

import fr.terrain.election.PollingStation;
import fr.terrain.election.StationCode;
import fr.terrain.field.Door;
import fr.terrain.field.Households;
import fr.terrain.field.Start;
import fr.terrain.field.Turf;
import fr.terrain.field.TurfCutter;
import fr.terrain.field.TurfParameters;
import fr.terrain.store.Geography;
import fr.terrain.store.Store;
import fr.terrain.web.Json;
import fr.terrain.web.TurfJson;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code terrain turfs}: the chosen stations' doors cut into walkable turfs. */
@Command(name = "turfs", mixinStandardHelpOptions = true, subcommands = TurfAssignCommand.class,
        description = {"Découpe les portes des bureaux choisis en tournées d'une taille visée, compactes et équilibrées"
                + " (±20 %), chacune avec son ordre de marche (rue par rue, un côté puis l'autre) depuis le lieu de vote"
                + " (ou --meeting-point, ou le centre des portes) et retour. Méthode et modèle de distance : docs/field.md."})
final class TurfsCommand implements Callable<Integer> {
    @Mixin
    StoreOptions store;

    @Option(names = "--stations", split = ",", paramLabel = "CODES",
            description = "Bureaux, par ex. 20-1,20-2 (chacun est découpé depuis son lieu de vote).")
    List<String> stations;

    @Option(names = "--doors-per-turf", paramLabel = "N", description = "Portes visées par tournée (défaut 80 ≈ 2 h).")
    Integer doorsPerTurf;

    @Option(names = "--minutes-per-turf", paramLabel = "MIN",
            description = "Durée visée d'une tournée (marche + portes) au lieu d'un nombre de portes.")
    Double minutesPerTurf;

    @Option(names = "--max-doors", paramLabel = "N", description = "Plafond strict de portes par tournée.")
    Integer maxDoors;

    @Option(names = "--minutes-per-door", paramLabel = "MIN", description = "Temps par porte (défaut 1,2).")
    Double minutesPerDoor;

    @Option(names = "--walking-speed", paramLabel = "KM/H", description = "Vitesse de marche (défaut 4,5 km/h).")
    Double walkingSpeed;

    @Option(names = "--meeting-point", paramLabel = "LON,LAT",
            description = "Point de rendez-vous commun : toutes les portes des bureaux choisis sont découpées ensemble depuis ce point.")
    String meetingPoint;

    @Option(names = "--contest", paramLabel = "ID", description = "Scrutin des électeurs (défaut : la dernière liste importée).")
    String contest;

    @Option(names = "--json", description = "Tableau JSON des tournées (contrat : docs/field.md).")
    boolean json;

    @Option(names = "--pdf", paramLabel = "DIR", description = "Feuilles de route PDF : pas encore disponible.")
    Path pdf;

    @Option(names = "--save", paramLabel = "NOM",
            description = "Enregistre le découpage comme plan NOM (tournées à attribuer : terrain turfs assign) et affiche"
                    + " les identifiants de ses tournées.")
    String save;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (stations == null || stations.isEmpty()) {
            throw new Terrain.UserError("--stations : bureaux à découper, par ex. --stations 20-1,20-2");
        }
        if (pdf != null) {
            throw new Terrain.UserError("--pdf : les feuilles de route PDF ne sont pas encore disponibles");
        }
        if (doorsPerTurf != null && minutesPerTurf != null) {
            throw new Terrain.UserError("--doors-per-turf ou --minutes-per-turf, pas les deux");
        }
        List<StationCode> codes = new ArrayList<>();
        for (String s : stations) {
            try {
                codes.add(StationCode.parse(s));
            } catch (IllegalArgumentException e) {
                throw new Terrain.UserError("--stations : " + e.getMessage());
            }
        }
        TurfParameters p = parameters();
        Map<StationCode, List<Door>> doorsByStation = new LinkedHashMap<>();
        Map<StationCode, PollingStation> places = new LinkedHashMap<>();
        String contestUsed;
        long unmatched;
        try (Store s = store.open()) {
            FieldInputs.Matched m = FieldInputs.match(s, contest, codes);
            contestUsed = m.contest();
            unmatched = m.matches().stream().filter(x -> !x.matched()).count();
            for (StationCode c : codes) {
                doorsByStation.put(c, new ArrayList<>());
            }
            for (Door d : Households.doors(m.matches())) {
                if (d.station() != null && doorsByStation.containsKey(d.station())) {
                    doorsByStation.get(d.station()).add(d);
                }
            }
            List<Integer> vintages = Geography.stationVintages(s);
            for (int i = vintages.size() - 1; i >= 0 && places.size() < codes.size(); i--) {
                for (PollingStation st : Geography.stations(s, vintages.get(i))) {
                    if (doorsByStation.containsKey(st.code())) {
                        places.putIfAbsent(st.code(), st);
                    }
                }
            }
        }
        List<StationCode> empty = doorsByStation.entrySet().stream().filter(e -> e.getValue().isEmpty())
                .map(Map.Entry::getKey).toList();
        if (empty.size() == codes.size()) {
            throw new Terrain.UserError("aucune porte dans " + codes + " pour " + contestUsed
                    + " (bureaux inconnus, ou électeurs non rapprochés : terrain doors match)");
        }
        long started = System.nanoTime();
        List<Turf> turfs = new ArrayList<>();
        if (meetingPoint != null) {
            List<Door> all = doorsByStation.values().stream().flatMap(List::stream).toList();
            turfs.addAll(cut(all, point(meetingPoint), p));
        } else {
            for (var e : doorsByStation.entrySet()) {
                if (e.getValue().isEmpty()) {
                    continue;
                }
                PollingStation st = places.get(e.getKey());
                Start start = st != null && st.location() != null
                        ? new Start("lieu de vote " + e.getKey() + Optional.ofNullable(st.placeName()).map(n -> " : " + n).orElse(""),
                                st.location().getX(), st.location().getY())
                        : TurfCutter.centroid(e.getValue());
                turfs.addAll(cut(e.getValue(), start, p));
            }
        }
        List<Turf> numbered = new ArrayList<>();
        for (Turf t : turfs) {
            numbered.add(new Turf(numbered.size() + 1, t.stations(), t.walk(), t.voters(), t.walkingMetres(), t.minutes(), t.start()));
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        PrintWriter out = spec.commandLine().getOut();
        if (save != null) { // with --json the saved ids go to standard error, so that the JSON stays whole
            try (Store s = store.open()) {
                TurfPlanSaver.save(s, save, contestUsed, TurfPlanSaver.parameters(spec.commandLine().getParseResult().originalArgs()),
                        numbered, Map.of(), json ? spec.commandLine().getErr() : out);
            }
        }
        if (json) {
            out.println(Json.write(numbered.stream().map(TurfJson::turf).toList()));
            return 0;
        }
        out.printf("Tournées de %s, scrutin %s (%s portes, %.2f s) :%n", codes.stream().map(StationCode::toString)
                .reduce((a, b) -> a + "," + b).orElse(""), contestUsed,
                Reports.n(numbered.stream().mapToInt(Turf::doors).sum()), seconds);
        for (Turf t : numbered) {
            Door first = t.walk().get(0);
            Door last = t.walk().get(t.walk().size() - 1);
            out.printf(Locale.FRANCE, "  %3d  %-10s %4d portes %5d électeurs %6.0f m %5.0f min  de %s %s à %s %s%n",
                    t.number(), String.join(",", t.stations().stream().map(StationCode::toString).toList()), t.doors(),
                    t.voters(), t.walkingMetres(), t.minutes(), first.address().number()
                            + Optional.ofNullable(first.address().suffix()).orElse(""), first.address().street(),
                    last.address().number() + Optional.ofNullable(last.address().suffix()).orElse(""), last.address().street());
        }
        if (!empty.isEmpty()) {
            out.println("  sans porte : " + empty);
        }
        if (unmatched > 0) {
            out.printf("  %s électeur(s) de ces bureaux sans adresse BAN, hors tournées (terrain doors match --unmatched FICHIER)%n",
                    Reports.n(unmatched));
        }
        out.println("  départ : " + numbered.get(0).start().label() + " ; --json pour les portes dans l'ordre de marche.");
        return 0;
    }

    private List<Turf> cut(List<Door> doors, Start start, TurfParameters p) {
        if (minutesPerTurf == null) {
            return TurfCutter.cut(doors, start, p);
        }
        // minutes include the walk, which depends on the cut: cut once, measure walking per door, cut again
        int guess = Math.max(1, (int) Math.round(minutesPerTurf / (p.minutesPerDoor() + 0.25)));
        List<Turf> first = TurfCutter.cut(doors, start, p.withDoorsPerTurf(guess));
        double walkPerDoor = first.stream().mapToDouble(t -> t.walkingMetres() / p.metresPerMinute()).sum() / doors.size();
        int doorsPerTurfNow = Math.max(1, (int) Math.round(minutesPerTurf / (p.minutesPerDoor() + walkPerDoor)));
        return TurfCutter.cut(doors, start, p.withDoorsPerTurf(doorsPerTurfNow));
    }

    private TurfParameters parameters() {
        TurfParameters p = TurfParameters.DEFAULTS;
        if (doorsPerTurf != null) {
            if (doorsPerTurf < 1) {
                throw new Terrain.UserError("--doors-per-turf : au moins 1");
            }
            p = p.withDoorsPerTurf(doorsPerTurf);
        }
        if (maxDoors != null) {
            if (maxDoors < 1) {
                throw new Terrain.UserError("--max-doors : au moins 1");
            }
            p = p.withCap(maxDoors);
        }
        if (minutesPerDoor != null) {
            p = p.withMinutesPerDoor(minutesPerDoor);
        }
        if (walkingSpeed != null) {
            if (!(walkingSpeed > 0)) {
                throw new Terrain.UserError("--walking-speed : une vitesse positive en km/h");
            }
            p = p.withMetresPerMinute(walkingSpeed * 1000 / 60);
        }
        return p;
    }

    private static Start point(String text) {
        String[] parts = text.split(",");
        try {
            return new Start("point de rendez-vous", Double.parseDouble(parts[0].strip()), Double.parseDouble(parts[1].strip()));
        } catch (RuntimeException e) {
            throw new Terrain.UserError("--meeting-point : attendu LON,LAT en degrés, par ex. 2.3969,48.8631");
        }
    }
}
