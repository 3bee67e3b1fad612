/*
 * Requests for interpreters and their lifecycle. What tolkeloven asks
 * to be followed up is recorded when an assignment is closed: actual
 * duration, remote interpreting (§ 8), a child used (§ 4), and the § 7
 * exception when someone outside the register did the work.
 */
#include "config.h"

#include <errno.h>
#include <stddef.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "tolkreg/body.h"
#include "tolkreg/error.h"
#include "tolkreg/geo.h"
#include "tolkreg/interpreter.h"
#include "tolkreg/language.h"
#include "tolkreg/output.h"
#include "tolkreg/page.h"
#include "tolkreg/request.h"
#include "tolkreg/rules.h"
#include "tolkreg/store.h"
#include "tolkreg/validate.h"

static const char *const state_names[REQ_NSTATES] = {
	[REQ_REQUESTED] = "requested",
	[REQ_BOOKED] = "booked",
	[REQ_COMPLETED] = "completed",
	[REQ_CANCELLED] = "cancelled",
	[REQ_UNFILLED] = "unfilled",
};

static const char *const exception_names[EXC_NKINDS] = {
	[EXC_NOT_JUSTIFIABLE_TO_WAIT] = "not-justifiable-to-wait",
	[EXC_EMERGENCY] = "emergency",
	[EXC_OTHER_STRONG_REASONS] = "other-strong-reasons",
	[EXC_NONE_QUALIFIED] = "none-qualified",
};

/* The name of a state. */
const char *
req_state_name(enum req_state s)
{
	return ((unsigned int)s < REQ_NSTATES ? state_names[s] : "unknown");
}

/* Parse a state name. */
int
req_state_parse(const char *s, enum req_state *out)
{
	int	i;

	for (i = 0; i < REQ_NSTATES; i++) {
		if (strcmp(s, state_names[i]) == 0) {
			*out = (enum req_state)i;
			return (0);
		}
	}
	return (-1);
}

/* The name of a § 7 exception. */
const char *
req_exception_name(enum req_exception e)
{
	return ((unsigned int)e < EXC_NKINDS ? exception_names[e] :
	    "unknown");
}

/* Parse a § 7 exception name. */
int
req_exception_parse(const char *s, enum req_exception *out)
{
	int	i;

	for (i = 0; i < EXC_NKINDS; i++) {
		if (strcmp(s, exception_names[i]) == 0) {
			*out = (enum req_exception)i;
			return (0);
		}
	}
	return (-1);
}

const struct request_field request_fields[REQ_NFIELDS] = {
	{ "body", RK_TEXT, 1 },
	{ "lang", RK_TEXT, 1 },
	{ "start", RK_TEXT, 1 },
	{ "minutes", RK_NUMBER, 1 },
	{ "modality", RK_TEXT, 1 },
	{ "municipality", RK_TEXT, 0 },
	{ "min_category", RK_TEXT, 0 },
	{ "gender", RK_TEXT, 0 },
	{ "case", RK_TEXT, 0 },
	{ "exclude", RK_NUMBERS, 0 },
	{ "urgent", RK_FLAG, 0 },
};

/* Where each field of request_fields is held in a struct request_input. */
static const size_t field_off[REQ_NFIELDS] = {
	offsetof(struct request_input, body),
	offsetof(struct request_input, lang),
	offsetof(struct request_input, start),
	offsetof(struct request_input, minutes),
	offsetof(struct request_input, modality),
	offsetof(struct request_input, municipality),
	offsetof(struct request_input, min_category),
	offsetof(struct request_input, gender),
	offsetof(struct request_input, case_ref),
	offsetof(struct request_input, exclude),
	offsetof(struct request_input, urgent),
};

/* Set one field of a new request. */
void
request_input_set(struct request_input *in, size_t i, const char *value)
{
	char	*p = (char *)in + field_off[i];

	if (request_fields[i].kind == RK_FLAG)
		*(int *)(void *)p = value != NULL;
	else
		*(const char **)(void *)p = value;
}

/* The first required field not given. */
const char *
request_input_missing(const struct request_input *in)
{
	const char	*p;
	size_t		 i;

	for (i = 0; i < REQ_NFIELDS; i++) {
		p = (const char *)in + field_off[i];
		if (request_fields[i].required &&
		    *(const char *const *)(const void *)p == NULL)
			return (request_fields[i].name);
	}
	return (NULL);
}

