/*
 * Assignments reported to tolkreg (tolkreg-xml(5)): work booked outside
 * tolkreg and reported by an interpreting agency or a public body, or a
 * closed request exported from a register. They are stored as closed
 * requests keyed by sender and reference, so that Tolkemonitor counts
 * them with the requests tolkreg booked itself (tolkeloven §§ 4, 7, 8).
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#include "audit.h"
#include "tolkreg/assignment.h"
#include "tolkreg/body.h"
#include "tolkreg/category.h"
#include "tolkreg/error.h"
#include "tolkreg/geo.h"
#include "tolkreg/interpreter.h"
#include "tolkreg/language.h"
#include "tolkreg/request.h"
#include "tolkreg/rules.h"
#include "tolkreg/store.h"
#include "tolkreg/validate.h"

/* Columns of a reported assignment, in the order assignment_* use them. */
enum {
	AC_BODY, AC_SECTOR, AC_LANG, AC_START, AC_MINUTES, AC_MODALITY,
	AC_MUNICIPALITY, AC_STATE, AC_REGNO, AC_UNREGISTERED, AC_EXCEPTION,
	AC_ACTUAL, AC_REMOTE, AC_CHILD, AC_PROVIDER, AC_PROVIDER_ORGNR,
	AC_REASON, AC_NCOLS
};

static const struct {
	const char	*column;	/* in the request table, for the audit */
	int		 integer;
} assignment_cols[AC_NCOLS] = {
	[AC_BODY] = { "body", 0 },
	[AC_SECTOR] = { "sector", 0 },
	[AC_LANG] = { "lang", 0 },
	[AC_START] = { "start", 1 },
	[AC_MINUTES] = { "minutes", 1 },
	[AC_MODALITY] = { "modality", 0 },
	[AC_MUNICIPALITY] = { "municipality", 0 },
	[AC_STATE] = { "state", 0 },
	[AC_REGNO] = { "regno", 1 },
	[AC_UNREGISTERED] = { "unregistered", 1 },
	[AC_EXCEPTION] = { "exception", 0 },
	[AC_ACTUAL] = { "actual_minutes", 1 },
	[AC_REMOTE] = { "remote", 1 },
	[AC_CHILD] = { "child_used", 1 },
	[AC_PROVIDER] = { "provider", 0 },
	[AC_PROVIDER_ORGNR] = { "provider_orgnr", 0 },
	[AC_REASON] = { "close_reason", 0 },
};

static const char *const provider_names[] = {
	"in-house", "public-service", "private-agency"
};

/* A reported assignment, checked, as column values (NULL: SQL NULL). */
struct assignment_row {
	const char	*v[AC_NCOLS];
	char		 buf[AC_NCOLS][32];
	time_t		 start;
	int		 minutes;
};

/* Set column c of r to a copy of text (NULL stays NULL). */
static void
assignment_set(struct assignment_row *r, int c, const char *text)
{
	if (text == NULL) {
		r->v[c] = NULL;
		return;
	}
	snprintf(r->buf[c], sizeof(r->buf[c]), "%s", text);
	r->v[c] = r->buf[c];
}

/* Set integer column c of r. */
static void
assignment_set_int(struct assignment_row *r, int c, long long v)
{
	snprintf(r->buf[c], sizeof(r->buf[c]), "%lld", v);
	r->v[c] = r->buf[c];
}

/* Fail because field applies only to some outcomes. */
static int
assignment_only(const char *field, const char *outcomes, struct tk_error *err)
{
	return (tk_fail(err, TK_E_INVALID, field,
	    "'%s' applies only to %s assignment", field, outcomes));
}

