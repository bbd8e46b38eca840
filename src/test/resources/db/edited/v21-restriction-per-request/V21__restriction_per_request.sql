-- A restriction of processing is held by each request that asked it (V19 kept one row per person: a second
-- request for a person already restricted recorded nothing, so lifting the first ended both). One row per person
-- record and request; the person stays restricted while any row names them. The table is rebuilt rather than its
-- primary key altered: H2 and PostgreSQL name an unnamed primary key differently.
CREATE TABLE processing_restriction_by_request (
    person_id        BIGINT NOT NULL REFERENCES person (id),
    request_id       BIGINT NOT NULL REFERENCES rights_request (id),
    since            TIMESTAMP NOT NULL,
    created_by       VARCHAR(64) NOT NULL,
    PRIMARY KEY (person_id, request_id)
);
INSERT INTO processing_restriction_by_request (person_id, request_id, since, created_by)
    SELECT person_id, request_id, since, created_by FROM processing_restriction;
DROP TABLE processing_restriction;
ALTER TABLE processing_restriction_by_request RENAME TO processing_restriction;
