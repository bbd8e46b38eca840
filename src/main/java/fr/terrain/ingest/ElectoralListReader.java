package fr.terrain.ingest;

import fr.terrain.election.CommuneCodes;
import fr.terrain.election.StationCode;
import fr.terrain.field.Voter;
import fr.terrain.ingest.CsvTable.Column;
import fr.terrain.ingest.CsvTable.Row;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Electoral lists in the columns of the arrêté of 12 November 2013 (TypeListe … Pays, {@code ;},
 * dates {@code JJ/MM/AAAA}). Communes' exports rename columns, so a mapping from the arrêté's
 * names to the file's headers can be given. Streams voters: a Paris list has 1.3 million lines.
 */
public final class ElectoralListReader {
    /** The arrêté's column names, in its order. */
    public static final String[] COLUMNS = {"TypeListe", "InfoListe", "DateCreationListe", "CodeDepartement",
        "CodeCommune", "NomCommune", "NoElecteurGeneral", "Sexe", "NomdeNaissance", "NomDusage", "Prenoms",
        "DateDeNaissance", "NomComNaissance", "DeptNaissance", "PaysNaissance", "Nationalite", "NomBureauDeVote",
        "NoBureauDeVote", "CodeCanton", "CodeCirconscription", "ComplementDeLocalisation1",
        "ComplementDeLocalisation2", "NumeroVoie", "TypeVoie", "LibelleVoie", "LieuDit", "CodePostal",
        "VilleLocalite", "Pays"};

    /** Widths of the voter table's columns, by the arrêté's name of the column stored there. */
    private static final Map<String, Integer> WIDTHS = Map.ofEntries(Map.entry("TypeListe", 100),
            Map.entry("CodeCommune", 5), Map.entry("NoElecteurGeneral", 32), Map.entry("NomdeNaissance", 200),
            Map.entry("NomDusage", 200), Map.entry("Prenoms", 200), Map.entry("NomComNaissance", 200),
            Map.entry("DeptNaissance", 100), Map.entry("PaysNaissance", 100), Map.entry("Nationalite", 100),
            Map.entry("NoBureauDeVote", 16), Map.entry("NumeroVoie", 16), Map.entry("TypeVoie", 50),
            Map.entry("LibelleVoie", 200), Map.entry("ComplementDeLocalisation1", 200),
            Map.entry("ComplementDeLocalisation2", 200), Map.entry("LieuDit", 200), Map.entry("CodePostal", 10),
            Map.entry("VilleLocalite", 200), Map.entry("Pays", 100));
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/uuuu")
            .withResolverStyle(ResolverStyle.STRICT);

    private ElectoralListReader() {}

    public static boolean recognises(CsvTable t) {
        return t.hasColumn("NomdeNaissance") && t.hasColumn("DateDeNaissance") && t.hasColumn("Sexe");
    }

    /**
     * @param mapping arrêté column name → header in this file, for the columns a commune renamed
     * @return the number of voters read
     */
    public static long read(CsvTable t, Map<String, String> mapping, Integer arrondissementOption, Consumer<Voter> sink) {
        Map<String, Column> columns = columns(t, mapping);
        Problems problems = new Problems();
        long n = 0;
        for (Row row : t) {
            if (problems.full()) {
                break;
            }
            try {
                row.requireWidth();
                Voter v = voter(row, columns, arrondissementOption);
                if (problems.isEmpty()) {
                    sink.accept(v);
                }
                n++;
            } catch (InputError e) {
                problems.addAll(e);
            }
        }
        problems.throwIfAny();
        return n;
    }

