-- Each commune's name as the BAN spells it (nom_commune), kept by every address import: pages that name a sector
-- read one row here instead of grouping the commune's addresses, and the public sign-up search names every commune
-- with stations without reading the BAN (a national one holds 26 million addresses). Filled from the addresses
-- already imported, as the pages named communes until now.
CREATE TABLE commune_name (
    insee_code VARCHAR(5)   PRIMARY KEY,
    name       VARCHAR(100) NOT NULL
);
INSERT INTO commune_name (insee_code, name)
    SELECT insee_code, MIN(commune) FROM address WHERE commune IS NOT NULL AND commune <> '' GROUP BY insee_code;
