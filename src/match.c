/*
 * The matching core. One request in, every interpreter with a category
 * in its language out: the eligible in rank order with the reasons for
 * their place, and the rest with the hard rule that excluded them.
 * Booking (booking.c) runs it inside the booking's IMMEDIATE
 * transaction. The policy is written here and only here (see match.h,
 * tolkreg(1)); the travel time it uses is geo.c's.
 */
#include "config.h"

#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "match-cache.h"
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

/* The earliest busy_from the fairness and the overlap rules look at. */
#define FAIR_FROM(s)	((int64_t)(s) - \
	    (int64_t)MATCH_FAIRNESS_DAYS * 86400 - GEO_TRAVEL_MAX_MIN * 60)
#define BUSY_FROM(s)	((int64_t)(s) - \
	    (int64_t)(REQ_MAX_MINUTES + 3 * GEO_TRAVEL_MAX_MIN) * 60)

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
 * Sort a[n] by radix, eight bits at a time. Returns the sorted array:
 * a itself, or another in its place (a is then freed).
 */
static uint64_t *
radix_sort_u64(uint64_t *a, size_t n)
{
	uint64_t	*b, *t, key;
	size_t		 i, cnt[256], sum, tmp;
	unsigned int	 shift;

	if (n < 2)
		return (a);
	b = xreallocarray(NULL, n, sizeof(*b));
	for (shift = 0; shift < 64; shift += 8) {
		memset(cnt, 0, sizeof(cnt));
		for (i = 0; i < n; i++)
			cnt[a[i] >> shift & 0xff]++;
		if (cnt[a[0] >> shift & 0xff] == n)
			continue;	/* one digit for all: nothing moves */
		for (i = 0, sum = 0; i < 256; i++) {
			tmp = cnt[i];
			cnt[i] = sum;
			sum += tmp;
		}
		for (i = 0; i < n; i++) {
			key = a[i];
			b[cnt[key >> shift & 0xff]++] = key;
		}
		t = a;
		a = b;
		b = t;
	}
	free(b);
	return (a);
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

/* Put m's candidates in ranking order and number the eligible. */
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

/* The candidate ranked first, in one pass over m, nothing moved. */
const struct candidate *
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
    struct match_result *m, struct tk_error *err)
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
		/* m is in register number order at this point. */
		hit = match_find(m, sqlite3_column_int64(s, 0));
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

/* The candidate with regno in m (in register number order), or NULL. */
struct candidate *
match_find(const struct match_result *m, int64_t regno)
{
	/* regno is the first member, so int64_cmp compares candidates. */
	return (bsearch(&regno, m->c, m->n, sizeof(*m->c), int64_cmp));
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
	lo = BUSY_FROM(s);
	hi = s + (int64_t)(r->minutes + GEO_TRAVEL_MAX_MIN) * 60;
	fs = s - (int64_t)MATCH_FAIRNESS_DAYS * 86400;
	/*
	 * One pass from the fairness window's first busy_from (the
	 * earlier bound) to the overlap window's last.
	 */
	for (i = mc_first(ip, FAIR_FROM(s)); i < ip->nb; i++) {
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
	lo = s - GEO_TRAVEL_MAX_MIN * 60;
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
		c->travel_band = geo_travel_band(c->travel_minutes);
		if (c->travel_minutes > GEO_TRAVEL_MAX_MIN)
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
	    FAIR_FROM(r->start) - MC_SLACK, err) == -1)
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
		if (mc_load(st, mc, l->c[i].ip, FAIR_FROM(r->start),
		    err) == -1)
			goto fail;
		time_rules(r, &own, l->c[i].ip, c);
	}
	if (load_continuity(st, r, out, err) == -1)
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
int
match_unranked(struct store *st, const struct request *r, int names,
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
	if (match_unranked(st, r, 1, out, err) == -1)
		return (-1);
	match_rank_order(out);
	return (0);
}

/* The candidates for an open request. */
int
match_candidates(struct store *st, const struct request *r,
    struct match_result *out, struct tk_error *err)
{
	memset(out, 0, sizeof(*out));
	if (r->state != REQ_REQUESTED)
		return (tk_fail(err, TK_E_CONFLICT, "state", "request %"
		    PRId64 " is %s; only an open request has candidates",
		    r->id, req_state_name(r->state)));
	return (match_run(st, r, out, err));
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
