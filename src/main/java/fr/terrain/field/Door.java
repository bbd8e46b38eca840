package fr.terrain.field;

import fr.terrain.election.StationCode;
import java.util.Objects;

/**
 * A door a canvasser knocks on: a BAN address, plus the apartment complement where the list gives
 * one. Its household is the voters registered there.
 *
 * @param id stable: the BAN id, then {@code /} and the folded complement when there is one
 * @param station the polling station most of its voters are registered in
 * @param voters the size of the household (voters registered at this door)
 */
public record Door(String id, Address address, String complement, StationCode station, int voters) {

    public Door {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(address, "address");
        if (voters < 0) {
            throw new IllegalArgumentException("a door has no negative household");
        }
    }

    /** The door id for this address and complement: complements that differ only in spelling are one door. */
    public static String id(Address address, String complement) {
        String c = AddressText.fold(complement);
        return c.isEmpty() ? address.banId() : address.banId() + "/" + c.replace(' ', '-');
    }

    /** "12 bis Rue de Charonne, APT 12": what the canvasser reads at the door. */
    public String label() {
        return streetAddress() + (complement == null || complement.isBlank() ? "" : ", " + complement.strip());
    }

    /** "12 bis Rue de Charonne": the number, its repetition index in words (the BAN writes b, t…) and the street. */
    public String streetAddress() {
        String suffix = address.suffix() == null ? "" : " " + switch (address.suffix().toLowerCase(java.util.Locale.ROOT)) {
            case "b" -> "bis";
            case "t" -> "ter";
            case "q" -> "quater";
            case "c" -> "quinquies";
            default -> address.suffix();
        };
        return (address.number() == 0 ? "" : address.number() + suffix + " ") + address.street();
    }
}
