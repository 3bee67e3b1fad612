-- tolkreg schema: deliveries of the half-yearly Tolkemonitor SPRÅK
-- export ("tolkreg export demand --push"). One row for every file a
-- receiver accepted; a file already delivered for the same period and
-- receiver is not sent again unless the export is forced. Rows are never
-- changed or removed.

CREATE TABLE delivery (
	id		INTEGER PRIMARY KEY,
	report		TEXT NOT NULL CHECK (report IN ('sprak')),
	period		TEXT NOT NULL,		-- "2026H1"
	url		TEXT NOT NULL,		-- the receiver, as given to --push
	file		TEXT NOT NULL,		-- "tolkemonitor-sprak-2026H1.csv"
	bytes		INTEGER NOT NULL CHECK (bytes >= 0),
	sha256		TEXT NOT NULL CHECK (length(sha256) = 64),
	status		INTEGER NOT NULL,	-- the receiver's HTTP status
	attempts	INTEGER NOT NULL CHECK (attempts >= 1),
	forced		INTEGER NOT NULL DEFAULT 0 CHECK (forced IN (0, 1)),
	at		TEXT NOT NULL,		-- UTC, "YYYY-MM-DDTHH:MM:SSZ"
	actor		TEXT NOT NULL
);
CREATE INDEX delivery_file ON delivery(report, period, url, file);

CREATE TRIGGER delivery_no_update BEFORE UPDATE ON delivery
BEGIN
	SELECT RAISE(ABORT, 'deliveries are append-only');
END;
CREATE TRIGGER delivery_no_delete BEFORE DELETE ON delivery
BEGIN
	SELECT RAISE(ABORT, 'deliveries are append-only');
END;