/* Check a reported assignment and turn it into column values. */
static int
assignment_check(struct store *st, const struct assignment_input *in,
    struct assignment_row *r, struct tk_error *err)
{
	static const struct {
		size_t		 off;
		const char	*field;
	} req[] = {
		{ offsetof(struct assignment_input, sender), "sender" },
		{ offsetof(struct assignment_input, ref), "ref" },
		{ offsetof(struct assignment_input, body), "body" },
		{ offsetof(struct assignment_input, lang), "lang" },
		{ offsetof(struct assignment_input, start), "start" },
		{ offsetof(struct assignment_input, minutes), "minutes" },
		{ offsetof(struct assignment_input, modality), "modality" },
		{ offsetof(struct assignment_input, outcome), "outcome" },
	};
	struct body		 b;
	struct interpreter	 ip;
	enum sector		 sec;
	enum req_state		 state;
	enum req_exception	 exc;
	unsigned int		 mod = 0;
	int64_t			 regno = 0;
	size_t			 i;
	int			 unreg = 0, actual, p = -1;

	memset(r, 0, sizeof(*r));
	for (i = 0; i < sizeof(req) / sizeof(req[0]); i++) {
		if (*(const char *const *)(const void *)
		    ((const char *)in + req[i].off) == NULL)
			return (tk_fail(err, TK_E_INVALID, req[i].field,
			    "'%s' is required", req[i].field));
	}
	if (validate_orgnr("sender", in->sender, err) == -1 ||
	    validate_text("ref", in->ref, CASE_MAX_LEN, err) == -1 ||
	    validate_orgnr("body", in->body, err) == -1 ||
	    body_get(st, in->body, &b, err) == -1)
		return (-1);
	assignment_set(r, AC_BODY, in->body);
	if (in->sector == NULL)
		sec = b.sector;
	else if (sector_parse(in->sector, &sec) == -1)
		return (tk_fail(err, TK_E_INVALID, "sector",
		    "'sector' is not a known sector"));
	assignment_set(r, AC_SECTOR, sector_name(sec));
	if (language_check(st, "lang", in->lang, err) == -1)
		return (-1);
	assignment_set(r, AC_LANG, in->lang);
	if (validate_datetime("start", in->start, &r->start, err) == -1 ||
	    validate_minutes("minutes", in->minutes, REQ_MAX_MINUTES,
	    &r->minutes, err) == -1)
		return (-1);
	assignment_set_int(r, AC_START, (long long)r->start);
	assignment_set_int(r, AC_MINUTES, r->minutes);
	if (strchr(in->modality, ',') != NULL ||
	    modalities_parse("modality", in->modality, &mod, NULL) == -1)
		return (tk_fail(err, TK_E_INVALID, "modality",
		    "'modality' must be onsite, video or phone"));
	assignment_set(r, AC_MODALITY, in->modality);
	if (in->municipality != NULL) {
		if (geo_municipality_check(st, "municipality", in->municipality,
		    err) == -1)
			return (-1);
		assignment_set(r, AC_MUNICIPALITY, in->municipality);
	} else if (mod == MOD_ONSITE)
		return (tk_fail(err, TK_E_INVALID, "municipality",
		    "'municipality' is required for on-site work"));
	if (req_state_parse(in->outcome, &state) == -1 ||
	    (state != REQ_COMPLETED && state != REQ_CANCELLED &&
	    state != REQ_UNFILLED))
		return (tk_fail(err, TK_E_INVALID, "outcome",
		    "'outcome' must be completed, cancelled or unfilled"));
	assignment_set(r, AC_STATE, req_state_name(state));

