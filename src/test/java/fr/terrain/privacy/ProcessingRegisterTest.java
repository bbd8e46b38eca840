package fr.terrain.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
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

    /**
     * Regulation (EU) 2024/900: the register lists the campaigns that chose their recipients or their message by
     * personal data (art. 19's record), with the techniques, the data, the logic and the consent each declared, and
     * says when targeting on tracking data rests on no declared consent (art. 18).
     */
    @Test
    void theCampaignsThatTargetedAreListedWithTheirTechniquesDataAndDeclaredConsent() {
        List<TargetedCampaign> campaigns = List.of(
                new TargetedCampaign("lettre", "terminée", List.of(), List.of(), false, ""),
                new TargetedCampaign("relance", "terminée", List.of("sélection géographique — arrondissement 11",
                        "sélection selon l'engagement (segment engaged:) — a ouvert ou cliqué un de nos messages dans les"
                                + " 7 derniers jours"), List.of("arrondissement, bureau de vote (fournies par la personne)",
                        "ouvertures et clics de nos messages (observées)"), true, ""));
        String md = ProcessingRegister.markdown(AccessInformationTest.CAMPAIGN, List.of(), Map.of(), campaigns,
                RetentionPolicy.defaults(), LocalDate.of(2026, 3, 1));
        String section = md.substring(md.indexOf("### Ciblage des courriels"), md.indexOf("## 4."));
        assertThat(section).contains("règlement (UE) 2024/900")
                .contains("| relance | terminée | sélection géographique — arrondissement 11 ; sélection selon l'engagement")
                .contains("ouvertures et clics de nos messages (observées)")
                .contains("aucun recueil déclaré")
                .contains("art. 18")
                .doesNotContain("| lettre |")
                .contains("1 campagne(s) sur 2");

        // without any campaign, no such processing
        String none = ProcessingRegister.markdown(AccessInformationTest.CAMPAIGN, List.of(), Map.of(), List.of(),
                RetentionPolicy.defaults(), LocalDate.of(2026, 3, 1));
        assertThat(none).doesNotContain("### Ciblage des courriels");
    }

    /**
     * Counts of Paris's size read as French readers write them, and the AIPD says records, not persons: the electoral
     * list's count holds its doors and door outcomes besides its voters.
     */
    @Test
    void largeCountsAndDatesAreFrenchAndTheAipdCountsRecordsBySource() {
        List<SourceUse> uses = List.of(
                new SourceUse(SourceCategory.ELECTORAL_LIST, 2, 1_827_431, LocalDate.of(2026, 1, 10),
                        LocalDate.of(2026, 2, 3), java.util.Set.of("Préfecture de police")),
                SourceUse.enteredOnly(SourceCategory.MEMBERS, 1_204));
        String register = ProcessingRegister.markdown(AccessInformationTest.CAMPAIGN, uses, RetentionPolicy.defaults(),
                LocalDate.of(2026, 3, 1));
        assertThat(register).contains("Enregistrements détenus aujourd'hui : 1 827 431",
                "Enregistrements détenus aujourd'hui : 1 204", "(du 10/01/2026 au 03/02/2026)");
        String aipd = ProcessingRegister.dpiaTemplate(AccessInformationTest.CAMPAIGN, uses, RetentionPolicy.defaults(),
                LocalDate.of(2026, 3, 1));
        assertThat(aipd).contains("pré-rempli par Terrain le 01/03/2026",
                        "- Enregistrements de données personnelles détenus aujourd'hui : electoral-list 1 827 431,"
                                + " members 1 204\n")
                .doesNotContain("Personnes concernées détenues");
    }
}
