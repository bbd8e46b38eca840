package fr.terrain.cli;

import fr.terrain.compliance.PrivacySettings;
import fr.terrain.election.StationCode;
import fr.terrain.field.Door;
import fr.terrain.field.Households;
import fr.terrain.field.Start;
import fr.terrain.field.StationCuts;
import fr.terrain.field.Turf;
import fr.terrain.field.TurfParameters;
import fr.terrain.ingest.TargetingFiles;
import fr.terrain.privacy.CanvassNotice;
import fr.terrain.store.AuditLog;
import fr.terrain.store.ConsentLedger;
import fr.terrain.store.FieldInputs;
import fr.terrain.store.FieldStore;
import fr.terrain.store.Store;
import fr.terrain.store.WalkListNames;
import fr.terrain.targeting.TopicRules;
import fr.terrain.web.Json;
import fr.terrain.web.TurfJson;
import fr.terrain.web.WalkListPdf;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code terrain turfs}: the chosen stations' doors cut into walkable turfs. */
@Command(name = "turfs", mixinStandardHelpOptions = true,
        subcommands = {TurfAssignCommand.class, TurfOutcomesCommand.class, TurfDeleteCommand.class},
        description = {"Découpe les portes des bureaux choisis en tournées d'une taille visée, compactes et équilibrées"
                + " (±20 %%), chacune avec son ordre de marche (rue par rue, un côté puis l'autre) depuis le lieu de vote"
                + " (ou --meeting-point, ou le centre des portes) et retour ; chaque tournée porte le thème principal de son"
                + " bureau (comme terrain target). Bureaux : --stations, ou --from-plan pour la tête d'un plan de ciblage."
                + " --pdf écrit les feuilles de route (plan, portes, mention à lire avant"
                + " toute opinion), sans nom d'électeur sauf --with-names. Méthode et modèle de distance : docs/field.md."})
final class TurfsCommand implements Callable<Integer> {
    @Mixin
    StoreOptions store;

    @Option(names = "--stations", split = ",", paramLabel = "CODES",
            description = "Bureaux, par ex. 20-1,20-2, ou 29039-1 hors de Paris, Lyon et Marseille (commune-bureau, comme"
                    + " terrain import reu) ; chacun est découpé depuis son lieu de vote, sinon le centre de ses portes."
                    + " Les électeurs sans bureau sur la liste y sont placés par le contour où tombe leur adresse.")
    List<String> stations;

    @Option(names = "--from-plan", paramLabel = "PLAN.csv",
            description = "Au lieu de --stations : les premiers bureaux d'un plan de ciblage (terrain target … --csv), ceux"
                    + " qui reçoivent le plus d'heures, dans cet ordre ; combien : --top.")
    Path fromPlan;

