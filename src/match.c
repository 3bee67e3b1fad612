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
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "match-cache.h"
#include "ranking.h"
#include "tolkreg/error.h"
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

/*
 * A candidate's place in the ranking as three numbers compared in turn,
 * with its index: sorting these small records and then moving each
 * candidate once is much cheaper than sorting the candidates.
 */
struct rank_key {
	uint64_t	 k;		/* rule, category, continuity, band */
	uint64_t	 booked;	/* minutes in the fairness window */
	int64_t		 regno;
	size_t		 idx;
};

static int
rank_key_cmp(const void *va, const void *vb)
{
	const struct rank_key	*a = va, *b = vb;

	if (a->k != b->k)
		return (a->k < b->k ? -1 : 1);
	if (a->booked != b->booked)
		return (a->booked < b->booked ? -1 : 1);
	return ((a->regno > b->regno) - (a->regno < b->regno));
}

/*
 * Place i takes candidate idx[i]: follow each cycle once, moving each
 * candidate once, in place (idx is used up).
 */
static void
rank_place(struct match_result *m, size_t *idx)
{
	struct candidate	tmp;
	size_t			i, j, next;

	for (i = 0; i < m->n; i++) {
		if (idx[i] == i)
			continue;
		tmp = m->c[i];
		for (j = i; idx[j] != i; j = next) {
			next = idx[j];
			m->c[j] = m->c[next];
			idx[j] = j;
		}
		m->c[j] = tmp;
		idx[j] = j;
	}
}

/*
 * The ranking policy, written here and only here: the eligible first,
 * by category (A first), continuity (most first), travel band (nearest
 * first), fairness (fewest minutes first) and register number; then
 * those a rule excludes, by rule and register number.
 */
static void
rank_key_of(const struct candidate *c, size_t i, struct rank_key *k)
{
	uint64_t	cont;

	k->regno = c->regno;
	k->idx = i;
	k->booked = 0;
	if (c->rule != RULE_NONE) {
		k->k = (uint64_t)(1 + c->rule) << 56;
		return;
	}
	/* Counts are not negative; more than 2^32 is not possible. */
	cont = c->continuity < 0 ? 0 : (uint64_t)c->continuity;
	k->k = (uint64_t)(unsigned char)c->category << 48 |
	    (0xffffffffULL - (cont & 0xffffffffULL)) << 8 |
	    (uint64_t)(c->travel_band & 0xff);
	k->booked = c->booked_minutes < 0 ? 0 : (uint64_t)c->booked_minutes;
}

static void
rank_sort_keys(struct match_result *m)
{
	struct rank_key		*k;
	size_t			*idx, i;

	k = xreallocarray(NULL, m->n, sizeof(*k));
	for (i = 0; i < m->n; i++)
		rank_key_of(&m->c[i], i, &k[i]);
	qsort(k, m->n, sizeof(*k), rank_key_cmp);
	idx = xreallocarray(NULL, m->n, sizeof(*idx));
	for (i = 0; i < m->n; i++)
		idx[i] = k[i].idx;
	free(k);
	rank_place(m, idx);
	free(idx);
}

/*
 * The same order as rank_sort_keys() packed into one 64-bit number per
 * candidate, when every figure fits its field and the candidates come
 * in register-number order (as the matching core reads them), so that
 * the index breaks ties as the register number would:
 *   bits 60-63  0 eligible, else 1 + the rule that excludes
 *   bits 57-59  category, A = 0          (eligible only)
 *   bits 45-56  4095 - continuity        (eligible only)
 *   bits 41-44  travel band              (eligible only)
 *   bits 24-40  booked minutes           (eligible only)
 *   bits  0-23  index
 * sorted by radix, eight bits at a time. Returns -1, having done
 * nothing, when something does not fit.
 */
#define PK_CONT_MAX	4095
#define PK_BAND_MAX	15
#define PK_BOOKED_MAX	131071
#define PK_N_MAX	(1u << 24)
_Static_assert(RULE_NRULES < 15, "a rule must fit in bits 60-63");

