/*
 * The register: interpreters (add, update, listing status and its
 * history, warnings), public bodies, and the public search.
 */
#include "config.h"

#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_suites.h"
#include "fixture.h"
#include "tolkreg/body.h"
#include "tolkreg/category.h"
#include "tolkreg/error.h"
#include "tolkreg/interpreter.h"
#include "tolkreg/output.h"
#include "tolkreg/register.h"
#include "tolkreg/store.h"
#include "tolkreg/validate.h"

static struct store	*st;
static char		 path[256];
static struct tk_error	 err;

static void
setup(void)
{
	st = fixture_store_new(path);
	tk_error_clear(&err);
}

static void
teardown(void)
{
	fixture_store_free(st, path);
}

/* Add an interpreter with fnr for day d of January 1980. */
static int64_t
add_interp(const char *name, int d, char gender, const char *knr,
    unsigned int mods)
{
	struct interpreter_input	in = { name, NULL, gender,
	    "x@example.no", "91234567", knr, AVAIL_PART, mods };

	return (fixture_interpreter_add(st, &in, d, NULL));
}

/* The number of interpreters in the register, whatever their status. */
static size_t
interpreters(void)
{
	struct list_query	 q = { NULL, NULL, NULL };
	struct table		*t = table_new();
	size_t			 n;

	ck_assert_msg(register_list(st, &q, NULL, t, &err) == 0, "%s", err.msg);
	n = table_nrows(t);
	table_free(t);
	return (n);
}

/* The listing statuses in regno's history, oldest first, "a,b". */
static const char *
history(int64_t regno)
{
	static char	 buf[256];
	struct table	*t = table_new();
	size_t		 i, len;

	buf[0] = '\0';
	ck_assert_msg(register_history(st, regno, t, &err) == 0, "%s",
	    err.msg);
	for (i = 0; i < table_nrows(t); i++) {
		len = strlen(buf);
		snprintf(buf + len, sizeof(buf) - len, "%s%s",
		    i > 0 ? "," : "", table_cell(t, i, 1));
	}
	table_free(t);
	return (buf);
}

START_TEST(test_add_get)
{
	struct interpreter	in;
	int64_t			a, b;

	a = add_interp("Amina Hassan", 1, 'F', "0301", MOD_ONSITE | MOD_PHONE);
	b = add_interp("Bashir Ali", 2, 'M', "4601", MOD_VIDEO);
	ck_assert_int_eq(a, 10001);
	ck_assert_int_eq(b, 10002);
	ck_assert_int_eq(interpreter_get(st, a, &in, &err), 0);
	ck_assert_str_eq(in.name, "Amina Hassan");
	ck_assert_int_eq(in.gender, 'F');
	ck_assert_str_eq(in.phone, "+4791234567");
	ck_assert_str_eq(in.municipality, "0301");
	ck_assert_int_eq(in.availability, AVAIL_PART);
	ck_assert_uint_eq(in.modalities, MOD_ONSITE | MOD_PHONE);
	ck_assert_int_eq(in.status, LIST_LISTED);
	/* History and audit have the addition. */
	ck_assert_str_eq(history(a), "listed");
	ck_assert_int_eq(fixture_int_id(st, "SELECT count(*) FROM audit WHERE"
	    " entity_id = ?1 AND action = 'add' AND actor = 'check'", a), 1);
	ck_assert_int_eq(interpreter_get(st, 4242, &in, &err), -1);
	ck_assert_int_eq(err.code, TK_E_NOTFOUND);
}
END_TEST

