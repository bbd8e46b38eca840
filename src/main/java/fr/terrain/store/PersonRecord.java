package fr.terrain.store;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A person the campaign answers for. Their electoral-list rows are the voter rows with the same
 * birth name, first names and birth date (voter ids change at each re-import; this does not).
 */
public record PersonRecord(long id, String birthName, String firstNames, LocalDate birthDate, Instant createdAt) {
    /** "DUPONT Marie, née le 1970-04-03": for the people who handle the request, never for logs. */
    public String display() {
        return (birthName == null ? "?" : birthName) + (firstNames == null ? "" : " " + firstNames)
                + (birthDate == null ? "" : ", né(e) le " + birthDate.format(java.time.format.DateTimeFormatter
                        .ofPattern("dd/MM/yyyy")));
    }

    /** "personne n° 12": what the audit log and reports say instead of the name. */
    public String reference() {
        return "person:" + id;
    }
}