	if (in->interpreter != NULL) {
		if (strcmp(in->interpreter, "unregistered") == 0)
			unreg = 1;
		else {
			char	*end;

			errno = 0;
			regno = strtoll(in->interpreter, &end, 10);
			if (*in->interpreter < '1' ||
			    *in->interpreter > '9' || *end != '\0' ||
			    errno != 0)
				return (tk_fail(err, TK_E_INVALID,
				    "interpreter", "'interpreter' must be a"
				    " register number or unregistered"));
			if (interpreter_get(st, regno, &ip, err) == -1)
				return (-1);
			assignment_set_int(r, AC_REGNO, regno);
		}
	}
	assignment_set_int(r, AC_UNREGISTERED, unreg);
	if (in->exception != NULL) {
		if (req_exception_parse(in->exception, &exc) == -1)
			return (tk_fail(err, TK_E_INVALID, "exception",
			    "'exception' must be not-justifiable-to-wait,"
			    " emergency, other-strong-reasons or"
			    " none-qualified"));
		assignment_set(r, AC_EXCEPTION, req_exception_name(exc));
	}
	if (in->actual_minutes != NULL && validate_minutes("actual-minutes",
	    in->actual_minutes, REQ_MAX_MINUTES * 2, &actual, err) == -1)
		return (-1);
	if (in->reason != NULL) {
		if (validate_text("reason", in->reason, REASON_MAX_LEN,
		    err) == -1)
			return (-1);
		r->v[AC_REASON] = in->reason;
	}

	switch (state) {
	case REQ_COMPLETED:
		if (in->interpreter == NULL)
			return (tk_fail(err, TK_E_INVALID, "interpreter",
			    "'interpreter' is required for a completed"
			    " assignment: a register number, or unregistered"));
		if (unreg && in->exception == NULL)
			return (tk_fail(err, TK_E_INVALID, "exception",
			    "'exception' is required when the interpreter was"
			    " not in the register (tolkeloven § 7)"));
		if (in->reason != NULL)
			return (assignment_only("reason", "a cancelled or"
			    " unfilled", err));
		if (mod != MOD_ONSITE && in->remote == 0)
			return (tk_fail(err, TK_E_INVALID, "remote",
			    "'remote' cannot be false for %s interpreting",
			    in->modality));
		assignment_set_int(r, AC_REMOTE, mod != MOD_ONSITE ||
		    in->remote == 1);
		assignment_set_int(r, AC_ACTUAL, in->actual_minutes != NULL ?
		    actual : r->minutes);
		assignment_set_int(r, AC_CHILD, in->child_used == 1);
		break;
	case REQ_CANCELLED:
		if (unreg)
			return (tk_fail(err, TK_E_INVALID, "interpreter",
			    "'interpreter' of a cancelled assignment can only"
			    " be the register number of the one booked"));
		if (in->child_used >= 0)
			return (assignment_only("child-used", "a completed or"
			    " unfilled", err));
		/* FALLTHROUGH */
	default:
		if (state == REQ_UNFILLED && in->interpreter != NULL)
			return (tk_fail(err, TK_E_INVALID, "interpreter",
			    "'interpreter' is not given for an unfilled"
			    " assignment"));
		if (in->exception != NULL)
			return (assignment_only("exception", "a completed",
			    err));
		if (in->actual_minutes != NULL)
			return (assignment_only("actual-minutes", "a completed",
			    err));
		if (in->remote >= 0)
			return (assignment_only("remote", "a completed", err));
		if (in->child_used >= 0)
			assignment_set_int(r, AC_CHILD, in->child_used == 1);
		break;
	}

	if (in->provider != NULL) {
		for (i = 0; i < 3; i++) {
			if (strcmp(in->provider, provider_names[i]) == 0)
				p = (int)i;
		}
		if (p == -1)
			return (tk_fail(err, TK_E_INVALID, "provider",
			    "'provider' must be in-house, public-service or"
			    " private-agency"));
		assignment_set(r, AC_PROVIDER, provider_names[p]);
	}
	if (in->provider_orgnr != NULL) {
		if (p == -1)
			return (tk_fail(err, TK_E_INVALID, "provider-orgnr",
			    "'provider-orgnr' is given but 'provider' is not"));
		if (validate_orgnr("provider-orgnr", in->provider_orgnr,
		    err) == -1)
			return (-1);
		assignment_set(r, AC_PROVIDER_ORGNR, in->provider_orgnr);
	} else if (p > 0)
		return (tk_fail(err, TK_E_INVALID, "provider-orgnr",
		    "'provider-orgnr' is required for a %s provider",
		    provider_names[p]));
	return (0);
}