static int
rank_sort_packed(struct match_result *m)
{
	const struct candidate	*c;
	uint64_t		*a;
	size_t			 i, *idx;

	if (m->n >= PK_N_MAX)
		return (-1);
	a = xreallocarray(NULL, m->n, sizeof(*a));
	for (i = 0; i < m->n; i++) {
		c = &m->c[i];
		if (i > 0 && c->regno <= m->c[i - 1].regno)
			goto nofit;
		if (c->rule != RULE_NONE) {
			a[i] = (uint64_t)(1 + c->rule) << 60 | i;
			continue;
		}
		if (c->category < 'A' || c->category > 'A' + 7 ||
		    c->continuity < 0 || c->continuity > PK_CONT_MAX ||
		    c->travel_band < 0 || c->travel_band > PK_BAND_MAX ||
		    c->booked_minutes < 0 ||
		    c->booked_minutes > PK_BOOKED_MAX)
			goto nofit;
		a[i] = (uint64_t)(c->category - 'A') << 57 |
		    (uint64_t)(PK_CONT_MAX - c->continuity) << 45 |
		    (uint64_t)c->travel_band << 41 |
		    (uint64_t)c->booked_minutes << 24 | i;
	}
	a = radix_sort_u64(a, m->n);
	idx = xreallocarray(NULL, m->n, sizeof(*idx));
	for (i = 0; i < m->n; i++)
		idx[i] = (size_t)(a[i] & (PK_N_MAX - 1));
	free(a);
	rank_place(m, idx);
	free(idx);
	return (0);
nofit:
	free(a);
	return (-1);
}

void
match_rank_order(struct match_result *m)
{
	size_t	i;

	if (m->n >= 2 && rank_sort_packed(m) == -1)
		rank_sort_keys(m);
	m->neligible = 0;
	for (i = 0; i < m->n && m->c[i].rule == RULE_NONE; i++)
		m->c[i].rank = (int)++m->neligible;
	for (; i < m->n; i++)
		m->c[i].rank = 0;
}

/*
 * The candidate match_rank_order() would put first, if eligible, with
 * the candidates in any order: one pass, nothing moved. NULL if no one
 * is eligible.
 */
static const struct candidate *
match_best(const struct match_result *m)
{
	struct rank_key	 k, best;
	size_t		 i, at = 0;
	int		 found = 0;

	for (i = 0; i < m->n; i++) {
		if (m->c[i].rule != RULE_NONE)
			continue;
		rank_key_of(&m->c[i], i, &k);
		if (!found || rank_key_cmp(&k, &best) < 0) {
			best = k;
			at = i;
			found = 1;
		}
	}
	return (found ? &m->c[at] : NULL);
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

/*
 * The request's own booking, when it has one: the overlap rule does not
 * hold a request against itself.
 */
struct own {
	int64_t		regno, from, to, start, minutes;
};

static int
own_booking(struct store *st, const struct request *r, struct own *o,
    struct tk_error *err)
{
	static const char	 sql[] = "SELECT regno, busy_from, busy_to,"
	    " start, minutes FROM request WHERE id = ?1 AND regno IS NOT NULL"
	    " AND state IN ('booked', 'completed')";
	sqlite3_stmt		*s;
	int			 rc;

	memset(o, 0, sizeof(*o));
	o->regno = -1;
	if (r->id <= 0)
		return (0);
	if ((s = store_stmt(st, sql, err)) == NULL)
		return (-1);
	sqlite3_bind_int64(s, 1, r->id);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		o->regno = sqlite3_column_int64(s, 0);
		o->from = sqlite3_column_int64(s, 1);
		o->to = sqlite3_column_int64(s, 2);
		o->start = sqlite3_column_int64(s, 3);
		o->minutes = sqlite3_column_int64(s, 4);
	}
	sqlite3_reset(s);
	return (rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 :
	    store_fail(st, err));
}

