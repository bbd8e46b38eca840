package fr.terrain.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.terrain.election.Candidacy;
import fr.terrain.election.StationResult.ListVotes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code list_votes} column: a JSON object from candidacy label to votes, in the order of the
 * file ({@code {"M. WEIL Ariel": 107, "Mme RÉMY-LELEU Raphaëlle": 31}}).
 */
final class ListVotesJson {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, String> quoted = new HashMap<>();

    /** Encodes one station's votes; labels are quoted once per import, since they repeat. */
    String encode(List<ListVotes> votes) {
        StringBuilder s = new StringBuilder(votes.size() * 32).append('{');
        for (int i = 0; i < votes.size(); i++) {
            ListVotes v = votes.get(i);
            if (i > 0) {
                s.append(',');
            }
            s.append(quoted.computeIfAbsent(v.list().label(),
                    l -> '"' + new String(JsonStringEncoder.getInstance().quoteAsString(l)) + '"'));
            s.append(':').append(v.votes());
        }
        return s.append('}').toString();
    }

    /** Decodes a station's votes, with each label's candidacy (nuance, panel) when known. */
    static List<ListVotes> decode(String json, Map<String, Candidacy> candidacies) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new StoreException("list_votes is not JSON: " + e.getOriginalMessage());
        }
        List<ListVotes> out = new ArrayList<>(node.size());
        for (var f : node.properties()) {
            out.add(new ListVotes(candidacies.getOrDefault(f.getKey(), Candidacy.named(f.getKey())), f.getValue().asInt()));
        }
        return out;
    }
}
