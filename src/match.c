/*
 * The matching core and booking. One request in, every interpreter
 * with a category in its language out: the eligible in rank order with
 * the reasons for their place, and the rest with the hard rule that
 * excluded them. Booking re-runs the match inside the booking's
 * IMMEDIATE transaction, so the check and the write see the same
 * register and two bookers can never both take one interpreter's time.
 * The policy is written here and only here (see match.h, tolkreg(1)).
 */
#include "config.h"

#include <inttypes.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "tolkreg/error.h"
#include "tolkreg/geo.h"
#include "tolkreg/interpreter.h"
#include "tolkreg/match.h"
#include "tolkreg/output.h"
#include "tolkreg/request.h"
#include "tolkreg/store.h"
#include "tolkreg/validate.h"
#include "tolkreg/xmalloc.h"

static const struct {
	const char	*name;
	const char	*text;
} rules[RULE_NRULES] = {
	[RULE_LISTED] = { "listed", "not currently listed in the register" },
	[RULE_CATEGORY] = { "category",
	    "category in the language below the minimum asked for" },
	[RULE_MODALITY] = { "modality", "does not offer the modality" },
	[RULE_GENDER] = { "gender", "not the gender asked for" },
	[RULE_EXCLUDED] = { "excluded",
	    "on the request's exclusion list" },
	[RULE_CONFLICT] = { "conflict",
	    "has declared a conflict with the body (habilitet, § 16)" },
	[RULE_DISTANCE] = { "distance", "too far to travel on site" },
	[RULE_BOOKED] = { "booked",
	    "booked at the time, travel there and back included" },
	[RULE_UNAVAILABLE] = { "unavailable",
	    "has declared unavailability at the time" },
};

/* Short name of a rule. */
const char *
match_rule_name(enum match_rule r)
{
	return ((unsigned int)r < RULE_NRULES ? rules[r].name : "eligible");
}

/* One line on a rule. */
const char *
match_rule_text(enum match_rule r)
{
	return ((unsigned int)r < RULE_NRULES ? rules[r].text : "eligible");
}

/* One-way travel minutes for a straight-line distance. */
int
match_travel_minutes(double km)
{
	double	m;

	m = ceil(km * MATCH_ROAD_FACTOR / MATCH_SPEED_KMH * 60.0);
	return (m < MATCH_TRAVEL_MIN_MIN ? MATCH_TRAVEL_MIN_MIN : (int)m);
}

/* The travel band of a one-way travel time. */
int
match_travel_band(int minutes)
{
	if (minutes <= 30)
		return (0);
	if (minutes <= 60)
		return (1);
	if (minutes <= 120)
		return (2);
	return (3);
}

/* The ranking policy: negative when a goes before b. */
static int
candidate_cmp(const void *va, const void *vb)
{
	const struct candidate	*a = va, *b = vb;

	if ((a->rule == RULE_NONE) != (b->rule == RULE_NONE))
		return (a->rule == RULE_NONE ? -1 : 1);
	if (a->rule != RULE_NONE)	/* excluded: by rule, then regno */
		return (a->rule != b->rule ? (int)a->rule - (int)b->rule :
		    (a->regno > b->regno) - (a->regno < b->regno));
	if (a->category != b->category)
		return (a->category - b->category);
	if (a->continuity != b->continuity)
		return (b->continuity - a->continuity);
	if (a->travel_band != b->travel_band)
		return (a->travel_band - b->travel_band);
	if (a->booked_minutes != b->booked_minutes)
		return (a->booked_minutes - b->booked_minutes);
	return ((a->regno > b->regno) - (a->regno < b->regno));
}

static int
int64_cmp(const void *va, const void *vb)
{
	int64_t	a = *(const int64_t *)va, b = *(const int64_t *)vb;

	return ((a > b) - (a < b));
}

/* Whether regno is in the sorted array v[n]. */
static int
has(const int64_t *v, size_t n, int64_t regno)
{
	return (n > 0 && bsearch(&regno, v, n, sizeof(*v), int64_cmp) != NULL);
}

