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
rank_sort_keys(struct match_result *m)
{
	struct rank_key		*k;
	struct candidate	*c;
	size_t			*idx, i;
	uint64_t		 cont;

	k = xreallocarray(NULL, m->n, sizeof(*k));
	for (i = 0; i < m->n; i++) {
		c = &m->c[i];
		k[i].regno = c->regno;
		k[i].idx = i;
		k[i].booked = 0;
		if (c->rule != RULE_NONE) {
			k[i].k = (uint64_t)(1 + c->rule) << 56;
			continue;
		}
		/* Counts are not negative; more than 2^32 is not possible. */
		cont = c->continuity < 0 ? 0 : (uint64_t)c->continuity;
		k[i].k = (uint64_t)(unsigned char)c->category << 48 |
		    (0xffffffffULL - (cont & 0xffffffffULL)) << 8 |
		    (uint64_t)(c->travel_band & 0xff);
		k[i].booked = c->booked_minutes < 0 ? 0 :
		    (uint64_t)c->booked_minutes;
	}
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

static int
rank_sort_packed(struct match_result *m)
{
	const struct candidate	*c;
	uint64_t		*a, *b, *t, key;
	size_t			 i, cnt[256], sum, tmp, *idx;
	unsigned int		 shift;

	if (m->n >= PK_N_MAX || RULE_NRULES > 15)
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
	b = xreallocarray(NULL, m->n, sizeof(*b));
	for (shift = 0; shift < 64; shift += 8) {
		memset(cnt, 0, sizeof(cnt));
		for (i = 0; i < m->n; i++)
			cnt[a[i] >> shift & 0xff]++;
		if (cnt[a[0] >> shift & 0xff] == m->n)
			continue;	/* one digit for all: nothing moves */
		for (i = 0, sum = 0; i < 256; i++) {
			tmp = cnt[i];
			cnt[i] = sum;
			sum += tmp;
		}
		for (i = 0; i < m->n; i++) {
			key = a[i];
			b[cnt[key >> shift & 0xff]++] = key;
		}
		t = a;
		a = b;
		b = t;
	}
	free(b);
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

/*
 * The match cache, one per store (so per connection and thread), handed
 * to the store with store_set_match_cache() and freed by store_close().
 * It keeps what a match reads about candidates so that a long-lived
 * process does not read again what has not changed, and every answer is
 * still the one a fresh read of the match's snapshot would give:
 *
 *  - per language, the candidates' register data (category, listing,
 *    gender, modalities, home point), valid while the register
 *    generation (schema 6) read in the snapshot is the one they were
 *    read under;
 *  - per interpreter, read on first need (a whole language at once when
 *    half of it is needed): their booked and completed bookings from
 *    some time on (what the request needs less MC_SLACK), by busy_from,
 *    and all their declared unavailability. The overlap and fairness
 *    rules are then worked out here, in memory, by binary search.
 *
 * Every change to bookings or unavailability appends the interpreters
 * it touches to match_log (schema 8) in its own transaction; each match
 * reads the rows after the last it saw and forgets those interpreters.
 * A reader that fell behind the pruned log forgets everything. What was
 * read inside a transaction the caller opened is noted: if it rolls
 * back (and its rows' numbers will be used again), that is forgotten
 * and the reader goes back to the log position it started from.
 */

/* History read beyond what a request needs, so that nearby ones hit. */
#define MC_SLACK	(30 * 86400)

/* The earliest busy_from the fairness and the overlap rules look at. */
#define MC_FAIR_FROM(s)	((int64_t)(s) - \
	    (int64_t)MATCH_FAIRNESS_DAYS * 86400 - MATCH_TRAVEL_MAX_MIN * 60)
#define MC_BUSY_FROM(s)	((int64_t)(s) - \
	    (int64_t)(REQ_MAX_MINUTES + 3 * MATCH_TRAVEL_MAX_MIN) * 60)

/* A booked or completed booking: what the rules on time look at. */
struct mc_bk {
	int64_t		 from;		/* busy_from */
	int64_t		 to;		/* busy_to */
	int64_t		 start;
	int32_t		 minutes;	/* 1 to 1440 (CHECK) */
};

struct mc_interp {
	int64_t		 regno;
	int		 loaded;
	int		 journaled;	/* in the journal */
	int64_t		 lo;		/* bookings with busy_from >= lo held */
	size_t		 nb;		/* bookings, by busy_from */
	struct mc_bk	*b;
	size_t		 nu;		/* unavailability: start, end pairs */
	int64_t		*u;
};

