package fr.terrain.territory;

/** Checks INSEE IRIS codes: 9 characters, the commune (or arrondissement) code then 4 digits. */
public final class IrisCode {
    private IrisCode() {}

    public static boolean isValid(String code) {
        return code != null && code.matches("\\d[\\dAB]\\d{7}");
    }

    public static String require(String code) {
        if (!isValid(code)) {
            throw new IllegalArgumentException("un code IRIS a 9 caractères (751010201), trouvé \"" + code + "\"");
        }
        return code;
    }
}
