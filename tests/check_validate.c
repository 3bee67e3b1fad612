/*
 * Unit tests for src/validate.c: personal and organisation numbers,
 * codes, contact details, dates, Oslo times, periods and free text.
 * Format only: existence in the reference tables needs a database and is
 * tested by the store suite.
 */
#include "config.h"

#include <check.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check_suites.h"
#include "tolkreg/error.h"
#include "tolkreg/validate.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/* Assert that err holds a TK_E_INVALID for field naming the field. */
#define ck_assert_invalid(err, fld) do {				\
	ck_assert_int_eq((err)->code, TK_E_INVALID);			\
	ck_assert_str_eq((err)->field, (fld));				\
	ck_assert_ptr_nonnull(strstr((err)->msg, "'" fld "'"));		\
	ck_assert_ptr_null(strchr((err)->msg, '\n'));			\
} while (0)

/* A mod-11 control digit with weights w over n digits; 10 if none. */
static int
t_mod11(const char *s, const int *w, int n)
{
	int	i, sum = 0, k;

	for (i = 0; i < n; i++)
		sum += (s[i] - '0') * w[i];
	k = 11 - sum % 11;
	return (k == 11 ? 0 : k);
}

/* First control digit of the nine digits at s; 10 if none. */
static int
t_k1(const char *s)
{
	static const int	w[9] = { 3, 7, 6, 1, 8, 9, 4, 5, 2 };

	return (t_mod11(s, w, 9));
}

/* Second control digit of the ten digits at s; 10 if none. */
static int
t_k2(const char *s)
{
	static const int	w[10] = { 5, 4, 3, 2, 7, 6, 5, 4, 3, 2 };

	return (t_mod11(s, w, 10));
}

/*
 * Build a personal number from day (add 40 for a D-nummer), month, two
 * digit year and individual number, with both control digits. Return 0,
 * or -1 if either control digit would be 10.
 */
static int
make_pnr(char out[PNR_LEN + 1], int dd, int mm, int yy, int ind)
{
	int	k;

	snprintf(out, PNR_LEN + 1, "%02u%02u%02u%03u00", (unsigned)dd % 100,
	    (unsigned)mm % 100, (unsigned)yy % 100, (unsigned)ind % 1000);
	if ((k = t_k1(out)) == 10)
		return (-1);
	out[9] = (char)('0' + k);
	if ((k = t_k2(out)) == 10)
		return (-1);
	out[10] = (char)('0' + k);
	return (0);
}

/* Build a valid personal number with an individual number in lo-hi. */
static void
make_pnr_in(char out[PNR_LEN + 1], int dd, int mm, int yy, int lo, int hi)
{
	int	ind;

	for (ind = lo; ind <= hi; ind++) {
		if (make_pnr(out, dd, mm, yy, ind) == 0)
			return;
	}
	ck_abort_msg("no valid number for %02d%02d%02d in %d-%d", dd, mm, yy,
	    lo, hi);
}

/* Turn a fødselsnummer into the D-nummer for the same person. */
static int
to_dnr(char s[PNR_LEN + 1])
{
	int	k;

	s[0] = (char)(s[0] + 4);
	if ((k = t_k1(s)) == 10)
		return (-1);
	s[9] = (char)('0' + k);
	if ((k = t_k2(s)) == 10)
		return (-1);
	s[10] = (char)('0' + k);
	return (0);
}

/* The longest run of digits in s. */
static size_t
digit_run(const char *s)
{
	size_t	n = 0, max = 0;

	for (; *s != '\0'; s++) {
		n = (*s >= '0' && *s <= '9') ? n + 1 : 0;
		if (n > max)
			max = n;
	}
	return (max);
}

/* validate_pnr accepts value and reports kind. */
static void
pnr_ok(const char *value, enum pnr_kind want)
{
	struct tk_error	err;
	enum pnr_kind	kind = want == PNR_FNR ? PNR_DNR : PNR_FNR;

	tk_error_clear(&err);
	ck_assert_msg(validate_pnr("fnr", value, &kind, &err) == 0,
	    "%s refused: %s", value, err.msg);
	ck_assert_int_eq(err.code, TK_OK);
	ck_assert_int_eq(kind, want);
}

/* validate_pnr refuses value without echoing it; msg must contain what. */
static void
pnr_bad(const char *value, const char *what)
{
	struct tk_error	err;
	enum pnr_kind	kind = PNR_FNR;

	tk_error_clear(&err);
	ck_assert_msg(validate_pnr("fnr", value, &kind, &err) == -1,
	    "%s accepted", value != NULL ? value : "NULL");
	ck_assert_invalid(&err, "fnr");
	if (value != NULL && *value != '\0')
		ck_assert_msg(strstr(err.msg, value) == NULL,
		    "message echoes the number: %s", err.msg);
	ck_assert_msg(digit_run(err.msg) <= 2,
	    "message holds part of the number: %s", err.msg);
	if (what != NULL)
		ck_assert_msg(strstr(err.msg, what) != NULL,
		    "'%s' not in message: %s", what, err.msg);
}

START_TEST(pnr_official_examples)
{
	pnr_ok("31129956715", PNR_FNR);
	pnr_ok("15108695088", PNR_FNR);
}
END_TEST

START_TEST(pnr_kind_may_be_null)
{
	struct tk_error	err;

	tk_error_clear(&err);
	ck_assert_int_eq(validate_pnr("fnr", "15108695088", NULL, &err), 0);
	tk_error_clear(&err);
	ck_assert_int_eq(validate_pnr("fnr", "15108695089", NULL, &err), -1);
}
END_TEST

START_TEST(pnr_centuries)
{
	char	s[PNR_LEN + 1];

	make_pnr_in(s, 1, 1, 0, 0, 499);	/* 1900 */
	pnr_ok(s, PNR_FNR);
	make_pnr_in(s, 31, 12, 99, 400, 499);	/* 1999 */
	pnr_ok(s, PNR_FNR);
	make_pnr_in(s, 1, 6, 54, 500, 749);	/* 1854 */
	pnr_ok(s, PNR_FNR);
	make_pnr_in(s, 1, 6, 99, 700, 749);	/* 1899 */
	pnr_ok(s, PNR_FNR);
	make_pnr_in(s, 15, 3, 0, 500, 999);	/* 2000 */
	pnr_ok(s, PNR_FNR);
	make_pnr_in(s, 15, 3, 39, 950, 999);	/* 2039 */
	pnr_ok(s, PNR_FNR);
	make_pnr_in(s, 15, 3, 39, 750, 899);	/* 2039 */
	pnr_ok(s, PNR_FNR);
	make_pnr_in(s, 15, 3, 40, 900, 999);	/* 1940 */
	pnr_ok(s, PNR_FNR);
	make_pnr_in(s, 15, 3, 99, 900, 999);	/* 1999 */
	pnr_ok(s, PNR_FNR);
}
END_TEST

START_TEST(pnr_century_gaps)
{
	char	s[PNR_LEN + 1];
	int	yy;

	/* 500-749 with YY 40-53 has no century. */
	for (yy = 40; yy <= 53; yy++) {
		make_pnr_in(s, 10, 10, yy, 500, 749);
		pnr_bad(s, "individual number");
	}
	make_pnr_in(s, 10, 10, 53, 700, 749);
	pnr_bad(s, "individual number");
	/* 750-899 with YY 40-99 has none either. */
	make_pnr_in(s, 10, 10, 40, 750, 899);
	pnr_bad(s, "individual number");
	make_pnr_in(s, 10, 10, 99, 750, 899);
	pnr_bad(s, "individual number");
}
END_TEST

