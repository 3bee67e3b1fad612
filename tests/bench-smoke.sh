#!/bin/sh
# A tiny-scale run of the benchmarks so that they cannot rot: they must
# build a register, measure every figure and exit 0.
set -eu
: "${TOLKREG_BUILDDIR:?}"
d=$(mktemp -d "${TMPDIR:-/tmp}/tolkreg-bench.XXXXXX")
trap 'rm -rf "$d"' EXIT
"$TOLKREG_BUILDDIR/tools/bench/bench-match" --db "$d/smoke.db" \
    --interpreters 300 --assignments 5000 --requests 200 --bookings 50 \
    --languages 30 --results "$d/RESULTS.md" >"$d/out"
grep -q "match p99 / bare read p99" "$d/out" || { cat "$d/out"; exit 1; }
grep -q "bookings / durable commits" "$d/out" || { cat "$d/out"; exit 1; }
grep -q "^| match p99 |" "$d/RESULTS.md" || { cat "$d/RESULTS.md"; exit 1; }
echo "bench-smoke: ok"
