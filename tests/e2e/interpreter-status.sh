#!/bin/sh
# Listing status (§ 21): exclude, temporary exclusion, reinstate,
# withdraw, each with its history; refused transitions name the state;
# three warnings in five years flag the interpreter.
. "$TOLKREG_SRCDIR/tests/e2e/lib.sh"
init_db
add_interp "Amina Hassan" 31129956715

expect 64 interpreter exclude 10001
err_has "'--reason' is required"
expect 64 interpreter exclude 10001 --reason x --until 2099-01-01 --temporary
expect 0 interpreter exclude 10001 --reason "case 2026/17" --temporary
expect 0 interpreter show 10001 --format json
has '"status": "suspended"'
has '"listed": false'
expect 75 interpreter withdraw 10001
err_has "is suspended"
expect 65 interpreter exclude 10001 --reason "x" --until 2020-01-01
err_has "'until'"
expect 65 interpreter exclude 10001 --reason "x" --until 2099-02-30
err_has "'until'"
expect 0 interpreter exclude 10001 --reason "material breach" --until 2099-01-01
expect 0 interpreter show 10001 --format json
has '"status": "excluded"'
has '"status_until": "2099-01-01"'
expect 0 interpreter reinstate 10001 --reason "decision reversed"
expect 75 interpreter reinstate 10001 --reason "again"
err_has "already listed"
expect 0 interpreter withdraw 10001
expect 75 interpreter exclude 10001 --reason "x"
err_has "withdrawn"
expect 0 interpreter reinstate 10001 --reason "returns"
expect 66 interpreter exclude 10404 --reason "x"

expect 0 interpreter show 10001
has "history:"
has "material breach"
has "decision reversed"
[ "$(sqlite3 "$DB" 'SELECT count(*) FROM listing_event WHERE regno = 10001')" = 6 ] ||
	fail "history incomplete"

# Warnings.
expect 0 warning add 10001 --reason "late" --date 2019-01-10
expect 0 warning add 10001 --reason "breach of § 15" --date 2024-02-29
expect 0 warning add 10001 --reason "impartiality"
expect 0 interpreter show 10001 --format json
has '"warnings_5y": 2'
has '"warning_flag": false'
expect 0 warning add 10001 --reason "third"
expect 0 interpreter show 10001 --format json
has '"warnings_5y": 3'
has '"warning_flag": true'
expect 65 warning add 10001 --reason "x" --date 2023-02-29
err_has "'date'"
expect 65 warning add 10001 --reason "x" --date 2999-01-01
expect 64 warning add 10001
expect 66 warning add 10999 --reason "x"
echo "interpreter-status: ok"