START_TEST(pnr_dnummer)
{
	char	s[PNR_LEN + 1];

	memcpy(s, "15108695088", sizeof(s));
	ck_assert_int_eq(to_dnr(s), 0);
	ck_assert_int_eq(s[0], '5');
	pnr_ok(s, PNR_DNR);

	make_pnr_in(s, 31 + 40, 12, 99, 0, 499);	/* day 31 */
	pnr_ok(s, PNR_DNR);
	make_pnr_in(s, 1 + 40, 1, 5, 500, 999);	/* day 1, 2005 */
	pnr_ok(s, PNR_DNR);
	make_pnr_in(s, 29 + 40, 2, 0, 500, 999);	/* 29.2.2000 */
	pnr_ok(s, PNR_DNR);
}
END_TEST

START_TEST(pnr_dnummer_bad_day)
{
	char	s[PNR_LEN + 1];

	make_pnr_in(s, 40, 1, 80, 0, 499);		/* day 0 */
	pnr_bad(s, "birth date");
	make_pnr_in(s, 72, 1, 80, 0, 499);		/* day 32 */
	pnr_bad(s, "birth date");
	make_pnr_in(s, 30 + 40, 2, 80, 0, 499);	/* 30 February */
	pnr_bad(s, "birth date");
	make_pnr_in(s, 29 + 40, 2, 0, 0, 499);	/* 29.2.1900 */
	pnr_bad(s, "birth date");
	make_pnr_in(s, 80, 1, 80, 0, 499);		/* first digit 8 */
	pnr_bad(s, "birth date");
}
END_TEST

START_TEST(pnr_hnummer_refused)
{
	char	s[PNR_LEN + 1];

	make_pnr_in(s, 15, 10 + 40, 86, 0, 499);
	pnr_bad(s, "H-number");
	make_pnr_in(s, 1, 1 + 40, 70, 0, 499);
	pnr_bad(s, "H-number");
	make_pnr_in(s, 31, 12 + 40, 70, 0, 499);
	pnr_bad(s, "H-number");
}
END_TEST

static const char *pnr_malformed[] = {
	"",
	"3112995671",		/* 10 digits */
	"311299567150",		/* 12 digits */
	"3112995671a",
	"31129956 15",
	" 31129956715",
	"31129956715 ",
	"31129956715\n",
	"311299-56715",
	"3112995671５",
};

START_TEST(pnr_format)
{
	pnr_bad(pnr_malformed[_i], "11 digits");
}
END_TEST

START_TEST(pnr_null)
{
	pnr_bad(NULL, "11 digits");
}
END_TEST

START_TEST(pnr_bad_control_1)
{
	char	s[PNR_LEN + 1];
	int	d;

	memcpy(s, "31129956715", sizeof(s));
	for (d = 0; d <= 9; d++) {
		if (d == 1)
			continue;
		s[9] = (char)('0' + d);
		pnr_bad(s, "first control digit");
	}
}
END_TEST

START_TEST(pnr_bad_control_2)
{
	char	s[PNR_LEN + 1];
	int	d;

	memcpy(s, "15108695088", sizeof(s));
	for (d = 0; d <= 9; d++) {
		if (d == 8)
			continue;
		s[10] = (char)('0' + d);
		pnr_bad(s, "second control digit");
	}
}
END_TEST

START_TEST(pnr_swapped_digits)
{
	/* A typical typing error: two digits of the individual number. */
	pnr_bad("15108965088", NULL);
	pnr_bad("31129965715", NULL);
}
END_TEST

START_TEST(pnr_remainder_10)
{
	char	s[PNR_LEN + 1];
	int	ind, found1 = 0, found2 = 0, d;

	for (ind = 0; ind <= 499 && !(found1 && found2); ind++) {
		snprintf(s, sizeof(s), "150586%03u00", (unsigned)ind % 1000);
		if (t_k1(s) == 10 && !found1) {
			/* No digit can be right: try them all. */
			for (d = 0; d <= 9; d++) {
				s[9] = (char)('0' + d);
				s[10] = (char)('0' + (t_k2(s) % 10));
				pnr_bad(s, "gives 10");
			}
			found1 = 1;
		} else if (t_k1(s) != 10) {
			s[9] = (char)('0' + t_k1(s));
			if (t_k2(s) == 10 && !found2) {
				for (d = 0; d <= 9; d++) {
					s[10] = (char)('0' + d);
					pnr_bad(s, "gives 10");
				}
				found2 = 1;
			}
		}
	}
	ck_assert(found1);
	ck_assert(found2);
}
END_TEST

START_TEST(pnr_impossible_dates)
{
	char	s[PNR_LEN + 1];

	make_pnr_in(s, 31, 4, 85, 0, 499);		/* 31 April */
	pnr_bad(s, "birth date");
	make_pnr_in(s, 1, 13, 85, 0, 499);		/* month 13 */
	pnr_bad(s, "birth date");
	make_pnr_in(s, 0, 5, 85, 0, 499);		/* day 00 */
	pnr_bad(s, "birth date");
	make_pnr_in(s, 10, 0, 85, 0, 499);		/* month 00 */
	pnr_bad(s, "birth date");
	make_pnr_in(s, 32, 1, 85, 0, 499);		/* 32 January */
	pnr_bad(s, "birth date");
	make_pnr_in(s, 31, 6, 85, 0, 499);		/* 31 June */
	pnr_bad(s, "birth date");
	make_pnr_in(s, 31, 12, 85, 0, 499);		/* but 31.12 exists */
	pnr_ok(s, PNR_FNR);
}
END_TEST

START_TEST(pnr_leap_days)
{
	char	s[PNR_LEN + 1];

	make_pnr_in(s, 29, 2, 0, 500, 999);		/* 2000: leap */
	pnr_ok(s, PNR_FNR);
	make_pnr_in(s, 29, 2, 96, 0, 499);		/* 1996: leap */
	pnr_ok(s, PNR_FNR);
	make_pnr_in(s, 29, 2, 96, 900, 999);	/* 1996 again */
	pnr_ok(s, PNR_FNR);
	make_pnr_in(s, 29, 2, 0, 0, 499);		/* 1900: not leap */
	pnr_bad(s, "birth date");
	make_pnr_in(s, 29, 2, 1, 500, 999);		/* 2001 */
	pnr_bad(s, "birth date");
	make_pnr_in(s, 29, 2, 97, 0, 499);		/* 1997 */
	pnr_bad(s, "birth date");
	make_pnr_in(s, 29, 2, 56, 500, 749);	/* 1856: leap */
	pnr_ok(s, PNR_FNR);
	make_pnr_in(s, 29, 2, 55, 500, 749);	/* 1855 */
	pnr_bad(s, "birth date");
}
END_TEST

START_TEST(pnr_field_name)
{
	struct tk_error	err;

	tk_error_clear(&err);
	ck_assert_int_eq(validate_pnr("dnr", "123", NULL, &err), -1);
	ck_assert_int_eq(err.code, TK_E_INVALID);
	ck_assert_str_eq(err.field, "dnr");
	ck_assert_ptr_nonnull(strstr(err.msg, "'dnr'"));
	ck_assert_ptr_null(strstr(err.msg, "123"));
}
END_TEST

