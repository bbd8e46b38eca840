package fr.terrain.privacy;

/**
 * Personal data that Terrain's trackers collect about people, whatever the source of their address: their life is
 * limited on its own (CNIL, guidance on trackers), not by the source category of the person's record.
 */
public enum TrackerData implements RetentionCategory {
    /** Opens and clicks of campaign e-mails ({@code mail_event}): the pixel and tracked links (docs/mail.md). */
    MAIL_TRACKING("mail-tracking", "suivi des courriels (ouvertures et clics mesurés)");

    private final String id;
    private final String description;

    TrackerData(String id, String description) {
        this.id = id;
        this.description = description;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String description() {
        return description;
    }
}
