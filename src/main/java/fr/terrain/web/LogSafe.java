package fr.terrain.web;

import java.util.regex.Pattern;

/**
 * What the server's log may say of a failure: its causes on one line and their stacks, without the e-mail addresses a
 * mail server or a database quotes in its replies (« 550 5.1.1 &lt;x@y&gt;: Recipient address rejected »). The log is read by whoever
 * runs the server, not only by the data's controllers (PRIVACY.md).
 */
final class LogSafe {
    private static final Pattern EMAIL = Pattern.compile("[^\\s<>\"'(),;:\\[\\]]+@[^\\s<>\"'(),;:\\[\\]]+");

    private LogSafe() {}

    /** Each cause's class and message, outermost first, addresses replaced by {@code …@…}. */
    static String describe(Throwable e) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (!out.isEmpty()) {
                out.append(" ← ");
            }
            out.append(t.getClass().getSimpleName());
            if (t.getMessage() != null) {
                out.append(": ").append(t.getMessage().replaceAll("\\s+", " ").strip());
            }
        }
        return EMAIL.matcher(out).replaceAll("…@…");
    }

    /** Where {@code e} and its causes happened: their stacks, each headed by its class alone, messages left out. */
    static Throwable trace(Throwable e) {
        Throwable cause = e.getCause() == null || e.getCause() == e ? null : trace(e.getCause());
        Throwable t = new Throwable(e.getClass().getName(), cause, false, true) {
            @Override
            public String toString() {
                return getMessage();
            }
        };
        t.setStackTrace(e.getStackTrace());
        return t;
    }
}
