package fr.terrain.cli;

import fr.terrain.privacy.Identifier;
import fr.terrain.privacy.Identifiers;
import fr.terrain.privacy.ReceivedVia;
import fr.terrain.store.PersonRecord;
import fr.terrain.store.Store;
import fr.terrain.store.SuppressionList;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code terrain suppress}: an objection, unsubscribe or STOP received by post, phone or e-mail. */
@Command(name = "suppress", mixinStandardHelpOptions = true,
        description = {"Inscrit une personne sur la liste d'opposition : ses identifiants normalisés (courriel, téléphone,"
                + " nom + adresse, nom + date de naissance) y sont gardés en empreintes HMAC-SHA-256 (clé dans TERRAIN_HOME).",
            "Ses lignes de liste électorale sont supprimées, ses consentements retirés, et aucun import ultérieur ne la"
                    + " réintroduit.",
            "Désignez une personne connue (--person, --voter) ou donnez ce que dit le courrier : --email, --phone,"
                    + " --name et --first-names avec --address et --postcode, ou avec --birth-date."})
final class SuppressCommand implements Callable<Integer> {
    @Mixin
    StoreOptions store;

    @Option(names = "--person", paramLabel = "N", description = "Numéro de la personne dans Terrain.")
    Long person;

    @Option(names = "--voter", paramLabel = "N", description = "Numéro d'une ligne de liste électorale.")
    Long voter;

    @Option(names = "--email", paramLabel = "ADRESSE", description = "Adresse de courriel de la personne.")
    String email;

    @Option(names = "--phone", paramLabel = "NUMÉRO", description = "Numéro français (06 12 34 56 78) ou +indicatif.")
    String phone;

    @Option(names = "--name", paramLabel = "NOM", description = "Nom de naissance ou d'usage (avec --first-names).")
    String name;

    @Option(names = "--first-names", paramLabel = "PRÉNOMS",
            description = "Prénoms, comme sur la liste électorale (avec --name).")
    String firstNames;

    @Option(names = "--address", paramLabel = "VOIE", description = "Numéro et voie : « 12 bis rue de la Paix ».")
    String address;

    @Option(names = "--postcode", paramLabel = "CODE", description = "Code postal de l'adresse (avec --address).")
    String postcode;

    @Option(names = "--birth-date", paramLabel = "AAAA-MM-JJ",
            description = "Date de naissance (avec --name et --first-names).")
    java.time.LocalDate birthDate;

    @Option(names = "--reason", defaultValue = "objection", paramLabel = "MOTIF",
            description = "objection, unsubscribe ou stop (défaut : ${DEFAULT-VALUE}).")
    String reason;

    @Option(names = "--via", defaultValue = "letter", paramLabel = "MOYEN",
            description = "Comment elle a été reçue : letter, email, phone, web, in-person, sms (défaut : ${DEFAULT-VALUE}).")
    String via;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        SuppressionList.Reason why;
        try {
            why = SuppressionList.Reason.of(reason);
        } catch (IllegalArgumentException e) {
            throw new Terrain.UsageError("--reason : " + e.getMessage());
        }
        if (why == SuppressionList.Reason.ERASURE) {
            throw new Terrain.UserError("un effacement passe par une demande : terrain rights add --type erasure …");
        }
        try {
            ReceivedVia.of(via, ReceivedVia.OBJECTIONS);
        } catch (IllegalArgumentException e) {
            throw new Terrain.UsageError("--via : " + e.getMessage());
        }
        // what the letter says, checked before a data directory is created
        List<Identifier> ids = person != null || voter != null ? List.of() : identifiers();
        try (Store s = store.openOrCreate()) {
            SuppressionList.Added added;
            if (person != null || voter != null) {
                PersonOptions named = new PersonOptions();
                named.person = person;
                named.voter = voter;
                PersonRecord p = named.resolve(s);
                added = SuppressionList.addPerson(s, store.hasher(), p, why, via, Actor.current());
            } else {
                added = SuppressionList.addIdentifiers(s, store.hasher(), ids, why, via, Actor.current());
            }
            spec.commandLine().getOut().println("✔ liste d'opposition : " + added.hashes() + " empreinte(s) ajoutée(s)"
                    + (added.alreadyListed() > 0 ? ", " + added.alreadyListed() + " déjà présente(s)" : "") + " ; "
                    + added.voterRowsRemoved() + " ligne(s) de liste électorale supprimée(s) ; " + added.consentsWithdrawn()
                    + " consentement(s) retiré(s)");
        }
        return 0;
    }

    private List<Identifier> identifiers() {
        List<Identifier> ids = new ArrayList<>();
        try {
            if (email != null) {
                ids.add(Identifiers.emailOf(email));
            }
            if (phone != null) {
                ids.add(Identifiers.phoneOf(phone));
            }
            if (name != null) {
                if (firstNames == null || (address == null && birthDate == null)) {
                    throw new Terrain.UsageError("avec --name, donnez --first-names et --address (avec --postcode) ou"
                            + " --birth-date");
                }
                if (address != null) {
                    if (postcode == null) {
                        throw new Terrain.UsageError("--address demande --postcode");
                    }
                    ids.add(Identifiers.nameAddress(name, firstNames, address, postcode));
                }
                if (birthDate != null) {
                    ids.add(Identifiers.nameBirthDate(name, firstNames, birthDate));
                }
            }
        } catch (IllegalArgumentException e) {
            throw new Terrain.UserError(e.getMessage());
        }
        if (ids.isEmpty()) {
            throw new Terrain.UsageError("rien à inscrire : --person, --voter, --email, --phone ou --name …");
        }
        return ids;
    }
}
