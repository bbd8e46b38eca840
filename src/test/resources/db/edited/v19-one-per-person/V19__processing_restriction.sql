-- Restriction of processing (GDPR art. 18): a person who contests their data's accuracy, or objects while
-- the objection is examined, may ask that their data be kept but not used. A row here is a restriction in
-- force (lifting it deletes the row; the audit log and the request's report keep the history). One row
-- per person record the restriction covers (the records sharing an e-mail or a phone go together).
CREATE TABLE processing_restriction (
    person_id        BIGINT PRIMARY KEY REFERENCES person (id),
    request_id       BIGINT NOT NULL REFERENCES rights_request (id),
    since            TIMESTAMP NOT NULL,
    created_by       VARCHAR(64) NOT NULL
);

-- A rights request may now be a restriction. The kind's CHECK was declared with its column, unnamed, and
-- H2 and PostgreSQL name such constraints differently: the column is replaced, which drops its CHECK on both.
ALTER TABLE rights_request ADD COLUMN request_kind VARCHAR(20);
UPDATE rights_request SET request_kind = kind;
ALTER TABLE rights_request DROP COLUMN kind;
ALTER TABLE rights_request RENAME COLUMN request_kind TO kind;
ALTER TABLE rights_request ALTER COLUMN kind SET NOT NULL;
ALTER TABLE rights_request ADD CONSTRAINT rights_request_kind
    CHECK (kind IN ('access', 'rectification', 'erasure', 'objection', 'restriction'));
