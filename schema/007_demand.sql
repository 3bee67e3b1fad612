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

-- The assignments there are now.
INSERT INTO demand_lang (month, lang, sector, county, requests, filled,
    qualified, cat_a, cat_b, cat_c, cat_d, cat_e, unfilled, remote, minutes)
SELECT CAST(strftime('%Y%m', r.start, 'unixepoch', CASE WHEN
    CAST(strftime('%m', r.start, 'unixepoch') AS INTEGER) BETWEEN 3 AND 9
    THEN '+2 hours' ELSE '+1 hours' END) AS INTEGER),
    r.lang, coalesce(r.sector, b.sector), m.county,
    count(*),
    sum(r.state IN ('completed', 'booked')),
    sum(r.state IN ('completed', 'booked') AND r.category IS NOT NULL),
    sum(r.state IN ('completed', 'booked') AND r.category IS 'A'),
    sum(r.state IN ('completed', 'booked') AND r.category IS 'B'),
    sum(r.state IN ('completed', 'booked') AND r.category IS 'C'),
    sum(r.state IN ('completed', 'booked') AND r.category IS 'D'),
    sum(r.state IN ('completed', 'booked') AND r.category IS 'E'),
    sum(r.state = 'unfilled'),
    sum(r.state IN ('completed', 'booked') AND
        coalesce(r.remote, r.modality <> 'onsite')),
    sum(r.minutes)
FROM request r JOIN body b ON b.orgnr = r.body
    JOIN municipality m ON m.code = b.municipality
WHERE r.state <> 'cancelled'
GROUP BY 1, 2, 3, 4;

INSERT INTO demand_body (month, body, sector, provider, completed,
    qualified, exc_wait, exc_emergency, exc_other, exc_none, child_used,
    unfilled, remote)
SELECT CAST(strftime('%Y%m', r.start, 'unixepoch', CASE WHEN
    CAST(strftime('%m', r.start, 'unixepoch') AS INTEGER) BETWEEN 3 AND 9
    THEN '+2 hours' ELSE '+1 hours' END) AS INTEGER),
    r.body, coalesce(r.sector, b.sector), coalesce(r.provider, 'tolkreg'),
    sum(r.state = 'completed'),
    sum(r.state = 'completed' AND r.category IS NOT NULL),
    sum(r.state = 'completed' AND r.exception IS 'not-justifiable-to-wait'),
    sum(r.state = 'completed' AND r.exception IS 'emergency'),
    sum(r.state = 'completed' AND r.exception IS 'other-strong-reasons'),
    sum(r.state = 'completed' AND r.exception IS 'none-qualified'),
    sum(r.child_used IS 1),
    sum(r.state = 'unfilled'),
    sum(r.state = 'completed' AND coalesce(r.remote, r.modality <> 'onsite'))
FROM request r JOIN body b ON b.orgnr = r.body
WHERE r.state IN ('completed', 'unfilled') OR r.child_used IS 1
GROUP BY 1, 2, 3, 4;

-- A new assignment adds its contribution.
CREATE TRIGGER demand_request_i AFTER INSERT ON request
BEGIN
	INSERT INTO demand_lang (month, lang, sector, county, requests,
	    filled, qualified, cat_a, cat_b, cat_c, cat_d, cat_e, unfilled,
	    remote, minutes)
	SELECT CAST(strftime('%Y%m', NEW.start, 'unixepoch', CASE WHEN
	    CAST(strftime('%m', NEW.start, 'unixepoch') AS INTEGER)
	    BETWEEN 3 AND 9 THEN '+2 hours' ELSE '+1 hours' END) AS INTEGER),
	    NEW.lang, coalesce(NEW.sector, b.sector), m.county, 1,
	    NEW.state IN ('completed', 'booked'),
	    NEW.state IN ('completed', 'booked') AND NEW.category IS NOT NULL,
	    NEW.state IN ('completed', 'booked') AND NEW.category IS 'A',
	    NEW.state IN ('completed', 'booked') AND NEW.category IS 'B',
	    NEW.state IN ('completed', 'booked') AND NEW.category IS 'C',
	    NEW.state IN ('completed', 'booked') AND NEW.category IS 'D',
	    NEW.state IN ('completed', 'booked') AND NEW.category IS 'E',
	    NEW.state = 'unfilled',
	    NEW.state IN ('completed', 'booked') AND
	    coalesce(NEW.remote, NEW.modality <> 'onsite'),
	    NEW.minutes
	FROM body b JOIN municipality m ON m.code = b.municipality
	WHERE b.orgnr = NEW.body AND NEW.state <> 'cancelled'
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
	INSERT INTO demand_body (month, body, sector, provider, completed,
	    qualified, exc_wait, exc_emergency, exc_other, exc_none,
	    child_used, unfilled, remote)
	SELECT CAST(strftime('%Y%m', NEW.start, 'unixepoch', CASE WHEN
	    CAST(strftime('%m', NEW.start, 'unixepoch') AS INTEGER)
	    BETWEEN 3 AND 9 THEN '+2 hours' ELSE '+1 hours' END) AS INTEGER),
	    NEW.body, coalesce(NEW.sector, b.sector),
	    coalesce(NEW.provider, 'tolkreg'),
	    NEW.state = 'completed',
	    NEW.state = 'completed' AND NEW.category IS NOT NULL,
	    NEW.state = 'completed' AND
	    NEW.exception IS 'not-justifiable-to-wait',
	    NEW.state = 'completed' AND NEW.exception IS 'emergency',
	    NEW.state = 'completed' AND
	    NEW.exception IS 'other-strong-reasons',
	    NEW.state = 'completed' AND NEW.exception IS 'none-qualified',
	    NEW.child_used IS 1,
	    NEW.state = 'unfilled',
	    NEW.state = 'completed' AND
	    coalesce(NEW.remote, NEW.modality <> 'onsite')
	FROM body b
	WHERE b.orgnr = NEW.body AND (NEW.state IN ('completed', 'unfilled')
	    OR NEW.child_used IS 1)
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
END;

