package fr.terrain.ingest;

import fr.terrain.election.Election;
import fr.terrain.election.StationResult;

/** Station counts passed from the thread reading a results file to the thread writing them. */
final class CountHandoff extends Handoff<CountHandoff.Count> implements ResultsFormat.EarlyCounts {
    /** One station's count in the election its round resolved to when it was handed over. */
    record Count(Election election, StationResult count) {}

    CountHandoff() {
        super(128, 32);
    }

    /** Reading thread: one more count. */
    @Override
    public void station(Election election, StationResult count) {
        add(new Count(election, count));
    }
}