START_TEST(pnr_mask_hides)
{
	char	out[PNR_LEN + 1];

	memset(out, 'x', sizeof(out));
	pnr_mask("31129956715", out);
	ck_assert_str_eq(out, "***********");
	memset(out, 'x', sizeof(out));
	pnr_mask("", out);
	ck_assert_str_eq(out, "***********");
	memset(out, 'x', sizeof(out));
	pnr_mask("123", out);
	ck_assert_str_eq(out, "***********");
	memset(out, 'x', sizeof(out));
	pnr_mask(NULL, out);
	ck_assert_str_eq(out, "***********");
}
END_TEST

/* Orgnr with 8 leading digits lead and a right control digit, or -1. */
static int
make_orgnr(char out[10], int lead)
{
	static const int	w[8] = { 3, 2, 7, 6, 5, 4, 3, 2 };
	int			k;

	snprintf(out, 10, "%08u0", (unsigned)lead % 100000000);
	if ((k = t_mod11(out, w, 8)) == 10)
		return (-1);
	out[8] = (char)('0' + k);
	return (0);
}

/* validate_orgnr refuses value; msg must contain what. */
static void
orgnr_bad(const char *value, const char *what)
{
	struct tk_error	err;

	tk_error_clear(&err);
	ck_assert_msg(validate_orgnr("orgnr", value, &err) == -1,
	    "%s accepted", value);
	ck_assert_invalid(&err, "orgnr");
	ck_assert_msg(strstr(err.msg, what) != NULL, "'%s' not in: %s",
	    what, err.msg);
}

START_TEST(orgnr_valid)
{
	static const char	*ok[] = { "974760673", "988077917" };
	struct tk_error		 err;
	char			 s[10];
	size_t			 i;

	for (i = 0; i < NELEM(ok); i++) {
		tk_error_clear(&err);
		ck_assert_msg(validate_orgnr("orgnr", ok[i], &err) == 0,
		    "%s: %s", ok[i], err.msg);
	}
	ck_assert_int_eq(make_orgnr(s, 81000000), 0);
	tk_error_clear(&err);
	ck_assert_msg(validate_orgnr("orgnr", s, &err) == 0, "%s: %s", s,
	    err.msg);
}
END_TEST

START_TEST(orgnr_not_issued)
{
	char	s[10];
	int	lead, n;

	orgnr_bad("123456785", "8 or 9");
	for (lead = 0; lead <= 7; lead++) {
		for (n = lead * 10000000 + 1234567; make_orgnr(s, n) != 0; n++)
			;
		ck_assert_int_eq(s[0], '0' + lead);
		orgnr_bad(s, "8 or 9");
	}
}
END_TEST

START_TEST(orgnr_bad_check_digit)
{
	orgnr_bad("974760674", "control digit");
	orgnr_bad("974760670", "control digit");
	orgnr_bad("988077910", "control digit");
	orgnr_bad("978460673", "control digit");	/* swapped digits */
}
END_TEST

START_TEST(orgnr_remainder_10)
{
	char	s[10];
	int	lead, d;

	for (lead = 90000000; make_orgnr(s, lead) == 0; lead++)
		;
	for (d = 0; d <= 9; d++) {
		s[8] = (char)('0' + d);
		orgnr_bad(s, "gives 10");
	}
}
END_TEST

static const char *orgnr_malformed[] = {
	"", "97476067", "9747606730", "97476067a", "974 760 673",
	"974-760-673", " 974760673", "974760673 ", "NO974760673",
};

START_TEST(orgnr_format)
{
	orgnr_bad(orgnr_malformed[_i], "9 digits");
}
END_TEST

/* The form of the codes alone; geo.c and language.c say if one exists. */
START_TEST(knr_format)
{
	static const char	*ok[] = { "0301", "4601", "5001", "9999" };
	static const char	*bad[] = { "", "301", "03010", "03a1",
	    " 0301", "0301\n", "03 01" };
	struct tk_error		 err;
	size_t			 i;

	for (i = 0; i < NELEM(ok); i++) {
		tk_error_clear(&err);
		ck_assert_msg(validate_knr("municipality", ok[i],
		    &err) == 0, "%s: %s", ok[i], err.msg);
	}
	for (i = 0; i < NELEM(bad); i++) {
		tk_error_clear(&err);
		ck_assert_msg(validate_knr("municipality", bad[i],
		    &err) == -1, "%s accepted", bad[i]);
		ck_assert_invalid(&err, "municipality");
		ck_assert_ptr_nonnull(strstr(err.msg, "4 digits"));
	}
	tk_error_clear(&err);
	ck_assert_int_eq(validate_knr("municipality", "301", &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "'301'"));
}
END_TEST

START_TEST(county_format)
{
	static const char	*ok[] = { "03", "46", "55", "00" };
	static const char	*bad[] = { "", "3", "033", "ab", "0 3", "03\n" };
	struct tk_error		 err;
	size_t			 i;

	for (i = 0; i < NELEM(ok); i++) {
		tk_error_clear(&err);
		ck_assert_msg(validate_county("county", ok[i], &err) ==
		    0, "%s: %s", ok[i], err.msg);
	}
	for (i = 0; i < NELEM(bad); i++) {
		tk_error_clear(&err);
		ck_assert_msg(validate_county("county", bad[i], &err) ==
		    -1, "%s accepted", bad[i]);
		ck_assert_invalid(&err, "county");
		ck_assert_ptr_nonnull(strstr(err.msg, "2 digits"));
	}
}
END_TEST

START_TEST(lang_format)
{
	static const char	*ok[] = { "nob", "ara", "ukr", "tir", "nsi" };
	static const char	*bad[] = { "", "no", "nobb", "NOB", "Ara",
	    "n0b", "nø", "nob ", "ar-" };
	struct tk_error		 err;
	size_t			 i;

	for (i = 0; i < NELEM(ok); i++) {
		tk_error_clear(&err);
		ck_assert_msg(validate_lang("lang", ok[i], &err) == 0,
		    "%s: %s", ok[i], err.msg);
	}
	for (i = 0; i < NELEM(bad); i++) {
		tk_error_clear(&err);
		ck_assert_msg(validate_lang("lang", bad[i], &err) == -1,
		    "%s accepted", bad[i]);
		ck_assert_invalid(&err, "lang");
		ck_assert_ptr_nonnull(strstr(err.msg, "ISO 639-3"));
	}
}
END_TEST

static const char *phone_spellings[] = {
	"91234567",
	"912 34 567",
	"91 23 45 67",
	"91.23.45.67",
	"91-23-45-67",
	"9-1-2-3-4-5-6-7",
	"+4791234567",
	"+47 91234567",
	"+47 912 34 567",
	"+47 91.23.45.67",
	"004791234567",
	"0047 91234567",
	"0047 91-23-45-67",
};

START_TEST(phone_normalised)
{
	struct tk_error	err;
	char		out[PHONE_BUFLEN];

	memset(out, 'x', sizeof(out));
	tk_error_clear(&err);
	ck_assert_msg(validate_phone("phone", phone_spellings[_i], out,
	    &err) == 0, "%s: %s", phone_spellings[_i], err.msg);
	ck_assert_str_eq(out, "+4791234567");
}
END_TEST

