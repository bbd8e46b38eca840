package fr.terrain.cli;

/** Who the audit log names for a command run at a terminal: the operating-system account behind it. */
final class Actor {
    private Actor() {}

    /** {@code cli:claire}: the command line has no sign-in, so the system user answers for it. */
    static String current() {
        String user = System.getProperty("user.name", "?");
        String actor = "cli:" + (user.isBlank() ? "?" : user);
        return actor.length() <= 64 ? actor : actor.substring(0, 64);
    }
}