struct mc_cand {
	int64_t			 regno;
	struct mc_interp	*ip;
	size_t			 name;		/* offset into the pool */
	double			 lat, lon;
	unsigned int		 modalities;
	enum listing		 status;
	char			 until[DATE_BUFLEN];
	char			 category;
	char			 gender;
};

struct mc_lang {
	char		 code[8];
	struct mc_cand	*c;		/* by regno */
	size_t		 n;
	char		*names;
	size_t		 nnames;	/* bytes used in names */
};

struct match_cache {
	uint64_t		  rollbacks;	/* store_rollbacks() seen */
	int64_t			  gen;		/* of the lists; -1: none */
	int			  synced;	/* seq is valid */
	int64_t			  seq;		/* newest log row seen; 0 */
	struct mc_lang		 *lang;
	size_t			  nlang;
	struct mc_interp	**tab;		/* open addressing by regno */
	size_t			  tabsize;
	size_t			  ntab;
	/*
	 * What was read inside a transaction the caller opened, which may
	 * hold its own uncommitted writes: forgotten if it rolls back.
	 */
	uint64_t		  commits;	/* store_commits() seen */
	int			  jactive;
	int			  jsynced;
	size_t			  jnlang;	/* lists held before it */
	int64_t			  jseq, jgen;
	struct mc_interp	**jip;
	size_t			  njip, capjip;
};

static void
mc_forget(struct mc_interp *ip)
{
	free(ip->b);
	free(ip->u);
	ip->b = NULL;
	ip->u = NULL;
	ip->nb = ip->nu = 0;
	ip->loaded = 0;
}

/* Forget every interpreter's time (the entries stay: lists point in). */
static void
mc_forget_all(struct match_cache *mc)
{
	size_t	i;

	for (i = 0; i < mc->tabsize; i++) {
		if (mc->tab[i] != NULL)
			mc_forget(mc->tab[i]);
	}
}

static void
mc_drop_langs(struct match_cache *mc)
{
	size_t	i;

	for (i = 0; i < mc->nlang; i++) {
		free(mc->lang[i].c);
		free(mc->lang[i].names);
	}
	free(mc->lang);
	mc->lang = NULL;
	mc->nlang = 0;
	mc->gen = -1;
}

/* Note that ip was read inside the caller's transaction. */
static void
mc_journal(struct match_cache *mc, struct mc_interp *ip)
{
	if (!mc->jactive || ip->journaled)
		return;
	if (mc->njip == mc->capjip) {
		mc->capjip = mc->capjip == 0 ? 64 : mc->capjip * 2;
		mc->jip = xreallocarray(mc->jip, mc->capjip, sizeof(*mc->jip));
	}
	mc->jip[mc->njip++] = ip;
	ip->journaled = 1;
}

/* The caller's transaction committed: what it read holds. */
static void
mc_journal_clear(struct match_cache *mc)
{
	size_t	i;

	for (i = 0; i < mc->njip; i++)
		mc->jip[i]->journaled = 0;
	mc->njip = 0;
	mc->jactive = 0;
}

/* It rolled back: forget what was read in it, and the log rows seen. */
static void
mc_journal_undo(struct match_cache *mc)
{
	size_t	i;

	for (i = 0; i < mc->njip; i++)
		mc_forget(mc->jip[i]);
	if (mc->gen != mc->jgen)
		mc_drop_langs(mc);
	else {
		/* Lists are appended: drop those read in the transaction. */
		for (i = mc->jnlang; i < mc->nlang; i++) {
			free(mc->lang[i].c);
			free(mc->lang[i].names);
		}
		if (mc->jnlang < mc->nlang)
			mc->nlang = mc->jnlang;
	}
	mc->seq = mc->jseq;
	mc->synced = mc->jsynced;
	mc_journal_clear(mc);
}

static void
mc_free(void *arg)
{
	struct match_cache	*mc = arg;
	size_t			 i;

	mc_drop_langs(mc);
	for (i = 0; i < mc->tabsize; i++) {
		if (mc->tab[i] != NULL) {
			mc_forget(mc->tab[i]);
			free(mc->tab[i]);
		}
	}
	free(mc->tab);
	free(mc->jip);
	free(mc);
}

