package fr.terrain.store;

import fr.terrain.field.AddressCorrection;
import fr.terrain.field.VoterAddress;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

/**
 * The corrections of listed addresses ({@code address_correction}, V12), applied before matching by
 * {@code terrain doors match}, {@code terrain turfs} and the page of unmatched records.
 */
public final class AddressCorrections {
    private AddressCorrections() {}

    /** Every correction, by the key of the listed address it corrects. */
    public static Map<String, AddressCorrection> all(Store store) {
        return store.jdbi().withHandle(AddressCorrections::all);
    }

    static Map<String, AddressCorrection> all(org.jdbi.v3.core.Handle h) {
        Map<String, AddressCorrection> out = new HashMap<>();
        h.createQuery("SELECT listed_key, address_number, street FROM address_correction")
                .map((rs, ctx) -> Map.entry(rs.getString(1), new AddressCorrection(rs.getString(2), rs.getString(3))))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /**
     * Records (or replaces) the correction of the address as {@code listed} writes it, with its audit entry
     * in the same transaction.
     *
     * @param voters how many voters of the list are written this way (for the audit entry)
     */
    public static void save(Store store, VoterAddress listed, AddressCorrection c, String by, long voters) {
        String key = AddressCorrection.key(listed);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        store.jdbi().useTransaction(h -> {
            boolean replaced = h.createUpdate("DELETE FROM address_correction WHERE listed_key = :k").bind("k", key)
                    .execute() > 0;
            h.createUpdate("INSERT INTO address_correction (listed_key, commune_code, postcode, listed_number, listed_type,"
                            + " listed_street, address_number, street, corrected_by, corrected_at)"
                            + " VALUES (:k, :commune, :postcode, :n, :t, :s, :cn, :cs, :by, :at)")
                    .bind("k", key).bind("commune", listed.communeCode()).bind("postcode", listed.postcode())
                    .bind("n", listed.number()).bind("t", listed.streetType()).bind("s", listed.streetName())
                    .bind("cn", c.number()).bind("cs", c.street()).bind("by", by)
                    .bind("at", LocalDateTime.ofInstant(now, ZoneOffset.UTC)).execute();
            AuditLog.append(h, now, by, "voters.address-correct", "voter:" + listed.voterId(), voters,
                    (replaced ? "correction remplacée : " : "") + "adresse de la liste corrigée en « "
                            + (c.number() == null ? "" : c.number() + " ") + c.street() + " »");
        });
    }
}