/* Bind the column values of r to parameters first... of s. */
static void
assignment_bind(sqlite3_stmt *s, int first,
    const struct assignment_row *r)
{
	int	c;

	for (c = 0; c < AC_NCOLS; c++) {
		if (r->v[c] == NULL)
			sqlite3_bind_null(s, first + c);
		else if (assignment_cols[c].integer)
			sqlite3_bind_int64(s, first + c,
			    strtoll(r->v[c], NULL, 10));
		else
			sqlite3_bind_text(s, first + c, r->v[c], -1,
			    SQLITE_TRANSIENT);
	}
}

/* Bind travel and busy times for r (first: travel_minutes) to s. */
static void
assignment_bind_busy(sqlite3_stmt *s, int first,
    const struct assignment_row *r, int travel)
{
	if (r->v[AC_REGNO] == NULL)
		return;
	sqlite3_bind_int(s, first, travel);
	sqlite3_bind_int64(s, first + 1, (sqlite3_int64)r->start -
	    travel * 60);
	sqlite3_bind_int64(s, first + 2, (sqlite3_int64)r->start +
	    r->minutes * 60 + travel * 60);
}

/*
 * The category the interpreter of a reported assignment held in its
 * language on the day it started, "" for none: whether it was done by a
 * qualified interpreter (§ 7), as Tolkemonitor counts it. Stored with the
 * row itself, so that the row is written once.
 */
static int
assignment_category(struct store *st, const struct assignment_row *r,
    char cat[2], struct tk_error *err)
{
	char	when[TIME_BUFLEN], day[DATE_BUFLEN];

	cat[0] = cat[1] = '\0';
	if (r->v[AC_REGNO] == NULL)
		return (0);
	tk_time_format(r->start, when);
	snprintf(day, sizeof(day), "%.10s", when);
	return (category_at(st, strtoll(r->v[AC_REGNO], NULL, 10),
	    r->v[AC_LANG], day, &cat[0], err));
}

/* Record a reported assignment, keyed by sender and ref. */
int
assignment_record(struct store *st, const struct assignment_input *in,
    enum assignment_result *result, struct tk_error *err)
{
	static const char	 find[] = "SELECT r.id, r.travel_minutes,"
	    " r.body, coalesce(r.sector, b.sector), r.lang, r.start,"
	    " r.minutes, r.modality, r.municipality, r.state, r.regno,"
	    " r.unregistered, r.exception, r.actual_minutes, r.remote,"
	    " r.child_used, r.provider, r.provider_orgnr, r.close_reason"
	    " FROM request r JOIN body b ON b.orgnr = r.body"
	    " WHERE r.sender = ?1 AND r.ext_ref = ?2";
	static const char	 ins[] = "INSERT INTO request (body, sector,"
	    " lang, start, minutes, modality, municipality, state, regno,"
	    " unregistered, exception, actual_minutes, remote, child_used,"
	    " provider, provider_orgnr, close_reason, travel_minutes,"
	    " busy_from, busy_to, sender, ext_ref, created, category)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
	    " ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24)";
	static const char	 upd[] = "UPDATE request SET body = ?2,"
	    " sector = ?3, lang = ?4, start = ?5, minutes = ?6,"
	    " modality = ?7, municipality = ?8, state = ?9, regno = ?10,"
	    " unregistered = ?11, exception = ?12, actual_minutes = ?13,"
	    " remote = ?14, child_used = ?15, provider = ?16,"
	    " provider_orgnr = ?17, close_reason = ?18,"
	    " travel_minutes = ?19, busy_from = ?20, busy_to = ?21,"
	    " category = ?22 WHERE id = ?1";
	struct assignment_row	 r;
	sqlite3_stmt		*s;
	enum req_state		 cur = REQ_REQUESTED;
	char			 old[AC_NCOLS][REASON_MAX_LEN + 1];
	char			 ids[32], now[21], key[128], cat[2];
	const char		*t;
	int64_t			 id = 0;
	int			 rc, c, travel = 0, same = 1, oldnull[AC_NCOLS];