-- A deleted assignment takes its contribution away.
CREATE TRIGGER demand_request_d AFTER DELETE ON request
BEGIN
	INSERT INTO demand_lang (month, lang, sector, county, requests,
	    filled, qualified, cat_a, cat_b, cat_c, cat_d, cat_e, unfilled,
	    remote, minutes)
	SELECT CAST(strftime('%Y%m', OLD.start, 'unixepoch', CASE WHEN
	    CAST(strftime('%m', OLD.start, 'unixepoch') AS INTEGER)
	    BETWEEN 3 AND 9 THEN '+2 hours' ELSE '+1 hours' END) AS INTEGER),
	    OLD.lang, coalesce(OLD.sector, b.sector), m.county, -1,
	    -(OLD.state IN ('completed', 'booked')),
	    -(OLD.state IN ('completed', 'booked') AND
	    OLD.category IS NOT NULL),
	    -(OLD.state IN ('completed', 'booked') AND OLD.category IS 'A'),
	    -(OLD.state IN ('completed', 'booked') AND OLD.category IS 'B'),
	    -(OLD.state IN ('completed', 'booked') AND OLD.category IS 'C'),
	    -(OLD.state IN ('completed', 'booked') AND OLD.category IS 'D'),
	    -(OLD.state IN ('completed', 'booked') AND OLD.category IS 'E'),
	    -(OLD.state = 'unfilled'),
	    -(OLD.state IN ('completed', 'booked') AND
	    coalesce(OLD.remote, OLD.modality <> 'onsite')),
	    -OLD.minutes
	FROM body b JOIN municipality m ON m.code = b.municipality
	WHERE b.orgnr = OLD.body AND OLD.state <> 'cancelled'
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
	DELETE FROM demand_lang WHERE requests = 0 AND
	    OLD.state <> 'cancelled' AND
	    month = CAST(strftime('%Y%m', OLD.start, 'unixepoch', CASE WHEN
	    CAST(strftime('%m', OLD.start, 'unixepoch') AS INTEGER)
	    BETWEEN 3 AND 9 THEN '+2 hours' ELSE '+1 hours' END) AS INTEGER)
	    AND lang = OLD.lang AND sector = (SELECT coalesce(OLD.sector,
	    b.sector) FROM body b WHERE b.orgnr = OLD.body) AND
	    county = (SELECT m.county FROM body b JOIN municipality m ON
	    m.code = b.municipality WHERE b.orgnr = OLD.body);
	INSERT INTO demand_body (month, body, sector, provider, completed,
	    qualified, exc_wait, exc_emergency, exc_other, exc_none,
	    child_used, unfilled, remote)
	SELECT CAST(strftime('%Y%m', OLD.start, 'unixepoch', CASE WHEN
	    CAST(strftime('%m', OLD.start, 'unixepoch') AS INTEGER)
	    BETWEEN 3 AND 9 THEN '+2 hours' ELSE '+1 hours' END) AS INTEGER),
	    OLD.body, coalesce(OLD.sector, b.sector),
	    coalesce(OLD.provider, 'tolkreg'),
	    -(OLD.state = 'completed'),
	    -(OLD.state = 'completed' AND OLD.category IS NOT NULL),
	    -(OLD.state = 'completed' AND
	    OLD.exception IS 'not-justifiable-to-wait'),
	    -(OLD.state = 'completed' AND OLD.exception IS 'emergency'),
	    -(OLD.state = 'completed' AND
	    OLD.exception IS 'other-strong-reasons'),
	    -(OLD.state = 'completed' AND OLD.exception IS 'none-qualified'),
	    -(OLD.child_used IS 1),
	    -(OLD.state = 'unfilled'),
	    -(OLD.state = 'completed' AND
	    coalesce(OLD.remote, OLD.modality <> 'onsite'))
	FROM body b
	WHERE b.orgnr = OLD.body AND (OLD.state IN ('completed', 'unfilled')
	    OR OLD.child_used IS 1)
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
	DELETE FROM demand_body WHERE completed = 0 AND unfilled = 0 AND
	    child_used = 0 AND (OLD.state IN ('completed', 'unfilled') OR
	    OLD.child_used IS 1) AND
	    month = CAST(strftime('%Y%m', OLD.start, 'unixepoch', CASE WHEN
	    CAST(strftime('%m', OLD.start, 'unixepoch') AS INTEGER)
	    BETWEEN 3 AND 9 THEN '+2 hours' ELSE '+1 hours' END) AS INTEGER)
	    AND body = OLD.body AND sector = (SELECT coalesce(OLD.sector,
	    b.sector) FROM body b WHERE b.orgnr = OLD.body) AND
	    provider = coalesce(OLD.provider, 'tolkreg');
