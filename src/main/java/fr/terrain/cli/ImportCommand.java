package fr.terrain.cli;

import fr.terrain.compliance.PrivacySettings;
import fr.terrain.election.ElectionKind;
import fr.terrain.ingest.FolderImport;
import fr.terrain.ingest.ImportReport;
import fr.terrain.ingest.Importer;
import fr.terrain.ingest.ResultsOptions;
import fr.terrain.privacy.Holding;
import fr.terrain.privacy.Retention;
import fr.terrain.privacy.SourceCategory;
import fr.terrain.privacy.SourceDeclaration;
import fr.terrain.store.Elections;
import fr.terrain.store.Store;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code terrain import …}: one subcommand per kind of file. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Importe des fichiers officiels. Chaque import est atomique (un fichier en erreur ne change"
                + " rien) et idempotent (réimporter le même fichier ne change rien)."},
        subcommands = {ImportCommand.Results.class, ImportCommand.Stations.class, ImportCommand.Reu.class,
            ImportCommand.Arrondissements.class,
            ImportCommand.IrisTables.class, ImportCommand.Addresses.class, ImportCommand.Voters.class,
            ImportCommand.Folder.class})
final class ImportCommand implements Runnable {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static SourceCategory source(String id) {
        return declaration(id, null, null, null).category();
    }

    /** A lawful source declaration, or a user error naming the rule it breaks (before anything is opened). */
    static SourceDeclaration declaration(String id, String provider, String contact, String channels) {
        try {
            return SourceDeclaration.parse(id, provider, contact, channels);
        } catch (SourceDeclaration.SourceRefused e) {
            throw new Terrain.UserError(e.getMessage() + " ; rien n'a été importé");
        }
    }

    /** Options shared by the single-file imports. */
    abstract static class Single implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Option(names = "--strict", description = "Les incohérences (sommes, doublons, contours réparés) deviennent"
                + " des erreurs bloquantes au lieu d'avertissements.")
        boolean strict;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        abstract ImportReport run(Importer importer);

        /** Checks the arguments before the store is opened; a refusal leaves the store untouched. */
        void check() {}

        /** The city the file's data belong to, when the command or the store says it; null: real data. */
        String territory(Store s) {
            return null;
        }

        /** The files read, when they may be the demo city's (its results, its list): checked to be the store's city. */
        List<Path> demoFiles() {
            return List.of();
        }

        /** What to say after the report, once the import is stored. */
        void afterReport(Store s, PrintWriter out) {}