START_TEST(phone_first_digits)
{
	static const char	*ok[] = { "22222222", "0047 22-22-22-22",
	    "41234567", "55555555", "+47 33 33 33 33" };
	static const char	*want[] = { "+4722222222", "+4722222222",
	    "+4741234567", "+4755555555", "+4733333333" };
	struct tk_error		 err;
	char			 out[PHONE_BUFLEN];
	size_t			 i;

	for (i = 0; i < NELEM(ok); i++) {
		tk_error_clear(&err);
		ck_assert_msg(validate_phone("phone", ok[i], out, &err) == 0,
		    "%s: %s", ok[i], err.msg);
		ck_assert_str_eq(out, want[i]);
	}
}
END_TEST

static const struct {
	const char	*value;
	const char	*what;
} phone_refused[] = {
	{ "9123456", "8 digits" },
	{ "912345678", "8 digits" },
	{ "+47 9123456", "8 digits" },
	{ "+47 912345678", "8 digits" },
	{ "", "8 digits" },
	{ "9123456a", "8 digits" },
	{ "abcdefgh", "8 digits" },
	{ "91  234567", "8 digits" },
	{ "91 -234567", "8 digits" },
	{ " 91234567", "8 digits" },
	{ "91234567 ", "8 digits" },
	{ "+47-91234567", "8 digits" },
	{ "+47  91234567", "8 digits" },
	{ "47 91234567", "8 digits" },
	{ "(+47) 91234567", "8 digits" },
	{ "01234567", "2 to 9" },
	{ "11234567", "2 to 9" },
	{ "+47 01234567", "2 to 9" },
	{ "0047 11 23 45 67", "2 to 9" },
	{ "+46 70 123 45 67", "Norwegian numbers (+47)" },
	{ "+4670123456", "Norwegian numbers (+47)" },
	{ "0046 70 123 45 67", "Norwegian numbers (+47)" },
	{ "+45 12 34 56 78", "Norwegian numbers (+47)" },
	{ "+4412345678", "Norwegian numbers (+47)" },
	{ "+1 212 555 0100", "Norwegian numbers (+47)" },
	{ "+358 40 1234567", "Norwegian numbers (+47)" },
	{ "+", "Norwegian numbers (+47)" },
};

START_TEST(phone_bad)
{
	struct tk_error	err;
	char		out[PHONE_BUFLEN];

	tk_error_clear(&err);
	ck_assert_msg(validate_phone("phone", phone_refused[_i].value, out,
	    &err) == -1, "%s accepted", phone_refused[_i].value);
	ck_assert_invalid(&err, "phone");
	ck_assert_msg(strstr(err.msg, phone_refused[_i].what) != NULL,
	    "'%s' not in: %s", phone_refused[_i].what, err.msg);
}
END_TEST

static const char *email_good[] = {
	"ola.nordmann@example.no",
	"a@b.co",
	"first+tag@sub.domain.org",
	"x_y-z@a-b.example.com",
	"o'brien@example.ie",
	"UPPER@EXAMPLE.NO",
	"post@tolk-123.no",
	"1234@example.museum",
};

START_TEST(email_valid)
{
	struct tk_error	err;

	tk_error_clear(&err);
	ck_assert_msg(validate_email("email", email_good[_i], &err) == 0,
	    "%s: %s", email_good[_i], err.msg);
}
END_TEST

static const char *email_bad_list[] = {
	"",
	"foo",
	"foo@",
	"@example.no",
	"foo@example",
	"foo@.example.no",
	"foo@example..no",
	"foo@example.no.",
	".foo@example.no",
	"foo.@example.no",
	"fo..o@example.no",
	"foo@-example.no",
	"foo@example-.no",
	"foo@exa_mple.no",
	"foo@example.n",
	"foo@example.123",
	"foo bar@example.no",
	"foo@@example.no",
	"foo@bar@example.no",
	"føo@example.no",
	"foo@exåmple.no",
	"foo@example.no\n",
	" foo@example.no",
	"\"foo\"@example.no",
	"foo@[127.0.0.1]",
};

START_TEST(email_invalid)
{
	struct tk_error	err;

	tk_error_clear(&err);
	ck_assert_msg(validate_email("email", email_bad_list[_i], &err) == -1,
	    "%s accepted", email_bad_list[_i]);
	ck_assert_invalid(&err, "email");
	ck_assert_ptr_nonnull(strstr(err.msg, "not a valid e-mail address"));
	ck_assert_ptr_null(strchr(err.msg, '\n'));
}
END_TEST

START_TEST(email_quoted)
{
	struct tk_error	err;

	tk_error_clear(&err);
	ck_assert_int_eq(validate_email("email", "foo@", &err), -1);
	ck_assert_str_eq(err.msg,
	    "'email' is not a valid e-mail address: 'foo@'");
}
END_TEST

START_TEST(email_lengths)
{
	struct tk_error	err;
	char		buf[400];
	char		local[70];

	/* 64 + 1 + 189 = 254 characters: accepted. */
	snprintf(buf, sizeof(buf), "%.64s@%.63s.%.63s.%.58s.no",
	    "llllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllll",
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
	    "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
	    "cccccccccccccccccccccccccccccccccccccccccccccccccccccccccc");
	ck_assert_uint_eq(strlen(buf), 254);
	tk_error_clear(&err);
	ck_assert_msg(validate_email("email", buf, &err) == 0, "%s",
	    err.msg);

	/* One more in the last label: 255, refused for its length. */
	snprintf(buf, sizeof(buf), "%.64s@%.63s.%.63s.%.59s.no",
	    "llllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllll",
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
	    "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
	    "ccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc");
	ck_assert_uint_eq(strlen(buf), 255);
	tk_error_clear(&err);
	ck_assert_int_eq(validate_email("email", buf, &err), -1);
	ck_assert_invalid(&err, "email");
	ck_assert_ptr_nonnull(strstr(err.msg, "254"));

	/* A local part of 65 characters. */
	memset(local, 'l', 65);
	local[65] = '\0';
	snprintf(buf, sizeof(buf), "%s@example.no", local);
	tk_error_clear(&err);
	ck_assert_int_eq(validate_email("email", buf, &err), -1);
	local[64] = '\0';
	snprintf(buf, sizeof(buf), "%s@example.no", local);
	tk_error_clear(&err);
	ck_assert_int_eq(validate_email("email", buf, &err), 0);

	/* A domain label of 64 characters. */
	snprintf(buf, sizeof(buf), "a@%.64s.no",
	    "dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd");
	tk_error_clear(&err);
	ck_assert_int_eq(validate_email("email", buf, &err), -1);
	snprintf(buf, sizeof(buf), "a@%.63s.no",
	    "dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd");
	tk_error_clear(&err);
	ck_assert_msg(validate_email("email", buf, &err) == 0, "%s: %s", buf,
	    err.msg);
}
END_TEST