END;

-- A change that keeps an assignment in its groups (same start, language,
-- body, sector and provider: booking, completion, cancelling, the
-- category of a report) adds the difference in one step.
CREATE TRIGGER demand_request_u AFTER UPDATE OF start, lang, body, sector,
    provider, state, category, remote, modality, minutes, exception,
    child_used ON request
    WHEN OLD.start = NEW.start AND OLD.lang = NEW.lang AND
    OLD.body = NEW.body AND OLD.sector IS NEW.sector AND
    OLD.provider IS NEW.provider AND (OLD.state <> NEW.state OR
    OLD.category IS NOT NEW.category OR OLD.remote IS NOT NEW.remote OR
    OLD.modality <> NEW.modality OR OLD.minutes <> NEW.minutes OR
    OLD.exception IS NOT NEW.exception OR
    OLD.child_used IS NOT NEW.child_used)
BEGIN
	INSERT INTO demand_lang (month, lang, sector, county, requests,
	    filled, qualified, cat_a, cat_b, cat_c, cat_d, cat_e, unfilled,
	    remote, minutes)
	SELECT CAST(strftime('%Y%m', NEW.start, 'unixepoch', CASE WHEN
	    CAST(strftime('%m', NEW.start, 'unixepoch') AS INTEGER)
	    BETWEEN 3 AND 9 THEN '+2 hours' ELSE '+1 hours' END) AS INTEGER),
	    NEW.lang, coalesce(NEW.sector, b.sector), m.county,
	    (NEW.state <> 'cancelled') - (OLD.state <> 'cancelled'),
	    (NEW.state IN ('completed', 'booked')) -
	    (OLD.state IN ('completed', 'booked')),
	    (NEW.state IN ('completed', 'booked') AND
	    NEW.category IS NOT NULL) -
	    (OLD.state IN ('completed', 'booked') AND
	    OLD.category IS NOT NULL),
	    (NEW.state IN ('completed', 'booked') AND NEW.category IS 'A') -
	    (OLD.state IN ('completed', 'booked') AND OLD.category IS 'A'),
	    (NEW.state IN ('completed', 'booked') AND NEW.category IS 'B') -
	    (OLD.state IN ('completed', 'booked') AND OLD.category IS 'B'),
	    (NEW.state IN ('completed', 'booked') AND NEW.category IS 'C') -
	    (OLD.state IN ('completed', 'booked') AND OLD.category IS 'C'),
	    (NEW.state IN ('completed', 'booked') AND NEW.category IS 'D') -
	    (OLD.state IN ('completed', 'booked') AND OLD.category IS 'D'),
	    (NEW.state IN ('completed', 'booked') AND NEW.category IS 'E') -
	    (OLD.state IN ('completed', 'booked') AND OLD.category IS 'E'),
	    (NEW.state = 'unfilled') - (OLD.state = 'unfilled'),
	    (NEW.state IN ('completed', 'booked') AND
	    coalesce(NEW.remote, NEW.modality <> 'onsite')) -
	    (OLD.state IN ('completed', 'booked') AND
	    coalesce(OLD.remote, OLD.modality <> 'onsite')),
	    (NEW.state <> 'cancelled') * NEW.minutes -
	    (OLD.state <> 'cancelled') * OLD.minutes
	FROM body b JOIN municipality m ON m.code = b.municipality
	WHERE b.orgnr = NEW.body AND (NEW.state <> 'cancelled' OR
	    OLD.state <> 'cancelled')
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
	DELETE FROM demand_lang WHERE requests = 0 AND
	    NEW.state = 'cancelled' AND OLD.state <> 'cancelled' AND
	    month = CAST(strftime('%Y%m', NEW.start, 'unixepoch', CASE WHEN
	    CAST(strftime('%m', NEW.start, 'unixepoch') AS INTEGER)
	    BETWEEN 3 AND 9 THEN '+2 hours' ELSE '+1 hours' END) AS INTEGER)
	    AND lang = NEW.lang AND sector = (SELECT coalesce(NEW.sector,
	    b.sector) FROM body b WHERE b.orgnr = NEW.body) AND
	    county = (SELECT m.county FROM body b JOIN municipality m ON
	    m.code = b.municipality WHERE b.orgnr = NEW.body);
	INSERT INTO demand_body (month, body, sector, provider, completed,
	    qualified, exc_wait, exc_emergency, exc_other, exc_none,
	    child_used, unfilled, remote)
	SELECT CAST(strftime('%Y%m', NEW.start, 'unixepoch', CASE WHEN
	    CAST(strftime('%m', NEW.start, 'unixepoch') AS INTEGER)
	    BETWEEN 3 AND 9 THEN '+2 hours' ELSE '+1 hours' END) AS INTEGER),
	    NEW.body, coalesce(NEW.sector, b.sector),
	    coalesce(NEW.provider, 'tolkreg'),
	    (NEW.state = 'completed') - (OLD.state = 'completed'),
	    (NEW.state = 'completed' AND NEW.category IS NOT NULL) -
	    (OLD.state = 'completed' AND OLD.category IS NOT NULL),
	    (NEW.state = 'completed' AND
	    NEW.exception IS 'not-justifiable-to-wait') -
	    (OLD.state = 'completed' AND
	    OLD.exception IS 'not-justifiable-to-wait'),
	    (NEW.state = 'completed' AND NEW.exception IS 'emergency') -
	    (OLD.state = 'completed' AND OLD.exception IS 'emergency'),
	    (NEW.state = 'completed' AND
	    NEW.exception IS 'other-strong-reasons') -
	    (OLD.state = 'completed' AND
	    OLD.exception IS 'other-strong-reasons'),
	    (NEW.state = 'completed' AND NEW.exception IS 'none-qualified') -
	    (OLD.state = 'completed' AND OLD.exception IS 'none-qualified'),
	    (NEW.child_used IS 1) - (OLD.child_used IS 1),
	    (NEW.state = 'unfilled') - (OLD.state = 'unfilled'),
	    (NEW.state = 'completed' AND
	    coalesce(NEW.remote, NEW.modality <> 'onsite')) -
	    (OLD.state = 'completed' AND
	    coalesce(OLD.remote, OLD.modality <> 'onsite'))
	FROM body b
	WHERE b.orgnr = NEW.body AND (NEW.state IN ('completed', 'unfilled')
	    OR NEW.child_used IS 1 OR OLD.state IN ('completed', 'unfilled')
	    OR OLD.child_used IS 1)
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
	DELETE FROM demand_body WHERE completed = 0 AND unfilled = 0 AND
	    child_used = 0 AND NOT (NEW.state IN ('completed', 'unfilled') OR
	    NEW.child_used IS 1) AND
	    month = CAST(strftime('%Y%m', NEW.start, 'unixepoch', CASE WHEN
	    CAST(strftime('%m', NEW.start, 'unixepoch') AS INTEGER)
	    BETWEEN 3 AND 9 THEN '+2 hours' ELSE '+1 hours' END) AS INTEGER)
	    AND body = NEW.body AND sector = (SELECT coalesce(NEW.sector,
	    b.sector) FROM body b WHERE b.orgnr = NEW.body) AND
	    provider = coalesce(NEW.provider, 'tolkreg');
