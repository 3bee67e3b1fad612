/*
 * Declared unavailability and conflicts of interest: adding, listing
 * and removing, Europe/Oslo time across the daylight saving changes,
 * and the rules. The overlap with requests is tested in check_match.c.
 */
#include "config.h"

#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check_suites.h"
#include "fixture.h"
#include "tolkreg/availability.h"
#include "tolkreg/body.h"
#include "tolkreg/error.h"
#include "tolkreg/interpreter.h"
#include "tolkreg/output.h"
#include "tolkreg/store.h"
#include "tolkreg/validate.h"

#define OUS	"974760673"	/* Oslo universitetssykehus, registered */
#define UNREG	"988077917"	/* valid, never registered here */

static struct store	*st;
static char		 path[256];
static struct tk_error	 err;
static int64_t		 amina, bashir;

static void
setup(void)
{
	struct body_input	b = { OUS, "Oslo universitetssykehus",
	    SECTOR_HEALTH, "0301", 1, GUIDE_FULL };

	st = fixture_store_new(path);
	tk_error_clear(&err);
	amina = fixture_interpreter(st, "Amina Hassan", 1, NULL);
	bashir = fixture_interpreter(st, "Bashir Ali", 2, NULL);
	ck_assert_msg(body_add(st, &b, &err) == 0, "%s", err.msg);
}

static void
teardown(void)
{
	fixture_store_free(st, path);
}

/* The stored bounds of period id. */
static void
bounds(int64_t id, long long *start, long long *end)
{
	*start = fixture_int_id(st, "SELECT start FROM unavailability"
	    " WHERE id = ?1", id);
	*end = fixture_int_id(st, "SELECT end FROM unavailability"
	    " WHERE id = ?1", id);
}

/* Whether regno's periods, past ones too, include period id. */
static int
has_period(int64_t regno, int64_t id)
{
	struct table	*t = table_new();
	size_t		 i;
	int		 found = 0;

	ck_assert_msg(unavailable_list(st, regno, 1, NULL, t, &err) == 0, "%s",
	    err.msg);
	for (i = 0; i < table_nrows(t); i++) {
		if (strtoll(table_cell(t, i, 0), NULL, 10) == id)
			found = 1;
	}
	table_free(t);
	return (found);
}

/* The number of conflicts of interest regno declared. */
static size_t
conflicts(int64_t regno)
{
	struct table	*t = table_new();
	size_t		 n;

	ck_assert_msg(conflict_list(st, regno, NULL, t, &err) == 0, "%s", err.msg);
	n = table_nrows(t);
	table_free(t);
	return (n);
}

/* Add a period that must be accepted; returns its id. */
static int64_t
add_ok(int64_t regno, const char *from, const char *to, const char *note)
{
	int64_t	id;

	ck_assert_msg(unavailable_add(st, regno, from, to, note, &id, &err) ==
	    0, "%s", err.msg);
	return (id);
}

