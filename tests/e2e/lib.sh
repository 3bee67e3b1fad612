# Shared set-up for the end-to-end scripts: a private database in a
# temporary directory, removed on success and kept (with a log) on
# failure. Needs TOLKREG (the built binary); sqlite3 for dumps.
set -eu

: "${TOLKREG:?TOLKREG must name the built tolkreg binary}"
T=$(mktemp -d "${TMPDIR:-/tmp}/tolkreg-e2e.XXXXXX")
DB="$T/register.db"
export TOLKREG_DB="$DB"
export USER="${USER:-e2e}"
FAILED=0
trap 'if [ "$FAILED" -eq 0 ]; then rm -rf "$T"; else echo "kept $T"; fi' EXIT

# Run tolkreg; stdout to $T/out, stderr to $T/err; return its status.
tk() {
	set +e
	"$TOLKREG" "$@" >"$T/out" 2>"$T/err"
	rc=$?
	set -e
	return 0
}

fail() {
	FAILED=1
	echo "FAIL: $*" >&2
	echo "--- stdout" >&2; cat "$T/out" >&2 2>/dev/null || true
	echo "--- stderr" >&2; cat "$T/err" >&2 2>/dev/null || true
	exit 1
}

# expect STATUS ARGS...: run tolkreg and check its exit status.
expect() {
	want=$1; shift
	tk "$@"
	[ "$rc" -eq "$want" ] || fail "tolkreg $* exited $rc, expected $want"
}

# Check that stdout (or FILE) contains / lacks a fixed string.
has() { grep -qF -- "$1" "${2:-$T/out}" || fail "output lacks '$1'"; }
lacks() { ! grep -qF -- "$1" "${2:-$T/out}" || fail "output has '$1'"; }
err_has() { grep -qF -- "$1" "$T/err" || fail "stderr lacks '$1'"; }

# Check stdout is exactly the given text.
out_is() {
	printf '%s\n' "$1" >"$T/want"
	cmp -s "$T/want" "$T/out" || fail "stdout is not '$1'"
}

# A digest of the whole database content.
db_digest() {
	sqlite3 "$DB" .dump | sha256sum | cut -d' ' -f1
}

# A fresh register with reference data.
init_db() {
	expect 0 init
}

# add_interp NAME FNR [MUNICIPALITY] [GENDER] [MODALITIES]: sets REGNO.
add_interp() {
	expect 0 interpreter add --name "$1" --fnr "$2" \
	    --gender "${4:-F}" --email "tolk@example.no" \
	    --phone "+47 912 34 567" --municipality "${3:-0301}" \
	    --availability part --modalities "${5:-onsite,video,phone}"
	REGNO=$(cat "$T/out")
}
