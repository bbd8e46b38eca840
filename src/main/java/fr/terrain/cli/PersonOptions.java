package fr.terrain.cli;

import fr.terrain.store.PersonRecord;
import fr.terrain.store.Persons;
import fr.terrain.store.Store;
import java.time.LocalDate;
import picocli.CommandLine.Option;

/**
 * How a command names a person: {@code --person N} (number given by Terrain, shown by every
 * command), {@code --voter N} (a row of the electoral list), or {@code --name NOM --first-names
 * PRÉNOMS --birth-date AAAA-MM-JJ [--commune CODE]} as written on a letter (accents and case do
 * not matter; birth or usage name; the first given name suffices).
 */
final class PersonOptions {
    @Option(names = "--person", paramLabel = "N", description = "Numéro de la personne dans Terrain.")
    Long person;

    @Option(names = "--voter", paramLabel = "N", description = "Numéro d'une ligne de liste électorale (électeur).")
    Long voter;

    @Option(names = "--name", paramLabel = "NOM", description = "Nom de naissance ou d'usage.")
    String name;

    @Option(names = "--first-names", paramLabel = "PRÉNOMS", description = "Prénom(s) ; le premier suffit.")
    String firstNames;

    @Option(names = "--birth-date", paramLabel = "AAAA-MM-JJ", description = "Date de naissance.")
    LocalDate birthDate;

    @Option(names = "--commune", paramLabel = "CODE", description = "Code INSEE de la commune d'inscription (75112),"
            + " pour départager des homonymes nés le même jour.")
    String commune;

    boolean given() {
        return person != null || voter != null || name != null;
    }

    /** The person named, created on first mention (from their electoral-list row, or from the identity given). */
    PersonRecord resolve(Store store) {
        int ways = (person != null ? 1 : 0) + (voter != null ? 1 : 0) + (name != null ? 1 : 0);
        if (ways != 1) {
            throw new Terrain.UsageError("désignez la personne d'une seule façon : --person N, --voter N, ou --name NOM"
                    + " --first-names PRÉNOMS --birth-date AAAA-MM-JJ");
        }
        if (person != null) {
            return Persons.find(store, person).orElseThrow(() -> new Terrain.UserError("personne inconnue : n° " + person));
        }
        if (voter != null) {
            return Persons.forVoter(store, voter);
        }
        if (firstNames == null || birthDate == null) {
            throw new Terrain.UsageError("avec --name, donnez aussi --first-names et --birth-date");
        }
        return Persons.findOrCreate(store, name, firstNames, birthDate, commune);
    }
}
