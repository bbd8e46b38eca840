package fr.terrain.ingest;

import fr.terrain.election.SectorCodes;
import fr.terrain.ingest.CsvTable.Column;
import fr.terrain.ingest.CsvTable.Row;
import fr.terrain.mail.ContactSector;
import fr.terrain.privacy.Identifiers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A list of e-mail contacts: {@code email;first_name;sector;consent_email} (consent {@code oui} or
 * {@code non}), and optionally {@code station} (polling station code) and {@code topics} (topics of
 * interest separated by {@code ,} or {@code |}). Encoding and separator are detected like every
 * import; every problem is reported with its file, line and column, and nothing is returned when
 * there is one. The sector is written as for an organizer ({@link SectorCodes#parse}: {@code 12}, {@code 29039},
 * {@code 2A004}; {@code 75112} is refused with the number to write), and a station must lie in it
 * ({@link ContactSector}).
 */
public final class ContactListReader {
    /** One contact as read, with its line for the proof of consent. */
    public record ContactRow(long line, String email, String firstName, Integer sector, String station,
            Set<String> topics, boolean consentEmail) {}

    /** The rows and the file's fingerprint. */
    public record ContactList(String fileName, String sha256, List<ContactRow> rows) {}

    /** A whole number as a spreadsheet may export it ({@code 12.0}), read as the number. */
    private static final Pattern SPREADSHEET_WHOLE = Pattern.compile("(\\d+)[.,]0+");

    private ContactListReader() {}

    /** The row's sector as {@link SectorCodes#parse} reads it (12, 29039, 2A004), or null when the cell is empty. */
    private static Integer sector(Row r, Column c) {
        // a truncated line is refused (requiredText names its width), an empty cell is no sector
        String t = c.index() >= r.fieldCount() ? r.requiredText(c) : r.text(c);
        if (t == null) {
            return null;
        }
        Matcher whole = SPREADSHEET_WHOLE.matcher(t);
        try {
            return SectorCodes.parse(whole.matches() ? whole.group(1) : t);
        } catch (IllegalArgumentException e) {
            throw r.error(c, e.getMessage());
        }
    }

    public static ContactList read(Path file) {
        Problems problems = new Problems();
        List<ContactRow> rows = new ArrayList<>();
        String name;
        String sha;
        try (CsvTable t = CsvTable.open(TextInput.detect(file))) {
            name = t.fileName();
            Column email = t.requireColumn("email", "courriel", "e-mail", "adresse");
            Column first = t.column("first_name", "prenom", "prénom").orElse(null);
            Column sector = t.column("sector", "secteur", "arrondissement").orElse(null);
            Column consent = t.requireColumn("consent_email", "consentement_courriel", "consentement");
            Column station = t.column("station", "bureau", "station_code").orElse(null);
            Column topics = t.column("topics", "sujets", "themes", "thèmes").orElse(null);
            Map<String, Long> seen = new HashMap<>();
            for (Row r : t) {
                if (problems.full()) {
                    break;
                }
                try {
                    String raw = r.requiredText(email, 320);
                    String e;
                    try {
                        e = Identifiers.mailbox(raw);
                    } catch (IllegalArgumentException x) {
                        throw r.error(email, "adresse électronique invalide « " + raw + " »");
                    }
                    Long before = seen.putIfAbsent(e, r.line());
                    if (before != null) {
                        throw r.error(email, "adresse déjà présente ligne " + before + " : " + e);
                    }
                    String c = r.requiredText(consent).toLowerCase(Locale.ROOT);
                    boolean yes = switch (c) {
                        case "oui", "o", "yes", "1", "vrai", "true" -> true;
                        case "non", "n", "no", "0", "faux", "false" -> false;
                        default -> throw r.error(consent, "attendu « oui » ou « non », trouvé « " + c + " »");
                    };
                    Integer s = sector == null ? null : sector(r, sector);
                    String st = station == null ? null : r.text(station, 16);
                    Optional<String> elsewhere = ContactSector.stationProblem(s, st);
                    if (elsewhere.isPresent()) {
                        throw r.error(station, elsewhere.get());
                    }
                    Set<String> ts = new LinkedHashSet<>();
                    String tt = topics == null ? null : r.text(topics, 500);
                    if (tt != null) {
                        for (String x : tt.split("[,|]")) {
                            if (!x.isBlank()) {
                                ts.add(x.strip());
                            }
                        }
                    }
                    rows.add(new ContactRow(r.line(), e, first == null ? null : r.text(first, 200), s, st, ts, yes));
                } catch (InputError x) {
                    problems.addAll(x);
                }
            }
            problems.throwIfAny();
            sha = t.sha256().orElse("");
        }
        if (rows.isEmpty()) {
            throw InputError.of(name, "aucun contact dans le fichier");
        }
        return new ContactList(name, sha, rows);
    }
}
