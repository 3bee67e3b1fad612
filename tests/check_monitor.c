/*
 * Tolkemonitor on a small register whose indicators are worked out by
 * hand below, field by field; the flags at their thresholds; periods at
 * year boundaries.
 *
 * Register: bodies OUS (health, Oslo, regular, full guidelines) and NAV
 * (welfare, Bergen, regular, no guidelines). Interpreters, all listed
 * since 2020: X (ara A, full time: 975 h a half-year), Y (ara E and
 * som E, part time: 487.5 h split 243.75 each), Z (tir C, occasional:
 * 195 h).
 *
 * 2026H1: ara (OUS) 1 completed A phone 60 min; 2 completed E on site
 * not remote 90; 3 completed unregistered (emergency) phone 30, child
 * used; 4 unfilled 60; 5 cancelled 120; 6 booked A video 60.
 *   requests 5, filled 4, filled_qualified 3 (A 2, E 1), unfilled 1,
 *   qualified_share 0.750, remote_share 0.750, demand 5.0 h,
 *   capacity 1218.75 h, coverage 1, needed 0;
 *   2025H2: 2 requests -> change_prev 1.500; 2025H1: 4 -> change_year
 *   0.250; requests in 2024H1..2025H2 -> not NEW.
 * som (NAV): 60 completed E phone 60 min in 2026H1, 40 in 2025H2:
 *   change_prev 0.500 exactly: RISING only with a threshold below 0.5;
 *   capacity 243.75 h, demand 60 h -> coverage 1.
 * tir (OUS): 60 open requests of 600 min on site, none before: NEW;
 *   demand 600 h, capacity 195 h -> coverage 97.5 / 600 = 0.1625:
 *   SHORTAGE; needed ceil((600 - 97.5) / 97.5) = 6.
 * LOV 2026H1: completed 63 (ara 3, som 60), qualified 62, share 0.984,
 *   emergency 1, child used 1, unfilled 1, remote 62 of 63.
 */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_suites.h"
#include "tolkreg/body.h"
#include "tolkreg/category.h"
#include "tolkreg/error.h"
#include "tolkreg/interpreter.h"
#include "tolkreg/monitor.h"
#include "tolkreg/output.h"
#include "tolkreg/request.h"
#include "tolkreg/store.h"
#include "tolkreg/validate.h"

#define OUS	"974760673"
#define NAV	"988077917"

static struct store	*st;
static char		 path[256];
static struct tk_error	 err;
static int64_t		 X, Y, Z;

static int64_t
interp(const char *fnr, enum availability a)
{
	struct interpreter_input	in = { "T", fnr, 'F', "t@example.no",
	    "91234567", "0301", (int)a, MOD_ALL };
	int64_t				regno;

	ck_assert_msg(interpreter_add(st, &in, &regno, &err) == 0, "%s",
	    err.msg);
	return (regno);
}

static void
cred(int64_t regno, enum cred_kind kind, const char *lang)
{
	struct credential_new	c = { regno, kind, lang, "2020-01-01", NULL };
	int64_t			id;

	ck_assert_msg(credential_add(st, &c, &id, &err) == 0, "%s", err.msg);
}

/* Insert n assignments directly; start is Oslo local time. */
static void
req(int n, const char *body, const char *lang, const char *start,
    int minutes, const char *modality, const char *state, const char *cat,
    int remote, int child, const char *exception)
{
	static const char	 sql[] = "INSERT INTO request (body, lang,"
	    " start, minutes, modality, municipality, state, category,"
	    " regno, busy_from, busy_to, remote, child_used, exception,"
	    " unregistered, created) VALUES (?1, ?2, ?3, ?4, ?5, '0301', ?6,"
	    " ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, 'test')";
	sqlite3_stmt		*s;
	time_t			 t;
	int			 i;

	ck_assert_int_eq(validate_datetime("start", start, &t, &err), 0);
	for (i = 0; i < n; i++) {
		s = store_stmt(st, sql, &err);
		ck_assert_ptr_nonnull(s);
		sqlite3_bind_text(s, 1, body, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, lang, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 3, (sqlite3_int64)t + i * 7200);
		sqlite3_bind_int(s, 4, minutes);
		sqlite3_bind_text(s, 5, modality, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 6, state, -1, SQLITE_STATIC);
		if (cat != NULL) {
			sqlite3_bind_text(s, 7, cat, -1, SQLITE_STATIC);
			sqlite3_bind_int64(s, 8, X);
			sqlite3_bind_int64(s, 9, (sqlite3_int64)t + i * 7200);
			sqlite3_bind_int64(s, 10, (sqlite3_int64)t + i * 7200 +
			    minutes * 60);
		}
		if (remote >= 0)
			sqlite3_bind_int(s, 11, remote);
		sqlite3_bind_int(s, 12, child);
		if (exception != NULL)
			sqlite3_bind_text(s, 13, exception, -1, SQLITE_STATIC);
		sqlite3_bind_int(s, 14, exception != NULL);
		ck_assert_msg(store_step_done(st, s, &err) == 0, "%s",
		    err.msg);
	}
}