START_TEST(test_add_list_remove)
{
	struct table	*t;
	char		 from[TIME_BUFLEN], to[TIME_BUFLEN];
	int64_t		 past, now_id, later, soon;
	time_t		 now = time(NULL);

	past = add_ok(amina, "2020-07-01T00:00", "2020-08-01T00:00",
	    "summer 2020");
	later = add_ok(amina, "2099-07-01T08:00", "2099-07-15T16:00", NULL);
	/* A period that has begun but is not over is listed. */
	tk_time_format(now - 86400, from);
	tk_time_format(now + 86400, to);
	now_id = add_ok(amina, from, to, "ongoing");
	soon = add_ok(amina, "2099-01-02T08:00Z", "2099-01-03T08:00Z",
	    "course");
	add_ok(bashir, "2099-01-01T00:00", "2099-01-02T00:00", NULL);
	ck_assert_int_eq(fixture_int_id(st, "SELECT count(*) FROM audit WHERE"
	    " entity_id = ?1 AND action = 'unavailable-add' AND field ="
	    " 'unavailability' AND new = '2099-07-01T08:00:00+02:00 -"
	    " 2099-07-15T16:00:00+02:00'", amina), 1);

	t = table_new();
	ck_assert_int_eq(unavailable_list(st, amina, 0, NULL, t, &err), 0);
	ck_assert_int_eq(table_nrows(t), 3);
	/* By start: ongoing, course, July. */
	ck_assert_int_eq(strtoll(table_cell(t, 0, 0), NULL, 10), now_id);
	ck_assert_str_eq(table_cell(t, 0, 1), from);
	ck_assert_str_eq(table_cell(t, 0, 2), to);
	ck_assert_str_eq(table_cell(t, 0, 3), "ongoing");
	ck_assert_int_eq(strtoll(table_cell(t, 1, 0), NULL, 10), soon);
	ck_assert_str_eq(table_cell(t, 1, 1), "2099-01-02T09:00:00+01:00");
	ck_assert_int_eq(strtoll(table_cell(t, 2, 0), NULL, 10), later);
	ck_assert_str_eq(table_cell(t, 2, 1), "2099-07-01T08:00:00+02:00");
	ck_assert_str_eq(table_cell(t, 2, 2), "2099-07-15T16:00:00+02:00");
	ck_assert_str_eq(table_cell(t, 2, 3), "");
	table_free(t);

	/* With past periods. */
	t = table_new();
	ck_assert_int_eq(unavailable_list(st, amina, 1, NULL, t, &err), 0);
	ck_assert_int_eq(table_nrows(t), 4);
	ck_assert_int_eq(strtoll(table_cell(t, 0, 0), NULL, 10), past);
	ck_assert_str_eq(table_cell(t, 0, 1), "2020-07-01T00:00:00+02:00");
	ck_assert_str_eq(table_cell(t, 0, 3), "summer 2020");
	table_free(t);

	ck_assert_int_eq(unavailable_remove(st, amina, later, &err), 0);
	ck_assert_int_eq(has_period(amina, later), 0);
	ck_assert_int_eq(fixture_int_id(st, "SELECT count(*) FROM audit WHERE"
	    " entity_id = ?1 AND action = 'unavailable-remove' AND old ="
	    " '2099-07-01T08:00:00+02:00 - 2099-07-15T16:00:00+02:00' AND new"
	    " IS NULL", amina), 1);
	t = table_new();
	ck_assert_int_eq(unavailable_list(st, amina, 0, NULL, t, &err), 0);
	ck_assert_int_eq(table_nrows(t), 2);
	table_free(t);
	/* Removing it again: no such period. */
	ck_assert_int_eq(unavailable_remove(st, amina, later, &err), -1);
	ck_assert_int_eq(err.code, TK_E_NOTFOUND);
	ck_assert_str_eq(err.field, "id");
}
END_TEST

