/*
 * Paging (page.h): the limit and the cursor as given, the cursor's
 * encoding of every byte, and walking lists page by page: 10 000
 * requests while rows are added between pages, and all languages by
 * their four-part key, each compared with the list read at once.
 */
#include "config.h"

#include <check.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_suites.h"
#include "fixture.h"
#include "tolkreg/error.h"
#include "tolkreg/language.h"
#include "tolkreg/output.h"
#include "tolkreg/page.h"
#include "tolkreg/request.h"
#include "tolkreg/store.h"

#define NREQ	10000

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

/* page_parse() refuses limit or after, naming the field. */
static void
parse_fails(const char *limit, const char *after, size_t max,
    const char *field)
{
	struct page	pg;
	struct tk_error	err;

	tk_error_clear(&err);
	ck_assert_msg(page_parse(&pg, limit, after, 100, max, &err) == -1,
	    "limit '%s' after '%s' taken", limit != NULL ? limit : "",
	    after != NULL ? after : "");
	ck_assert_int_eq(err.code, TK_E_INVALID);
	ck_assert_str_eq(err.field, field);
}

START_TEST(test_parse)
{
	struct page	pg;
	struct tk_error	err;
	char		long_cursor[PAGE_CURSOR_MAX + 1];

	tk_error_clear(&err);
	/* The default, a limit, all rows where there is no maximum. */
	ck_assert_int_eq(page_parse(&pg, NULL, NULL, 100, PAGE_MAX, &err), 0);
	ck_assert_uint_eq(pg.limit, 100);
	ck_assert_ptr_null(pg.after);
	ck_assert_int_eq(page_parse(&pg, NULL, NULL, 0, 0, &err), 0);
	ck_assert_uint_eq(pg.limit, 0);
	ck_assert_int_eq(page_parse(&pg, "7", "12.A-b_~2E", 100, PAGE_MAX,
	    &err), 0);
	ck_assert_uint_eq(pg.limit, 7);
	ck_assert_str_eq(pg.after, "12.A-b_~2E");
	ck_assert_int_eq(page_parse(&pg, "1000", NULL, 100, PAGE_MAX, &err),
	    0);
	ck_assert_int_eq(page_parse(&pg, "0", NULL, 100, 0, &err), 0);
	ck_assert_uint_eq(pg.limit, 0);
	/* Limits out of range or not whole numbers. */
	parse_fails("0", NULL, PAGE_MAX, "limit");
	parse_fails("1001", NULL, PAGE_MAX, "limit");
	parse_fails("-1", NULL, 0, "limit");
	parse_fails("1e3", NULL, 0, "limit");
	parse_fails("", NULL, 0, "limit");
	parse_fails(" 5", NULL, 0, "limit");
	parse_fails("99999999999999999999999", NULL, 0, "limit");
	/* Cursors with bytes a cursor never has. */
	parse_fails(NULL, "", 0, "after");
	parse_fails(NULL, "a b", 0, "after");
	parse_fails(NULL, "a%20b", 0, "after");
	parse_fails(NULL, "~G0", 0, "after");
	parse_fails(NULL, "~4", 0, "after");
	parse_fails(NULL, "\xc3\xa5", 0, "after");
	memset(long_cursor, 'a', PAGE_CURSOR_MAX);
	long_cursor[PAGE_CURSOR_MAX] = '\0';
	parse_fails(NULL, long_cursor, 0, "after");
}
END_TEST

