/*
 * Tolkemonitor SPRÅK and LOV computed from the register's assignments,
 * booked in tolkreg or reported to it. The definitions, word for word
 * what this file computes, are in tolkreg-monitor(7):
 *
 * SPRÅK, per language, for half-year P (assignments by their start in
 * Europe/Oslo time; cancelled ones are not demand):
 *   requests          assignments not cancelled
 *   filled            completed or booked
 *   filled_qualified  filled by an interpreter with a category in the
 *                     language when booked (§ 7); and by category A-E
 *   unfilled          closed as unfilled
 *   qualified_share   filled_qualified / filled
 *   remote_share      filled remotely (video, phone, or on-site orders
 *                     done remotely) / filled (§ 8)
 *   demand_hours      ordered minutes of the requests / 60
 *   interpreters_*    listed on P's last day with a category in the
 *                     language on that day (by category)
 *   capacity_hours    their interpreting hours in P by availability
 *                     class (hours a week x weeks), each interpreter's
 *                     hours split evenly over their languages
 *   coverage          min(1, capacity_hours x utilisation / demand_hours)
 *   interpreters_needed  more qualified interpreters needed for full
 *                     coverage at the language's mean capacity (the
 *                     part-time capacity where it has none)
 *   change_prev       requests / requests in P-1 - 1
 *   change_year       requests / requests in P-2 (a year before) - 1
 *   flag              NEW: no requests in P-1 .. P-4; RISING:
 *                     change_prev above the threshold with at least the
 *                     minimum requests; SHORTAGE: coverage below the
 *                     threshold
 *
 * LOV, per group, for a year or half-year:
 *   assignments       completed; qualified: with a qualified interpreter
 *   exception_*       completed under each § 7 exception
 *   child_used        assignments where a child interpreted (§ 4)
 *   unfilled          requests left unfilled (§ 6)
 *   remote_share      completed remotely / completed (§ 8)
 *   guidelines_*      bodies that use interpreters regularly, by the
 *                     state of their § 9 guidelines (not by provider)
 * Groups: the sector of the assignment (else of its body), the county of
 * the body, the provider (in-house, public-service, private-agency, or
 * "tolkreg" for work booked in tolkreg), or the body.
 *
 * The demand side (every count above taken from assignments) is summed
 * from the per-month tables of schema 7, demand_lang and demand_body,
 * which triggers keep in step with the assignments: periods are whole
 * Europe/Oslo months, so the sums are exactly the counts over the
 * assignments of the period (tests/check_demand.c holds them to it).
 */
#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tolkreg/category.h"
#include "tolkreg/error.h"
#include "tolkreg/interpreter.h"
#include "tolkreg/monitor.h"
#include "tolkreg/output.h"
#include "tolkreg/store.h"
#include "tolkreg/validate.h"
#include "tolkreg/xmalloc.h"

/* Midnight Europe/Oslo on year-month-01. */
static int
month_start(int year, int month, time_t *out, struct tk_error *err)
{
	char	buf[32];

	snprintf(buf, sizeof(buf), "%04u-%02u-01T00:00", (unsigned)year %
	    10000, (unsigned)month % 100);
	return (validate_datetime("period", buf, out, err));
}

/* Fill p for a half-year or (half 0) a year. */
int
monitor_period(int year, int half, struct monitor_period *p,
    struct tk_error *err)
{
	static const char *const last[] = { "12-31", "06-30", "12-31" };

	if (year < 2000 || year > 2199 || half < 0 || half > 2)
		return (tk_fail(err, TK_E_INVALID, "period",
		    "'period' must be a year 2000-2199 or a half-year"));
	memset(p, 0, sizeof(*p));
	p->year = year;
	p->half = half;
	if (month_start(year, half == 2 ? 7 : 1, &p->start, err) == -1 ||
	    (half == 1 ? month_start(year, 7, &p->end, err) :
	    month_start(year + 1, 1, &p->end, err)) == -1)
		return (-1);
	if (half == 0)
		snprintf(p->label, sizeof(p->label), "%04u",
		    (unsigned)year % 10000);
	else
		snprintf(p->label, sizeof(p->label), "%04uH%u",
		    (unsigned)year % 10000, (unsigned)half % 10);
	snprintf(p->last_day, sizeof(p->last_day), "%04u-%s",
	    (unsigned)year % 10000, last[half]);
	return (0);
}