START_TEST(test_dst)
{
	long long	start, end;
	int64_t		id;
	struct table	*t;

	/*
	 * Summer time begins on Sunday 29 March 2026 at 02:00 local
	 * (01:00Z): noon on the 28th is 11:00Z, noon on the 30th 10:00Z, and
	 * the period is 47 hours long.
	 */
	id = add_ok(amina, "2026-03-28T12:00", "2026-03-30T12:00", NULL);
	bounds(id, &start, &end);
	ck_assert_int_eq(start, 1774695600);	/* 2026-03-28T11:00Z */
	ck_assert_int_eq(end, 1774864800);	/* 2026-03-30T10:00Z */
	ck_assert_int_eq(end - start, 47 * 3600);
	t = table_new();
	ck_assert_int_eq(unavailable_list(st, amina, 1, NULL, t, &err), 0);
	ck_assert_str_eq(table_cell(t, 0, 1), "2026-03-28T12:00:00+01:00");
	ck_assert_str_eq(table_cell(t, 0, 2), "2026-03-30T12:00:00+02:00");
	table_free(t);

	/*
	 * Summer time ends on Sunday 25 October 2026 at 03:00 local
	 * (01:00Z): noon on the 24th is 10:00Z, noon on the 26th 11:00Z, and
	 * the period is 49 hours long.
	 */
	id = add_ok(bashir, "2026-10-24T12:00", "2026-10-26T12:00", NULL);
	bounds(id, &start, &end);
	ck_assert_int_eq(start, 1792836000);	/* 2026-10-24T10:00Z */
	ck_assert_int_eq(end, 1793012400);	/* 2026-10-26T11:00Z */
	ck_assert_int_eq(end - start, 49 * 3600);
	t = table_new();
	ck_assert_int_eq(unavailable_list(st, bashir, 1, NULL, t, &err), 0);
	ck_assert_str_eq(table_cell(t, 0, 1), "2026-10-24T12:00:00+02:00");
	ck_assert_str_eq(table_cell(t, 0, 2), "2026-10-26T12:00:00+01:00");
	table_free(t);

	/* A period starting at the first instant of summer time. */
	id = add_ok(amina, "2026-03-29T03:00", "2026-03-29T05:00", NULL);
	bounds(id, &start, &end);
	ck_assert_int_eq(start, 1774746000);	/* 2026-03-29T01:00Z */
	ck_assert_int_eq(end - start, 2 * 3600);
	/* 02:30 on 25 October happens twice: the first (summer) is taken. */
	id = add_ok(bashir, "2026-10-25T02:30", "2026-10-25T04:00", NULL);
	bounds(id, &start, &end);
	ck_assert_int_eq(start, 1792888200);	/* 2026-10-25T00:30Z */
	ck_assert_int_eq(end, 1792897200);	/* 2026-10-25T03:00Z */
	/* 02:30 on 29 March never happens. */
	ck_assert_int_eq(unavailable_add(st, amina, "2026-03-29T02:30",
	    "2026-03-29T04:00", NULL, &id, &err), -1);
	ck_assert_int_eq(err.code, TK_E_INVALID);
	ck_assert_str_eq(err.field, "from");
}
END_TEST

START_TEST(test_period_rules)
{
	int64_t	id;

	/* to must be after from: equal and reversed. */
	ck_assert_int_eq(unavailable_add(st, amina, "2026-06-01T10:00",
	    "2026-06-01T10:00", NULL, &id, &err), -1);
	ck_assert_int_eq(err.code, TK_E_INVALID);
	ck_assert_str_eq(err.field, "to");
	ck_assert_str_eq(err.msg, "'to' must be after 'from'");
	tk_error_clear(&err);
	ck_assert_int_eq(unavailable_add(st, amina, "2026-06-02T10:00",
	    "2026-06-01T10:00", NULL, &id, &err), -1);
	ck_assert_str_eq(err.field, "to");
	tk_error_clear(&err);
	/* The same instant written with two offsets is still empty. */
	ck_assert_int_eq(unavailable_add(st, amina, "2026-06-01T12:00+02:00",
	    "2026-06-01T10:00Z", NULL, &id, &err), -1);
	ck_assert_str_eq(err.field, "to");
	tk_error_clear(&err);
	/* At most 366 days. */
	ck_assert_int_eq(unavailable_add(st, amina, "2027-01-01T00:00Z",
	    "2028-01-02T00:00:01Z", NULL, &id, &err), -1);
	ck_assert_int_eq(err.code, TK_E_INVALID);
	ck_assert_str_eq(err.field, "to");
	tk_error_clear(&err);
	add_ok(amina, "2027-01-01T00:00Z", "2028-01-02T00:00Z", NULL);
	/* Bad times. */
	ck_assert_int_eq(unavailable_add(st, amina, "2026-02-30T10:00",
	    "2026-03-01T10:00", NULL, &id, &err), -1);
	ck_assert_str_eq(err.field, "from");
	tk_error_clear(&err);
	ck_assert_int_eq(unavailable_add(st, amina, "2026-03-01T10:00",
	    "tomorrow", NULL, &id, &err), -1);
	ck_assert_str_eq(err.field, "to");
	tk_error_clear(&err);
	/* Notes. */
	ck_assert_int_eq(unavailable_add(st, amina, "2026-03-01T10:00",
	    "2026-03-02T10:00", "line\nbreak", &id, &err), -1);
	ck_assert_str_eq(err.field, "note");
	tk_error_clear(&err);
	{
		char	longnote[UNAVAIL_NOTE_MAX + 2];

		memset(longnote, 'x', sizeof(longnote) - 1);
		longnote[sizeof(longnote) - 1] = '\0';
		ck_assert_int_eq(unavailable_add(st, amina, "2026-03-01T10:00",
		    "2026-03-02T10:00", longnote, &id, &err), -1);
		ck_assert_str_eq(err.field, "note");
		tk_error_clear(&err);
		longnote[UNAVAIL_NOTE_MAX] = '\0';
		add_ok(amina, "2026-03-01T10:00", "2026-03-02T10:00",
		    longnote);
	}
	/* Unknown interpreter. */
	ck_assert_int_eq(unavailable_add(st, 4242, "2026-03-01T10:00",
	    "2026-03-02T10:00", NULL, &id, &err), -1);
	ck_assert_int_eq(err.code, TK_E_NOTFOUND);
	ck_assert_str_eq(err.field, "regno");
	tk_error_clear(&err);
	/* Only the accepted ones were written, each audited. */
	ck_assert_int_eq(fixture_int(st, "SELECT count(*) FROM unavailability"),
	    2);
	ck_assert_int_eq(fixture_int(st, "SELECT count(*) FROM audit WHERE"
	    " action = 'unavailable-add'"), 2);
}
END_TEST

