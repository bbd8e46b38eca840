package fr.terrain.web.map;

import de.siegmar.fastcsv.writer.CsvWriter;
import fr.terrain.atlas.Choropleth;
import fr.terrain.atlas.Counts;
import fr.terrain.atlas.Language;
import fr.terrain.election.PollingStation;
import fr.terrain.election.StationCode;
import fr.terrain.ingest.CsvCell;
import java.io.StringWriter;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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

    /**
     * CSV for a spreadsheet: in French, semicolons and decimal commas (what a French Excel or
     * LibreOffice opens directly), with a byte-order mark; in English, commas and points.
     */
    String csv(Language language) {
        boolean french = language == Language.FR;
        DecimalFormat number = new DecimalFormat("0.##", DecimalFormatSymbols.getInstance(french ? Locale.FRANCE : Locale.UK));
        StringWriter out = new StringWriter();
        if (french) {
            out.write('\uFEFF');
        }
        try (CsvWriter csv = CsvWriter.builder().fieldSeparator(french ? ';' : ',').build(out)) {
            String label = CsvCell.neutral(String.valueOf(indicator.get("label")));
            csv.writeRecord(french
                    ? List.of("bureau", "arrondissement", "lieu de vote", "inscrits", "votants", "participation (%)",
                            "abstentionnistes", "exprimés", label)
                    : List.of("station", "arrondissement", "polling place", "registered", "voters", "turnout (%)",
                            "abstainers", "expressed", label));
            for (Row r : rows) {
                csv.writeRecord(r.code(), String.valueOf(r.arrondissement()), r.place() == null ? "" : CsvCell.neutral(r.place()),
                        format(number, r.registered()), format(number, r.voters()), format(number, r.turnout()),
                        format(number, r.abstention()), format(number, r.expressed()), format(number, r.value()));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toString();
    }

    private static String format(DecimalFormat f, Double v) {
        return v == null ? "" : f.format(v);
    }
}