        @Override
        public Integer call() {
            check();
            try (Store s = store.openOrCreate()) {
                DemoSeparation.check(s, territory(s), demoFiles());
                ImportReport report = run(new Importer(s, new ConsoleProgress(System.err), strict, Actor.current(), store.hasher()));
                Reports.print(report, spec.commandLine().getOut());
                afterReport(s, spec.commandLine().getOut());
            }
            return 0;
        }
    }

    @Command(name = "results", mixinStandardHelpOptions = true,
            description = {"Résultats par bureau de vote : format long de la Ville de Paris (2020), format 2014 avec"
                    + " nuances, présidentielle par candidat (2012), format large de la Ville de Paris (un fichier"
                    + " par arrondissement, une colonne par liste : ddct_berp_municipales_2020_tour1_ardt_NN) et"
                    + " fichier du ministère de l'Intérieur par bureau pour toute la France (resultats-par-niveau-burvot"
                    + "-t1-france-entiere.txt, un groupe de colonnes par candidat) dont les bureaux de Paris sont lus.",
                "Le fichier du ministère ne dit ni le tour ni l'année : le tour vient de --election (…-t1) ou du nom"
                        + " du fichier (-t1-, _T2_), l'année de --year, --date, --election ou du nom, la date du"
                        + " calendrier officiel ; le type d'élection vient de --kind, d'un mot du nom du fichier"
                        + " (municipales, legislatives…) ou des colonnes (Nuance : législatives ; ni nuance ni liste :"
                        + " présidentielle ; dans l'ancienne présentation, Liste : municipales, Libellé Abrégé Liste :"
                        + " européennes). Les deux présentations du ministère sont lues : l'ancienne (seul le premier"
                        + " candidat nommé) et celle de 2024 (Numéro de panneau 1 … Voix 1, Numéro de panneau 2 …).",
                "Un fichier peut contenir deux tours : --election paris-2014 les nomme paris-2014-t1 et -t2.",
                "Plusieurs fichiers forment un seul import (terrain import results original/*.csv) : les bureaux de"
                        + " chacun s'ajoutent à ceux des autres, un bureau ne vient que d'un fichier, et tout est"
                        + " refusé si un fichier l'est. Un import remplace les bureaux que ses fichiers contiennent et"
                        + " garde les autres."})
    static final class Results extends Single {
        @Parameters(paramLabel = "FICHIER", arity = "1..*",
                description = "Résultats par bureau de vote (CSV), un fichier ou les fichiers d'un même ensemble.")
        List<Path> files;

        @Option(names = "--election", paramLabel = "ID",
                description = "Identifiant du tour (paris-2020-t1) ou de l'élection (paris-2014). Défaut : déduit du"
                        + " fichier, <ville>-<année>-t<tour> (paris-pres-2012-t1 pour les autres types).")
        String election;

        @Option(names = "--source", paramLabel = "CATÉGORIE", defaultValue = "official-open-data",
                description = "Catégorie de source (défaut : ${DEFAULT-VALUE}).")
        String source;

        @Option(names = "--kind", paramLabel = "TYPE", description = "Type d'élection si le fichier ne le dit pas"
                + " (municipales, presidentielle, legislatives, europeennes…).")
        String kind;

        @Option(names = "--date", paramLabel = "AAAA-MM-JJ", description = "Date du scrutin si le fichier ne la donne pas.")
        LocalDate date;

        @Option(names = "--year", paramLabel = "AAAA", description = "Année si le fichier ne la donne pas (défaut :"
                + " l'année écrite dans le nom du fichier) ; la date vient alors du calendrier officiel.")
        Integer year;

        @Option(names = "--arrondissement", paramLabel = "N", description = "Arrondissement si le fichier n'a pas de colonne d'arrondissement (défaut : celui que"
                + " dit le nom du fichier, paris20e ou ardt_05, comme pour import folder).")
        Integer arrondissement;

        @Option(names = "--territory", paramLabel = "VILLE", description = "Ville (défaut : paris).")
        String territory;

        /** {@code --kind}, or null; an unknown kind is a usage error (exit 2), before the store is opened. */
        private ElectionKind kind() {
            return kind == null ? null : ElectionCommand.kind(kind);
        }

        @Override
        void check() {
            kind();
        }

        @Override
        String territory(Store s) {
            return territory;
        }

        @Override
        List<Path> demoFiles() {
            return files;
        }

        @Override
        ImportReport run(Importer importer) {
            return importer.results(files, new ResultsOptions(election, kind(), date, year, arrondissement, territory),
                    source(source), java.util.Set.of());
        }
    }

    @Command(name = "stations", mixinStandardHelpOptions = true,
            description = "Contours (polygones) ou lieux de vote (points) des bureaux de vote, en GeoJSON WGS84.")
    static final class Stations extends Single {
        @Parameters(paramLabel = "FICHIER", description = "Contours ou points des bureaux de vote (GeoJSON).")
        Path file;

        @Option(names = "--vintage", paramLabel = "AAAA",
                description = "Année du découpage (défaut : l'année écrite dans le nom du fichier).")
        Integer vintage;

        @Override
        ImportReport run(Importer importer) {
            return importer.stations(file, vintage);
        }
    }

    @Command(name = "reu", mixinStandardHelpOptions = true,
            description = {"Bureaux de vote d'après les adresses de leurs électeurs : la table « Bureaux de vote et"
                    + " adresses de leurs électeurs » de l'INSEE (extrait du répertoire électoral unique, REU ;"
                    + " colonnes id_brut_bv_reu, longitude, latitude, geo_type, geo_score, nb_adresses, en tout ordre).",
                "Chaque bureau (29039_1 : bureau 1 de la commune 29039, noté 29039-1) reçoit son nombre d'adresses"
                        + " d'électeurs (somme de nb_adresses : des adresses, pas des électeurs) et un contour approché,"
                        + " tracé d'après ces adresses (cellules de Voronoï réunies par bureau, dans l'enveloppe des"
                        + " adresses de la commune), pour les communes qui ne publient pas de contours. Ce contour est"
                        + " compté comme approché par terrain status et la page Données (la carte le dessine comme les"
                        + " autres) ; un bureau qu'un fichier publié a déjà donné avec un contour dans le même découpage"
                        + " est gardé tel quel.",
                "Seules les adresses géocodées au numéro (geo_type housenumber) avec un score d'au moins 0,6"
                        + " dessinent les contours ; les autres comptent dans leur bureau. Corse : 2A004 devient la"
                        + " commune 20004. Un bureau non numéroté (29039_BV12) ou une position hors du territoire de sa"
                        + " commune (longitude et latitude inversées) sont refusés.",
                "L'INSEE publie cette table pour toute la France en un seul fichier (environ 20 millions de lignes) :"
                        + " --communes 29039,29046 n'en garde que les communes de la campagne (codes INSEE, pas les codes"
                        + " postaux) ; les lignes des autres sont comptées et passées sans être lues, les bureaux déjà"
                        + " importés d'autres communes restent tels quels. Une commune demandée que le fichier ne"
                        + " contient pas fait refuser l'import. Sans --communes, toute la table est importée"
                        + " : 2 Go de mémoire suffisent (TERRAIN_JAVA_OPTS=-Xmx2g, mesuré sur une table synthétique"
                        + " de taille nationale), le tracé des 69 000 bureaux prend de 6 à 8 minutes sur 2 cœurs libres, bien plus"
                        + " sur une machine chargée."})
    static final class Reu extends Single {
        @Parameters(paramLabel = "FICHIER", description = "Table des adresses du REU (CSV).")
        Path file;

        @Option(names = "--vintage", paramLabel = "AAAA", description = "Année du découpage (défaut : l'année écrite"
                + " dans le nom du fichier, sinon 2022, date de l'extrait publié par l'INSEE).")
        Integer vintage;

        @Option(names = "--communes", split = ",", paramLabel = "CODE,…", description = "Ne garde que ces communes"
                + " (codes INSEE : 29039,29046 ; Corse : 2A004). Défaut : toutes celles du fichier.")
        List<String> communes;

        /** The codes of {@code --communes}; a malformed one, or one of Paris, Lyon or Marseille, is a usage error. */
        private java.util.Set<String> communes() {
            if (communes == null) {
                return java.util.Set.of();
            }
            try {
                return fr.terrain.ingest.ReuAddressReader.communes(communes);
            } catch (IllegalArgumentException e) {
                throw new Terrain.UsageError("--communes : " + e.getMessage());
            }
        }

        @Override
        void check() {
            communes();
        }

        @Override
        ImportReport run(Importer importer) {
            return importer.reu(file, vintage, communes());
        }
    }

    @Command(name = "arrondissements", mixinStandardHelpOptions = true,
            description = "Contours des arrondissements (GeoJSON, propriétés c_ar, c_arinsee, l_ar).")
    static final class Arrondissements extends Single {
        @Parameters(paramLabel = "FICHIER", description = "Contours des arrondissements (GeoJSON).")
        Path file;

        @Override
        ImportReport run(Importer importer) {
            return importer.arrondissements(file);
        }
    }

    @Command(name = "iris", mixinStandardHelpOptions = true,
            description = {"Tables INSEE par IRIS (Filosofi, recensement ; colonne IRIS), ou contours IRIS en GeoJSON.",
                "Chaque fichier est importé séparément ; le premier en erreur arrête la commande."})
    static final class IrisTables implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Parameters(paramLabel = "FICHIER", arity = "1..*",
                description = "Tables IRIS de l'INSEE (CSV, clé IRIS) ou contours IRIS (GeoJSON), un ou plusieurs.")
        List<Path> files;

        @Option(names = {"--dataset", "--vintage"}, paramLabel = "NOM", description = "Nom du jeu de données"
                + " (défaut : filosofi-2018, rp-2016… d'après les colonnes) ou millésime des contours.")
        String dataset;

        @Option(names = "--strict", description = "Les incohérences deviennent des erreurs bloquantes.")
        boolean strict;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (Store s = store.openOrCreate()) {
                Importer importer = new Importer(s, new ConsoleProgress(System.err), strict, Actor.current(), store.hasher());
                for (Path f : files) {
                    Reports.print(importer.iris(f, dataset), spec.commandLine().getOut());
                }
            }
            return 0;
        }
    }

    @Command(name = "addresses", mixinStandardHelpOptions = true,
            description = {"Adresses de la Base Adresse Nationale (CSV adresses-NN.csv, 22 ou 23 colonnes).",
                    "Ajoutées ou mises à jour par identifiant BAN ; le nom de chaque commune du fichier (nom_commune)"
                            + " remplace celui gardé jusque-là : les pages et les commandes nomment ainsi les secteurs"
                            + " communes (« Concarneau (29039) »)."})
    static final class Addresses extends Single {
        @Parameters(paramLabel = "FICHIER", description = "Adresses de la Base Adresse Nationale (CSV, format adresses-75.csv).")
        Path file;

        @Override
        ImportReport run(Importer importer) {
            return importer.addresses(file);
        }
    }

    @Command(name = "voters", mixinStandardHelpOptions = true,
            description = {"Liste électorale (colonnes de l'arrêté du 12 novembre 2013). Données personnelles :"
                    + " la source doit être déclarée ; seules les sélections par âge, sexe, bureau et géographie"
                    + " sont permises (Code électoral L.37).",
                "Bureau de chaque électeur : CodeCommune et NoBureauDeVote. Paris, Lyon, Marseille : par arrondissement"
                        + " (75112, bureau 7 : 12-7) ; ailleurs par commune, comme le REU de l'INSEE (29039, bureau 1 :"
                        + " 29039-1 ; Corse : 2A004 devient 20004). Le code de toute la ville (75056, 69123, 13055)"
                        + " demande --arrondissement. Les électeurs sans bureau sont comptés : terrain doors et terrain"
                        + " turfs placent ceux dont l'adresse BAN tombe dans le contour d'un bureau de leur commune"
                        + " (placement approché).",
                "Remplace les électeurs déjà importés pour la même élection et la même source. Si la durée de"
                        + " conservation de la liste est déjà écoulée (élection passée, terrain retention policy),"
                        + " l'import le signale : la conservation quotidienne la supprimera à son prochain passage."})
    static final class Voters extends Single {
        @Parameters(paramLabel = "FICHIER", description = "Liste électorale (CSV, colonnes de l'arrêté du 12 novembre 2013).")
        Path file;

        @Option(names = "--source", required = true, paramLabel = "CATÉGORIE",
                description = "electoral-list ou sign-in-list (les catégories interdites sont refusées : public-sector-file,"
                        + " municipal-file, other-role-file, hr-payroll, patients-clients, scraped-social-media).")
        String source;

        @Option(names = "--provider-contact", paramLabel = "CONTACT",
                description = "Contact du fournisseur (obligatoire pour commercial-with-consent).")
        String providerContact;

        @Option(names = "--consent-channels", paramLabel = "CANAL,…",
                description = "Canaux couverts par le consentement (obligatoire pour commercial-with-consent) :"
                        + " email, sms, phone, automated-call, canvass-opinion.")
        String consentChannels;

        @Option(names = "--election", required = true, paramLabel = "ID",
                description = "L'élection (paris-2026), créée avant avec terrain election add.")
        String election;

        @Option(names = "--provider", paramLabel = "NOM", description = "Qui a fourni le fichier (mairie, préfecture…).")
        String provider;

        @Option(names = "--collected-on", paramLabel = "AAAA-MM-JJ", description = "Date d'obtention (défaut : aujourd'hui).")
        LocalDate collectedOn;

        @Option(names = "--map", paramLabel = "COLONNE=EN-TÊTE",
                description = "En-tête du fichier pour une colonne de l'arrêté, si la commune l'a renommée"
                        + " (ex. --map NomdeNaissance=NOM). Répétable.")
        Map<String, String> mapping = new LinkedHashMap<>();

        @Option(names = "--arrondissement", paramLabel = "N",
                description = "Arrondissement des bureaux de toutes les lignes, quand CodeCommune est celui de toute la"
                        + " ville (75056) ou absent.")
        Integer arrondissement;

        /** The contest's city as {@code terrain election add} recorded it (the demo city's, or a real one). */
        @Override
        String territory(Store s) {
            return Elections.rounds(s, election).stream().map(e -> e.territory()).findFirst().orElse(null);
        }

        @Override
        List<Path> demoFiles() {
            return List.of(file);
        }

        @Override
        void check() {
            declaration(source, provider, providerContact, consentChannels);
        }

        @Override
        ImportReport run(Importer importer) {
            return importer.voters(file, election, declaration(source, provider, providerContact, consentChannels),
                    collectedOn, mapping, arrondissement);
        }

        /**
         * A list whose retention period is already over (an election's rounds in the past) is deleted by the next daily
         * retention, without a word at the import until now: the import says so, while the user can still check the
         * election or the policy.
         */
        @Override
        void afterReport(Store s, PrintWriter out) {
            var category = declaration(source, provider, providerContact, consentChannels).category();
            var last = Elections.rounds(s, election).stream().map(e -> e.date()).max(LocalDate::compareTo);
            Retention.Decision decision = Retention.decide(PrivacySettings.read(store.home()).retention(), LocalDate.now(),
                    List.of(new Holding(category, election, 1, last, last.map(d -> "élection " + election
                            + ", dernier tour le " + fr.terrain.election.Paris.day(d)).orElse("élection " + election))))
                    .decisions().get(0);
            if (decision.verdict() == Retention.Verdict.DELETE) {
                out.println("  ! durée de conservation déjà écoulée pour cette liste (" + decision.reason()
                        + ") : la conservation quotidienne (terrain serve, terrain retention run) la supprimera à son"
                        + " prochain passage ; vérifiez l'élection (--election) ou la politique de conservation"
                        + " (terrain retention policy).");
            }
        }
    }

    @Command(name = "folder", mixinStandardHelpOptions = true,
            description = {"Importe chaque fichier reconnu d'un dossier organisé comme shared/data, d'après son contenu"
                    + " (en-têtes, propriétés GeoJSON), pas son nom. Les fichiers non reconnus sont listés comme"
                    + " ignorés, avec la raison ; un fichier en erreur n'empêche pas les autres.",
                "Code de sortie 1 si un fichier reconnu a été refusé."})
    static final class Folder implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Parameters(paramLabel = "DIR", description = "Dossier dont chaque fichier est reconnu à son contenu (sous-dossiers compris).")
        Path dir;

        @Option(names = "--territory", paramLabel = "VILLE", defaultValue = "paris",
                description = "Ville des résultats trouvés (défaut : ${DEFAULT-VALUE}).")
        String territory;

        @Option(names = "--strict", description = "Les incohérences deviennent des erreurs bloquantes.")
        boolean strict;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (Store s = store.openOrCreate()) {
                return run(s, store.hasher(), dir, territory, strict, spec.commandLine().getOut(), spec.commandLine().getErr());
            }
        }

        static int run(Store s, fr.terrain.privacy.IdentifierHasher hasher, Path dir, String territory, boolean strict,
                java.io.PrintWriter out, java.io.PrintWriter err) {
            DemoSeparation.check(s, territory, List.of(dir));
            Importer importer = new Importer(s, new ConsoleProgress(System.err), strict, Actor.current(), hasher);
            List<FolderImport.Entry> entries = new FolderImport(importer, territory).run(dir, e -> {
                Reports.print(e, out, err);
                out.flush();
                err.flush();
            });
            long unchanged = entries.stream()
                    .filter(e -> e instanceof FolderImport.Imported i && i.report().skipped()).count();
            long imported = entries.stream().filter(e -> e instanceof FolderImport.Imported).count() - unchanged;
            long skipped = entries.stream().filter(e -> e instanceof FolderImport.Skipped).count();
            long failed = entries.stream().filter(e -> e instanceof FolderImport.Failed).count();
            out.printf("%d fichier(s) importé(s), %d déjà à jour, %d ignoré(s), %d refusé(s).%n", imported, unchanged,
                    skipped, failed);
            return failed == 0 ? 0 : Terrain.INPUT_ERROR;
        }
    }
}