static size_t
mc_hash(int64_t regno, size_t size)
{
	uint64_t	h = (uint64_t)regno * 0x9e3779b97f4a7c15ULL;

	return ((size_t)(h >> 32) & (size - 1));
}

/* The entry of regno, if any. */
static struct mc_interp *
mc_find(const struct match_cache *mc, int64_t regno)
{
	size_t	i;

	if (mc->tabsize == 0)
		return (NULL);
	for (i = mc_hash(regno, mc->tabsize); mc->tab[i] != NULL;
	    i = (i + 1) & (mc->tabsize - 1)) {
		if (mc->tab[i]->regno == regno)
			return (mc->tab[i]);
	}
	return (NULL);
}

/* The entry of regno, made (with nothing read) if need be. */
static struct mc_interp *
mc_entry(struct match_cache *mc, int64_t regno)
{
	struct mc_interp	**old, *ip;
	size_t			  oldsize, i, j;

	if ((ip = mc_find(mc, regno)) != NULL)
		return (ip);
	if (2 * (mc->ntab + 1) > mc->tabsize) {
		old = mc->tab;
		oldsize = mc->tabsize;
		mc->tabsize = oldsize == 0 ? 1024 : oldsize * 2;
		mc->tab = xcalloc(mc->tabsize, sizeof(*mc->tab));
		for (i = 0; i < oldsize; i++) {
			if (old[i] == NULL)
				continue;
			for (j = mc_hash(old[i]->regno, mc->tabsize);
			    mc->tab[j] != NULL; j = (j + 1) & (mc->tabsize - 1))
				;
			mc->tab[j] = old[i];
		}
		free(old);
	}
	ip = xcalloc(1, sizeof(*ip));
	ip->regno = regno;
	for (i = mc_hash(regno, mc->tabsize); mc->tab[i] != NULL;
	    i = (i + 1) & (mc->tabsize - 1))
		;
	mc->tab[i] = ip;
	mc->ntab++;
	return (ip);
}

/* The store's cache, made on first use. */
static struct match_cache *
mc_get(struct store *st)
{
	struct match_cache	*mc;

	if ((mc = store_match_cache(st)) != NULL)
		return (mc);
	mc = xcalloc(1, sizeof(*mc));
	mc->gen = -1;
	mc->rollbacks = store_rollbacks(st);
	mc->commits = store_commits(st);
	store_set_match_cache(st, mc, mc_free);
	return (mc);
}

/*
 * Bring the cache up to the open snapshot: forget what a rollback, a
 * new register generation or the log says may have changed. txn: the
 * snapshot is a transaction the caller opened (and may have written in).
 */
static int
mc_sync(struct store *st, struct match_cache *mc, int txn,
    struct tk_error *err)
{
	static const char	 maxsql[] = "SELECT coalesce(max(seq), 0)"
	    " FROM match_log";
	static const char	 logsql[] = "SELECT seq, regno FROM match_log"
	    " WHERE seq >= ?1 ORDER BY seq";
	struct mc_interp	*ip;
	sqlite3_stmt		*s;
	int64_t			 gen, seq, last = 0;
	int			 rc, lost = 0, first = 1;

	/*
	 * A rollback undoes what was read in the caller's transaction,
	 * whose log rows' numbers will be used again. Anything else ended
	 * the transaction with a commit: what was read in it holds.
	 */
	if (mc->rollbacks != store_rollbacks(st)) {
		mc->rollbacks = store_rollbacks(st);
		if (mc->jactive)
			mc_journal_undo(mc);
	} else if (mc->jactive && (!txn || mc->commits != store_commits(st)))
		mc_journal_clear(mc);
	mc->commits = store_commits(st);
	if (txn && !mc->jactive) {
		mc->jactive = 1;
		mc->jsynced = mc->synced;
		mc->jseq = mc->seq;
		mc->jgen = mc->gen;
		mc->jnlang = mc->nlang;
	}
	if ((gen = store_register_gen(st, err)) == -1)
		return (-1);
	if (gen != mc->gen) {
		mc_drop_langs(mc);
		mc->gen = gen;
	}
	if (!mc->synced) {
		if ((s = store_stmt(st, maxsql, err)) == NULL)
			return (-1);
		if (sqlite3_step(s) != SQLITE_ROW) {
			sqlite3_reset(s);
			return (store_fail(st, err));
		}
		mc->seq = sqlite3_column_int64(s, 0);
		sqlite3_reset(s);
		mc_forget_all(mc);
		mc->synced = 1;
		return (0);
	}
	if ((s = store_stmt(st, logsql, err)) == NULL)
		return (-1);
	sqlite3_bind_int64(s, 1, mc->seq > 0 ? mc->seq : 1);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		seq = sqlite3_column_int64(s, 0);
		/* The row last seen must still be there, or rows are lost. */
		if (first && seq != (mc->seq > 0 ? mc->seq : 1))
			lost = 1;
		first = 0;
		if (!lost && seq > mc->seq &&
		    (ip = mc_find(mc, sqlite3_column_int64(s, 1))) != NULL)
			mc_forget(ip);
		last = seq;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return (store_fail(st, err));
	if (first && mc->seq > 0)
		lost = 1;
	if (lost)
		mc_forget_all(mc);
	mc->seq = last;
	return (0);
}

