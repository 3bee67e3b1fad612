-- tolkreg schema 9: a narrow index on when requests start.
--
-- request_period (schema 2) covered Tolkemonitor's one pass over a
-- period's assignments. Since schema 7 the reports read the demand kept
-- per month, and nothing reads that index; but every new request and
-- every booking, completion or cancellation updated its eight columns.
-- Listing requests by date needs only the start.
DROP INDEX request_period;
CREATE INDEX request_start ON request(start);
