/*
 * The XML interchange format: importing each kind of record, matching
 * by key and re-importing without change, dry runs, the domain rules
 * with their lines, hostile and broken files, the export and its round
 * trip, and a 100 000-assignment file in bounded memory and time.
 */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "check_suites.h"
#include "fixture.h"
#include "tolkreg/error.h"
#include "tolkreg/interpreter.h"
#include "tolkreg/output.h"
#include "tolkreg/register.h"
#include "tolkreg/store.h"
#include "tolkreg/xml.h"

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_SANITIZER	1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_SANITIZER	1
#endif
#endif
#ifndef UNDER_SANITIZER
#define UNDER_SANITIZER	0
#endif

#define HEAD	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
		"<tolkreg xmlns=\"urn:no:imdi:tolkreg:1\" version=\"1\">\n"
#define TAIL	"</tolkreg>\n"

/* Lines 3-4: one interpreter with everything. */
#define INTERP \
	"<interpreters>\n" \
	"<interpreter regno=\"10001\" name=\"Kari &amp; Nordmann\"" \
	" gender=\"F\" municipality=\"0301\" availability=\"part\"" \
	" modalities=\"onsite video\" fnr=\"31129956715\"" \
	" email=\"kari@example.no\" phone=\"912 34 567\">\n" \
	"<credential kind=\"tao\" obtained=\"2019-03-01\"/>\n" \
	"<credential kind=\"bilingual-test\" lang=\"tir\"" \
	" obtained=\"2019-05-02\" revoked=\"2023-02-01\"" \
	" revoke-reason=\"withdrawn\"/>\n" \
	"<credential kind=\"authorisation\" lang=\"ara\"" \
	" obtained=\"2021-01-10\" ref=\"A-1\"/>\n" \
	"<listing at=\"2019-03-04T09:12:00Z\" status=\"listed\"" \
	" reason=\"added to the register\" actor=\"ola\"/>\n" \
	"<listing at=\"2024-05-02T13:00:00+02:00\" status=\"excluded\"" \
	" until=\"2024-11-01\" reason=\"case 2024/17\" actor=\"ola\"/>\n" \
	"<warning date=\"2023-09-14\" reason=\"case 2023/88\"/>\n" \
	"</interpreter>\n" \
	"</interpreters>\n"

#define BODY \
	"<bodies>\n" \
	"<body orgnr=\"974760673\" name=\"Oslo universitetssykehus HF\"" \
	" sector=\"health\" municipality=\"0301\" regular=\"true\"" \
	" guidelines=\"partial\"/>\n" \
	"</bodies>\n"

#define ASSIGN \
	"<assignments>\n" \
	"<assignment sender=\"988077917\" ref=\"R-1\" body=\"974760673\"" \
	" lang=\"ara\" start=\"2025-03-04T10:00\" minutes=\"60\"" \
	" modality=\"onsite\" municipality=\"0301\" outcome=\"completed\"" \
	" interpreter=\"10001\" remote=\"true\" provider=\"private-agency\"" \
	" provider-orgnr=\"988077917\"/>\n" \
	"<assignment sender=\"988077917\" ref=\"R-2\" body=\"974760673\"" \
	" lang=\"tir\" start=\"2025-03-05T08:30:00+01:00\" minutes=\"45\"" \
	" modality=\"phone\" outcome=\"completed\" interpreter=\"unregistered\"" \
	" exception=\"none-qualified\"/>\n" \
	"<assignment sender=\"974760673\" ref=\"K-77\" body=\"974760673\"" \
	" lang=\"som\" start=\"2025-03-06T12:00\" minutes=\"30\"" \
	" modality=\"video\" outcome=\"unfilled\" child-used=\"true\"" \
	" reason=\"no one free\"/>\n" \
	"<assignment sender=\"974760673\" ref=\"K-78\" body=\"974760673\"" \
	" lang=\"ara\" start=\"2025-03-07T12:00\" minutes=\"30\"" \
	" modality=\"video\" outcome=\"cancelled\" interpreter=\"10001\"" \
	" reason=\"moved\"/>\n" \
	"</assignments>\n"

static struct store	*st;
static char		 path[256];
static char		 dir[FIXTURE_DIRLEN];
static char		 problems[16384];
static int		 nproblems;

/* Collect problems as "LINE: message" lines. */
static void
on_problem(void *arg, const char *file, unsigned long line, const char *msg)
{
	size_t	len = strlen(problems);

	(void)arg;
	(void)file;
	nproblems++;
	snprintf(problems + len, sizeof(problems) - len, "%lu: %s\n", line,
	    msg);
}

