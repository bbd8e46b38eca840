package fr.terrain.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a file name says: now read by every results import (ADR 0022), so it must not misread a round. */
class FileHintsTest {
    @Test
    void anArrondissementIsReadFromTheSpellingsPublishersUse() {
        assertThat(FileHints.arrondissement("resultats_municipales_2014_paris20e.csv")).contains(20);
        assertThat(FileHints.arrondissement("DDCT_BERP_municipales_2020_tour1_Ardt_05.csv")).contains(5);
        assertThat(FileHints.arrondissement("resultats_1er.csv")).contains(1);
        assertThat(FileHints.arrondissement("bureaux-12eme-arrondissement.csv")).contains(12);
        assertThat(FileHints.arrondissement("resultats.csv")).isEmpty();
        assertThat(FileHints.arrondissement("resultats_25e.csv")).as("no 25th arrondissement").isEmpty();
    }

    @Test
    void aRoundIsNotAnArrondissement() {
        // "1er tour", "2e tour", "2ème_tour": the round, said in the name; it must not put the stations in the 1st or 2nd
        for (String name : new String[] {"municipales_2020_1er_tour.csv", "municipales-2020-2e-tour.csv",
                "municipales 2020 2ème tour.csv", "resultats_2eme_tour_2020.csv", "1ertour.csv"}) {
            assertThat(FileHints.arrondissement(name)).as(name).isEqualTo(Optional.empty());
        }
        // a round and an arrondissement in one name: the arrondissement
        assertThat(FileHints.arrondissement("municipales_2014_2e_tour_paris20e.csv")).contains(20);
    }
}
