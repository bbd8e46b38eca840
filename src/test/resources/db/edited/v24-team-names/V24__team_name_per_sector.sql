-- A team's name is unique within its arrondissement, no longer across the city: an organizer of the 20th who
-- names a team « Bel-Air » must not learn that the 12th already has one (docs/field.md, "Volunteers"). The
-- column is copied rather than its constraint dropped, because H2 and PostgreSQL name that constraint differently.
ALTER TABLE team ADD COLUMN team_name VARCHAR(100);
UPDATE team SET team_name = name;
ALTER TABLE team DROP COLUMN name;
ALTER TABLE team RENAME COLUMN team_name TO name;
ALTER TABLE team ALTER COLUMN name SET NOT NULL;
ALTER TABLE team ADD CONSTRAINT team_name_in_sector UNIQUE (arrondissement, name);