static void
setup(void)
{
	fixture_dir_new(dir);
	st = fixture_store_new(path);
	problems[0] = '\0';
	nproblems = 0;
}

static void
teardown(void)
{
	fixture_store_free(st, path);
	fixture_dir_free(dir);
}

/* Write text to a file in the test directory; returns its path. */
static const char *
put_file(const char *name, const char *text, size_t len)
{
	static char	 p[128];
	FILE		*f;

	snprintf(p, sizeof(p), "%s/%s", dir, name);
	ck_assert_ptr_nonnull(f = fopen(p, "w"));
	ck_assert_uint_eq(fwrite(text, 1, len, f), len);
	ck_assert_int_eq(fclose(f), 0);
	return (p);
}

/* Import text into s; the result of xml_import_file(). */
static int
import_into(struct store *s, const char *text, int dry,
    struct xml_counts *c, struct tk_error *err)
{
	struct xml_import_opts	o = { dry, on_problem, NULL, NULL, NULL };

	tk_error_clear(err);
	return (xml_import_file(s, put_file("in.xml", text, strlen(text)), &o,
	    c, err));
}

/* Import text into st and expect success. */
static void
import_ok(const char *text, struct xml_counts *c)
{
	struct tk_error	err;

	ck_assert_msg(import_into(st, text, 0, c, &err) == 0, "%s\n%s",
	    err.msg, problems);
	ck_assert_int_eq(nproblems, 0);
}

/* Import text into st and expect it refused with a problem. */
static void
import_refused(const char *text)
{
	struct xml_counts	c;
	struct tk_error		err;

	ck_assert_int_eq(import_into(st, text, 0, &c, &err), -1);
	ck_assert_int_eq(err.code, TK_E_INVALID);
	ck_assert_int_gt(nproblems, 0);
}

/* Rows in every table that a refused import must not touch. */
static long long
rows(struct store *s)
{
	return (fixture_int(s, "SELECT (SELECT count(*) FROM interpreter) +"
	    " (SELECT count(*) FROM credential) +"
	    " (SELECT count(*) FROM listing_event) +"
	    " (SELECT count(*) FROM warning) + (SELECT count(*) FROM body) +"
	    " (SELECT count(*) FROM request) + (SELECT count(*) FROM audit) +"
	    " (SELECT count(*) FROM import_seen)"));
}

/* Export what from s into a new string (owned). */
static char *
export_of(struct store *s, enum xml_export_what what, int personal,
    const char *since)
{
	struct xml_export_opts	 o = { what, since, personal, NULL, NULL };
	struct tk_error		 err;
	FILE			*f;
	char			*buf = NULL;
	size_t			 len = 0;

	tk_error_clear(&err);
	ck_assert_ptr_nonnull(f = open_memstream(&buf, &len));
	ck_assert_msg(xml_export(s, &o, f, &err) == 0, "%s", err.msg);
	fclose(f);
	return (buf);
}

