-- Terrain data model, part 29: contours Terrain draws itself where none is published (docs/adr/0028). A station's
-- contour_origin is NULL when its contour came as published (a commune's or the Ville de Paris's file), and
-- 'reu-adresses' when Terrain drew it from the addresses of its electors in INSEE's Répertoire électoral unique: an
-- approximation, shown as such. elector_addresses: the addresses of electors the REU places in the bureau
-- (Σ nb_adresses), not a count of electors.
ALTER TABLE station ADD COLUMN contour_origin VARCHAR(32);
ALTER TABLE station ADD COLUMN elector_addresses INT;
