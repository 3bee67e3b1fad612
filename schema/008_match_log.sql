-- tolkreg schema 8: what the matching core keeps about interpreters'
-- time, and the proof of process in binary.
--
-- The matching core keeps, per connection, every interpreter's bookings
-- and declared unavailability once it has read them (match.c). Every
-- change to either appends the interpreters it touches to match_log in
-- the same transaction: a match reads, in its own snapshot, the rows
-- after the last it saw and forgets those interpreters. seq is the
-- rowid, so a row's number is one more than the newest row's when it is
-- written: commits are in seq order and a reader never misses one. The
-- log keeps the newest 100 000 rows; a reader who fell behind the
-- oldest forgets everything.

CREATE TABLE match_log (
	seq		INTEGER PRIMARY KEY,
	regno		INTEGER NOT NULL
);

-- A booking's time: state, interpreter, times and length (fairness).
CREATE TRIGGER match_log_request_i AFTER INSERT ON request
WHEN NEW.regno IS NOT NULL
BEGIN INSERT INTO match_log (regno) VALUES (NEW.regno); END;
CREATE TRIGGER match_log_request_u AFTER UPDATE OF state, regno, busy_from,
    busy_to, start, minutes ON request
WHEN OLD.regno IS NOT NULL OR NEW.regno IS NOT NULL
BEGIN
	INSERT INTO match_log (regno) SELECT OLD.regno
	    WHERE OLD.regno IS NOT NULL;
	INSERT INTO match_log (regno) SELECT NEW.regno
	    WHERE NEW.regno IS NOT NULL AND NEW.regno IS NOT OLD.regno;
END;
CREATE TRIGGER match_log_request_d AFTER DELETE ON request
WHEN OLD.regno IS NOT NULL
BEGIN INSERT INTO match_log (regno) VALUES (OLD.regno); END;

CREATE TRIGGER match_log_unavailability_i AFTER INSERT ON unavailability
BEGIN INSERT INTO match_log (regno) VALUES (NEW.regno); END;
CREATE TRIGGER match_log_unavailability_u AFTER UPDATE ON unavailability
BEGIN
	INSERT INTO match_log (regno) VALUES (OLD.regno);
	INSERT INTO match_log (regno) SELECT NEW.regno
	    WHERE NEW.regno IS NOT OLD.regno;
END;
CREATE TRIGGER match_log_unavailability_d AFTER DELETE ON unavailability
BEGIN INSERT INTO match_log (regno) VALUES (OLD.regno); END;

-- Every 1 000th row, drop all but the newest 100 000.
CREATE TRIGGER match_log_prune AFTER INSERT ON match_log
WHEN NEW.seq % 1000 = 0
BEGIN DELETE FROM match_log WHERE seq <= NEW.seq - 100000; END;

-- The matching core also keeps the home point of every candidate: a
-- municipality's point moving is a change to the register.
CREATE TRIGGER register_gen_municipality_u AFTER UPDATE OF lat, lon
    ON municipality
WHEN OLD.lat IS NOT NEW.lat OR OLD.lon IS NOT NEW.lon
BEGIN UPDATE register_gen SET gen = gen + 1 WHERE id = 1; END;

-- The ranking a booking was made from, from now on as a BLOB of
-- fixed-width little-endian records, one per candidate in ranking order
-- (the eligible first; rank is the record's place among them):
--   bytes 0-3    regno            unsigned 32-bit
--   bytes 4-7    booked minutes   unsigned 32-bit (fairness window)
--   bytes 8-9    travel minutes   unsigned 16-bit (one way)
--   bytes 10-11  continuity       unsigned 16-bit
--   byte  12     rule             0 eligible, 1 listed, 2 category,
--                                 3 modality, 4 gender, 5 excluded,
--                                 6 conflict, 7 distance, 8 booked,
--                                 9 unavailable
--   byte  13     category         'A' to 'E'
-- 14 bytes a record. A ranking with a figure that does not fit is
-- stored as JSON text, as every ranking before schema 8 was: an array of
-- [regno, rank, rule, category, travel, booked minutes, continuity].
-- Readers tell the two apart by the value's type.
