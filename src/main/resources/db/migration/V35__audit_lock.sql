-- The one row every audit append locks (SELECT … FOR UPDATE) until its transaction ends, so that appends are chained
-- one after the other: two transactions that read the same last entry took the same seq, and one of them failed (a
-- turf given while the same browser listed the volunteers answered 500). Bookkeeping, not data: backups leave it out.
CREATE TABLE audit_lock (
    id INT PRIMARY KEY
);
INSERT INTO audit_lock (id) VALUES (1);