/* Bind after for key to "SELECT ?1, ?2, ?3"; 0 or -1 as page_bind(). */
static int
bind_row(sqlite3 *db, const char *after, const char *key, char *v0,
    char *v1, size_t len)
{
	struct page	 pg;
	struct tk_error	 err;
	sqlite3_stmt	*s;
	int		 rc;

	tk_error_clear(&err);
	ck_assert_int_eq(page_parse(&pg, "5", after, 0, 0, &err), 0);
	ck_assert_int_eq(sqlite3_prepare_v2(db, "SELECT ?1, ?2, ?3", -1, &s,
	    NULL), SQLITE_OK);
	rc = page_bind(&pg, s, 1, key, &err);
	if (rc == 0) {
		ck_assert_int_eq(sqlite3_step(s), SQLITE_ROW);
		snprintf(v0, len, "%s", (const char *)sqlite3_column_text(s,
		    0));
		snprintf(v1, len, "%s", (const char *)sqlite3_column_text(s,
		    1));
		/* One more than the page, to tell whether more follow. */
		ck_assert_int_eq(sqlite3_column_int(s, (int)strlen(key)), 6);
	} else
		ck_assert_str_eq(err.field, "after");
	sqlite3_finalize(s);
	return (rc);
}

START_TEST(test_cursor_bytes)
{
	static const char *const texts[] = { "Kari Nordmann", "\xc3\x85se",
	    "a.b", "~7E", "50% off", "'Are'are", "", "-_", "\x01\x7f\xff" };
	const char	*values[2];
	char		 cur[PAGE_CURSOR_MAX], a[512], b[512];
	const char	*p;
	sqlite3		*db;
	size_t		 i;

	ck_assert_int_eq(sqlite3_open(":memory:", &db), SQLITE_OK);
	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		values[0] = texts[i];
		values[1] = "-42";
		page_cursor(cur, sizeof(cur), "si", values);
		/* Only unreserved bytes, so no quoting anywhere. */
		for (p = cur; *p != '\0'; p++)
			ck_assert_msg(strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZ"
			    "abcdefghijklmnopqrstuvwxyz0123456789-_.~", *p) !=
			    NULL, "byte %d in cursor '%s'", *p, cur);
		ck_assert_int_eq(bind_row(db, cur, "si", a, b, sizeof(a)), 0);
		ck_assert_str_eq(a, texts[i]);
		ck_assert_str_eq(b, "-42");
	}
	/* A cursor of another list: fields of the wrong kind or number. */
	ck_assert_int_eq(bind_row(db, "abc.12", "ii", a, b, sizeof(a)), -1);
	ck_assert_int_eq(bind_row(db, "12", "ii", a, b, sizeof(a)), -1);
	ck_assert_int_eq(bind_row(db, "1.2.3", "ii", a, b, sizeof(a)), -1);
	ck_assert_int_eq(bind_row(db, "1.-", "ii", a, b, sizeof(a)), -1);
	ck_assert_int_eq(bind_row(db, "1.99999999999999999999", "ii", a, b,
	    sizeof(a)), -1);
	ck_assert_int_eq(bind_row(db, "a~00b.1", "si", a, b, sizeof(a)), -1);
	ck_assert_int_eq(bind_row(db, "x.", "si", a, b, sizeof(a)), -1);
	sqlite3_close(db);
}
END_TEST

/* Add n requests at starts spread with many ties, from seed on. */
static void
add_requests(int n, int seed)
{
	char	sql[512];

	snprintf(sql, sizeof(sql), "WITH RECURSIVE k(x) AS (SELECT %d"
	    " UNION ALL SELECT x + 1 FROM k WHERE x < %d)"
	    " INSERT INTO request (body, lang, start, minutes, modality,"
	    " created) SELECT '974589095', 'ara',"
	    " 1893456000 + (x * 7919 %% 997) * 3600, 60, 'phone',"
	    " '2026-01-01T00:00:00Z' FROM k", seed, seed + n - 1);
	fixture_exec(st, sql);
}

