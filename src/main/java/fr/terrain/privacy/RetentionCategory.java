package fr.terrain.privacy;

/**
 * What a retention rule applies to: the personal data of one source category (an electoral list, members…), or
 * data Terrain makes itself about people whatever their source, such as the opens and clicks its e-mail trackers
 * measure ({@link TrackerData}). Its id is the key of its delay in {@code privacy.properties}
 * ({@code retention.<id>}).
 */
public sealed interface RetentionCategory permits SourceCategory, TrackerData {
    /** The settings and report id: {@code electoral-list}, {@code mail-tracking}. */
    String id();

    /** Its name in French, for pages and reports. */
    String description();
}
