package fr.terrain.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What is wrong in a JSON text, in French: Jackson's own words (« Unexpected end-of-input: expected close marker for
 * Array (start marker at [Source: REDACTED …]) ») reached the user. {@link #words} leaves the place to callers that
 * say it their way (a file's line); {@link #located} says it first.
 */
public final class JsonSyntax {
    private static final Pattern START = Pattern.compile(
            "\\s*\\(start marker at \\[Source: [^;\\]]*; line: (\\d+), column: (\\d+)\\]\\)");
    private static final Pattern CHARACTER = Pattern.compile("Unexpected character \\('(.+?)' \\(code \\d+\\)\\)");
    private static final Pattern TOKEN = Pattern.compile("Unrecognized token '(.*?)'");
    private static final Pattern CLOSE = Pattern.compile("Unexpected close marker '(.)'");

    private JsonSyntax() {}

    /** « fin du fichier inattendue (fichier tronqué ?) : un tableau [ ouvert ligne 1, colonne 12 n'est pas fermé ». */
    public static String words(JsonProcessingException e) {
        String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        Matcher start = START.matcher(m);
        String opened = start.find() ? " ouvert ligne " + start.group(1) + ", colonne " + start.group(2) : "";
        if (m.startsWith("Unexpected end-of-input")) {
            String what = m.contains("close marker for Array") ? "un tableau [" + opened + " n'est pas fermé"
                    : m.contains("close marker for Object") ? "un objet {" + opened + " n'est pas fermé"
                    : m.contains("in a String value") || m.contains("in VALUE_STRING") ? "un texte entre guillemets n'est pas fermé"
                    : "";
            return "fin du fichier inattendue (fichier tronqué ?)" + (what.isEmpty() ? "" : " : " + what);
        }
        Matcher c = CHARACTER.matcher(m);
        if (c.find()) {
            if (c.group(1).equals("}") && m.contains("was expecting double-quote")) { // {"a": 1,}
                return "virgule en trop avant « } »";
            }
            if (c.group(1).equals("]") && m.contains("expected a valid value")) { // [1, 2,] (or {"a": ])
                return "« ] » là où une valeur est attendue (virgule en trop ?)";
            }
            return "caractère inattendu « " + c.group(1) + " »" + (m.contains("was expecting double-quote")
                    ? " : un nom de champ s'écrit entre guillemets droits (\"nom\")"
                    : m.contains("was expecting comma") ? " : une virgule est attendue entre deux éléments" : "");
        }
        Matcher t = TOKEN.matcher(m);
        if (t.find()) {
            return "mot inconnu « " + t.group(1) + " » (un texte s'écrit entre guillemets, sinon true, false, null ou un nombre)";
        }
        Matcher close = CLOSE.matcher(m);
        if (close.find()) {
            return "fermeture " + close.group(1) + " sans ouverture correspondante";
        }
        return "syntaxe JSON incorrecte (" + START.matcher(m).replaceAll("") + ")";
    }

    /** « ligne 2, colonne 5 : caractère inattendu « a » … », the place where Jackson stopped first. */
    public static String located(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null || at.getLineNr() < 1 ? "" : "ligne " + at.getLineNr() + ", colonne " + at.getColumnNr() + " : ";
        return where + words(e);
    }
}
