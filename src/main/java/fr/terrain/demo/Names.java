package fr.terrain.demo;

import fr.terrain.election.Text;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Small invented pools of plausible French names: people, streets, districts. Names are drawn at
 * random and combined, so a person in the output is nobody in particular.
 */
final class Names {
    private Names() {}

    static final List<String> SURNAMES = List.of("MARTIN", "BERNARD", "DUBOIS", "THOMAS", "ROBERT", "RICHARD",
            "PETIT", "DURAND", "LEROY", "MOREAU", "SIMON", "LAURENT", "LEFEBVRE", "MICHEL", "GARCIA", "DAVID",
            "BERTRAND", "ROUX", "VINCENT", "FOURNIER", "MOREL", "GIRARD", "ANDRE", "MERCIER", "DUPONT", "LAMBERT",
            "BONNET", "FRANCOIS", "MARTINEZ", "LEGRAND", "GARNIER", "FAURE", "ROUSSEAU", "BLANC", "GUERIN", "MULLER",
            "HENRY", "ROUSSEL", "NICOLAS", "PERRIN", "MORIN", "MATHIEU", "CLEMENT", "GAUTHIER", "DUMONT", "LOPEZ",
            "FONTAINE", "CHEVALIER", "ROBIN", "MASSON", "SANCHEZ", "GERARD", "NGUYEN", "BOYER", "DENIS", "LEMAIRE",
            "DUVAL", "JOLY", "ROGER", "ROCHE", "ROY", "NOEL", "MEYER", "LUCAS", "MEUNIER", "PEREZ", "MARCHAND",
            "DUFOUR", "BLANCHARD", "BARBIER", "BRUN", "DUMAS", "BRUNET", "SCHMITT", "LEROUX", "COLIN", "FERNANDEZ",
            "RENARD", "ARNAUD", "ROLLAND", "CARON", "AUBERT", "GIRAUD", "LECLERC", "VIDAL", "BOURGEOIS", "RENAUD",
            "LEMOINE", "PICARD", "GAILLARD", "LACROIX", "FABRE", "DUPUIS", "OLIVIER", "RODRIGUEZ", "DA SILVA",
            "HUBERT", "GUILLOT", "RIVIERE", "LE GALL", "ADAM", "REY", "MOULIN", "BERGER", "LECOMTE", "MENARD",
            "FLEURY", "DESCHAMPS", "CARPENTIER", "BENOIT", "LE BRIS", "KERGOAT", "ETCHEVERRY", "DIALLO", "TRAORE",
            "BENALI", "HADDAD", "COHEN", "LEVY", "KONE", "MENDY", "FERREIRA", "PEREIRA", "TRAN", "CHEN", "YILMAZ",
            "BOUZID", "KACI", "SAIDI", "CAMARA", "SYLLA", "ROSSI", "NOWAK", "POPESCU", "DOS SANTOS");

    /** Women's first names by birth cohort: before 1950, 1950–69, 1970–89, from 1990. */
    private static final List<List<String>> WOMEN = List.of(
            List.of("Jeanne", "Marie", "Monique", "Jacqueline", "Simone", "Denise", "Paulette", "Germaine", "Colette",
                    "Odette", "Yvonne", "Suzanne", "Madeleine", "Ginette", "Lucienne", "Andrée", "Marcelle", "Renée"),
            List.of("Martine", "Françoise", "Nicole", "Sylvie", "Isabelle", "Catherine", "Christine", "Brigitte",
                    "Nathalie", "Chantal", "Dominique", "Patricia", "Véronique", "Anne", "Évelyne", "Danielle",
                    "Michèle", "Hélène"),
            List.of("Sandrine", "Céline", "Stéphanie", "Aurélie", "Émilie", "Julie", "Caroline", "Sophie", "Laetitia",
                    "Audrey", "Virginie", "Valérie", "Karine", "Élodie", "Claire", "Marion", "Samia", "Amélie"),
            List.of("Léa", "Manon", "Chloé", "Camille", "Sarah", "Inès", "Emma", "Clara", "Lucie", "Juliette", "Jade",
                    "Louise", "Alice", "Zoé", "Lina", "Anaïs", "Mathilde", "Yasmine"));

    private static final List<List<String>> MEN = List.of(
            List.of("Jean", "André", "Pierre", "Marcel", "René", "Louis", "Roger", "Jacques", "Robert", "Henri",
                    "Georges", "Paul", "Maurice", "Raymond", "Lucien", "Fernand", "Gilbert", "Albert"),
            List.of("Michel", "Philippe", "Alain", "Patrick", "Bernard", "Daniel", "Christian", "Gérard",
                    "Jean-Pierre", "Éric", "Thierry", "Pascal", "Didier", "Francis", "Serge", "Gilles", "Hervé", "Ali"),
            List.of("Nicolas", "Sébastien", "Stéphane", "Christophe", "Julien", "Frédéric", "Laurent", "David",
                    "Olivier", "Guillaume", "Jérôme", "Mathieu", "Vincent", "Cédric", "Romain", "Antoine", "Karim",
                    "Mehdi"),
            List.of("Lucas", "Hugo", "Thomas", "Théo", "Louis", "Nathan", "Maxime", "Enzo", "Alexandre", "Clément",
                    "Adam", "Yanis", "Mohamed", "Arthur", "Paul", "Raphaël", "Noah", "Gabriel"));