START_TEST(test_add_rules)
{
	struct interpreter_input	in = { "Amina Hassan", "31129956715",
	    'F', "amina@example.no", "91234567", "0301", AVAIL_FULL, MOD_ALL };
	struct interpreter_input	bad;
	int64_t				regno;

	bad = in;
	bad.pnr = "31129956716";
	ck_assert_int_eq(interpreter_add(st, &bad, &regno, &err), -1);
	ck_assert_str_eq(err.field, "fnr");
	ck_assert_ptr_null(strstr(err.msg, "3112995671"));
	tk_error_clear(&err);
	bad = in;
	bad.municipality = "0302";
	ck_assert_int_eq(interpreter_add(st, &bad, &regno, &err), -1);
	ck_assert_str_eq(err.field, "municipality");
	tk_error_clear(&err);
	bad = in;
	bad.email = "amina@";
	ck_assert_int_eq(interpreter_add(st, &bad, &regno, &err), -1);
	ck_assert_str_eq(err.field, "email");
	tk_error_clear(&err);
	bad = in;
	bad.name = NULL;
	ck_assert_int_eq(interpreter_add(st, &bad, &regno, &err), -1);
	ck_assert_str_eq(err.field, "name");
	tk_error_clear(&err);
	bad = in;
	bad.gender = 'Q';
	ck_assert_int_eq(interpreter_add(st, &bad, &regno, &err), -1);
	ck_assert_str_eq(err.field, "gender");
	tk_error_clear(&err);
	ck_assert_int_eq(interpreters(), 0);
	ck_assert_int_eq(interpreter_add(st, &in, &regno, &err), 0);
	/* The same person twice. */
	ck_assert_int_eq(interpreter_add(st, &in, &regno, &err), -1);
	ck_assert_int_eq(err.code, TK_E_CONFLICT);
	ck_assert_str_eq(err.field, "fnr");
	ck_assert_ptr_null(strstr(err.msg, "31129956715"));
}
END_TEST

START_TEST(test_update_audited)
{
	struct interpreter_input	up = { NULL, NULL, 0, "new@example.no",
	    NULL, "4601", -1, 0 };
	struct interpreter		in;
	int64_t				a;
	char				fnr[12];

	a = add_interp("Amina Hassan", 1, 'F', "0301", MOD_ALL);
	ck_assert_int_eq(interpreter_update(st, a, &up, &err), 0);
	ck_assert_int_eq(interpreter_get(st, a, &in, &err), 0);
	ck_assert_str_eq(in.email, "new@example.no");
	ck_assert_str_eq(in.municipality, "4601");
	ck_assert_str_eq(in.name, "Amina Hassan");
	ck_assert_int_eq(fixture_int_id(st, "SELECT count(*) FROM audit WHERE"
	    " entity_id = ?1 AND action = 'update' AND field = 'municipality'"
	    " AND old = '0301' AND new = '4601'", a), 1);
	/* A new personal number is audited masked. */
	fixture_fnr(fnr, 5, 5, 75, 200);
	memset(&up, 0, sizeof(up));
	up.availability = -1;
	up.pnr = fnr;
	ck_assert_int_eq(interpreter_update(st, a, &up, &err), 0);
	ck_assert_int_eq(fixture_int(st, "SELECT count(*) FROM audit"
	    " WHERE field = 'fnr' AND new = '***********'"
	    " AND old = '***********'"), 1);
	ck_assert_int_eq(fixture_int(st, "SELECT count(*) FROM audit WHERE"
	    " instr(coalesce(old, '') || coalesce(new, ''), '0505') > 0"),
	    0);
	/* Nothing to change. */
	memset(&up, 0, sizeof(up));
	up.availability = -1;
	ck_assert_int_eq(interpreter_update(st, a, &up, &err), -1);
	ck_assert_int_eq(err.code, TK_E_USAGE);
}
END_TEST

