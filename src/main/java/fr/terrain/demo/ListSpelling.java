package fr.terrain.demo;

import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * How an electoral list spells a BAN address: mostly the postal form ({@code 12 BIS}, {@code RUE},
 * {@code DES LILAS}), but also as town halls really type them — abbreviated types ({@code BD},
 * {@code AV}, {@code R}), {@code 12B} or {@code 12BIS}, ranges ({@code 12-14}), accents and
 * apostrophes kept, the type inside the street name, articles dropped, and a few typos or missing
 * numbers that no matcher should guess. Drawn from its own random stream, so the rest of the city
 * is unchanged.
 */
final class ListSpelling {
    private ListSpelling() {}

    private static final Map<String, String[]> ABBREVIATIONS = Map.of("RUE", new String[] {"R", "R."},
            "AVENUE", new String[] {"AV", "AVE"}, "BOULEVARD", new String[] {"BD", "BLD"}, "PLACE", new String[] {"PL"},
            "ALLEE", new String[] {"ALL"}, "PASSAGE", new String[] {"PAS", "PASS"}, "IMPASSE", new String[] {"IMP"},
            "SQUARE", new String[] {"SQ"}, "VILLA", new String[] {"VLA"}, "CITE", new String[] {"CTE"});

    static ElectoralList.Home spell(SplittableRandom r, CityAddresses.Address a) {
        String type = Names.afnor(a.street().type());
        String name = Names.afnor(a.street().name());
        double u = r.nextDouble();
        if (u < 0.22 && ABBREVIATIONS.containsKey(type)) {
            type = RandomStreams.pick(r, java.util.List.of(ABBREVIATIONS.get(type)));
        } else if (u < 0.27) {
            name = type + " " + name; // the whole label in LibelleVoie
            type = "";
        } else if (u < 0.33) { // typed as written on the street sign
            type = a.street().type();
            name = a.street().name();
        }
        double v = r.nextDouble();
        if (v < 0.04) {
            name = name.replaceFirst("^(DES|DU|DE LA|DE L|de la|de l'|des|du) ", "");
        } else if (v < 0.05) {
            name = typo(name, r);
        }
        String number = Integer.toString(a.number());
        double w = r.nextDouble();
        if (a.suffix() != null) {
            String word = a.suffix().equals("b") ? "BIS" : a.suffix().equals("t") ? "TER" : a.suffix().toUpperCase(Locale.ROOT);
            number += w < 0.6 ? " " + word : w < 0.85 ? a.suffix().toUpperCase(Locale.ROOT) : word;
        } else if (w < 0.015) {
            number += "-" + (a.number() + 2); // a building on two numbers
        } else if (w < 0.02) {
            number = ""; // forgotten
        }
        return new ElectoralList.Home(number, type, name, null);
    }

    /** One letter dropped from the longest word: a record a person has to correct. */
    private static String typo(String name, SplittableRandom r) {
        String longest = "";
        for (String word : name.split(" ")) {
            if (word.length() > longest.length()) {
                longest = word;
            }
        }
        if (longest.length() < 4) {
            return name;
        }
        int at = 1 + r.nextInt(longest.length() - 2);
        return name.replace(longest, longest.substring(0, at) + longest.substring(at + 1));
    }
}
