-- PERSONAL DATA (of the volunteers): every account a turf was taken from, and when, so that each one's phone may still
-- send the doors it knocked for a week after (FieldStore.LATE_SYNC). V20 kept the last holder only: a turf that changed
-- hands twice in a week refused the first holder's offline doors. Goes with the turf (its plan) or the account.
CREATE TABLE turf_past_holder (
    turf_id          BIGINT NOT NULL REFERENCES turf (id) ON DELETE CASCADE,
    user_id          BIGINT NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    held_until       TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (turf_id, user_id)
);
INSERT INTO turf_past_holder (turf_id, user_id, held_until)
    SELECT id, previous_assignee, previous_until FROM turf
    WHERE previous_assignee IS NOT NULL AND previous_until IS NOT NULL;
ALTER TABLE turf DROP COLUMN previous_assignee;
ALTER TABLE turf DROP COLUMN previous_until;