/*
 * The Oslo month YYYYMM in which p starts, or (end) the first one after
 * it: the keys of the demand tables (schema 7), whose months begin at
 * the same Oslo midnights as p->start and p->end.
 */
static int
period_month(const struct monitor_period *p, int end)
{
	if (!end)
		return (p->year * 100 + (p->half == 2 ? 7 : 1));
	return (p->half == 1 ? p->year * 100 + 7 : (p->year + 1) * 100 + 1);
}

/* The half-year n half-years before p. */
void
monitor_period_back(const struct monitor_period *p, int n,
    struct monitor_period *out)
{
	int	idx = p->year * 2 + (p->half - 1) - n;

	(void)monitor_period(idx / 2, idx % 2 + 1, out, NULL);
}

/* The last complete half-year before now. */
void
monitor_period_previous(time_t now, struct monitor_period *out)
{
	struct monitor_period	p;
	char			when[TIME_BUFLEN];
	int			year, month;

	tk_time_format(now, when);
	year = atoi(when);
	month = atoi(when + 5);
	(void)monitor_period(year, month >= 7 ? 2 : 1, &p, NULL);
	monitor_period_back(&p, 1, out);
}

/* The documented defaults. */
void
sprak_params_init(struct sprak_params *p)
{
	p->hours_full = MONITOR_HOURS_FULL;
	p->hours_part = MONITOR_HOURS_PART;
	p->hours_occasional = MONITOR_HOURS_OCCASIONAL;
	p->utilisation = MONITOR_UTILISATION;
	p->rising = MONITOR_RISING;
	p->rising_min = MONITOR_RISING_MIN;
	p->shortage = MONITOR_SHORTAGE;
}

/* Parse a breakdown name. */
int
monitor_by_parse(const char *s, enum monitor_by *out)
{
	static const char *const names[] = { "", "sector", "county",
	    "provider", "body" };
	int			 i;

	for (i = 1; i < 5; i++) {
		if (strcmp(s, names[i]) == 0) {
			*out = (enum monitor_by)i;
			return (0);
		}
	}
	return (-1);
}

/* Supply of one language (or language and county). */
struct supply {
	char	lang[4];
	char	county[3];	/* "" for national */
	int	n[5];		/* by category A-E */
	double	hours;		/* capacity in the half-year */
};

/* State of the supply pass. */
struct supply_acc {
	struct store		*st;
	const struct sprak_params *sp;
	struct supply		*v;
	size_t			 n, cap;
	int			 by_county;
	/* The current interpreter, from the listing query. */
	sqlite3_stmt		*who;
	int			 who_rc;
	int64_t			 who_regno;
	int			 who_listed;
	double			 who_hours;
	char			 who_county[3];
	/* The current interpreter's languages. */
	int64_t			 cur;
	char			 langs[16][4];
	char			 cats[16];
	int			 nlangs;
	const char		*day;
	struct tk_error		*err;
};

/* The supply entry for lang (and county), created if new. */
static struct supply *
supply_get(struct supply_acc *a, const char *lang, const char *county)
{
	size_t	i;

	for (i = 0; i < a->n; i++) {
		if (strcmp(a->v[i].lang, lang) == 0 &&
		    strcmp(a->v[i].county, county) == 0)
			return (&a->v[i]);
	}
	if (a->n == a->cap) {
		a->cap = a->cap ? a->cap * 2 : 128;
		a->v = xreallocarray(a->v, a->cap, sizeof(*a->v));
	}
	memset(&a->v[a->n], 0, sizeof(a->v[a->n]));
	snprintf(a->v[a->n].lang, sizeof(a->v[a->n].lang), "%s", lang);
	snprintf(a->v[a->n].county, sizeof(a->v[a->n].county), "%s", county);
	return (&a->v[a->n++]);
}