/* The cached candidates of lang, read in this snapshot if need be. */
static struct mc_lang *
mc_lang(struct store *st, struct match_cache *mc, const char *lang,
    struct tk_error *err)
{
	static const char	 sql[] = "SELECT q.regno, i.name, q.category,"
	    " i.status, coalesce(i.status_until, ''), i.gender, i.modalities,"
	    " m.lat, m.lon FROM qualification q"
	    " JOIN interpreter i ON i.regno = q.regno"
	    " JOIN municipality m ON m.code = i.municipality"
	    " WHERE q.lang = ?1 ORDER BY q.regno";
	struct mc_lang		*l;
	struct mc_cand		*c;
	sqlite3_stmt		*s;
	const char		*status, *name;
	size_t			 i, cap = 0, ncap = 0, nused = 0, len;
	int			 rc;

	for (i = 0; i < mc->nlang; i++) {
		if (strcmp(mc->lang[i].code, lang) == 0)
			return (&mc->lang[i]);
	}
	if ((s = store_stmt(st, sql, err)) == NULL)
		return (NULL);
	mc->lang = xreallocarray(mc->lang, mc->nlang + 1, sizeof(*mc->lang));
	l = &mc->lang[mc->nlang];
	memset(l, 0, sizeof(*l));
	snprintf(l->code, sizeof(l->code), "%s", lang);
	sqlite3_bind_text(s, 1, lang, -1, SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (l->n == cap) {
			cap = cap == 0 ? 64 : cap * 2;
			l->c = xreallocarray(l->c, cap, sizeof(*l->c));
		}
		c = &l->c[l->n++];
		memset(c, 0, sizeof(*c));
		c->regno = sqlite3_column_int64(s, 0);
		c->ip = mc_entry(mc, c->regno);
		name = store_text(s, 1);
		len = strlen(name) + 1;
		while (nused + len > ncap) {
			ncap = ncap == 0 ? 4096 : ncap * 2;
			l->names = xrealloc(l->names, ncap);
		}
		memcpy(l->names + nused, name, len);
		c->name = nused;
		nused += len;
		c->category = store_text(s, 2)[0];
		status = store_text(s, 3);
		c->status = strcmp(status, "listed") == 0 ? LIST_LISTED :
		    strcmp(status, "suspended") == 0 ? LIST_SUSPENDED :
		    strcmp(status, "excluded") == 0 ? LIST_EXCLUDED :
		    LIST_WITHDRAWN;
		snprintf(c->until, sizeof(c->until), "%s", store_text(s, 4));
		c->gender = store_text(s, 5)[0];
		c->modalities = (unsigned int)sqlite3_column_int(s, 6);
		c->lat = sqlite3_column_double(s, 7);
		c->lon = sqlite3_column_double(s, 8);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		free(l->c);
		free(l->names);
		store_fail(st, err);
		return (NULL);
	}
	l->nnames = nused;
	mc->nlang++;
	return (l);
}

/* One booking from columns col to col + 3 of a row. */
static void
mc_bk_read(struct mc_bk *b, sqlite3_stmt *s, int col)
{
	b->from = sqlite3_column_int64(s, col);
	b->to = sqlite3_column_int64(s, col + 1);
	b->start = sqlite3_column_int64(s, col + 2);
	b->minutes = sqlite3_column_int(s, col + 3);
}