END;

-- A change of start, language, body, sector or provider (a report
-- brought up to date) moves the contribution: the old one out, the new
-- one in.
CREATE TRIGGER demand_request_m AFTER UPDATE OF start, lang, body, sector,
    provider, state, category, remote, modality, minutes, exception,
    child_used ON request
    WHEN NOT (OLD.start = NEW.start AND OLD.lang = NEW.lang AND
    OLD.body = NEW.body AND OLD.sector IS NEW.sector AND
    OLD.provider IS NEW.provider)
BEGIN
	INSERT INTO demand_lang (month, lang, sector, county, requests,
	    filled, qualified, cat_a, cat_b, cat_c, cat_d, cat_e, unfilled,
	    remote, minutes)
	SELECT CAST(strftime('%Y%m', OLD.start, 'unixepoch', CASE WHEN
	    CAST(strftime('%m', OLD.start, 'unixepoch') AS INTEGER)
	    BETWEEN 3 AND 9 THEN '+2 hours' ELSE '+1 hours' END) AS INTEGER),
	    OLD.lang, coalesce(OLD.sector, b.sector), m.county, -1,
	    -(OLD.state IN ('completed', 'booked')),
	    -(OLD.state IN ('completed', 'booked') AND
	    OLD.category IS NOT NULL),
	    -(OLD.state IN ('completed', 'booked') AND OLD.category IS 'A'),
	    -(OLD.state IN ('completed', 'booked') AND OLD.category IS 'B'),
	    -(OLD.state IN ('completed', 'booked') AND OLD.category IS 'C'),
	    -(OLD.state IN ('completed', 'booked') AND OLD.category IS 'D'),
	    -(OLD.state IN ('completed', 'booked') AND OLD.category IS 'E'),
	    -(OLD.state = 'unfilled'),
	    -(OLD.state IN ('completed', 'booked') AND
	    coalesce(OLD.remote, OLD.modality <> 'onsite')),
	    -OLD.minutes
	FROM body b JOIN municipality m ON m.code = b.municipality
	WHERE b.orgnr = OLD.body AND OLD.state <> 'cancelled'
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
	DELETE FROM demand_lang WHERE requests = 0 AND
	    OLD.state <> 'cancelled' AND
	    month = CAST(strftime('%Y%m', OLD.start, 'unixepoch', CASE WHEN
	    CAST(strftime('%m', OLD.start, 'unixepoch') AS INTEGER)
	    BETWEEN 3 AND 9 THEN '+2 hours' ELSE '+1 hours' END) AS INTEGER)
	    AND lang = OLD.lang AND sector = (SELECT coalesce(OLD.sector,
	    b.sector) FROM body b WHERE b.orgnr = OLD.body) AND
	    county = (SELECT m.county FROM body b JOIN municipality m ON
	    m.code = b.municipality WHERE b.orgnr = OLD.body);
	INSERT INTO demand_lang (month, lang, sector, county, requests,
	    filled, qualified, cat_a, cat_b, cat_c, cat_d, cat_e, unfilled,
	    remote, minutes)
	SELECT CAST(strftime('%Y%m', NEW.start, 'unixepoch', CASE WHEN
	    CAST(strftime('%m', NEW.start, 'unixepoch') AS INTEGER)
	    BETWEEN 3 AND 9 THEN '+2 hours' ELSE '+1 hours' END) AS INTEGER),
	    NEW.lang, coalesce(NEW.sector, b.sector), m.county, 1,
	    NEW.state IN ('completed', 'booked'),
	    NEW.state IN ('completed', 'booked') AND NEW.category IS NOT NULL,
	    NEW.state IN ('completed', 'booked') AND NEW.category IS 'A',
	    NEW.state IN ('completed', 'booked') AND NEW.category IS 'B',
	    NEW.state IN ('completed', 'booked') AND NEW.category IS 'C',
	    NEW.state IN ('completed', 'booked') AND NEW.category IS 'D',
	    NEW.state IN ('completed', 'booked') AND NEW.category IS 'E',
	    NEW.state = 'unfilled',
	    NEW.state IN ('completed', 'booked') AND
	    coalesce(NEW.remote, NEW.modality <> 'onsite'),
	    NEW.minutes
	FROM body b JOIN municipality m ON m.code = b.municipality
	WHERE b.orgnr = NEW.body AND NEW.state <> 'cancelled'
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
	INSERT INTO demand_body (month, body, sector, provider, completed,
	    qualified, exc_wait, exc_emergency, exc_other, exc_none,
	    child_used, unfilled, remote)
	SELECT CAST(strftime('%Y%m', OLD.start, 'unixepoch', CASE WHEN
	    CAST(strftime('%m', OLD.start, 'unixepoch') AS INTEGER)
	    BETWEEN 3 AND 9 THEN '+2 hours' ELSE '+1 hours' END) AS INTEGER),
	    OLD.body, coalesce(OLD.sector, b.sector),
	    coalesce(OLD.provider, 'tolkreg'),
	    -(OLD.state = 'completed'),
	    -(OLD.state = 'completed' AND OLD.category IS NOT NULL),
	    -(OLD.state = 'completed' AND
	    OLD.exception IS 'not-justifiable-to-wait'),
	    -(OLD.state = 'completed' AND OLD.exception IS 'emergency'),
	    -(OLD.state = 'completed' AND
	    OLD.exception IS 'other-strong-reasons'),
	    -(OLD.state = 'completed' AND OLD.exception IS 'none-qualified'),
	    -(OLD.child_used IS 1),
	    -(OLD.state = 'unfilled'),
	    -(OLD.state = 'completed' AND
	    coalesce(OLD.remote, OLD.modality <> 'onsite'))
	FROM body b
	WHERE b.orgnr = OLD.body AND (OLD.state IN ('completed', 'unfilled')
	    OR OLD.child_used IS 1)
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
	DELETE FROM demand_body WHERE completed = 0 AND unfilled = 0 AND
	    child_used = 0 AND (OLD.state IN ('completed', 'unfilled') OR
	    OLD.child_used IS 1) AND
	    month = CAST(strftime('%Y%m', OLD.start, 'unixepoch', CASE WHEN
	    CAST(strftime('%m', OLD.start, 'unixepoch') AS INTEGER)
	    BETWEEN 3 AND 9 THEN '+2 hours' ELSE '+1 hours' END) AS INTEGER)
	    AND body = OLD.body AND sector = (SELECT coalesce(OLD.sector,
	    b.sector) FROM body b WHERE b.orgnr = OLD.body) AND
	    provider = coalesce(OLD.provider, 'tolkreg');
	INSERT INTO demand_body (month, body, sector, provider, completed,
	    qualified, exc_wait, exc_emergency, exc_other, exc_none,
	    child_used, unfilled, remote)
	SELECT CAST(strftime('%Y%m', NEW.start, 'unixepoch', CASE WHEN
	    CAST(strftime('%m', NEW.start, 'unixepoch') AS INTEGER)
	    BETWEEN 3 AND 9 THEN '+2 hours' ELSE '+1 hours' END) AS INTEGER),
	    NEW.body, coalesce(NEW.sector, b.sector),
	    coalesce(NEW.provider, 'tolkreg'),
	    NEW.state = 'completed',
	    NEW.state = 'completed' AND NEW.category IS NOT NULL,
	    NEW.state = 'completed' AND
	    NEW.exception IS 'not-justifiable-to-wait',
	    NEW.state = 'completed' AND NEW.exception IS 'emergency',
	    NEW.state = 'completed' AND
	    NEW.exception IS 'other-strong-reasons',
	    NEW.state = 'completed' AND NEW.exception IS 'none-qualified',
	    NEW.child_used IS 1,
	    NEW.state = 'unfilled',
	    NEW.state = 'completed' AND
	    coalesce(NEW.remote, NEW.modality <> 'onsite')
	FROM body b
	WHERE b.orgnr = NEW.body AND (NEW.state IN ('completed', 'unfilled')
	    OR NEW.child_used IS 1)
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
END;

