-- tolkreg schema 4: API tokens for tolkregd(8). A token is shown once
-- when it is made; only a keyed BLAKE2b digest of its secret is kept,
-- so the database never holds anything that would let a reader call the
-- API. Each token carries one role and, for the body and interpreter
-- roles, the one organisation or register number it may act for.

CREATE TABLE token (
	id		INTEGER PRIMARY KEY,
	role		TEXT NOT NULL
			CHECK (role IN ('admin', 'body', 'interpreter')),
	body		TEXT REFERENCES body(orgnr),
	regno		INTEGER REFERENCES interpreter(regno),
	salt		BLOB NOT NULL CHECK (length(salt) = 32),
	digest		BLOB NOT NULL CHECK (length(digest) = 32),
	expires		TEXT,		-- YYYY-MM-DD: invalid from that day on
	created		TEXT NOT NULL,
	actor		TEXT NOT NULL,	-- who made it
	revoked		TEXT,		-- when, or NULL
	CHECK ((role = 'body') = (body IS NOT NULL)),
	CHECK ((role = 'interpreter') = (regno IS NOT NULL))
);
