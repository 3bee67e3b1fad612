-- tolkreg schema 2: requests for interpreters and their lifecycle,
-- interpreters' declared unavailability and conflicts of interest
-- (habilitet, tolkeloven § 16), and the stored ranking behind every
-- booking. A request never holds the identity of the citizen: the
-- body's own case reference is all that is kept.

CREATE TABLE request (
	id		INTEGER PRIMARY KEY,
	body		TEXT NOT NULL REFERENCES body(orgnr),
	lang		TEXT NOT NULL REFERENCES language(code),
	start		INTEGER NOT NULL,	-- seconds since the epoch, UTC
	minutes		INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 1440),
	modality	TEXT NOT NULL
			CHECK (modality IN ('onsite', 'video', 'phone')),
	municipality	TEXT REFERENCES municipality(code),
	min_category	TEXT NOT NULL DEFAULT 'E'
			CHECK (min_category IN ('A', 'B', 'C', 'D', 'E')),
	gender		TEXT CHECK (gender IN ('F', 'M', 'X')),
	case_ref	TEXT,
	urgent		INTEGER NOT NULL DEFAULT 0 CHECK (urgent IN (0, 1)),
	state		TEXT NOT NULL DEFAULT 'requested'
			CHECK (state IN ('requested', 'booked', 'completed',
			    'cancelled', 'unfilled')),
	-- The booked interpreter and the time they are taken, travel
	-- there and back included.
	regno		INTEGER REFERENCES interpreter(regno),
	-- The interpreter's category in the language when booked: what
	-- Tolkemonitor counts as a qualified interpreter (§ 7).
	category	TEXT CHECK (category IN ('A', 'B', 'C', 'D', 'E')),
	travel_minutes	INTEGER,
	busy_from	INTEGER,
	busy_to		INTEGER,
	-- What tolkeloven asks to be followed up when it is done.
	unregistered	INTEGER NOT NULL DEFAULT 0 CHECK (unregistered IN (0, 1)),
	actual_minutes	INTEGER,
	remote		INTEGER CHECK (remote IN (0, 1)),
	child_used	INTEGER CHECK (child_used IN (0, 1)),
	exception	TEXT CHECK (exception IN ('not-justifiable-to-wait',
			    'emergency', 'other-strong-reasons',
			    'none-qualified')),
	close_reason	TEXT,
	created		TEXT NOT NULL,
	CHECK (modality <> 'onsite' OR municipality IS NOT NULL),
	CHECK ((regno IS NULL) = (busy_from IS NULL))
);
-- Covers the matching core's one pass over candidates' bookings.
CREATE INDEX request_busy ON request(regno, busy_from, busy_to, start,
    minutes, state) WHERE regno IS NOT NULL;
CREATE INDEX request_body ON request(body, start);
-- Continuity: earlier bookings on the same case for the same body.
CREATE INDEX request_case ON request(body, case_ref, start, regno, state)
    WHERE case_ref IS NOT NULL;
CREATE INDEX request_lang ON request(lang, start);
CREATE INDEX request_state ON request(state, start);
-- Tolkemonitor: one pass over a period's assignments.
CREATE INDEX request_period ON request(start, lang, state, minutes,
    category, remote, modality, regno);

-- Interpreters the body does not want for this request.
CREATE TABLE request_exclude (
	request		INTEGER NOT NULL REFERENCES request(id),
	regno		INTEGER NOT NULL,
	PRIMARY KEY (request, regno)
) WITHOUT ROWID;

-- Declared unavailability of an interpreter, [start, end).
CREATE TABLE unavailability (
	id		INTEGER PRIMARY KEY,
	regno		INTEGER NOT NULL REFERENCES interpreter(regno),
	start		INTEGER NOT NULL,
	end		INTEGER NOT NULL,
	note		TEXT NOT NULL DEFAULT '',
	CHECK (end > start)
);
CREATE INDEX unavailability_regno ON unavailability(regno, start);

-- Bodies an interpreter must never be booked for (habilitet, § 16).
CREATE TABLE conflict (
	regno		INTEGER NOT NULL REFERENCES interpreter(regno),
	body		TEXT NOT NULL REFERENCES body(orgnr),
	created		TEXT NOT NULL,
	PRIMARY KEY (regno, body)
) WITHOUT ROWID;

-- The ranking a booking was made from (proof of process), as JSON.
CREATE TABLE ranking (
	request		INTEGER PRIMARY KEY REFERENCES request(id),
	made		TEXT NOT NULL,
	actor		TEXT NOT NULL,
	ranking		TEXT NOT NULL
);