	if (assignment_check(st, in, &r, err) == -1)
		return (-1);
	if ((s = store_stmt(st, find, err)) == NULL)
		return (-1);
	sqlite3_bind_text(s, 1, in->sender, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, in->ref, -1, SQLITE_TRANSIENT);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		id = sqlite3_column_int64(s, 0);
		for (c = 0; c < AC_NCOLS; c++) {
			t = (const char *)sqlite3_column_text(s, 2 + c);
			oldnull[c] = t == NULL;
			snprintf(old[c], sizeof(old[c]), "%s",
			    t != NULL ? t : "");
			if ((t == NULL) != (r.v[c] == NULL) ||
			    (t != NULL && strcmp(t, r.v[c]) != 0))
				same = 0;
		}
		if (r.v[AC_REGNO] != NULL && !oldnull[AC_REGNO] &&
		    strcmp(old[AC_REGNO], r.v[AC_REGNO]) == 0)
			travel = sqlite3_column_int(s, 1);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return (store_fail(st, err));

	if (id == 0) {
		if (assignment_category(st, &r, cat, err) == -1 ||
		    (s = store_stmt(st, ins, err)) == NULL)
			return (-1);
		audit_now(now);
		assignment_bind(s, 1, &r);
		assignment_bind_busy(s, 18, &r, 0);
		sqlite3_bind_text(s, 21, in->sender, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(s, 22, in->ref, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(s, 23, now, -1, SQLITE_TRANSIENT);
		if (cat[0] != '\0')
			sqlite3_bind_text(s, 24, cat, -1, SQLITE_TRANSIENT);
		if (store_step_done(st, s, err) == -1)
			return (-1);
		*result = ASSIGNMENT_ADDED;
		id = (int64_t)sqlite3_last_insert_rowid(store_db(st));
		snprintf(ids, sizeof(ids), "%" PRId64, id);
		snprintf(key, sizeof(key), "%s %s", in->sender, in->ref);
		return (audit_log(st, "request", ids, "report", NULL, NULL,
		    key, err));
	}
	req_state_parse(old[AC_STATE], &cur);
	if (cur == REQ_REQUESTED || cur == REQ_BOOKED)
		return (tk_fail(err, TK_E_CONFLICT, "state",
		    "request %" PRId64 " is %s in tolkreg; close it with"
		    " 'complete', 'cancel' or 'unfilled' instead", id,
		    req_state_name(cur)));
	if (same) {
		*result = ASSIGNMENT_UNCHANGED;
		return (0);
	}
	if (assignment_category(st, &r, cat, err) == -1 ||
	    (s = store_stmt(st, upd, err)) == NULL)
		return (-1);
	sqlite3_bind_int64(s, 1, id);
	assignment_bind(s, 2, &r);
	assignment_bind_busy(s, 19, &r, travel);
	if (cat[0] != '\0')
		sqlite3_bind_text(s, 22, cat, -1, SQLITE_TRANSIENT);
	if (store_step_done(st, s, err) == -1)
		return (-1);
	*result = ASSIGNMENT_CHANGED;
	snprintf(ids, sizeof(ids), "%" PRId64, id);
	for (c = 0; c < AC_NCOLS; c++) {
		if (oldnull[c] == (r.v[c] == NULL) &&
		    (r.v[c] == NULL || strcmp(old[c], r.v[c]) == 0))
			continue;
		if (audit_log(st, "request", ids, "report-update",
		    assignment_cols[c].column, oldnull[c] ? NULL : old[c],
		    r.v[c], err) == -1)
			return (-1);
	}
	return (0);
}
