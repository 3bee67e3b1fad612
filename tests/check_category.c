/*
 * Category derivation (kategori A-E): every row of the table, every
 * combination of credentials against an independent reading of the
 * table, and revocation changing the category at once.
 */
#include "config.h"

#include <check.h>
#include <stdint.h>
#include <string.h>

#include "check_suites.h"
#include "fixture.h"
#include "tolkreg/category.h"
#include "tolkreg/error.h"
#include "tolkreg/interpreter.h"
#include "tolkreg/output.h"
#include "tolkreg/register.h"
#include "tolkreg/store.h"
#include "tolkreg/validate.h"

#define AUTH	CRED_BIT(CRED_AUTHORISATION)
#define BACH	CRED_BIT(CRED_BACHELOR)
#define GRUNN	CRED_BIT(CRED_GRUNNEMNE)
#define TEST	CRED_BIT(CRED_BILINGUAL_TEST)
#define TRANSL	CRED_BIT(CRED_TRANSLATOR)
#define TAO	CRED_BIT(CRED_TAO)

START_TEST(test_table_rows)
{
	/* A: authorisation and bachelor. */
	ck_assert_int_eq(category_derive(AUTH | BACH), 'A');
	/* B: bachelor; or authorisation and grunnemne. */
	ck_assert_int_eq(category_derive(BACH), 'B');
	ck_assert_int_eq(category_derive(AUTH | GRUNN), 'B');
	/* C: authorisation. */
	ck_assert_int_eq(category_derive(AUTH), 'C');
	/* D: grunnemne. */
	ck_assert_int_eq(category_derive(GRUNN), 'D');
	/* E: (bilingual test or translator) and TAO. */
	ck_assert_int_eq(category_derive(TEST | TAO), 'E');
	ck_assert_int_eq(category_derive(TRANSL | TAO), 'E');
	/* None. */
	ck_assert_int_eq(category_derive(0), 0);
	ck_assert_int_eq(category_derive(TAO), 0);
	ck_assert_int_eq(category_derive(TEST), 0);
	ck_assert_int_eq(category_derive(TRANSL), 0);
	ck_assert_int_eq(category_derive(TEST | TRANSL), 0);
}
END_TEST

/* The table read top-down: the first row whose credentials are held. */
static char
oracle(unsigned int k)
{
	static const struct {
		char		 cat;
		unsigned int	 all;	/* every one of these */
		unsigned int	 any;	/* and one of these, if not 0 */
	} rows[] = {
		{ 'A', AUTH | BACH, 0 },
		{ 'B', BACH, 0 },
		{ 'B', AUTH | GRUNN, 0 },
		{ 'C', AUTH, 0 },
		{ 'D', GRUNN, 0 },
		{ 'E', TAO, TEST | TRANSL },
	};
	size_t	i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		if ((k & rows[i].all) == rows[i].all &&
		    (rows[i].any == 0 || (k & rows[i].any) != 0))
			return (rows[i].cat);
	}
	return (0);
}

START_TEST(test_every_combination)
{
	unsigned int	k;

	for (k = 0; k < (1u << CRED_NKINDS); k++)
		ck_assert_msg(category_derive(k) == oracle(k),
		    "kinds %#x: got %c, want %c", k,
		    category_derive(k) ? category_derive(k) : '-',
		    oracle(k) ? oracle(k) : '-');
}
END_TEST

START_TEST(test_best_wins)
{
	/* More credentials never lower the category. */
	ck_assert_int_eq(category_derive(AUTH | BACH | GRUNN | TEST | TAO),
	    'A');
	ck_assert_int_eq(category_derive(GRUNN | TEST | TAO), 'D');
	ck_assert_int_eq(category_derive(AUTH | TEST | TAO), 'C');
}
END_TEST

