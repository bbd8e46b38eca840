-- Audit log of personal-data access and admin actions (PRIVACY.md): append-only, and
-- tamper-evident: each entry's hash covers its content and the previous entry's hash, so an
-- edited, inserted or deleted row breaks the chain (terrain audit verify).
CREATE TABLE audit_entry (
    seq          BIGINT PRIMARY KEY,             -- 1, 2, 3… without gaps
    at           TIMESTAMP NOT NULL,             -- UTC
    actor        VARCHAR(64) NOT NULL,           -- account name, or "system"
    action       VARCHAR(64) NOT NULL,           -- voters.view, voters.export, user.add, retention.run…
    target       VARCHAR(500) NOT NULL,          -- what was touched: a contest, a route, an account
    records      BIGINT NOT NULL,                -- how many personal records it concerned
    detail       VARCHAR(2000) NOT NULL,         -- the query or reason, never the personal data itself
    prev_hash    VARCHAR(64) NOT NULL,
    hash         VARCHAR(64) NOT NULL
);
