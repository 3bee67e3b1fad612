#!/bin/sh
# A tiny-scale run of the whole benchmark suite, so that it cannot rot:
# it must build its registers, measure every figure and exit 0.
set -eu
: "${TOLKREG_SRCDIR:?}" "${TOLKREG_BUILDDIR:?}"
out=$(mktemp "${TMPDIR:-/tmp}/tolkreg-bench-smoke.XXXXXX")
trap 'rm -f "$out"' EXIT
sh "$TOLKREG_SRCDIR/tools/bench/run" --smoke >"$out" 2>&1 ||
	{ cat "$out"; exit 1; }
for figure in "import register XML" "SPRÅK" "LOV" "export assignments" \
    "export peak RSS" "database size per assignment" \
    "match p99 / bare read p99" "bookings / durable commits"; do
	grep -q "$figure" "$out" || { cat "$out"; echo "missing: $figure"; exit 1; }
done
echo "bench-smoke: ok"
