-- A saved turf's talking point with the figures behind it (« taux de pauvreté de 9,9 %, médiane de la
-- ville 7,2 % »), so that the walk list printed from the web says what terrain turfs --pdf says.
ALTER TABLE turf ADD COLUMN topic_evidence VARCHAR(500);
