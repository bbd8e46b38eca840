package fr.terrain.store;

import fr.terrain.privacy.Identifier;
import fr.terrain.privacy.Identifiers;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Persons and what is held on them: their voter rows (found by identity) and contacts. A person
 * row is created the first time something is recorded about someone (consent, request, contact).
 */
public final class Persons {
    /** A person's e-mail address or phone number, with its origin. */
    public record Contact(long id, String kind, String value, String sourceCategory, String provider,
            LocalDate collectedOn, String recordedBy, Instant recordedAt) {}

    private Persons() {}

    public static Optional<PersonRecord> find(Handle h, long id) {
        return h.createQuery(PERSON + " WHERE id = :id").bind("id", id).map((rs, ctx) -> map(rs)).findOne();
    }

    private static final String PERSON = "SELECT id, birth_name, first_names, birth_date, created_at FROM person";

    /**
     * The person, locked until the transaction ends, as an erasure locks them: a consent or contact recorded at the
     * same time is recorded before the erasure (and erased with them) or finds them gone, never left on a person erased
     * (a consent recorded during an erasure outlived it; found by a crawl).
     */
    public static Optional<PersonRecord> lock(Handle h, long id) {
        return h.createQuery(PERSON + " WHERE id = :id FOR UPDATE").bind("id", id).map((rs, ctx) -> map(rs)).findOne();
    }

    public static Optional<PersonRecord> find(Store store, long id) {
        return store.jdbi().withHandle(h -> find(h, id));
    }

    /** The person listed on this voter row, created if needed. */
    public static PersonRecord forVoter(Store store, long voterId) {
        return store.jdbi().inTransaction(h -> {
            var v = h.createQuery("SELECT birth_name, first_names, birth_date FROM voter WHERE id = :id").bind("id", voterId)
                    .mapToMap().findOne().orElseThrow(() -> new StoreException("électeur inconnu : n° " + voterId
                            + " (les numéros changent à chaque réimport de la liste)"));
            return findOrCreate(h, (String) v.get("birth_name"), (String) v.get("first_names"), date(v.get("birth_date")));
        });
    }

    /**
     * The person of this identity as written on the electoral list, created if needed. Names are
     * compared after normalisation (accents, case, spaces); the first given name suffices.
     *
     * @param commune a commune code (75112) to tell apart namesakes born the same day, or null
     * @throws StoreException when several listed persons match
     */
    public static PersonRecord findOrCreate(Store store, String surname, String firstNames, LocalDate birthDate,
            String commune) {
        checkBirthDate(birthDate);
        return store.jdbi().inTransaction(h -> {
            String wanted = Identifiers.name(surname, firstNames);
            Set<List<Object>> identities = new LinkedHashSet<>();
            for (Map<String, Object> v : h.createQuery("SELECT birth_name, usage_name, first_names, commune_code FROM voter"
                    + " WHERE birth_date = :d").bind("d", birthDate).mapToMap().list()) {
                boolean sameName = matches(wanted, (String) v.get("birth_name"), (String) v.get("first_names"))
                        || (v.get("usage_name") != null && matches(wanted, (String) v.get("usage_name"),
                        (String) v.get("first_names")));
                if (sameName && (commune == null || commune.equals(v.get("commune_code")))) {
                    identities.add(java.util.Arrays.asList(v.get("birth_name"), v.get("first_names")));
                }
            }
            if (identities.size() > 1) {
                throw new StoreException(identities.size() + " électeurs de ce nom sont nés ce jour-là : précisez --commune"
                        + " ou désignez l'électeur par --voter N");
            }
            if (identities.size() == 1) {
                List<Object> id = identities.iterator().next();
                return findOrCreate(h, (String) id.get(0), (String) id.get(1), birthDate);
            }
            for (PersonRecord p : h.createQuery("SELECT id, birth_name, first_names, birth_date, created_at FROM person"
                    + " WHERE birth_date = :d ORDER BY created_at, id").bind("d", birthDate).map((rs, ctx) -> map(rs))
                    .list()) {
                if (matches(wanted, p.birthName(), p.firstNames())) {
                    return p;
                }
            }
            return insert(h, surname.strip(), firstNames == null ? null : firstNames.strip(), birthDate);
        });
    }