START_TEST(test_import_each_kind)
{
	struct xml_counts	 c;
	struct interpreter	 ip;
	struct table		*t;
	struct tk_error		 err;

	import_ok(HEAD INTERP TAIL, &c);
	ck_assert_uint_eq(c.n[XML_INTERPRETER][XML_ADDED], 1);
	tk_error_clear(&err);
	t = table_new();
	ck_assert_int_eq(register_credentials(st, 10001, NULL, t, &err), 0);
	ck_assert_uint_eq(table_nrows(t), 3);
	table_free(t);
	/* Categories derived, the revoked test giving nothing. */
	t = table_new();
	ck_assert_int_eq(register_languages(st, 10001, t, &err), 0);
	ck_assert_uint_eq(table_nrows(t), 1);
	ck_assert_str_eq(table_cell(t, 0, 0), "ara");
	ck_assert_str_eq(table_cell(t, 0, 2), "C");
	table_free(t);
	/* Status from the latest event; name with its ampersand. */
	ck_assert_int_eq(interpreter_get(st, 10001, &ip, &err), 0);
	ck_assert_int_eq(ip.status, LIST_EXCLUDED);
	ck_assert_str_eq(ip.status_until, "2024-11-01");
	ck_assert_str_eq(ip.name, "Kari & Nordmann");
	ck_assert_str_eq(ip.phone, "+4791234567");
	t = table_new();
	ck_assert_int_eq(register_history(st, 10001, t, &err), 0);
	ck_assert_uint_eq(table_nrows(t), 2);
	/* Stored in UTC as the file gave it, shown in Europe/Oslo. */
	ck_assert_str_eq(table_cell(t, 1, 0), "2024-05-02T13:00:00+02:00");
	ck_assert_int_eq(fixture_int(st, "SELECT count(*) FROM listing_event"
	    " WHERE regno = 10001 AND at = '2024-05-02T11:00:00Z'"), 1);
	table_free(t);

	import_ok(HEAD BODY TAIL, &c);
	ck_assert_uint_eq(c.n[XML_BODY][XML_ADDED], 1);

	import_ok(HEAD ASSIGN TAIL, &c);
	ck_assert_uint_eq(c.n[XML_ASSIGNMENT][XML_ADDED], 4);
	ck_assert_int_eq(fixture_int(st, "SELECT count(*) FROM request WHERE"
	    " sender = '988077917' AND ext_ref = 'R-1' AND state = 'completed'"
	    " AND regno = 10001 AND remote = 1 AND actual_minutes = 60"
	    " AND child_used = 0 AND provider = 'private-agency'"
	    " AND sector = 'health' AND busy_from = start"), 1);
	ck_assert_int_eq(fixture_int(st, "SELECT count(*) FROM request WHERE"
	    " ext_ref = 'R-2' AND unregistered = 1 AND regno IS NULL"
	    " AND exception = 'none-qualified' AND remote = 1"), 1);
	ck_assert_int_eq(fixture_int(st, "SELECT count(*) FROM request WHERE"
	    " ext_ref = 'K-77' AND state = 'unfilled' AND child_used = 1"
	    " AND close_reason = 'no one free'"), 1);
	ck_assert_int_eq(fixture_int(st, "SELECT count(*) FROM request WHERE"
	    " ext_ref = 'K-78' AND state = 'cancelled' AND regno = 10001"),
	    1);
}
END_TEST

START_TEST(test_reimport_unchanged)
{
	struct xml_counts	c;
	long long		before;

	import_ok(HEAD INTERP BODY ASSIGN TAIL, &c);
	before = rows(st);
	import_ok(HEAD INTERP BODY ASSIGN TAIL, &c);
	ck_assert_uint_eq(c.n[XML_INTERPRETER][XML_UNCHANGED], 1);
	ck_assert_uint_eq(c.n[XML_BODY][XML_UNCHANGED], 1);
	ck_assert_uint_eq(c.n[XML_ASSIGNMENT][XML_UNCHANGED], 4);
	ck_assert_uint_eq(c.n[XML_INTERPRETER][XML_ADDED] +
	    c.n[XML_INTERPRETER][XML_CHANGED] + c.n[XML_BODY][XML_ADDED] +
	    c.n[XML_BODY][XML_CHANGED] + c.n[XML_ASSIGNMENT][XML_ADDED] +
	    c.n[XML_ASSIGNMENT][XML_CHANGED], 0);
	ck_assert_int_eq(rows(st), before);
}
END_TEST

START_TEST(test_update_by_key)
{
	struct xml_counts	 c;
	struct interpreter	 ip;
	struct table		*t;
	struct tk_error		 err;
	char			*doc;

	import_ok(HEAD INTERP BODY ASSIGN TAIL, &c);
	/* Without personal data: an update, the rest left as it is. */
	import_ok(HEAD "<interpreters><interpreter regno=\"10001\""
	    " name=\"Kari Nordmann\" gender=\"F\" municipality=\"4601\""
	    " availability=\"part\" modalities=\"onsite video\">"
	    "<warning date=\"2024-01-02\" reason=\"late\"/>"
	    "</interpreter></interpreters>"
	    "<bodies><body orgnr=\"974760673\" name=\"OUS\" sector=\"health\""
	    " municipality=\"0301\" regular=\"true\" guidelines=\"full\"/>"
	    "</bodies>" TAIL, &c);
	ck_assert_uint_eq(c.n[XML_INTERPRETER][XML_CHANGED], 1);
	ck_assert_uint_eq(c.n[XML_BODY][XML_CHANGED], 1);
	tk_error_clear(&err);
	ck_assert_int_eq(interpreter_get(st, 10001, &ip, &err), 0);
	ck_assert_str_eq(ip.municipality, "4601");
	ck_assert_str_eq(ip.email, "kari@example.no");
	t = table_new();
	ck_assert_int_eq(register_warnings(st, 10001, NULL, t, &err), 0);
	ck_assert_uint_eq(table_nrows(t), 2);
	table_free(t);
	ck_assert_int_eq(fixture_int(st, "SELECT count(*) FROM audit WHERE"
	    " entity = 'interpreter' AND action = 'update'"), 2);
	ck_assert_int_eq(fixture_int(st, "SELECT count(*) FROM audit WHERE"
	    " entity = 'body' AND action = 'update'"), 2);

	/* An assignment with another outcome: changed, audited per field. */
	doc = strdup(HEAD "<assignments>"
	    "<assignment sender=\"974760673\" ref=\"K-77\" body=\"974760673\""
	    " lang=\"som\" start=\"2025-03-06T12:00\" minutes=\"30\""
	    " modality=\"video\" outcome=\"cancelled\" reason=\"no one free\"/>"
	    "</assignments>" TAIL);
	import_ok(doc, &c);
	free(doc);
	ck_assert_uint_eq(c.n[XML_ASSIGNMENT][XML_CHANGED], 1);
	ck_assert_int_eq(fixture_int(st, "SELECT count(*) FROM audit WHERE"
	    " action = 'report-update'"), 2);	/* state, child_used */
}
END_TEST

