/*
 * The store: creating and opening, migrations and user_version,
 * pragmas, reference data, statement cache, transactions, and the
 * append-only audit log.
 */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_suites.h"
#include "fixture.h"
#include "tolkreg/error.h"
#include "tolkreg/geo.h"
#include "tolkreg/language.h"
#include "tolkreg/output.h"
#include "tolkreg/store.h"

static struct store	*st;
static char		 path[256];

static void
setup(void)
{
	st = fixture_store_new(path);
}

static void
teardown(void)
{
	fixture_store_free(st, path);
}

START_TEST(test_schema_version)
{
	ck_assert_int_ge(store_schema_latest(), 1);
	ck_assert_int_eq(store_schema_version(st), store_schema_latest());
	ck_assert_int_eq(fixture_int(st, "PRAGMA user_version"),
	    store_schema_latest());
}
END_TEST

START_TEST(test_pragmas)
{
	sqlite3_stmt	*s;

	ck_assert_int_eq(fixture_int(st, "PRAGMA foreign_keys"), 1);
	ck_assert_int_eq(sqlite3_prepare_v2(store_db(st),
	    "PRAGMA journal_mode", -1, &s, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(s), SQLITE_ROW);
	ck_assert_str_eq((const char *)sqlite3_column_text(s, 0), "wal");
	sqlite3_finalize(s);
	ck_assert_int_eq(fixture_int(st, "PRAGMA busy_timeout"), STORE_BUSY_MS);
}
END_TEST

START_TEST(test_reference_data)
{
	struct table	*t;
	struct tk_error	 err;

	tk_error_clear(&err);
	ck_assert_int_eq(fixture_int(st, "SELECT count(*) FROM county"), 15);
	ck_assert_int_eq(fixture_int(st, "SELECT count(*)"
	    " FROM municipality"), 357);
	t = table_new();
	ck_assert_int_eq(language_list(st, NULL, NULL, t, &err), 0);
	ck_assert_uint_ge(table_nrows(t), 7800);
	table_free(t);
	t = table_new();
	ck_assert_int_eq(language_list(st, "nsl", NULL, t, &err), 0);
	ck_assert_str_eq(table_cell(t, 0, 0), "nsl");
	ck_assert_str_eq(table_cell(t, 0, 4), "yes");
	table_free(t);
	t = table_new();
	ck_assert_int_eq(language_list(st, "ara", NULL, t, &err), 0);
	ck_assert_str_eq(table_cell(t, 0, 0), "ara");
	ck_assert_str_eq(table_cell(t, 0, 3), "Arabisk");
	table_free(t);
	ck_assert_int_eq(fixture_int(st, "SELECT count(*) FROM municipality"
	    " WHERE code = '0301' AND county = '03'"), 1);
	/* Every municipality's county is its number's first two digits. */
	ck_assert_int_eq(fixture_int(st, "SELECT count(*) FROM municipality"
	    " WHERE substr(code, 1, 2) <> county"), 0);
	ck_assert_int_eq(fixture_int(st, "SELECT count(*) FROM municipality"
	    " WHERE lat NOT BETWEEN 57.9 AND 71.2"
	    " OR lon NOT BETWEEN 4.5 AND 31.2"), 0);
}
END_TEST

START_TEST(test_reload_idempotent)
{
	struct tk_error	err;

	tk_error_clear(&err);
	ck_assert_int_eq(store_begin(st, &err), 0);
	ck_assert_int_eq(store_load_reference(st, &err), 0);
	ck_assert_int_eq(store_commit(st, &err), 0);
	ck_assert_int_eq(fixture_int(st, "SELECT count(*) FROM municipality"),
	    357);
	ck_assert_int_eq(fixture_int(st, "SELECT count(*) FROM county"), 15);
}
END_TEST

START_TEST(test_reopen)
{
	struct store	*st2;
	struct tk_error	 err;

	tk_error_clear(&err);
	ck_assert_int_eq(store_open(&st2, path, 0, &err), 0);
	ck_assert_int_eq(store_schema_version(st2), store_schema_latest());
	store_close(st2);
}
END_TEST

START_TEST(test_open_missing)
{
	struct store	*st2 = (struct store *)1;
	struct tk_error	 err;

	tk_error_clear(&err);
	ck_assert_int_eq(store_open(&st2, "/nonexistent/dir/x.db", 0, &err),
	    -1);
	ck_assert_ptr_null(st2);
	ck_assert_int_eq(err.code, TK_E_UNAVAILABLE);
	ck_assert_ptr_nonnull(strstr(err.msg, "tolkreg init"));
}
END_TEST

START_TEST(test_open_uninitialised)
{
	struct store	*st2;
	struct tk_error	 err;
	char		 p2[300];
	FILE		*f;

	snprintf(p2, sizeof(p2), "%s.empty", path);
	ck_assert_ptr_nonnull(f = fopen(p2, "w"));
	fclose(f);
	tk_error_clear(&err);
	ck_assert_int_eq(store_open(&st2, p2, 0, &err), -1);
	ck_assert_int_eq(err.code, TK_E_UNAVAILABLE);
	ck_assert_ptr_nonnull(strstr(err.msg, "not initialised"));
	unlink(p2);
}
END_TEST

START_TEST(test_newer_schema_refused)
{
	struct store	*st2;
	struct tk_error	 err;

	ck_assert_int_eq(sqlite3_exec(store_db(st), "PRAGMA user_version = 999",
	    NULL, NULL, NULL), SQLITE_OK);
	tk_error_clear(&err);
	ck_assert_int_eq(store_open(&st2, path, 0, &err), -1);
	ck_assert_int_eq(err.code, TK_E_UNAVAILABLE);
	ck_assert_ptr_nonnull(strstr(err.msg, "newer"));
}
END_TEST

START_TEST(test_stmt_cache)
{
	static const char	 sql[] = "SELECT ?1 + 1";
	sqlite3_stmt		*a, *b;
	struct tk_error		 err;

	tk_error_clear(&err);
	a = store_stmt(st, sql, &err);
	ck_assert_ptr_nonnull(a);
	sqlite3_bind_int(a, 1, 41);
	ck_assert_int_eq(sqlite3_step(a), SQLITE_ROW);
	ck_assert_int_eq(sqlite3_column_int(a, 0), 42);
	b = store_stmt(st, sql, &err);
	ck_assert_ptr_eq(a, b);
	/* Reset, with bindings cleared: NULL + 1 is NULL. */
	ck_assert_int_eq(sqlite3_step(b), SQLITE_ROW);
	ck_assert_int_eq(sqlite3_column_type(b, 0), SQLITE_NULL);
	sqlite3_reset(b);
}
END_TEST

START_TEST(test_bad_sql_error)
{
	static const char	 sql[] = "SELECT * FROM no_such_table";
	struct tk_error		 err;

	tk_error_clear(&err);
	ck_assert_ptr_null(store_stmt(st, sql, &err));
	ck_assert_int_eq(err.code, TK_E_STORE);
	ck_assert_ptr_nonnull(strstr(err.msg, "no_such_table"));
}
END_TEST

START_TEST(test_rollback)
{
	struct tk_error	err;

	tk_error_clear(&err);
	ck_assert_int_eq(store_begin(st, &err), 0);
	fixture_exec(st, "DELETE FROM municipality"
	    " WHERE code = '0301'");
	store_rollback(st);
	ck_assert_int_eq(fixture_int(st, "SELECT count(*) FROM municipality"
	    " WHERE code = '0301'"), 1);
}
END_TEST

START_TEST(test_busy)
{
	struct store	*st2;
	struct tk_error	 err;

	tk_error_clear(&err);
	ck_assert_int_eq(store_open(&st2, path, 0, &err), 0);
	sqlite3_busy_timeout(store_db(st2), 10);
	ck_assert_int_eq(store_begin(st, &err), 0);
	ck_assert_int_eq(store_begin(st2, &err), -1);
	ck_assert_int_eq(err.code, TK_E_BUSY);
	store_rollback(st);
	store_close(st2);
}
END_TEST

START_TEST(test_audit_append_only)
{
	fixture_exec(st, "INSERT INTO audit"
	    " (at, actor, entity, entity_id, action) VALUES"
	    " ('2026-01-01T00:00:00Z', 'x', 'e', '1', 'a')");
	ck_assert_int_ne(sqlite3_exec(store_db(st), "UPDATE audit SET"
	    " actor = 'y'", NULL, NULL, NULL), SQLITE_OK);
	ck_assert_int_ne(sqlite3_exec(store_db(st), "DELETE FROM audit",
	    NULL, NULL, NULL), SQLITE_OK);
	ck_assert_int_eq(fixture_int(st, "SELECT count(*) FROM audit"
	    " WHERE actor = 'x'"), 1);
}
END_TEST

START_TEST(test_register_gen)
{
	struct tk_error	err;
	int64_t		g0, g1, g2;

	tk_error_clear(&err);
	ck_assert_int_ge(g0 = store_register_gen(st, &err), 0);
	ck_assert_int_eq(sqlite3_exec(store_db(st), "INSERT INTO interpreter"
	    " (regno, name, pnr, gender, email, phone, municipality,"
	    " availability, modalities, created) VALUES (7, 'A', '01010100000',"
	    " 'F', 'a@b.no', '+4799999999', '0301', 'full', 7, 'now')",
	    NULL, NULL, NULL), SQLITE_OK);
	ck_assert_int_gt(g1 = store_register_gen(st, &err), g0);
	fixture_exec(st, "INSERT INTO qualification"
	    " VALUES (7, 'ara', 'C')");
	ck_assert_int_gt(g2 = store_register_gen(st, &err), g1);
	/* A body and a booking are not the register. */
	ck_assert_int_eq(sqlite3_exec(store_db(st), "INSERT INTO body (orgnr,"
	    " name, sector, municipality, guidelines, created) VALUES"
	    " ('974760673', 'x', 'health', '0301', 'none', 'now');"
	    " INSERT INTO request (body, lang, start, minutes, modality,"
	    " regno, busy_from, busy_to, state, created) VALUES ('974760673',"
	    " 'ara', 0, 60, 'video', 7, 0, 3600, 'booked', 'now')",
	    NULL, NULL, NULL), SQLITE_OK);
	ck_assert_int_eq(store_register_gen(st, &err), g2);
	fixture_exec(st, "UPDATE interpreter SET"
	    " status = 'suspended' WHERE regno = 7");
	ck_assert_int_gt(g1 = store_register_gen(st, &err), g2);
	/* The search shows the names of languages: a reload that puts one
	 * back moves it on, one that changes nothing does not. */
	ck_assert_int_eq(store_load_reference(st, &err), 0);
	ck_assert_int_eq(store_register_gen(st, &err), g1);
	fixture_exec(st, "UPDATE language SET"
	    " name_nb = 'x' WHERE code = 'ara'");
	ck_assert_int_eq(store_register_gen(st, &err), g1);
	ck_assert_int_eq(store_load_reference(st, &err), 0);
	ck_assert_int_gt(g2 = store_register_gen(st, &err), g1);
	ck_assert_int_eq(store_load_reference(st, &err), 0);
	ck_assert_int_eq(store_register_gen(st, &err), g2);
}
END_TEST

/* The text sql (one row, one column) gives on st's connection. */
static void
text_is(struct store *on, const char *sql, const char *want)
{
	sqlite3_stmt	*s;
	const char	*got;

	ck_assert_int_eq(sqlite3_prepare_v2(store_db(on), sql, -1, &s, NULL),
	    SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(s), SQLITE_ROW);
	got = (const char *)sqlite3_column_text(s, 0);
	ck_assert_msg(want == NULL ? got == NULL : got != NULL &&
	    strcmp(got, want) == 0, "%s: '%s', not '%s'", sql,
	    got != NULL ? got : "NULL", want != NULL ? want : "NULL");
	sqlite3_finalize(s);
}

START_TEST(test_sql_time)
{
	struct store	*st2;

	/* Seconds since the epoch, and the stored UTC text. */
	text_is(st, "SELECT tk_time(1782900000)", "2026-07-01T12:00:00+02:00");
	text_is(st, "SELECT tk_time('2026-12-08T09:15:00Z')",
	    "2026-12-08T10:15:00+01:00");
	text_is(st, "SELECT tk_time('2026-10-25T00:30:00Z')",
	    "2026-10-25T02:30:00+02:00");
	text_is(st, "SELECT tk_time('2026-10-25T01:30:00Z')",
	    "2026-10-25T02:30:00+01:00");
	text_is(st, "SELECT tk_time(NULL)", NULL);
	text_is(st, "SELECT tk_time('not a time')", "not a time");
	/* On every connection the store opens. */
	st2 = fixture_store_open(path);
	text_is(st2, "SELECT tk_time(1792891800)", "2026-10-25T02:30:00+01:00");
	store_close(st2);
}
END_TEST

START_TEST(test_foreign_keys_enforced)
{
	ck_assert_int_ne(sqlite3_exec(store_db(st), "INSERT INTO body (orgnr,"
	    " name, sector, municipality, guidelines, created) VALUES"
	    " ('974760673', 'x', 'health', '9999', 'none', 'now')", NULL, NULL,
	    NULL), SQLITE_OK);
}
END_TEST

START_TEST(test_distance)
{
	struct tk_error	err;
	double		km;

	tk_error_clear(&err);
	/* Oslo to Bergen: about 300 km between the points. */
	ck_assert_int_eq(geo_distance_km(st, "0301", "4601", &km, &err), 0);
	ck_assert_msg(km > 280 && km < 330, "Oslo-Bergen %f km", km);
	ck_assert_int_eq(geo_distance_km(st, "0301", "0301", &km, &err), 0);
	ck_assert(km < 0.001);
	/* Oslo to Tromsø: about 1 150 km. */
	ck_assert_int_eq(geo_distance_km(st, "0301", "5501", &km, &err), 0);
	ck_assert_msg(km > 1100 && km < 1200, "Oslo-Tromsø %f km", km);
	ck_assert_int_eq(geo_distance_km(st, "0301", "9999", &km, &err), -1);
	ck_assert_int_eq(err.code, TK_E_INVALID);
	ck_assert_str_eq(err.field, "municipality");
}
END_TEST

START_TEST(test_haversine)
{
	/* One degree of latitude is about 111.2 km. */
	double	km = geo_haversine_km(60.0, 10.0, 61.0, 10.0);

	ck_assert_msg(km > 111.0 && km < 111.4, "%f", km);
	ck_assert(geo_haversine_km(1, 2, 1, 2) == 0.0);
}
END_TEST

Suite *
store_suite(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("store");
	tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_schema_version);
	tcase_add_test(tc, test_pragmas);
	tcase_add_test(tc, test_reference_data);
	tcase_add_test(tc, test_reload_idempotent);
	tcase_add_test(tc, test_reopen);
	tcase_add_test(tc, test_stmt_cache);
	tcase_add_test(tc, test_rollback);
	tcase_add_test(tc, test_busy);
	tcase_add_test(tc, test_distance);
	suite_add_tcase(s, tc);

	tc = tcase_create("rules");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_audit_append_only);
	tcase_add_test(tc, test_register_gen);
	tcase_add_test(tc, test_foreign_keys_enforced);
	tcase_add_test(tc, test_sql_time);
	tcase_add_test(tc, test_haversine);
	suite_add_tcase(s, tc);

	tc = tcase_create("errors");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_open_missing);
	tcase_add_test(tc, test_open_uninitialised);
	tcase_add_test(tc, test_newer_schema_refused);
	tcase_add_test(tc, test_bad_sql_error);
	suite_add_tcase(s, tc);
	return (s);
}
