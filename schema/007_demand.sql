-- tolkreg schema 7: the demand Tolkemonitor reports, kept per month.
-- SPRÅK and LOV read these tables instead of every assignment of the
-- period: each assignment adds to the row of the Europe/Oslo month it
-- starts in, and the triggers below move its contribution in the same
-- transaction as every change to it (or to the sector or county it is
-- counted under). Reporting periods are whole Oslo months, so a
-- period's figures are the sums of its months' rows. A row whose
-- counters would all be zero is removed: the tables hold no empty
-- groups.
--
-- The Oslo month of an instant, in plain SQL (the triggers must work
-- wherever the database is written, the sqlite3 shell included): Oslo
-- is UTC+1, UTC+2 from the last Sunday of March to the last Sunday of
-- October (01:00 UTC both). Only the last two hours of a UTC month can
-- fall in the next Oslo month, and at the end of the UTC months March
-- to September summer time is always in force, at the end of October
-- to February never, so the offset can be chosen by the UTC month:
--   CAST(strftime('%Y%m', t, 'unixepoch', CASE WHEN
--       CAST(strftime('%m', t, 'unixepoch') AS INTEGER) BETWEEN 3 AND 9
--       THEN '+2 hours' ELSE '+1 hours' END) AS INTEGER)
-- gives YYYYMM (tests/check_demand.c holds it to the C clock).

-- SPRÅK: not-cancelled assignments by month, language, sector (the
-- assignment's, else its body's) and the county of the body.
CREATE TABLE demand_lang (
	month		INTEGER NOT NULL,	-- YYYYMM, Europe/Oslo
	lang		TEXT NOT NULL,
	sector		TEXT NOT NULL,
	county		TEXT NOT NULL,
	requests	INTEGER NOT NULL,	-- not cancelled
	filled		INTEGER NOT NULL,	-- booked or completed
	qualified	INTEGER NOT NULL,	-- filled, with a category
	cat_a		INTEGER NOT NULL,	-- filled, by category
	cat_b		INTEGER NOT NULL,
	cat_c		INTEGER NOT NULL,
	cat_d		INTEGER NOT NULL,
	cat_e		INTEGER NOT NULL,
	unfilled	INTEGER NOT NULL,
	remote		INTEGER NOT NULL,	-- filled, remotely
	minutes		INTEGER NOT NULL,	-- ordered, of the requests
	PRIMARY KEY (month, lang, sector, county)
) WITHOUT ROWID;