/* Add the current interpreter's languages to the supply. */
static void
supply_flush(struct supply_acc *a)
{
	struct supply	*s;
	int		 i;

	if (a->nlangs == 0 || !a->who_listed || a->who_regno != a->cur) {
		a->nlangs = 0;
		return;
	}
	for (i = 0; i < a->nlangs; i++) {
		s = supply_get(a, a->langs[i], a->by_county ? a->who_county :
		    "");
		s->n[a->cats[i] - 'A']++;
		s->hours += a->who_hours / a->nlangs;
	}
	a->nlangs = 0;
}

/* Advance the listing query to regno (both run in regno order). */
static int
supply_seek(struct supply_acc *a, int64_t regno)
{
	struct interpreter	in;
	const char		*status, *avail;
	enum listing		l;

	while (a->who_rc == SQLITE_ROW &&
	    sqlite3_column_int64(a->who, 0) < regno)
		a->who_rc = sqlite3_step(a->who);
	if (a->who_rc != SQLITE_ROW ||
	    sqlite3_column_int64(a->who, 0) != regno) {
		a->who_regno = -1;
		return (a->who_rc == SQLITE_ROW || a->who_rc == SQLITE_DONE ?
		    0 : store_fail(a->st, a->err));
	}
	a->who_regno = regno;
	avail = store_text(a->who, 1);
	a->who_hours = MONITOR_WEEKS_HALF * (strcmp(avail, "full") == 0 ?
	    a->sp->hours_full : strcmp(avail, "part") == 0 ?
	    a->sp->hours_part : a->sp->hours_occasional);
	snprintf(a->who_county, sizeof(a->who_county), "%s",
	    store_text(a->who, 2));
	/* The status then: the last listing event before the day after. */
	status = store_text(a->who, 3);
	memset(&in, 0, sizeof(in));
	l = strcmp(status, "listed") == 0 ? LIST_LISTED :
	    strcmp(status, "suspended") == 0 ? LIST_SUSPENDED :
	    strcmp(status, "excluded") == 0 ? LIST_EXCLUDED : LIST_WITHDRAWN;
	in.status = l;
	snprintf(in.status_until, sizeof(in.status_until), "%s",
	    store_text(a->who, 4));
	a->who_listed = *status != '\0' &&
	    interpreter_effective(&in, a->day) == LIST_LISTED;
	return (0);
}

/* category_snapshot() callback: collect one interpreter's languages. */
static int
supply_row(void *arg, int64_t regno, const char *lang, char cat)
{
	struct supply_acc	*a = arg;

	if (regno != a->cur) {
		supply_flush(a);
		a->cur = regno;
		if (supply_seek(a, regno) == -1)
			return (-1);
	}
	if (a->nlangs < 16) {
		snprintf(a->langs[a->nlangs], 4, "%s", lang);
		a->cats[a->nlangs++] = cat;
	}
	return (0);
}

/* Qualified interpreters and capacity on the period's last day. */
static int
load_supply(struct store *st, const struct monitor_period *p,
    const struct sprak_params *sp, int by_county, struct supply_acc *a,
    struct tk_error *err)
{
	static const char	 sql[] = "SELECT i.regno, i.availability,"
	    " m.county, coalesce(e.status, ''), coalesce(e.until, '')"
	    " FROM interpreter i JOIN municipality m ON m.code = i.municipality"
	    " LEFT JOIN listing_event e ON e.id = (SELECT max(x.id)"
	    "  FROM listing_event x WHERE x.regno = i.regno AND x.at < ?1)"
	    " ORDER BY i.regno";
	char			 cut[UTC_BUFLEN];
	int			 rc;