START_TEST(test_status_transitions)
{
	struct interpreter	in;
	int64_t			a;

	a = add_interp("Amina Hassan", 1, 'F', "0301", MOD_ALL);
	/* Temporary exclusion while a case is processed. */
	ck_assert_int_eq(interpreter_exclude(st, a, "case 2026/17", NULL, 1,
	    &err), 0);
	ck_assert_int_eq(interpreter_get(st, a, &in, &err), 0);
	ck_assert_int_eq(in.status, LIST_SUSPENDED);
	/* Cannot withdraw while suspended, nor suspend again. */
	ck_assert_int_eq(interpreter_withdraw(st, a, NULL, &err), -1);
	ck_assert_int_eq(err.code, TK_E_CONFLICT);
	tk_error_clear(&err);
	ck_assert_int_eq(interpreter_exclude(st, a, "again", NULL, 1, &err),
	    -1);
	ck_assert_int_eq(err.code, TK_E_CONFLICT);
	tk_error_clear(&err);
	/* Then excluded until a date. */
	ck_assert_int_eq(interpreter_exclude(st, a, "three warnings",
	    "2099-01-01", 0, &err), 0);
	ck_assert_int_eq(interpreter_get(st, a, &in, &err), 0);
	ck_assert_int_eq(in.status, LIST_EXCLUDED);
	ck_assert_str_eq(in.status_until, "2099-01-01");
	/* An end date in the past is refused. */
	ck_assert_int_eq(interpreter_exclude(st, a, "x", "2001-01-01", 0,
	    &err), -1);
	ck_assert_str_eq(err.field, "until");
	tk_error_clear(&err);
	ck_assert_int_eq(interpreter_reinstate(st, a, "period over", &err), 0);
	ck_assert_int_eq(interpreter_reinstate(st, a, "twice", &err), -1);
	ck_assert_int_eq(err.code, TK_E_CONFLICT);
	tk_error_clear(&err);
	ck_assert_int_eq(interpreter_withdraw(st, a, NULL, &err), 0);
	ck_assert_int_eq(interpreter_exclude(st, a, "x", NULL, 0, &err), -1);
	ck_assert_int_eq(err.code, TK_E_CONFLICT);
	tk_error_clear(&err);
	ck_assert_int_eq(interpreter_reinstate(st, a, "back", &err), 0);
	/* A reason is required. */
	ck_assert_int_eq(interpreter_exclude(st, a, "", NULL, 0, &err), -1);
	ck_assert_str_eq(err.field, "reason");
	/* The full history, in order. */
	ck_assert_str_eq(history(a),
	    "listed,suspended,excluded,listed,withdrawn,listed");
}
END_TEST

START_TEST(test_effective_status)
{
	struct interpreter	in;

	memset(&in, 0, sizeof(in));
	in.status = LIST_EXCLUDED;
	snprintf(in.status_until, sizeof(in.status_until), "2026-06-01");
	ck_assert_int_eq(interpreter_effective(&in, "2026-05-31"),
	    LIST_EXCLUDED);
	ck_assert_int_eq(interpreter_effective(&in, "2026-06-01"),
	    LIST_LISTED);
	in.status_until[0] = '\0';	/* permanent */
	ck_assert_int_eq(interpreter_effective(&in, "2999-01-01"),
	    LIST_EXCLUDED);
	in.status = LIST_SUSPENDED;
	ck_assert_int_eq(interpreter_effective(&in, "2999-01-01"),
	    LIST_SUSPENDED);
}
END_TEST

START_TEST(test_warnings_flag)
{
	char	today[DATE_BUFLEN], d[32];
	int64_t	a, id;
	int	n, y;

	tk_today(today);
	y = atoi(today);
	a = add_interp("Amina Hassan", 1, 'F', "0301", MOD_ALL);
	/* One six years ago does not count. */
	snprintf(d, sizeof(d), "%04d%.6s", (y - 6) % 10000, today + 4);
	ck_assert_int_eq(warning_add(st, a, d, "old", &id, &err), 0);
	snprintf(d, sizeof(d), "%04d%.6s", (y - 4) % 10000, today + 4);
	ck_assert_int_eq(warning_add(st, a, d, "one", &id, &err), 0);
	ck_assert_int_eq(warning_add(st, a, NULL, "two", &id, &err), 0);
	ck_assert_int_eq(warning_count_5y(st, a, today, &n, &err), 0);
	ck_assert_int_eq(n, 2);
	ck_assert_int_eq(warning_add(st, a, "2024-02-29", "three", &id, &err),
	    0);
	ck_assert_int_eq(warning_count_5y(st, a, today, &n, &err), 0);
	ck_assert_int_eq(n, 3);
	ck_assert_int_ge(n, WARNING_FLAG_COUNT);
	ck_assert_int_eq(warning_add(st, a, "2999-01-01", "future", &id, &err),
	    -1);
	ck_assert_str_eq(err.field, "date");
}
END_TEST

