package fr.terrain.cli;

import fr.terrain.privacy.ConsentChannel;
import fr.terrain.privacy.ConsentEvent;
import fr.terrain.privacy.ConsentHistory;
import fr.terrain.privacy.Identifiers;
import fr.terrain.store.AuditLog;
import fr.terrain.store.ConsentLedger;
import fr.terrain.store.PersonRecord;
import fr.terrain.store.Persons;
import fr.terrain.store.Store;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code terrain consent notice|record|withdraw|show}: the consent ledger, append-only. */
@Command(name = "consent", mixinStandardHelpOptions = true,
        description = {"Registre des consentements, par personne et par canal (email, sms, phone, automated-call,"
                + " canvass-opinion) : preuve (quand, comment, mention montrée, par qui), retrait, historique complet.",
            "Le registre ne fait que s'allonger : un retrait s'ajoute, rien n'est modifié."},
        subcommands = {ConsentCommand.Notice.class, ConsentCommand.Record.class, ConsentCommand.Withdraw.class,
            ConsentCommand.Show.class})
final class ConsentCommand implements Runnable {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** "2026-01-12" (midnight, Paris) or "2026-01-12T18:30" (Paris time) or an ISO instant. */
    static Instant when(String option, String text) {
        if (text == null) {
            return Instant.now();
        }
        try {
            if (text.endsWith("Z")) {
                return Instant.parse(text);
            }
            if (text.contains("T")) {
                return LocalDateTime.parse(text).atZone(ZoneId.of("Europe/Paris")).toInstant();
            }
            return LocalDate.parse(text).atStartOfDay(ZoneId.of("Europe/Paris")).toInstant();
        } catch (DateTimeParseException e) {
            throw new Terrain.UsageError(option + " : date invalide « " + text + " » : AAAA-MM-JJ ou AAAA-MM-JJTHH:MM (heure de Paris)");
        }
    }

    static ConsentChannel channel(String id) {
        try {
            return ConsentChannel.of(id);
        } catch (IllegalArgumentException e) {
            throw new Terrain.UsageError("--channel : " + e.getMessage());
        }
    }

    @Command(name = "notice", mixinStandardHelpOptions = true,
            description = "Enregistre le texte exact d'une mention d'information sous une version (immuable).")
    static final class Notice implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Parameters(paramLabel = "VERSION", description = "Par ex. sms-2026-01.")
        String version;

        @Option(names = "--channel", required = true, paramLabel = "CANAL",
                description = "Canal que couvre la mention : email, sms, phone, automated-call ou canvass-opinion.")
        String channel;