static void
setup(void)
{
	struct body_input	b1 = { OUS, "OUS", SECTOR_HEALTH, "0301", 1,
	    GUIDE_FULL };
	struct body_input	b2 = { NAV, "NAV Bergen", SECTOR_WELFARE,
	    "4601", 1, GUIDE_NONE };

	st = test_store_new(path);
	tk_error_clear(&err);
	ck_assert_int_eq(body_add(st, &b1, &err), 0);
	ck_assert_int_eq(body_add(st, &b2, &err), 0);
	X = interp("31129956715", AVAIL_FULL);
	Y = interp("15108695088", AVAIL_PART);
	Z = interp("01018012371", AVAIL_OCCASIONAL);
	cred(X, CRED_AUTHORISATION, "ara");
	cred(X, CRED_BACHELOR, "ara");
	cred(Y, CRED_BILINGUAL_TEST, "ara");
	cred(Y, CRED_TRANSLATOR, "som");
	cred(Y, CRED_TAO, NULL);
	cred(Z, CRED_AUTHORISATION, "tir");
	/* Listed since 2020, as the history would say. */
	ck_assert_int_eq(sqlite3_exec(store_db(st), "UPDATE listing_event"
	    " SET at = '2020-01-01T00:00:00Z'", NULL, NULL, NULL), SQLITE_OK);

	req(1, OUS, "ara", "2026-02-02T10:00", 60, "phone", "completed", "A",
	    1, 0, NULL);
	req(1, OUS, "ara", "2026-02-03T10:00", 90, "onsite", "completed", "E",
	    0, 0, NULL);
	req(1, OUS, "ara", "2026-02-04T10:00", 30, "phone", "completed", NULL,
	    1, 1, "emergency");
	req(1, OUS, "ara", "2026-02-05T10:00", 60, "phone", "unfilled", NULL,
	    -1, 0, NULL);
	req(1, OUS, "ara", "2026-02-06T10:00", 120, "phone", "cancelled",
	    NULL, -1, 0, NULL);
	req(1, OUS, "ara", "2026-06-30T22:00", 60, "video", "booked", "A",
	    -1, 0, NULL);
	req(2, OUS, "ara", "2025-09-01T10:00", 60, "phone", "completed", "A",
	    1, 0, NULL);
	req(4, OUS, "ara", "2025-03-01T10:00", 60, "phone", "completed", "A",
	    1, 0, NULL);
	req(60, NAV, "som", "2026-03-01T08:00", 60, "phone", "completed", "E",
	    1, 0, NULL);
	req(40, NAV, "som", "2025-10-01T08:00", 60, "phone", "completed", "E",
	    1, 0, NULL);
	req(60, OUS, "tir", "2026-04-01T08:00", 600, "onsite", "requested",
	    NULL, -1, 0, NULL);
}

static void
teardown(void)
{
	test_store_free(st, path);
}

/* The row of t whose first column is key. */
static size_t
row(const struct table *t, const char *key)
{
	size_t	i;

	for (i = 0; i < table_nrows(t); i++) {
		if (strcmp(table_cell(t, i, 0), key) == 0)
			return (i);
	}
	ck_abort_msg("no row '%s'", key);
	return (0);
}

/* The cell of row r in the column named col. */
static const char *
col(const struct table *t, size_t r, const char *name)
{
	const char	*names[] = { "language", "language_name", "requests",
	    "filled", "filled_qualified", "filled_a", "filled_b", "filled_c",
	    "filled_d", "filled_e", "unfilled", "qualified_share",
	    "remote_share", "demand_hours", "interpreters_qualified",
	    "interpreters_a", "interpreters_b", "interpreters_c",
	    "interpreters_d", "interpreters_e", "capacity_hours", "coverage",
	    "interpreters_needed", "change_prev", "change_year", "flag" };
	size_t		i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (strcmp(names[i], name) == 0)
			return (table_cell(t, r, i));
	}
	ck_abort_msg("no column '%s'", name);
	return ("");
}