START_TEST(test_dry_run)
{
	struct xml_counts	c;
	struct tk_error		err;
	long long		before = rows(st);

	ck_assert_int_eq(import_into(st, HEAD INTERP BODY ASSIGN TAIL, 1, &c,
	    &err), 0);
	ck_assert_uint_eq(c.n[XML_INTERPRETER][XML_ADDED], 1);
	ck_assert_uint_eq(c.n[XML_BODY][XML_ADDED], 1);
	ck_assert_uint_eq(c.n[XML_ASSIGNMENT][XML_ADDED], 4);
	ck_assert_int_eq(rows(st), before);
}
END_TEST

START_TEST(test_new_needs_personal)
{
	import_refused(HEAD "<interpreters>\n<interpreter regno=\"10001\""
	    " name=\"K\" gender=\"F\" municipality=\"0301\""
	    " availability=\"part\" modalities=\"phone\"/>\n"
	    "</interpreters>" TAIL);
	ck_assert_ptr_nonnull(strstr(problems, "4: interpreter 10001 is not"
	    " in the register: a new interpreter needs 'fnr'"));
}
END_TEST

/* Every domain rule, each on its own line. */
START_TEST(test_domain_problems)
{
	struct xml_counts	c;
	long long		before;

	import_ok(HEAD BODY TAIL, &c);
	before = rows(st);
	import_refused(HEAD
	    "<interpreters>\n"					/* 3 */
	    "<interpreter regno=\"10002\" name=\"B\" gender=\"M\""
	    " municipality=\"0301\" availability=\"full\" modalities=\"phone\""
	    " fnr=\"15108695089\" email=\"b@example.no\" phone=\"91234567\""
	    "/>\n"						/* 4 */
	    "<interpreter regno=\"10003\" name=\"C\" gender=\"M\""
	    " municipality=\"9999\" availability=\"full\" modalities=\"phone\""
	    " fnr=\"15108695088\" email=\"c@example.no\" phone=\"91234567\""
	    "/>\n"						/* 5 */
	    "<interpreter regno=\"10004\" name=\"D\" gender=\"M\""
	    " municipality=\"0301\" availability=\"full\" modalities=\"phone\""
	    " fnr=\"31129956715\" email=\"d@example.no\" phone=\"91234567\">\n"
	    "<credential kind=\"bachelor\" obtained=\"2020-01-01\"/>\n"	/* 7 */
	    "<credential kind=\"bachelor\" lang=\"xxx\""
	    " obtained=\"2020-01-01\"/>\n"			/* 8 */
	    "<credential kind=\"bachelor\" lang=\"ara\""
	    " obtained=\"2099-01-01\"/>\n"			/* 9 */
	    "<credential kind=\"grunnemne\" lang=\"ara\""
	    " obtained=\"2021-02-30\"/>\n"			/* 10 */
	    "<listing at=\"2099-01-01T00:00:00Z\" status=\"listed\""
	    " reason=\"x\"/>\n"					/* 11 */
	    "<warning date=\"2099-01-01\" reason=\"x\"/>\n"	/* 12 */
	    "</interpreter>\n"
	    "</interpreters>\n"
	    "<assignments>\n"					/* 15 */
	    "<assignment sender=\"974760673\" ref=\"A\" body=\"988077917\""
	    " lang=\"ara\" start=\"2025-01-01T10:00\" minutes=\"60\""
	    " modality=\"phone\" outcome=\"unfilled\"/>\n"	/* 16 */
	    "<assignment sender=\"974760673\" ref=\"B\" body=\"974760673\""
	    " lang=\"ara\" start=\"2025-01-01T10:00\" minutes=\"60\""
	    " modality=\"phone\" outcome=\"completed\""
	    " interpreter=\"10999\"/>\n"			/* 17 */
	    "<assignment sender=\"974760673\" ref=\"C\" body=\"974760673\""
	    " lang=\"ara\" start=\"2025-01-01T10:00\" minutes=\"60\""
	    " modality=\"phone\" outcome=\"completed\""
	    " interpreter=\"unregistered\"/>\n"			/* 18 */
	    "<assignment sender=\"974760673\" ref=\"C\" body=\"974760673\""
	    " lang=\"ara\" start=\"2025-01-01T10:00\" minutes=\"60\""
	    " modality=\"phone\" outcome=\"unfilled\"/>\n"	/* 19 */
	    "<assignment sender=\"974760673\" ref=\"D\" body=\"974760673\""
	    " lang=\"ara\" start=\"2025-01-01T10:00\" minutes=\"60\""
	    " modality=\"onsite\" outcome=\"unfilled\"/>\n"	/* 20 */
	    "<assignment sender=\"123456785\" ref=\"E\" body=\"974760673\""
	    " lang=\"ara\" start=\"2025-01-01T10:00\" minutes=\"60\""
	    " modality=\"phone\" outcome=\"unfilled\"/>\n"	/* 21 */
	    "</assignments>\n" TAIL);
	ck_assert_msg(strstr(problems, "4: interpreter 10002: 'fnr' fails the"
	    " second control digit") != NULL, "%s", problems);
	ck_assert_ptr_null(strstr(problems, "15108695089"));
	ck_assert_ptr_nonnull(strstr(problems, "5: interpreter 10003:"
	    " 'municipality' '9999' is not a municipality"));
	ck_assert_ptr_nonnull(strstr(problems, "7: interpreter 10004,"
	    " credential bachelor obtained 2020-01-01: 'lang' is required"));
	ck_assert_ptr_nonnull(strstr(problems, "8: interpreter 10004,"
	    " credential bachelor xxx obtained 2020-01-01: 'lang' 'xxx' is not"
	    " an ISO 639-3 language code"));
	ck_assert_ptr_nonnull(strstr(problems, "9: interpreter 10004,"
	    " credential bachelor ara obtained 2099-01-01: 'date' 2099-01-01"
	    " is in the future"));
	ck_assert_ptr_nonnull(strstr(problems, "10: interpreter 10004,"
	    " credential grunnemne ara obtained 2021-02-30: 'date' is not a"
	    " real calendar date"));
	ck_assert_ptr_nonnull(strstr(problems, "11: interpreter 10004,"
	    " listing listed at 2099-01-01T00:00:00Z: 'at'"));
	ck_assert_ptr_nonnull(strstr(problems, "12: interpreter 10004,"
	    " warning of 2099-01-01: 'date' 2099-01-01 is in the future"));
	ck_assert_ptr_nonnull(strstr(problems, "16: assignment 974760673 'A':"
	    " no public body with organisation number '988077917'"));
	ck_assert_ptr_nonnull(strstr(problems, "17: assignment 974760673 'B':"
	    " no interpreter with register number 10999"));
	ck_assert_ptr_nonnull(strstr(problems, "18: assignment 974760673 'C':"
	    " 'exception' is required"));
	ck_assert_ptr_nonnull(strstr(problems, "19: assignment 974760673 'C'"
	    " is in the file twice (first on line 18)"));
	ck_assert_ptr_nonnull(strstr(problems, "20: assignment 974760673 'D':"
	    " 'municipality' is required for on-site work"));
	ck_assert_ptr_nonnull(strstr(problems, "21: assignment 123456785 'E':"
	    " 'sender' is not an issued organisation number"));
	ck_assert_int_eq(nproblems, 14);
	ck_assert_int_eq(rows(st), before);
}
END_TEST

