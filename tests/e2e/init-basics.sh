#!/bin/sh
# init creates the database with the reference data; commands refuse a
# missing or uninitialised database.
. "$TOLKREG_SRCDIR/tests/e2e/lib.sh"

expect 69 search --lang ara
err_has "run 'tolkreg init' first"
[ ! -e "$DB" ] || fail "a read command created the database"

init_db
has "initialised"
[ "$(sqlite3 "$DB" 'PRAGMA user_version')" -ge 1 ] || fail "user_version"
[ "$(sqlite3 "$DB" 'PRAGMA journal_mode')" = wal ] || fail "not WAL"
[ "$(sqlite3 "$DB" 'SELECT count(*) FROM county')" = 15 ] || fail counties
[ "$(sqlite3 "$DB" 'SELECT count(*) FROM municipality')" = 357 ] ||
	fail municipalities
[ "$(sqlite3 "$DB" 'SELECT count(*) FROM language')" -gt 7800 ] ||
	fail languages

before=$(db_digest)
expect 0 init
[ "$(db_digest)" = "$before" ] || fail "second init changed the data"

: >"$T/empty.db"
expect 69 --db "$T/empty.db" search --lang ara
err_has "not initialised"
[ ! -s "$T/empty.db" ] || fail "a read command wrote to an uninitialised file"

expect 0 --db "$T/other.db" init
[ -f "$T/other.db" ] || fail "--db was not used"
expect 64 init --bogus
expect 64 nosuchcommand
err_has "unknown command 'nosuchcommand'"
echo "init-basics: ok"
