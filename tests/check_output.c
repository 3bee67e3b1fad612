/*
 * Output: the text table, RFC 4180 CSV quoting, JSON types, records.
 */
#include "config.h"

#include <check.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_suites.h"
#include "tolkreg/error.h"
#include "tolkreg/output.h"

/* Render t in fmt into a new string. */
static char *
render(struct table *t, enum tk_format fmt)
{
	struct tk_error	 err;
	char		*buf = NULL;
	size_t		 len = 0;
	FILE		*f;

	ck_assert_ptr_nonnull(f = open_memstream(&buf, &len));
	tk_error_clear(&err);
	ck_assert_int_eq(table_write(t, fmt, f, &err), 0);
	fclose(f);
	return (buf);
}

static struct table *
sample(void)
{
	struct table	*t;

	t = table_new();
	table_col(t, "regno", TCOL_INT);
	table_col(t, "name", TCOL_STR);
	table_col(t, "until", TCOL_NSTR);
	table_col(t, "sign", TCOL_BOOL);
	table_row(t);
	table_put_int(t, 10001);
	table_put(t, "Ola \"Nordmann\", jr.");
	table_put(t, "");
	table_put(t, "yes");
	table_row(t);
	table_put_int(t, 10002);
	table_put(t, "Åse Ødegård\nline two");
	table_put(t, "2027-01-01");
	table_put(t, "no");
	return (t);
}

START_TEST(test_csv_quoting)
{
	struct table	*t = sample();
	char		*s = render(t, FMT_CSV);

	ck_assert_str_eq(s,
	    "\"regno\",\"name\",\"until\",\"sign\"\r\n"
	    "\"10001\",\"Ola \"\"Nordmann\"\", jr.\",\"\",\"yes\"\r\n"
	    "\"10002\",\"Åse Ødegård\nline two\",\"2027-01-01\",\"no\"\r\n");
	free(s);
	table_free(t);
}
END_TEST

START_TEST(test_json_types)
{
	struct table	*t = sample();
	char		*s = render(t, FMT_JSON);
	json_error_t	 jerr;
	json_t		*j, *o;

	ck_assert_ptr_nonnull(j = json_loads(s, 0, &jerr));
	ck_assert(json_is_array(j));
	ck_assert_int_eq(json_array_size(j), 2);
	o = json_array_get(j, 0);
	ck_assert(json_is_integer(json_object_get(o, "regno")));
	ck_assert_int_eq(json_integer_value(json_object_get(o, "regno")),
	    10001);
	ck_assert_str_eq(json_string_value(json_object_get(o, "name")),
	    "Ola \"Nordmann\", jr.");
	ck_assert(json_is_null(json_object_get(o, "until")));
	ck_assert(json_is_true(json_object_get(o, "sign")));
	o = json_array_get(j, 1);
	ck_assert_str_eq(json_string_value(json_object_get(o, "until")),
	    "2027-01-01");
	ck_assert(json_is_false(json_object_get(o, "sign")));
	ck_assert_str_eq(json_string_value(json_object_get(o, "name")),
	    "Åse Ødegård\nline two");
	json_decref(j);
	free(s);
	table_free(t);
}
END_TEST

START_TEST(test_text_aligned)
{
	struct table	*t;
	char		*s;

	t = table_new();
	table_col(t, "code", TCOL_STR);
	table_col(t, "name", TCOL_STR);
	table_row(t);
	table_put(t, "nob");
	table_put(t, "Norsk bokmål");
	table_row(t);
	table_put(t, "sme");
	table_put(t, "Nordsamisk");
	s = render(t, FMT_TABLE);
	/* Widths count characters, not bytes: "å" is one column. */
	ck_assert_str_eq(s, "CODE  NAME\nnob   Norsk bokmål\nsme   Nordsamisk\n");
	free(s);
	table_free(t);
}
END_TEST

START_TEST(test_empty_table)
{
	struct table	*t;
	char		*s;

	t = table_new();
	table_col(t, "a_b", TCOL_STR);
	s = render(t, FMT_CSV);
	ck_assert_str_eq(s, "\"a_b\"\r\n");
	free(s);
	s = render(t, FMT_JSON);
	ck_assert_str_eq(s, "[]\n");
	free(s);
	s = render(t, FMT_TABLE);
	ck_assert_str_eq(s, "A B\n");
	free(s);
	table_free(t);
}
END_TEST

