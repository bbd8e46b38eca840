-- A turf taken from a canvasser while they were offline: the doors they recorded before it was taken are
-- still theirs to send (the visits happened). The last holder and the moment they stopped holding it.
ALTER TABLE turf ADD COLUMN previous_assignee BIGINT REFERENCES app_user (id) ON DELETE SET NULL;
ALTER TABLE turf ADD COLUMN previous_until TIMESTAMP WITH TIME ZONE;