START_TEST(test_remove_other)
{
	struct table	*t;
	int64_t		 id;

	id = add_ok(amina, "2099-01-01T00:00", "2099-01-02T00:00", NULL);
	/* Bashir cannot remove Amina's period. */
	ck_assert_int_eq(unavailable_remove(st, bashir, id, &err), -1);
	ck_assert_int_eq(err.code, TK_E_NOTFOUND);
	ck_assert_str_eq(err.field, "id");
	tk_error_clear(&err);
	ck_assert_int_eq(has_period(amina, id), 1);
	ck_assert_int_eq(unavailable_remove(st, 4242, id, &err), -1);
	ck_assert_int_eq(err.code, TK_E_NOTFOUND);
	ck_assert_str_eq(err.field, "regno");
	tk_error_clear(&err);
	t = table_new();
	ck_assert_int_eq(unavailable_list(st, 4242, 1, NULL, t, &err), -1);
	ck_assert_int_eq(err.code, TK_E_NOTFOUND);
	table_free(t);
	ck_assert_int_eq(fixture_int(st, "SELECT count(*) FROM audit WHERE"
	    " action = 'unavailable-remove'"), 0);
}
END_TEST

START_TEST(test_conflicts)
{
	struct body_input	 b = { "991012133", "NAV Bergen",
	    SECTOR_WELFARE, "4601", 1, GUIDE_PARTIAL };
	struct table		*t;

	ck_assert_msg(body_add(st, &b, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(conflict_add(st, amina, OUS, &err), 0);
	ck_assert_int_eq(conflict_add(st, amina, "991012133", &err), 0);
	ck_assert_int_eq(conflict_add(st, bashir, OUS, &err), 0);
	ck_assert_int_eq(fixture_int_id(st, "SELECT count(*) FROM audit WHERE"
	    " entity_id = ?1 AND action = 'conflict-add' AND field = 'conflict'"
	    " AND new = '" OUS "'", amina), 1);

	/* Stored in UTC, shown in Europe/Oslo with the offset in force. */
	fixture_exec(st, "UPDATE conflict SET created = CASE body WHEN '" OUS
	    "' THEN '2026-07-01T10:00:00Z' ELSE '2026-12-08T09:15:00Z' END");
	t = table_new();
	ck_assert_int_eq(conflict_list(st, amina, NULL, t, &err), 0);
	ck_assert_int_eq(table_nrows(t), 2);
	ck_assert_str_eq(table_cell(t, 0, 0), OUS);
	ck_assert_str_eq(table_cell(t, 0, 1), "Oslo universitetssykehus");
	ck_assert_str_eq(table_cell(t, 0, 2), "2026-07-01T12:00:00+02:00");
	ck_assert_str_eq(table_cell(t, 1, 0), "991012133");
	ck_assert_str_eq(table_cell(t, 1, 1), "NAV Bergen");
	ck_assert_str_eq(table_cell(t, 1, 2), "2026-12-08T10:15:00+01:00");
	table_free(t);

	ck_assert_int_eq(conflict_remove(st, amina, OUS, &err), 0);
	ck_assert_int_eq(fixture_int_id(st, "SELECT count(*) FROM audit WHERE"
	    " entity_id = ?1 AND action = 'conflict-remove' AND old = '" OUS
	    "'", amina), 1);
	t = table_new();
	ck_assert_int_eq(conflict_list(st, amina, NULL, t, &err), 0);
	ck_assert_int_eq(table_nrows(t), 1);
	table_free(t);
	/* Bashir's conflict with the same body stays. */
	ck_assert_int_eq(conflicts(bashir), 1);
}
END_TEST

START_TEST(test_conflict_rules)
{
	struct table	*t;

	ck_assert_int_eq(conflict_add(st, amina, OUS, &err), 0);
	/* Twice. */
	ck_assert_int_eq(conflict_add(st, amina, OUS, &err), -1);
	ck_assert_int_eq(err.code, TK_E_CONFLICT);
	ck_assert_str_eq(err.field, "body");
	ck_assert_msg(strstr(err.msg, "has already declared a conflict with"
	    " body " OUS) != NULL, "%s", err.msg);
	tk_error_clear(&err);
	/* A valid organisation number that is not a registered body. */
	ck_assert_int_eq(conflict_add(st, amina, UNREG, &err), -1);
	ck_assert_int_eq(err.code, TK_E_NOTFOUND);
	ck_assert_str_eq(err.field, "body");
	tk_error_clear(&err);
	/* Not an organisation number at all. */
	ck_assert_int_eq(conflict_add(st, amina, "974760674", &err), -1);
	ck_assert_int_eq(err.code, TK_E_INVALID);
	ck_assert_str_eq(err.field, "body");
	tk_error_clear(&err);
	/* Unknown interpreter. */
	ck_assert_int_eq(conflict_add(st, 4242, OUS, &err), -1);
	ck_assert_int_eq(err.code, TK_E_NOTFOUND);
	ck_assert_str_eq(err.field, "regno");
	tk_error_clear(&err);
	/* Removing one never declared. */
	ck_assert_int_eq(conflict_remove(st, bashir, OUS, &err), -1);
	ck_assert_int_eq(err.code, TK_E_NOTFOUND);
	ck_assert_str_eq(err.field, "body");
	tk_error_clear(&err);
	ck_assert_int_eq(conflict_remove(st, amina, "12", &err), -1);
	ck_assert_int_eq(err.code, TK_E_INVALID);
	tk_error_clear(&err);
	t = table_new();
	ck_assert_int_eq(conflict_list(st, 4242, NULL, t, &err), -1);
	ck_assert_int_eq(err.code, TK_E_NOTFOUND);
	table_free(t);
	ck_assert_int_eq(fixture_int(st, "SELECT count(*) FROM conflict"), 1);
	ck_assert_int_eq(fixture_int(st, "SELECT count(*) FROM audit WHERE"
	    " action LIKE 'conflict-%'"), 1);
}
END_TEST

Suite *
availability_suite(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("availability");
	tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_add_list_remove);
	tcase_add_test(tc, test_dst);
	tcase_add_test(tc, test_conflicts);
	suite_add_tcase(s, tc);

	tc = tcase_create("rules");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_period_rules);
	tcase_add_test(tc, test_remove_other);
	tcase_add_test(tc, test_conflict_rules);
	suite_add_tcase(s, tc);
	return (s);
}
