package fr.terrain.ingest;

/**
 * One thing wrong with an input file, located as {@code file:line:column}. Line and column are
 * 1-based; 0 means unknown (a whole-file problem). For CSV the column is the field's position,
 * named in {@code field}.
 */
public record Problem(String file, long line, long column, String field, String message) {

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(file);
        if (line > 0) {
            s.append(':').append(line);
            if (column > 0) {
                s.append(':').append(column);
            }
        }
        s.append(": ");
        if (field != null && !field.isEmpty()) {
            s.append('[').append(field).append("] ");
        }
        return s.append(message).toString();
    }
}