static struct candidate	*find_candidate(struct candidate *, size_t,
			    int64_t);

/* The interpreters who declared a conflict with body, sorted. */
static int
load_conflicts(struct store *st, const char *body, int64_t **out, size_t *n,
    struct tk_error *err)
{
	static const char	 sql[] = "SELECT regno FROM conflict"
	    " WHERE body = ?1 ORDER BY regno";
	sqlite3_stmt		*s;
	size_t			 cap = 0;
	int			 rc;

	*out = NULL;
	*n = 0;
	if ((s = store_stmt(st, sql, err)) == NULL)
		return (-1);
	sqlite3_bind_text(s, 1, body, -1, SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap == 0 ? 16 : cap * 2;
			*out = xreallocarray(*out, cap, sizeof(**out));
		}
		(*out)[(*n)++] = sqlite3_column_int64(s, 0);
	}
	sqlite3_reset(s);
	return (rc == SQLITE_DONE ? 0 : store_fail(st, err));
}

/* Earlier bookings on the request's case for its body, per interpreter. */
static int
load_continuity(struct store *st, const struct request *r,
    struct candidate *c, size_t n, struct tk_error *err)
{
	static const char	 sql[] = "SELECT regno, count(*) FROM request"
	    " WHERE body = ?1 AND case_ref = ?2 AND regno IS NOT NULL"
	    " AND state IN ('booked', 'completed') AND id <> ?3"
	    " AND start < ?4 GROUP BY regno";
	struct candidate	*hit;
	sqlite3_stmt		*s;
	int			 rc;

	if (r->case_ref[0] == '\0')
		return (0);
	if ((s = store_stmt(st, sql, err)) == NULL)
		return (-1);
	sqlite3_bind_text(s, 1, r->body, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, r->case_ref, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 3, r->id);
	sqlite3_bind_int64(s, 4, (sqlite3_int64)r->start);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		/* c is sorted by regno at this point. */
		hit = find_candidate(c, n, sqlite3_column_int64(s, 0));
		if (hit != NULL)
			hit->continuity = sqlite3_column_int(s, 1);
	}
	sqlite3_reset(s);
	return (rc == SQLITE_DONE ? 0 : store_fail(st, err));
}

/* The point of the request's municipality, for on-site work. */
static int
site_point(struct store *st, const struct request *r, double *lat,
    double *lon, struct tk_error *err)
{
	static const char	 sql[] = "SELECT lat, lon FROM municipality"
	    " WHERE code = ?1";
	sqlite3_stmt		*s;

	if ((s = store_stmt(st, sql, err)) == NULL)
		return (-1);
	sqlite3_bind_text(s, 1, r->municipality, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(s) != SQLITE_ROW) {
		sqlite3_reset(s);
		return (tk_fail(err, TK_E_INVALID, "municipality",
		    "'municipality' of request %" PRId64 " is unknown",
		    r->id));
	}
	*lat = sqlite3_column_double(s, 0);
	*lon = sqlite3_column_double(s, 1);
	sqlite3_reset(s);
	return (0);
}

/* The candidate with regno in c[n] (sorted by regno), or NULL. */
static struct candidate *
find_candidate(struct candidate *c, size_t n, int64_t regno)
{
	/* regno is the first member, so int64_cmp compares candidates. */
	return (bsearch(&regno, c, n, sizeof(*c), int64_cmp));
}

/* The window of time c would be taken by r: travel both ways. */
static void
taken(const struct request *r, const struct candidate *c, time_t *from,
    time_t *to)
{
	*from = r->start - (time_t)c->travel_minutes * 60;
	*to = r->start + (time_t)(r->minutes + c->travel_minutes) * 60;
}

/*
 * The rules that need no further query, in their order: listed,
 * category, modality, gender, excluded, conflict, distance.
 */