/*
 * The rules on an interpreter's time, for a candidate that passed the
 * others, and the only place they are written: booked (a booking, travel
 * both ways counted, overlaps the time the request would take; only
 * bookings that begin late enough to overlap any request are looked at),
 * then unavailable (a declared period overlaps it); periods are
 * half-open, so touching is no overlap. For the eligible, the minutes
 * booked with a start in the MATCH_FAIRNESS_DAYS before the start.
 */
static void
time_rules(const struct request *r, const struct own *own,
    const struct mc_interp *ip, struct candidate *c)
{
	const struct mc_bk	*b;
	int64_t			 from, to, lo, hi, fs, s, v = 0;
	size_t			 i;
	int			 skipped = 0, booked = 0;

	s = (int64_t)r->start;
	from = s - (int64_t)c->travel_minutes * 60;
	to = s + (int64_t)(r->minutes + c->travel_minutes) * 60;
	lo = MC_BUSY_FROM(s);
	hi = s + (int64_t)(r->minutes + MATCH_TRAVEL_MAX_MIN) * 60;
	fs = s - (int64_t)MATCH_FAIRNESS_DAYS * 86400;
	/*
	 * One pass from the fairness window's first busy_from (the
	 * earlier bound) to the overlap window's last.
	 */
	for (i = mc_first(ip, MC_FAIR_FROM(s)); i < ip->nb; i++) {
		b = &ip->b[i];
		if (b->from >= hi)
			break;
		if (b->from < s && b->start >= fs && b->start < s)
			v += b->minutes;
		if (b->from < lo || booked)
			continue;
		if (!skipped && own->regno == ip->regno &&
		    b->from == own->from && b->to == own->to &&
		    b->start == own->start && b->minutes == own->minutes) {
			skipped = 1;
			continue;
		}
		if (b->from < to && b->to > from)
			booked = 1;
	}
	if (booked) {
		c->rule = RULE_BOOKED;
		return;
	}
	lo = s - MATCH_TRAVEL_MAX_MIN * 60;
	for (i = 0; i < ip->nu; i++) {
		if (ip->u[2 * i] < hi && ip->u[2 * i + 1] > lo &&
		    ip->u[2 * i] < to && ip->u[2 * i + 1] > from) {
			c->rule = RULE_UNAVAILABLE;
			return;
		}
	}
	c->booked_minutes = (int)v;
}

/*
 * The rules that need no further query, in their order: listed,
 * category, modality, gender, excluded, conflict, distance.
 */
static void
cheap_rules(const struct request *r, struct candidate *c,
    const struct mc_cand *k, struct interpreter *in, int travel,
    const int64_t *conflicts, size_t nconflicts, const char *day)
{
	size_t	i;

	in->status = k->status;
	memcpy(in->status_until, k->until, sizeof(k->until));
	c->rule = RULE_NONE;
	if (interpreter_effective(in, day) != LIST_LISTED) {
		c->rule = RULE_LISTED;
		return;
	}
	if (c->category > r->min_category) {
		c->rule = RULE_CATEGORY;
		return;
	}
	if ((k->modalities & r->modality) == 0) {
		c->rule = RULE_MODALITY;
		return;
	}
	if (r->gender != 0 && k->gender != r->gender) {
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
		c->travel_minutes = travel;
		c->travel_band = match_travel_band(c->travel_minutes);
		if (c->travel_minutes > MATCH_TRAVEL_MAX_MIN)
			c->rule = RULE_DISTANCE;
	}
}

/*
 * Every interpreter with a category in the request's language, with
 * the rule that excludes each or the figures of its place, in register
 * number order (match_rank_order() ranks them). With names, each
 * candidate's name is copied into out; without, names are "".
 */