-- LOV: assignments by month, body, sector (the assignment's, else its
-- body's) and provider ("tolkreg" for work booked in tolkreg). Only
-- assignments that count for LOV have a row: completed, unfilled or
-- with a child interpreting.
CREATE TABLE demand_body (
	month		INTEGER NOT NULL,	-- YYYYMM, Europe/Oslo
	body		TEXT NOT NULL,
	sector		TEXT NOT NULL,
	provider	TEXT NOT NULL,
	completed	INTEGER NOT NULL,
	qualified	INTEGER NOT NULL,	-- completed, with a category
	exc_wait	INTEGER NOT NULL,	-- completed, by § 7 exception
	exc_emergency	INTEGER NOT NULL,
	exc_other	INTEGER NOT NULL,
	exc_none	INTEGER NOT NULL,
	child_used	INTEGER NOT NULL,	-- in any state
	unfilled	INTEGER NOT NULL,
	remote		INTEGER NOT NULL,	-- completed, remotely
	PRIMARY KEY (month, body, sector, provider)
) WITHOUT ROWID;

-- One assignment as the tables count it: its Oslo month, the groups it
-- falls in and its figures, each 0 or 1 (minutes apart). The only place
-- the counting rules are written.
CREATE VIEW demand_row AS
SELECT r.id AS id, r.body AS body,
    CAST(strftime('%Y%m', r.start, 'unixepoch', CASE WHEN
    CAST(strftime('%m', r.start, 'unixepoch') AS INTEGER) BETWEEN 3 AND 9
    THEN '+2 hours' ELSE '+1 hours' END) AS INTEGER) AS month,
    r.lang AS lang, coalesce(r.sector, b.sector) AS sector,
    m.county AS county, coalesce(r.provider, 'tolkreg') AS provider,
    r.state <> 'cancelled' AS requested,
    r.state IN ('completed', 'booked') AS filled,
    r.state = 'completed' AS completed,
    r.state = 'unfilled' AS unfilled,
    r.category AS category, r.exception AS exception,
    r.child_used IS 1 AS child_used,
    coalesce(r.remote, r.modality <> 'onsite') AS remote,
    r.minutes AS minutes
FROM request r JOIN body b ON b.orgnr = r.body
    JOIN municipality m ON m.code = b.municipality;

-- What an assignment adds to demand_lang (the not cancelled) ...
CREATE VIEW demand_lang_of AS
SELECT id, body, month, lang, sector, county, 1 AS requests, filled,
    filled AND category IS NOT NULL AS qualified,
    filled AND category IS 'A' AS cat_a, filled AND category IS 'B' AS cat_b,
    filled AND category IS 'C' AS cat_c, filled AND category IS 'D' AS cat_d,
    filled AND category IS 'E' AS cat_e, unfilled,
    filled AND remote AS remote, minutes
FROM demand_row WHERE requested;

-- ... and to demand_body (those that count for LOV).
CREATE VIEW demand_body_of AS
SELECT id, body, month, sector, provider, completed,
    completed AND category IS NOT NULL AS qualified,
    completed AND exception IS 'not-justifiable-to-wait' AS exc_wait,
    completed AND exception IS 'emergency' AS exc_emergency,
    completed AND exception IS 'other-strong-reasons' AS exc_other,
    completed AND exception IS 'none-qualified' AS exc_none,
    child_used, unfilled, completed AND remote AS remote
FROM demand_row WHERE completed OR unfilled OR child_used;

-- Every change to the tables is a row of signed counts inserted into one
-- of these views: added to its group, and a group a subtraction left
-- with nothing is removed.
CREATE VIEW demand_lang_delta AS SELECT * FROM demand_lang WHERE 0;
CREATE TRIGGER demand_lang_delta_i INSTEAD OF INSERT ON demand_lang_delta
BEGIN
	INSERT INTO demand_lang VALUES (NEW.month, NEW.lang, NEW.sector,
	    NEW.county, NEW.requests, NEW.filled, NEW.qualified, NEW.cat_a,
	    NEW.cat_b, NEW.cat_c, NEW.cat_d, NEW.cat_e, NEW.unfilled,
	    NEW.remote, NEW.minutes)
	ON CONFLICT (month, lang, sector, county) DO UPDATE SET
	    requests = requests + excluded.requests,
	    filled = filled + excluded.filled,
	    qualified = qualified + excluded.qualified,
	    cat_a = cat_a + excluded.cat_a, cat_b = cat_b + excluded.cat_b,
	    cat_c = cat_c + excluded.cat_c, cat_d = cat_d + excluded.cat_d,
	    cat_e = cat_e + excluded.cat_e,
	    unfilled = unfilled + excluded.unfilled,
	    remote = remote + excluded.remote,
	    minutes = minutes + excluded.minutes;
	DELETE FROM demand_lang WHERE NEW.requests < 0 AND
	    month = NEW.month AND lang = NEW.lang AND sector = NEW.sector AND
	    county = NEW.county AND requests = 0;
END;

CREATE VIEW demand_body_delta AS SELECT * FROM demand_body WHERE 0;
CREATE TRIGGER demand_body_delta_i INSTEAD OF INSERT ON demand_body_delta
BEGIN
	INSERT INTO demand_body VALUES (NEW.month, NEW.body, NEW.sector,
	    NEW.provider, NEW.completed, NEW.qualified, NEW.exc_wait,
	    NEW.exc_emergency, NEW.exc_other, NEW.exc_none, NEW.child_used,
	    NEW.unfilled, NEW.remote)
	ON CONFLICT (month, body, sector, provider) DO UPDATE SET
	    completed = completed + excluded.completed,
	    qualified = qualified + excluded.qualified,
	    exc_wait = exc_wait + excluded.exc_wait,
	    exc_emergency = exc_emergency + excluded.exc_emergency,
	    exc_other = exc_other + excluded.exc_other,
	    exc_none = exc_none + excluded.exc_none,
	    child_used = child_used + excluded.child_used,
	    unfilled = unfilled + excluded.unfilled,
	    remote = remote + excluded.remote;
	DELETE FROM demand_body WHERE (NEW.completed < 0 OR
	    NEW.unfilled < 0 OR NEW.child_used < 0) AND month = NEW.month AND
	    body = NEW.body AND sector = NEW.sector AND
	    provider = NEW.provider AND completed = 0 AND unfilled = 0 AND
	    child_used = 0;
END;

-- The assignments there are now.
INSERT INTO demand_lang SELECT month, lang, sector, county, sum(requests),
    sum(filled), sum(qualified), sum(cat_a), sum(cat_b), sum(cat_c),
    sum(cat_d), sum(cat_e), sum(unfilled), sum(remote), sum(minutes)
FROM demand_lang_of GROUP BY month, lang, sector, county;
INSERT INTO demand_body SELECT month, body, sector, provider,
    sum(completed), sum(qualified), sum(exc_wait), sum(exc_emergency),
    sum(exc_other), sum(exc_none), sum(child_used), sum(unfilled),
    sum(remote)
FROM demand_body_of GROUP BY month, body, sector, provider;

-- An assignment's contribution goes in when it is written and comes out
-- before it is changed or deleted (BEFORE triggers still see the old
-- row); a change that moves it nowhere takes it out and puts it back.
CREATE TRIGGER demand_request_i AFTER INSERT ON request
BEGIN
	INSERT INTO demand_lang_delta SELECT month, lang, sector, county,
	    requests, filled, qualified, cat_a, cat_b, cat_c, cat_d, cat_e,
	    unfilled, remote, minutes FROM demand_lang_of WHERE id = NEW.id;
	INSERT INTO demand_body_delta SELECT month, body, sector, provider,
	    completed, qualified, exc_wait, exc_emergency, exc_other,
	    exc_none, child_used, unfilled, remote
	    FROM demand_body_of WHERE id = NEW.id;
END;

CREATE TRIGGER demand_request_d BEFORE DELETE ON request
BEGIN
	INSERT INTO demand_lang_delta SELECT month, lang, sector, county,
	    -requests, -filled, -qualified, -cat_a, -cat_b, -cat_c, -cat_d,
	    -cat_e, -unfilled, -remote, -minutes
	    FROM demand_lang_of WHERE id = OLD.id;
	INSERT INTO demand_body_delta SELECT month, body, sector, provider,
	    -completed, -qualified, -exc_wait, -exc_emergency, -exc_other,
	    -exc_none, -child_used, -unfilled, -remote
	    FROM demand_body_of WHERE id = OLD.id;
END;

CREATE TRIGGER demand_request_out BEFORE UPDATE OF start, lang, body,
    sector, provider, state, category, remote, modality, minutes,
    exception, child_used ON request
BEGIN
	INSERT INTO demand_lang_delta SELECT month, lang, sector, county,
	    -requests, -filled, -qualified, -cat_a, -cat_b, -cat_c, -cat_d,
	    -cat_e, -unfilled, -remote, -minutes
	    FROM demand_lang_of WHERE id = OLD.id;
	INSERT INTO demand_body_delta SELECT month, body, sector, provider,
	    -completed, -qualified, -exc_wait, -exc_emergency, -exc_other,
	    -exc_none, -child_used, -unfilled, -remote
	    FROM demand_body_of WHERE id = OLD.id;
END;

CREATE TRIGGER demand_request_in AFTER UPDATE OF start, lang, body,
    sector, provider, state, category, remote, modality, minutes,
    exception, child_used ON request
BEGIN
	INSERT INTO demand_lang_delta SELECT month, lang, sector, county,
	    requests, filled, qualified, cat_a, cat_b, cat_c, cat_d, cat_e,
	    unfilled, remote, minutes FROM demand_lang_of WHERE id = NEW.id;
	INSERT INTO demand_body_delta SELECT month, body, sector, provider,
	    completed, qualified, exc_wait, exc_emergency, exc_other,
	    exc_none, child_used, unfilled, remote
	    FROM demand_body_of WHERE id = NEW.id;
END;

-- A body that changes sector or municipality (rare) takes all its
-- assignments out before and puts them back after: those without a
-- sector of their own follow it, and all of them its county.
CREATE TRIGGER demand_body_out BEFORE UPDATE OF sector, municipality ON body
BEGIN
	INSERT INTO demand_lang_delta SELECT month, lang, sector, county,
	    -sum(requests), -sum(filled), -sum(qualified), -sum(cat_a),
	    -sum(cat_b), -sum(cat_c), -sum(cat_d), -sum(cat_e),
	    -sum(unfilled), -sum(remote), -sum(minutes)
	    FROM demand_lang_of WHERE body = OLD.orgnr
	    GROUP BY month, lang, sector, county;
	INSERT INTO demand_body_delta SELECT month, body, sector, provider,
	    -sum(completed), -sum(qualified), -sum(exc_wait),
	    -sum(exc_emergency), -sum(exc_other), -sum(exc_none),
	    -sum(child_used), -sum(unfilled), -sum(remote)
	    FROM demand_body_of WHERE body = OLD.orgnr
	    GROUP BY month, body, sector, provider;
END;

CREATE TRIGGER demand_body_in AFTER UPDATE OF sector, municipality ON body
BEGIN
	INSERT INTO demand_lang_delta SELECT month, lang, sector, county,
	    sum(requests), sum(filled), sum(qualified), sum(cat_a),
	    sum(cat_b), sum(cat_c), sum(cat_d), sum(cat_e), sum(unfilled),
	    sum(remote), sum(minutes)
	    FROM demand_lang_of WHERE body = NEW.orgnr
	    GROUP BY month, lang, sector, county;
	INSERT INTO demand_body_delta SELECT month, body, sector, provider,
	    sum(completed), sum(qualified), sum(exc_wait), sum(exc_emergency),
	    sum(exc_other), sum(exc_none), sum(child_used), sum(unfilled),
	    sum(remote)
	    FROM demand_body_of WHERE body = NEW.orgnr
	    GROUP BY month, body, sector, provider;
END;

-- A municipality that moves to another county (a reform of the
-- reference data) moves the SPRÅK contributions of the bodies there.
CREATE TRIGGER demand_municipality_out BEFORE UPDATE OF county
    ON municipality
BEGIN
	INSERT INTO demand_lang_delta SELECT month, lang, sector, county,
	    -sum(requests), -sum(filled), -sum(qualified), -sum(cat_a),
	    -sum(cat_b), -sum(cat_c), -sum(cat_d), -sum(cat_e),
	    -sum(unfilled), -sum(remote), -sum(minutes)
	    FROM demand_lang_of WHERE body IN (SELECT orgnr FROM body
	    WHERE municipality = OLD.code)
	    GROUP BY month, lang, sector, county;
END;

CREATE TRIGGER demand_municipality_in AFTER UPDATE OF county
    ON municipality
BEGIN
	INSERT INTO demand_lang_delta SELECT month, lang, sector, county,
	    sum(requests), sum(filled), sum(qualified), sum(cat_a),
	    sum(cat_b), sum(cat_c), sum(cat_d), sum(cat_e), sum(unfilled),
	    sum(remote), sum(minutes)
	    FROM demand_lang_of WHERE body IN (SELECT orgnr FROM body
	    WHERE municipality = NEW.code)
	    GROUP BY month, lang, sector, county;
END;