START_TEST(test_short_row_padded)
{
	struct table	*t;
	char		*s;

	t = table_new();
	table_col(t, "a", TCOL_STR);
	table_col(t, "b", TCOL_STR);
	table_row(t);
	table_put(t, "1");
	table_row(t);
	table_put(t, "2");
	table_put(t, "3");
	table_put(t, "ignored");
	s = render(t, FMT_CSV);
	ck_assert_str_eq(s, "\"a\",\"b\"\r\n\"1\",\"\"\r\n\"2\",\"3\"\r\n");
	free(s);
	table_free(t);
}
END_TEST

START_TEST(test_record)
{
	struct table		*m, *sec;
	struct tk_error		 err;
	const char		*names[] = { "languages" };
	char			*buf = NULL;
	size_t			 len = 0;
	FILE			*f;
	json_t			*j;

	m = table_new();
	table_col(m, "regno", TCOL_INT);
	table_row(m);
	table_put(m, "10001");
	sec = table_new();
	table_col(sec, "lang", TCOL_STR);
	table_row(sec);
	table_put(sec, "ara");
	tk_error_clear(&err);
	f = open_memstream(&buf, &len);
	ck_assert_int_eq(table_write_record(m, names, &sec, 1, FMT_JSON, f,
	    &err), 0);
	fclose(f);
	ck_assert_ptr_nonnull(j = json_loads(buf, 0, NULL));
	ck_assert_int_eq(json_integer_value(json_object_get(j, "regno")),
	    10001);
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(
	    json_object_get(j, "languages"), 0), "lang")), "ara");
	json_decref(j);
	free(buf);
	buf = NULL;
	f = open_memstream(&buf, &len);
	ck_assert_int_eq(table_write_record(m, names, &sec, 1, FMT_TABLE, f,
	    &err), 0);
	fclose(f);
	ck_assert_str_eq(buf, "regno: 10001\n\nlanguages:\nLANG\nara\n");
	free(buf);
	table_free(m);
	table_free(sec);
}
END_TEST

START_TEST(test_format_parse)
{
	enum tk_format	f;

	ck_assert_int_eq(format_parse("csv", &f), 0);
	ck_assert_int_eq(f, FMT_CSV);
	ck_assert_int_eq(format_parse("json", &f), 0);
	ck_assert_int_eq(f, FMT_JSON);
	ck_assert_int_eq(format_parse("table", &f), 0);
	ck_assert_int_eq(f, FMT_TABLE);
	ck_assert_int_eq(format_parse("xml", &f), 0);
	ck_assert_int_eq(f, FMT_XML);
	ck_assert_int_eq(format_parse("html", &f), 0);
	ck_assert_int_eq(f, FMT_HTML);
	ck_assert_int_eq(format_parse("yaml", &f), -1);
	ck_assert_int_eq(format_parse("CSV", &f), -1);
}
END_TEST

START_TEST(test_json_text)
{
	struct table	*t;
	json_t		*j;
	char		*fast, *slow;
	size_t		 len;

	t = table_new();
	table_col(t, "n", TCOL_INT);
	table_col(t, "s", TCOL_STR);
	table_col(t, "ns", TCOL_NSTR);
	table_col(t, "b", TCOL_BOOL);
	table_col(t, "nb", TCOL_NBOOL);
	table_row(t);
	table_put(t, "42");
	table_put(t, "quote \" back \\ tab \t nl \n \x01 Grünerløkka");
	table_put(t, "");
	table_put(t, "yes");
	table_put(t, "");
	table_row(t);
	table_put(t, "");
	table_put(t, "");
	table_put(t, "x");
	table_put(t, "no");
	table_put(t, "no");
	/* The same text as jansson writes compactly, byte for byte. */
	fast = table_rows_json_text(t, &len);
	ck_assert_uint_eq(len, strlen(fast));
	j = table_rows_json(t);
	slow = json_dumps(j, JSON_COMPACT);
	ck_assert_str_eq(fast, slow);
	free(slow);
	json_decref(j);
	free(fast);
	table_free(t);

	t = table_new();
	table_col(t, "n", TCOL_INT);
	fast = table_rows_json_text(t, &len);
	ck_assert_str_eq(fast, "[]");
	free(fast);
	table_free(t);
}
END_TEST

Suite *
output_suite(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("output");
	tc = tcase_create("core");
	tcase_add_test(tc, test_csv_quoting);
	tcase_add_test(tc, test_json_types);
	tcase_add_test(tc, test_json_text);
	tcase_add_test(tc, test_text_aligned);
	tcase_add_test(tc, test_empty_table);
	tcase_add_test(tc, test_short_row_padded);
	tcase_add_test(tc, test_record);
	tcase_add_test(tc, test_format_parse);
	suite_add_tcase(s, tc);
	return (s);
}