START_TEST(category_letters)
{
	static const char	*in = "ABCDEabcde";
	struct tk_error		 err;
	char			 v[2] = { 0, 0 }, out;
	size_t			 i;

	for (i = 0; in[i] != '\0'; i++) {
		v[0] = in[i];
		out = '?';
		tk_error_clear(&err);
		ck_assert_msg(validate_category("category", v, &out, &err) ==
		    0, "%s: %s", v, err.msg);
		ck_assert_int_eq(out, "ABCDEABCDE"[i]);
	}
}
END_TEST

START_TEST(category_bad)
{
	static const char	*bad[] = { "", "F", "f", "Z", "AB", "1",
	    " A", "A ", "Å" };
	struct tk_error		 err;
	char			 out;
	size_t			 i;

	for (i = 0; i < NELEM(bad); i++) {
		tk_error_clear(&err);
		ck_assert_msg(validate_category("category", bad[i], &out,
		    &err) == -1, "%s accepted", bad[i]);
		ck_assert_invalid(&err, "category");
		ck_assert_ptr_nonnull(strstr(err.msg, "A to E"));
	}
}
END_TEST

static const char *date_good[] = {
	"2024-02-29", "2000-02-29", "1996-02-29", "2024-12-31",
	"1850-01-01", "2199-12-31", "2025-04-30", "2023-02-28",
};

START_TEST(date_valid)
{
	struct tk_error	err;

	tk_error_clear(&err);
	ck_assert_msg(validate_date("date", date_good[_i], &err) == 0,
	    "%s: %s", date_good[_i], err.msg);
}
END_TEST

static const struct {
	const char	*value;
	const char	*what;
} date_bad[] = {
	{ "1900-02-29", "real calendar date" },
	{ "2100-02-29", "real calendar date" },
	{ "2023-02-29", "real calendar date" },
	{ "2001-02-29", "real calendar date" },
	{ "2024-02-30", "real calendar date" },
	{ "2024-04-31", "real calendar date" },
	{ "2024-13-01", "real calendar date" },
	{ "2024-00-10", "real calendar date" },
	{ "2024-01-00", "real calendar date" },
	{ "2024-01-32", "real calendar date" },
	{ "1849-12-31", "1850 to 2199" },
	{ "2200-01-01", "1850 to 2199" },
	{ "0000-01-01", "1850 to 2199" },
	{ "2024-1-01", "YYYY-MM-DD" },
	{ "24-01-01", "YYYY-MM-DD" },
	{ "2024/01/01", "YYYY-MM-DD" },
	{ "20240101", "YYYY-MM-DD" },
	{ "2024-01-01T", "YYYY-MM-DD" },
	{ "2024-01-01 ", "YYYY-MM-DD" },
	{ "01.01.2024", "YYYY-MM-DD" },
	{ "", "YYYY-MM-DD" },
};

START_TEST(date_invalid)
{
	struct tk_error	err;

	tk_error_clear(&err);
	ck_assert_msg(validate_date("date", date_bad[_i].value, &err) == -1,
	    "%s accepted", date_bad[_i].value);
	ck_assert_invalid(&err, "date");
	ck_assert_msg(strstr(err.msg, date_bad[_i].what) != NULL,
	    "'%s' not in: %s", date_bad[_i].what, err.msg);
}
END_TEST

static const struct {
	const char	*value;
	long long	 epoch;
} dt_good[] = {
	/* Oslo winter time, +01:00 */
	{ "2025-01-15T10:00", 1736931600LL },
	{ "2025-01-15 10:00", 1736931600LL },
	{ "2025-01-15T10:00:00", 1736931600LL },
	{ "2025-01-15T10:00:30", 1736931630LL },
	{ "2025-12-31T23:59:59", 1767221999LL },
	/* Oslo summer time, +02:00 */
	{ "2025-07-01T10:00", 1751356800LL },
	{ "2025-07-01 10:00:00", 1751356800LL },
	/* explicit offsets */
	{ "2025-01-15T09:00Z", 1736931600LL },
	{ "2025-01-15T09:00:00Z", 1736931600LL },
	{ "2025-01-15 09:00Z", 1736931600LL },
	{ "2025-01-15T11:00+02:00", 1736931600LL },
	{ "2025-01-15T04:30-04:30", 1736931600LL },
	{ "2025-01-15T09:00+00:00", 1736931600LL },
	{ "2025-01-15T09:00-00:00", 1736931600LL },
	{ "2025-07-01T10:00+02:00", 1751356800LL },
	{ "2025-07-01T10:00Z", 1751364000LL },
	{ "2025-01-15T23:00+14:00", 1736931600LL },
	/* around the 2025 changes (30 March, 26 October) */
	{ "2025-03-30T01:59", 1743296340LL },
	{ "2025-03-30T03:00", 1743296400LL },
	{ "2025-10-26T01:59", 1761436740LL },
	{ "2025-10-26T02:30", 1761438600LL },	/* first: summer time */
	{ "2025-10-26T03:00", 1761444000LL },
	/* 2024: 31 March and 27 October */
	{ "2024-03-31T03:00", 1711846800LL },
	{ "2024-10-27T02:30", 1729989000LL },
	{ "2024-03-30T02:30", 1711762200LL },	/* a day early: winter */
	/* leap day, and the range ends */
	{ "2000-02-29T12:00Z", 951825600LL },
	{ "1900-03-01T00:00Z", -2203891200LL },
	{ "2199-12-31T23:59:59", 7258114799LL },
};

START_TEST(datetime_valid)
{
	struct tk_error	err;
	time_t		t = 0;

	tk_error_clear(&err);
	ck_assert_msg(validate_datetime("start", dt_good[_i].value, &t,
	    &err) == 0, "%s: %s", dt_good[_i].value, err.msg);
	ck_assert_msg((long long)t == dt_good[_i].epoch,
	    "%s: got %lld, want %lld", dt_good[_i].value, (long long)t,
	    dt_good[_i].epoch);
}
END_TEST

START_TEST(datetime_dst_gap)
{
	static const char	*gap[] = { "2025-03-30T02:00",
	    "2025-03-30T02:30", "2025-03-30 02:59:59", "2024-03-31T02:15",
	    "2026-03-29T02:00" };
	struct tk_error		 err;
	time_t			 t;
	size_t			 i;

	for (i = 0; i < NELEM(gap); i++) {
		tk_error_clear(&err);
		ck_assert_msg(validate_datetime("start", gap[i], &t, &err) ==
		    -1, "%s accepted", gap[i]);
		ck_assert_invalid(&err, "start");
		ck_assert_ptr_nonnull(strstr(err.msg,
		    "does not exist in Europe/Oslo"));
		ck_assert_ptr_nonnull(strstr(err.msg, "daylight saving gap"));
	}
	/* With an offset the same wall-clock time is fine. */
	tk_error_clear(&err);
	ck_assert_int_eq(validate_datetime("start", "2025-03-30T02:30+01:00",
	    &t, &err), 0);
	ck_assert_int_eq((long long)t, 1743298200LL);
}
END_TEST

