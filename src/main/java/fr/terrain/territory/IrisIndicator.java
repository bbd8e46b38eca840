package fr.terrain.territory;

/**
 * One figure of an INSEE table for one IRIS, e.g. {@code DISP_MED18} of Filosofi 2018.
 *
 * @param value the figure, or null when INSEE withholds it (secret statistique)
 */
public record IrisIndicator(String dataset, String irisCode, String indicator, Double value) {
    public IrisIndicator {
        IrisCode.require(irisCode);
        if (dataset == null || dataset.isBlank() || indicator == null || indicator.isBlank()) {
            throw new IllegalArgumentException("un indicateur IRIS doit avoir un jeu de données et un nom");
        }
        if (value != null && (value.isNaN() || value.isInfinite())) {
            throw new IllegalArgumentException("un indicateur doit être un nombre fini");
        }
    }
}
