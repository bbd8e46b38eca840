-- Blocs of lists ("our side", "neighbours") per election, as the campaign tags them in the web
-- app; the same JSON as a bloc file (docs/targeting.md). Public aggregate data, no person.
CREATE TABLE bloc (
    name         VARCHAR(100) PRIMARY KEY,
    definition   VARCHAR(200000) NOT NULL,   -- {"name": …, "ours": {election: [labels]}, "neighbours": {…}}
    updated_at   TIMESTAMP NOT NULL,
    updated_by   VARCHAR(64) NOT NULL
);