static const struct {
	const char	*value;
	const char	*what;
} dt_bad[] = {
	{ "2025-01-15T24:00", "time of day" },
	{ "2025-01-15T10:60", "time of day" },
	{ "2025-01-15T10:00:60", "time of day" },
	{ "2025-02-30T10:00", "real calendar date" },
	{ "1900-02-29T10:00", "real calendar date" },
	{ "1849-12-31T10:00", "1850 to 2199" },
	{ "2025-01-15T10:00+15:00", "offset" },
	{ "2025-01-15T10:00+14:01", "offset" },
	{ "2025-01-15T10:00+01:60", "offset" },
	{ "2025-01-15", "YYYY-MM-DDTHH:MM" },
	{ "2025-01-15T10", "YYYY-MM-DDTHH:MM" },
	{ "2025-01-15t10:00", "YYYY-MM-DDTHH:MM" },
	{ "2025-01-15  10:00", "YYYY-MM-DDTHH:MM" },
	{ "2025-01-15T10:00+0100", "YYYY-MM-DDTHH:MM" },
	{ "2025-01-15T10:00+01", "YYYY-MM-DDTHH:MM" },
	{ "2025-01-15T10:00ZZ", "YYYY-MM-DDTHH:MM" },
	{ "2025-01-15T10:00z", "YYYY-MM-DDTHH:MM" },
	{ "2025-01-15T1:00", "YYYY-MM-DDTHH:MM" },
	{ "2025-01-15T10:00:0", "YYYY-MM-DDTHH:MM" },
	{ "2025-01-15T10:00 ", "YYYY-MM-DDTHH:MM" },
	{ "", "YYYY-MM-DDTHH:MM" },
};

START_TEST(datetime_invalid)
{
	struct tk_error	err;
	time_t		t;

	tk_error_clear(&err);
	ck_assert_msg(validate_datetime("start", dt_bad[_i].value, &t,
	    &err) == -1, "%s accepted", dt_bad[_i].value);
	ck_assert_invalid(&err, "start");
	ck_assert_msg(strstr(err.msg, dt_bad[_i].what) != NULL,
	    "'%s' not in: %s", dt_bad[_i].what, err.msg);
}
END_TEST

START_TEST(datetime_every_hour_of_2025)
{
	struct tk_error	err;
	time_t		t, prev = 0;
	char		buf[32];
	long long	day, ds, de;
	int		m, d, h, gaps = 0, mdays;

	/* Offset is +1 h outside 30 March 01:00Z - 26 October 01:00Z. */
	ds = 1743296400LL;
	de = 1761440400LL;
	for (m = 1; m <= 12; m++) {
		mdays = m == 2 ? 28 : (m == 4 || m == 6 || m == 9 ||
		    m == 11) ? 30 : 31;
		for (d = 1; d <= mdays; d++) {
			for (h = 0; h < 24; h++) {
				snprintf(buf, sizeof(buf),
				    "2025-%02u-%02uT%02u:00", (unsigned)m % 100,
				    (unsigned)d % 100, (unsigned)h % 100);
				tk_error_clear(&err);
				if (validate_datetime("start", buf, &t,
				    &err) == -1) {
					ck_assert_str_eq(buf,
					    "2025-03-30T02:00");
					gaps++;
					continue;
				}
				ck_assert_msg(t > prev, "%s not after", buf);
				day = (long long)t + (t >= ds && t < de ?
				    7200 : 3600);
				ck_assert_int_eq(day % 3600, 0);
				ck_assert_int_eq((day / 3600) % 24, h);
				prev = t;
			}
		}
	}
	ck_assert_int_eq(gaps, 1);
}
END_TEST

START_TEST(period_valid)
{
	static const struct {
		const char	*value;
		int		 year, half;
	} ok[] = {
		{ "2024H1", 2024, 1 }, { "2024H2", 2024, 2 },
		{ "2023h1", 2023, 1 }, { "2000h2", 2000, 2 },
		{ "2199H2", 2199, 2 },
	};
	struct tk_error	err;
	int		year, half;
	size_t		i;

	for (i = 0; i < NELEM(ok); i++) {
		year = half = -1;
		tk_error_clear(&err);
		ck_assert_msg(validate_period("period", ok[i].value, &year,
		    &half, &err) == 0, "%s: %s", ok[i].value, err.msg);
		ck_assert_int_eq(year, ok[i].year);
		ck_assert_int_eq(half, ok[i].half);
	}
}
END_TEST

START_TEST(period_invalid)
{
	static const char	*bad[] = { "2024H3", "2024H0", "24H1",
	    "2024-H1", "2024H", "H12024", "2024H12", "2024 H1", "2024", "",
	    "2024S1", " 2024H1" };
	static const char	*range[] = { "1999H1", "1999H2", "2200H1",
	    "0000H1" };
	struct tk_error		 err;
	int			 year, half;
	size_t			 i;

	for (i = 0; i < NELEM(bad); i++) {
		tk_error_clear(&err);
		ck_assert_msg(validate_period("period", bad[i], &year, &half,
		    &err) == -1, "%s accepted", bad[i]);
		ck_assert_invalid(&err, "period");
		ck_assert_ptr_nonnull(strstr(err.msg, "half-year"));
	}
	for (i = 0; i < NELEM(range); i++) {
		tk_error_clear(&err);
		ck_assert_msg(validate_period("period", range[i], &year, &half,
		    &err) == -1, "%s accepted", range[i]);
		ck_assert_invalid(&err, "period");
		ck_assert_ptr_nonnull(strstr(err.msg, "2000 to 2199"));
	}
}
END_TEST

START_TEST(text_valid)
{
	static const char	*ok[] = { "Ola Nordmann", "Bjørn Ærø Åse",
	    "x", " leading and trailing ", "Ø", "\xf0\x9f\x98\x80",
	    "\xef\xbf\xbd", "\xf4\x8f\xbf\xbf", "\xc2\xa0nbsp" };
	struct tk_error		 err;
	size_t			 i;

	for (i = 0; i < NELEM(ok); i++) {
		tk_error_clear(&err);
		ck_assert_msg(validate_text("name", ok[i], 64, &err) == 0,
		    "%s: %s", ok[i], err.msg);
	}
}
END_TEST

static const struct {
	const char	*value;
	const char	*what;
} text_bad[] = {
	{ "", "empty" },
	{ " ", "empty" },
	{ "     ", "empty" },
	{ "a\nb", "control" },
	{ "a\tb", "control" },
	{ "a\rb", "control" },
	{ "a\x01", "control" },
	{ "\x1f", "control" },
	{ "a\x7f", "control" },
	{ "a\xc2\x85" "b", "control" },		/* U+0085 NEL */
	{ "\n", "control" },
	{ "\xff", "UTF-8" },
	{ "a\xc3", "UTF-8" },			/* truncated */
	{ "\xc3\x28", "UTF-8" },
	{ "\x80", "UTF-8" },			/* lone continuation */
	{ "\xc0\xaf", "UTF-8" },		/* overlong '/' */
	{ "\xc1\xbf", "UTF-8" },
	{ "\xe0\x80\xaf", "UTF-8" },		/* overlong */
	{ "\xe0\x9f\xbf", "UTF-8" },
	{ "\xf0\x80\x80\xaf", "UTF-8" },
	{ "\xf0\x8f\xbf\xbf", "UTF-8" },
	{ "\xed\xa0\x80", "UTF-8" },		/* surrogate D800 */
	{ "\xed\xbf\xbf", "UTF-8" },		/* surrogate DFFF */
	{ "\xf4\x90\x80\x80", "UTF-8" },	/* above U+10FFFF */
	{ "\xf5\x80\x80\x80", "UTF-8" },
	{ "\xe2\x82", "UTF-8" },
	{ "\xe2\x82\x28", "UTF-8" },		/* bad third byte */
	{ "\xe2\x82\xc0", "UTF-8" },
	{ "\xf0\x9f\x28\x80", "UTF-8" },	/* bad third byte */
	{ "\xf0\x9f\x98\x28", "UTF-8" },	/* bad fourth byte */
	{ "\xf0\x9f\x98\xc0", "UTF-8" },
	{ "\xf0\x9f\x98", "UTF-8" },
};