-- A body that changes sector or municipality moves the contributions of
-- its assignments that follow it: for SPRÅK those without a sector of
-- their own to the new sector, all of them to the new county; for LOV
-- (whose county is read through the body) those without a sector of
-- their own.
CREATE TRIGGER demand_body_u AFTER UPDATE OF sector, municipality ON body
    WHEN OLD.sector IS NOT NEW.sector OR
    OLD.municipality IS NOT NEW.municipality
BEGIN
	INSERT INTO demand_lang (month, lang, sector, county, requests,
	    filled, qualified, cat_a, cat_b, cat_c, cat_d, cat_e, unfilled,
	    remote, minutes)
	SELECT CAST(strftime('%Y%m', r.start, 'unixepoch', CASE WHEN
	    CAST(strftime('%m', r.start, 'unixepoch') AS INTEGER)
	    BETWEEN 3 AND 9 THEN '+2 hours' ELSE '+1 hours' END) AS INTEGER),
	    r.lang, coalesce(r.sector, OLD.sector), m.county,
	    -count(*),
	    -sum(r.state IN ('completed', 'booked')),
	    -sum(r.state IN ('completed', 'booked') AND
	    r.category IS NOT NULL),
	    -sum(r.state IN ('completed', 'booked') AND r.category IS 'A'),
	    -sum(r.state IN ('completed', 'booked') AND r.category IS 'B'),
	    -sum(r.state IN ('completed', 'booked') AND r.category IS 'C'),
	    -sum(r.state IN ('completed', 'booked') AND r.category IS 'D'),
	    -sum(r.state IN ('completed', 'booked') AND r.category IS 'E'),
	    -sum(r.state = 'unfilled'),
	    -sum(r.state IN ('completed', 'booked') AND
	    coalesce(r.remote, r.modality <> 'onsite')),
	    -sum(r.minutes)
	FROM request r JOIN municipality m ON m.code = OLD.municipality
	WHERE r.body = OLD.orgnr AND r.state <> 'cancelled'
	GROUP BY 1, 2, 3, 4
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
	DELETE FROM demand_lang WHERE requests = 0;
	INSERT INTO demand_lang (month, lang, sector, county, requests,
	    filled, qualified, cat_a, cat_b, cat_c, cat_d, cat_e, unfilled,
	    remote, minutes)
	SELECT CAST(strftime('%Y%m', r.start, 'unixepoch', CASE WHEN
	    CAST(strftime('%m', r.start, 'unixepoch') AS INTEGER)
	    BETWEEN 3 AND 9 THEN '+2 hours' ELSE '+1 hours' END) AS INTEGER),
	    r.lang, coalesce(r.sector, NEW.sector), m.county,
	    count(*),
	    sum(r.state IN ('completed', 'booked')),
	    sum(r.state IN ('completed', 'booked') AND r.category IS NOT NULL),
	    sum(r.state IN ('completed', 'booked') AND r.category IS 'A'),
	    sum(r.state IN ('completed', 'booked') AND r.category IS 'B'),
	    sum(r.state IN ('completed', 'booked') AND r.category IS 'C'),
	    sum(r.state IN ('completed', 'booked') AND r.category IS 'D'),
	    sum(r.state IN ('completed', 'booked') AND r.category IS 'E'),
	    sum(r.state = 'unfilled'),
	    sum(r.state IN ('completed', 'booked') AND
	    coalesce(r.remote, r.modality <> 'onsite')),
	    sum(r.minutes)
	FROM request r JOIN municipality m ON m.code = NEW.municipality
	WHERE r.body = NEW.orgnr AND r.state <> 'cancelled'
	GROUP BY 1, 2, 3, 4
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
	INSERT INTO demand_body (month, body, sector, provider, completed,
	    qualified, exc_wait, exc_emergency, exc_other, exc_none,
	    child_used, unfilled, remote)
	SELECT CAST(strftime('%Y%m', r.start, 'unixepoch', CASE WHEN
	    CAST(strftime('%m', r.start, 'unixepoch') AS INTEGER)
	    BETWEEN 3 AND 9 THEN '+2 hours' ELSE '+1 hours' END) AS INTEGER),
	    r.body, OLD.sector, coalesce(r.provider, 'tolkreg'),
	    -sum(r.state = 'completed'),
	    -sum(r.state = 'completed' AND r.category IS NOT NULL),
	    -sum(r.state = 'completed' AND
	    r.exception IS 'not-justifiable-to-wait'),
	    -sum(r.state = 'completed' AND r.exception IS 'emergency'),
	    -sum(r.state = 'completed' AND
	    r.exception IS 'other-strong-reasons'),
	    -sum(r.state = 'completed' AND r.exception IS 'none-qualified'),
	    -sum(r.child_used IS 1),
	    -sum(r.state = 'unfilled'),
	    -sum(r.state = 'completed' AND
	    coalesce(r.remote, r.modality <> 'onsite'))
	FROM request r
	WHERE r.body = OLD.orgnr AND r.sector IS NULL AND
	    OLD.sector IS NOT NEW.sector AND
	    (r.state IN ('completed', 'unfilled') OR r.child_used IS 1)
	GROUP BY 1, 2, 3, 4
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
	DELETE FROM demand_body WHERE completed = 0 AND unfilled = 0 AND
	    child_used = 0;
	INSERT INTO demand_body (month, body, sector, provider, completed,
	    qualified, exc_wait, exc_emergency, exc_other, exc_none,
	    child_used, unfilled, remote)
	SELECT CAST(strftime('%Y%m', r.start, 'unixepoch', CASE WHEN
	    CAST(strftime('%m', r.start, 'unixepoch') AS INTEGER)
	    BETWEEN 3 AND 9 THEN '+2 hours' ELSE '+1 hours' END) AS INTEGER),
	    r.body, NEW.sector, coalesce(r.provider, 'tolkreg'),
	    sum(r.state = 'completed'),
	    sum(r.state = 'completed' AND r.category IS NOT NULL),
	    sum(r.state = 'completed' AND
	    r.exception IS 'not-justifiable-to-wait'),
	    sum(r.state = 'completed' AND r.exception IS 'emergency'),
	    sum(r.state = 'completed' AND
	    r.exception IS 'other-strong-reasons'),
	    sum(r.state = 'completed' AND r.exception IS 'none-qualified'),
	    sum(r.child_used IS 1),
	    sum(r.state = 'unfilled'),
	    sum(r.state = 'completed' AND
	    coalesce(r.remote, r.modality <> 'onsite'))
	FROM request r
	WHERE r.body = NEW.orgnr AND r.sector IS NULL AND
	    OLD.sector IS NOT NEW.sector AND
	    (r.state IN ('completed', 'unfilled') OR r.child_used IS 1)
	GROUP BY 1, 2, 3, 4
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
END;

