-- tolkreg schema 3: XML interchange (tolkreg-xml(5)). Assignments that
-- interpreting agencies and public bodies report for work booked outside
-- tolkreg are kept in the request table, keyed by the organisation
-- number of the sender and the sender's own reference, with who
-- delivered them and the sector of the ordering body (Tolkemonitor LOV).

-- The organisation number of whoever reported the assignment and its
-- reference there; unique together. A request made in tolkreg gets the
-- ordering body as sender and a reference of its own (trigger below),
-- so that every assignment can be exported and imported again by key.
ALTER TABLE request ADD COLUMN sender TEXT
    CHECK (sender IS NULL OR length(sender) = 9);
ALTER TABLE request ADD COLUMN ext_ref TEXT;
-- Who delivered it: the body's own interpreting service, a public
-- interpreting service or a private agency, with its organisation
-- number; NULL for a booking made in tolkreg.
ALTER TABLE request ADD COLUMN provider TEXT
    CHECK (provider IN ('in-house', 'public-service', 'private-agency'));
ALTER TABLE request ADD COLUMN provider_orgnr TEXT
    CHECK (provider_orgnr IS NULL OR length(provider_orgnr) = 9);
-- The sector of the ordering body for this assignment; NULL: the
-- body's sector.
ALTER TABLE request ADD COLUMN sector TEXT
    CHECK (sector IN ('health', 'welfare', 'police', 'courts',
    'immigration', 'child-welfare', 'education', 'municipal', 'other'));

UPDATE request SET sender = body,
    ext_ref = 'tolkreg-' || id || '-' || lower(hex(randomblob(4)))
    WHERE ext_ref IS NULL;
CREATE UNIQUE INDEX request_ext ON request(sender, ext_ref);

CREATE TRIGGER request_ext_ref AFTER INSERT ON request
    WHEN NEW.ext_ref IS NULL
BEGIN
	UPDATE request SET sender = NEW.body,
	    ext_ref = 'tolkreg-' || NEW.id || '-' ||
	    lower(hex(randomblob(4)))
	    WHERE id = NEW.id;
END;

-- Scratch space of "tolkreg import": the key and line of each record of
-- the file being imported, to find a key given twice. The import fills
-- it and empties it inside its own transaction, so it is always empty
-- outside one; being on disk, it keeps the memory an import needs flat
-- however long the file.
CREATE TABLE import_seen (
	kind		INTEGER NOT NULL,
	key		TEXT NOT NULL,
	line		INTEGER NOT NULL,
	PRIMARY KEY (kind, key)
) WITHOUT ROWID;