/* Parse "10001,10002" into r->exclude. */
static int
parse_exclude(const char *s, struct request *r, struct tk_error *err)
{
	const char	*p;
	char		*end;
	long long	 v;

	for (p = s;; p = end + 1) {
		errno = 0;
		v = strtoll(p, &end, 10);
		if (*p < '0' || *p > '9' || errno != 0 || v <= 0 ||
		    (*end != ',' && *end != '\0'))
			return (tk_fail(err, TK_E_INVALID, "exclude",
			    "'exclude' must be a comma-separated list of"
			    " register numbers"));
		if (r->nexclude == REQ_MAX_EXCLUDE)
			return (tk_fail(err, TK_E_INVALID, "exclude",
			    "'exclude' lists more than %d interpreters",
			    REQ_MAX_EXCLUDE));
		r->exclude[r->nexclude++] = v;
		if (*end == '\0')
			break;
	}
	return (0);
}

/* Turn the input into a request, checking every rule. */
static int
request_check(struct store *st, const struct request_input *in,
    struct request *r, struct tk_error *err)
{
	static const struct {
		const char	*name;
		unsigned int	 bit;
	} mods[] = {
		{ "onsite", MOD_ONSITE }, { "video", MOD_VIDEO },
		{ "phone", MOD_PHONE },
	};
	struct body	b;
	size_t		i;

	memset(r, 0, sizeof(*r));
	if (request_input_missing(in) != NULL)
		return (tk_fail(err, TK_E_USAGE, NULL, "'--body', '--lang',"
		    " '--start', '--minutes' and '--modality' are required"));
	if (validate_orgnr("body", in->body, err) == -1)
		return (-1);
	if (body_get(st, in->body, &b, err) == -1)
		return (-1);
	snprintf(r->body, sizeof(r->body), "%s", in->body);
	if (language_check(st, "lang", in->lang, err) == -1)
		return (-1);
	snprintf(r->lang, sizeof(r->lang), "%s", in->lang);
	if (validate_datetime("start", in->start, &r->start, err) == -1 ||
	    validate_minutes("minutes", in->minutes, REQ_MAX_MINUTES,
	    &r->minutes, err) == -1)
		return (-1);
	for (i = 0; i < sizeof(mods) / sizeof(mods[0]); i++) {
		if (strcmp(in->modality, mods[i].name) == 0)
			r->modality = mods[i].bit;
	}
	if (r->modality == 0)
		return (tk_fail(err, TK_E_INVALID, "modality",
		    "'modality' must be onsite, video or phone"));
	if (in->municipality != NULL) {
		if (geo_municipality_check(st, "municipality", in->municipality,
		    err) == -1)
			return (-1);
		snprintf(r->municipality, sizeof(r->municipality), "%s",
		    in->municipality);
	} else if (r->modality == MOD_ONSITE)
		return (tk_fail(err, TK_E_INVALID, "municipality",
		    "'municipality' is required for on-site work"));
	r->min_category = 'E';
	if (in->min_category != NULL && validate_category("min_category",
	    in->min_category, &r->min_category, err) == -1)
		return (-1);
	if (in->gender != NULL &&
	    gender_parse("gender", in->gender, &r->gender, err) == -1)
		return (-1);
	if (in->case_ref != NULL) {
		if (validate_text("case", in->case_ref, CASE_MAX_LEN,
		    err) == -1)
			return (-1);
		snprintf(r->case_ref, sizeof(r->case_ref), "%s", in->case_ref);
	}
	if (in->exclude != NULL && parse_exclude(in->exclude, r, err) == -1)
		return (-1);
	r->urgent = in->urgent != 0;
	r->state = REQ_REQUESTED;
	return (0);
}

/* Record a request. */
int
request_add(struct store *st, const struct request_input *in, int64_t *id,
    struct tk_error *err)
{
	static const char	 sql[] = "INSERT INTO request (body, lang,"
	    " start, minutes, modality, municipality, min_category, gender,"
	    " case_ref, urgent, created) VALUES (?1, ?2, ?3, ?4, ?5, ?6,"
	    " ?7, ?8, ?9, ?10, ?11)";
	static const char	 exsql[] = "INSERT OR IGNORE INTO"
	    " request_exclude (request, regno) VALUES (?1, ?2)";
	struct request		 r;
	sqlite3_stmt		*s;
	char			 now[21], cat[2], g[2], ids[32], when[TIME_BUFLEN];
	char			 mod[16];
	size_t			 i;