START_TEST(text_invalid)
{
	struct tk_error	err;

	tk_error_clear(&err);
	ck_assert_msg(validate_text("name", text_bad[_i].value, 64, &err) ==
	    -1, "case %d accepted", _i);
	ck_assert_invalid(&err, "name");
	ck_assert_msg(strstr(err.msg, text_bad[_i].what) != NULL,
	    "'%s' not in: %s", text_bad[_i].what, err.msg);
}
END_TEST

START_TEST(text_length)
{
	struct tk_error	err;

	tk_error_clear(&err);
	ck_assert_int_eq(validate_text("reason", "abcde", 5, &err), 0);
	tk_error_clear(&err);
	ck_assert_int_eq(validate_text("reason", "abcdef", 5, &err), -1);
	ck_assert_invalid(&err, "reason");
	ck_assert_ptr_nonnull(strstr(err.msg, "5 bytes"));
	/* Bytes, not characters: "øøø" is 6 bytes. */
	tk_error_clear(&err);
	ck_assert_int_eq(validate_text("reason", "øø", 5, &err), 0);
	tk_error_clear(&err);
	ck_assert_int_eq(validate_text("reason", "øøø", 5, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "longer"));
	tk_error_clear(&err);
	ck_assert_int_eq(validate_text("reason", NULL, 5, &err), -1);
	ck_assert_invalid(&err, "reason");
}
END_TEST

START_TEST(text_not_echoed)
{
	struct tk_error	err;

	tk_error_clear(&err);
	ck_assert_int_eq(validate_text("name", "Kari\nNordmann", 64, &err),
	    -1);
	ck_assert_ptr_null(strstr(err.msg, "Kari"));
	ck_assert_ptr_null(strstr(err.msg, "Nordmann"));
}
END_TEST

/* Instants around the changes of 2026 (29 March, 25 October) and as shown. */
static const struct {
	long long	 t;
	const char	*utc;
	const char	*oslo;
} shown[] = {
	{ 1796721300LL, "2026-12-08T09:15:00Z", "2026-12-08T10:15:00+01:00" },
	{ 1782900000LL, "2026-07-01T10:00:00Z", "2026-07-01T12:00:00+02:00" },
	{ 1767225600LL, "2026-01-01T00:00:00Z", "2026-01-01T01:00:00+01:00" },
	/* a second before summer time, and its first second */
	{ 1774745999LL, "2026-03-29T00:59:59Z", "2026-03-29T01:59:59+01:00" },
	{ 1774746000LL, "2026-03-29T01:00:00Z", "2026-03-29T03:00:00+02:00" },
	/* the hour that happens twice: first in summer time, then winter */
	{ 1792886400LL, "2026-10-25T00:00:00Z", "2026-10-25T02:00:00+02:00" },
	{ 1792889999LL, "2026-10-25T00:59:59Z", "2026-10-25T02:59:59+02:00" },
	{ 1792890000LL, "2026-10-25T01:00:00Z", "2026-10-25T02:00:00+01:00" },
	{ 1792891800LL, "2026-10-25T01:30:00Z", "2026-10-25T02:30:00+01:00" },
	{ 1792893600LL, "2026-10-25T02:00:00Z", "2026-10-25T03:00:00+01:00" },
	/* Oslo's new year and midsummer night, before UTC's */
	{ 1798759800LL, "2026-12-31T23:30:00Z", "2027-01-01T00:30:00+01:00" },
	{ 1814392800LL, "2027-06-30T22:00:00Z", "2027-07-01T00:00:00+02:00" },
};

START_TEST(time_shown)
{
	char	oslo[TIME_BUFLEN], utc[UTC_BUFLEN];

	memset(oslo, 'x', sizeof(oslo));
	tk_time_format((time_t)shown[_i].t, oslo);
	ck_assert_str_eq(oslo, shown[_i].oslo);
	tk_time_utc((time_t)shown[_i].t, utc);
	ck_assert_str_eq(utc, shown[_i].utc);
	/* A stored time is shown as the instant is. */
	ck_assert_int_eq(tk_time_text(shown[_i].utc, oslo), 0);
	ck_assert_str_eq(oslo, shown[_i].oslo);
	/* What is shown is read back as the same instant. */
	ck_assert_int_eq(tk_time_text(shown[_i].oslo, oslo), 0);
	ck_assert_str_eq(oslo, shown[_i].oslo);
}
END_TEST

START_TEST(time_shown_reads_back)
{
	struct tk_error	err;
	char		buf[TIME_BUFLEN], prev[TIME_BUFLEN] = "";
	time_t		t, back;
	int		twice = 0;

	/* Every quarter hour of 2026: the offset tells the two 02:30s apart. */
	for (t = 1767225600; t < 1798761600; t += 900) {
		tk_time_format(t, buf);
		tk_error_clear(&err);
		ck_assert_msg(validate_datetime("at", buf, &back, &err) == 0,
		    "%s: %s", buf, err.msg);
		ck_assert_msg(back == t, "%s read back as %lld, not %lld", buf,
		    (long long)back, (long long)t);
		if (strncmp(buf, prev, 19) <= 0)
			twice++;
		memcpy(prev, buf, sizeof(prev));
	}
	/* The wall clock goes back once: 02:00+01:00 after 02:45+02:00. */
	ck_assert_int_eq(twice, 1);
}
END_TEST

START_TEST(time_text_invalid)
{
	static const char	*bad[] = { "", "2026-12-08", "yesterday",
	    "2026-03-29T02:30", "2026-12-08T10:15:00+15:00" };
	char			 out[TIME_BUFLEN];
	size_t			 i;

	for (i = 0; i < NELEM(bad); i++) {
		memset(out, 'x', sizeof(out));
		ck_assert_msg(tk_time_text(bad[i], out) == -1, "%s", bad[i]);
		ck_assert_str_eq(out, "");
	}
	ck_assert_int_eq(tk_time_text(NULL, out), -1);
}
END_TEST

START_TEST(today_format)
{
	struct tk_error	 err;
	struct tm	 tm;
	char		 out[DATE_BUFLEN], want[DATE_BUFLEN];
	time_t		 now;

	memset(out, 'x', sizeof(out));
	now = time(NULL);
	tk_today(out);
	ck_assert_uint_eq(strlen(out), DATE_BUFLEN - 1);
	tk_error_clear(&err);
	ck_assert_msg(validate_date("today", out, &err) == 0, "%s: %s", out,
	    err.msg);
	/* Oslo's date: UTC shifted by Oslo's offset at the time. */
	now += tk_oslo_offset(now);
	ck_assert_ptr_nonnull(gmtime_r(&now, &tm));
	strftime(want, sizeof(want), "%Y-%m-%d", &tm);
	if (strcmp(out, want) != 0) {
		/* Midnight passed between the two calls: ask again. */
		now = time(NULL);
		now += tk_oslo_offset(now);
		gmtime_r(&now, &tm);
		strftime(want, sizeof(want), "%Y-%m-%d", &tm);
		tk_today(out);
	}
	ck_assert_str_eq(out, want);
}
END_TEST