START_TEST(test_kind_names)
{
	enum cred_kind	k;
	int		i;

	for (i = 0; i < CRED_NKINDS; i++) {
		ck_assert_int_eq(cred_kind_parse(cred_kind_name(
		    (enum cred_kind)i), &k), 0);
		ck_assert_int_eq((int)k, i);
	}
	ck_assert_int_eq(cred_kind_parse("bilingual-test", &k), 0);
	ck_assert_int_eq(k, CRED_BILINGUAL_TEST);
	ck_assert_int_eq(cred_kind_parse("Authorisation", &k), -1);
	ck_assert_int_eq(cred_kind_parse("", &k), -1);
}
END_TEST

static struct store	*st;
static char		 path[256];
static int64_t		 regno;

static void
setup(void)
{
	struct interpreter_input	in = { "Amina Hassan", "31129956715",
	    'F', "amina@example.no", "+4791234567", "0301", AVAIL_FULL,
	    MOD_ALL };
	struct tk_error			err;

	st = fixture_store_new(path);
	tk_error_clear(&err);
	ck_assert_msg(interpreter_add(st, &in, &regno, &err) == 0, "%s",
	    err.msg);
}

static void
teardown(void)
{
	fixture_store_free(st, path);
}

/* The stored category of regno in lang, or '-' for none. */
static char
stored(const char *lang)
{
	struct table	*t = table_new();
	struct tk_error	 err;
	size_t		 i;
	char		 c = '-';

	tk_error_clear(&err);
	ck_assert_msg(register_languages(st, regno, t, &err) == 0, "%s",
	    err.msg);
	for (i = 0; i < table_nrows(t); i++) {
		if (strcmp(table_cell(t, i, 0), lang) == 0)
			c = table_cell(t, i, 2)[0];
	}
	table_free(t);
	return (c);
}

/* Add a credential, asserting success; returns its id. */
static int64_t
add(enum cred_kind kind, const char *lang, const char *date)
{
	struct credential_new	c = { regno, kind, lang, date, "ref" };
	struct tk_error		err;
	int64_t			id;

	tk_error_clear(&err);
	ck_assert_msg(credential_add(st, &c, &id, &err) == 0, "%s", err.msg);
	return (id);
}

START_TEST(test_store_derivation)
{
	int64_t	auth, bach;

	ck_assert_int_eq(stored("ara"), '-');
	add(CRED_BILINGUAL_TEST, "ara", "2020-01-01");
	ck_assert_int_eq(stored("ara"), '-');	/* no TAO yet */
	add(CRED_TAO, NULL, "2020-02-01");
	ck_assert_int_eq(stored("ara"), 'E');
	add(CRED_GRUNNEMNE, "ara", "2021-01-01");
	ck_assert_int_eq(stored("ara"), 'D');
	auth = add(CRED_AUTHORISATION, "ara", "2022-01-01");
	ck_assert_int_eq(stored("ara"), 'B');
	bach = add(CRED_BACHELOR, "ara", "2023-01-01");
	ck_assert_int_eq(stored("ara"), 'A');
	/* Credentials in one language never count in another. */
	ck_assert_int_eq(stored("rus"), '-');
	add(CRED_AUTHORISATION, "rus", "2022-01-01");
	ck_assert_int_eq(stored("rus"), 'C');
	ck_assert_int_eq(stored("ara"), 'A');
	(void)auth;
	(void)bach;
}
END_TEST

START_TEST(test_revocation)
{
	struct tk_error	err;
	int64_t		auth, grunn, tao;

	auth = add(CRED_AUTHORISATION, "tir", "2020-01-01");
	grunn = add(CRED_GRUNNEMNE, "tir", "2020-01-01");
	ck_assert_int_eq(stored("tir"), 'B');
	tk_error_clear(&err);
	ck_assert_int_eq(credential_revoke(st, regno, auth, "revoked by"
	    " the authority", &err), 0);
	ck_assert_int_eq(stored("tir"), 'D');
	ck_assert_int_eq(credential_revoke(st, regno, grunn, "error", &err),
	    0);
	ck_assert_int_eq(stored("tir"), '-');
	/* Revoking twice is a conflict. */
	ck_assert_int_eq(credential_revoke(st, regno, grunn, "again", &err),
	    -1);
	ck_assert_int_eq(err.code, TK_E_CONFLICT);
	/* The TAO course counts for every language; revoking it drops E. */
	add(CRED_TRANSLATOR, "som", "2019-01-01");
	tao = add(CRED_TAO, NULL, "2019-01-01");
	ck_assert_int_eq(stored("som"), 'E');
	tk_error_clear(&err);
	ck_assert_int_eq(credential_revoke(st, regno, tao, "x", &err), 0);
	ck_assert_int_eq(stored("som"), '-');
}
END_TEST