	if (request_check(st, in, &r, err) == -1)
		return (-1);
	if ((s = store_stmt(st, sql, err)) == NULL)
		return (-1);
	audit_now(now);
	cat[0] = r.min_category;
	cat[1] = '\0';
	g[0] = r.gender;
	g[1] = '\0';
	modalities_format(r.modality, mod, sizeof(mod));
	sqlite3_bind_text(s, 1, r.body, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, r.lang, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 3, (sqlite3_int64)r.start);
	sqlite3_bind_int(s, 4, r.minutes);
	sqlite3_bind_text(s, 5, mod, -1, SQLITE_TRANSIENT);
	if (r.municipality[0] != '\0')
		sqlite3_bind_text(s, 6, r.municipality, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 7, cat, -1, SQLITE_TRANSIENT);
	if (r.gender != 0)
		sqlite3_bind_text(s, 8, g, -1, SQLITE_TRANSIENT);
	if (r.case_ref[0] != '\0')
		sqlite3_bind_text(s, 9, r.case_ref, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(s, 10, r.urgent);
	sqlite3_bind_text(s, 11, now, -1, SQLITE_TRANSIENT);
	if (store_step_done(st, s, err) == -1)
		return (-1);
	*id = sqlite3_last_insert_rowid(store_db(st));
	for (i = 0; i < r.nexclude; i++) {
		if ((s = store_stmt(st, exsql, err)) == NULL)
			return (-1);
		sqlite3_bind_int64(s, 1, *id);
		sqlite3_bind_int64(s, 2, r.exclude[i]);
		if (store_step_done(st, s, err) == -1)
			return (-1);
	}
	snprintf(ids, sizeof(ids), "%" PRId64, *id);
	tk_time_format(r.start, when);
	return (audit_log(st, "request", ids, "add", NULL, NULL, when, err));
}

/* Load request id. */
int
request_get(struct store *st, int64_t id, struct request *r,
    struct tk_error *err)
{
	static const char	 sql[] = "SELECT id, body, lang, start,"
	    " minutes, modality, coalesce(municipality, ''), min_category,"
	    " coalesce(gender, ''), coalesce(case_ref, ''), urgent, state,"
	    " coalesce(regno, 0), coalesce(category, ''),"
	    " coalesce(travel_minutes, 0),"
	    " coalesce(busy_from, 0), coalesce(busy_to, 0), unregistered,"
	    " coalesce(actual_minutes, -1), coalesce(remote, -1),"
	    " coalesce(child_used, -1), coalesce(exception, ''),"
	    " coalesce(close_reason, ''), tk_time(created) FROM request"
	    " WHERE id = ?1";
	static const char	 exsql[] = "SELECT regno FROM request_exclude"
	    " WHERE request = ?1 ORDER BY regno";
	sqlite3_stmt		*s;
	enum req_state		 state = REQ_REQUESTED;
	enum req_exception	 exc;
	unsigned int		 mod = 0;
	int			 rc;

	if ((s = store_stmt(st, sql, err)) == NULL)
		return (-1);
	sqlite3_bind_int64(s, 1, id);
	if ((rc = sqlite3_step(s)) != SQLITE_ROW) {
		sqlite3_reset(s);
		if (rc != SQLITE_DONE)
			return (store_fail(st, err));
		return (tk_fail(err, TK_E_NOTFOUND, "request",
		    "no request %" PRId64, id));
	}
	memset(r, 0, sizeof(*r));
	r->id = sqlite3_column_int64(s, 0);
	snprintf(r->body, sizeof(r->body), "%s", store_text(s, 1));
	snprintf(r->lang, sizeof(r->lang), "%s", store_text(s, 2));
	r->start = (time_t)sqlite3_column_int64(s, 3);
	r->minutes = sqlite3_column_int(s, 4);
	modalities_parse("modality", store_text(s, 5), &mod, NULL);
	r->modality = mod;
	snprintf(r->municipality, sizeof(r->municipality), "%s",
	    store_text(s, 6));
	r->min_category = store_text(s, 7)[0];
	r->gender = store_text(s, 8)[0];
	snprintf(r->case_ref, sizeof(r->case_ref), "%s", store_text(s, 9));
	r->urgent = sqlite3_column_int(s, 10);
	req_state_parse(store_text(s, 11), &state);
	r->state = state;
	r->regno = sqlite3_column_int64(s, 12);
	r->category = store_text(s, 13)[0];
	r->travel_minutes = sqlite3_column_int(s, 14);
	r->busy_from = (time_t)sqlite3_column_int64(s, 15);
	r->busy_to = (time_t)sqlite3_column_int64(s, 16);
	r->unregistered = sqlite3_column_int(s, 17);
	r->actual_minutes = sqlite3_column_int(s, 18);
	r->remote = sqlite3_column_int(s, 19);
	r->child_used = sqlite3_column_int(s, 20);
	r->exception = req_exception_parse(store_text(s, 21), &exc) == 0 ?
	    (int)exc : -1;
	snprintf(r->close_reason, sizeof(r->close_reason), "%s",
	    store_text(s, 22));
	snprintf(r->created, sizeof(r->created), "%s", store_text(s, 23));
	sqlite3_reset(s);

