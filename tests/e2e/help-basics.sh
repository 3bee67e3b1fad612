#!/bin/sh
# --help, help, --version and the suggestions for a mistyped name: the
# help of every command and group says what "help NAME" says, none of it
# touches the database, and both programs print their version.
. "$TOLKREG_SRCDIR/tests/e2e/lib.sh"

: "${TOLKREGD:?TOLKREGD must name the built tolkregd binary}"

# Every command and group, as "tolkreg help" lists them.
expect 0 help
awk '/^commands:/ { on = 1; next } on && /^$/ { exit } on { print $1 }' \
    "$T/out" | sort -u >"$T/words"
[ -s "$T/words" ] || fail "help lists no commands"
expect 0 help --dump
cut -f1 "$T/out" | sort -u >"$T/names"
grep -qx 'interpreter add' "$T/names" || fail "help --dump lacks commands"
grep -qx 'monitor' "$T/words" || fail "help lacks the monitor group"

# NAME --help prints what help NAME prints, for commands and groups.
while read -r name; do
	# shellcheck disable=SC2086
	expect 0 help $name
	cp "$T/out" "$T/want"
	# shellcheck disable=SC2086
	expect 0 $name --help
	cmp -s "$T/want" "$T/out" || fail "'$name --help' is not 'help $name'"
	grep -q "^usage: tolkreg $name" "$T/out" || fail "'$name --help'"
done <<EOF
$(cat "$T/names" "$T/words" | sort -u)
EOF
expect 0 monitor --help
has "usage: tolkreg monitor sprak --period"
has "usage: tolkreg monitor lov --year"
has "values: sector, county, provider, body"
expect 0 interpreter -h
has "usage: tolkreg interpreter withdraw REGNO [--reason TEXT]"
[ ! -e "$DB" ] || fail "help touched the database"

# The version.
expect 0 --version
grep -Eqx 'tolkreg [0-9]+\.[0-9]+\.[0-9]+' "$T/out" || fail "--version"
version=$(cat "$T/out")
"$TOLKREGD" --version >"$T/out" 2>"$T/err" || fail "tolkregd --version"
out_is "tolkregd ${version#tolkreg }"

# Suggestions.
expect 64 serach --lang ara
err_has "tolkreg: unknown command 'serach'; did you mean 'search'?"
expect 64 interpreter lsit
err_has "unknown command 'interpreter lsit'; did you mean 'interpreter list'?"
expect 64 search --lnag ara
err_has "tolkreg: search: unknown option '--lnag'; did you mean '--lang'?"
expect 64 --verison
err_has "tolkreg: unknown option '--verison'; did you mean '--version'?"
[ ! -e "$DB" ] || fail "a mistyped command touched the database"
echo "help-basics: ok"
