package fr.terrain.ingest;

/** Where a long import reports how far it is; the CLI draws a bar on a terminal, log lines otherwise. */
public interface Progress {
    /** A new phase, with its size in bytes (or -1 when unknown). */
    void start(String label, long total);

    /** A new phase counted in {@code unit} (« communes ») instead of bytes. */
    default void start(String label, long total, String unit) {
        start(label, total);
    }

    void update(long done);

    void finish();

    Progress NONE = new Progress() {
        @Override
        public void start(String label, long total) {}

        @Override
        public void update(long done) {}

        @Override
        public void finish() {}
    };
}