START_TEST(test_search)
{
	struct search_query	 q = { "ara", 0, NULL, NULL, 0, 0 };
	struct table		*t;
	int64_t			 a, b, c, d;

	a = add_interp("Erik E", 1, 'M', "0301", MOD_PHONE);
	b = add_interp("Anne A", 2, 'F', "4601", MOD_ALL);
	c = add_interp("Cecilie C", 3, 'F', "0301", MOD_ONSITE);
	d = add_interp("Dina D", 4, 'F', "0301", MOD_ALL);
	fixture_credential(st, a, CRED_BILINGUAL_TEST, "ara");
	fixture_credential(st, a, CRED_TAO, NULL);		/* E */
	fixture_credential(st, b, CRED_AUTHORISATION, "ara");	/* C */
	fixture_credential(st, c, CRED_BACHELOR, "ara");	/* B */
	fixture_credential(st, c, CRED_AUTHORISATION, "ara");	/* A */
	fixture_credential(st, d, CRED_GRUNNEMNE, "rus");	/* D, rus */

	t = table_new();
	ck_assert_int_eq(register_search(st, &q, "2026-11-23", NULL, t, &err), 0);
	ck_assert_int_eq(table_nrows(t), 3);
	/* Highest category first. */
	ck_assert_str_eq(table_cell(t, 0, 1), "Cecilie C");
	ck_assert_str_eq(table_cell(t, 0, 5), "A");
	ck_assert_str_eq(table_cell(t, 1, 5), "C");
	ck_assert_str_eq(table_cell(t, 2, 5), "E");
	ck_assert_str_eq(table_cell(t, 1, 8), "46");
	table_free(t);

	/* Category C or better, women, in Oslo county. */
	q.category = 'C';
	t = table_new();
	ck_assert_int_eq(register_search(st, &q, "2026-11-23", NULL, t, &err), 0);
	ck_assert_int_eq(table_nrows(t), 2);
	table_free(t);
	q.county = "03";
	t = table_new();
	ck_assert_int_eq(register_search(st, &q, "2026-11-23", NULL, t, &err), 0);
	ck_assert_int_eq(table_nrows(t), 1);
	table_free(t);
	q.county = NULL;
	q.category = 0;
	q.modality = MOD_PHONE;
	t = table_new();
	ck_assert_int_eq(register_search(st, &q, "2026-11-23", NULL, t, &err), 0);
	ck_assert_int_eq(table_nrows(t), 2);	/* Erik and Anne */
	table_free(t);
	q.modality = 0;
	q.gender = 'M';
	t = table_new();
	ck_assert_int_eq(register_search(st, &q, "2026-11-23", NULL, t, &err), 0);
	ck_assert_int_eq(table_nrows(t), 1);
	table_free(t);
	q.gender = 0;

	/* Excluded interpreters are not shown; after the end date they are. */
	ck_assert_int_eq(interpreter_exclude(st, c, "case", "2099-01-01", 0,
	    &err), 0);
	t = table_new();
	ck_assert_int_eq(register_search(st, &q, "2026-11-23", NULL, t, &err), 0);
	ck_assert_int_eq(table_nrows(t), 2);
	table_free(t);
	t = table_new();
	ck_assert_int_eq(register_search(st, &q, "2099-01-01", NULL, t, &err), 0);
	ck_assert_int_eq(table_nrows(t), 3);
	table_free(t);

	/* Bad filters. */
	q.lang = "zzz";
	t = table_new();
	ck_assert_int_eq(register_search(st, &q, "2026-11-23", NULL, t, &err), -1);
	ck_assert_str_eq(err.field, "lang");
	table_free(t);
}
END_TEST