	if ((s = store_stmt(st, exsql, err)) == NULL)
		return (-1);
	sqlite3_bind_int64(s, 1, id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW &&
	    r->nexclude < REQ_MAX_EXCLUDE)
		r->exclude[r->nexclude++] = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return (rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 :
	    store_fail(st, err));
}

/* Refuse a transition from the current state. */
static int
refuse(const struct request *r, const char *what, struct tk_error *err)
{
	return (tk_fail(err, TK_E_CONFLICT, "state",
	    "request %" PRId64 " is %s and cannot be %s", r->id,
	    req_state_name(r->state), what));
}

/* Close a request: new state, reason, and audit. */
static int
close_request(struct store *st, const struct request *r,
    enum req_state state, const char *reason, struct tk_error *err)
{
	static const char	 sql[] = "UPDATE request SET state = ?2,"
	    " close_reason = ?3 WHERE id = ?1";
	sqlite3_stmt		*s;
	char			 ids[32];

	if ((s = store_stmt(st, sql, err)) == NULL)
		return (-1);
	sqlite3_bind_int64(s, 1, r->id);
	sqlite3_bind_text(s, 2, req_state_name(state), -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, reason, -1, SQLITE_TRANSIENT);
	if (store_step_done(st, s, err) == -1)
		return (-1);
	snprintf(ids, sizeof(ids), "%" PRId64, r->id);
	return (audit_log(st, "request", ids, req_state_name(state), "state",
	    req_state_name(r->state), req_state_name(state), err));
}

/* Cancel a requested or booked request. */
int
request_cancel(struct store *st, int64_t id, const char *reason,
    struct tk_error *err)
{
	struct request	r;

	if (request_get(st, id, &r, err) == -1)
		return (-1);
	if (r.state != REQ_REQUESTED && r.state != REQ_BOOKED)
		return (refuse(&r, "cancelled", err));
	if (validate_text("reason", reason, REASON_MAX_LEN, err) == -1)
		return (-1);
	return (close_request(st, &r, REQ_CANCELLED, reason, err));
}

/* Close a requested request as unfilled. */
int
request_unfilled(struct store *st, int64_t id, const char *reason,
    struct tk_error *err)
{
	struct request	r;

	if (request_get(st, id, &r, err) == -1)
		return (-1);
	if (r.state != REQ_REQUESTED)
		return (refuse(&r, "closed as unfilled", err));
	if (validate_text("reason", reason, REASON_MAX_LEN, err) == -1)
		return (-1);
	return (close_request(st, &r, REQ_UNFILLED, reason, err));
}

/* Complete a request. */
int
request_complete(struct store *st, int64_t id, const struct completion *c,
    struct tk_error *err)
{
	static const char	 sql[] = "UPDATE request SET state ="
	    " 'completed', actual_minutes = ?2, remote = ?3, child_used = ?4,"
	    " unregistered = ?5, exception = ?6 WHERE id = ?1";
	struct request		 r;
	enum req_exception	 exc = EXC_NKINDS;
	sqlite3_stmt		*s;
	char			 ids[32];
	int			 minutes;