/* Read regno's bookings with busy_from in [lo, hi) (hi 0: no end). */
static int
mc_read(struct store *st, int64_t regno, int64_t lo, int64_t hi,
    struct mc_bk **v, size_t *n, struct tk_error *err)
{
	static const char	 sql[] = "SELECT busy_from, busy_to, start,"
	    " minutes FROM request WHERE regno = ?1 AND busy_from >= ?2"
	    " AND (?3 = 0 OR busy_from < ?3)"
	    " AND state IN ('booked', 'completed') ORDER BY busy_from";
	sqlite3_stmt		*s;
	size_t			 cap = 0;
	int			 rc;

	*v = NULL;
	*n = 0;
	if ((s = store_stmt(st, sql, err)) == NULL)
		return (-1);
	sqlite3_bind_int64(s, 1, regno);
	sqlite3_bind_int64(s, 2, lo);
	sqlite3_bind_int64(s, 3, hi);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap == 0 ? 32 : cap * 2;
			*v = xreallocarray(*v, cap, sizeof(**v));
		}
		mc_bk_read(&(*v)[(*n)++], s, 0);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		free(*v);
		*v = NULL;
		*n = 0;
		return (store_fail(st, err));
	}
	return (0);
}

/*
 * Hold ip's bookings from busy_from lo on, read in this snapshot: all of
 * them on first need, then only the older ones a request reaches back
 * to, in front of those held. Declared unavailability is read whole.
 */
static int
mc_load(struct store *st, struct match_cache *mc, struct mc_interp *ip,
    int64_t lo, struct tk_error *err)
{
	static const char	 usql[] = "SELECT start, end"
	    " FROM unavailability WHERE regno = ?1";
	sqlite3_stmt		*s;
	struct mc_bk		*v;
	size_t			 n, cap = 0;
	int			 rc;

	if (ip->loaded && ip->lo <= lo)
		return (0);
	mc_journal(mc, ip);
	lo -= MC_SLACK;
	if (mc_read(st, ip->regno, lo, ip->loaded ? ip->lo : 0, &v, &n,
	    err) == -1)
		return (-1);
	if (ip->loaded) {
		/* The new (older) rows go in front of those held. */
		if (n > 0) {
			v = xreallocarray(v, n + ip->nb, sizeof(*v));
			if (ip->nb > 0)
				memcpy(v + n, ip->b, ip->nb * sizeof(*v));
			free(ip->b);
			ip->b = v;
			ip->nb += n;
		} else
			free(v);
		ip->lo = lo;
		return (0);
	}
	mc_forget(ip);
	ip->b = v;
	ip->nb = n;
	if ((s = store_stmt(st, usql, err)) == NULL) {
		mc_forget(ip);
		return (-1);
	}
	sqlite3_bind_int64(s, 1, ip->regno);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (ip->nu == cap) {
			cap = cap == 0 ? 4 : cap * 2;
			ip->u = xreallocarray(ip->u, cap, 2 * sizeof(*ip->u));
		}
		ip->u[2 * ip->nu] = sqlite3_column_int64(s, 0);
		ip->u[2 * ip->nu + 1] = sqlite3_column_int64(s, 1);
		ip->nu++;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		mc_forget(ip);
		return (store_fail(st, err));
	}
	ip->lo = lo;
	ip->loaded = 1;
	return (0);
}

/* Bookings and unavailability of one candidate being gathered. */
struct mc_rows {
	struct mc_bk	*b;
	size_t		 nb, capb;
	int64_t		*u;
	size_t		 nu, capu;
};

static int
mc_bk_cmp(const void *va, const void *vb)
{
	const struct mc_bk	*a = va, *b = vb;

	return ((a->from > b->from) - (a->from < b->from));
}

/*
 * Read the time of every candidate of l not yet held, from busy_from lo
 * on, in two queries over the language rather than two per candidate.
 */
