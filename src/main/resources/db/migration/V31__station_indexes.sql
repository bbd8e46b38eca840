-- Stations are read by sector (a commune's stations for its contour on the tracking map, the sectors the public
-- sign-up page offers: SELECT DISTINCT arrondissement) and joined to results by code alone (which vintages hold an
-- election's stations). The primary key (vintage, code) serves neither, so each of these read every row, contours
-- included: after a whole national REU import (69,000 stations) 1 to 7 s a request on H2, 10 to 40 ms with these.
CREATE INDEX station_area ON station (arrondissement);
CREATE INDEX station_code ON station (code);