static void
cheap_rules(const struct request *r, struct candidate *c, const char *status,
    const char *until, char gender, unsigned int modalities, double km,
    const int64_t *conflicts, size_t nconflicts, const char *day)
{
	struct interpreter	in;
	size_t			i;

	memset(&in, 0, sizeof(in));
	in.status = strcmp(status, "listed") == 0 ? LIST_LISTED :
	    strcmp(status, "suspended") == 0 ? LIST_SUSPENDED :
	    strcmp(status, "excluded") == 0 ? LIST_EXCLUDED : LIST_WITHDRAWN;
	snprintf(in.status_until, sizeof(in.status_until), "%s", until);
	c->rule = RULE_NONE;
	if (interpreter_effective(&in, day) != LIST_LISTED) {
		c->rule = RULE_LISTED;
		return;
	}
	if (c->category > r->min_category) {
		c->rule = RULE_CATEGORY;
		return;
	}
	if ((modalities & r->modality) == 0) {
		c->rule = RULE_MODALITY;
		return;
	}
	if (r->gender != 0 && gender != r->gender) {
		c->rule = RULE_GENDER;
		return;
	}
	for (i = 0; i < r->nexclude; i++) {
		if (r->exclude[i] == c->regno) {
			c->rule = RULE_EXCLUDED;
			return;
		}
	}
	if (has(conflicts, nconflicts, c->regno)) {
		c->rule = RULE_CONFLICT;
		return;
	}
	if (r->modality == MOD_ONSITE) {
		c->travel_minutes = match_travel_minutes(km);
		c->travel_band = match_travel_band(c->travel_minutes);
		if (c->travel_minutes > MATCH_TRAVEL_MAX_MIN)
			c->rule = RULE_DISTANCE;
	}
}

/*
 * One pass over the bookings, in the language's candidates, that could
 * overlap the request: mark the still-eligible who are booked at the
 * time. A booking lasts at most REQ_MAX_MINUTES plus travel both ways,
 * which bounds how early an overlapping one can begin.
 */
static int
apply_bookings(struct store *st, const struct request *r,
    struct candidate *c, size_t n, struct tk_error *err)
{
	static const char	 sql[] = "SELECT b.regno, b.busy_from,"
	    " b.busy_to FROM qualification q"
	    " JOIN request b ON b.regno = q.regno"
	    " AND b.busy_from >= ?2 AND b.busy_from < ?3"
	    " WHERE q.lang = ?1 AND b.state IN ('booked', 'completed')"
	    " AND b.id <> ?4";
	struct candidate	*k;
	sqlite3_stmt		*s;
	time_t			 from, to;
	int			 rc;

	if ((s = store_stmt(st, sql, err)) == NULL)
		return (-1);
	sqlite3_bind_text(s, 1, r->lang, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 2, (sqlite3_int64)r->start -
	    (sqlite3_int64)(REQ_MAX_MINUTES + 3 * MATCH_TRAVEL_MAX_MIN) * 60);
	sqlite3_bind_int64(s, 3, (sqlite3_int64)r->start +
	    (sqlite3_int64)(r->minutes + MATCH_TRAVEL_MAX_MIN) * 60);
	sqlite3_bind_int64(s, 4, r->id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		k = find_candidate(c, n, sqlite3_column_int64(s, 0));
		if (k == NULL || k->rule != RULE_NONE)
			continue;
		taken(r, k, &from, &to);
		if ((time_t)sqlite3_column_int64(s, 1) < to &&
		    (time_t)sqlite3_column_int64(s, 2) > from)
			k->rule = RULE_BOOKED;
	}
	sqlite3_reset(s);
	return (rc == SQLITE_DONE ? 0 : store_fail(st, err));
}

/* Minutes regno has booked with a start in the fairness window of r. */
static int
fairness(struct store *st, const struct request *r, struct candidate *c,
    struct tk_error *err)
{
	/* busy_from is start less travel: the index bounds the scan. */
	static const char	 sql[] = "SELECT coalesce(sum(minutes), 0)"
	    " FROM request WHERE regno = ?1"
	    " AND busy_from >= ?2 - ?4 AND busy_from < ?3"
	    " AND start >= ?2 AND start < ?3"
	    " AND state IN ('booked', 'completed')";
	sqlite3_stmt		*s;

