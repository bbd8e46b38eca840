package fr.terrain.ingest;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a file name says that its content may not: a year ({@code _2014_}) or an arrondissement
 * ({@code paris20e}, {@code ardt_05}; not {@code 1er_tour}, a round). Used only to fill values a format leaves
 * implicit, never to recognise a format, and always reported in the import report.
 */
public final class FileHints {
    private static final Pattern YEAR = Pattern.compile("(?<!\\d)((?:19|20)\\d\\d)(?!\\d)");
    private static final Pattern ARRONDISSEMENT = Pattern.compile(
            "(?i)(?:(?<!\\d)(\\d{1,2})(?:e|er|eme|ème)(?![a-z])(?![\\s_-]*tour)|ardt?[_-]?(\\d{1,2})(?!\\d))");

    private FileHints() {}

    public static OptionalInt year(String fileName) {
        Matcher m = YEAR.matcher(fileName);
        return m.find() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
    }

    public static Optional<Integer> arrondissement(String fileName) {
        Matcher m = ARRONDISSEMENT.matcher(fileName);
        while (m.find()) {
            int n = Integer.parseInt(m.group(1) != null ? m.group(1) : m.group(2));
            if (n >= 1 && n <= 20) {
                return Optional.of(n);
            }
        }
        return Optional.empty();
    }
}
