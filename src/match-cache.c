/*
 * The matching core's cache: see src/match-cache.h for what it keeps and
 * how it stays true to the snapshot a match reads.
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
#include "tolkreg/store.h"
#include "tolkreg/xmalloc.h"

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
	for (i = 0; i < mc->nsite; i++)
		free(mc->site[i].min);
	free(mc->site);
	free(mc->pt);
	free(mc->ptlast);
	mc->site = NULL;
	mc->pt = NULL;
	mc->ptlast = NULL;
	mc->nsite = mc->npt = 0;
}

/* The municipality number of code, or -1 if it is not four digits. */
static int
mc_code(const char *code)
{
	int	i, v = 0;

	for (i = 0; i < 4; i++) {
		if (code[i] < '0' || code[i] > '9')
			return (-1);
		v = v * 10 + (code[i] - '0');
	}
	return (code[4] == '\0' ? v : -1);
}

/* The point of municipality code at lat, lon, added if need be. */
static uint32_t
mc_point(struct match_cache *mc, const char *code, double lat, double lon)
{
	struct mc_point	*p;
	int		 v = mc_code(code);

	if (mc->ptlast == NULL)
		mc->ptlast = xcalloc(10000, sizeof(*mc->ptlast));
	if (v >= 0 && mc->ptlast[v] != 0) {
		p = &mc->pt[mc->ptlast[v] - 1];
		if (p->lat == lat && p->lon == lon)
			return (mc->ptlast[v] - 1);
	}
	mc->pt = xreallocarray(mc->pt, mc->npt + 1, sizeof(*mc->pt));
	p = &mc->pt[mc->npt];
	p->lat = lat;
	p->lon = lon;
	if (v >= 0)
		mc->ptlast[v] = (uint32_t)mc->npt + 1;
	return ((uint32_t)mc->npt++);
}

struct mc_site *
mc_site(struct match_cache *mc, const char *code, double lat, double lon)
{
	struct mc_site	*s;
	size_t		 i;
	int		 v = mc_code(code);

	for (i = 0; i < mc->nsite; i++) {
		s = &mc->site[i];
		if (s->code == v && s->lat == lat && s->lon == lon)
			return (s);
	}
	mc->site = xreallocarray(mc->site, mc->nsite + 1, sizeof(*mc->site));
	s = &mc->site[mc->nsite++];
	memset(s, 0, sizeof(*s));
	s->code = v;
	s->lat = lat;
	s->lon = lon;
	return (s);
}

int
mc_travel(struct match_cache *mc, struct mc_site *s, uint32_t pt)
{
	const struct mc_point	*p = &mc->pt[pt];
	size_t			 i;

	if (pt >= s->n) {
		s->min = xreallocarray(s->min, mc->npt, sizeof(*s->min));
		for (i = s->n; i < mc->npt; i++)
			s->min[i] = -1;
		s->n = mc->npt;
	}
	if (s->min[pt] < 0)
		s->min[pt] = geo_travel_minutes(geo_haversine_km(p->lat,
		    p->lon, s->lat, s->lon));
	return (s->min[pt]);
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

struct match_cache *
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

int
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

struct mc_lang *
mc_lang(struct store *st, struct match_cache *mc, const char *lang,
    struct tk_error *err)
{
	static const char	 sql[] = "SELECT q.regno, i.name, q.category,"
	    " i.status, coalesce(i.status_until, ''), i.gender, i.modalities,"
	    " m.lat, m.lon, m.code FROM qualification q"
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
		c->pt = mc_point(mc, store_text(s, 9),
		    sqlite3_column_double(s, 7), sqlite3_column_double(s, 8));
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

int
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

/* A booking from a row of mc_load_lang()'s bsql. */
static void
mc_rows_booking(struct mc_rows *x, sqlite3_stmt *s)
{
	if (x->nb == x->capb) {
		x->capb = x->capb == 0 ? 16 : x->capb * 2;
		x->b = xreallocarray(x->b, x->capb, sizeof(*x->b));
	}
	mc_bk_read(&x->b[x->nb++], s, 1);
}

/* A declared unavailability from a row of mc_load_lang()'s usql. */
static void
mc_rows_unavailable(struct mc_rows *x, sqlite3_stmt *s)
{
	if (x->nu == x->capu) {
		x->capu = x->capu == 0 ? 4 : x->capu * 2;
		x->u = xreallocarray(x->u, x->capu, 2 * sizeof(*x->u));
	}
	x->u[2 * x->nu] = sqlite3_column_int64(s, 1);
	x->u[2 * x->nu + 1] = sqlite3_column_int64(s, 2);
	x->nu++;
}

/*
 * Step s, its rows a regno and then what add() takes: gather each row
 * of a candidate of l not yet held into g, by the candidate's place.
 */
static int
mc_gather(struct store *st, sqlite3_stmt *s, const struct mc_lang *l,
    struct mc_rows *g, void (*add)(struct mc_rows *, sqlite3_stmt *),
    struct tk_error *err)
{
	const struct mc_cand	*k;
	int64_t			 regno;
	int			 rc;

	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		regno = sqlite3_column_int64(s, 0);
		k = bsearch(&regno, l->c, l->n, sizeof(*l->c), int64_cmp);
		if (k != NULL && !k->ip->loaded)
			add(&g[k - l->c], s);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return (store_fail(st, err));
	return (0);
}

int
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
	sqlite3_stmt		*s;
	size_t			 i, j, sorted;
	int			 ret = -1;

	if (l->n == 0)
		return (0);
	g = xcalloc(l->n, sizeof(*g));
	if ((s = store_stmt(st, bsql, err)) == NULL)
		goto out;
	sqlite3_bind_text(s, 1, l->code, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 2, lo);
	if (mc_gather(st, s, l, g, mc_rows_booking, err) == -1 ||
	    (s = store_stmt(st, usql, err)) == NULL)
		goto out;
	sqlite3_bind_text(s, 1, l->code, -1, SQLITE_TRANSIENT);
	if (mc_gather(st, s, l, g, mc_rows_unavailable, err) == -1)
		goto out;
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