static struct table *
sprak(const struct sprak_params *sp)
{
	struct monitor_period	p;
	struct table		*t;

	ck_assert_int_eq(monitor_period(2026, 1, &p, &err), 0);
	t = table_new();
	ck_assert_msg(monitor_sprak(st, &p, BY_NONE, sp, t, &err) == 0, "%s",
	    err.msg);
	return (t);
}

START_TEST(test_sprak_by_hand)
{
	struct sprak_params	 sp;
	struct table		*t;
	size_t			 r;

	sprak_params_init(&sp);
	t = sprak(&sp);
	ck_assert_int_eq(table_nrows(t), 3);
	/* Most requested first: som 60, tir 60 (by code), ara 5. */
	ck_assert_str_eq(table_cell(t, 0, 0), "som");
	ck_assert_str_eq(table_cell(t, 1, 0), "tir");
	r = row(t, "ara");
	ck_assert_str_eq(col(t, r, "language_name"), "Arabisk");
	ck_assert_str_eq(col(t, r, "requests"), "5");
	ck_assert_str_eq(col(t, r, "filled"), "4");
	ck_assert_str_eq(col(t, r, "filled_qualified"), "3");
	ck_assert_str_eq(col(t, r, "filled_a"), "2");
	ck_assert_str_eq(col(t, r, "filled_b"), "0");
	ck_assert_str_eq(col(t, r, "filled_e"), "1");
	ck_assert_str_eq(col(t, r, "unfilled"), "1");
	ck_assert_str_eq(col(t, r, "qualified_share"), "0.750");
	ck_assert_str_eq(col(t, r, "remote_share"), "0.750");
	ck_assert_str_eq(col(t, r, "demand_hours"), "5.0");
	ck_assert_str_eq(col(t, r, "interpreters_qualified"), "2");
	ck_assert_str_eq(col(t, r, "interpreters_a"), "1");
	ck_assert_str_eq(col(t, r, "interpreters_e"), "1");
	ck_assert_str_eq(col(t, r, "capacity_hours"), "1218.8");
	ck_assert_str_eq(col(t, r, "coverage"), "1.000");
	ck_assert_str_eq(col(t, r, "interpreters_needed"), "0");
	ck_assert_str_eq(col(t, r, "change_prev"), "1.500");
	ck_assert_str_eq(col(t, r, "change_year"), "0.250");
	ck_assert_str_eq(col(t, r, "flag"), "");

	r = row(t, "tir");
	ck_assert_str_eq(col(t, r, "requests"), "60");
	ck_assert_str_eq(col(t, r, "filled"), "0");
	ck_assert_str_eq(col(t, r, "qualified_share"), "");
	ck_assert_str_eq(col(t, r, "demand_hours"), "600.0");
	ck_assert_str_eq(col(t, r, "capacity_hours"), "195.0");
	ck_assert_str_eq(col(t, r, "coverage"), "0.163");
	ck_assert_str_eq(col(t, r, "interpreters_needed"), "6");
	ck_assert_str_eq(col(t, r, "change_prev"), "");
	ck_assert_str_eq(col(t, r, "flag"), "NEW,SHORTAGE");

	r = row(t, "som");
	ck_assert_str_eq(col(t, r, "capacity_hours"), "243.8");
	ck_assert_str_eq(col(t, r, "change_prev"), "0.500");
	ck_assert_str_eq(col(t, r, "flag"), "");	/* 0.5 is not > 0.5 */
	table_free(t);
}
END_TEST

START_TEST(test_flag_edges)
{
	struct sprak_params	 sp;
	struct table		*t;

	sprak_params_init(&sp);
	sp.rising = 0.49;
	t = sprak(&sp);
	ck_assert_str_eq(col(t, row(t, "som"), "flag"), "RISING");
	table_free(t);
	sp.rising_min = 60;			/* 60 >= 60 */
	t = sprak(&sp);
	ck_assert_str_eq(col(t, row(t, "som"), "flag"), "RISING");
	table_free(t);
	sp.rising_min = 61;
	t = sprak(&sp);
	ck_assert_str_eq(col(t, row(t, "som"), "flag"), "");
	table_free(t);
	/* SHORTAGE strictly below: tir's coverage is 0.1625. */
	sprak_params_init(&sp);
	sp.shortage = 0.1625;
	t = sprak(&sp);
	ck_assert_str_eq(col(t, row(t, "tir"), "flag"), "NEW");
	table_free(t);
	sp.shortage = 0.1626;
	t = sprak(&sp);
	ck_assert_str_eq(col(t, row(t, "tir"), "flag"), "NEW,SHORTAGE");
	table_free(t);
	/* A higher utilisation covers more: 195 h x 1.0 = 195 of 600. */
	sprak_params_init(&sp);
	sp.utilisation = 1.0;
	t = sprak(&sp);
	ck_assert_str_eq(col(t, row(t, "tir"), "coverage"), "0.325");
	ck_assert_str_eq(col(t, row(t, "tir"), "interpreters_needed"), "3");
	table_free(t);
}
END_TEST