    private static boolean matches(String wanted, String surname, String firstNames) {
        return surname != null && Identifiers.name(surname, firstNames).equals(wanted);
    }

    static PersonRecord findOrCreate(Handle h, String birthName, String firstNames, LocalDate birthDate) {
        return h.createQuery("SELECT id, birth_name, first_names, birth_date, created_at FROM person WHERE birth_date = :d"
                        + " AND birth_name = :n AND COALESCE(first_names, '') = :f ORDER BY created_at, id")
                .bind("d", birthDate).bind("n", birthName).bind("f", firstNames == null ? "" : firstNames)
                .map((rs, ctx) -> map(rs)).findFirst()
                .orElseGet(() -> insert(h, birthName, firstNames, birthDate));
    }

    private static PersonRecord insert(Handle h, String birthName, String firstNames, LocalDate birthDate) {
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        long id = RandomIds.next(h, RandomIds.Table.PERSON);
        h.createUpdate("INSERT INTO person (id, birth_name, first_names, birth_date, created_at)"
                        + " VALUES (:id, :n, :f, :d, :t)").bind("id", id).bind("n", birthName).bind("f", firstNames)
                .bind("d", birthDate).bind("t", LocalDateTime.ofInstant(now, ZoneOffset.UTC)).execute();
        return new PersonRecord(id, birthName, firstNames, birthDate, now);
    }

    /**
     * Other person records holding one of {@code p}'s e-mails or phones: the same person, recorded twice (a contacts
     * import makes a record of its own for an address a consent already gave). Access and erasure take them too.
     */
    public static List<PersonRecord> sameContacts(Handle h, PersonRecord p) {
        return h.createQuery("SELECT DISTINCT o.person_id FROM person_contact o JOIN person_contact c ON c.kind = o.kind"
                        + " AND c.contact_value = o.contact_value WHERE c.person_id = :p AND o.person_id <> :p"
                        + " UNION SELECT mc.person_id FROM mail_contact mc JOIN person_contact c ON c.kind = 'email'"
                        + " AND c.contact_value = mc.email WHERE c.person_id = :p AND mc.person_id <> :p")
                .bind("p", p.id()).mapTo(Long.class).list().stream()
                .map(id -> find(h, id).orElseThrow()).toList();
    }

    /** Every voter row of the person, every column, in contest order. */
    public static List<Map<String, Object>> voterRows(Handle h, PersonRecord p) {
        if (p.birthDate() == null || p.birthName() == null) {
            return List.of();
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> r : h.createQuery("SELECT * FROM voter WHERE birth_date = :d AND birth_name = :n"
                        + " AND COALESCE(first_names, '') = :f ORDER BY contest, source_category, id")
                .bind("d", p.birthDate()).bind("n", p.birthName()).bind("f", p.firstNames() == null ? "" : p.firstNames())
                .mapToMap().list()) {
            rows.add(new LinkedHashMap<>(r));
        }
        return rows;
    }

    /** Deletes the person's voter rows, for this reason; returns how many. */
    static int deleteVoterRows(Handle h, PersonRecord p, VoterChanges.Kind why) {
        if (p.birthDate() == null || p.birthName() == null) {
            return 0;
        }
        int n = h.createUpdate("DELETE FROM voter WHERE birth_date = :d AND birth_name = :n AND COALESCE(first_names, '') = :f")
                .bind("d", p.birthDate()).bind("n", p.birthName()).bind("f", p.firstNames() == null ? "" : p.firstNames())
                .execute();
        VoterChanges.record(h, why, n);
        return n;
    }

