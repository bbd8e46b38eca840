package fr.terrain.territory;

/** Checks INSEE IRIS codes: 9 characters, the commune (or arrondissement) code then 4 digits. */
public final class IrisCode {
    private IrisCode() {}

    public static boolean isValid(String code) {
        return code != null && code.matches("\\d[\\dAB]\\d{7}");
    }

    public static String require(String code) {
        if (!isValid(code)) {
            throw new IllegalArgumentException("an IRIS code has 9 characters (751010201), found \"" + code + "\"");
        }
        return code;
    }
}
