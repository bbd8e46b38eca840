package fr.terrain.cli;

import fr.terrain.compliance.PrivacySettings;
import fr.terrain.privacy.CampaignIdentity;
import fr.terrain.privacy.RightsRequest;
import fr.terrain.store.AuditLog;
import fr.terrain.store.Erasure;
import fr.terrain.store.PersonFile;
import fr.terrain.store.PersonRecord;
import fr.terrain.store.RightsRequests;
import fr.terrain.store.Store;
import fr.terrain.web.AccessExportPage;
import fr.terrain.web.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code terrain rights add|list|start|extend|export|erase|close|lift}: rights requests and their deadlines. */
@Command(name = "rights", mixinStandardHelpOptions = true,
        description = {"Demandes d'exercice des droits (accès, rectification, effacement, opposition, limitation), à"
                + " traiter dans le mois de leur réception (RGPD art. 12(3)) ; la page /droits les montre aussi.",
            "Une limitation (RGPD art. 18) vaut dès son enregistrement : la personne ne reçoit plus aucun courriel de"
                    + " campagne, n'apparaît dans aucune liste d'électeurs ni sur aucune feuille de route nommée ; ses"
                    + " données restent. Elle dure jusqu'à terrain rights lift (ou un refus)."},
        subcommands = {RightsCommand.Add.class, RightsCommand.ListRequests.class, RightsCommand.Start.class,
            RightsCommand.Extend.class, RightsCommand.Export.class, RightsCommand.Erase.class, RightsCommand.Close.class,
            RightsCommand.Lift.class})
final class RightsCommand implements Runnable {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static LocalDate today() {
        return fr.terrain.election.Paris.today();
    }

    static String describe(RightsRequest r) {
        return "n° " + r.id() + " " + r.kind().label() + ", reçue le " + fr.terrain.election.Paris.day(r.receivedOn())
                + ", échéance " + fr.terrain.election.Paris.day(r.deadline())
                + (r.extendedDueOn() != null ? " (prolongée)" : "") + ", " + r.status().label();
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Enregistre une demande et son échéance.")
    static final class Add implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Mixin
        PersonOptions person;

        @Option(names = "--type", required = true, paramLabel = "TYPE", description = "access, rectification, erasure, objection ou restriction (limitation, RGPD art. 18).")
        String type;

        @Option(names = "--received-on", paramLabel = "AAAA-MM-JJ", description = "Date de réception (défaut : aujourd'hui).")
        LocalDate receivedOn;

        @Option(names = "--via", defaultValue = "letter", paramLabel = "MOYEN",
                description = "letter, email, phone, web, in-person (défaut : ${DEFAULT-VALUE}).")
        String via;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            RightsRequest.Kind kind;
            try {
                kind = RightsRequest.Kind.of(type);
            } catch (IllegalArgumentException e) {
                throw new Terrain.UsageError("--type : " + e.getMessage());
            }
            LocalDate received = receivedOn != null ? receivedOn : today();
            try (Store s = store.openOrCreate()) {
                RightsRequests.check(received, via); // before the person is found or created: a refusal leaves no identity
                // the person found or created, the request and its audit entry land together: the store calls join this
                // transaction (one handle per thread)
                record Added(PersonRecord person, RightsRequest request) {}
                Added added = s.jdbi().inTransaction(h -> {
                    PersonRecord found = person.resolve(s);
                    return new Added(found, RightsRequests.add(s, kind, found.id(), received, via, Actor.current()));
                });
                PersonRecord p = added.person();
                RightsRequest r = added.request();
                spec.commandLine().getOut().println("✔ demande " + describe(r) + " — personne n° " + p.id());
                if (kind == RightsRequest.Kind.RESTRICTION) {
                    spec.commandLine().getOut().println("  limitation en vigueur dès maintenant : plus de courriel, de liste"
                            + " ni de nom sur les feuilles de route pour cette personne, jusqu'à terrain rights lift " + r.id());
                }
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Liste les demandes, les ouvertes d'abord.")
    static final class ListRequests implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Option(names = "--overdue", description = "Seulement les demandes en retard.")
        boolean overdue;

        @Option(names = "--as-of", paramLabel = "AAAA-MM-JJ", description = "Retards comptés à cette date (défaut : aujourd'hui).")
        LocalDate asOf;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            LocalDate day = asOf != null ? asOf : today();
            try (Store s = store.open()) {
                List<RightsRequest> all = RightsRequests.list(s).stream().filter(r -> !overdue || r.overdueOn(day)).toList();
                if (all.isEmpty()) {
                    out.println(overdue ? "Aucune demande en retard." : "Aucune demande.");
                    return 0;
                }
                // person numbers are random ids of up to 16 digits (ADR 0030): the column is as wide as the longest
                int width = Math.max(9, all.stream().mapToInt(r -> r.personId().map(String::valueOf).orElse("effacée")
                        .length()).max().orElse(0));
                String row = "%-5s %-14s %-" + width + "s %-11s %-11s %-10s %s%n";
                out.printf(row, "n°", "type", "personne", "reçue", "échéance", "statut", "");
                for (RightsRequest r : all) {
                    out.printf(row, r.id(), r.kind().label(), r.personId().map(String::valueOf).orElse("effacée"),
                            fr.terrain.election.Paris.day(r.receivedOn()), fr.terrain.election.Paris.day(r.deadline()),
                            r.status().label(), r.overdueOn(day) ? "EN RETARD" : "");
                }
                long late = all.stream().filter(r -> r.overdueOn(day)).count();
                out.println(all.size() + " demande(s), " + late + " en retard au " + fr.terrain.election.Paris.day(day));
            }
            return 0;
        }
    }