    /** Records an e-mail address or a phone number of the person (normalised), with where it came from. */
    public static Contact addContact(Store store, long personId, Identifier contact, String sourceCategory,
            String provider, LocalDate collectedOn, String by) {
        if (contact.kind() != Identifier.Kind.EMAIL && contact.kind() != Identifier.Kind.PHONE) {
            throw new IllegalArgumentException("un contact est une adresse électronique ou un téléphone");
        }
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        return store.jdbi().inTransaction(h -> {
            lock(h, personId).orElseThrow(() -> new StoreException("personne inconnue : n° " + personId));
            Optional<Contact> existing = contacts(h, personId).stream()
                    .filter(c -> c.kind().equals(contact.kind().id()) && c.value().equals(contact.normalised())).findFirst();
            if (existing.isPresent()) {
                return existing.get();
            }
            long id = h.createUpdate("INSERT INTO person_contact (person_id, kind, contact_value, source_category, provider,"
                            + " collected_on, recorded_by, recorded_at) VALUES (:p, :k, :v, :s, :pr, :c, :b, :t)")
                    .bind("p", personId).bind("k", contact.kind().id()).bind("v", contact.normalised())
                    .bind("s", sourceCategory).bind("pr", provider).bind("c", collectedOn).bind("b", by)
                    .bind("t", LocalDateTime.ofInstant(now, ZoneOffset.UTC))
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            return new Contact(id, contact.kind().id(), contact.normalised(), sourceCategory, provider, collectedOn, by, now);
        });
    }

    public static List<Contact> contacts(Handle h, long personId) {
        return h.createQuery("SELECT id, kind, contact_value, source_category, provider, collected_on, recorded_by,"
                        + " recorded_at FROM person_contact WHERE person_id = :p ORDER BY id").bind("p", personId)
                .map((rs, ctx) -> new Contact(rs.getLong("id"), rs.getString("kind"), rs.getString("contact_value"),
                        rs.getString("source_category"), rs.getString("provider"),
                        rs.getObject("collected_on", LocalDate.class), rs.getString("recorded_by"),
                        rs.getObject("recorded_at", LocalDateTime.class).toInstant(ZoneOffset.UTC))).list();
    }

    /** Every identifier the campaign holds for the person: from their voter rows and contacts. */
    public static Set<Identifier> identifiers(Handle h, PersonRecord p) {
        Set<Identifier> out = new LinkedHashSet<>();
        if (p.birthName() != null && p.birthDate() != null) {
            out.add(Identifiers.nameBirthDate(p.birthName(), p.firstNames(), p.birthDate()));
        }
        for (Map<String, Object> v : voterRows(h, p)) {
            out.addAll(Identifiers.ofListedPerson((String) v.get("birth_name"), (String) v.get("usage_name"),
                    (String) v.get("first_names"), date(v.get("birth_date")), (String) v.get("address_number"),
                    (String) v.get("street_type"), (String) v.get("street_name"), (String) v.get("postcode")));
        }
        for (Contact c : contacts(h, p.id())) {
            out.add(new Identifier(Identifier.Kind.of(c.kind()), c.value()));
        }
        return out;
    }

    static LocalDate date(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof LocalDate d) {
            return d;
        }
        if (o instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        return LocalDate.parse(o.toString());
    }

    static PersonRecord map(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new PersonRecord(rs.getLong("id"), rs.getString("birth_name"), rs.getString("first_names"),
                rs.getObject("birth_date", LocalDate.class),
                rs.getObject("created_at", LocalDateTime.class).toInstant(ZoneOffset.UTC));
    }

    /** The earliest birth date a person of a request may have (none alive was born before). */
    static final LocalDate EARLIEST_BIRTH = LocalDate.of(1900, 1, 1);

    /** Refuses a birth date no living person has: in the future, or before {@link #EARLIEST_BIRTH}. */
    public static void checkBirthDate(LocalDate birthDate) {
        if (birthDate.isAfter(fr.terrain.election.Paris.today()) || birthDate.isBefore(EARLIEST_BIRTH)) {
            throw new StoreException("date de naissance impossible : " + fr.terrain.election.Paris.day(birthDate)
                    + " (entre le 01/01/1900 et aujourd'hui)");
        }
    }
}