START_TEST(test_supply_follows_history)
{
	struct sprak_params	 sp;
	struct table		*t;

	/* Z excluded since before the period's end: tir has no supply. */
	ck_assert_int_eq(sqlite3_exec(store_db(st), "INSERT INTO"
	    " listing_event (regno, status, reason, at, actor) SELECT regno,"
	    " 'suspended', 'case', '2026-06-01T00:00:00Z', 'test' FROM"
	    " interpreter WHERE pnr = '01018012371'", NULL, NULL, NULL),
	    SQLITE_OK);
	sprak_params_init(&sp);
	t = sprak(&sp);
	ck_assert_str_eq(col(t, row(t, "tir"), "interpreters_qualified"), "0");
	ck_assert_str_eq(col(t, row(t, "tir"), "coverage"), "0.000");
	/* Part-time mean capacity 487.5 h x 0.5: ceil(600 / 243.75) = 3. */
	ck_assert_str_eq(col(t, row(t, "tir"), "interpreters_needed"), "3");
	table_free(t);
}
END_TEST

START_TEST(test_lov_by_hand)
{
	struct monitor_period	 p;
	struct table		*t, *top;

	ck_assert_int_eq(monitor_period(2026, 1, &p, &err), 0);
	t = table_new();
	top = table_new();
	ck_assert_int_eq(monitor_lov(st, &p, BY_NONE, t, top, &err), 0);
	ck_assert_int_eq(table_nrows(t), 1);
	ck_assert_str_eq(table_cell(t, 0, 0), "all");
	ck_assert_str_eq(table_cell(t, 0, 1), "63");	/* assignments */
	ck_assert_str_eq(table_cell(t, 0, 2), "62");	/* qualified */
	ck_assert_str_eq(table_cell(t, 0, 3), "0.984");
	ck_assert_str_eq(table_cell(t, 0, 4), "0");	/* not justifiable */
	ck_assert_str_eq(table_cell(t, 0, 5), "1");	/* emergency */
	ck_assert_str_eq(table_cell(t, 0, 8), "1");	/* child used */
	ck_assert_str_eq(table_cell(t, 0, 9), "1");	/* unfilled */
	ck_assert_str_eq(table_cell(t, 0, 10), "0.984");	/* remote */
	ck_assert_str_eq(table_cell(t, 0, 11), "2");	/* regular bodies */
	ck_assert_str_eq(table_cell(t, 0, 12), "1");	/* full */
	ck_assert_str_eq(table_cell(t, 0, 14), "1");	/* none */
	ck_assert_int_eq(table_nrows(top), 1);
	ck_assert_str_eq(table_cell(top, 0, 0), NAV);
	ck_assert_str_eq(table_cell(top, 0, 3), "60");
	table_free(t);
	table_free(top);

	t = table_new();
	ck_assert_int_eq(monitor_lov(st, &p, BY_SECTOR, t, NULL, &err), 0);
	ck_assert_int_eq(table_nrows(t), 2);
	ck_assert_str_eq(table_cell(t, row(t, "health"), 1), "3");
	ck_assert_str_eq(table_cell(t, row(t, "health"), 3), "0.667");
	ck_assert_str_eq(table_cell(t, row(t, "welfare"), 1), "60");
	ck_assert_str_eq(table_cell(t, row(t, "welfare"), 14), "1");
	table_free(t);

	/* By provider: all booked in tolkreg, none reported. */
	t = table_new();
	ck_assert_int_eq(monitor_lov(st, &p, BY_PROVIDER, t, NULL, &err), 0);
	ck_assert_int_eq(table_nrows(t), 1);
	ck_assert_str_eq(table_cell(t, 0, 0), "tolkreg");
	ck_assert_str_eq(table_cell(t, 0, 1), "63");
	table_free(t);

	/* The whole year 2025: ara 6 and som 40 completed. */
	ck_assert_int_eq(monitor_period(2025, 0, &p, &err), 0);
	t = table_new();
	ck_assert_int_eq(monitor_lov(st, &p, BY_NONE, t, NULL, &err), 0);
	ck_assert_str_eq(table_cell(t, 0, 1), "46");
	table_free(t);
}
END_TEST

