package fr.terrain.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A campaign template: a first line {@code subject: …} (or {@code objet: …}), a blank line, then
 * the body in Markdown. Placeholders: {@code {{first_name}}} (or {@code {{prenom}}}), filled per
 * recipient. The mandatory mentions (sender, list and election, origin of the address,
 * unsubscribe link) are added by {@link MessageRenderer}; the body may not forge them.
 */
public record Template(String subject, String body) {
    public static final Set<String> PLACEHOLDERS = Set.of("first_name", "prenom");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([a-z_]+)\\s*}}");

    public static Template parse(String text) {
        String t = text.replace("\r\n", "\n").replace("\uFEFF", "");
        String[] lines = t.split("\n", -1);
        int i = 0;
        while (i < lines.length && lines[i].isBlank()) {
            i++;
        }
        if (i == lines.length) {
            throw new IllegalArgumentException("modèle vide");
        }
        String first = lines[i];
        String lower = first.toLowerCase(java.util.Locale.ROOT);
        if (!lower.startsWith("subject:") && !lower.startsWith("objet:")) {
            throw new IllegalArgumentException("ligne " + (i + 1) + " : le modèle commence par « subject: … » (l'objet du"
                    + " message)");
        }
        String subject = first.substring(first.indexOf(':') + 1).strip();
        if (subject.isEmpty()) {
            throw new IllegalArgumentException("ligne " + (i + 1) + " : objet vide");
        }
        String body = String.join("\n", java.util.Arrays.copyOfRange(lines, i + 1, lines.length)).strip();
        if (body.isEmpty()) {
            throw new IllegalArgumentException("le modèle n'a pas de corps après l'objet");
        }
        List<String> unknown = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(subject + "\n" + body);
        while (m.find()) {
            if (!PLACEHOLDERS.contains(m.group(1))) {
                unknown.add(m.group(0));
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("variable(s) inconnue(s) " + unknown + " : seules {{first_name}} et"
                    + " {{prenom}} existent");
        }
        return new Template(subject, body);
    }

    /** The template as stored: the subject line, a blank line, the body. */
    public String text() {
        return "subject: " + subject + "\n\n" + body + "\n";
    }

    static String fill(String s, String firstName, java.util.function.UnaryOperator<String> escape) {
        String name = firstName == null || firstName.isBlank() ? "" : escape.apply(firstName.strip());
        return PLACEHOLDER.matcher(s).replaceAll(r -> Matcher.quoteReplacement(name));
    }
}