static int
match_rank(struct store *st, const struct request *r, int txn, int names,
    struct match_result *out, struct tk_error *err)
{
	struct interpreter	 in;	/* status and until only */
	struct match_cache	*mc;
	struct mc_lang		*l;
	const struct mc_cand	*k;
	struct candidate	*c;
	struct own		 own;
	int64_t			*conflicts = NULL;
	size_t			 nconflicts = 0, i;
	struct mc_site		*site = NULL;
	double			 slat = 0, slon = 0;
	char			 day[DATE_BUFLEN], when[TIME_BUFLEN];
	size_t			 need = 0;

	memset(out, 0, sizeof(*out));
	memset(&in, 0, sizeof(in));
	/* Listing status as it will be when the work starts. */
	tk_time_format(r->start, when);
	snprintf(day, sizeof(day), "%.10s", when);
	mc = mc_get(st);
	if (mc_sync(st, mc, txn, err) == -1)
		return (-1);
	if (r->modality == MOD_ONSITE &&
	    site_point(st, r, &slat, &slon, err) == -1)
		return (-1);
	if (own_booking(st, r, &own, err) == -1)
		return (-1);
	if ((l = mc_lang(st, mc, r->lang, err)) == NULL)
		return (-1);
	if (load_conflicts(st, r->body, &conflicts, &nconflicts, err) == -1)
		return (-1);
	if (r->modality == MOD_ONSITE)
		site = mc_site(mc, r->municipality, slat, slon);
	if (l->n > 0)
		out->c = xreallocarray(NULL, l->n, sizeof(*out->c));
	if (l->n > 0 && names) {
		out->names = xmalloc(l->nnames);
		memcpy(out->names, l->names, l->nnames);
	}
	out->n = l->n;
	for (i = 0; i < l->n; i++) {
		k = &l->c[i];
		c = &out->c[i];
#ifdef __GNUC__
		/* The held time is scattered over the heap: ask ahead. */
		if (i + 8 < l->n)
			__builtin_prefetch(l->c[i + 8].ip);
#endif
		c->regno = k->regno;
		c->name = names ? out->names + k->name : "";
		c->category = k->category;
		c->continuity = c->travel_minutes = c->travel_band = 0;
		c->booked_minutes = c->rank = 0;
		cheap_rules(r, c, k, &in, site != NULL ? mc_travel(mc, site,
		    k->pt) : 0, conflicts, nconflicts, day);
		if (c->rule == RULE_NONE && !k->ip->loaded)
			need++;
	}
	/*
	 * When half the language's candidates or more still have to be
	 * read, one pass over the whole language is cheaper than a query
	 * or two each (and leaves it all read for the next match).
	 */
	if (need > 0 && 2 * need >= l->n && mc_load_lang(st, mc, l,
	    MC_FAIR_FROM(r->start) - MC_SLACK, err) == -1)
		goto fail;
	for (i = 0; i < l->n; i++) {
		c = &out->c[i];
#ifdef __GNUC__
		if (i + 4 < l->n && l->c[i + 4].ip->b != NULL)
			__builtin_prefetch(l->c[i + 4].ip->b +
			    l->c[i + 4].ip->nb / 2);
#endif
		if (c->rule != RULE_NONE)
			continue;
		if (mc_load(st, mc, l->c[i].ip, MC_FAIR_FROM(r->start),
		    err) == -1)
			goto fail;
		time_rules(r, &own, l->c[i].ip, c);
	}
	if (load_continuity(st, r, out->c, out->n, err) == -1)
		goto fail;
	for (i = 0; i < out->n; i++) {
		if (out->c[i].rule != RULE_NONE)
			out->nrule[out->c[i].rule]++;
	}
	free(conflicts);
	return (0);
fail:
	free(conflicts);
	match_result_release(out);
	return (-1);
}

/* match_rank() in one read snapshot of the register. */
static int
rank_snapshot(struct store *st, const struct request *r, int names,
    struct match_result *out, struct tk_error *err)
{
	int	mine, rc;

	memset(out, 0, sizeof(*out));
	if (store_snapshot(st, &mine, err) == -1)
		return (-1);
	rc = match_rank(st, r, !mine, names, out, err);
	store_snapshot_end(st, mine);
	return (rc);
}