	if (request_get(st, id, &r, err) == -1)
		return (-1);
	if (c->unregistered) {
		if (r.state != REQ_REQUESTED)
			return (tk_fail(err, TK_E_CONFLICT, "state",
			    "request %" PRId64 " is %s; only a request with no"
			    " booking can be completed by an unregistered"
			    " interpreter", id, req_state_name(r.state)));
		if (c->exception == NULL)
			return (tk_fail(err, TK_E_INVALID, "unqualified_reason",
			    "'unqualified_reason' is required when the"
			    " interpreter was not in the register (tolkeloven"
			    " § 7)"));
	} else {
		if (r.state != REQ_BOOKED)
			return (refuse(&r, "completed", err));
		if (c->exception != NULL)
			return (tk_fail(err, TK_E_INVALID, "unqualified_reason",
			    "'unqualified_reason' applies only with"
			    " 'unregistered': the booked interpreter is"
			    " qualified"));
	}
	if (c->exception != NULL &&
	    req_exception_parse(c->exception, &exc) == -1)
		return (tk_fail(err, TK_E_INVALID, "unqualified_reason",
		    "'unqualified_reason' must be not-justifiable-to-wait,"
		    " emergency, other-strong-reasons or none-qualified"));
	minutes = r.minutes;
	if (c->minutes != NULL && validate_minutes("minutes", c->minutes,
	    REQ_MAX_MINUTES * 2, &minutes, err) == -1)
		return (-1);
	if ((s = store_stmt(st, sql, err)) == NULL)
		return (-1);
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int(s, 2, minutes);
	sqlite3_bind_int(s, 3, c->remote || r.modality != MOD_ONSITE);
	sqlite3_bind_int(s, 4, c->child_used != 0);
	sqlite3_bind_int(s, 5, c->unregistered != 0);
	if (exc != EXC_NKINDS)
		sqlite3_bind_text(s, 6, req_exception_name(exc), -1,
		    SQLITE_STATIC);
	if (store_step_done(st, s, err) == -1)
		return (-1);
	snprintf(ids, sizeof(ids), "%" PRId64, id);
	return (audit_log(st, "request", ids, "completed", "state",
	    req_state_name(r.state), c->unregistered ?
	    "completed (unregistered)" : "completed", err));
}

/* Record the booking of request r with regno. */
int
request_set_booked(struct store *st, const struct request *r, int64_t regno,
    char category, int travel_minutes, struct tk_error *err)
{
	static const char	 sql[] = "UPDATE request SET state = 'booked',"
	    " regno = ?2, travel_minutes = ?3, busy_from = ?4, busy_to = ?5,"
	    " category = ?6 WHERE id = ?1 AND state = 'requested'";
	char			 cat[2] = { category, '\0' };
	sqlite3_stmt		*s;
	char			 ids[32], who[32];

	if ((s = store_stmt(st, sql, err)) == NULL)
		return (-1);
	sqlite3_bind_int64(s, 1, r->id);
	sqlite3_bind_int64(s, 2, regno);
	sqlite3_bind_int(s, 3, travel_minutes);
	sqlite3_bind_int64(s, 4, (sqlite3_int64)r->start -
	    travel_minutes * 60);
	sqlite3_bind_int64(s, 5, (sqlite3_int64)r->start + r->minutes * 60 +
	    travel_minutes * 60);
	sqlite3_bind_text(s, 6, cat, -1, SQLITE_TRANSIENT);
	if (store_step_done(st, s, err) == -1)
		return (-1);
	if (sqlite3_changes(store_db(st)) != 1)
		return (tk_fail(err, TK_E_CONFLICT, "state",
		    "request %" PRId64 " is no longer open", r->id));
	snprintf(ids, sizeof(ids), "%" PRId64, r->id);
	snprintf(who, sizeof(who), "%" PRId64, regno);
	return (audit_log(st, "request", ids, "booked", "regno", NULL, who,
	    err));
}

/*
 * The request list, by start and then id; the page's cursor is that key
 * (?7, ?8) and its limit ?9.
 */
#define LIST_SQL(after) "SELECT id, body, lang, start, minutes,"	\
    " modality, coalesce(municipality, ''), state, coalesce(regno, ''),"	\
    " coalesce(case_ref, ''), CASE urgent WHEN 1 THEN 'yes' ELSE 'no' END,"	\
    " start, id"							\
    " FROM request WHERE (?1 IS NULL OR body = ?1)"			\
    " AND (?2 IS NULL OR state = ?2) AND (?3 IS NULL OR lang = ?3)"	\
    " AND (?4 IS NULL OR start >= ?4) AND (?5 IS NULL OR start < ?5)"	\
    " AND (?6 IS NULL OR regno = ?6)" after				\
    " ORDER BY start, id LIMIT ?9"
static const char list_sql[] = LIST_SQL("");
static const char list_after_sql[] = LIST_SQL(" AND (start, id) > (?7, ?8)");

/* Midnight Europe/Oslo at the start of date d plus days days. */
static int
date_instant(const char *field, const char *d, int days, time_t *out,
    struct tk_error *err)
{
	struct tm	tm;
	time_t		t;
	char		buf[32];