START_TEST(test_search_hides_personal)
{
	struct search_query	 q = { "ara", 0, NULL, NULL, 0, 0 };
	struct table		*t;
	struct tk_error		 e2;
	char			*buf = NULL;
	size_t			 len = 0;
	FILE			*f;
	int64_t			 a;

	a = add_interp("Erik E", 1, 'M', "0301", MOD_PHONE);
	fixture_credential(st, a, CRED_AUTHORISATION, "ara");
	t = table_new();
	ck_assert_int_eq(register_search(st, &q, "2026-11-23", NULL, t, &err), 0);
	f = open_memstream(&buf, &len);
	tk_error_clear(&e2);
	ck_assert_int_eq(table_write(t, FMT_JSON, f, &e2), 0);
	fclose(f);
	ck_assert_ptr_null(strstr(buf, "0101801"));	/* the fnr */
	ck_assert_ptr_null(strstr(buf, "example.no"));
	ck_assert_ptr_null(strstr(buf, "91234567"));
	free(buf);
	table_free(t);
}
END_TEST

START_TEST(test_bodies)
{
	struct body_input	in = { "974760673", "Oslo universitetssykehus",
	    SECTOR_HEALTH, "0301", 1, GUIDE_PARTIAL };
	struct body_input	up = { NULL, NULL, -1, NULL, -1, GUIDE_FULL };
	struct body		b;

	ck_assert_msg(body_add(st, &in, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(body_add(st, &in, &err), -1);
	ck_assert_int_eq(err.code, TK_E_CONFLICT);
	tk_error_clear(&err);
	in.orgnr = "123456785";		/* check digit fine, never issued */
	ck_assert_int_eq(body_add(st, &in, &err), -1);
	ck_assert_str_eq(err.field, "orgnr");
	tk_error_clear(&err);
	ck_assert_int_eq(body_update(st, "974760673", &up, &err), 0);
	ck_assert_int_eq(body_get(st, "974760673", &b, &err), 0);
	ck_assert_int_eq(b.guidelines, GUIDE_FULL);
	ck_assert_int_eq(b.regular, 1);
	ck_assert_int_eq(b.sector, SECTOR_HEALTH);
	ck_assert_int_eq(fixture_int(st, "SELECT count(*) FROM audit WHERE"
	    " entity = 'body' AND field = 'guidelines' AND old = 'partial' AND"
	    " new = 'full'"), 1);
	ck_assert_int_eq(body_get(st, "988077917", &b, &err), -1);
	ck_assert_int_eq(err.code, TK_E_NOTFOUND);
}
END_TEST

START_TEST(test_modalities)
{
	unsigned int	m;
	char		buf[32];

	ck_assert_int_eq(modalities_parse("m", "onsite,video,phone", &m, &err),
	    0);
	ck_assert_uint_eq(m, MOD_ALL);
	ck_assert_int_eq(modalities_parse("m", "phone", &m, &err), 0);
	ck_assert_uint_eq(m, MOD_PHONE);
	modalities_format(MOD_ONSITE | MOD_PHONE, buf, sizeof(buf));
	ck_assert_str_eq(buf, "onsite,phone");
	ck_assert_int_eq(modalities_parse("m", "onsite,,phone", &m, &err), -1);
	tk_error_clear(&err);
	ck_assert_int_eq(modalities_parse("m", "fax", &m, &err), -1);
	ck_assert_str_eq(err.field, "m");
	tk_error_clear(&err);
	ck_assert_int_eq(modalities_parse("m", "", &m, &err), -1);
}
END_TEST

Suite *
register_suite(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("register");
	tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_add_get);
	tcase_add_test(tc, test_update_audited);
	tcase_add_test(tc, test_search);
	tcase_add_test(tc, test_bodies);
	suite_add_tcase(s, tc);

	tc = tcase_create("rules");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_add_rules);
	tcase_add_test(tc, test_status_transitions);
	tcase_add_test(tc, test_effective_status);
	tcase_add_test(tc, test_warnings_flag);
	tcase_add_test(tc, test_search_hides_personal);
	tcase_add_test(tc, test_modalities);
	suite_add_tcase(s, tc);
	return (s);
}