START_TEST(test_walk_while_adding)
{
	struct request_filter	 f = { 0 };
	struct page		 pg;
	struct table		*t;
	struct tk_error		 err;
	char			 after[PAGE_CURSOR_MAX];
	unsigned char		*seen;
	long long		 id, start, last_id = -1, last_start = -1;
	size_t			 r, pages = 0, rows = 0, maxid;
	int			 i;

	tk_error_clear(&err);
	fixture_exec(st, "INSERT INTO body (orgnr, name, sector,"
	    " municipality, guidelines, created) VALUES ('974589095',"
	    " 'Sykehuset', 'health', '0301', 'full', '2026-01-01')");
	add_requests(NREQ, 1);
	ck_assert_int_eq(fixture_int(st, "SELECT count(*) FROM request"),
	    NREQ);
	maxid = NREQ + 10000;
	seen = calloc(maxid + 1, 1);
	ck_assert_ptr_nonnull(seen);
	ck_assert_int_eq(page_parse(&pg, "97", NULL, 0, 0, &err), 0);
	for (;;) {
		t = table_new();
		ck_assert_msg(request_list(st, &f, &pg, t, &err) == 0, "%s",
		    err.msg);
		ck_assert_uint_le(table_nrows(t), 97);
		for (r = 0; r < table_nrows(t); r++) {
			id = atoll(table_cell(t, r, 0));
			start = fixture_int_id(st, "SELECT start FROM request"
			    " WHERE id = ?1", id);
			ck_assert_int_ge(id, 1);
			ck_assert_uint_le((size_t)id, maxid);
			ck_assert_msg(seen[id] == 0, "request %lld twice", id);
			seen[id] = 1;
			/* In order: by start, then id. */
			ck_assert_msg(start > last_start || (start ==
			    last_start && id > last_id), "request %lld out of"
			    " order", id);
			last_start = start;
			last_id = id;
			rows++;
		}
		table_free(t);
		pages++;
		if (pg.next[0] == '\0')
			break;
		ck_assert_uint_eq(pg.n, 97);
		/* Rows are added between pages, before and after the page. */
		if (pages <= 100)
			add_requests(10, (int)(NREQ + pages * 10));
		snprintf(after, sizeof(after), "%s", pg.next);
		pg.after = after;
	}
	for (i = 1; i <= NREQ; i++)
		ck_assert_msg(seen[i] == 1, "request %d never shown", i);
	ck_assert_uint_ge(rows, NREQ);
	ck_assert_uint_ge(pages, NREQ / 97);
	free(seen);
}
END_TEST

START_TEST(test_walk_text_keys)
{
	struct page	 pg;
	struct table	*all, *t;
	struct tk_error	 err;
	char		 after[PAGE_CURSOR_MAX];
	size_t		 r, n = 0;
	int		 q;

	/* Without a query and with one: four fields, names with any byte. */
	for (q = 0; q < 2; q++) {
		tk_error_clear(&err);
		all = table_new();
		ck_assert_int_eq(language_list(st, q ? "an" : NULL, NULL, all,
		    &err), 0);
		ck_assert_int_eq(page_parse(&pg, "250", NULL, 0, 0, &err), 0);
		n = 0;
		for (;;) {
			t = table_new();
			ck_assert_msg(language_list(st, q ? "an" : NULL, &pg,
			    t, &err) == 0, "%s", err.msg);
			for (r = 0; r < table_nrows(t); r++, n++)
				ck_assert_str_eq(table_cell(t, r, 0),
				    table_cell(all, n, 0));
			table_free(t);
			if (pg.next[0] == '\0')
				break;
			snprintf(after, sizeof(after), "%s", pg.next);
			pg.after = after;
		}
		ck_assert_uint_eq(n, table_nrows(all));
		ck_assert_uint_gt(n, 250);
		table_free(all);
	}
	/* A cursor of the request list is refused. */
	all = table_new();
	pg.after = "1893456000.5";
	ck_assert_int_eq(language_list(st, NULL, &pg, all, &err), -1);
	ck_assert_str_eq(err.field, "after");
	table_free(all);
}
END_TEST

Suite *
page_suite(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("page");
	tc = tcase_create("core");
	tcase_add_test(tc, test_parse);
	tcase_add_test(tc, test_cursor_bytes);
	suite_add_tcase(s, tc);
	tc = tcase_create("walk");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_walk_while_adding);
	tcase_add_test(tc, test_walk_text_keys);
	suite_add_tcase(s, tc);
	return (s);
}