/* The id of the assignment NAV reported as ref. */
static int64_t
reported(const char *ref)
{
	sqlite3_stmt	*s;
	int64_t		 id = 0;

	ck_assert_int_eq(sqlite3_prepare_v2(store_db(st), "SELECT id FROM"
	    " request WHERE sender = '" NAV "' AND ext_ref = ?1", -1, &s,
	    NULL), SQLITE_OK);
	sqlite3_bind_text(s, 1, ref, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW)
		id = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	ck_assert_int_ne(id, 0);
	return (id);
}

START_TEST(test_reported_category)
{
	struct assignment_input	 in = { NAV, "AG-1", OUS, NULL, "ara",
	    "2026-05-05T10:00", "60", "phone", NULL, "completed", NULL, NULL,
	    NULL, -1, -1, "private-agency", NAV, NULL };
	struct request		 r;
	char			 regno[32];
	int			 result;

	/* X held A in Arabic on the day: a qualified interpreter (§ 7). */
	snprintf(regno, sizeof(regno), "%lld", (long long)X);
	in.interpreter = regno;
	ck_assert_msg(request_report(st, &in, &result, &err) == 0, "%s",
	    err.msg);
	ck_assert_int_eq(result, REPORT_ADDED);
	ck_assert_int_eq(request_get(st, reported("AG-1"), &r, &err), 0);
	ck_assert_int_eq(r.category, 'A');
	/* Z has no category in Arabic: not qualified, though registered. */
	snprintf(regno, sizeof(regno), "%lld", (long long)Z);
	in.ref = "AG-2";
	in.exception = "emergency";
	ck_assert_msg(request_report(st, &in, &result, &err) == 0, "%s",
	    err.msg);
	ck_assert_int_eq(request_get(st, reported("AG-2"), &r, &err), 0);
	ck_assert_int_eq(r.category, 0);
	ck_assert_int_eq(r.regno, Z);
}
END_TEST

START_TEST(test_periods)
{
	struct monitor_period	a, b, c;
	time_t			t;

	ck_assert_int_eq(monitor_period(2025, 2, &a, &err), 0);
	ck_assert_int_eq(monitor_period(2026, 1, &b, &err), 0);
	ck_assert_int_eq(a.end, b.start);
	ck_assert_str_eq(a.label, "2025H2");
	ck_assert_str_eq(a.last_day, "2025-12-31");
	ck_assert_str_eq(b.last_day, "2026-06-30");
	/* 23:30 on New Year's Eve is still 2025H2, Oslo time. */
	ck_assert_int_eq(validate_datetime("t", "2025-12-31T23:30", &t,
	    &err), 0);
	ck_assert(t >= a.start && t < a.end);
	ck_assert_int_eq(validate_datetime("t", "2026-01-01T00:30", &t,
	    &err), 0);
	ck_assert(t >= b.start && t < b.end);
	monitor_period_back(&b, 1, &c);
	ck_assert_str_eq(c.label, "2025H2");
	monitor_period_back(&b, 2, &c);
	ck_assert_str_eq(c.label, "2025H1");
	monitor_period_back(&a, 4, &c);
	ck_assert_str_eq(c.label, "2023H2");
	ck_assert_int_eq(monitor_period(2026, 0, &c, &err), 0);
	ck_assert_str_eq(c.label, "2026");
	ck_assert_int_eq(c.start, b.start);
	/* The last complete half-year. */
	ck_assert_int_eq(validate_datetime("t", "2026-07-01T00:00", &t,
	    &err), 0);
	monitor_period_previous(t, &c);
	ck_assert_str_eq(c.label, "2026H1");
	monitor_period_previous(t - 1, &c);
	ck_assert_str_eq(c.label, "2025H2");
	ck_assert_int_eq(monitor_period(1999, 1, &c, &err), -1);
}
END_TEST

Suite *
monitor_suite(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("monitor");
	tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_sprak_by_hand);
	tcase_add_test(tc, test_lov_by_hand);
	tcase_add_test(tc, test_supply_follows_history);
	tcase_add_test(tc, test_reported_category);
	suite_add_tcase(s, tc);
	tc = tcase_create("rules");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_flag_edges);
	tcase_add_test(tc, test_periods);
	suite_add_tcase(s, tc);
	return (s);
}