START_TEST(test_schema_problems)
{
	long long	before = rows(st);

	import_refused(HEAD "<interpreters>\n"
	    "<interpreter regno=\"10001\" name=\"K\" gender=\"Q\""
	    " municipality=\"0301\" availability=\"part\" modalities=\"phone\""
	    " fnr=\"3112995671X\" email=\"k@example.no\" phone=\"91234567\">\n"
	    "<colour/>\n"
	    "</interpreter>\n</interpreters>\n<bodies/>\n<bodies/>\n" TAIL);
	ck_assert_msg(strstr(problems, "4: Element 'interpreter', attribute"
	    " 'gender'") != NULL, "%s", problems);
	ck_assert_ptr_nonnull(strstr(problems, "4: Element 'interpreter',"
	    " attribute 'fnr': not a personal number of 11 digits (the value"
	    " is not shown)"));
	ck_assert_ptr_null(strstr(problems, "3112995671X"));
	ck_assert_ptr_nonnull(strstr(problems, "5: Element 'colour'"));
	ck_assert_ptr_nonnull(strstr(problems, "9: Element 'bodies'"));
	ck_assert_ptr_null(strstr(problems, "urn:no:imdi"));
	ck_assert_int_eq(rows(st), before);
}
END_TEST

/* Files that are refused before any record is read. */
START_TEST(test_hostile)
{
	static const struct {
		const char	*text;
		const char	*problem;
	} cases[] = {
		{ "<?xml version=\"1.0\"?>\n<!DOCTYPE tolkreg [\n"
		  " <!ENTITY x SYSTEM \"file:///etc/passwd\">\n]>\n"
		  "<tolkreg xmlns=\"urn:no:imdi:tolkreg:1\" version=\"1\">"
		  "<bodies><body orgnr=\"974760673\" name=\"&x;\""
		  " sector=\"health\" municipality=\"0301\" regular=\"true\""
		  " guidelines=\"none\"/></bodies></tolkreg>\n",
		  "2: the file has a document type declaration" },
		{ "<!-- billion laughs -->\n<!DOCTYPE t [\n"
		  " <!ENTITY a \"aaaaaaaaaa\">\n"
		  " <!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n"
		  " <!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">\n]>\n"
		  "<t>&c;</t>\n", "2: the file has a document type" },
		{ "<?xml version=\"1.0\"?>\n<!-- a comment -->\n"
		  "<!DOCTYPE t [\n <!ENTITY a \"a\">\n]>\n<t>&a;</t>\n",
		  "3: the file has a document type" },
		{ HEAD "<bodies><body orgnr=\"974760673\" name=\"&x;\""
		  " sector=\"health\" municipality=\"0301\" regular=\"true\""
		  " guidelines=\"none\"/></bodies>" TAIL,
		  "entities are refused: Entity 'x' not defined" },
		{ HEAD "<bodies><body orgnr=\"974760673\" name=\"O",
		  "not well-formed XML" },
		{ HEAD "<bodies>", "not well-formed XML" },
		{ "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n"
		  "<tolkreg xmlns=\"urn:no:imdi:tolkreg:1\" version=\"1\"/>\n",
		  "1: the file declares encoding 'ISO-8859-1'" },
		{ "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n"
		  "<tolkreg xmlns=\"urn:no:imdi:tolkreg:1\" version=\"1\"/>\n",
		  "not well-formed XML: Document labelled UTF-16" },
		{ HEAD "<bodies><body orgnr=\"974760673\" name=\"\xc5se\""
		  " sector=\"health\" municipality=\"0301\" regular=\"true\""
		  " guidelines=\"none\"/></bodies>" TAIL,
		  "Input is not proper UTF-8" },
		{ "\xfe\xff\0<\0t", "the file is not UTF-8" },
		{ "PK\3\4 this is no XML at all \x01\x02",
		  "not well-formed XML" },
		{ "<?xml version=\"1.0\"?>\n<register version=\"1\"/>\n",
		  "not a tolkreg file" },
		{ "<?xml version=\"1.0\"?>\n<tolkreg"
		  " xmlns=\"urn:no:imdi:tolkreg:1\" version=\"2\"/>\n",
		  "version '2' of the format" },
		{ "", "the file is empty" },
	};
	size_t	i;
	long long before = rows(st);

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		problems[0] = '\0';
		nproblems = 0;
		import_refused(cases[i].text);
		ck_assert_msg(strstr(problems, cases[i].problem) != NULL,
		    "case %zu: %s", i, problems);
	}
	ck_assert_int_eq(rows(st), before);
}
END_TEST

