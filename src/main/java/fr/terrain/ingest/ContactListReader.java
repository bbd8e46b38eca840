package fr.terrain.ingest;

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

/**
 * A list of e-mail contacts: {@code email;first_name;sector;consent_email} (consent {@code oui} or
 * {@code non}), and optionally {@code station} (polling station code) and {@code topics} (topics of
 * interest separated by {@code ,} or {@code |}). Encoding and separator are detected like every
 * import; every problem is reported with its file, line and column, and nothing is returned when
 * there is one. The sector must be an arrondissement of Paris and a station in it ({@link ContactSector}).
 */
public final class ContactListReader {
    /** One contact as read, with its line for the proof of consent. */
    public record ContactRow(long line, String email, String firstName, Integer sector, String station,
            Set<String> topics, boolean consentEmail) {}

    /** The rows and the file's fingerprint. */
    public record ContactList(String fileName, String sha256, List<ContactRow> rows) {}

    private ContactListReader() {}

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
                    Integer s = sector == null ? null : r.optionalInteger(sector);
                    if (s != null) {
                        Optional<String> bad = ContactSector.problem(s);
                        if (bad.isPresent()) {
                            throw r.error(sector, bad.get());
                        }
                    }
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
