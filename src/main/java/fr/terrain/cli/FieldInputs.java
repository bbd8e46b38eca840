package fr.terrain.cli;

import fr.terrain.election.StationCode;
import fr.terrain.field.AddressCorrection;
import fr.terrain.field.AddressMatcher;
import fr.terrain.field.Match;
import fr.terrain.field.VoterAddress;
import fr.terrain.store.AddressCorrections;
import fr.terrain.store.FieldData;
import fr.terrain.store.Geography;
import fr.terrain.store.Store;
import java.util.Collection;
import java.util.List;

/** What {@code doors} and {@code turfs} read: a contest's voter addresses matched to the BAN. */
final class FieldInputs {
    private FieldInputs() {}

    record Matched(String contest, int addresses, List<Match> matches) {}

    static String contest(Store s, String asked) {
        List<String> contests = FieldData.contests(s);
        if (asked != null) {
            if (!contests.contains(asked)) {
                throw new Terrain.UserError("aucun électeur importé pour « " + asked + " » ; scrutins avec électeurs : "
                        + (contests.isEmpty() ? "aucun (terrain import voters …)" : String.join(", ", contests)));
            }
            return asked;
        }
        if (contests.isEmpty()) {
            throw new Terrain.UserError("aucune liste électorale importée (terrain import voters …, ou terrain demo)");
        }
        return contests.get(0);
    }

    static Matched match(Store s, String askedContest, Collection<StationCode> stations) {
        String contest = contest(s, askedContest);
        var addresses = Geography.addresses(s);
        if (addresses.isEmpty()) {
            throw new Terrain.UserError("aucune adresse BAN importée (terrain import addresses adresses-75.csv)");
        }
        // the corrections made on the page of unmatched records apply first (docs/field.md)
        List<VoterAddress> voters = AddressCorrection.applyAll(FieldData.voterAddresses(s, contest, stations),
                AddressCorrections.all(s));
        return new Matched(contest, addresses.size(), AddressMatcher.of(addresses).matchAll(voters));
    }
}
