package fr.terrain.cli;

import fr.terrain.election.SectorCodes;
import fr.terrain.ingest.ContactListReader;
import fr.terrain.privacy.SourceDeclaration;
import fr.terrain.store.MailStore;
import fr.terrain.store.Store;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code terrain contacts import}: e-mail contacts with their declared source. */
@Command(name = "contacts", mixinStandardHelpOptions = true,
        description = "Contacts joignables par courriel (campagnes) : import d'un fichier avec sa source déclarée.",
        subcommands = {ContactsCommand.Import.class})
final class ContactsCommand implements Runnable {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Importe un fichier CSV email;first_name;sector;consent_email (oui/non), colonnes facultatives"
                    + " station (bureau de vote) et topics (sujets, séparés par des virgules).",
                "Secteur : " + SectorCodes.SPELLING + ", comme ceux des organisateurs (75112 : écrivez 12) ; un bureau"
                        + " écrit 12-7 ou 29039-3 doit être dans le secteur de sa ligne.",
                "Encodage (UTF-8, Windows-1252) et séparateur (; , tabulation) détectés ; une erreur nomme fichier, ligne et"
                        + " colonne, et rien n'est enregistré.",
                "Les adresses de la liste d'opposition sont refusées (comptées, jamais enregistrées).",
                "« oui » : avec --source regular-contacts ou members, la personne est un contact régulier (art. 9(2)(d),"
                        + " aucun consentement inventé) ; avec une autre source, un consentement au courriel est inscrit au"
                        + " registre, avec la mention montrée lors de la collecte (--notice) et la ligne du fichier pour preuve.",
                "« non » : la personne est enregistrée mais ne recevra aucun courriel."})
    static final class Import implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Parameters(paramLabel = "FICHIER", description = "Contacts (CSV : courriel, prénom, secteur, bureau, thèmes, consentement).")
        Path file;

        @Option(names = "--source", required = true, paramLabel = "CATÉGORIE",
                description = "regular-contacts, members, commercial-with-consent ou campaign-collected.")
        String source;

        @Option(names = "--provider", paramLabel = "NOM", description = "Qui a fourni le fichier.")
        String provider;

        @Option(names = "--provider-contact", paramLabel = "CONTACT", description = "Contact du fournisseur (fichier commercial).")
        String providerContact;

        @Option(names = "--consent-channels", paramLabel = "CANAUX", description = "Canaux couverts (fichier commercial) : email,sms…")
        String consentChannels;

        @Option(names = "--notice", paramLabel = "VERSION",
                description = "Mention d'information montrée lors de la collecte (consentements « oui » hors contacts réguliers).")
        String notice;

        @Option(names = "--collected-on", paramLabel = "AAAA-MM-JJ", description = "Date de collecte (défaut : aujourd'hui, à Paris).")
        LocalDate collectedOn;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            SourceDeclaration src;
            try {
                src = SourceDeclaration.parse(source, provider, providerContact, consentChannels);
            } catch (SourceDeclaration.SourceRefused e) {
                throw new Terrain.UserError(e.getMessage());
            }
            var list = ContactListReader.read(file);
            var rows = list.rows().stream().map(r -> new MailStore.NewContact(r.line(), r.email(), r.firstName(), r.sector(),
                    r.station(), r.topics(), r.consentEmail())).toList();
            try (Store s = store.openOrCreate()) {
                var r = MailStore.importContacts(s, store.hasher(), list.fileName(), list.sha256(), src, notice,
                        collectedOn == null ? LocalDate.now(java.time.ZoneId.of("Europe/Paris")) : collectedOn, rows, Actor.current());
                var out = spec.commandLine().getOut();
                out.println("✔ " + Path.of(list.fileName()).getFileName() + " — import n° " + r.importId() + " ("
                        + src.category().id() + ")");
                out.println("  " + Reports.n(r.read()) + " lignes lues, " + Reports.n(r.stored()) + " contacts enregistrés");
                out.println("  " + Reports.n(r.refusedSuppressed()) + " refusés (liste d'opposition), "
                        + Reports.n(r.alreadyKnown()) + " déjà connus (inchangés)");
                out.println("  " + Reports.n(r.regularContacts()) + " contacts réguliers, " + Reports.n(r.consentsRecorded())
                        + " consentements au courriel inscrits, " + Reports.n(r.withoutBasis())
                        + " sans consentement (aucun courriel)");
            }
            return 0;
        }
    }
}