    @Option(names = "--top", paramLabel = "N", description = "Avec --from-plan : nombre de bureaux pris en tête du plan (défaut 10).")
    Integer top;

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
            description = "Point de rendez-vous commun : toutes les portes des bureaux choisis sont découpées ensemble depuis ce point"
                    + " (à plus de 1 km du centre des portes, un avertissement dit le temps de marche aller-retour ajouté"
                    + " à chaque tournée).")
    String meetingPoint;

    @Option(names = {"--contest", "--election"}, paramLabel = "ID", description = "Scrutin des électeurs (défaut : la"
            + " dernière liste importée) ; --election comme pour terrain voters et import voters.")
    String contest;

    @Option(names = "--topics", paramLabel = "FICHIER",
            description = "Règles de thèmes de terrain target (JSON ; défaut : règles livrées) : chaque tournée porte le thème"
                    + " principal de son bureau.")
    Path topicRules;

    @Option(names = "--json", description = "Tableau JSON des tournées (contrat : docs/field.md).")
    boolean json;

    @Option(names = "--pdf", paramLabel = "DIR",
            description = "Écrit une feuille de route PDF par tournée dans DIR (plan, portes dans l'ordre de marche, thème,"
                    + " mention à lire avant toute opinion) : tournee-01.pdf… ; les tournee-NN.pdf d'un découpage précédent"
                    + " qui ne sont pas réécrits sont retirés (on ne les imprimerait pas par erreur).")
    Path pdf;

    @Option(names = "--with-names", description = "Avec --pdf : imprime les noms des électeurs de chaque porte, si la campagne"
            + " l'autorise (walk-lists.names=true dans privacy.properties) ; consigné au journal d'audit.")
    boolean withNames;

    @Option(names = "--save", paramLabel = "NOM",
            description = "Enregistre le découpage comme plan NOM (tournées à attribuer : terrain turfs assign) et affiche"
                    + " les identifiants de ses tournées.")
    String save;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if ((stations == null || stations.isEmpty()) == (fromPlan == null)) {
            throw new Terrain.UsageError(fromPlan == null
                    ? "--stations : bureaux à découper, par ex. --stations 20-1,20-2 (ou --from-plan plan.csv --top 10)"
                    : "--stations ou --from-plan, pas les deux");
        }
        if (top != null && (fromPlan == null || top < 1)) {
            throw new Terrain.UsageError(fromPlan == null ? "--top ne sert qu'avec --from-plan PLAN.csv" : "--top : au moins 1");
        }
        if (withNames && pdf == null) {
            throw new Terrain.UsageError("--with-names ne sert qu'avec --pdf DIR");
        }
        PrivacySettings settings = PrivacySettings.read(store.home());
        try {
            if (withNames && !settings.namesOnWalkLists()) {
                throw new Terrain.UserError("--with-names : la campagne n'autorise pas les noms sur les feuilles de route"
                        + " (ajoutez " + PrivacySettings.WALK_LIST_NAMES + "=true à " + settings.file() + ")");
            }
        } catch (IllegalArgumentException e) {
            throw new Terrain.UserError(e.getMessage());
        }
        if (doorsPerTurf != null && minutesPerTurf != null) {
            throw new Terrain.UsageError("--doors-per-turf ou --minutes-per-turf, pas les deux");
        }
        List<StationCode> codes = fromPlan != null ? TargetingFiles.topOfPlan(fromPlan, top == null ? 10 : top)
                : stations();
        if (fromPlan != null && codes.size() < (top == null ? 10 : top)) {
            // the plan gives hours to fewer stations than asked: said, not left for the reader to count
            spec.commandLine().getErr().println("attention : " + fromPlan.getFileName() + " ne donne d'heures qu'à "
                    + codes.size() + " bureau(x) ; " + (top == null ? "les 10 bureaux par défaut (--top)" : "--top " + top)
                    + " en demandai" + (top == null ? "en" : "") + "t plus");
        }
        TurfParameters p = parameters();
        Optional<Start> meeting = Optional.ofNullable(meetingPoint).map(TurfsCommand::point);
        TopicRules rules = topicRules == null ? TargetingFiles.defaultTopicRules() : TargetingFiles.readTopicRules(topicRules);
        try (Store s = store.open()) { // one store for the whole command: each opening validates the migrations
            return cut(s, codes, rules, p, meeting, settings);
        }
    }

    private int cut(Store s, List<StationCode> codes, TopicRules rules, TurfParameters p, Optional<Start> meeting,
            PrivacySettings settings) {
        FieldInputs.Stations in = FieldInputs.stations(s, contest, codes, rules);
        Map<String, List<Long>> households = withNames ? Households.voterIds(in.matches()) : Map.of();
        CanvassNotice notice = ConsentLedger.canvassNotice(s, settings.identity());
        if (save != null && FieldStore.plans(s).contains(save)) { // before any sheet is printed with its name
            throw new Terrain.UserError("--save : le plan « " + save + " » existe déjà ; un plan enregistré ne change"
                    + " pas, choisissez un autre nom");
        }
        String contestUsed = in.contest();
        List<StationCode> empty = in.empty();
        if (empty.size() == codes.size()) {
            throw new Terrain.UserError("aucune porte dans " + codes + " pour " + contestUsed
                    + " (bureaux inconnus, ou électeurs non rapprochés : terrain doors match)");
        }
        long started = System.nanoTime();
        if (meeting.isPresent()) {
            try {
                StationCuts.checkMeetingPoint(in.doors(), meeting.get());
            } catch (IllegalArgumentException e) {
                throw new Terrain.UsageError("--meeting-point : " + e.getMessage());
            }
            StationCuts.meetingPointWarning(in.doors(), meeting.get(), p)
                    .ifPresent(w -> spec.commandLine().getErr().println("attention : " + w));
        }
        List<Turf> numbered = StationCuts.cut(in.doors(), in.starts(), meeting, p,
                minutesPerTurf == null ? OptionalDouble.empty() : OptionalDouble.of(minutesPerTurf));
        double seconds = (System.nanoTime() - started) / 1e9;
        int doors = numbered.stream().mapToInt(Turf::doors).sum();
        // the doors of the electoral list shown, as the web's preview logs them
        AuditLog.append(s, Actor.current(), "field.turfs.cut", "voters:" + contestUsed, doors, "découpage de "
                + String.join(",", codes.stream().map(StationCode::toString).toList()) + " : " + numbered.size()
                + " tournée(s), " + doors + " portes (adresses et nombre d'électeurs, sans nom)");
        PrintWriter out = spec.commandLine().getOut();
        if (pdf != null) {
            walkLists(s, numbered, contestUsed, in, notice, households, json ? spec.commandLine().getErr() : out);
            // printed sheets with « Responsable du traitement : à renseigner », or a notice the phone cannot cite, must not
            // go out unnoticed
            notice.warning(settings.identity(), settings.file().toString())
                    .ifPresent(w -> spec.commandLine().getErr().println("attention : " + w));
        }
        if (save != null) { // with --json the saved ids go to standard error, so that the JSON stays whole
            TurfPlans.save(s, save, contestUsed, TurfPlans.parameters(spec.commandLine().getParseResult()
                    .originalArgs()), numbered, in.talkingPoints(numbered), json ? spec.commandLine().getErr() : out);
        }
        if (json) {
            out.println(Json.write(numbered.stream().map(t -> TurfJson.turf(t, in.topicOf(t), in.placedByContour(t)))
                    .toList()));
            return 0;
        }
        out.printf(java.util.Locale.FRANCE, "Tournées de %s, scrutin %s (%s portes, %.2f s) :%n", codes.stream()
                .map(StationCode::toString).reduce((a, b) -> a + "," + b).orElse(""), contestUsed,
                Reports.n(doors), seconds);
        for (Turf t : numbered) {
            Door first = t.walk().get(0);
            Door last = t.walk().get(t.walk().size() - 1);
            // « 144 bis Boulevard … », as the page and the walk list write it
            out.printf(Locale.FRANCE, "  %3d  %-10s %4d portes %5d électeurs %6.0f m %5.0f min  de %s à %s%n",
                    t.number(), String.join(",", t.stations().stream().map(StationCode::toString).toList()), t.doors(),
                    t.voters(), t.walkingMetres(), t.minutes(), first.streetAddress(), last.streetAddress());
            TopicRules.TopicMatch topic = in.topicOf(t);
            if (topic != null) {
                out.println("       thème : " + topic.label() + " (" + topic.evidence() + ")");
            }
        }
        if (in.topics().isEmpty()) {
            out.println("  thèmes : aucun (pas de chiffres INSEE reportés sur ces bureaux : terrain import iris …)");
        }
        if (!empty.isEmpty()) {
            out.println("  sans porte : " + empty);
        }
        long byContour = numbered.stream().mapToLong(in::placedByContour).sum();
        if (byContour > 0) {
            out.printf("  %s porte(s) placée(s) par contour : leurs électeurs n'ont pas de bureau sur la liste (ou un bureau"
                    + " absent du découpage), leur adresse BAN tombe dans le contour du bureau ; approché (docs/adr/0029)%n",
                    Reports.n(byContour));
        }
        long unmatched = in.unmatched();
        if (unmatched > 0) {
            out.printf("  %s électeur(s) de ces bureaux sans adresse BAN, hors tournées (terrain doors match --unmatched FICHIER)%n",
                    Reports.n(unmatched));
        }
        out.println(startsLine(numbered.stream().map(t -> t.start().label()).toList()));
        return 0;
    }

    /**
     * The table's last line: where the turfs start. Each station's turfs start at its own polling place: the first
     * turf's alone was printed, as if for them all.
     */
    static String startsLine(List<String> labels) {
        List<String> starts = labels.stream().distinct().toList();
        return starts.size() == 1 ? "  départ : " + starts.get(0) + " ; --json pour les portes dans l'ordre de marche."
                : "  départs (" + starts.size() + ") : " + String.join(" ; ", starts.subList(0, Math.min(3, starts.size())))
                        + (starts.size() > 3 ? " ; …" : "") + " — celui de chaque tournée dans --json, avec ses portes dans"
                        + " l'ordre de marche.";
    }

    /** One PDF per turf in {@code pdf}; names only with --with-names, and then audited with their count. */
    private void walkLists(Store s, List<Turf> turfs, String contest, FieldInputs.Stations in,
            CanvassNotice notice, Map<String, List<Long>> households, PrintWriter out) {
        Map<String, List<String>> names = new HashMap<>();
        long printed = 0;
        int stale = 0;
        try {
            if (withNames) {
                List<Long> ids = turfs.stream().flatMap(t -> t.walk().stream())
                        .flatMap(d -> households.getOrDefault(d.id(), List.of()).stream()).toList();
                Map<Long, String> byVoter = WalkListNames.of(s, ids);
                for (Turf t : turfs) {
                    for (Door d : t.walk()) {
                        List<String> n = households.getOrDefault(d.id(), List.of()).stream().map(byVoter::get)
                                .filter(java.util.Objects::nonNull).toList();
                        names.put(d.id(), n);
                        printed += n.size();
                    }
                }
            }
            Files.createDirectories(pdf);
            int width = Math.max(2, Integer.toString(turfs.size()).length());
            LocalDate today = LocalDate.now(ZoneId.of("Europe/Paris"));
            java.util.Set<Path> written = new java.util.HashSet<>();
            for (Turf t : turfs) {
                Path file = pdf.resolve(String.format("tournee-%0" + width + "d.pdf", t.number()));
                Files.write(file, WalkListPdf.bytes(new WalkListPdf.Sheet(t, contest, in.topicOf(t), notice, names, today, save)));
                written.add(file);
            }
            // an earlier cut's sheets left beside these would be printed by mistake (and may carry names)
            try (var old = Files.list(pdf)) {
                for (Path f : old.filter(f -> f.getFileName().toString().matches("tournee-\\d+\\.pdf")
                        && !written.contains(f)).toList()) {
                    Files.delete(f);
                    stale++;
                }
            }
            String stations = String.join(",", turfs.stream().flatMap(t -> t.stations().stream()).map(StationCode::toString)
                    .distinct().toList());
            AuditLog.append(s, Actor.current(), withNames ? "voters.walk-list-names" : "voters.walk-list",
                    "voters:" + contest, printed, turfs.size() + " feuille(s) de route de " + stations + " dans " + pdf
                            + (withNames ? ", " + printed + " nom(s) imprimé(s)" : ", sans nom"));
        } catch (IOException e) {
            throw new Terrain.UserError("--pdf " + pdf + " : impossible d'écrire (" + Terrain.ioReason(e) + ")");
        }
        if (stale > 0) {
            out.println(stale + " feuille(s) d'un découpage précédent retirée(s) de " + pdf);
        }
        out.printf("Feuilles de route : %d PDF dans %s (%s ; mention %s%s) ; consigné au journal d'audit.%n", turfs.size(), pdf,
                withNames ? Reports.n(printed) + " nom(s) d'électeurs imprimé(s)" : "sans nom d'électeur", notice.version(),
                notice.registered() ? "" : ", texte par défaut : enregistrez-le avec terrain consent notice "
                        + notice.version() + " --channel canvass-opinion --file …");
    }

    private List<StationCode> stations() {
        List<StationCode> codes = new ArrayList<>();
        for (String s : stations) {
            try {
                codes.add(StationCode.parse(s));
            } catch (IllegalArgumentException e) {
                throw new Terrain.UsageError("--stations : " + e.getMessage());
            }
        }
        return codes;
    }

    private TurfParameters parameters() {
        TurfParameters p = TurfParameters.DEFAULTS;
        if (doorsPerTurf != null) {
            if (doorsPerTurf < 1) {
                throw new Terrain.UsageError("--doors-per-turf : au moins 1");
            }
            p = p.withDoorsPerTurf(doorsPerTurf);
        }
        if (maxDoors != null) {
            if (maxDoors < 1) {
                throw new Terrain.UsageError("--max-doors : au moins 1");
            }
            p = p.withCap(maxDoors);
        }
        if (minutesPerDoor != null) {
            p = p.withMinutesPerDoor(minutesPerDoor);
        }
        if (walkingSpeed != null) {
            if (!(walkingSpeed > 0)) {
                throw new Terrain.UsageError("--walking-speed : une vitesse positive en km/h");
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
            throw new Terrain.UsageError("--meeting-point : attendu LON,LAT en degrés, par ex. 2.3969,48.8631");
        }
    }
}