        @Option(names = "--file", required = true, paramLabel = "FICHIER", description = "Le texte montré, en UTF-8.")
        Path file;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            ConsentChannel c = channel(channel);
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new UncheckedIOException("lecture de " + file, e);
            }
            try (Store s = store.openOrCreate()) {
                var n = ConsentLedger.addNotice(s, version, c, text, Actor.current());
                spec.commandLine().getOut().println("✔ mention " + version + " (" + n.channel().id() + "), empreinte "
                        + n.sha256().substring(0, 16) + "…");
            }
            return 0;
        }
    }

    abstract static class Change implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Mixin
        PersonOptions person;

        @Option(names = "--channel", required = true, paramLabel = "CANAL",
                description = "email, sms, phone, automated-call ou canvass-opinion.")
        String channel;

        @Option(names = "--method", required = true, paramLabel = "MOYEN",
                description = "Comment : paper-form, web-form, canvass, phone, letter, email, unsubscribe, sms-stop…")
        String method;

        @Option(names = "--at", paramLabel = "DATE", description = "Quand la personne l'a exprimé (défaut : maintenant).")
        String at;

        @Option(names = "--evidence", paramLabel = "TEXTE", description = "Où est la preuve (n° de formulaire, message…).")
        String evidence;

        @Option(names = "--by", paramLabel = "NOM", description = "Qui l'a recueilli (défaut : l'utilisateur système).")
        String by;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        abstract ConsentEvent event(ConsentChannel c, Instant when, String recorder);

        void before(Store s, PersonRecord p) {}

        @Override
        public Integer call() {
            String recorder = by != null ? by : Actor.current();
            try (Store s = store.open()) {
                ConsentEvent e;
                try {
                    e = event(channel(channel), when("--at", at), recorder);
                } catch (IllegalArgumentException ex) {
                    throw new Terrain.UserError(ex.getMessage());
                }
                // the person, the contact given with the consent, the event and its audit entry land together: the store
                // calls below join this transaction (one handle per thread)
                record Recorded(PersonRecord person, ConsentEvent event) {}
                Recorded done = s.jdbi().inTransaction(h -> {
                    PersonRecord found = person.resolve(s);
                    before(s, found);
                    return new Recorded(found, ConsentLedger.append(s, found.id(), e, Actor.current()));
                });
                PersonRecord p = done.person();
                ConsentEvent stored = done.event();
                spec.commandLine().getOut().println("✔ personne n° " + p.id() + " : consentement " + stored.channel().id()
                        + (e.kind() == ConsentEvent.Kind.GIVEN ? " donné" : " retiré") + " le " + paris(stored.effectiveAt())
                        + " (" + stored.method() + (stored.noticeVersion() == null ? "" : ", mention " + stored.noticeVersion())
                        + "), ligne n° " + stored.id() + " du registre");
            }
            return 0;
        }
    }

    @Command(name = "record", mixinStandardHelpOptions = true,
            description = "Inscrit un consentement donné, avec la version de la mention montrée.")
    static final class Record extends Change {
        @Option(names = "--notice", required = true, paramLabel = "VERSION", description = "La mention montrée.")
        String notice;

        @Option(names = "--scope", paramLabel = "TEXTE", description = "Ce que couvre le consentement (plage horaire des"
                + " appels automatisés…).")
        String scope;

        @Option(names = "--email", paramLabel = "ADRESSE", description = "L'adresse que le consentement concerne.")
        String email;

        @Option(names = "--phone", paramLabel = "NUMÉRO", description = "Le numéro que le consentement concerne.")
        String phone;

        @Override
        void before(Store s, PersonRecord p) {
            try {
                if (email != null) {
                    Persons.addContact(s, p.id(), Identifiers.emailOf(email), "campaign-collected", null, LocalDate.now(),
                            by != null ? by : Actor.current());
                }
                if (phone != null) {
                    Persons.addContact(s, p.id(), Identifiers.phoneOf(phone), "campaign-collected", null, LocalDate.now(),
                            by != null ? by : Actor.current());
                }
            } catch (IllegalArgumentException e) {
                throw new Terrain.UserError(e.getMessage());
            }
        }

        @Override
        ConsentEvent event(ConsentChannel c, Instant when, String recorder) {
            return new ConsentEvent(0, c, ConsentEvent.Kind.GIVEN, when, method, notice, scope, evidence, recorder,
                    Instant.now());
        }
    }

    @Command(name = "withdraw", mixinStandardHelpOptions = true, description = "Inscrit le retrait d'un consentement.")
    static final class Withdraw extends Change {
        @Override
        ConsentEvent event(ConsentChannel c, Instant when, String recorder) {
            return new ConsentEvent(0, c, ConsentEvent.Kind.WITHDRAWN, when, method, null, null, evidence, recorder,
                    Instant.now());
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Historique des consentements d'une personne et leur état à une date.")
    static final class Show implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Mixin
        PersonOptions person;

        @Option(names = "--as-of", paramLabel = "DATE", description = "État à cette date (défaut : maintenant).")
        String asOf;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Instant at = ConsentCommand.when("--as-of", asOf);
            try (Store s = store.open()) {
                PersonRecord p = person.resolve(s);
                ConsentHistory h = ConsentLedger.history(s, p.id());
                AuditLog.append(s, Actor.current(), "consent.view", p.reference(), 1, "as-of " + at);
                out.println("Personne n° " + p.id() + " — " + p.display());
                out.println("État au " + paris(at) + " :");
                for (var st : h.statesAt(at).values()) {
                    out.printf("  %-16s %s%n", st.channel().id(), switch (st.status()) {
                        case GIVEN -> "donné (" + paris(st.basis().get().effectiveAt()) + ", mention "
                                + st.basis().get().noticeVersion() + ")";
                        case WITHDRAWN -> "retiré (" + paris(st.basis().get().effectiveAt()) + ")";
                        case NEVER_GIVEN -> "jamais donné";
                    });
                }
                out.println("Historique (" + h.events().size() + ") :");
                for (ConsentEvent e : h.events()) {
                    out.printf("  n° %d  %s  %-16s %-9s %s%s%s — enregistré par %s le %s%n", e.id(), paris(e.effectiveAt()),
                            e.channel().id(), e.kind() == ConsentEvent.Kind.GIVEN ? "donné" : "retiré", e.method(),
                            e.noticeVersion() == null ? "" : ", mention " + e.noticeVersion(),
                            e.evidence() == null ? "" : ", preuve : " + e.evidence(), e.recordedBy(), paris(e.recordedAt()));
                }
            }
            return 0;
        }
    }

    /**
     * A moment as the campaign lives it: {@code 12/10/2026 00:00 (Paris)}; a consent given « le 2026-10-12 » is
     * midnight in Paris, which UTC writes the day before.
     */
    static String paris(java.time.Instant at) {
        return java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm").withZone(java.time.ZoneId.of("Europe/Paris"))
                .format(at) + " (Paris)";
    }
}
