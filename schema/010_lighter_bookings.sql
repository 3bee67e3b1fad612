-- tolkreg schema 10: less written per booking.
--
-- request_state (schema 2) is read by nothing: listing requests filters
-- on the start (request_start) and the reports read the demand kept per
-- month. Every booking, completion and cancellation still moved its
-- entry from one state to another, two pages written for nothing.
DROP INDEX request_state;

-- Rankings are stored in format 2 from now on, about a quarter of the
-- size of format 1 (see src/match.c, ranking_pack()):
--   the candidates in register-number order, each as
--     varint  its register number less the one before (the first: itself)
--     byte    50 * f + 5 * (rule + 1) + category (A = 0 ... E = 4),
--             rule as in format 1 less one (-1 eligible, 0 listed, ...
--             8 unavailable)
--     varints the figures f names: 0 none, 1 travel minutes, 2 booked
--             minutes, 3 travel and booked minutes, 4 travel, booked
--             minutes and continuity; a figure not there is 0
--   where a varint is an unsigned number in 7-bit groups, low group
--   first, the high bit set on every byte but the last.
-- The ranking's order is not stored in format 2: it is the policy's order
-- of the stored figures (tolkreg(1) MATCHING POLICY), the order the
-- booking was made in. Format 1 is the records of schema 8, or JSON text
-- (told apart by the value's type), as every ranking stored before.
ALTER TABLE ranking ADD COLUMN format INTEGER NOT NULL DEFAULT 1
    CHECK (format IN (1, 2));