    /**
     * The arrêté's columns found in the file's header, after {@code mapping}; an error naming the
     * header when a required one is missing or {@code mapping} names a column the arrêté has not.
     */
    public static Map<String, Column> columns(CsvTable t, Map<String, String> mapping) {
        Map<String, Column> columns = new HashMap<>();
        for (String name : COLUMNS) {
            String header = mapping.getOrDefault(name, name);
            t.column(header).ifPresent(c -> columns.put(name, c));
        }
        for (String unknown : mapping.keySet()) {
            if (!java.util.Arrays.asList(COLUMNS).contains(unknown)) {
                throw InputError.of(t.fileName(), "--map " + unknown + "=… : pas une colonne de l'arrêté du 12 novembre 2013");
            }
        }
        for (String required : new String[] {"Sexe", "NomdeNaissance", "Prenoms", "DateDeNaissance"}) {
            if (!columns.containsKey(required)) {
                throw new InputError(new Problem(t.fileName(), 1, 0, null, "colonne manquante : " + required
                        + (mapping.containsKey(required) ? " (associée à \"" + mapping.get(required) + "\")" : "")
                        + " ; l'en-tête contient : " + String.join(", ", t.header())
                        + " ; utilisez --map " + required + "=<en-tête> si la commune l'a nommée autrement"));
            }
        }
        return columns;
    }

    private static Voter voter(Row row, Map<String, Column> c, Integer arrondissementOption) {
        Column sexColumn = c.get("Sexe");
        String sexText = row.requiredText(sexColumn);
        Voter.Sex sex = switch (sexText.toUpperCase()) {
            case "M", "H" -> Voter.Sex.M;
            case "F" -> Voter.Sex.F;
            default -> throw row.error(sexColumn, "attendu M ou F, trouvé \"" + sexText + "\"");
        };
        Column birth = c.get("DateDeNaissance");
        String birthText = row.requiredText(birth);
        LocalDate birthDate;
        try {
            birthDate = LocalDate.parse(birthText, DATE);
        } catch (DateTimeParseException e) {
            throw row.error(birth, "attendu une date JJ/MM/AAAA, trouvé \"" + birthText + "\"");
        }
        if (birthDate.isAfter(LocalDate.now()) || birthDate.getYear() < 1890) {
            throw row.error(birth, "date de naissance invraisemblable " + birthText);
        }
        String commune = get(row, c, "CodeCommune");
        String bureau = get(row, c, "NoBureauDeVote");
        StationCode station = null;
        if (bureau != null) {
            Integer area = arrondissementOption;
            if (area == null && commune != null) {
                area = area(row, c.get("CodeCommune"), commune.toUpperCase(java.util.Locale.ROOT));
            }
            if (area != null && bureau.matches("0*\\d{1,5}") && Integer.parseInt(bureau) > 0) {
                try {
                    station = new StationCode(area, Integer.parseInt(bureau));
                } catch (IllegalArgumentException e) {
                    // arrondissement 0: a damaged demo commune code (99000) or option
                    throw row.error(arrondissementOption == null ? c.get("CodeCommune") : null, e.getMessage());
                }
            }
        }
        row.requiredText(c.get("Prenoms"), WIDTHS.get("Prenoms"));
        return new Voter(get(row, c, "TypeListe"), commune, get(row, c, "NoElecteurGeneral"), sex,
                row.requiredText(c.get("NomdeNaissance"), WIDTHS.get("NomdeNaissance")), get(row, c, "NomDusage"),
                get(row, c, "Prenoms"), birthDate, get(row, c, "NomComNaissance"), get(row, c, "DeptNaissance"),
                get(row, c, "PaysNaissance"), get(row, c, "Nationalite"), bureau, station, get(row, c, "NumeroVoie"), get(row, c, "TypeVoie"),
                get(row, c, "LibelleVoie"), get(row, c, "ComplementDeLocalisation1"),
                get(row, c, "ComplementDeLocalisation2"), get(row, c, "LieuDit"), get(row, c, "CodePostal"),
                get(row, c, "VilleLocalite"), get(row, c, "Pays"));
    }

    /**
     * The area of the commune's bureaux ({@link CommuneCodes}): an arrondissement of Paris, Lyon, Marseille or the demo
     * city, the commune itself elsewhere (29039-1, as INSEE's REU), none for the whole city's code (75056) without
     * {@code --arrondissement}. A code that is no commune's is refused with its line.
     */
    private static Integer area(Row row, Column column, String commune) {
        try {
            return CommuneCodes.areaOf(commune).orElse(null);
        } catch (IllegalArgumentException e) {
            throw row.error(column, e.getMessage());
        }
    }

    private static String get(Row row, Map<String, Column> columns, String name) {
        return row.text(columns.get(name), WIDTHS.get(name));
    }
}
