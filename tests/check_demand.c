/*
 * The per-month demand tables of schema 7 behind Tolkemonitor: the Oslo
 * month of the triggers' plain SQL against the C clock; the tables
 * against a from-scratch GROUP BY over the assignments after every kind
 * of change (bookings, completions, cancellations, reports added and
 * moved, deletions, bodies and municipalities changing county or
 * sector, writes from a connection without the program's functions, an
 * upgrade from schema 6); and SPRÅK and LOV read from them against the
 * same reports computed from the raw assignments, as they were before
 * the tables existed.
 */
#include "config.h"

#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check_suites.h"
#include "fixture.h"
#include "tolkreg/assignment.h"
#include "tolkreg/body.h"
#include "tolkreg/error.h"
#include "tolkreg/gen.h"
#include "tolkreg/monitor.h"
#include "tolkreg/output.h"
#include "tolkreg/request.h"
#include "tolkreg/store.h"
#include "tolkreg/validate.h"

/* The Oslo month as schema/007_demand.sql computes it. */
#define MONTH_SQL(t) "CAST(strftime('%Y%m', " t ", 'unixepoch', CASE WHEN" \
	" CAST(strftime('%m', " t ", 'unixepoch') AS INTEGER) BETWEEN 3 AND 9" \
	" THEN '+2 hours' ELSE '+1 hours' END) AS INTEGER)"

static struct store	*st;
static char		 path[256];
static size_t		 compared;	/* report rows compared */
static struct tk_error	 err;

/* The Oslo month YYYYMM of t by the C clock. */
static int
c_month(time_t t)
{
	char	buf[TIME_BUFLEN];

	tk_time_format(t, buf);
	return (atoi(buf) * 100 + atoi(buf + 5));
}

/* oslo_month(t) in SQL, by the C clock: for the from-scratch sums. */
static void
fn_oslo_month(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	sqlite3_result_int(ctx, c_month((time_t)sqlite3_value_int64(argv[0])));
}

static void
setup(void)
{
	st = fixture_store_new(path);
	tk_error_clear(&err);
	ck_assert_int_eq(sqlite3_create_function(store_db(st), "oslo_month",
	    1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, fn_oslo_month, NULL,
	    NULL), SQLITE_OK);
}

static void
teardown(void)
{
	fixture_store_free(st, path);
}

static time_t
at(const char *oslo)
{
	time_t	t;

	ck_assert_msg(validate_datetime("t", oslo, &t, &err) == 0, "%s",
	    err.msg);
	return (t);
}

/* Every hour of 2019-2030, and every minute around each month's start. */
START_TEST(test_month_sql)
{
	sqlite3		*db;
	sqlite3_stmt	*s;
	struct tm	 tm;
	time_t		 t, edge[2];
	char		 buf[64];
	long		 n = 0, bad = 0;
	int		 y, m, k, want, got;

	ck_assert_int_eq(sqlite3_open(":memory:", &db), SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(db, "SELECT " MONTH_SQL("?1"),
	    -1, &s, NULL), SQLITE_OK);
#define CHECK_AT(tt) do {						\
	sqlite3_bind_int64(s, 1, (sqlite3_int64)(tt));			\
	ck_assert_int_eq(sqlite3_step(s), SQLITE_ROW);			\
	got = sqlite3_column_int(s, 0);					\
	sqlite3_reset(s);						\
	want = c_month(tt);						\
	n++;								\
	if (got != want && bad++ == 0)					\
		ck_abort_msg("at %lld: SQL says %d, Oslo %d",		\
		    (long long)(tt), got, want);			\
} while (0)
	for (t = at("2019-01-01T00:00Z"); t < at("2031-01-01T00:00Z");
	    t += 3600)
		CHECK_AT(t);
	for (y = 2019; y <= 2030; y++) {
		for (m = 1; m <= 12; m++) {
			memset(&tm, 0, sizeof(tm));
			tm.tm_year = y - 1900;
			tm.tm_mon = m - 1;
			tm.tm_mday = 1;
			edge[0] = timegm(&tm);	/* UTC */
			snprintf(buf, sizeof(buf), "%04d-%02d-01T00:00", y % 10000,
			    m % 100);
			edge[1] = at(buf);	/* Oslo */
			for (k = -180; k <= 180; k++) {
				CHECK_AT(edge[0] + k * 60);
				CHECK_AT(edge[1] + k * 60);
				CHECK_AT(edge[1] + k);
			}
		}
	}
#undef CHECK_AT
	sqlite3_finalize(s);
	sqlite3_close(db);
	ck_assert_int_eq(bad, 0);
	ck_assert_int_gt(n, 100000);
}
END_TEST