	memset(a, 0, sizeof(*a));
	a->st = st;
	a->sp = sp;
	a->by_county = by_county;
	a->day = p->last_day;
	a->err = err;
	a->cur = -1;
	/*
	 * Events are stored in UTC, tk_time_utc(): those before the end of
	 * the last day in Oslo, which is where the period ends.
	 */
	tk_time_utc(p->end, cut);
	if ((a->who = store_stmt(st, sql, err)) == NULL)
		return (-1);
	sqlite3_bind_text(a->who, 1, cut, -1, SQLITE_TRANSIENT);
	a->who_rc = sqlite3_step(a->who);
	rc = category_snapshot(st, p->last_day, supply_row, a, err);
	if (rc == 0)
		supply_flush(a);
	sqlite3_reset(a->who);
	return (rc);
}

/* One SPRÅK row before formatting. */
struct sprak_row {
	char	lang[4];
	char	name[128];
	char	group[64];
	long	requests, filled, filled_q, by_cat[5], unfilled, remote;
	double	demand_minutes;
	long	prev, year_ago, earlier;
};

static int
sprak_cmp(const void *va, const void *vb)
{
	const struct sprak_row	*a = va, *b = vb;
	int			 c;

	if (a->requests != b->requests)
		return (a->requests > b->requests ? -1 : 1);
	if ((c = strcmp(a->lang, b->lang)) != 0)
		return (c);
	return (strcmp(a->group, b->group));
}

/*
 * The aggregates of SPRÅK over the months P-4 .. P of demand_lang; ?2 is
 * P's first month.
 */
#define SPRAK_AGG \
	" sum(d.requests * (d.month >= ?2))," \
	" sum(d.filled * (d.month >= ?2))," \
	" sum(d.qualified * (d.month >= ?2))," \
	" sum(d.cat_a * (d.month >= ?2))," \
	" sum(d.cat_b * (d.month >= ?2))," \
	" sum(d.cat_c * (d.month >= ?2))," \
	" sum(d.cat_d * (d.month >= ?2))," \
	" sum(d.cat_e * (d.month >= ?2))," \
	" sum(d.unfilled * (d.month >= ?2))," \
	" sum(d.remote * (d.month >= ?2))," \
	" total(d.minutes * (d.month >= ?2))," \
	" sum(d.requests * (d.month >= ?3 AND d.month < ?2))," \
	" sum(d.requests * (d.month >= ?4 AND d.month < ?5))," \
	" sum(d.requests * (d.month < ?2))" \
	" FROM demand_lang d WHERE d.month >= ?1 AND d.month < ?6"

/* The demand query for a breakdown. */
static const char *
sprak_sql(enum monitor_by by)
{
	static const char	 none[] = "SELECT d.lang, '',"
	    SPRAK_AGG " GROUP BY d.lang";
	static const char	 sector[] = "SELECT d.lang, d.sector,"
	    SPRAK_AGG " GROUP BY d.lang, d.sector";
	static const char	 county[] = "SELECT d.lang, d.county,"
	    SPRAK_AGG " GROUP BY d.lang, d.county";

	return (by == BY_SECTOR ? sector : by == BY_COUNTY ? county : none);
}

/* Put a ratio with three decimals, or "" when undefined. */
static void
put_ratio(struct table *t, double num, double den)
{
	if (den <= 0)
		table_put(t, "");
	else
		table_putf(t, "%.3f", num / den);
}

/* Tolkemonitor SPRÅK. */
int
monitor_sprak(struct store *st, const struct monitor_period *p,
    enum monitor_by by, const struct sprak_params *sp, struct table *t,
    struct tk_error *err)
{
	static const char	 lname[] = "SELECT CASE name_nb WHEN '' THEN"
	    " name_en ELSE name_nb END FROM language WHERE code = ?1";
	struct monitor_period	 p1, p2, p4;
	struct supply_acc	 sup;
	struct supply		*s, none;
	struct sprak_row	*rows = NULL, *r;
	sqlite3_stmt		*q;
	size_t			 n = 0, cap = 0, i;
	double			 dh, supply_h, cover, mean, need;
	char			 flag[32];
	int			 rc, mine, k, ninterp;

