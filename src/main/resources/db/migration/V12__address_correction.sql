-- Corrections of how an electoral list writes an address, made by a person on the page of unmatched
-- records (/adresses/non-rapprochees). Keyed by the listed address itself (commune, postcode, number and
-- street as the list writes them, folded: field.AddressCorrection.key), not by the voter: it holds no
-- identity, it fixes every voter written the same way (a household), and it applies again when the list
-- is imported anew. The voters it applies to are found by matching, never stored here.
CREATE TABLE address_correction (
    listed_key       VARCHAR(400) NOT NULL PRIMARY KEY,
    commune_code     VARCHAR(5),
    postcode         VARCHAR(10),
    listed_number    VARCHAR(16),
    listed_type      VARCHAR(50),
    listed_street    VARCHAR(200),
    address_number   VARCHAR(16),
    street           VARCHAR(200) NOT NULL,
    corrected_by     VARCHAR(100) NOT NULL,
    corrected_at     TIMESTAMP NOT NULL
);