/* The tables as the triggers keep them, and from scratch. */
static const char	 lang_scratch[] = "SELECT oslo_month(r.start),"
    " r.lang, coalesce(r.sector, b.sector), m.county, count(*),"
    " sum(r.state IN ('completed', 'booked')),"
    " sum(r.state IN ('completed', 'booked') AND r.category IS NOT NULL),"
    " sum(r.state IN ('completed', 'booked') AND r.category IS 'A'),"
    " sum(r.state IN ('completed', 'booked') AND r.category IS 'B'),"
    " sum(r.state IN ('completed', 'booked') AND r.category IS 'C'),"
    " sum(r.state IN ('completed', 'booked') AND r.category IS 'D'),"
    " sum(r.state IN ('completed', 'booked') AND r.category IS 'E'),"
    " sum(r.state = 'unfilled'),"
    " sum(r.state IN ('completed', 'booked') AND"
    "  coalesce(r.remote, r.modality <> 'onsite')),"
    " sum(r.minutes)"
    " FROM request r JOIN body b ON b.orgnr = r.body"
    " JOIN municipality m ON m.code = b.municipality"
    " WHERE r.state <> 'cancelled' GROUP BY 1, 2, 3, 4";
static long long
differ(const char *table, const char *scratch)
{
	char	sql[4096];

	snprintf(sql, sizeof(sql), "SELECT (SELECT count(*) FROM (SELECT *"
	    " FROM %s EXCEPT %s)) + (SELECT count(*) FROM (%s EXCEPT"
	    " SELECT * FROM %s))", table, scratch, scratch, table);
	return (fixture_int(st, sql));
}

static void
tables_match(const char *when)
{
	ck_assert_msg(differ("demand_lang", lang_scratch) == 0,
	    "demand_lang differs after %s", when);
	/* Only what counts for LOV has a row: no empty groups. */
	ck_assert_msg(differ("demand_body", "SELECT * FROM (SELECT * FROM"
	    " (SELECT oslo_month(r.start) AS mo, r.body AS bo,"
	    " coalesce(r.sector, b.sector) AS se,"
	    " coalesce(r.provider, 'tolkreg') AS pr,"
	    " sum(r.state = 'completed') AS co,"
	    " sum(r.state = 'completed' AND r.category IS NOT NULL),"
	    " sum(r.state = 'completed' AND"
	    "  r.exception IS 'not-justifiable-to-wait'),"
	    " sum(r.state = 'completed' AND r.exception IS 'emergency'),"
	    " sum(r.state = 'completed' AND"
	    "  r.exception IS 'other-strong-reasons'),"
	    " sum(r.state = 'completed' AND r.exception IS 'none-qualified'),"
	    " sum(r.child_used IS 1) AS ch, sum(r.state = 'unfilled') AS un,"
	    " sum(r.state = 'completed' AND"
	    "  coalesce(r.remote, r.modality <> 'onsite'))"
	    " FROM request r JOIN body b ON b.orgnr = r.body"
	    " GROUP BY 1, 2, 3, 4) WHERE co > 0 OR ch > 0 OR un > 0)") == 0,
	    "demand_body differs after %s", when);
	ck_assert_int_eq(fixture_int(st, "SELECT count(*) FROM demand_lang"
	    " WHERE requests <= 0"), 0);
	ck_assert_int_gt(fixture_int(st, "SELECT count(*) FROM demand_lang"),
	    0);
	ck_assert_int_gt(fixture_int(st, "SELECT count(*) FROM demand_body"),
	    0);
}

