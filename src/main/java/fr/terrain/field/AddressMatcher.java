package fr.terrain.field;

import fr.terrain.field.AddressText.HouseNumber;
import fr.terrain.field.Match.Quality;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Finds the BAN address of a voter's address: streets compared by {@link AddressText#streetKey}
 * (types, abbreviations, accents, case, articles, punctuation), then the number with its
 * repetition index; a range {@code 12-14} takes the first of its numbers the BAN has, a
 * {@code 12 bis} the BAN lacks falls back to {@code 12}. A street name found in several communes
 * is resolved by the list's postcode or commune code. Rules: docs/field.md.
 */
public final class AddressMatcher {
    /** A street of one commune: its addresses by number and repetition index. */
    private record Street(String inseeCode, String postcode, Map<String, Address> byNumber) {}

    private final Map<String, List<Street>> streets = new HashMap<>();

    private AddressMatcher() {}

    /** Whether no address was given: every voter would go unmatched. */
    public boolean isEmpty() {
        return streets.isEmpty();
    }

    public static AddressMatcher of(Collection<Address> addresses) {
        AddressMatcher m = new AddressMatcher();
        Map<String, Street> byCommuneAndKey = new HashMap<>();
        for (Address a : addresses) {
            String key = AddressText.streetKey(null, a.street());
            if (key.isEmpty()) {
                continue;
            }
            Street s = byCommuneAndKey.computeIfAbsent(a.inseeCode() + '|' + key, k -> {
                Street created = new Street(a.inseeCode(), a.postcode(), new HashMap<>());
                m.streets.computeIfAbsent(key, x -> new ArrayList<>()).add(created);
                return created;
            });
            s.byNumber().putIfAbsent(numberKey(a.number(), AddressText.banSuffix(a.suffix())), a);
        }
        return m;
    }

    private static String numberKey(int number, String suffix) {
        return suffix == null ? Integer.toString(number) : number + suffix;
    }

    public Match match(VoterAddress v) {
        String key = AddressText.streetKey(v.streetType(), v.streetName());
        if (key.isEmpty()) {
            return new Match(v, null, Quality.NO_ADDRESS);
        }
        Street street = street(key, v);
        if (street == null) {
            return new Match(v, null, Quality.UNKNOWN_STREET);
        }
        HouseNumber n = HouseNumber.parse(v.number());
        if (n == null) {
            // a street without number (a place, a villa with one entrance): the BAN's number-less point if any
            Address a = street.byNumber().get("0");
            return a == null ? new Match(v, null, Quality.UNKNOWN_NUMBER) : new Match(v, a, Quality.EXACT);
        }
        Address exact = street.byNumber().get(numberKey(n.number(), n.suffix()));
        if (exact != null) {
            return new Match(v, exact, n.last() == n.number() ? Quality.EXACT : Quality.RANGE);
        }
        if (n.suffix() != null) {
            Address plain = street.byNumber().get(Integer.toString(n.number()));
            if (plain != null) {
                return new Match(v, plain, Quality.WITHOUT_SUFFIX);
            }
        }
        // 12-14 is one building on two numbers of the same side: try 14 (and 13 for a 12-13 written oddly)
        for (int k = n.number() + 1; k <= n.last(); k++) {
            Address other = street.byNumber().get(Integer.toString(k));
            if (other != null) {
                return new Match(v, other, Quality.RANGE);
            }
        }
        return new Match(v, null, Quality.UNKNOWN_NUMBER);
    }

    private Street street(String key, VoterAddress v) {
        List<Street> candidates = streets.get(key);
        if (candidates == null) {
            return null;
        }
        if (candidates.size() == 1) {
            // the only street of that name, when it is where the list says (a misspelt street of Concarneau that reads
            // as a street of Paris is not that street)
            Street only = candidates.get(0);
            return sameDepartment(only, v) ? only : null;
        }
        for (Street s : candidates) {
            if (Objects.equals(s.inseeCode(), v.communeCode()) || (v.postcode() != null
                    && Objects.equals(s.postcode(), v.postcode()))) {
                return s;
            }
        }
        // Paris lists carry the city's code (75056): the postcode names the arrondissement (75012 → 75112)
        if (v.postcode() != null && v.postcode().matches("75\\d{3}")) {
            String insee = "751" + v.postcode().substring(3);
            for (Street s : candidates) {
                if (s.inseeCode().equals(insee)) {
                    return s;
                }
            }
        }
        return null;
    }

    /**
     * Whether the street is in the département the list's commune code or postcode names, or the list names none. Not
     * the commune: lists can still carry a commune's code from before it merged into a « commune nouvelle » (or the
     * city's 75056 for an arrondissement), whereas a street of the same name in another département is another street.
     */
    private static boolean sameDepartment(Street s, VoterAddress v) {
        boolean byCommune = v.communeCode() != null && v.communeCode().length() >= 2;
        boolean byPostcode = v.postcode() != null && v.postcode().length() >= 2;
        if (!byCommune && !byPostcode) {
            return true;
        }
        return byCommune && s.inseeCode() != null && s.inseeCode().startsWith(v.communeCode().substring(0, 2))
                || byPostcode && s.postcode() != null && s.postcode().startsWith(v.postcode().substring(0, 2));
    }

    /** Matches every voter, in order. */
    public List<Match> matchAll(Collection<VoterAddress> voters) {
        List<Match> out = new ArrayList<>(voters.size());
        for (VoterAddress v : voters) {
            out.add(match(v));
        }
        return out;
    }
}