    @Command(name = "start", mixinStandardHelpOptions = true, description = "Marque une demande « en cours ».")
    static final class Start implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Parameters(paramLabel = "N°", description = "Numéro de la demande (terrain rights list).")
        long id;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (Store s = store.open()) {
                RightsRequest r = RightsRequests.start(s, id, Actor.current());
                spec.commandLine().getOut().println("✔ demande " + describe(r));
            }
            return 0;
        }
    }

    @Command(name = "extend", mixinStandardHelpOptions = true,
            description = "Prolonge l'échéance de deux mois (demande complexe ou nombreuse) ; dites-le à la personne dans le"
                    + " premier mois.")
    static final class Extend implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Parameters(paramLabel = "N°", description = "Numéro de la demande (terrain rights list).")
        long id;

        @Option(names = "--reason", required = true, paramLabel = "MOTIF",
                description = "Raison du délai supplémentaire (gardée avec la demande, à dire à la personne).")
        String reason;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (Store s = store.open()) {
                RightsRequest r = RightsRequests.extend(s, id, reason, today(), Actor.current());
                spec.commandLine().getOut().println("✔ demande " + describe(r));
            }
            return 0;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Écrit dans DIR tout ce qui est détenu sur la personne et son origine : acces-N.json et acces-N.html.")
    static final class Export implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Parameters(paramLabel = "N°", description = "Numéro de la demande (terrain rights list).")
        long id;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Dossier où écrire l'export (créé au besoin).")
        Path out;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (Store s = store.open()) {
                RightsRequest r = RightsRequests.find(s, id).orElseThrow(() -> new Terrain.UserError("demande inconnue : n° "
                        + id));
                PrivacySettings settings = PrivacySettings.read(store.home());
                Map<String, Object> file = PersonFile.of(s, store.hasher(), id, settings.identity(),
                        RetentionCommand.policy(settings));
                Path json = out.resolve("acces-" + id + ".json");
                Path html = out.resolve("acces-" + id + ".html");
                try {
                    Files.createDirectories(out);
                    ownerOnly(json, Json.write(file));
                    ownerOnly(html, AccessExportPage.html(file));
                } catch (IOException e) {
                    throw Terrain.cannotWrite(out, e);
                }
                if (r.status() == RightsRequest.Status.RECEIVED) {
                    RightsRequests.start(s, id, Actor.current());
                }
                AuditLog.append(s, Actor.current(), "rights.export", "request:" + id, PersonFile.items(file),
                        "person:" + r.personId().orElseThrow() + " → " + json.getFileName() + ", " + html.getFileName());
                spec.commandLine().getOut().println("✔ " + json + "\n✔ " + html + "\n  " + PersonFile.items(file)
                        + " élément(s) ; à envoyer à la personne" + (r.status().open()
                                ? ", puis : terrain rights close " + id : " (demande déjà close)"));
                List<String> missing = settings.identity().missing();
                if (!missing.isEmpty()) {
                    spec.commandLine().getErr().println("⚠ la réponse dit « " + CampaignIdentity.MISSING + " » pour "
                            + String.join(", ", missing) + " : renseignez-les dans " + settings.file()
                            + " (terrain retention policy --init écrit le modèle), puis exportez à nouveau");
                }
            }
            return 0;
        }
    }

    @Command(name = "erase", mixinStandardHelpOptions = true,
            description = "Efface la personne d'une demande d'effacement partout (sauf les empreintes de la liste"
                    + " d'opposition, qui empêchent son retour) et clôt la demande avec le rapport.")
    static final class Erase implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Parameters(paramLabel = "N°", description = "Numéro de la demande (terrain rights list).")
        long id;

        @Option(names = "--out", paramLabel = "DIR", description = "Écrit aussi le rapport dans DIR/effacement-N.json.")
        Path out;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter o = spec.commandLine().getOut();
            try (Store s = store.open()) {
                Erasure.Report report = Erasure.run(s, store.hasher(), id, Actor.current(), rep -> Json.write(rep.toMap()));
                o.println("✔ demande n° " + id + " : personne n° " + report.personId() + " effacée le "
                        + fr.terrain.election.Paris.minute(report.erasedAt()));
                o.println("Supprimé :");
                report.deleted().forEach(l -> o.printf("  %-16s %6d  %s%n", l.table(), l.rows(), l.what()));
                o.println("Conservé :");
                report.kept().forEach(l -> o.printf("  %-16s %6d  %s%n", l.table(), l.rows(), l.what()));
                if (out != null) {
                    try {
                        Files.createDirectories(out);
                        // no name in it, but the person's number and the staff account's name
                        ownerOnly(out.resolve("effacement-" + id + ".json"), Json.write(report.toMap()));
                    } catch (IOException e) {
                        throw Terrain.cannotWrite(out, e);
                    }
                }
            }
            return 0;
        }
    }

    @Command(name = "close", mixinStandardHelpOptions = true,
            description = {"Clôt une demande : traitée, ou refusée avec --refuse MOTIF.",
                "Une opposition traitée inscrit la personne sur la liste d'opposition (comme terrain suppress) ;"
                        + " un effacement se fait par terrain rights erase."})
    static final class Close implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Parameters(paramLabel = "N°", description = "Numéro de la demande (terrain rights list).")
        long id;

        @Option(names = "--refuse", paramLabel = "MOTIF", description = "Refuse la demande, pour ce motif (dit à la personne).")
        String refuse;

        @Option(names = "--note", paramLabel = "TEXTE", description = "Ce qui a été fait (sans donnée personnelle).")
        String note;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (Store s = store.open()) {
                RightsRequest r = RightsRequests.find(s, id).orElseThrow(() -> new Terrain.UserError("demande inconnue : n° "
                        + id));
                RightsRequest closed;
                if (refuse != null) {
                    closed = RightsRequests.close(s, id, RightsRequest.Status.REFUSED, refuse, Actor.current());
                } else {
                    if (r.kind() == RightsRequest.Kind.ERASURE && r.status().open()) {
                        throw new Terrain.UserError("une demande d'effacement se traite par terrain rights erase " + id
                                + " (ou se refuse par --refuse MOTIF)");
                    }
                    closed = RightsRequests.closeDone(s, store.hasher(), id, note, Actor.current());
                }
                spec.commandLine().getOut().println("✔ demande " + describe(closed)
                        + (closed.report() != null ? " — " + closed.report() : ""));
            }
            return 0;
        }
    }

    /**
     * Writes {@code text} to {@code file} readable and writable by its owner only (rw-------) where the file system
     * has POSIX permissions, as the hash key is: an answer to a person holds their data. An existing file is
     * restricted before it is rewritten.
     */
    static void ownerOnly(Path file, String text) throws IOException {
        java.util.Set<java.nio.file.attribute.PosixFilePermission> owner =
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------");
        try {
            if (Files.exists(file)) {
                Files.setPosixFilePermissions(file, owner);
            } else {
                Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(owner));
            }
        } catch (UnsupportedOperationException noPosix) {
            // a file system without POSIX permissions: its own defaults apply
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    @Command(name = "lift", mixinStandardHelpOptions = true,
            description = {"Lève la limitation du traitement d'une demande de limitation (RGPD art. 18(3) : la personne en est"
                    + " informée avant). Une demande encore ouverte est close comme traitée."})
    static final class Lift implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Parameters(paramLabel = "N°", description = "Numéro de la demande de limitation (terrain rights list).")
        long id;

        @Option(names = "--note", required = true, paramLabel = "TEXTE",
                description = "Pourquoi la limitation est levée et quand la personne en a été informée (sans donnée personnelle).")
        String note;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (Store s = store.open()) {
                RightsRequest r = RightsRequests.lift(s, id, note, Actor.current());
                spec.commandLine().getOut().println("✔ limitation levée — demande " + describe(r));
            }
            return 0;
        }
    }
}
