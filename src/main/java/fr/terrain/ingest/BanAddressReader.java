package fr.terrain.ingest;

import fr.terrain.field.Address;
import fr.terrain.ingest.CsvTable.Column;
import fr.terrain.ingest.CsvTable.Row;
import java.util.function.Consumer;

/**
 * Base Adresse Nationale "adresses" CSV ({@code adresses-75.csv}): {@code id;id_fantoir;numero;rep;
 * nom_voie;code_postal;code_insee;nom_commune;...;lon;lat;...}, 22 or 23 columns, any order.
 * Streams addresses to a consumer so that a département file never sits in memory.
 */
public final class BanAddressReader {
    private BanAddressReader() {}

    public static boolean recognises(CsvTable t) {
        return t.hasColumn("id") && t.hasColumn("numero") && t.hasColumn("nom_voie") && t.hasColumn("lon")
                && t.hasColumn("lat") && t.hasColumn("code_insee");
    }

    /** Reads every row, then returns the number of addresses; throws all problems at the end. */
    public static long read(CsvTable t, Consumer<Address> sink) {
        Column id = t.requireColumn("id", "cle_interop");
        Column fantoir = t.column("id_fantoir").orElse(null);
        Column number = t.requireColumn("numero");
        Column suffix = t.column("rep", "suffixe").orElse(null);
        Column street = t.requireColumn("nom_voie", "voie_nom");
        Column postcode = t.column("code_postal").orElse(null);
        Column insee = t.requireColumn("code_insee", "commune_insee");
        Column commune = t.column("nom_commune", "commune_nom").orElse(null);
        Column lon = t.requireColumn("lon", "long");
        Column lat = t.requireColumn("lat");
        Problems problems = new Problems();
        long n = 0;
        for (Row row : t) {
            if (problems.full()) {
                break;
            }
            try {
                row.requireWidth();
                String code = row.requiredText(insee);
                if (!code.matches("\\d[\\dAB]\\d{3}")) {
                    throw row.error(insee, "attendu un code INSEE de 5 caractères, trouvé \"" + code + "\"");
                }
                int num = row.count(number);
                if (num > 99_999) {
                    throw row.error(number, "numéro de voie hors limites : " + num);
                }
                double x = row.decimal(lon);
                double y = row.decimal(lat);
                if (!(x >= -180 && x <= 180)) {
                    throw row.error(lon, "longitude hors limites : " + x);
                }
                if (!(y >= -90 && y <= 90)) {
                    throw row.error(lat, "latitude hors limites : " + y);
                }
                // widths of the address table's columns
                Address a = new Address(row.requiredText(id, 64), row.text(fantoir, 32), num, row.text(suffix, 16),
                        row.requiredText(street, 200), row.text(postcode, 5), code, row.text(commune, 100), x, y);
                if (problems.isEmpty()) {
                    sink.accept(a);
                }
                n++;
            } catch (InputError e) {
                problems.addAll(e);
            }
        }
        problems.throwIfAny();
        return n;
    }
}