-- A municipality that moves to another county (a reform of the
-- reference data) moves the SPRÅK contributions of the assignments of
-- the bodies there.
CREATE TRIGGER demand_municipality_u AFTER UPDATE OF county ON municipality
    WHEN OLD.county IS NOT NEW.county
BEGIN
	INSERT INTO demand_lang (month, lang, sector, county, requests,
	    filled, qualified, cat_a, cat_b, cat_c, cat_d, cat_e, unfilled,
	    remote, minutes)
	SELECT CAST(strftime('%Y%m', r.start, 'unixepoch', CASE WHEN
	    CAST(strftime('%m', r.start, 'unixepoch') AS INTEGER)
	    BETWEEN 3 AND 9 THEN '+2 hours' ELSE '+1 hours' END) AS INTEGER),
	    r.lang, coalesce(r.sector, b.sector), OLD.county,
	    -count(*),
	    -sum(r.state IN ('completed', 'booked')),
	    -sum(r.state IN ('completed', 'booked') AND
	    r.category IS NOT NULL),
	    -sum(r.state IN ('completed', 'booked') AND r.category IS 'A'),
	    -sum(r.state IN ('completed', 'booked') AND r.category IS 'B'),
	    -sum(r.state IN ('completed', 'booked') AND r.category IS 'C'),
	    -sum(r.state IN ('completed', 'booked') AND r.category IS 'D'),
	    -sum(r.state IN ('completed', 'booked') AND r.category IS 'E'),
	    -sum(r.state = 'unfilled'),
	    -sum(r.state IN ('completed', 'booked') AND
	    coalesce(r.remote, r.modality <> 'onsite')),
	    -sum(r.minutes)
	FROM body b JOIN request r ON r.body = b.orgnr
	WHERE b.municipality = OLD.code AND r.state <> 'cancelled'
	GROUP BY 1, 2, 3, 4
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
	DELETE FROM demand_lang WHERE requests = 0;
	INSERT INTO demand_lang (month, lang, sector, county, requests,
	    filled, qualified, cat_a, cat_b, cat_c, cat_d, cat_e, unfilled,
	    remote, minutes)
	SELECT CAST(strftime('%Y%m', r.start, 'unixepoch', CASE WHEN
	    CAST(strftime('%m', r.start, 'unixepoch') AS INTEGER)
	    BETWEEN 3 AND 9 THEN '+2 hours' ELSE '+1 hours' END) AS INTEGER),
	    r.lang, coalesce(r.sector, b.sector), NEW.county,
	    count(*),
	    sum(r.state IN ('completed', 'booked')),
	    sum(r.state IN ('completed', 'booked') AND r.category IS NOT NULL),
	    sum(r.state IN ('completed', 'booked') AND r.category IS 'A'),
	    sum(r.state IN ('completed', 'booked') AND r.category IS 'B'),
	    sum(r.state IN ('completed', 'booked') AND r.category IS 'C'),
	    sum(r.state IN ('completed', 'booked') AND r.category IS 'D'),
	    sum(r.state IN ('completed', 'booked') AND r.category IS 'E'),
	    sum(r.state = 'unfilled'),
	    sum(r.state IN ('completed', 'booked') AND
	    coalesce(r.remote, r.modality <> 'onsite')),
	    sum(r.minutes)
	FROM body b JOIN request r ON r.body = b.orgnr
	WHERE b.municipality = NEW.code AND r.state <> 'cancelled'
	GROUP BY 1, 2, 3, 4
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
END;