START_TEST(test_too_many_problems)
{
	FILE	*f;
	char	 p[128];
	int	 i;
	struct xml_import_opts	o = { 0, on_problem, NULL, NULL, NULL };
	struct xml_counts	c;
	struct tk_error		err;

	snprintf(p, sizeof(p), "%s/many.xml", dir);
	ck_assert_ptr_nonnull(f = fopen(p, "w"));
	fputs(HEAD "<bodies>\n", f);
	for (i = 0; i < 500; i++)
		fprintf(f, "<body orgnr=\"974760674\" name=\"x\" sector=\"health\""
		    " municipality=\"0301\" regular=\"true\""
		    " guidelines=\"none\"/>\n");
	fputs("</bodies>\n" TAIL, f);
	fclose(f);
	tk_error_clear(&err);
	ck_assert_int_eq(xml_import_file(st, p, &o, &c, &err), -1);
	ck_assert_int_eq(nproblems, XML_MAX_PROBLEMS + 1);
	ck_assert_ptr_nonnull(strstr(problems, "too many problems"));
}
END_TEST

START_TEST(test_round_trip)
{
	struct xml_counts	 c;
	struct store		*st2;
	char			 path2[256], *a[3], *b[3];
	int			 k;

	import_ok(HEAD INTERP BODY ASSIGN TAIL, &c);
	a[0] = export_of(st, XML_EXPORT_REGISTER, 1, NULL);
	a[1] = export_of(st, XML_EXPORT_BODIES, 0, NULL);
	a[2] = export_of(st, XML_EXPORT_ASSIGNMENTS, 0, NULL);
	st2 = fixture_store_new(path2);
	for (k = 0; k < 3; k++) {
		struct tk_error	err;

		ck_assert_msg(import_into(st2, a[k], 0, &c, &err) == 0, "%s %s",
		    err.msg, problems);
	}
	b[0] = export_of(st2, XML_EXPORT_REGISTER, 1, NULL);
	b[1] = export_of(st2, XML_EXPORT_BODIES, 0, NULL);
	b[2] = export_of(st2, XML_EXPORT_ASSIGNMENTS, 0, NULL);
	for (k = 0; k < 3; k++) {
		ck_assert_str_eq(a[k], b[k]);
		free(a[k]);
		free(b[k]);
	}
	fixture_store_free(st2, path2);
}
END_TEST

