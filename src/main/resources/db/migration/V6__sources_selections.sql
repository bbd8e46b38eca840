-- Terrain data model, part 6: the complete source declaration of an import, and the index the
-- lawful selections on the electoral list use (contest, polling station).

-- A commercial file (rented or bought) is usable only with a consent naming political use, per
-- channel; the provider's contact and the channels the consent covers are kept with the import.
ALTER TABLE import_log ADD COLUMN provider_contact VARCHAR(300);
ALTER TABLE import_log ADD COLUMN consent_channels VARCHAR(200);  -- email,sms: channels the consent covers

CREATE INDEX voter_station ON voter (contest, station_code);
