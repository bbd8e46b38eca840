-- Terrain data model, part 21: « Corriger la dernière porte » (docs/adr/0020-correcting-a-door.md).
-- A canvasser who mis-tapped corrects the last door she recorded. The outcome already sent stays, for the
-- record, but superseded: progress, targeting and the outcomes export leave it aside. correction_id is the
-- correction's own id made on the phone: a correction resent or duplicated applies once (UNIQUE decides).
ALTER TABLE door_outcome ADD COLUMN superseded_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE door_outcome ADD COLUMN superseded_by BIGINT REFERENCES app_user (id) ON DELETE SET NULL;
ALTER TABLE door_outcome ADD COLUMN correction_id VARCHAR(64) UNIQUE;
