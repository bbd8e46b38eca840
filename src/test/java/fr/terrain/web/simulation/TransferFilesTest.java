package fr.terrain.web.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.terrain.election.simulation.Transfers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Transfer matrices as JSON or CSV, and their errors with line and column. */
class TransferFilesTest {

    @Test
    void theCsvExampleIsTheJsonExample() throws IOException {
        Transfers json = SimulationJson.transfersAnyFormat(Files.readString(Path.of("docs/examples/transfers-paris-2020.json")), "json");
        Transfers csv = SimulationJson.transfersAnyFormat(Files.readString(Path.of("docs/examples/transfers-paris-2020.csv")), "csv");
        assertThat(csv.rows()).isEqualTo(json.rows());
        assertThat(csv.rows().get("autres")).containsEntry("droite-dati", 0.12);
    }

    @Test
    void frenchSpellingsCommasAndPercentsAreRead() {
        // header de;vers;part, a decimal comma, a percentage, a blank line and spaces around cells
        Transfers t = SimulationJson.transfersCsv("de;vers;part\n eelv ; gauche ; 0,85 \n\nautres;gauche;25 %\n", "t.csv");
        assertThat(t.rows()).isEqualTo(Map.of("eelv", Map.of("gauche", 0.85), "autres", Map.of("gauche", 0.25)));
        // a comma-separated file (no ';' in the header) takes decimal points
        assertThat(SimulationJson.transfersCsv("from,to,share\neelv,gauche,0.5\n", "t.csv").rows())
                .isEqualTo(Map.of("eelv", Map.of("gauche", 0.5)));
    }

    @Test
    void everyCsvErrorNamesItsLineAndColumn() {
        assertThatThrownBy(() -> SimulationJson.transfersCsv("from;to\neelv;gauche\n", "t.csv"))
                .hasMessage("t.csv : ligne 1 : colonne « share » (ou « part ») absente de l'en-tête ; attendu from;to;share");
        assertThatThrownBy(() -> SimulationJson.transfersCsv("from;to;share\neelv;gauche;0.5\neelv;droite;beaucoup\n", "t.csv"))
                .hasMessageStartingWith("t.csv : ligne 3, colonne 3 : une part entre 0 et 1").hasMessageContaining("« beaucoup »");
        assertThatThrownBy(() -> SimulationJson.transfersCsv("from;to;share\neelv;gauche;1.2\n", "t.csv"))
                .hasMessageStartingWith("t.csv : ligne 2, colonne 3 :");
        assertThatThrownBy(() -> SimulationJson.transfersCsv("from;to;share\neelv;;0.2\n", "t.csv"))
                .hasMessage("t.csv : ligne 2, colonne 2 : valeur vide");
        assertThatThrownBy(() -> SimulationJson.transfersCsv("from;to;share\neelv;gauche\n", "t.csv"))
                .hasMessage("t.csv : ligne 2 : 3 colonnes attendues comme l'en-tête, trouvé 2");
        // 0.7 + 0.6 = 130 %: the row that crosses 100 % is named
        assertThatThrownBy(() -> SimulationJson.transfersCsv("from;to;share\neelv;gauche;0.7\neelv;droite;0.6\n", "t.csv"))
                .hasMessage("t.csv : ligne 3, colonne 3 : « eelv » : les parts font 130.0 %, plus de 100 %");
        assertThatThrownBy(() -> SimulationJson.transfersCsv("from;to;share\neelv;gauche;0.2\neelv;gauche;0.3\n", "t.csv"))
                .hasMessage("t.csv : ligne 3, colonne 2 : « eelv » → « gauche » en double");
    }

    @Test
    void jsonErrorsNameTheirLineAndColumnToo() {
        assertThatThrownBy(() -> SimulationJson.transfersAnyFormat("{\n  \"eelv\": {\"gauche\": \"beaucoup\"}\n}", "t.json"))
                .hasMessageStartingWith("t.json : ligne 2, colonne 22 :");
        assertThatThrownBy(() -> SimulationJson.transfersAnyFormat("{\"eelv\": {\"gauche\": 0.5,}}", "t.json"))
                .hasMessageStartingWith("t.json : JSON invalide, ligne 1, colonne");
        assertThatThrownBy(() -> SimulationJson.transfersAnyFormat("{\"eelv\": {\"gauche\": 0.5}, \"eelv\": {}}", "t.json"))
                .hasMessageContaining("camp « eelv » en double");
    }
}