    /** Street names after the type, each with its article: {@code Rue des Lilas}, {@code Villa du Moulin}. */
    static final List<String> STREET_NAMES = List.of("des Lilas", "des Acacias", "des Tilleuls", "des Peupliers",
            "des Marronniers", "des Platanes", "des Érables", "des Chênes", "des Saules", "des Ormes", "des Charmes",
            "des Bouleaux", "des Cerisiers", "des Pommiers", "des Noyers", "des Châtaigniers", "des Glycines",
            "des Roses", "des Jonquilles", "des Violettes", "des Iris", "des Capucines", "des Hortensias",
            "des Mimosas", "des Coquelicots", "du Moulin", "du Lavoir", "de la Fontaine", "du Puits", "de la Source",
            "du Canal", "de l'Écluse", "du Pont", "de la Passerelle", "du Port", "de la Gare", "du Marché",
            "de la Halle", "des Tanneurs", "des Tisserands", "des Forgerons", "des Charrons", "des Potiers",
            "des Vanniers", "des Verriers", "des Drapiers", "des Meuniers", "des Boulangers", "des Cordiers",
            "des Brodeuses", "des Horlogers", "des Imprimeurs", "des Relieurs", "des Ébénistes", "du Colombier",
            "du Pressoir", "de la Grange", "du Verger", "des Vignes", "des Jardins", "du Potager", "de la Prairie",
            "des Prés", "des Champs", "de la Plaine", "du Coteau", "de la Colline", "du Belvédère", "de la Butte",
            "du Vallon", "du Ravin", "des Sablons", "des Carrières", "de la Sablière", "des Rochers", "des Bruyères",
            "des Genêts", "des Fougères", "de l'Étang", "des Roseaux", "des Mouettes", "des Hirondelles",
            "des Alouettes", "des Mésanges", "des Rossignols", "des Fauvettes", "des Pinsons", "des Colombes",
            "du Héron", "du Cygne", "de l'Aqueduc", "du Réservoir", "de l'Horloge", "du Beffroi", "du Cloître",
            "de la Chapelle", "du Prieuré", "de l'Abbaye", "du Collège", "de l'École", "de la Bibliothèque",
            "du Théâtre", "de l'Observatoire", "des Arts", "des Sciences", "de la Musique", "des Poètes",
            "des Peintres", "des Sculpteurs", "de la Paix", "de la Liberté", "de l'Égalité", "de la Fraternité",
            "de l'Avenir", "du Progrès", "de l'Industrie", "du Commerce", "de l'Espérance", "de la Concorde",
            "de l'Harmonie", "du Levant", "du Couchant", "du Midi", "des Quatre-Vents", "de l'Aurore", "du Zénith",
            "des Étoiles", "de la Lune", "du Soleil", "des Saisons", "du Printemps", "de l'Été", "de l'Automne",
            "de l'Hiver", "des Vendanges", "des Moissons", "des Semailles", "du Pavillon", "de la Terrasse",
            "du Kiosque", "de la Rotonde", "des Arcades", "des Remparts", "de la Poterne", "du Bastion",
            "de la Barrière", "de l'Octroi", "des Messageries", "du Relais", "de la Poste", "du Télégraphe",
            "des Mariniers", "des Bateliers", "de la Verrerie", "de la Tuilerie", "de la Briqueterie",
            "des Filatures", "du Manège", "de la Roseraie", "de l'Orangerie", "des Serres", "du Bocage",
            "de la Garenne", "des Ruisseaux", "des Cascades", "du Gué", "de la Digue", "des Écoles");

    /** Short streets added inside a bureau the street grid barely touches. */
    static final List<String> SHORT_STREET_TYPES = List.of("Villa", "Impasse", "Cité", "Passage", "Square", "Allée");