	if ((s = store_stmt(st, sql, err)) == NULL)
		return (-1);
	sqlite3_bind_int64(s, 1, c->regno);
	sqlite3_bind_int64(s, 2, (sqlite3_int64)r->start -
	    (sqlite3_int64)MATCH_FAIRNESS_DAYS * 86400);
	sqlite3_bind_int64(s, 3, (sqlite3_int64)r->start);
	sqlite3_bind_int(s, 4, MATCH_TRAVEL_MAX_MIN * 60);
	if (sqlite3_step(s) != SQLITE_ROW) {
		sqlite3_reset(s);
		return (store_fail(st, err));
	}
	c->booked_minutes = sqlite3_column_int(s, 0);
	sqlite3_reset(s);
	return (0);
}

/* Mark the still-eligible who declared unavailability at the time. */
static int
apply_unavailability(struct store *st, const struct request *r,
    struct candidate *c, size_t n, struct tk_error *err)
{
	static const char	 sql[] = "SELECT u.regno, u.start, u.end"
	    " FROM qualification q JOIN unavailability u ON u.regno = q.regno"
	    " AND u.start < ?3 WHERE q.lang = ?1 AND u.end > ?2";
	struct candidate	*k;
	sqlite3_stmt		*s;
	time_t			 from, to;
	int			 rc;

	if ((s = store_stmt(st, sql, err)) == NULL)
		return (-1);
	sqlite3_bind_text(s, 1, r->lang, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 2, (sqlite3_int64)r->start -
	    MATCH_TRAVEL_MAX_MIN * 60);
	sqlite3_bind_int64(s, 3, (sqlite3_int64)r->start +
	    (sqlite3_int64)(r->minutes + MATCH_TRAVEL_MAX_MIN) * 60);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		k = find_candidate(c, n, sqlite3_column_int64(s, 0));
		if (k == NULL || k->rule != RULE_NONE)
			continue;
		taken(r, k, &from, &to);
		if ((time_t)sqlite3_column_int64(s, 1) < to &&
		    (time_t)sqlite3_column_int64(s, 2) > from)
			k->rule = RULE_UNAVAILABLE;
	}
	sqlite3_reset(s);
	return (rc == SQLITE_DONE ? 0 : store_fail(st, err));
}

/* Rank every interpreter with a category in the request's language. */
static int
match_rank(struct store *st, const struct request *r,
    struct match_result *out, struct tk_error *err)
{
	static const char	 sql[] = "SELECT q.regno, i.name, q.category,"
	    " i.status, coalesce(i.status_until, ''), i.gender, i.modalities,"
	    " m.lat, m.lon FROM qualification q"
	    " JOIN interpreter i ON i.regno = q.regno"
	    " JOIN municipality m ON m.code = i.municipality"
	    " WHERE q.lang = ?1 ORDER BY q.regno";
	struct candidate	*c;
	sqlite3_stmt		*s;
	int64_t			*conflicts = NULL;
	size_t			 nconflicts = 0, cap = 0, i;
	double			 slat = 0, slon = 0, km;
	char			 day[DATE_BUFLEN], when[TIME_BUFLEN];
	int			 rc;

