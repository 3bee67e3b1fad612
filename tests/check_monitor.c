/*
 * Tolkemonitor on the small register of monitor_fixture.c, whose
 * indicators are worked out by hand there, checked field by field; the
 * flags at their thresholds; periods at year boundaries.
 */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_suites.h"
#include "fixture.h"
#include "monitor_fixture.h"
#include "tolkreg/assignment.h"
#include "tolkreg/error.h"
#include "tolkreg/monitor.h"
#include "tolkreg/output.h"
#include "tolkreg/request.h"
#include "tolkreg/store.h"
#include "tolkreg/validate.h"

#define NAV	FX_NAV

static struct store	*st;
static char		 path[256];
static struct tk_error	 err;

static void
setup(void)
{
	st = monitor_fixture_new(path);
	tk_error_clear(&err);
}

static void
teardown(void)
{
	monitor_fixture_free(st, path);
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
	fixture_exec(st, "INSERT INTO"
	    " listing_event (regno, status, reason, at, actor) SELECT regno,"
	    " 'suspended', 'case', '2026-06-01T00:00:00Z', 'test' FROM"
	    " interpreter WHERE pnr = '01018012371'");
	sprak_params_init(&sp);
	t = sprak(&sp);
	ck_assert_str_eq(col(t, row(t, "tir"), "interpreters_qualified"), "0");
	ck_assert_str_eq(col(t, row(t, "tir"), "coverage"), "0.000");
	/* Part-time mean capacity 487.5 h x 0.5: ceil(600 / 243.75) = 3. */
	ck_assert_str_eq(col(t, row(t, "tir"), "interpreters_needed"), "3");
	table_free(t);
}
END_TEST

START_TEST(test_supply_oslo_day)
{
	struct sprak_params	 sp;
	struct table		*t;
	char			 before[16];

	sprak_params_init(&sp);
	t = sprak(&sp);
	snprintf(before, sizeof(before), "%s",
	    col(t, row(t, "tir"), "interpreters_qualified"));
	table_free(t);
	ck_assert_str_ne(before, "0");
	/* 1 July 00:30+02:00 is after the period, though 30 June in UTC. */
	fixture_exec(st, "INSERT INTO"
	    " listing_event (regno, status, reason, at, actor) SELECT regno,"
	    " 'suspended', 'case', '2026-06-30T22:30:00Z', 'test' FROM"
	    " interpreter WHERE pnr = '01018012371'");
	t = sprak(&sp);
	ck_assert_str_eq(col(t, row(t, "tir"), "interpreters_qualified"),
	    before);
	table_free(t);
	/* 30 June 23:59:59+02:00 is in it. */
	fixture_exec(st, "INSERT INTO"
	    " listing_event (regno, status, reason, at, actor) SELECT regno,"
	    " 'suspended', 'case', '2026-06-30T21:59:59Z', 'test' FROM"
	    " interpreter WHERE pnr = '01018012371'");
	t = sprak(&sp);
	ck_assert_str_eq(col(t, row(t, "tir"), "interpreters_qualified"), "0");
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

/* The register number of the fixture's interpreter with fnr. */
static int64_t
regno_of(const char *fnr)
{
	return (fixture_int_text(st, "SELECT regno FROM interpreter"
	    " WHERE pnr = ?1", fnr));
}

/* The id of the assignment NAV reported as ref. */
static int64_t
reported(const char *ref)
{
	return (fixture_int_text(st, "SELECT id FROM request"
	    " WHERE sender = '" FX_NAV "' AND ext_ref = ?1", ref));
}

START_TEST(test_reported_category)
{
	struct assignment_input	 in = { FX_NAV, "AG-1", FX_OUS, NULL, "ara",
	    "2026-05-05T10:00", "60", "phone", NULL, "completed", NULL, NULL,
	    NULL, -1, -1, "private-agency", FX_NAV, NULL };
	struct request		 r;
	enum assignment_result	 result;
	char			 regno[32];

	/* X held A in Arabic on the day: a qualified interpreter (§ 7). */
	snprintf(regno, sizeof(regno), "%lld", (long long)regno_of("31129956715"));
	in.interpreter = regno;
	ck_assert_msg(assignment_record(st, &in, &result, &err) == 0, "%s",
	    err.msg);
	ck_assert_int_eq(result, ASSIGNMENT_ADDED);
	ck_assert_int_eq(request_get(st, reported("AG-1"), &r, &err), 0);
	ck_assert_int_eq(r.category, 'A');
	/* Z has no category in Arabic: not qualified, though registered. */
	snprintf(regno, sizeof(regno), "%lld", (long long)regno_of("01018012371"));
	in.ref = "AG-2";
	in.exception = "emergency";
	ck_assert_msg(assignment_record(st, &in, &result, &err) == 0, "%s",
	    err.msg);
	ck_assert_int_eq(request_get(st, reported("AG-2"), &r, &err), 0);
	ck_assert_int_eq(r.category, 0);
	ck_assert_int_eq(r.regno, regno_of("01018012371"));
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
	tcase_add_test(tc, test_supply_oslo_day);
	tcase_add_test(tc, test_reported_category);
	suite_add_tcase(s, tc);
	tc = tcase_create("rules");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_flag_edges);
	tcase_add_test(tc, test_periods);
	suite_add_tcase(s, tc);
	return (s);
}
