package fr.terrain.web.map;

import fr.terrain.atlas.Choropleth;
import fr.terrain.atlas.Counts;
import fr.terrain.atlas.Indicator;
import fr.terrain.atlas.Language;
import fr.terrain.election.PollingStation;
import fr.terrain.election.StationCode;
import fr.terrain.web.Spreadsheet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The map's figures as a table: one row per station shown. */
record Table(Map<String, Object> indicator, List<Row> rows) {

    record Row(String code, int arrondissement, String place, Double registered, Double voters, Double turnout,
            Double abstention, Double expressed, Double value) {}

    static Table of(MapQuery q) {
        Choropleth c = Choropleth.of(q.indicator(), q.inputs(), q.comparisonInputs());
        List<Row> rows = new ArrayList<>();
        for (StationCode code : q.stations()) {
            Counts n = q.round().counts().get(code);
            String place = q.layer().map(l -> l.stations.get(code)).map(PollingStation::placeName).orElse(null);
            rows.add(new Row(code.toString(), code.arrondissement(), place,
                    n == null ? null : n.registered(), n == null ? null : n.voters(),
                    n == null || n.registered() == 0 ? null : MapRoutes.round(100 * n.voters() / n.registered()),
                    n == null ? null : Math.max(0, n.registered() - n.voters()), n == null ? null : n.expressed(),
                    MapRoutes.round(c.values().get(code))));
        }
        return new Table(MapRoutes.meta(q, c), rows);
    }

    /** The indicators the table's own columns already give (for the round itself, without a comparison). */
    private static final java.util.Set<String> COLUMNS = java.util.stream.Stream.of(Indicator.FromResult.REGISTERED,
            Indicator.FromResult.VOTERS, Indicator.FromResult.TURNOUT, Indicator.FromResult.ABSTENTION)
            .map(Indicator::id).collect(java.util.stream.Collectors.toUnmodifiableSet());

    /**
     * CSV for a spreadsheet ({@link Spreadsheet}: French or English conventions): the counts, then the map's indicator
     * — unless one of those columns already gives it (with the default indicator, the turnout came twice).
     */
    String csv(Language language) {
        boolean shown = !(COLUMNS.contains(String.valueOf(indicator.get("id"))) && indicator.get("comparison") == null);
        List<String> header = new ArrayList<>(language == Language.FR
                ? List.of("bureau", "arrondissement", "lieu de vote", "inscrits", "votants", "participation (%)",
                        "abstentionnistes", "exprimés")
                : List.of("station", "arrondissement", "polling place", "registered", "voters", "turnout (%)",
                        "abstainers", "expressed"));
        if (shown) {
            header.add(String.valueOf(indicator.get("label")));
        }
        List<List<Object>> cells = new ArrayList<>();
        for (Row r : rows) {
            List<Object> row = new ArrayList<>(java.util.Arrays.asList(r.code(), r.arrondissement(), r.place(),
                    r.registered(), r.voters(), r.turnout(), r.abstention(), r.expressed()));
            if (shown) {
                row.add(r.value());
            }
            cells.add(row);
        }
        return Spreadsheet.csv(language, header, cells);
    }
}