/* A register over three years to 2026-05-15, with open requests after. */
static void
generate(void)
{
	struct gen_params	gp;

	gen_params_init(&gp);
	gp.interpreters = 150;
	gp.bodies = 24;
	gp.languages = 25;
	gp.assignments = 6000;
	gp.years = 3;
	gp.future_days = 60;
	gp.until = at("2026-05-15T12:00");
	ck_assert_int_eq(store_begin(st, &err), 0);
	ck_assert_msg(gen_register(st, &gp, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(store_commit(st, &err), 0);
}

/* The ids of up to n requests a query names. */
static size_t
ids(const char *sql, int64_t *out, size_t n)
{
	sqlite3_stmt	*s;
	size_t		 k = 0;

	ck_assert_int_eq(sqlite3_prepare_v2(store_db(st), sql, -1, &s, NULL),
	    SQLITE_OK);
	while (k < n && sqlite3_step(s) == SQLITE_ROW)
		out[k++] = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return (k);
}

static const char *const bounds[] = {
	"2024-01-01T00:00", "2023-12-31T23:59:59", "2024-04-01T00:00",
	"2024-03-31T23:59", "2024-10-31T23:30", "2024-11-01T00:00",
	"2025-03-31T23:59:59", "2025-04-01T00:00", "2025-06-30T23:59",
	"2025-07-01T00:00", "2025-12-31T23:00", "2026-01-01T00:00",
	"2025-03-30T02:30:00+02:00", "2025-10-26T02:30:00+01:00",
	"2026-06-30T23:59:59", "2026-07-01T00:00:00"
};
static const char *const providers[] = { NULL, "in-house",
	"public-service", "private-agency" };
static const char *const sectors[] = { NULL, "health", "courts",
	"police", "education" };
static const char *const langs[] = { "ara", "som", "tir", "pol", "fas" };
static const char *const exceptions[] = { "not-justifiable-to-wait",
	"emergency", "other-strong-reasons", "none-qualified" };

/* Report assignment ref number i, in variant v, with outcome shift o. */
static void
report(int i, int v, int o)
{
	struct assignment_input	 in;
	enum assignment_result	 result;
	sqlite3_stmt		*s;
	char			 ref[32], body[10], regno[16];
	int			 kind = (i + v + o) % 4;

	memset(&in, 0, sizeof(in));
	snprintf(ref, sizeof(ref), "R-%d", i);
	/* One of the 24 bodies; the variant may move it to another. */
	ck_assert_int_eq(sqlite3_prepare_v2(store_db(st), "SELECT orgnr"
	    " FROM body ORDER BY orgnr LIMIT 1 OFFSET ?1", -1, &s, NULL),
	    SQLITE_OK);
	sqlite3_bind_int(s, 1, (i * 7 + v * 3) % 24);
	ck_assert_int_eq(sqlite3_step(s), SQLITE_ROW);
	snprintf(body, sizeof(body), "%s", sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	in.sender = "974760673";
	in.ref = ref;
	in.body = body;
	in.sector = sectors[(i + 2 * v) % 5];
	in.lang = langs[(i + v) % 5];
	in.start = bounds[(i * 5 + v * 3) % 16];
	in.minutes = v ? "90" : "60";
	in.modality = (i + v) % 3 == 0 ? "onsite" : "video";
	in.municipality = "0301";
	in.remote = -1;
	in.child_used = -1;
	in.provider = providers[(i + v) % 4];
	if (in.provider != NULL && strcmp(in.provider, "in-house") != 0)
		in.provider_orgnr = "988077917";
	switch (kind) {
	case 0:
	case 1:
		in.outcome = "completed";
		snprintf(regno, sizeof(regno), "%d", 10001 + (i * 3) % 150);
		in.interpreter = kind == 0 ? regno : "unregistered";
		if (kind == 1)
			in.exception = exceptions[i % 4];
		in.child_used = i % 3 == 0;
		if (strcmp(in.modality, "onsite") == 0)
			in.remote = i % 2;
		break;
	case 2:
		in.outcome = "unfilled";
		in.child_used = i % 2;
		break;
	default:
		in.outcome = "cancelled";
		break;
	}
	ck_assert_msg(assignment_record(st, &in, &result, &err) == 0,
	    "report %d/%d: %s", i, v, err.msg);
}

/* Every kind of change, each followed by a comparison. */
static void
churn(void)
{
	struct completion	 c;
	struct request		 r;
	struct body_input	 bi;
	int64_t			 id[64];
	size_t			 n, i;
	char			 orgnr[10], sql[512];
	sqlite3			*raw;
	sqlite3_stmt		*s;

	tables_match("generation");

	/* Bookings, completions, cancellations, unfilled. */
	ck_assert_int_eq(store_begin(st, &err), 0);
	n = ids("SELECT id FROM request WHERE state = 'requested'"
	    " ORDER BY id", id, 60);
	ck_assert_uint_ge(n, 50);
	for (i = 0; i < 20; i++) {
		ck_assert_int_eq(request_get(st, id[i], &r, &err), 0);
		ck_assert_msg(request_set_booked(st, &r, 10001 + (int64_t)i,
		    (char)('A' + i % 5), 0, &err) == 0, "%s", err.msg);
	}
	for (i = 20; i < 30; i++)
		ck_assert_int_eq(request_cancel(st, id[i], "gone", &err), 0);
	for (i = 30; i < 40; i++)
		ck_assert_int_eq(request_unfilled(st, id[i], "none", &err), 0);
	for (i = 40; i < 50; i++) {
		memset(&c, 0, sizeof(c));
		c.remote = i % 2;
		c.child_used = i % 3 == 0;
		c.unregistered = 1;
		c.exception = exceptions[i % 4];
		ck_assert_msg(request_complete(st, id[i], &c, &err) == 0,
		    "%s", err.msg);
	}
	for (i = 0; i < 10; i++) {
		memset(&c, 0, sizeof(c));
		c.remote = i % 2;
		c.child_used = i % 4 == 0;
		ck_assert_msg(request_complete(st, id[i], &c, &err) == 0,
		    "%s", err.msg);
	}
	for (i = 10; i < 15; i++)
		ck_assert_int_eq(request_cancel(st, id[i], "gone", &err), 0);
	ck_assert_int_eq(store_commit(st, &err), 0);
	tables_match("bookings and closings");

	/* Reports added, then brought up to date in every field. */
	ck_assert_int_eq(store_begin(st, &err), 0);
	for (i = 0; i < 48; i++)
		report((int)i, 0, 0);
	ck_assert_int_eq(store_commit(st, &err), 0);
	tables_match("reports added");
	ck_assert_int_eq(store_begin(st, &err), 0);
	for (i = 0; i < 48; i++)
		report((int)i, 1 + (int)i % 3, 0);
	ck_assert_int_eq(store_commit(st, &err), 0);
	tables_match("reports changed");
	/* Only the outcome: the contribution stays in its groups. */
	ck_assert_int_eq(store_begin(st, &err), 0);
	for (i = 0; i < 48; i++)
		report((int)i, 1 + (int)i % 3, 1 + (int)i % 3);
	ck_assert_int_eq(store_commit(st, &err), 0);
	tables_match("report outcomes changed");

	/* Deletions. */
	fixture_exec(st, "DELETE FROM request WHERE id IN (SELECT id FROM"
	    " request WHERE id NOT IN (SELECT request FROM ranking) AND id NOT"
	    " IN (SELECT request FROM request_exclude) AND id % 97 = 5)");
	ck_assert_int_gt(sqlite3_changes(store_db(st)), 20);
	tables_match("deletions");

	/* Bodies changing sector and municipality (and county). */
	s = NULL;
	ck_assert_int_eq(sqlite3_prepare_v2(store_db(st), "SELECT b.orgnr"
	    " FROM body b JOIN request r ON r.body = b.orgnr"
	    " GROUP BY b.orgnr ORDER BY count(*) DESC LIMIT 3", -1, &s, NULL),
	    SQLITE_OK);
	for (i = 0; sqlite3_step(s) == SQLITE_ROW; i++) {
		snprintf(orgnr, sizeof(orgnr), "%s", sqlite3_column_text(s, 0));
		memset(&bi, 0, sizeof(bi));
		bi.sector = i == 1 ? -1 : (int)(SECTOR_POLICE + i);
		bi.municipality = i == 2 ? NULL : i == 0 ? "4601" : "5001";
		bi.regular = -1;
		bi.guidelines = -1;
		ck_assert_msg(body_update(st, orgnr, &bi, &err) == 0, "%s",
		    err.msg);
	}
	sqlite3_finalize(s);
	tables_match("bodies changed");
	fixture_exec(st, "UPDATE municipality SET county = '03' WHERE code ="
	    " (SELECT municipality FROM body ORDER BY orgnr LIMIT 1)"
	    " AND county <> '03'");
	tables_match("a municipality moved county");
	/* The same statement as body_update, nothing changing. */
	fixture_exec(st, "UPDATE body SET sector = sector,"
	    " municipality = municipality");
	tables_match("bodies rewritten");

	/* A connection without the program's functions (the sqlite3 shell). */
	ck_assert_int_eq(sqlite3_open(path, &raw), SQLITE_OK);
	snprintf(sql, sizeof(sql), "INSERT INTO request (body, lang, start,"
	    " minutes, modality, state, created) SELECT orgnr, 'ara', %lld,"
	    " 45, 'phone', 'requested', 'raw' FROM body;"
	    " UPDATE request SET state = 'unfilled', child_used = 1 WHERE"
	    " created = 'raw' AND rowid %% 2 = 0;"
	    " UPDATE request SET start = start - 3600 WHERE created = 'raw';",
	    (long long)at("2025-10-01T00:30"));
	ck_assert_msg(sqlite3_exec(raw, sql, NULL, NULL, NULL) == SQLITE_OK,
	    "%s", sqlite3_errmsg(raw));
	sqlite3_close(raw);
	tables_match("writes from the sqlite3 shell");
}

/* Cells a and b the same, with where they are in a message. */
#define SAME(what, a, b) ck_assert_msg(strcmp((a), (b)) == 0,		\
	"%s: '%s', from the assignments '%s'", (what), (a), (b))

static void
ratio(char *buf, size_t sz, double num, double den)
{
	if (den <= 0)
		buf[0] = '\0';
	else
		snprintf(buf, sz, "%.3f", num / den);
}

/* The SPRÅK demand as it was computed before schema 7. */
#define RAW_SPRAK_AGG \
	" sum(r.start >= ?2 AND r.state <> 'cancelled')," \
	" sum(r.start >= ?2 AND r.state IN ('completed', 'booked'))," \
	" sum(r.start >= ?2 AND r.state IN ('completed', 'booked')" \
	"  AND r.category IS NOT NULL)," \
	" sum(r.start >= ?2 AND r.state IN ('completed', 'booked')" \
	"  AND r.category = 'A')," \
	" sum(r.start >= ?2 AND r.state IN ('completed', 'booked')" \
	"  AND r.category = 'B')," \
	" sum(r.start >= ?2 AND r.state IN ('completed', 'booked')" \
	"  AND r.category = 'C')," \
	" sum(r.start >= ?2 AND r.state IN ('completed', 'booked')" \
	"  AND r.category = 'D')," \
	" sum(r.start >= ?2 AND r.state IN ('completed', 'booked')" \
	"  AND r.category = 'E')," \
	" sum(r.start >= ?2 AND r.state = 'unfilled')," \
	" sum(r.start >= ?2 AND r.state IN ('completed', 'booked')" \
	"  AND coalesce(r.remote, r.modality <> 'onsite'))," \
	" total(CASE WHEN r.start >= ?2 AND r.state <> 'cancelled'" \
	"  THEN r.minutes END)," \
	" sum(r.start >= ?3 AND r.start < ?2 AND r.state <> 'cancelled')," \
	" sum(r.start >= ?4 AND r.start < ?5 AND r.state <> 'cancelled')," \
	" sum(r.start < ?2 AND r.state <> 'cancelled')"

static const char *const raw_sprak[] = {
	"SELECT r.lang, ''," RAW_SPRAK_AGG " FROM request r"
	" WHERE r.start >= ?1 AND r.start < ?6 GROUP BY r.lang",
	"SELECT r.lang, coalesce(r.sector, b.sector) AS sec," RAW_SPRAK_AGG
	" FROM request r JOIN body b ON b.orgnr = r.body"
	" WHERE r.start >= ?1 AND r.start < ?6 GROUP BY r.lang, sec",
	"SELECT r.lang, m.county," RAW_SPRAK_AGG
	" FROM request r JOIN body b ON b.orgnr = r.body"
	" JOIN municipality m ON m.code = b.municipality"
	" WHERE r.start >= ?1 AND r.start < ?6 GROUP BY r.lang, m.county"
};

struct raw_row {
	char	key[80];	/* lang NUL group, for sorting */
	char	lang[4], group[64];
	long	v[14];
	double	minutes;
};

static int
raw_cmp(const void *va, const void *vb)
{
	const struct raw_row	*a = va, *b = vb;
	int			 c;

	if (a->v[0] != b->v[0])
		return (a->v[0] > b->v[0] ? -1 : 1);
	if ((c = strcmp(a->lang, b->lang)) != 0)
		return (c);
	return (strcmp(a->group, b->group));
}

static void
cmp_sprak(const struct monitor_period *p, enum monitor_by by, int rawi)
{
	struct sprak_params	 sp;
	struct monitor_period	 p1, p2, p4;
	struct table		*t;
	struct raw_row		 rows[2048], *w;
	sqlite3_stmt		*s;
	size_t			 n = 0, i;
	char			 buf[64], what[96], flag[32];
	const char		*cell;
	int			 k, off = by == BY_NONE ? 0 : 1;

	sprak_params_init(&sp);
	sp.rising_min = 5;	/* let RISING show at this scale */
	monitor_period_back(p, 1, &p1);
	monitor_period_back(p, 2, &p2);
	monitor_period_back(p, 4, &p4);
	ck_assert_int_eq(sqlite3_prepare_v2(store_db(st), raw_sprak[rawi], -1,
	    &s, NULL), SQLITE_OK);
	sqlite3_bind_int64(s, 1, (sqlite3_int64)p4.start);
	sqlite3_bind_int64(s, 2, (sqlite3_int64)p->start);
	sqlite3_bind_int64(s, 3, (sqlite3_int64)p1.start);
	sqlite3_bind_int64(s, 4, (sqlite3_int64)p2.start);
	sqlite3_bind_int64(s, 5, (sqlite3_int64)p2.end);
	sqlite3_bind_int64(s, 6, (sqlite3_int64)p->end);
	while (sqlite3_step(s) == SQLITE_ROW) {
		if (sqlite3_column_int64(s, 2) == 0)
			continue;
		ck_assert_uint_lt(n, 2048);
		w = &rows[n++];
		memset(w, 0, sizeof(*w));
		snprintf(w->lang, sizeof(w->lang), "%s",
		    sqlite3_column_text(s, 0));
		snprintf(w->group, sizeof(w->group), "%s",
		    sqlite3_column_text(s, 1) != NULL ?
		    (const char *)sqlite3_column_text(s, 1) : "");
		for (k = 0; k < 10; k++)
			w->v[k] = sqlite3_column_int64(s, 2 + k);
		w->minutes = sqlite3_column_double(s, 12);
		for (k = 0; k < 3; k++)
			w->v[10 + k] = sqlite3_column_int64(s, 13 + k);
	}
	sqlite3_finalize(s);
	qsort(rows, n, sizeof(rows[0]), raw_cmp);
	compared += n;

	t = table_new();
	ck_assert_msg(monitor_sprak(st, p, by, &sp, t, &err) == 0, "%s",
	    err.msg);
	snprintf(what, sizeof(what), "SPRÅK %s by %d", p->label, (int)by);
	ck_assert_msg(table_nrows(t) == n, "%s: %zu rows, raw %zu", what,
	    table_nrows(t), n);
	for (i = 0; i < n; i++) {
		w = &rows[i];
		SAME(what, table_cell(t, i, 0), w->lang);
		if (by != BY_NONE)
			SAME(what, table_cell(t, i, 2), w->group);
		for (k = 0; k < 9; k++) {
			snprintf(buf, sizeof(buf), "%ld", w->v[k]);
			SAME(what, table_cell(t, i, 2 + off + k), buf);
		}
		ratio(buf, sizeof(buf), (double)w->v[2], (double)w->v[1]);
		SAME(what, table_cell(t, i, 11 + off), buf);
		ratio(buf, sizeof(buf), (double)w->v[9], (double)w->v[1]);
		SAME(what, table_cell(t, i, 12 + off), buf);
		snprintf(buf, sizeof(buf), "%.1f", w->minutes / 60.0);
		SAME(what, table_cell(t, i, 13 + off), buf);
		ratio(buf, sizeof(buf), (double)(w->v[0] - w->v[10]),
		    (double)w->v[10]);
		SAME(what, table_cell(t, i, 23 + off), buf);
		ratio(buf, sizeof(buf), (double)(w->v[0] - w->v[11]),
		    (double)w->v[11]);
		SAME(what, table_cell(t, i, 24 + off), buf);
		/* NEW and RISING from the raw counts; SHORTAGE is supply's. */
		flag[0] = '\0';
		if (w->v[12] == 0)
			strncat(flag, "NEW", sizeof(flag) - 1);
		if (w->v[10] > 0 && w->v[0] >= sp.rising_min &&
		    (double)w->v[0] / (double)w->v[10] - 1.0 > sp.rising)
			strncat(flag, flag[0] ? ",RISING" : "RISING",
			    sizeof(flag) - strlen(flag) - 1);
		cell = table_cell(t, i, 25 + off);
		if (strstr(cell, "SHORTAGE") != NULL)
			strncat(flag, flag[0] ? ",SHORTAGE" : "SHORTAGE",
			    sizeof(flag) - strlen(flag) - 1);
		SAME(what, cell, flag);
	}
	table_free(t);
}

/* The LOV demand as it was computed before schema 7. */
#define RAW_LOV_AGG \
	" sum(r.state = 'completed')," \
	" sum(r.state = 'completed' AND r.category IS NOT NULL)," \
	" sum(r.state = 'completed' AND r.exception = 'not-justifiable-to-wait')," \
	" sum(r.state = 'completed' AND r.exception = 'emergency')," \
	" sum(r.state = 'completed' AND r.exception = 'other-strong-reasons')," \
	" sum(r.state = 'completed' AND r.exception = 'none-qualified')," \
	" sum(r.child_used = 1)," \
	" sum(r.state = 'unfilled')," \
	" sum(r.state = 'completed' AND coalesce(r.remote," \
	"  r.modality <> 'onsite'))" \
	" FROM request r JOIN body b ON b.orgnr = r.body" \
	" JOIN municipality m ON m.code = b.municipality" \
	" WHERE r.start >= ?1 AND r.start < ?2"
#define RAW_LOV_GUIDE \
	" sum(b.guidelines = 'full'), sum(b.guidelines = 'partial')," \
	" sum(b.guidelines = 'none'), count(*) FROM body b" \
	" JOIN municipality m ON m.code = b.municipality WHERE b.regular = 1"

static void
cmp_lov(const struct monitor_period *p, enum monitor_by by)
{
	static const char *const q[] = {
		"SELECT 'all'," RAW_LOV_AGG,
		"SELECT coalesce(r.sector, b.sector) AS sec," RAW_LOV_AGG
		" GROUP BY sec ORDER BY sec",
		"SELECT m.county," RAW_LOV_AGG " GROUP BY m.county"
		" ORDER BY m.county",
		"SELECT coalesce(r.provider, 'tolkreg') AS prov," RAW_LOV_AGG
		" GROUP BY prov ORDER BY prov",
		"SELECT r.body," RAW_LOV_AGG " GROUP BY r.body ORDER BY r.body"
	};
	static const char *const g[] = {
		"SELECT 'all'," RAW_LOV_GUIDE,
		"SELECT b.sector," RAW_LOV_GUIDE " GROUP BY b.sector",
		"SELECT m.county," RAW_LOV_GUIDE " GROUP BY m.county",
		NULL,
		"SELECT b.orgnr," RAW_LOV_GUIDE " GROUP BY b.orgnr"
	};
	static const char	 top[] = "SELECT b.orgnr, b.name, b.sector,"
	    " count(*) FROM request r JOIN body b ON b.orgnr = r.body"
	    " WHERE b.regular = 1 AND b.guidelines = 'none'"
	    " AND r.state = 'completed' AND r.start >= ?1 AND r.start < ?2"
	    " GROUP BY b.orgnr ORDER BY 4 DESC, 1 LIMIT 10";
	struct table		*t, *tt;
	sqlite3_stmt		*s, *gs;
	size_t			 i = 0, j = 0;
	long			 v[9], gv[4];
	char			 buf[64], what[96];
	int			 k;

	t = table_new();
	tt = table_new();
	ck_assert_msg(monitor_lov(st, p, by, t, tt, &err) == 0, "%s",
	    err.msg);
	snprintf(what, sizeof(what), "LOV %s by %d", p->label, (int)by);
	ck_assert_int_eq(sqlite3_prepare_v2(store_db(st), q[by], -1, &s,
	    NULL), SQLITE_OK);
	sqlite3_bind_int64(s, 1, (sqlite3_int64)p->start);
	sqlite3_bind_int64(s, 2, (sqlite3_int64)p->end);
	while (sqlite3_step(s) == SQLITE_ROW) {
		for (k = 0; k < 9; k++)
			v[k] = sqlite3_column_int64(s, k + 1);
		if (v[0] == 0 && v[7] == 0 && v[6] == 0)
			continue;
		memset(gv, 0, sizeof(gv));
		if (g[by] != NULL) {
			ck_assert_int_eq(sqlite3_prepare_v2(store_db(st),
			    g[by], -1, &gs, NULL), SQLITE_OK);
			while (sqlite3_step(gs) == SQLITE_ROW) {
				if (strcmp((const char *)sqlite3_column_text(gs,
				    0), (const char *)sqlite3_column_text(s,
				    0)) != 0)
					continue;
				for (k = 0; k < 4; k++)
					gv[k] = sqlite3_column_int64(gs, k + 1);
			}
			sqlite3_finalize(gs);
		}
		ck_assert_msg(i < table_nrows(t), "%s: too few rows", what);
		SAME(what, table_cell(t, i, 0),
		    (const char *)sqlite3_column_text(s, 0));
		snprintf(buf, sizeof(buf), "%ld", v[0]);
		SAME(what, table_cell(t, i, 1), buf);
		snprintf(buf, sizeof(buf), "%ld", v[1]);
		SAME(what, table_cell(t, i, 2), buf);
		ratio(buf, sizeof(buf), (double)v[1], (double)v[0]);
		SAME(what, table_cell(t, i, 3), buf);
		for (k = 2; k < 8; k++) {
			snprintf(buf, sizeof(buf), "%ld", v[k]);
			SAME(what, table_cell(t, i, (size_t)k + 2), buf);
		}
		ratio(buf, sizeof(buf), (double)v[8], (double)v[0]);
		SAME(what, table_cell(t, i, 10), buf);
		snprintf(buf, sizeof(buf), "%ld", gv[3]);
		SAME(what, table_cell(t, i, 11), buf);
		for (k = 0; k < 3; k++) {
			snprintf(buf, sizeof(buf), "%ld", gv[k]);
			SAME(what, table_cell(t, i, 12 + (size_t)k), buf);
		}
		i++;
		compared++;
	}
	sqlite3_finalize(s);
	ck_assert_msg(i == table_nrows(t), "%s: %zu rows, raw %zu", what,
	    table_nrows(t), i);

	ck_assert_int_eq(sqlite3_prepare_v2(store_db(st), top, -1, &s, NULL),
	    SQLITE_OK);
	sqlite3_bind_int64(s, 1, (sqlite3_int64)p->start);
	sqlite3_bind_int64(s, 2, (sqlite3_int64)p->end);
	while (sqlite3_step(s) == SQLITE_ROW) {
		ck_assert_msg(j < table_nrows(tt), "%s: top too short", what);
		for (k = 0; k < 4; k++)
			SAME(what, table_cell(tt, j, (size_t)k),
			    (const char *)sqlite3_column_text(s, k));
		j++;
	}
	sqlite3_finalize(s);
	ck_assert_msg(j == table_nrows(tt), "%s: top %zu rows, raw %zu",
	    what, table_nrows(tt), j);
	table_free(t);
	table_free(tt);
}

/* Every report of 2023-2026 read both ways. */
static void
reports_match(void)
{
	struct monitor_period	p;
	int			y, h, by;

	compared = 0;
	for (y = 2023; y <= 2026; y++) {
		for (h = 0; h <= 2; h++) {
			ck_assert_int_eq(monitor_period(y, h, &p, &err), 0);
			if (h > 0) {
				cmp_sprak(&p, BY_NONE, 0);
				cmp_sprak(&p, BY_SECTOR, 1);
				cmp_sprak(&p, BY_COUNTY, 2);
			}
			for (by = BY_NONE; by <= BY_BODY; by++)
				cmp_lov(&p, (enum monitor_by)by);
		}
	}
	ck_assert_uint_gt(compared, 1000);
}

START_TEST(test_maintained)
{
	generate();
	churn();
	reports_match();
}
END_TEST

/* A database of schema 6 gets its tables filled when it is opened. */
START_TEST(test_upgrade)
{
	sqlite3_stmt	*s;
	char		 sql[128];
	int		 n = 0;

	generate();
	ck_assert_int_eq(store_begin(st, &err), 0);
	for (n = 0; n < 32; n++)
		report(n, 0, 0);
	ck_assert_int_eq(store_commit(st, &err), 0);
	n = 0;
	/*
	 * Back to schema 6, with writes the triggers do not see: schema 10
	 * (rankings' format, the state index gone) goes first, then schema
	 * 9 (the index on start), schema 8 (the match log) and schema 7.
	 */
	fixture_exec(st, "CREATE INDEX request_state ON request(state, start);"
	    " ALTER TABLE ranking DROP COLUMN format");
	fixture_exec(st, "DROP INDEX request_start; CREATE INDEX request_period"
	    " ON request(start, lang, state, minutes, category, remote,"
	    " modality, regno)");
	fixture_exec(st, "DROP TRIGGER match_log_request_i;"
	    " DROP TRIGGER match_log_request_u;"
	    " DROP TRIGGER match_log_request_d;"
	    " DROP TRIGGER match_log_unavailability_i;"
	    " DROP TRIGGER match_log_unavailability_u;"
	    " DROP TRIGGER match_log_unavailability_d;"
	    " DROP TABLE match_log; DROP TRIGGER register_gen_municipality_u");
	ck_assert_int_eq(sqlite3_prepare_v2(store_db(st), "SELECT name FROM"
	    " sqlite_master WHERE type = 'trigger' AND name LIKE 'demand%'",
	    -1, &s, NULL), SQLITE_OK);
	while (sqlite3_step(s) == SQLITE_ROW) {
		snprintf(sql, sizeof(sql), "DROP TRIGGER %s",
		    sqlite3_column_text(s, 0));
		sqlite3_reset(s);
		fixture_exec(st, sql);
		n++;
	}
	sqlite3_finalize(s);
	ck_assert_int_eq(n, 10);
	fixture_exec(st, "DROP VIEW demand_lang_delta;"
	    " DROP VIEW demand_body_delta;"
	    " DROP VIEW demand_lang_of; DROP VIEW demand_body_of;"
	    " DROP VIEW demand_row;"
	    " DROP TABLE demand_lang; DROP TABLE demand_body;"
	    " UPDATE request SET state = 'cancelled' WHERE id % 5 = 0;"
	    " PRAGMA user_version = 6");
	store_close(st);
	ck_assert_msg(store_open(&st, path, 0, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(store_schema_version(st), store_schema_latest());
	ck_assert_int_eq(sqlite3_create_function(store_db(st), "oslo_month",
	    1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, fn_oslo_month, NULL,
	    NULL), SQLITE_OK);
	tables_match("the upgrade");
	reports_match();
}
END_TEST

Suite *
demand_suite(void)
{
	Suite	*s = suite_create("demand");
	TCase	*tc;

	tc = tcase_create("month");
	tcase_add_test(tc, test_month_sql);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	tc = tcase_create("maintained");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_maintained);
	tcase_add_test(tc, test_upgrade);
	tcase_set_timeout(tc, 300);
	suite_add_tcase(s, tc);
	return (s);
}
