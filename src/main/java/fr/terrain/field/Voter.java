package fr.terrain.field;

import fr.terrain.election.StationCode;
import java.time.LocalDate;
import java.util.Objects;

/**
 * An elector as listed on an electoral list (liste électorale, Code électoral L.37), in the
 * columns of the arrêté of 12 November 2013. Personal data: only selections by age, sex,
 * polling station and geography are lawful (see PRIVACY.md).
 *
 * @param station the polling station when the list's commune and bureau number identify one
 * @param bureau the bureau number exactly as written on the list
 */
public record Voter(String listType, String communeCode, String voterNumber, Sex sex, String birthName,
        String usageName, String firstNames, LocalDate birthDate, String birthCommune, String birthDepartment,
        String birthCountry, String nationality, String bureau, StationCode station, String addressNumber,
        String streetType, String streetName, String addressComplement1, String addressComplement2,
        String lieuDit, String postcode, String city, String country) {

    /** Sexe as written on the list: M or F. */
    public enum Sex { M, F }

    public Voter {
        Objects.requireNonNull(sex, "sex");
        if (birthName == null || birthName.isBlank()) {
            throw new IllegalArgumentException("un électeur doit avoir un nom de naissance");
        }
        Objects.requireNonNull(birthDate, "birthDate");
    }
}