	memset(out, 0, sizeof(*out));
	/* Listing status as it will be when the work starts. */
	tk_time_format(r->start, when);
	snprintf(day, sizeof(day), "%.10s", when);
	if (r->modality == MOD_ONSITE &&
	    site_point(st, r, &slat, &slon, err) == -1)
		return (-1);
	if (load_conflicts(st, r->body, &conflicts, &nconflicts, err) == -1)
		return (-1);
	if ((s = store_stmt(st, sql, err)) == NULL)
		goto fail;
	sqlite3_bind_text(s, 1, r->lang, -1, SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (out->n == cap) {
			cap = cap == 0 ? 64 : cap * 2;
			out->c = xreallocarray(out->c, cap, sizeof(*out->c));
		}
		c = &out->c[out->n++];
		memset(c, 0, sizeof(*c));
		c->regno = sqlite3_column_int64(s, 0);
		snprintf(c->name, sizeof(c->name), "%s", store_text(s, 1));
		c->category = store_text(s, 2)[0];
		km = r->modality == MOD_ONSITE ? geo_haversine_km(
		    sqlite3_column_double(s, 7), sqlite3_column_double(s, 8),
		    slat, slon) : 0.0;
		cheap_rules(r, c, store_text(s, 3), store_text(s, 4),
		    store_text(s, 5)[0], (unsigned int)sqlite3_column_int(s, 6),
		    km, conflicts, nconflicts, day);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		store_fail(st, err);
		goto fail;
	}
	if (apply_bookings(st, r, out->c, out->n, err) == -1 ||
	    apply_unavailability(st, r, out->c, out->n, err) == -1 ||
	    load_continuity(st, r, out->c, out->n, err) == -1)
		goto fail;
	for (i = 0; i < out->n; i++) {
		if (out->c[i].rule != RULE_NONE)
			out->nrule[out->c[i].rule]++;
		else if (fairness(st, r, &out->c[i], err) == -1)
			goto fail;
		else
			out->neligible++;
	}
	if (out->n > 0)
		qsort(out->c, out->n, sizeof(*out->c), candidate_cmp);
	for (i = 0; i < out->neligible; i++)
		out->c[i].rank = (int)i + 1;
	free(conflicts);
	return (0);
fail:
	free(conflicts);
	match_result_release(out);
	return (-1);
}

/* Rank every interpreter, in one read snapshot of the register. */
int
match_run(struct store *st, const struct request *r,
    struct match_result *out, struct tk_error *err)
{
	int	mine, rc;

	memset(out, 0, sizeof(*out));
	if (store_snapshot(st, &mine, err) == -1)
		return (-1);
	rc = match_rank(st, r, out, err);
	store_snapshot_end(st, mine);
	return (rc);
}

/* Free what match_run() allocated. */
void
match_result_release(struct match_result *m)
{
	free(m->c);
	memset(m, 0, sizeof(*m));
}

/* Why no one is eligible. */
void
match_why_none(const struct match_result *m, char *buf, size_t len)
{
	size_t	i, used;

	if (m->n == 0) {
		snprintf(buf, len, "no interpreter in the register has a"
		    " category in the language");
		return;
	}
	used = (size_t)snprintf(buf, len, "none of the %zu interpreters in"
	    " the language is eligible:", m->n);
	for (i = 0; i < RULE_NRULES && used < len; i++) {
		if (m->nrule[i] > 0)
			used += (size_t)snprintf(buf + used, len - used,
			    " %zu %s,", m->nrule[i],
			    match_rule_name((enum match_rule)i));
	}
	if (used < len && used > 0 && buf[used - 1] == ',')
		buf[used - 1] = '\0';
}

/* The reasons for one candidate's place. */
void
match_reasons(const struct request *r, const struct candidate *c,
    char *buf, size_t len)
{
	if (c->rule != RULE_NONE) {
		snprintf(buf, len, "excluded (%s): %s",
		    match_rule_name(c->rule), match_rule_text(c->rule));
		return;
	}
	snprintf(buf, len, "category %c; %d earlier booking%s on the case;"
	    " %s; %d min booked in the %d days before",
	    c->category, c->continuity, c->continuity == 1 ? "" : "s",
	    r->modality == MOD_ONSITE ? (c->travel_band == 0 ?
	    "travel band 0 (up to 30 min)" : c->travel_band == 1 ?
	    "travel band 1 (up to 60 min)" : c->travel_band == 2 ?
	    "travel band 2 (up to 120 min)" : "travel band 3 (over 120 min)") :
	    "no travel (remote)", c->booked_minutes, MATCH_FAIRNESS_DAYS);
}