	if (p->half == 0)
		return (tk_fail(err, TK_E_INVALID, "period", "SPRÅK is"
		    " reported per half-year: give YYYYH1 or YYYYH2"));
	if (by != BY_NONE && by != BY_SECTOR && by != BY_COUNTY)
		return (tk_fail(err, TK_E_INVALID, "by", "SPRÅK breaks down"
		    " by sector or county only"));
	monitor_period_back(p, 1, &p1);
	monitor_period_back(p, 2, &p2);
	monitor_period_back(p, 4, &p4);
	if (store_snapshot(st, &mine, err) == -1)
		return (-1);
	rc = -1;
	if (load_supply(st, p, sp, by == BY_COUNTY, &sup, err) == -1)
		goto out;
	if ((q = store_stmt(st, sprak_sql(by), err)) == NULL)
		goto out;
	sqlite3_bind_int(q, 1, period_month(&p4, 0));
	sqlite3_bind_int(q, 2, period_month(p, 0));
	sqlite3_bind_int(q, 3, period_month(&p1, 0));
	sqlite3_bind_int(q, 4, period_month(&p2, 0));
	sqlite3_bind_int(q, 5, period_month(&p2, 1));
	sqlite3_bind_int(q, 6, period_month(p, 1));
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		if (sqlite3_column_int64(q, 2) == 0)
			continue;	/* no demand in P */
		if (n == cap) {
			cap = cap ? cap * 2 : 128;
			rows = xreallocarray(rows, cap, sizeof(*rows));
		}
		r = &rows[n++];
		memset(r, 0, sizeof(*r));
		snprintf(r->lang, sizeof(r->lang), "%s", store_text(q, 0));
		snprintf(r->group, sizeof(r->group), "%s", store_text(q, 1));
		r->requests = sqlite3_column_int64(q, 2);
		r->filled = sqlite3_column_int64(q, 3);
		r->filled_q = sqlite3_column_int64(q, 4);
		for (k = 0; k < 5; k++)
			r->by_cat[k] = sqlite3_column_int64(q, 5 + k);
		r->unfilled = sqlite3_column_int64(q, 10);
		r->remote = sqlite3_column_int64(q, 11);
		r->demand_minutes = sqlite3_column_double(q, 12);
		r->prev = sqlite3_column_int64(q, 13);
		r->year_ago = sqlite3_column_int64(q, 14);
		r->earlier = sqlite3_column_int64(q, 15);
	}
	sqlite3_reset(q);
	if (rc != SQLITE_DONE) {
		rc = store_fail(st, err);
		goto out;
	}
	if (n > 0)
		qsort(rows, n, sizeof(*rows), sprak_cmp);

	table_col(t, "language", TCOL_STR);
	table_col(t, "language_name", TCOL_STR);
	if (by == BY_SECTOR)
		table_col(t, "sector", TCOL_STR);
	else if (by == BY_COUNTY)
		table_col(t, "county", TCOL_STR);
	table_col(t, "requests", TCOL_INT);
	table_col(t, "filled", TCOL_INT);
	table_col(t, "filled_qualified", TCOL_INT);
	table_col(t, "filled_a", TCOL_INT);
	table_col(t, "filled_b", TCOL_INT);
	table_col(t, "filled_c", TCOL_INT);
	table_col(t, "filled_d", TCOL_INT);
	table_col(t, "filled_e", TCOL_INT);
	table_col(t, "unfilled", TCOL_INT);
	table_col(t, "qualified_share", TCOL_NUM);
	table_col(t, "remote_share", TCOL_NUM);
	table_col(t, "demand_hours", TCOL_NUM);
	table_col(t, "interpreters_qualified", TCOL_INT);
	table_col(t, "interpreters_a", TCOL_INT);
	table_col(t, "interpreters_b", TCOL_INT);
	table_col(t, "interpreters_c", TCOL_INT);
	table_col(t, "interpreters_d", TCOL_INT);
	table_col(t, "interpreters_e", TCOL_INT);
	table_col(t, "capacity_hours", TCOL_NUM);
	table_col(t, "coverage", TCOL_NUM);
	table_col(t, "interpreters_needed", TCOL_INT);
	table_col(t, "change_prev", TCOL_NUM);
	table_col(t, "change_year", TCOL_NUM);
	table_col(t, "flag", TCOL_STR);
	memset(&none, 0, sizeof(none));
	for (i = 0; i < n; i++) {
		r = &rows[i];
		s = NULL;
		for (k = 0; k < (int)sup.n && s == NULL; k++) {
			if (strcmp(sup.v[k].lang, r->lang) == 0 &&
			    (by != BY_COUNTY ||
			    strcmp(sup.v[k].county, r->group) == 0))
				s = &sup.v[k];
		}
		if (s == NULL)
			s = &none;
		if ((q = store_stmt(st, lname, err)) == NULL) {
			rc = -1;
			goto out;
		}
		sqlite3_bind_text(q, 1, r->lang, -1, SQLITE_TRANSIENT);
		snprintf(r->name, sizeof(r->name), "%s",
		    sqlite3_step(q) == SQLITE_ROW ? store_text(q, 0) : r->lang);
		sqlite3_reset(q);

		dh = r->demand_minutes / 60.0;
		supply_h = s->hours * sp->utilisation;
		ninterp = s->n[0] + s->n[1] + s->n[2] + s->n[3] + s->n[4];
		cover = dh > 0 ? fmin(1.0, supply_h / dh) : 1.0;
		mean = ninterp > 0 ? s->hours / ninterp :
		    sp->hours_part * MONITOR_WEEKS_HALF;
		need = cover < 1.0 ? ceil((dh - supply_h) /
		    (mean * sp->utilisation)) : 0;
		flag[0] = '\0';
		if (r->earlier == 0)
			strncat(flag, "NEW", sizeof(flag) - strlen(flag) - 1);
		if (r->prev > 0 && r->requests >= sp->rising_min &&
		    (double)r->requests / (double)r->prev - 1.0 > sp->rising)
			strncat(flag, flag[0] ? ",RISING" : "RISING",
			    sizeof(flag) - strlen(flag) - 1);
		if (dh > 0 && cover < sp->shortage)
			strncat(flag, flag[0] ? ",SHORTAGE" : "SHORTAGE",
			    sizeof(flag) - strlen(flag) - 1);

		table_row(t);
		table_put(t, r->lang);
		table_put(t, r->name);
		if (by != BY_NONE)
			table_put(t, r->group);
		table_put_int(t, r->requests);
		table_put_int(t, r->filled);
		table_put_int(t, r->filled_q);
		for (k = 0; k < 5; k++)
			table_put_int(t, r->by_cat[k]);
		table_put_int(t, r->unfilled);
		put_ratio(t, (double)r->filled_q, (double)r->filled);
		put_ratio(t, (double)r->remote, (double)r->filled);
		table_putf(t, "%.1f", dh);
		table_put_int(t, ninterp);
		for (k = 0; k < 5; k++)
			table_put_int(t, s->n[k]);
		table_putf(t, "%.1f", s->hours);
		table_putf(t, "%.3f", cover);
		table_put_int(t, (long long)need);
		put_ratio(t, (double)(r->requests - r->prev), (double)r->prev);
		put_ratio(t, (double)(r->requests - r->year_ago),
		    (double)r->year_ago);
		table_put(t, flag);
	}
	rc = 0;
