#!/bin/sh
# Lint the manual pages with mandoc: any message at level warning or
# above, or a non-zero exit, fails. Skipped when mandoc is not there.
#
# Environment: MANDOC (path of mandoc, may be empty), TOLKREG_SRCDIR
# (the source directory).

set -eu

me='man-lint'

if [ -z "${MANDOC:-}" ]; then
	echo "$me: SKIP: mandoc not found (configure found no MANDOC)"
	exit 77
fi
: "${TOLKREG_SRCDIR:?TOLKREG_SRCDIR is not set}"

out=$(mktemp "${TMPDIR:-/tmp}/man-lint.XXXXXX")
trap 'rm -f "$out"' EXIT
trap 'exit 1' HUP INT TERM

fail=0
n=0
for page in "$TOLKREG_SRCDIR"/man/*.[0-9]; do
	if [ ! -f "$page" ]; then
		echo "$me: FAIL: no manual pages in $TOLKREG_SRCDIR/man" >&2
		exit 1
	fi
	n=$((n + 1))
	rc=0
	"$MANDOC" -Tlint -W warning "$page" >"$out" 2>&1 || rc=$?
	if [ "$rc" -ne 0 ] || [ -s "$out" ]; then
		echo "$me: FAIL: ${page##*/}: mandoc -Tlint -W warning" \
		    "exited $rc with:" >&2
		cat "$out" >&2
		fail=1
	fi
done

if [ "$fail" -ne 0 ]; then
	exit 1
fi
echo "$me: ok: $n page(s) lint-clean at -W warning"
exit 0