START_TEST(test_credential_rules)
{
	struct credential_new	c = { 0, CRED_AUTHORISATION, NULL,
	    "2020-01-01", NULL };
	struct tk_error		err;
	char			today[DATE_BUFLEN];
	int64_t			id;

	c.regno = regno;
	/* Every kind but tao needs a language. */
	tk_error_clear(&err);
	ck_assert_int_eq(credential_add(st, &c, &id, &err), -1);
	ck_assert_int_eq(err.code, TK_E_INVALID);
	ck_assert_str_eq(err.field, "lang");
	/* tao takes none. */
	c.kind = CRED_TAO;
	c.lang = "ara";
	tk_error_clear(&err);
	ck_assert_int_eq(credential_add(st, &c, &id, &err), -1);
	ck_assert_str_eq(err.field, "lang");
	/* Unknown language. */
	c.kind = CRED_BACHELOR;
	c.lang = "qqq";
	tk_error_clear(&err);
	ck_assert_int_eq(credential_add(st, &c, &id, &err), -1);
	ck_assert_str_eq(err.field, "lang");
	/* Dates in the future and impossible dates. */
	c.lang = "ara";
	c.date = "2999-01-01";
	tk_error_clear(&err);
	ck_assert_int_eq(credential_add(st, &c, &id, &err), -1);
	ck_assert_str_eq(err.field, "date");
	c.date = "2023-02-29";
	tk_error_clear(&err);
	ck_assert_int_eq(credential_add(st, &c, &id, &err), -1);
	ck_assert_str_eq(err.field, "date");
	/* Today is allowed. */
	tk_today(today);
	c.date = today;
	tk_error_clear(&err);
	ck_assert_int_eq(credential_add(st, &c, &id, &err), 0);
	ck_assert_int_eq(stored("ara"), 'B');
	/* Unknown interpreter. */
	c.regno = 99999999;
	tk_error_clear(&err);
	ck_assert_int_eq(credential_add(st, &c, &id, &err), -1);
	ck_assert_int_eq(err.code, TK_E_NOTFOUND);
	/* Someone else's credential cannot be revoked through regno. */
	tk_error_clear(&err);
	ck_assert_int_eq(credential_revoke(st, regno + 1, id, "x", &err), -1);
	ck_assert_int_eq(err.code, TK_E_NOTFOUND);
}
END_TEST

START_TEST(test_sql_function)
{
	sqlite3_stmt	*s;

	ck_assert_int_eq(sqlite3_prepare_v2(store_db(st), "SELECT"
	    " tk_category(tk_credbit('authorisation') | tk_credbit('bachelor')),"
	    " tk_category(0), tk_credbit('nonsense')", -1, &s, NULL),
	    SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(s), SQLITE_ROW);
	ck_assert_str_eq((const char *)sqlite3_column_text(s, 0), "A");
	ck_assert_int_eq(sqlite3_column_type(s, 1), SQLITE_NULL);
	ck_assert_int_eq(sqlite3_column_int(s, 2), 0);
	sqlite3_finalize(s);
}
END_TEST

Suite *
category_suite(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("category");
	tc = tcase_create("rules");
	tcase_add_test(tc, test_table_rows);
	tcase_add_test(tc, test_every_combination);
	tcase_add_test(tc, test_best_wins);
	tcase_add_test(tc, test_kind_names);
	suite_add_tcase(s, tc);

	tc = tcase_create("store");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_store_derivation);
	tcase_add_test(tc, test_revocation);
	tcase_add_test(tc, test_credential_rules);
	tcase_add_test(tc, test_sql_function);
	suite_add_tcase(s, tc);
	return (s);
}