out:
	store_snapshot_end(st, mine);
	free(sup.v);
	free(rows);
	return (rc);
}

/* The LOV aggregates of demand_body; ?1, ?2 bound the months. */
#define LOV_AGG \
	" sum(d.completed), sum(d.qualified), sum(d.exc_wait)," \
	" sum(d.exc_emergency), sum(d.exc_other), sum(d.exc_none)," \
	" sum(d.child_used), sum(d.unfilled), sum(d.remote)" \
	" FROM demand_body d JOIN body b ON b.orgnr = d.body" \
	" JOIN municipality m ON m.code = b.municipality" \
	" WHERE d.month >= ?1 AND d.month < ?2"

/* The guideline counts of regular bodies, by the same key. */
#define LOV_GUIDE \
	" sum(b.guidelines = 'full'), sum(b.guidelines = 'partial')," \
	" sum(b.guidelines = 'none'), count(*) FROM body b" \
	" JOIN municipality m ON m.code = b.municipality WHERE b.regular = 1"

/* One LOV row before formatting. */
struct lov_row {
	char	group[64];
	long	v[9];
	long	g[4];	/* full, partial, none, regular */
};

/* Tolkemonitor LOV. */
int
monitor_lov(struct store *st, const struct monitor_period *p,
    enum monitor_by by, struct table *t, struct table *top,
    struct tk_error *err)
{
	static const char	 q_none[] = "SELECT 'all'," LOV_AGG;
	static const char	 q_sector[] = "SELECT d.sector AS sec,"
	    LOV_AGG " GROUP BY sec ORDER BY sec";
	static const char	 q_county[] = "SELECT m.county," LOV_AGG
	    " GROUP BY m.county ORDER BY m.county";
	static const char	 q_body[] = "SELECT d.body," LOV_AGG
	    " GROUP BY d.body ORDER BY d.body";
	/* Booked in tolkreg: from the register, named "tolkreg". */
	static const char	 q_provider[] = "SELECT d.provider AS prov,"
	    LOV_AGG " GROUP BY prov ORDER BY prov";
	static const char	 g_none[] = "SELECT 'all'," LOV_GUIDE;
	static const char	 g_sector[] = "SELECT b.sector," LOV_GUIDE
	    " GROUP BY b.sector";
	static const char	 g_county[] = "SELECT m.county," LOV_GUIDE
	    " GROUP BY m.county";
	static const char	 g_body[] = "SELECT b.orgnr," LOV_GUIDE
	    " GROUP BY b.orgnr";
	static const char	 q_top[] = "SELECT b.orgnr, b.name, b.sector,"
	    " sum(d.completed) FROM demand_body d"
	    " JOIN body b ON b.orgnr = d.body"
	    " WHERE b.regular = 1 AND b.guidelines = 'none'"
	    " AND d.month >= ?1 AND d.month < ?2"
	    " GROUP BY b.orgnr HAVING sum(d.completed) > 0"
	    " ORDER BY 4 DESC, 1 LIMIT 10";
	struct lov_row		*rows = NULL, *r;
	sqlite3_stmt		*q;
	size_t			 n = 0, cap = 0, i;
	const char		*sql, *gsql;
	int			 rc, k, mine;

