package fr.terrain.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Jackson's syntax errors in French (« Unexpected end-of-input … [Source: REDACTED …] » reached users). */
class JsonSyntaxTest {
    static String words(String json) {
        try {
            new ObjectMapper().readTree(json);
            throw new AssertionError("parsed: " + json);
        } catch (JsonProcessingException e) {
            return JsonSyntax.words(e);
        }
    }

    @Test
    void eachCommonMistakeIsSaidInFrenchWithWhereItOpened() {
        assertThat(words("{\"features\": [1, 2"))
                .isEqualTo("fin du fichier inattendue (fichier tronqué ?) : un tableau [ ouvert ligne 1, colonne 14 n'est pas fermé");
        assertThat(words("{\"a\": 1,\n \"b\": 2"))
                .isEqualTo("fin du fichier inattendue (fichier tronqué ?) : un objet { ouvert ligne 1, colonne 1 n'est pas fermé");
        assertThat(words("{a: 1}")).isEqualTo("caractère inattendu « a » : un nom de champ s'écrit entre guillemets droits (\"nom\")");
        assertThat(words("{\"a\": 1 \"b\": 2}")).isEqualTo("caractère inattendu « \" » : une virgule est attendue entre deux éléments");
        assertThat(words("{\"a\": vrai}")).startsWith("mot inconnu « vrai »");
        assertThat(words("[1, 2}")).isEqualTo("fermeture } sans ouverture correspondante");
        assertThat(words("{\"a\": 0.5,}")).isEqualTo("virgule en trop avant « } »");
        assertThat(words("[1, 2,]")).isEqualTo("« ] » là où une valeur est attendue (virgule en trop ?)");
        for (String bad : new String[] {"{\"features\": [1, 2", "{a: 1}", "[1, 2}", "{\"a\": \"b"}) {
            assertThat(words(bad)).as(bad).doesNotContain("Source").doesNotContain("Unexpected").doesNotContain("expected");
        }
    }

    @Test
    void locatedSaysWhereJacksonStoppedFirst() {
        try {
            new ObjectMapper().readTree("{\n  \"a\": vrai}");
            throw new AssertionError("parsed");
        } catch (JsonProcessingException e) {
            // line 2 is `  "a": vrai}`: 2 spaces, "a" in 3–5, ':' 6, ' ' 7, the word from column 8
            assertThat(JsonSyntax.located(e)).startsWith("ligne 2, colonne ").contains("mot inconnu « vrai »");
        }
    }
}