START_TEST(quoted_values_are_one_line)
{
	struct tk_error	err;
	char		buf[600];

	tk_error_clear(&err);
	ck_assert_int_eq(validate_orgnr("orgnr", "97476\n0673", &err), -1);
	ck_assert_ptr_null(strchr(err.msg, '\n'));
	ck_assert_ptr_nonnull(strstr(err.msg, "'97476?0673'"));

	/* A long value is cut short, not allowed to fill the message. */
	memset(buf, 'a', sizeof(buf) - 1);
	buf[sizeof(buf) - 1] = '\0';
	tk_error_clear(&err);
	ck_assert_int_eq(validate_email("email", buf, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "...'"));
	ck_assert_uint_lt(strlen(err.msg), 200);
}
END_TEST

START_TEST(first_error_kept)
{
	struct tk_error	err;

	/* The caller must clear: a second failure keeps the first text. */
	tk_error_clear(&err);
	ck_assert_int_eq(validate_orgnr("orgnr", "1", &err), -1);
	ck_assert_int_eq(validate_email("email", "x", &err), -1);
	ck_assert_str_eq(err.field, "orgnr");
}
END_TEST

START_TEST(null_err_allowed)
{
	char	out[PHONE_BUFLEN];

	ck_assert_int_eq(validate_orgnr("orgnr", "1", NULL), -1);
	ck_assert_int_eq(validate_phone("phone", "1", out, NULL), -1);
	ck_assert_int_eq(validate_pnr("fnr", "1", NULL, NULL), -1);
	ck_assert_int_eq(validate_pnr("fnr", "31129956715", NULL, NULL), 0);
}
END_TEST

/* Validate a mix of values many times; return NULL if all went right. */
static void *
thread_main(void *arg)
{
	static char	failed;
	struct tk_error	err;
	char		out[PHONE_BUFLEN];
	time_t		t;
	int		i;

	(void)arg;
	for (i = 0; i < 2000; i++) {
		tk_error_clear(&err);
		if (validate_email("email", "ola@example.no", &err) != 0 ||
		    validate_phone("phone", "+47 912 34 567", out, &err) !=
		    0 || strcmp(out, "+4791234567") != 0 ||
		    validate_datetime("start", "2025-07-01T10:00", &t,
		    &err) != 0 || t != 1751356800 ||
		    validate_pnr("fnr", "15108695088", NULL, &err) != 0 ||
		    validate_email("email", "ola@", &err) != -1)
			return (&failed);
	}
	return (NULL);
}

START_TEST(threads_share_patterns)
{
	pthread_t	th[8];
	void		*rv;
	size_t		 i;

	for (i = 0; i < NELEM(th); i++)
		ck_assert_int_eq(pthread_create(&th[i], NULL, thread_main,
		    NULL), 0);
	for (i = 0; i < NELEM(th); i++) {
		ck_assert_int_eq(pthread_join(th[i], &rv), 0);
		ck_assert_msg(rv == NULL, "thread %zu failed", i);
	}
}
END_TEST

/* The validation suite. */
Suite *
validate_suite(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("validate");

	tc = tcase_create("pnr");
	tcase_add_test(tc, pnr_official_examples);
	tcase_add_test(tc, pnr_kind_may_be_null);
	tcase_add_test(tc, pnr_centuries);
	tcase_add_test(tc, pnr_century_gaps);
	tcase_add_test(tc, pnr_dnummer);
	tcase_add_test(tc, pnr_dnummer_bad_day);
	tcase_add_test(tc, pnr_hnummer_refused);
	tcase_add_loop_test(tc, pnr_format, 0, NELEM(pnr_malformed));
	tcase_add_test(tc, pnr_null);
	tcase_add_test(tc, pnr_bad_control_1);
	tcase_add_test(tc, pnr_bad_control_2);
	tcase_add_test(tc, pnr_swapped_digits);
	tcase_add_test(tc, pnr_remainder_10);
	tcase_add_test(tc, pnr_impossible_dates);
	tcase_add_test(tc, pnr_leap_days);
	tcase_add_test(tc, pnr_field_name);
	tcase_add_test(tc, pnr_mask_hides);
	suite_add_tcase(s, tc);

	tc = tcase_create("orgnr");
	tcase_add_test(tc, orgnr_valid);
	tcase_add_test(tc, orgnr_not_issued);
	tcase_add_test(tc, orgnr_bad_check_digit);
	tcase_add_test(tc, orgnr_remainder_10);
	tcase_add_loop_test(tc, orgnr_format, 0, NELEM(orgnr_malformed));
	suite_add_tcase(s, tc);

	tc = tcase_create("codes");
	tcase_add_test(tc, knr_format);
	tcase_add_test(tc, county_format);
	tcase_add_test(tc, lang_format);
	suite_add_tcase(s, tc);

	tc = tcase_create("phone");
	tcase_add_loop_test(tc, phone_normalised, 0, NELEM(phone_spellings));
	tcase_add_test(tc, phone_first_digits);
	tcase_add_loop_test(tc, phone_bad, 0, NELEM(phone_refused));
	suite_add_tcase(s, tc);

	tc = tcase_create("email");
	tcase_add_loop_test(tc, email_valid, 0, NELEM(email_good));
	tcase_add_loop_test(tc, email_invalid, 0, NELEM(email_bad_list));
	tcase_add_test(tc, email_quoted);
	tcase_add_test(tc, email_lengths);
	suite_add_tcase(s, tc);

	tc = tcase_create("dates");
	tcase_add_loop_test(tc, date_valid, 0, NELEM(date_good));
	tcase_add_loop_test(tc, date_invalid, 0, NELEM(date_bad));
	tcase_add_loop_test(tc, datetime_valid, 0, NELEM(dt_good));
	tcase_add_test(tc, datetime_dst_gap);
	tcase_add_loop_test(tc, datetime_invalid, 0, NELEM(dt_bad));
	tcase_add_test(tc, datetime_every_hour_of_2025);
	tcase_add_test(tc, today_format);
	suite_add_tcase(s, tc);

	tc = tcase_create("times shown");
	tcase_add_loop_test(tc, time_shown, 0, NELEM(shown));
	tcase_add_test(tc, time_shown_reads_back);
	tcase_add_test(tc, time_text_invalid);
	suite_add_tcase(s, tc);

	tc = tcase_create("period");
	tcase_add_test(tc, period_valid);
	tcase_add_test(tc, period_invalid);
	suite_add_tcase(s, tc);

	tc = tcase_create("misc");
	tcase_add_test(tc, category_letters);
	tcase_add_test(tc, category_bad);
	tcase_add_test(tc, text_valid);
	tcase_add_loop_test(tc, text_invalid, 0, NELEM(text_bad));
	tcase_add_test(tc, text_length);
	tcase_add_test(tc, text_not_echoed);
	tcase_add_test(tc, quoted_values_are_one_line);
	tcase_add_test(tc, first_error_kept);
	tcase_add_test(tc, null_err_allowed);
	tcase_add_test(tc, threads_share_patterns);
	suite_add_tcase(s, tc);

	return (s);
}