/* Rank every interpreter, in one read snapshot of the register. */
int
match_run(struct store *st, const struct request *r,
    struct match_result *out, struct tk_error *err)
{
	if (rank_snapshot(st, r, 1, out, err) == -1)
		return (-1);
	match_rank_order(out);
	return (0);
}

/* Free what match_run() allocated. */
void
match_result_release(struct match_result *m)
{
	free(m->c);
	free(m->names);
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

/* The ranking as JSON text, as stored before schema 8. */
static char *
ranking_json(const struct match_result *m)
{
	const struct candidate	*c;
	json_t			*a;
	char			*text, cat[2];
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
	return (text);
}

/*
 * Store the ranking a booking was made from: every candidate (in any
 * order) with the figures behind its place; the order, names and
 * reasons are rebuilt when shown.
 * Format 2 (schema 10), JSON text if a figure does not fit it.
 */
static int
ranking_store(struct store *st, const struct request *r,
    const struct match_result *m, struct tk_error *err)
{
	struct match_result	 o;
	unsigned char		*blob;
	char			*text;
	size_t			 len = 0;
	int			 rc;

	if ((blob = ranking_pack(m, &len)) != NULL) {
		rc = ranking_write(st, r->id, blob, len, 2, err);
		free(blob);
		return (rc);
	}
	/* In ranking order, as JSON rankings were always stored. */
	o = *m;
	o.c = xreallocarray(NULL, m->n > 0 ? m->n : 1, sizeof(*o.c));
	if (m->n > 0)
		memcpy(o.c, m->c, m->n * sizeof(*o.c));
	match_rank_order(&o);
	text = ranking_json(&o);
	free(o.c);
	if (text == NULL)
		return (tk_fail(err, TK_E_STORE, NULL,
		    "cannot encode the ranking"));
	rc = ranking_write(st, r->id, text, strlen(text), 1, err);
	free(text);
	return (rc);
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

/*
 * Book r from its ranking m (candidates in register number order, as
 * match_rank() leaves them): the best, or regno if it passes every rule.
 */
static int
book_from(struct store *st, const struct request *r,
    const struct match_result *m, int64_t regno, int64_t *booked,
    struct tk_error *err)
{
	const struct candidate	*pick;
	char			 why[512];

	if (regno != 0) {
		pick = find_candidate(m->c, m->n, regno);
		if (pick == NULL)
			return (tk_fail(err, TK_E_INVALID, "regno",
			    "interpreter %" PRId64 " has no category in '%s'",
			    regno, r->lang));
		if (pick->rule != RULE_NONE)
			return (tk_fail(err, pick->rule == RULE_BOOKED ?
			    TK_E_CONFLICT : TK_E_INVALID, "regno",
			    "interpreter %" PRId64 " cannot take request %"
			    PRId64 ": %s (%s)", regno, r->id,
			    match_rule_text(pick->rule),
			    match_rule_name(pick->rule)));
	} else if ((pick = match_best(m)) == NULL) {
		match_why_none(m, why, sizeof(why));
		return (tk_fail(err, TK_E_UNAVAILABLE, NULL, "no interpreter"
		    " can take request %" PRId64 ": %s", r->id, why));
	}
	if (request_set_booked(st, r, pick->regno, pick->category,
	    pick->travel_minutes, err) == -1 ||
	    ranking_store(st, r, m, err) == -1)
		return (-1);
	*booked = pick->regno;
	return (0);
}

/* Book a request. */
int
booking_book(struct store *st, int64_t id, int64_t regno, int64_t *booked,
    struct tk_error *err)
{
	struct request		 r;
	struct match_result	 m;
	int			 rc;

	if (request_get(st, id, &r, err) == -1)
		return (-1);
	if (r.state != REQ_REQUESTED)
		return (tk_fail(err, TK_E_CONFLICT, "state",
		    "request %" PRId64 " is %s and cannot be booked", id,
		    req_state_name(r.state)));
	if (rank_snapshot(st, &r, 0, &m, err) == -1)
		return (-1);
	rc = book_from(st, &r, &m, regno, booked, err);
	match_result_release(&m);
	return (rc);
}

/* One stored candidate as a ranking row, its name read from the register. */
static int
ranking_put(struct store *st, const struct request *r, struct candidate *c,
    struct table *t, struct tk_error *err)
{
	static const char	 sql[] = "SELECT name FROM interpreter"
	    " WHERE regno = ?1";
	sqlite3_stmt		*s;
	char			 name[256] = "";

	c->travel_band = match_travel_band(c->travel_minutes);
	if ((s = store_stmt(st, sql, err)) == NULL)
		return (-1);
	sqlite3_bind_int64(s, 1, c->regno);
	if (sqlite3_step(s) == SQLITE_ROW)
		snprintf(name, sizeof(name), "%s", store_text(s, 0));
	sqlite3_reset(s);
	c->name = name;
	ranking_row(r, c, t);
	return (0);
}

/* A ranking stored as JSON text (before schema 8). */
static int
ranking_from_json(struct store *st, const struct request *r,
    const char *text, struct table *t, struct tk_error *err)
{
	struct candidate	 c;
	json_t			*j, *o;
	json_int_t		 regno;
	const char		*rule, *cat;
	size_t			 i;

	j = json_loads(text, 0, NULL);
	if (!json_is_array(j)) {
		json_decref(j);
		return (tk_fail(err, TK_E_STORE, NULL, "the stored ranking of"
		    " request %" PRId64 " is damaged", r->id));
	}
	json_array_foreach(j, i, o) {
		memset(&c, 0, sizeof(c));
		if (json_unpack(o, "[I,i,s,s,i,i,i]", &regno, &c.rank, &rule,
		    &cat, &c.travel_minutes, &c.booked_minutes,
		    &c.continuity) == -1) {
			json_decref(j);
			return (tk_fail(err, TK_E_STORE, NULL, "the stored"
			    " ranking of request %" PRId64 " is damaged",
			    r->id));
		}
		c.regno = regno;
		c.rule = rule_parse(rule);
		c.category = cat[0];
		if (ranking_put(st, r, &c, t, err) == -1) {
			json_decref(j);
			return (-1);
		}
	}
	json_decref(j);
	return (0);
}

/* The stored ranking of request id as a table. */
int
booking_ranking(struct store *st, int64_t id, struct table *t,
    struct tk_error *err)
{
	static const char	 sql[] = "SELECT k.ranking, k.format"
	    " FROM ranking k WHERE k.request = ?1";
	struct request		 r;
	struct match_result	 m;
	sqlite3_stmt		*s;
	unsigned char		*blob = NULL;
	char			*text = NULL;
	size_t			 i, n = 0;
	int			 rc, ret = 0, format;

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
	/* Copied: the name lookups below reuse the connection. */
	format = sqlite3_column_int(s, 1);
	if (sqlite3_column_type(s, 0) == SQLITE_BLOB) {
		n = (size_t)sqlite3_column_bytes(s, 0);
		blob = xmalloc(n > 0 ? n : 1);
		if (n > 0)
			memcpy(blob, sqlite3_column_blob(s, 0), n);
	} else
		text = xstrdup(store_text(s, 0));
	sqlite3_reset(s);
	if (text != NULL) {
		ret = ranking_from_json(st, &r, text, t, err);
		free(text);
		return (ret);
	}
	rc = format == 2 ? ranking_unpack(blob, n, &m) : format == 1 ?
	    ranking_unpack_v1(blob, n, &m) : -1;
	free(blob);
	if (rc == -1)
		return (tk_fail(err, TK_E_STORE, NULL, "the stored ranking of"
		    " request %" PRId64 " is damaged", id));
	for (i = 0; i < m.n && ret == 0; i++)
		ret = ranking_put(st, &r, &m.c[i], t, err);
	free(m.c);
	return (ret);
}
