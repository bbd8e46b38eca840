package fr.terrain.field;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A person's correction of an address the electoral list writes in a way the BAN does not know (a
 * typo in the street, a wrong number): the number and street to match instead. It is keyed by the
 * address as listed ({@link #key}), not by the voter, so it fixes every voter written the same way and
 * applies again when the list is imported anew; the type of street is part of the corrected street.
 *
 * @param number the house number as a list would write it ({@code 12}, {@code 12 bis}), or null for none
 * @param street the street with its type ({@code Rue de Charonne})
 */
public record AddressCorrection(String number, String street) {
    public AddressCorrection {
        number = number == null || number.isBlank() ? null : number.strip();
        if (street == null || street.isBlank()) {
            throw new IllegalArgumentException("la voie corrigée est vide");
        }
        street = street.strip();
        if (street.length() > 200) {
            throw new IllegalArgumentException("voie trop longue (200 caractères au plus)");
        }
        if (number != null && (number.length() > 16 || AddressText.HouseNumber.parse(number) == null)) {
            throw new IllegalArgumentException("numéro illisible : « " + number + " » (par ex. 12, 12 bis, 12-14)");
        }
    }

    /**
     * The listed address's key: commune, postcode, number and street, folded as matching compares them
     * (case, accents, abbreviations, punctuation make no difference); the complement is not part of it.
     */
    public static String key(VoterAddress v) {
        return String.join("|", AddressText.fold(v.communeCode()), AddressText.fold(v.postcode()),
                AddressText.fold(v.number()), AddressText.streetKey(v.streetType(), v.streetName()));
    }

    /** The voter's address with this correction: same voter, station and complement. */
    public VoterAddress apply(VoterAddress v) {
        return new VoterAddress(v.voterId(), v.importId(), v.station(), number, null, street, v.complement(),
                v.postcode(), v.communeCode());
    }

    /** Each voter's address, corrected when a correction is keyed to it. */
    public static List<VoterAddress> applyAll(Collection<VoterAddress> voters, Map<String, AddressCorrection> byKey) {
        List<VoterAddress> out = new ArrayList<>(voters.size());
        for (VoterAddress v : voters) {
            AddressCorrection c = byKey.isEmpty() ? null : byKey.get(key(v));
            out.add(c == null ? v : c.apply(v));
        }
        return out;
    }
}
