package fr.terrain.cli;

/** Who acts when a command is run: the audit log and the ledgers name the system user. */
final class Actor {
    private Actor() {}

    static String cli() {
        String user = System.getProperty("user.name", "?");
        String name = "cli:" + user;
        return name.length() > 64 ? name.substring(0, 64) : name;
    }
}
