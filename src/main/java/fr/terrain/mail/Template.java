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
        java.util.Set<String> unknown = new java.util.LinkedHashSet<>(); // each once, « {{nom}} » twice read twice
        Matcher m = PLACEHOLDER.matcher(subject + "\n" + body);
        while (m.find()) {
            if (!PLACEHOLDERS.contains(m.group(1))) {
                unknown.add(m.group(0));
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException((unknown.size() == 1 ? "variable inconnue " : "variables inconnues ")
                    + String.join(", ", unknown) + " : seules {{first_name}} et {{prenom}} existent");
        }
        List<String> addresses = addressesWithFirstName(body);
        if (!addresses.isEmpty()) {
            throw new IllegalArgumentException("{{first_name}} dans l'adresse d'un lien ou d'une image ("
                    + String.join(", ", addresses.stream().map(a -> "« " + a + " »").toList()) + ") : le prénom de chaque"
                    + " destinataire partirait vers ce site (pour une image, à chaque ouverture) et resterait dans les liens"
                    + " suivis de la campagne, même après l'effacement de la personne ; mettez-le dans le texte du message,"
                    + " pas dans une adresse");
        }
        return new Template(subject, body);
    }

    /** Stands for the first name while the body is parsed: letters, so that a bare address keeps it as its own. */
    private static final String NAME_IN_ADDRESS = "terrainprenomxq";

    /** The link and image addresses of a body (bare addresses included) that hold the first name, as written. */
    private static List<String> addressesWithFirstName(String body) {
        if (!PLACEHOLDER.matcher(body).find()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        org.commonmark.parser.Parser.builder().extensions(List.of(org.commonmark.ext.autolink.AutolinkExtension.create()))
                .build().parse(fill(body, NAME_IN_ADDRESS, n -> n)).accept(new org.commonmark.node.AbstractVisitor() {
                    @Override
                    public void visit(org.commonmark.node.Link link) {
                        check(link.getDestination());
                        visitChildren(link);
                    }

                    @Override
                    public void visit(org.commonmark.node.Image image) {
                        check(image.getDestination());
                        visitChildren(image);
                    }

                    private void check(String destination) {
                        if (destination != null && destination.contains(NAME_IN_ADDRESS)) {
                            out.add(destination.replace(NAME_IN_ADDRESS, "{{first_name}}"));
                        }
                    }
                });
        return out;
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