    /** Birthplaces in France (commune, département) and abroad (city, country). */
    static final List<String[]> FRENCH_BIRTHPLACES = List.of(new String[] {"LYON", "69"},
            new String[] {"MARSEILLE", "13"}, new String[] {"LILLE", "59"}, new String[] {"BORDEAUX", "33"},
            new String[] {"TOULOUSE", "31"}, new String[] {"NANTES", "44"}, new String[] {"RENNES", "35"},
            new String[] {"STRASBOURG", "67"}, new String[] {"MONTPELLIER", "34"}, new String[] {"NICE", "06"},
            new String[] {"ROUEN", "76"}, new String[] {"TOURS", "37"}, new String[] {"DIJON", "21"},
            new String[] {"BREST", "29"}, new String[] {"LIMOGES", "87"}, new String[] {"GRENOBLE", "38"},
            new String[] {"REIMS", "51"}, new String[] {"AMIENS", "80"}, new String[] {"CAEN", "14"},
            new String[] {"METZ", "57"}, new String[] {"CLERMONT-FERRAND", "63"}, new String[] {"ORLEANS", "45"},
            new String[] {"NANCY", "54"}, new String[] {"ANGERS", "49"}, new String[] {"POITIERS", "86"},
            new String[] {"BESANCON", "25"}, new String[] {"PERPIGNAN", "66"}, new String[] {"PAU", "64"},
            new String[] {"SAINT-ETIENNE", "42"}, new String[] {"AJACCIO", "2A"}, new String[] {"FORT-DE-FRANCE", "972"});

    static final List<String[]> FOREIGN_BIRTHPLACES = List.of(new String[] {"ALGER", "ALGERIE"},
            new String[] {"ORAN", "ALGERIE"}, new String[] {"CASABLANCA", "MAROC"}, new String[] {"TUNIS", "TUNISIE"},
            new String[] {"DAKAR", "SENEGAL"}, new String[] {"BAMAKO", "MALI"}, new String[] {"ABIDJAN", "COTE D'IVOIRE"},
            new String[] {"HANOI", "VIET NAM"}, new String[] {"BEYROUTH", "LIBAN"}, new String[] {"LONDRES", "ROYAUME-UNI"},
            new String[] {"MONTREAL", "CANADA"}, new String[] {"GENEVE", "SUISSE"});

    /** Citizens of the European Union on the complementary municipal list: nationality and birthplace. */
    static final List<String[]> EUROPEANS = List.of(new String[] {"ITALIENNE", "ROME", "ITALIE"},
            new String[] {"PORTUGAISE", "PORTO", "PORTUGAL"}, new String[] {"ESPAGNOLE", "MADRID", "ESPAGNE"},
            new String[] {"ALLEMANDE", "COLOGNE", "ALLEMAGNE"}, new String[] {"BELGE", "LIEGE", "BELGIQUE"},
            new String[] {"ROUMAINE", "CLUJ-NAPOCA", "ROUMANIE"}, new String[] {"POLONAISE", "CRACOVIE", "POLOGNE"});

    static String firstName(SplittableRandom r, boolean woman, int birthYear) {
        int cohort = birthYear < 1950 ? 0 : birthYear < 1970 ? 1 : birthYear < 1990 ? 2 : 3;
        // a quarter of people carry a name of the neighbouring cohort, as in real life
        double u = r.nextDouble();
        if (u < 0.125 && cohort > 0) {
            cohort--;
        } else if (u > 0.875 && cohort < 3) {
            cohort++;
        }
        return RandomStreams.pick(r, (woman ? WOMEN : MEN).get(cohort));
    }

    /** {@code Mme MARTIN Claire}: how the Ville de Paris writes a head of list. */
    static String headOfList(SplittableRandom r) {
        boolean woman = r.nextBoolean();
        int birthYear = 1955 + r.nextInt(35);
        return (woman ? "Mme " : "M. ") + RandomStreams.pick(r, SURNAMES) + " " + firstName(r, woman, birthYear);
    }

    /** {@code Claire Martin}: how the presidential file writes a candidate. */
    static String candidate(SplittableRandom r) {
        boolean woman = r.nextBoolean();
        String surname = RandomStreams.pick(r, SURNAMES);
        StringBuilder s = new StringBuilder();
        for (String part : surname.toLowerCase(Locale.ROOT).split(" ")) {
            s.append(s.isEmpty() ? "" : " ").append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return firstName(r, woman, 1960 + r.nextInt(25)) + " " + s;
    }

    /** Upper case without accents, apostrophes and hyphens as spaces: the AFNOR postal spelling. */
    static String afnor(String text) {
        return Text.fold(text).toUpperCase(Locale.ROOT).replace('\'', ' ').replace('-', ' ');
    }

    /** {@code des Tilleuls} → {@code LES TILLEULS}: a district named after a street name. */
    static String districtName(String streetName) {
        String s = streetName.startsWith("des ") ? "les " + streetName.substring(4)
                : streetName.startsWith("du ") ? "le " + streetName.substring(3)
                : streetName.startsWith("de la ") ? "la " + streetName.substring(6)
                : streetName.startsWith("de l'") ? "l'" + streetName.substring(5)
                : streetName;
        return Text.fold(s).toUpperCase(Locale.ROOT);
    }

    /** {@code de l'Écluse} → {@code Écluse}: an official arrondissement name, like Louvre or Temple. */
    static String noun(String streetName) {
        return streetName.replaceFirst("^(des |du |de la |de l')", "");
    }
}