static int
mc_load_lang(struct store *st, struct match_cache *mc,
    const struct mc_lang *l, int64_t lo, struct tk_error *err)
{
	static const char	 bsql[] = "SELECT q.regno, b.busy_from,"
	    " b.busy_to, b.start, b.minutes FROM qualification q"
	    " JOIN request b ON b.regno = q.regno AND b.busy_from >= ?2"
	    " WHERE q.lang = ?1 AND b.state IN ('booked', 'completed')";
	static const char	 usql[] = "SELECT q.regno, u.start, u.end"
	    " FROM qualification q JOIN unavailability u ON u.regno = q.regno"
	    " WHERE q.lang = ?1";
	struct mc_rows		*g, *x;
	struct mc_interp	*ip;
	struct mc_cand		*k;
	sqlite3_stmt		*s;
	size_t			 i, j, sorted;
	int64_t			 regno;
	int			 rc, ret = -1;

	if (l->n == 0)
		return (0);
	g = xcalloc(l->n, sizeof(*g));
	if ((s = store_stmt(st, bsql, err)) == NULL)
		goto out;
	sqlite3_bind_text(s, 1, l->code, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 2, lo);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		regno = sqlite3_column_int64(s, 0);
		k = bsearch(&regno, l->c, l->n, sizeof(*l->c), int64_cmp);
		if (k == NULL || k->ip->loaded)
			continue;
		x = &g[k - l->c];
		if (x->nb == x->capb) {
			x->capb = x->capb == 0 ? 16 : x->capb * 2;
			x->b = xreallocarray(x->b, x->capb, sizeof(*x->b));
		}
		mc_bk_read(&x->b[x->nb++], s, 1);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		store_fail(st, err);
		goto out;
	}
	if ((s = store_stmt(st, usql, err)) == NULL)
		goto out;
	sqlite3_bind_text(s, 1, l->code, -1, SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		regno = sqlite3_column_int64(s, 0);
		k = bsearch(&regno, l->c, l->n, sizeof(*l->c), int64_cmp);
		if (k == NULL || k->ip->loaded)
			continue;
		x = &g[k - l->c];
		if (x->nu == x->capu) {
			x->capu = x->capu == 0 ? 4 : x->capu * 2;
			x->u = xreallocarray(x->u, x->capu, 2 * sizeof(*x->u));
		}
		x->u[2 * x->nu] = sqlite3_column_int64(s, 1);
		x->u[2 * x->nu + 1] = sqlite3_column_int64(s, 2);
		x->nu++;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		store_fail(st, err);
		goto out;
	}
	for (i = 0; i < l->n; i++) {
		ip = l->c[i].ip;
		if (ip->loaded)
			continue;
		x = &g[i];
		/* By busy_from (usually so already). */
		for (sorted = 1, j = 1; j < x->nb && sorted; j++)
			sorted = x->b[j - 1].from <= x->b[j].from;
		if (!sorted)
			qsort(x->b, x->nb, sizeof(*x->b), mc_bk_cmp);
		mc_journal(mc, ip);
		mc_forget(ip);
		ip->b = x->b;
		ip->nb = x->nb;
		ip->u = x->u;
		ip->nu = x->nu;
		x->b = NULL;
		x->u = NULL;
		ip->lo = lo;
		ip->loaded = 1;
	}
	ret = 0;
out:
	for (i = 0; i < l->n; i++) {
		free(g[i].b);
		free(g[i].u);
	}
	free(g);
	return (ret);
}

/* The first of ip's bookings with busy_from >= t. */
static size_t
mc_first(const struct mc_interp *ip, int64_t t)
{
	size_t	lo = 0, hi = ip->nb, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (ip->b[mid].from < t)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (lo);
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
    const struct mc_cand *k, struct interpreter *in, double km,
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
		c->travel_minutes = match_travel_minutes(km);
		c->travel_band = match_travel_band(c->travel_minutes);
		if (c->travel_minutes > MATCH_TRAVEL_MAX_MIN)
			c->rule = RULE_DISTANCE;
	}
}