START_TEST(test_export_content)
{
	struct xml_counts	 c;
	char			*x;

	import_ok(HEAD INTERP BODY ASSIGN TAIL, &c);
	x = export_of(st, XML_EXPORT_REGISTER, 0, NULL);
	ck_assert_ptr_nonnull(strstr(x, "<?xml version=\"1.0\""
	    " encoding=\"UTF-8\"?>\n<tolkreg xmlns=\"urn:no:imdi:tolkreg:1\""
	    " version=\"1\">\n  <interpreters>\n    <interpreter"
	    " regno=\"10001\" name=\"Kari &amp; Nordmann\""));
	ck_assert_ptr_null(strstr(x, "31129956715"));
	ck_assert_ptr_null(strstr(x, "kari@example.no"));
	ck_assert_ptr_null(strstr(x, "+4791234567"));
	ck_assert_ptr_nonnull(strstr(x, "at=\"2024-05-02T11:00:00Z\""));
	free(x);
	x = export_of(st, XML_EXPORT_REGISTER, 1, NULL);
	ck_assert_ptr_nonnull(strstr(x, " fnr=\"31129956715\""
	    " email=\"kari@example.no\" phone=\"+4791234567\">"));
	free(x);
	/* Starting on or after 6 March: K-77 and K-78 only. */
	x = export_of(st, XML_EXPORT_ASSIGNMENTS, 0, "2025-03-06");
	ck_assert_ptr_nonnull(strstr(x, "ref=\"K-77\""));
	ck_assert_ptr_nonnull(strstr(x, "ref=\"K-78\""));
	ck_assert_ptr_null(strstr(x, "ref=\"R-1\""));
	ck_assert_ptr_nonnull(strstr(x, "start=\"2025-03-06T12:00:00+01:00\""));
	free(x);
	/* Changed today: everything; tomorrow: nothing. */
	x = export_of(st, XML_EXPORT_BODIES, 0, "2199-01-01");
	ck_assert_ptr_null(strstr(x, "<body "));
	free(x);
	x = export_of(st, XML_EXPORT_BODIES, 0, "2000-01-01");
	ck_assert_ptr_nonnull(strstr(x, "<body orgnr=\"974760673\""));
	free(x);
}
END_TEST

/* Peak resident memory of this process in KiB (VmHWM), or -1. */
static long
peak_kib(void)
{
	FILE	*f;
	char	 line[128];
	long	 v = -1;

	if ((f = fopen("/proc/self/status", "r")) == NULL)
		return (-1);
	while (fgets(line, sizeof(line), f) != NULL) {
		if (strncmp(line, "VmHWM:", 6) == 0)
			v = strtol(line + 6, NULL, 10);
	}
	fclose(f);
	return (v);
}

