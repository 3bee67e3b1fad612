-- tolkreg schema 1: the register (reference data, interpreters,
-- credentials, derived qualifications, public bodies, audit log).

CREATE TABLE county (
	code		TEXT PRIMARY KEY CHECK (length(code) = 2),
	name		TEXT NOT NULL,
	other_names	TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;

CREATE TABLE municipality (
	code		TEXT PRIMARY KEY CHECK (length(code) = 4),
	name		TEXT NOT NULL,
	county		TEXT NOT NULL REFERENCES county(code),
	lat		REAL NOT NULL,
	lon		REAL NOT NULL
) WITHOUT ROWID;

CREATE TABLE language (
	code		TEXT PRIMARY KEY CHECK (length(code) = 3),
	name_en		TEXT NOT NULL,
	name_nb		TEXT NOT NULL DEFAULT '',
	sign		INTEGER NOT NULL DEFAULT 0 CHECK (sign IN (0, 1))
) WITHOUT ROWID;

-- One row per interpreter. regno is the register number printed on the
-- tolkebevis; pnr is the fødselsnummer or D-nummer and is never shown
-- in output, logs or messages.
CREATE TABLE interpreter (
	regno		INTEGER PRIMARY KEY,
	name		TEXT NOT NULL,
	pnr		TEXT NOT NULL UNIQUE CHECK (length(pnr) = 11),
	gender		TEXT NOT NULL CHECK (gender IN ('F', 'M', 'X')),
	email		TEXT NOT NULL,
	phone		TEXT NOT NULL,
	municipality	TEXT NOT NULL REFERENCES municipality(code),
	availability	TEXT NOT NULL
			CHECK (availability IN ('full', 'part', 'occasional')),
	modalities	INTEGER NOT NULL CHECK (modalities BETWEEN 1 AND 7),
	status		TEXT NOT NULL DEFAULT 'listed'
			CHECK (status IN ('listed', 'suspended', 'excluded',
			    'withdrawn')),
	status_until	TEXT,
	created		TEXT NOT NULL
);
CREATE INDEX interpreter_municipality ON interpreter(municipality);

-- Every change of listing status, with its reason (tolkeloven § 21).
CREATE TABLE listing_event (
	id		INTEGER PRIMARY KEY,
	regno		INTEGER NOT NULL REFERENCES interpreter(regno),
	status		TEXT NOT NULL,
	until		TEXT,
	reason		TEXT NOT NULL,
	at		TEXT NOT NULL,
	actor		TEXT NOT NULL
);
CREATE INDEX listing_event_regno ON listing_event(regno);

-- Written warnings (tolkeloven § 21).
CREATE TABLE warning (
	id		INTEGER PRIMARY KEY,
	regno		INTEGER NOT NULL REFERENCES interpreter(regno),
	date		TEXT NOT NULL,
	reason		TEXT NOT NULL,
	at		TEXT NOT NULL,
	actor		TEXT NOT NULL
);
CREATE INDEX warning_regno ON warning(regno, date);

-- Credentials IMDi records. Categories are derived from these.
CREATE TABLE credential (
	id		INTEGER PRIMARY KEY,
	regno		INTEGER NOT NULL REFERENCES interpreter(regno),
	kind		TEXT NOT NULL CHECK (kind IN ('authorisation',
			    'bachelor', 'grunnemne', 'bilingual-test',
			    'translator', 'tao')),
	lang		TEXT REFERENCES language(code),
	obtained	TEXT NOT NULL,
	ref		TEXT NOT NULL DEFAULT '',
	revoked		TEXT,
	revoke_reason	TEXT,
	CHECK ((kind = 'tao') = (lang IS NULL))
);
CREATE INDEX credential_regno ON credential(regno);

-- The category of each interpreter in each language, derived from the
-- credentials by category_derive() and refreshed in the same
-- transaction as every credential change. Never written otherwise.
CREATE TABLE qualification (
	regno		INTEGER NOT NULL REFERENCES interpreter(regno),
	lang		TEXT NOT NULL REFERENCES language(code),
	category	TEXT NOT NULL CHECK (category IN ('A','B','C','D','E')),
	PRIMARY KEY (regno, lang)
) WITHOUT ROWID;
CREATE INDEX qualification_lang ON qualification(lang, category);

CREATE TABLE body (
	orgnr		TEXT PRIMARY KEY CHECK (length(orgnr) = 9),
	name		TEXT NOT NULL,
	sector		TEXT NOT NULL CHECK (sector IN ('health', 'welfare',
			    'police', 'courts', 'immigration', 'child-welfare',
			    'education', 'municipal', 'other')),
	municipality	TEXT NOT NULL REFERENCES municipality(code),
	regular		INTEGER NOT NULL DEFAULT 0 CHECK (regular IN (0, 1)),
	guidelines	TEXT NOT NULL
			CHECK (guidelines IN ('full', 'partial', 'none')),
	created		TEXT NOT NULL
) WITHOUT ROWID;

-- Append-only log of every change: who, when, what, old and new value.
CREATE TABLE audit (
	id		INTEGER PRIMARY KEY,
	at		TEXT NOT NULL,
	actor		TEXT NOT NULL,
	entity		TEXT NOT NULL,
	entity_id	TEXT NOT NULL,
	action		TEXT NOT NULL,
	field		TEXT,
	old		TEXT,
	new		TEXT
);
CREATE INDEX audit_entity ON audit(entity, entity_id);

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN
	SELECT RAISE(ABORT, 'audit log is append-only');
END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN
	SELECT RAISE(ABORT, 'audit log is append-only');
END;