/* Rank every interpreter with a category in the request's language. */
static int
match_rank(struct store *st, const struct request *r, int txn,
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
	double			 slat = 0, slon = 0, km;
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
	if (l->n > 0) {
		out->c = xreallocarray(NULL, l->n, sizeof(*out->c));
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
		c->name = out->names + k->name;
		c->category = k->category;
		c->continuity = c->travel_minutes = c->travel_band = 0;
		c->booked_minutes = c->rank = 0;
		km = r->modality == MOD_ONSITE ? geo_haversine_km(k->lat,
		    k->lon, slat, slon) : 0.0;
		cheap_rules(r, c, k, &in, km, conflicts, nconflicts, day);
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
	match_rank_order(out);
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
	rc = match_rank(st, r, !mine, out, err);
	store_snapshot_end(st, mine);
	return (rc);
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

/* Bytes of one candidate in a stored ranking (schema 8). */
#define RANK_REC	14

static void
put_le(unsigned char *p, uint64_t v, int n)
{
	int	i;

	for (i = 0; i < n; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

static uint64_t
get_le(const unsigned char *p, int n)
{
	uint64_t	v = 0;
	int		i;

	for (i = n - 1; i >= 0; i--)
		v = v << 8 | p[i];
	return (v);
}

/*
 * The ranking as the records of schema 8 (see schema/008_match_log.sql),
 * or NULL if a figure does not fit them.
 */
static unsigned char *
ranking_blob(const struct match_result *m)
{
	const struct candidate	*c;
	unsigned char		*b, *p;
	size_t			 i;

	b = xreallocarray(NULL, m->n > 0 ? m->n : 1, RANK_REC);
	for (i = 0; i < m->n; i++) {
		c = &m->c[i];
		if (c->regno < 0 || c->regno > (int64_t)UINT32_MAX ||
		    c->booked_minutes < 0 || c->travel_minutes < 0 ||
		    c->travel_minutes > UINT16_MAX || c->continuity < 0 ||
		    c->continuity > UINT16_MAX ||
		    (c->rule == RULE_NONE) != (i < m->neligible)) {
			free(b);
			return (NULL);
		}
		p = b + i * RANK_REC;
		put_le(p, (uint64_t)c->regno, 4);
		put_le(p + 4, (uint64_t)c->booked_minutes, 4);
		put_le(p + 8, (uint64_t)c->travel_minutes, 2);
		put_le(p + 10, (uint64_t)c->continuity, 2);
		p[12] = (unsigned char)(c->rule + 1);
		p[13] = (unsigned char)c->category;
	}
	return (b);
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
 * Store the ranking a booking was made from: every candidate, in
 * ranking order, with the figures behind its place; names and reasons
 * are rebuilt when shown. Binary records (schema 8), JSON if need be.
 */
static int
ranking_store(struct store *st, const struct request *r,
    const struct match_result *m, struct tk_error *err)
{
	static const char	 sql[] = "INSERT OR REPLACE INTO ranking"
	    " (request, made, actor, ranking) VALUES (?1, ?2, ?3, ?4)";
	sqlite3_stmt		*s;
	unsigned char		*blob;
	char			*text = NULL, now[21];

	if ((blob = ranking_blob(m)) == NULL &&
	    (text = ranking_json(m)) == NULL)
		return (tk_fail(err, TK_E_STORE, NULL,
		    "cannot encode the ranking"));
	if ((s = store_stmt(st, sql, err)) == NULL) {
		free(blob);
		free(text);
		return (-1);
	}
	audit_now(now);
	sqlite3_bind_int64(s, 1, r->id);
	sqlite3_bind_text(s, 2, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 3, store_actor(st), -1, SQLITE_TRANSIENT);
	if (blob != NULL)
		sqlite3_bind_blob(s, 4, blob, (int)(m->n * RANK_REC), free);
	else
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
	static const char	 sql[] = "SELECT k.ranking FROM ranking k"
	    " WHERE k.request = ?1";
	struct request		 r;
	struct candidate	 c;
	sqlite3_stmt		*s;
	unsigned char		*blob = NULL;
	const unsigned char	*p;
	char			*text = NULL;
	size_t			 i, n = 0;
	int			 rc, rank = 0, ret = 0;

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
	if (n % RANK_REC != 0) {
		free(blob);
		return (tk_fail(err, TK_E_STORE, NULL, "the stored ranking of"
		    " request %" PRId64 " is damaged", id));
	}
	for (i = 0; i < n / RANK_REC && ret == 0; i++) {
		p = blob + i * RANK_REC;
		memset(&c, 0, sizeof(c));
		c.regno = (int64_t)get_le(p, 4);
		c.booked_minutes = (int)get_le(p + 4, 4);
		c.travel_minutes = (int)get_le(p + 8, 2);
		c.continuity = (int)get_le(p + 10, 2);
		c.rule = p[12] >= 1 && p[12] <= RULE_NRULES ?
		    (enum match_rule)(p[12] - 1) : RULE_NONE;
		c.category = (char)p[13];
		c.rank = c.rule == RULE_NONE ? ++rank : 0;
		ret = ranking_put(st, &r, &c, t, err);
	}
	free(blob);
	return (ret);
}