/* Current resident memory in KiB (VmRSS), or -1. */
static long
rss_kib(void)
{
	FILE	*f;
	char	 line[128];
	long	 v = -1;

	if ((f = fopen("/proc/self/status", "r")) == NULL)
		return (-1);
	while (fgets(line, sizeof(line), f) != NULL) {
		if (strncmp(line, "VmRSS:", 6) == 0)
			v = strtol(line + 6, NULL, 10);
	}
	fclose(f);
	return (v);
}

#define BIG_N		100000
#define BIG_MEM_KIB	(64L * 1024)	/* above the resident set before */

START_TEST(test_big_import)
{
	static const char *const mods[] = { "phone", "video", "onsite" };
	struct xml_import_opts	 o = { 0, on_problem, NULL, NULL, NULL };
	struct xml_counts	 c;
	struct tk_error		 err;
	struct stat		 sb;
	FILE			*f;
	char			 p[128];
	long			 base, peak;
	int			 i, reset = 0;

	import_ok(HEAD INTERP BODY TAIL, &c);
	snprintf(p, sizeof(p), "%s/big.xml", dir);
	ck_assert_ptr_nonnull(f = fopen(p, "w"));
	fputs(HEAD "  <assignments>\n", f);
	for (i = 1; i <= BIG_N; i++)
		fprintf(f, "    <assignment sender=\"988077917\""
		    " ref=\"A-%06d\" body=\"974760673\" lang=\"%s\""
		    " start=\"2024-%02d-%02dT%02d:%02d\" minutes=\"%d\""
		    " modality=\"%s\"%s outcome=\"completed\""
		    " interpreter=\"%s\"%s provider=\"private-agency\""
		    " provider-orgnr=\"988077917\"/>\n", i,
		    i % 7 == 0 ? "tir" : "ara", i % 12 + 1, i % 28 + 1,
		    8 + i % 8, i % 4 * 15, 30 + i % 4 * 15, mods[i % 3],
		    i % 3 == 2 ? " municipality=\"0301\"" : "",
		    i % 5 == 0 ? "unregistered" : "10001",
		    i % 5 == 0 ? " exception=\"emergency\"" : "");
	fputs("  </assignments>\n" TAIL, f);
	ck_assert_int_eq(fclose(f), 0);
	ck_assert_int_eq(stat(p, &sb), 0);
	ck_assert_int_gt(sb.st_size, 20 * 1024 * 1024);

	/* Reset the peak to the current resident set (Linux 4.0 on). */
	if ((f = fopen("/proc/self/clear_refs", "w")) != NULL) {
		reset = fputs("5", f) >= 0;
		reset = fclose(f) == 0 && reset;
	}
	base = reset ? rss_kib() : peak_kib();
	tk_error_clear(&err);
	ck_assert_msg(xml_import_file(st, p, &o, &c, &err) == 0, "%s\n%s",
	    err.msg, problems);
	peak = peak_kib();
	ck_assert_uint_eq(c.n[XML_ASSIGNMENT][XML_ADDED], BIG_N);
	ck_assert_int_eq(fixture_int(st, "SELECT count(*) FROM request"),
	    BIG_N);
	fprintf(stderr, "big import: %d assignments, peak %ld KiB"
	    " (%ld KiB above the start)%s\n", BIG_N, peak, peak - base,
	    UNDER_SANITIZER ? "; bounds not checked under sanitizers" : "");
	if (!UNDER_SANITIZER) {
		ck_assert_int_ge(base, 0);
		ck_assert_msg(peak - base < BIG_MEM_KIB, "import used %ld KiB",
		    peak - base);
	}
}
END_TEST

Suite *
xml_suite(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("xml");

	tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_import_each_kind);
	tcase_add_test(tc, test_reimport_unchanged);
	tcase_add_test(tc, test_update_by_key);
	tcase_add_test(tc, test_dry_run);
	tcase_add_test(tc, test_round_trip);
	tcase_add_test(tc, test_export_content);
	suite_add_tcase(s, tc);

	tc = tcase_create("rules");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_new_needs_personal);
	tcase_add_test(tc, test_domain_problems);
	tcase_add_test(tc, test_schema_problems);
	tcase_add_test(tc, test_too_many_problems);
	suite_add_tcase(s, tc);

	tc = tcase_create("errors");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_hostile);
	suite_add_tcase(s, tc);

	tc = tcase_create("big");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, test_big_import);
	suite_add_tcase(s, tc);
	return (s);
}
