package fr.terrain.mail.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.terrain.mail.tracking.SmallCells.Cell;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SmallCellsTest {
    private static Map<String, Integer> cells(Object... sectorsAndCounts) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (int i = 0; i < sectorsAndCounts.length; i += 2) {
            m.put((String) sectorsAndCounts[i], (Integer) sectorsAndCounts[i + 1]);
        }
        return m;
    }

    @Test
    void nineRecipientsAreTooFewAndTenAreShown() {
        assertThat(SmallCells.MIN_RECIPIENTS).isEqualTo(10);
        assertThat(SmallCells.shown(9)).isFalse();
        assertThat(SmallCells.shown(10)).isTrue();
        assertThat(SmallCells.whole(0)).isEqualTo(Cell.TOO_FEW);
        assertThat(SmallCells.whole(1)).isEqualTo(Cell.TOO_FEW);
        assertThat(SmallCells.whole(9)).isEqualTo(Cell.TOO_FEW);
        assertThat(SmallCells.whole(10)).isEqualTo(Cell.SHOWN);
        // one more recipient without a sector: the hidden part (9 + 1) is a group of ten, nothing else to hide
        assertThat(SmallCells.breakdown(cells("11", 9, "12", 10, "13", 11), 31))
                .containsExactly(Map.entry("11", Cell.TOO_FEW), Map.entry("12", Cell.SHOWN), Map.entry("13", Cell.SHOWN));
    }

    @Test
    void theMaskedCellSaysWhyInFrench() {
        assertThat(Cell.TOO_FEW.text()).isEqualTo("moins de 10 destinataires : non affiché (secret statistique)");
        assertThat(Cell.TOO_FEW.id()).isEqualTo("small-cell");
        assertThat(Cell.COMPLEMENT.id()).isEqualTo("complement");
        assertThat(Cell.COMPLEMENT.text()).contains("secret statistique");
        assertThat(Cell.SHOWN.id()).isNull();
    }

    @Test
    void aLoneSmallCellIsNotGivenAwayByTheTotalMinusTheOthers() {
        // 1 + 30 + 12 = 43 = total: without more, 43 − 30 − 12 would be sector 11's single recipient
        assertThat(SmallCells.breakdown(cells("11", 1, "12", 30, "13", 12), 43)).containsExactly(
                Map.entry("11", Cell.TOO_FEW), Map.entry("12", Cell.SHOWN), Map.entry("13", Cell.COMPLEMENT));
    }

    @Test
    void recipientsWithoutACellCountInTheHiddenPart() {
        // 5 recipients without sector and one of 4: a hidden part of 9, still too few, so the smallest shown goes too
        assertThat(SmallCells.breakdown(cells("11", 4, "12", 20, "13", 15), 44)).containsEntry("13", Cell.COMPLEMENT)
                .containsEntry("12", Cell.SHOWN);
        // 6 without sector and one of 4: a hidden part of 10, enough on its own
        assertThat(SmallCells.breakdown(cells("11", 4, "12", 20, "13", 15), 45)).containsEntry("13", Cell.SHOWN)
                .containsEntry("12", Cell.SHOWN).containsEntry("11", Cell.TOO_FEW);
        // no small cell, but 3 recipients without sector: total minus the sectors would be about those 3
        assertThat(SmallCells.breakdown(cells("12", 20, "13", 15), 38)).containsEntry("13", Cell.COMPLEMENT)
                .containsEntry("12", Cell.SHOWN);
        // every recipient in a shown cell: nothing hidden, nothing to protect
        assertThat(SmallCells.breakdown(cells("12", 20, "13", 15), 35)).containsOnly(Map.entry("12", Cell.SHOWN),
                Map.entry("13", Cell.SHOWN));
    }

    @Test
    void complementsAreTakenSmallestFirstUntilTheHiddenPartIsLargeEnough() {
        assertThat(SmallCells.breakdown(cells("1", 1, "2", 10, "3", 10, "4", 50), 71)).containsExactly(
                Map.entry("1", Cell.TOO_FEW), Map.entry("2", Cell.COMPLEMENT), Map.entry("3", Cell.SHOWN),
                Map.entry("4", Cell.SHOWN));
        // two small cells that together make 10: already a group large enough, nothing more to hide
        assertThat(SmallCells.breakdown(cells("1", 6, "2", 4, "3", 10), 20)).containsEntry("3", Cell.SHOWN);
        // the only other cell goes too, and then the whole breakdown says nothing but the total
        assertThat(SmallCells.breakdown(cells("1", 1, "2", 10), 11)).containsExactly(Map.entry("1", Cell.TOO_FEW),
                Map.entry("2", Cell.COMPLEMENT));
    }

    /**
     * What a report publishes of a breakdown: the total and the recipients of the shown cells only (a complement
     * cell's recipients are hidden with its figures). Whatever the cells, the total minus what is published is then
     * nobody or a group of at least ten, never a small cell's number. Publishing a complement's recipients would break
     * it: 1 + 30 + 12 = 43, and 43 − 30 − 12 is the lone recipient again.
     */
    @Test
    void theTotalMinusThePublishedRecipientsIsNeverASmallGroup() {
        java.util.Random random = new java.util.Random(20260315);
        for (int run = 0; run < 5_000; run++) {
            Map<String, Integer> cells = new LinkedHashMap<>();
            int inCells = 0;
            for (int sector = 1, n = 1 + random.nextInt(6); sector <= n; sector++) {
                int recipients = random.nextInt(4) == 0 ? random.nextInt(10) : random.nextInt(40);
                cells.put(Integer.toString(sector), recipients);
                inCells += recipients;
            }
            int total = inCells + (random.nextBoolean() ? 0 : random.nextInt(15));
            Map<String, Cell> shown = SmallCells.breakdown(cells, total);
            if (!SmallCells.shown(total)) {
                assertThat(shown.values()).as(cells + " / " + total).allMatch(c -> c == Cell.TOO_FEW);
                continue;
            }
            long published = cells.entrySet().stream().filter(e -> shown.get(e.getKey()).shown())
                    .mapToLong(Map.Entry::getValue).sum();
            long hidden = total - published;
            assertThat(hidden == 0 || SmallCells.shown(hidden)).as(cells + " / " + total + " → " + shown).isTrue();
        }
        Map<String, Cell> lone = SmallCells.breakdown(cells("11", 1, "12", 30, "13", 12), 43);
        assertThat(43 - 30 - 12).as("with the complement's recipients published").isEqualTo(1);
        assertThat(lone.get("13").shown()).isFalse();
    }

    /** A count of an engaged: segment's people is behaviour: masked under ten, none included; other segments' are not. */
    @Test
    void onlyASegmentChosenByBehaviourHasItsSmallCountMasked() {
        fr.terrain.mail.Segment engaged = fr.terrain.mail.Segment.parse("station:12-7+engaged:7d");
        assertThat(engaged.engaged()).isTrue();
        assertThat(SmallCells.masksCount(engaged, 0)).isTrue();
        assertThat(SmallCells.masksCount(engaged, 9)).isTrue();
        assertThat(SmallCells.masksCount(engaged, 10)).isFalse();
        fr.terrain.mail.Segment station = fr.terrain.mail.Segment.parse("station:12-7+topic:logement");
        assertThat(station.engaged()).isFalse();
        assertThat(SmallCells.masksCount(station, 1)).isFalse();
    }

    @Test
    void aTotalOfTooFewMasksEveryCell() {
        assertThat(SmallCells.breakdown(cells("1", 1, "2", 8), 9)).containsOnly(Map.entry("1", Cell.TOO_FEW),
                Map.entry("2", Cell.TOO_FEW));
    }

    @Test
    void cellsLargerThanTheirTotalAreRefused() {
        assertThatThrownBy(() -> SmallCells.breakdown(cells("1", 12), 11)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SmallCells.breakdown(cells("1", -1), 11)).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * Rates are over the messages that carried tracking (sent with it on, to people who had not refused it). A
     * sector of 20 recipients of which 4 were measured has a rate about 4 people: hidden, and saying why. By hand for
     * the second case: sectors 11 (20 sent, 15 measured), 12 (20, 12), 13 (30, 30); 70 sent, 60 measured, 3 measured
     * out of any sector. Published all: 70 − 70 = 0 sent and 60 − 57 = 3 measured hidden: a small group, so the
     * smallest sector by recipients, 11 (the first among equals), goes: 20 sent and 18 measured hidden.
     */
    @Test
    void aCellWithFewMessagesMeasuredIsHiddenAndSoIsItsComplement() {
        assertThat(SmallCells.whole(40, 4)).isEqualTo(Cell.FEW_MEASURED);
        assertThat(SmallCells.whole(40, 0)).as("sent without tracking: nothing measured, said so").isEqualTo(Cell.SHOWN);
        assertThat(SmallCells.whole(9, 9)).isEqualTo(Cell.TOO_FEW);
        assertThat(SmallCells.whole(40, 10)).isEqualTo(Cell.SHOWN);
        assertThat(SmallCells.breakdown(cells("11", 20, "12", 20, "13", 30), 80, cells("11", 4, "12", 20, "13", 30), 64))
                .containsExactly(Map.entry("11", Cell.FEW_MEASURED), Map.entry("12", Cell.SHOWN),
                        Map.entry("13", Cell.SHOWN));
        assertThat(Cell.FEW_MEASURED.id()).isEqualTo("few-measured");
        assertThat(Cell.FEW_MEASURED.text()).startsWith("moins de 10 messages mesurés");
        assertThat(SmallCells.breakdown(cells("11", 20, "12", 20, "13", 30), 73, cells("11", 15, "12", 12, "13", 30), 60))
                .containsExactly(Map.entry("11", Cell.COMPLEMENT), Map.entry("12", Cell.SHOWN),
                        Map.entry("13", Cell.SHOWN));
        assertThatThrownBy(() -> SmallCells.breakdown(cells("1", 12), 12, cells("1", 13), 13))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** As {@link #theTotalMinusThePublishedRecipientsIsNeverASmallGroup}, in both counts: sent and measured. */
    @Test
    void theTotalsMinusThePublishedCellsAreNeverASmallGroupInEitherCount() {
        java.util.Random random = new java.util.Random(20261201);
        for (int run = 0; run < 5_000; run++) {
            Map<String, Integer> sent = new LinkedHashMap<>();
            Map<String, Integer> measured = new LinkedHashMap<>();
            int inCells = 0;
            int measuredInCells = 0;
            for (int sector = 1, n = 1 + random.nextInt(6); sector <= n; sector++) {
                int recipients = random.nextInt(4) == 0 ? random.nextInt(10) : random.nextInt(40);
                int m = random.nextBoolean() ? recipients : random.nextInt(recipients + 1);
                sent.put(Integer.toString(sector), recipients);
                measured.put(Integer.toString(sector), m);
                inCells += recipients;
                measuredInCells += m;
            }
            int outside = random.nextBoolean() ? 0 : random.nextInt(15);
            int total = inCells + outside;
            int measuredTotal = measuredInCells + random.nextInt(outside + 1);
            Map<String, Cell> shown = SmallCells.breakdown(sent, total, measured, measuredTotal);
            String what = sent + " " + measured + " / " + total + ", " + measuredTotal + " → " + shown;
            if (!SmallCells.whole(total, measuredTotal).shown()) { // the report shows no figure: no cell either
                assertThat(shown.values()).as(what).noneMatch(Cell::shown);
                continue;
            }
            long hidden = total - sent.entrySet().stream().filter(e -> shown.get(e.getKey()).shown())
                    .mapToLong(Map.Entry::getValue).sum();
            long hiddenMeasured = measuredTotal - measured.entrySet().stream().filter(e -> shown.get(e.getKey()).shown())
                    .mapToLong(Map.Entry::getValue).sum();
            assertThat(hidden == 0 || SmallCells.shown(hidden)).as(what).isTrue();
            assertThat(hiddenMeasured == 0 || SmallCells.shown(hiddenMeasured)).as(what).isTrue();
            assertThat(shown).as(what).allSatisfy((k, c) -> assertThat(!c.shown() || SmallCells.shown(measured.get(k))).isTrue());
        }
    }
}
