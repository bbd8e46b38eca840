package fr.terrain.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The register's own account of who inside the campaign reaches what (GDPR art. 30(1)(d) and 32). */
class ProcessingRegisterTest {
    @Test
    void eachRoleIsDescribedByWhatItsPermissionsOpen() {
        String md = ProcessingRegister.markdown(AccessInformationTest.CAMPAIGN, List.of(), RetentionPolicy.defaults(),
                LocalDate.of(2026, 1, 10));
        String roles = md.substring(md.indexOf("Accès internes par rôle"), md.indexOf("## 6."));
        assertThat(roles).contains(
                "- admin (administrateur) : données personnelles de tous les secteurs ; modification des données ;"
                        + " demandes d'exercice des droits (dossier entier de la personne qui les exerce, tous secteurs) ;"
                        + " journal d'audit et pages de conformité ; gestion des comptes",
                "- organizer (organisateur) : données personnelles de ses secteurs ; son porte-à-porte",
                "- canvasser (militant) : son seul porte-à-porte",
                "- analyst (analyste) : agrégats seulement, jamais de données personnelles",
                "- dpo (délégué à la protection des données) : agrégats ; demandes d'exercice des droits (dossier"
                        + " entier de la personne qui les exerce, tous secteurs) ; journal d'audit et pages de conformité");
    }
}
