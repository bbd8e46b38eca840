package fr.terrain.demo;

import fr.terrain.geo.Lambert93;
import fr.terrain.ingest.Progress;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Addresses in the 23 columns of the Base Adresse Nationale's {@code adresses-NN.csv}, ids
 * {@code <code_insee>_<voie>_<numéro sur 5 chiffres>[_<rep>]}.
 */
final class BanFile implements AutoCloseable {
    static final String HEADER = "id;id_fantoir;numero;rep;nom_voie;code_postal;code_insee;nom_commune;"
            + "code_insee_ancienne_commune;nom_ancienne_commune;x;y;lon;lat;type_position;alias;nom_ld;"
            + "libelle_acheminement;nom_afnor;source_position;source_nom_voie;certification_commune;cad_parcelles";
    static final int LINE_BYTES = 200;

    private final TextFile out;
    private final CsvLine line = new CsvLine(';');
    private final StringBuilder id = new StringBuilder(32);

    BanFile(Path file, Progress progress, long expectedAddresses) {
        this.out = new TextFile(file, "\n", progress, expectedAddresses * LINE_BYTES);
        out.line(HEADER);
    }

    /**
     * @param inseeCode the commune's code, also its postcode in the synthetic world
     * @param delivery the libellé d'acheminement (post-office town)
     * @param suffix the indice de répétition ({@code b}, {@code t}) or null
     * @param lieuDit the locality within the commune ({@code nom_ld}), or null
     * @param lon already rounded to the 6 decimals written
     */
    void address(String inseeCode, String commune, String delivery, String voie, int number, String suffix,
            String street, String lieuDit, double lon, double lat, SplittableRandom r) {
        id.setLength(0);
        id.append(inseeCode).append('_').append(voie).append('_');
        String digits = Integer.toString(number);
        id.append("00000", digits.length(), 5).append(digits);
        if (suffix != null) {
            id.append('_').append(suffix);
        }
        double[] xy = Lambert93.project(lon, lat);
        out.line(line.clear().add(id.toString()).add(inseeCode + "_" + voie).add(number).add(suffix).add(street)
                .add(inseeCode).add(inseeCode).add(commune).add("").add("").add(xy[0], 2).add(xy[1], 2)
                .add(lon, CityAddresses.DECIMALS).add(lat, CityAddresses.DECIMALS)
                .add(r.nextDouble() < 0.7 ? "entrée" : "parcelle").add("").add(lieuDit).add(delivery)
                .add(Names.afnor(street)).add("commune").add("commune").add(r.nextDouble() < 0.9 ? "vrai" : "faux")
                .add("").text());
    }

    long addresses() {
        return out.lines() - 1;
    }

    @Override
    public void close() {
        out.close();
    }
}
