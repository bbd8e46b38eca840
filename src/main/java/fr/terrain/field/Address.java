package fr.terrain.field;

import java.util.Objects;

/**
 * An address of the Base Adresse Nationale.
 *
 * @param banId the BAN identifier ({@code 75112_1783_00023_bis})
 * @param number the house number (numéro); 0 for a lieu-dit without number
 * @param suffix the repetition index (indice de répétition: b, t, a…), or null
 * @param inseeCode the commune or arrondissement code (code INSEE)
 */
public record Address(String banId, String fantoirId, int number, String suffix, String street, String postcode,
        String inseeCode, String commune, double lon, double lat) {

    public Address {
        if (banId == null || banId.isBlank()) {
            throw new IllegalArgumentException("une adresse BAN doit avoir son identifiant");
        }
        Objects.requireNonNull(street, "street");
        if (number < 0 || number > 99_999) {
            throw new IllegalArgumentException("numéro de voie hors limites : " + number);
        }
        if (!(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90)) {
            throw new IllegalArgumentException("coordonnées hors limites : " + lon + ", " + lat);
        }
        if (inseeCode == null || !inseeCode.matches("\\d[\\dAB]\\d{3}")) {
            throw new IllegalArgumentException("un code INSEE a 5 caractères, trouvé \"" + inseeCode + "\"");
        }
        if (suffix != null && suffix.isBlank()) {
            suffix = null;
        }
    }
}