	if (validate_date(field, d, err) == -1)
		return (-1);
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = atoi(d) - 1900;
	tm.tm_mon = atoi(d + 5) - 1;
	tm.tm_mday = atoi(d + 8) + days;
	tm.tm_hour = 12;
	t = timegm(&tm);		/* normalises the day */
	gmtime_r(&t, &tm);
	strftime(buf, sizeof(buf), "%Y-%m-%dT00:00", &tm);
	return (validate_datetime(field, buf, out, err));
}

/* Requests matching f. */
int
request_list(struct store *st, const struct request_filter *f,
    struct page *pg, struct table *t, struct tk_error *err)
{
	sqlite3_stmt	*s;
	enum req_state	 state;
	time_t		 from = 0, to = 0;
	char		 when[TIME_BUFLEN];
	int		 rc;

	if (f->state != NULL && req_state_parse(f->state, &state) == -1)
		return (tk_fail(err, TK_E_INVALID, "state", "'state' must be"
		    " requested, booked, completed, cancelled or unfilled"));
	if ((f->body != NULL && validate_orgnr("body", f->body, err) == -1) ||
	    (f->lang != NULL &&
	    language_check(st, "lang", f->lang, err) == -1) ||
	    (f->from != NULL && date_instant("from", f->from, 0, &from,
	    err) == -1) ||
	    (f->to != NULL && date_instant("to", f->to, 1, &to, err) == -1))
		return (-1);
	if ((s = store_stmt(st, page_sql(pg, list_sql, list_after_sql),
	    err)) == NULL || page_bind(pg, s, 7, "ii", err) == -1)
		return (-1);
	if (f->body != NULL)
		sqlite3_bind_text(s, 1, f->body, -1, SQLITE_TRANSIENT);
	if (f->state != NULL)
		sqlite3_bind_text(s, 2, f->state, -1, SQLITE_TRANSIENT);
	if (f->lang != NULL)
		sqlite3_bind_text(s, 3, f->lang, -1, SQLITE_TRANSIENT);
	if (f->from != NULL)
		sqlite3_bind_int64(s, 4, (sqlite3_int64)from);
	if (f->to != NULL)
		sqlite3_bind_int64(s, 5, (sqlite3_int64)to);
	if (f->regno != 0)
		sqlite3_bind_int64(s, 6, f->regno);
	table_col(t, "id", TCOL_INT);
	table_col(t, "body", TCOL_STR);
	table_col(t, "lang", TCOL_STR);
	table_col(t, "start", TCOL_STR);
	table_col(t, "minutes", TCOL_INT);
	table_col(t, "modality", TCOL_STR);
	table_col(t, "municipality", TCOL_NSTR);
	table_col(t, "state", TCOL_STR);
	table_col(t, "regno", TCOL_INT);
	table_col(t, "case_ref", TCOL_NSTR);
	table_col(t, "urgent", TCOL_BOOL);
	while ((rc = page_step(pg, s, 11, "ii")) == SQLITE_ROW) {
		table_row(t);
		table_put(t, store_text(s, 0));
		table_put(t, store_text(s, 1));
		table_put(t, store_text(s, 2));
		tk_time_format((time_t)sqlite3_column_int64(s, 3), when);
		table_put(t, when);
		table_put(t, store_text(s, 4));
		table_put(t, store_text(s, 5));
		table_put(t, store_text(s, 6));
		table_put(t, store_text(s, 7));
		table_put(t, store_text(s, 8));
		table_put(t, store_text(s, 9));
		table_put(t, store_text(s, 10));
	}
	sqlite3_reset(s);
	return (rc == SQLITE_DONE ? 0 : store_fail(st, err));
}
