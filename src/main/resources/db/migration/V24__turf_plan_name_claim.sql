-- A plan's name is unique among the plans its author sees (V23, FieldStore.savePlan): a scope that depends on the
-- author's sectors, which no constraint can say. A save claims the name here for the length of its transaction (the
-- row is deleted before the commit, so the table stays empty): a second save of the name waits on the key until the
-- first ends, then finds its plan. Different names do not wait for each other.
CREATE TABLE turf_plan_name_claim (
    name VARCHAR(100) PRIMARY KEY
);