/* The columns of a ranking table. */
static void
ranking_cols(struct table *t)
{
	table_col(t, "rank", TCOL_INT);
	table_col(t, "regno", TCOL_INT);
	table_col(t, "name", TCOL_STR);
	table_col(t, "category", TCOL_STR);
	table_col(t, "travel_minutes", TCOL_INT);
	table_col(t, "booked_minutes_30d", TCOL_INT);
	table_col(t, "continuity", TCOL_INT);
	table_col(t, "eligible", TCOL_BOOL);
	table_col(t, "reasons", TCOL_STR);
}

/* One ranking row; figures not computed for the excluded are empty. */
static void
ranking_row(const struct request *r, const struct candidate *c,
    struct table *t)
{
	char	why[512];
	int	ok = c->rule == RULE_NONE;

	table_row(t);
	if (ok)
		table_put_int(t, c->rank);
	else
		table_put(t, "");
	table_put_int(t, c->regno);
	table_put(t, c->name);
	table_putf(t, "%c", c->category);
	if (ok || c->rule > RULE_DISTANCE ||
	    (c->rule == RULE_DISTANCE && r->modality == MOD_ONSITE))
		table_put_int(t, c->travel_minutes);
	else
		table_put(t, "");
	if (ok)
		table_put_int(t, c->booked_minutes);
	else
		table_put(t, "");
	table_put_int(t, c->continuity);
	table_put(t, ok ? "yes" : "no");
	match_reasons(r, c, why, sizeof(why));
	table_put(t, why);
}

/* Fill t with the ranking. */
void
match_table(const struct request *r, const struct match_result *m,
    size_t limit, int explain, struct table *t)
{
	const struct candidate	*c;
	size_t			 i;

	ranking_cols(t);
	for (i = 0; i < m->n; i++) {
		c = &m->c[i];
		if (c->rule == RULE_NONE ? (limit == 0 || i < limit) : explain)
			ranking_row(r, c, t);
	}
}

/*
 * Store the ranking a booking was made from: every candidate as a
 * compact JSON array [regno, rank, rule, category, travel, booked
 * minutes, continuity]; names and reasons are rebuilt when shown.
 */
static int
ranking_store(struct store *st, const struct request *r,
    const struct match_result *m, struct tk_error *err)
{
	static const char	 sql[] = "INSERT OR REPLACE INTO ranking"
	    " (request, made, actor, ranking) VALUES (?1, ?2, ?3, ?4)";
	const struct candidate	*c;
	sqlite3_stmt		*s;
	json_t			*a;
	char			*text, now[21], cat[2];
	size_t			 i;

	a = json_array();
	for (i = 0; i < m->n; i++) {
		c = &m->c[i];
		cat[0] = c->category;
		cat[1] = '\0';
		json_array_append_new(a, json_pack("[I,i,s,s,i,i,i]",
		    (json_int_t)c->regno, c->rank, match_rule_name(c->rule),
		    cat, c->travel_minutes, c->booked_minutes, c->continuity));
	}
	text = json_dumps(a, JSON_COMPACT);
	json_decref(a);
	if (text == NULL)
		return (tk_fail(err, TK_E_STORE, NULL,
		    "cannot encode the ranking"));
	if ((s = store_stmt(st, sql, err)) == NULL) {
		free(text);
		return (-1);
	}
	audit_now(now);
	sqlite3_bind_int64(s, 1, r->id);
	sqlite3_bind_text(s, 2, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 3, store_actor(st), -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 4, text, -1, free);
	return (store_step_done(st, s, err));
}

/* The rule with short name s; RULE_NONE for "eligible" or unknown. */
static enum match_rule
rule_parse(const char *s)
{
	int	i;

	for (i = 0; i < RULE_NRULES; i++) {
		if (strcmp(s, rules[i].name) == 0)
			return ((enum match_rule)i);
	}
	return (RULE_NONE);
}

/* Book a request. */
int
booking_book(struct store *st, int64_t id, int64_t regno, int64_t *booked,
    struct tk_error *err)
{
	struct request		 r;
	struct match_result	 m;
	const struct candidate	*pick = NULL;
	char			 why[512];
	size_t			 i;
	int			 rc = -1;

