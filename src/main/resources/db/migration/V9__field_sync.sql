-- Terrain data model, part 9: field sync and progress (issue 7, docs/field.md, docs/adr/0007).
-- "Has another canvasser already recorded this door?" is asked for every outcome received, and
-- progress counts doors across plans: both look outcomes up by door.
CREATE INDEX door_outcome_door ON door_outcome (door_id);
-- retention and erasure find the outcome that names a consent
CREATE INDEX door_outcome_consent ON door_outcome (consent_event_id);
