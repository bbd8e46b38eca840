-- station_result.election_id no longer references election by a foreign key (docs/adr/0003): its only
-- writer, the results import, adds or checks the round first in the same transaction, once per file;
-- the key cost PostgreSQL a trigger call per row, more server time than the rest of a national COPY, and
-- it would forbid writing the counts while the file is still read, before its round is settled.
-- The table is rebuilt because H2 and PostgreSQL name the constraint differently.
CREATE TABLE station_result_before_v15 AS SELECT * FROM station_result;
DROP TABLE station_result;
CREATE TABLE station_result (
    election_id        VARCHAR(64) NOT NULL,     -- election (id), written in the same transaction
    station_code       VARCHAR(16) NOT NULL,
    arrondissement     INT NOT NULL,
    bureau_number      INT NOT NULL,
    registered         INT NOT NULL,             -- inscrits
    voters             INT NOT NULL,             -- votants
    blank              INT,                      -- blancs
    invalid            INT,                      -- nuls
    blank_and_invalid  INT,                      -- blancs + nuls when the source does not separate them
    expressed          INT NOT NULL,             -- suffrages exprimés
    proxies            INT,                      -- procurations
    list_count         INT NOT NULL,             -- lists with a result in this station
    list_votes         VARCHAR(100000) NOT NULL, -- voix: JSON object, candidacy label → votes, in file order
    PRIMARY KEY (election_id, station_code)
);
INSERT INTO station_result (election_id, station_code, arrondissement, bureau_number, registered, voters, blank,
        invalid, blank_and_invalid, expressed, proxies, list_count, list_votes)
    SELECT election_id, station_code, arrondissement, bureau_number, registered, voters, blank, invalid,
        blank_and_invalid, expressed, proxies, list_count, list_votes FROM station_result_before_v15;
DROP TABLE station_result_before_v15;