	if (request_get(st, id, &r, err) == -1)
		return (-1);
	if (r.state != REQ_REQUESTED)
		return (tk_fail(err, TK_E_CONFLICT, "state",
		    "request %" PRId64 " is %s and cannot be booked", id,
		    req_state_name(r.state)));
	if (match_run(st, &r, &m, err) == -1)
		return (-1);
	if (regno != 0) {
		for (i = 0; i < m.n; i++) {
			if (m.c[i].regno == regno)
				pick = &m.c[i];
		}
		if (pick == NULL) {
			tk_fail(err, TK_E_INVALID, "regno", "interpreter %"
			    PRId64 " has no category in '%s'", regno, r.lang);
			goto out;
		}
		if (pick->rule != RULE_NONE) {
			tk_fail(err, pick->rule == RULE_BOOKED ?
			    TK_E_CONFLICT : TK_E_INVALID, "regno",
			    "interpreter %" PRId64 " cannot take request %"
			    PRId64 ": %s (%s)", regno, id,
			    match_rule_text(pick->rule),
			    match_rule_name(pick->rule));
			goto out;
		}
	} else if (m.neligible > 0)
		pick = &m.c[0];
	else {
		match_why_none(&m, why, sizeof(why));
		tk_fail(err, TK_E_UNAVAILABLE, NULL, "no interpreter can take"
		    " request %" PRId64 ": %s", id, why);
		goto out;
	}
	if (request_set_booked(st, &r, pick->regno, pick->category,
	    pick->travel_minutes, err) == -1 || ranking_store(st, &r, &m, err) == -1)
		goto out;
	*booked = pick->regno;
	rc = 0;
out:
	match_result_release(&m);
	return (rc);
}

/* The stored ranking of request id as a table. */
int
booking_ranking(struct store *st, int64_t id, struct table *t,
    struct tk_error *err)
{
	static const char	 sql[] = "SELECT k.ranking FROM ranking k"
	    " WHERE k.request = ?1";
	static const char	 name[] = "SELECT name FROM interpreter"
	    " WHERE regno = ?1";
	struct request		 r;
	struct candidate	 c;
	sqlite3_stmt		*s;
	json_t			*j, *o;
	json_int_t		 regno;
	const char		*rule, *cat;
	size_t			 i;
	int			 rc;

	ranking_cols(t);
	if (request_get(st, id, &r, err) == -1)
		return (-1);
	if ((s = store_stmt(st, sql, err)) == NULL)
		return (-1);
	sqlite3_bind_int64(s, 1, id);
	if ((rc = sqlite3_step(s)) != SQLITE_ROW) {
		sqlite3_reset(s);
		return (rc == SQLITE_DONE ? 0 : store_fail(st, err));
	}
	j = json_loads(store_text(s, 0), 0, NULL);
	sqlite3_reset(s);
	if (!json_is_array(j)) {
		json_decref(j);
		return (tk_fail(err, TK_E_STORE, NULL, "the stored ranking of"
		    " request %" PRId64 " is damaged", id));
	}
	json_array_foreach(j, i, o) {
		memset(&c, 0, sizeof(c));
		if (json_unpack(o, "[I,i,s,s,i,i,i]", &regno, &c.rank, &rule,
		    &cat, &c.travel_minutes, &c.booked_minutes,
		    &c.continuity) == -1) {
			json_decref(j);
			return (tk_fail(err, TK_E_STORE, NULL, "the stored"
			    " ranking of request %" PRId64 " is damaged", id));
		}
		c.regno = regno;
		c.rule = rule_parse(rule);
		c.category = cat[0];
		c.travel_band = match_travel_band(c.travel_minutes);
		if ((s = store_stmt(st, name, err)) == NULL) {
			json_decref(j);
			return (-1);
		}
		sqlite3_bind_int64(s, 1, c.regno);
		if (sqlite3_step(s) == SQLITE_ROW)
			snprintf(c.name, sizeof(c.name), "%s",
			    store_text(s, 0));
		sqlite3_reset(s);
		ranking_row(&r, &c, t);
	}
	json_decref(j);
	return (0);
}