	switch (by) {
	case BY_NONE:
		sql = q_none;
		gsql = g_none;
		break;
	case BY_SECTOR:
		sql = q_sector;
		gsql = g_sector;
		break;
	case BY_COUNTY:
		sql = q_county;
		gsql = g_county;
		break;
	case BY_BODY:
		sql = q_body;
		gsql = g_body;
		break;
	case BY_PROVIDER:
		sql = q_provider;
		gsql = NULL;	/* bodies have no provider */
		break;
	default:
		return (tk_fail(err, TK_E_INVALID, "by", "LOV breaks down by"
		    " sector, county, provider or body"));
	}
	if (store_snapshot(st, &mine, err) == -1)
		return (-1);
	rc = -1;
	if ((q = store_stmt(st, sql, err)) == NULL)
		goto out;
	sqlite3_bind_int(q, 1, period_month(p, 0));
	sqlite3_bind_int(q, 2, period_month(p, 1));
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 32;
			rows = xreallocarray(rows, cap, sizeof(*rows));
		}
		r = &rows[n++];
		memset(r, 0, sizeof(*r));
		snprintf(r->group, sizeof(r->group), "%s", store_text(q, 0));
		for (k = 0; k < 9; k++)
			r->v[k] = sqlite3_column_int64(q, k + 1);
	}
	sqlite3_reset(q);
	if (rc != SQLITE_DONE) {
		rc = store_fail(st, err);
		goto out;
	}
	if (gsql != NULL && (q = store_stmt(st, gsql, err)) == NULL) {
		rc = -1;
		goto out;
	}
	while (gsql != NULL && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		for (i = 0; i < n; i++) {
			if (strcmp(rows[i].group, store_text(q, 0)) != 0)
				continue;
			for (k = 0; k < 4; k++)
				rows[i].g[k] = sqlite3_column_int64(q, k + 1);
		}
	}
	if (gsql != NULL) {
		sqlite3_reset(q);
		if (rc != SQLITE_DONE) {
			rc = store_fail(st, err);
			goto out;
		}
	}

	table_col(t, by == BY_NONE ? "group" : by == BY_SECTOR ? "sector" :
	    by == BY_COUNTY ? "county" : by == BY_PROVIDER ? "provider" :
	    "body", TCOL_STR);
	table_col(t, "assignments", TCOL_INT);
	table_col(t, "qualified", TCOL_INT);
	table_col(t, "qualified_share", TCOL_NUM);
	table_col(t, "exception_not_justifiable_to_wait", TCOL_INT);
	table_col(t, "exception_emergency", TCOL_INT);
	table_col(t, "exception_other_strong_reasons", TCOL_INT);
	table_col(t, "exception_none_qualified", TCOL_INT);
	table_col(t, "child_used", TCOL_INT);
	table_col(t, "unfilled", TCOL_INT);
	table_col(t, "remote_share", TCOL_NUM);
	table_col(t, "bodies_regular", TCOL_INT);
	table_col(t, "guidelines_full", TCOL_INT);
	table_col(t, "guidelines_partial", TCOL_INT);
	table_col(t, "guidelines_none", TCOL_INT);
	for (i = 0; i < n; i++) {
		r = &rows[i];
		if (r->v[0] == 0 && r->v[7] == 0 && r->v[6] == 0)
			continue;	/* nothing in the period */
		table_row(t);
		table_put(t, r->group);
		table_put_int(t, r->v[0]);
		table_put_int(t, r->v[1]);
		put_ratio(t, (double)r->v[1], (double)r->v[0]);
		for (k = 2; k < 8; k++)
			table_put_int(t, r->v[k]);
		put_ratio(t, (double)r->v[8], (double)r->v[0]);
		table_put_int(t, r->g[3]);
		table_put_int(t, r->g[0]);
		table_put_int(t, r->g[1]);
		table_put_int(t, r->g[2]);
	}

	if (top != NULL) {
		table_col(top, "orgnr", TCOL_STR);
		table_col(top, "name", TCOL_STR);
		table_col(top, "sector", TCOL_STR);
		table_col(top, "assignments", TCOL_INT);
		if ((q = store_stmt(st, q_top, err)) == NULL) {
			rc = -1;
			goto out;
		}
		sqlite3_bind_int(q, 1, period_month(p, 0));
		sqlite3_bind_int(q, 2, period_month(p, 1));
		while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
			table_row(top);
			for (k = 0; k < 4; k++)
				table_put(top, store_text(q, k));
		}
		sqlite3_reset(q);
		if (rc != SQLITE_DONE) {
			rc = store_fail(st, err);
			goto out;
		}
	}
	rc = 0;
out:
	store_snapshot_end(st, mine);
	free(rows);
	return (rc);
}
