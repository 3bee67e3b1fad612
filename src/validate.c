/*
 * Input validation for everything that enters the register: personal
 * numbers (fødselsnummer and D-nummer, which identify an interpreter and
 * are never echoed), organisation numbers of public bodies, the form of
 * municipality, county and language codes (whether one exists is asked
 * of geo.c and language.c, which own those tables), contact details,
 * categories, dates, booking times in Europe/Oslo and Tolkemonitor
 * half-year periods.
 *
 * Format checks use PCRE2 patterns compiled once (JIT where available)
 * under pthread_once; every call uses its own match data, so all
 * functions here may be called from several threads at once.
 */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "tolkreg/error.h"
#include "tolkreg/validate.h"

/* The patterns, indexes into pattern_table. */
enum pattern_id {
	PAT_PNR,
	PAT_ORGNR,
	PAT_KNR,
	PAT_COUNTY,
	PAT_LANG,
	PAT_EMAIL,
	PAT_PHONE_FOREIGN,
	PAT_PHONE,
	PAT_CATEGORY,
	PAT_DATE,
	PAT_DATETIME,
	PAT_PERIOD,
	PAT_COUNT
};

/* Characters allowed in the local part of an e-mail address (atext). */
#define ATEXT	"[A-Za-z0-9!#$%&'*+/=^_`{|}~?-]"
/* A domain label: letters, digits and inner hyphens, at most 63. */
#define LABEL	"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"

struct pattern {
	const char	*source;
	pcre2_code	*code;
};

static struct pattern pattern_table[PAT_COUNT] = {
	[PAT_PNR] = { "\\A[0-9]{11}\\z", NULL },
	[PAT_ORGNR] = { "\\A[0-9]{9}\\z", NULL },
	[PAT_KNR] = { "\\A[0-9]{4}\\z", NULL },
	[PAT_COUNTY] = { "\\A[0-9]{2}\\z", NULL },
	[PAT_LANG] = { "\\A[a-z]{3}\\z", NULL },
	[PAT_EMAIL] = {
	    "\\A(?=[^@]{1,64}@)" ATEXT "+(?:\\." ATEXT "+)*"
	    "@(?:" LABEL "\\.)+[A-Za-z]{2,63}\\z", NULL },
	[PAT_PHONE_FOREIGN] = { "\\A(?:\\+|00)(?!47)", NULL },
	[PAT_PHONE] = {
	    "\\A(?:(?:\\+|00)47 ?)?([0-9](?:[ .-]?[0-9]){7})\\z", NULL },
	[PAT_CATEGORY] = { "\\A[A-Ea-e]\\z", NULL },
	[PAT_DATE] = { "\\A([0-9]{4})-([0-9]{2})-([0-9]{2})\\z", NULL },
	[PAT_DATETIME] = {
	    "\\A([0-9]{4})-([0-9]{2})-([0-9]{2})[T ]"
	    "([0-9]{2}):([0-9]{2})(?::([0-9]{2}))?"
	    "(Z|([+-])([0-9]{2}):([0-9]{2}))?\\z", NULL },
	[PAT_PERIOD] = { "\\A([0-9]{4})[Hh]([12])\\z", NULL },
};

static pthread_once_t pattern_once = PTHREAD_ONCE_INIT;

/* Most capture pairs any pattern needs, group 0 included. */
#define MAXGROUPS	11

/* Bytes of a value quoted in a message before it is cut short. */
#define QUOTE_MAX	64

/* The maximum length of an e-mail address (RFC 5321 path limit). */
#define EMAIL_MAX	254

/* Compile every pattern; run once through pthread_once. */
static void
pattern_compile_all(void)
{
	struct pattern	*p;
	PCRE2_SIZE	 off;
	PCRE2_UCHAR	 buf[128];
	int		 rc;
	size_t		 i;

	for (i = 0; i < PAT_COUNT; i++) {
		p = &pattern_table[i];
		p->code = pcre2_compile((PCRE2_SPTR)p->source,
		    PCRE2_ZERO_TERMINATED, 0, &rc, &off, NULL);
		if (p->code == NULL) {
			pcre2_get_error_message(rc, buf, sizeof(buf));
			fprintf(stderr, "tolkreg: validation pattern %zu "
			    "does not compile at offset %zu: %s\n", i,
			    (size_t)off, (const char *)buf);
			abort();
		}
		(void)pcre2_jit_compile(p->code, PCRE2_JIT_COMPLETE);
	}
}

/*
 * Match value against a pattern. Return 1 on a match and 0 otherwise;
 * when ov is not NULL it gets the start and end offsets of the first
 * ngroups groups (PCRE2_UNSET for a group that did not take part).
 */
static int
pattern_match(enum pattern_id id, const char *value, size_t *ov,
    size_t ngroups)
{
	pcre2_match_data	*md;
	PCRE2_SIZE		*vec;
	uint32_t		 have;
	size_t			 i;
	int			 rc;

	pthread_once(&pattern_once, pattern_compile_all);
	if (value == NULL)
		value = "";
	md = pcre2_match_data_create_from_pattern(pattern_table[id].code,
	    NULL);
	if (md == NULL) {
		fprintf(stderr, "tolkreg: out of memory for match data\n");
		abort();
	}
	rc = pcre2_match(pattern_table[id].code, (PCRE2_SPTR)value,
	    strlen(value), 0, 0, md, NULL);
	if (rc >= 0 && ov != NULL) {
		vec = pcre2_get_ovector_pointer(md);
		have = pcre2_get_ovector_count(md);
		for (i = 0; i < ngroups; i++) {
			if (i < have && i < (size_t)rc) {
				ov[2 * i] = vec[2 * i];
				ov[2 * i + 1] = vec[2 * i + 1];
			} else
				ov[2 * i] = ov[2 * i + 1] = PCRE2_UNSET;
		}
	}
	pcre2_match_data_free(md);
	return (rc >= 0);
}

/* The decimal value of the n digits at s. */
static int
digits(const char *s, size_t n)
{
	int	v = 0;

	while (n-- > 0)
		v = v * 10 + (*s++ - '0');
	return (v);
}

/* The decimal value of capture group g of value, or -1 if unset. */
static int
group_int(const char *value, const size_t *ov, size_t g)
{
	if (ov[2 * g] == PCRE2_UNSET)
		return (-1);
	return (digits(value + ov[2 * g], ov[2 * g + 1] - ov[2 * g]));
}

/*
 * Copy value into buf for quoting in a message: at most QUOTE_MAX bytes,
 * anything but printable ASCII replaced by '?', "..." when cut short.
 */
static const char *
quote(const char *value, char buf[QUOTE_MAX + 4])
{
	size_t	i;

	if (value == NULL)
		value = "";
	for (i = 0; value[i] != '\0' && i < QUOTE_MAX; i++) {
		if (value[i] >= 0x20 && value[i] < 0x7f)
			buf[i] = value[i];
		else
			buf[i] = '?';
	}
	if (value[i] != '\0') {
		memcpy(buf + i, "...", 3);
		i += 3;
	}
	buf[i] = '\0';
	return (buf);
}

/* The field name for a message, never NULL. */
static const char *
fname(const char *field)
{
	return (field != NULL ? field : "value");
}

/* Whether y is a Gregorian leap year. */
static int
is_leap(int y)
{
	return ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0);
}

/* Days in month m (1-12) of year y. */
static int
month_days(int y, int m)
{
	static const int	 days[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	if (m == 2 && is_leap(y))
		return (29);
	return (days[m - 1]);
}

/* Whether y-m-d is a real calendar date. */
static int
date_exists(int y, int m, int d)
{
	return (m >= 1 && m <= 12 && d >= 1 && d <= month_days(y, m));
}

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian, y >= 0). */
static long long
days_from_civil(int y, int m, int d)
{
	long long	era, yoe, doy, doe;

	if (m <= 2)
		y--;
	era = y / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (era * 146097 + doe - 719468);
}

/* Day number (days since the epoch) of the last Sunday of month m. */
static long long
last_sunday(int y, int m)
{
	long long	day;
	int		wday;

	day = days_from_civil(y, m, month_days(y, m));
	wday = (int)((day + 4) % 7);	/* 1970-01-01 was a Thursday */
	return (day - wday);
}

/* A mod-11 control digit with weights w over n digits; 10 if none. */
static int
mod11(const char *s, const int *w, size_t n)
{
	size_t	i;
	int	sum = 0, k;

	for (i = 0; i < n; i++)
		sum += (s[i] - '0') * w[i];
	k = 11 - sum % 11;
	return (k == 11 ? 0 : k);
}

/* Validate a fødselsnummer or D-nummer; never echo it. */
int
validate_pnr(const char *field, const char *value, enum pnr_kind *kind,
    struct tk_error *err)
{
	static const int	 w1[9] = { 3, 7, 6, 1, 8, 9, 4, 5, 2 };
	static const int	 w2[10] = { 5, 4, 3, 2, 7, 6, 5, 4, 3, 2 };
	const char		*f = fname(field);
	enum pnr_kind		 k = PNR_FNR;
	int			 day, month, yy, ind, year, c;

	if (!pattern_match(PAT_PNR, value, NULL, 0))
		return (tk_fail(err, TK_E_INVALID, field,
		    "'%s' must be 11 digits", f));

	day = digits(value, 2);
	month = digits(value + 2, 2);
	yy = digits(value + 4, 2);
	ind = digits(value + 6, 3);

	if (month > 40 && month <= 52)
		return (tk_fail(err, TK_E_INVALID, field,
		    "'%s' is an H-number (month + 40), which is not accepted; "
		    "give a fødselsnummer or D-nummer", f));
	if (day > 40) {
		k = PNR_DNR;
		day -= 40;
	}

	if (ind <= 499)
		year = 1900 + yy;
	else if (ind <= 749 && yy >= 54)
		year = 1800 + yy;
	else if (yy <= 39)
		year = 2000 + yy;
	else if (ind >= 900)
		year = 1900 + yy;
	else
		return (tk_fail(err, TK_E_INVALID, field,
		    "'%s' has an individual number that gives no century for "
		    "its birth year", f));

	if (!date_exists(year, month, day))
		return (tk_fail(err, TK_E_INVALID, field,
		    "'%s' does not hold a real birth date (DDMMYY%s)", f,
		    k == PNR_DNR ? ", D-nummer day + 40" : ""));

	c = mod11(value, w1, 9);
	if (c == 10)
		return (tk_fail(err, TK_E_INVALID, field,
		    "'%s' fails the first control digit check (mod 11 gives "
		    "10, never issued)", f));
	if (value[9] - '0' != c)
		return (tk_fail(err, TK_E_INVALID, field,
		    "'%s' fails the first control digit check (mod 11)", f));
	c = mod11(value, w2, 10);
	if (c == 10)
		return (tk_fail(err, TK_E_INVALID, field,
		    "'%s' fails the second control digit check (mod 11 gives "
		    "10, never issued)", f));
	if (value[10] - '0' != c)
		return (tk_fail(err, TK_E_INVALID, field,
		    "'%s' fails the second control digit check (mod 11)", f));

	if (kind != NULL)
		*kind = k;
	return (0);
}

/* Write eleven asterisks in place of a personal number. */
void
pnr_mask(const char *value, char out[PNR_LEN + 1])
{
	(void)value;
	memset(out, '*', PNR_LEN);
	out[PNR_LEN] = '\0';
}

/* Validate an organisasjonsnummer. */
int
validate_orgnr(const char *field, const char *value, struct tk_error *err)
{
	static const int	 w[8] = { 3, 2, 7, 6, 5, 4, 3, 2 };
	const char		*f = fname(field);
	char			 q[QUOTE_MAX + 4];
	int			 c;

	if (!pattern_match(PAT_ORGNR, value, NULL, 0))
		return (tk_fail(err, TK_E_INVALID, field,
		    "'%s' must be 9 digits: '%s'", f, quote(value, q)));
	c = mod11(value, w, 8);
	if (c == 10)
		return (tk_fail(err, TK_E_INVALID, field,
		    "'%s' fails the control digit check (mod 11 gives 10, "
		    "never issued): '%s'", f, quote(value, q)));
	if (value[8] - '0' != c)
		return (tk_fail(err, TK_E_INVALID, field,
		    "'%s' fails the control digit check (mod 11): '%s'", f,
		    quote(value, q)));
	if (value[0] != '8' && value[0] != '9')
		return (tk_fail(err, TK_E_INVALID, field,
		    "'%s' is not an issued organisation number (must start "
		    "with 8 or 9): '%s'", f, quote(value, q)));
	return (0);
}

/* Validate the form of a kommunenummer. */
int
validate_knr(const char *field, const char *value, struct tk_error *err)
{
	char	q[QUOTE_MAX + 4];

	if (!pattern_match(PAT_KNR, value, NULL, 0))
		return (tk_fail(err, TK_E_INVALID, field,
		    "'%s' must be 4 digits: '%s'", fname(field),
		    quote(value, q)));
	return (0);
}

/* Validate the form of a county number. */
int
validate_county(const char *field, const char *value, struct tk_error *err)
{
	char	q[QUOTE_MAX + 4];

	if (!pattern_match(PAT_COUNTY, value, NULL, 0))
		return (tk_fail(err, TK_E_INVALID, field,
		    "'%s' must be 2 digits: '%s'", fname(field),
		    quote(value, q)));
	return (0);
}

/* Validate the form of an ISO 639-3 code. */
int
validate_lang(const char *field, const char *value, struct tk_error *err)
{
	char	q[QUOTE_MAX + 4];

	if (!pattern_match(PAT_LANG, value, NULL, 0))
		return (tk_fail(err, TK_E_INVALID, field,
		    "'%s' must be 3 lower-case letters (ISO 639-3): '%s'",
		    fname(field), quote(value, q)));
	return (0);
}

/* Validate an e-mail address. */
int
validate_email(const char *field, const char *value, struct tk_error *err)
{
	const char	*f = fname(field);
	char		 q[QUOTE_MAX + 4];

	if (value != NULL && strlen(value) > EMAIL_MAX)
		return (tk_fail(err, TK_E_INVALID, field,
		    "'%s' is longer than %d characters: '%s'", f, EMAIL_MAX,
		    quote(value, q)));
	if (!pattern_match(PAT_EMAIL, value, NULL, 0))
		return (tk_fail(err, TK_E_INVALID, field,
		    "'%s' is not a valid e-mail address: '%s'", f,
		    quote(value, q)));
	return (0);
}

/* Validate a Norwegian phone number and write it as "+47DDDDDDDD". */
int
validate_phone(const char *field, const char *value, char out[PHONE_BUFLEN],
    struct tk_error *err)
{
	const char	*f = fname(field);
	char		 q[QUOTE_MAX + 4], num[9];
	size_t		 ov[2 * 2], i, n = 0;

	if (pattern_match(PAT_PHONE_FOREIGN, value, NULL, 0))
		return (tk_fail(err, TK_E_INVALID, field,
		    "'%s' has a foreign country code; only Norwegian numbers "
		    "(+47) are accepted: '%s'", f, quote(value, q)));
	if (!pattern_match(PAT_PHONE, value, ov, 2))
		return (tk_fail(err, TK_E_INVALID, field,
		    "'%s' must be 8 digits, optionally after +47 or 0047: "
		    "'%s'", f, quote(value, q)));
	for (i = ov[2]; i < ov[3] && n < 8; i++) {
		if (value[i] >= '0' && value[i] <= '9')
			num[n++] = value[i];
	}
	num[n] = '\0';
	if (num[0] == '0' || num[0] == '1')
		return (tk_fail(err, TK_E_INVALID, field,
		    "'%s' must start with a digit from 2 to 9: '%s'", f,
		    quote(value, q)));
	snprintf(out, PHONE_BUFLEN, "+47%s", num);
	return (0);
}

/* Validate a category letter and return it in upper case. */
int
validate_category(const char *field, const char *value, char *out,
    struct tk_error *err)
{
	char	q[QUOTE_MAX + 4];

	if (!pattern_match(PAT_CATEGORY, value, NULL, 0))
		return (tk_fail(err, TK_E_INVALID, field,
		    "'%s' must be a category letter from A to E: '%s'",
		    fname(field), quote(value, q)));
	if (out != NULL)
		*out = (char)(value[0] >= 'a' ? value[0] - 'a' + 'A' :
		    value[0]);
	return (0);
}

/* Check the year range and existence of a parsed date. */
static int
check_date(const char *field, const char *value, int y, int m, int d,
    struct tk_error *err)
{
	const char	*f = fname(field);
	char		 q[QUOTE_MAX + 4];

	if (y < 1850 || y > 2199)
		return (tk_fail(err, TK_E_INVALID, field,
		    "'%s' must have a year from 1850 to 2199: '%s'", f,
		    quote(value, q)));
	if (!date_exists(y, m, d))
		return (tk_fail(err, TK_E_INVALID, field,
		    "'%s' is not a real calendar date: '%s'", f,
		    quote(value, q)));
	return (0);
}

/* Validate a date YYYY-MM-DD. */
int
validate_date(const char *field, const char *value, struct tk_error *err)
{
	size_t	ov[2 * 4];
	char	q[QUOTE_MAX + 4];

	if (!pattern_match(PAT_DATE, value, ov, 4))
		return (tk_fail(err, TK_E_INVALID, field,
		    "'%s' must be a date in the form YYYY-MM-DD: '%s'",
		    fname(field), quote(value, q)));
	return (check_date(field, value, group_int(value, ov, 1),
	    group_int(value, ov, 2), group_int(value, ov, 3), err));
}

/*
 * Convert local Europe/Oslo wall-clock seconds (as if UTC) to an instant
 * with the EU rule: CEST (+02:00) from 01:00 UTC on the last Sunday of
 * March to 01:00 UTC on the last Sunday of October, CET (+01:00)
 * otherwise. Return -1 in the spring-forward gap; in the repeated autumn
 * hour take the first (summer time) occurrence.
 */
static int
oslo_to_utc(int year, long long local, long long *out)
{
	long long	start, end, summer, winter;

	start = last_sunday(year, 3) * 86400 + 3600;
	end = last_sunday(year, 10) * 86400 + 3600;
	summer = local - 7200;
	winter = local - 3600;
	if (summer >= start && summer < end) {
		*out = summer;
		return (0);
	}
	if (winter < start || winter >= end) {
		*out = winter;
		return (0);
	}
	return (-1);
}

/* Validate an ISO 8601 date and time and convert it to an instant. */
int
validate_datetime(const char *field, const char *value, time_t *out,
    struct tk_error *err)
{
	const char	*f = fname(field);
	char		 q[QUOTE_MAX + 4];
	size_t		 ov[2 * MAXGROUPS];
	long long	 local, t;
	int		 y, mo, d, h, mi, s, oh, om, off;

	if (!pattern_match(PAT_DATETIME, value, ov, MAXGROUPS))
		return (tk_fail(err, TK_E_INVALID, field,
		    "'%s' must be a time in the form YYYY-MM-DDTHH:MM[:SS] "
		    "with an optional Z or +HH:MM offset: '%s'", f,
		    quote(value, q)));
	y = group_int(value, ov, 1);
	mo = group_int(value, ov, 2);
	d = group_int(value, ov, 3);
	if (check_date(field, value, y, mo, d, err) == -1)
		return (-1);
	h = group_int(value, ov, 4);
	mi = group_int(value, ov, 5);
	s = group_int(value, ov, 6);
	if (s == -1)
		s = 0;
	if (h > 23 || mi > 59 || s > 59)
		return (tk_fail(err, TK_E_INVALID, field,
		    "'%s' has a time of day out of range (00:00:00 to "
		    "23:59:59): '%s'", f, quote(value, q)));

	local = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
	if (ov[2 * 7] == PCRE2_UNSET) {
		if (oslo_to_utc(y, local, &t) == -1)
			return (tk_fail(err, TK_E_INVALID, field,
			    "'%s' does not exist in Europe/Oslo (daylight "
			    "saving gap): '%s'", f, quote(value, q)));
	} else if (value[ov[2 * 7]] == 'Z')
		t = local;
	else {
		oh = group_int(value, ov, 9);
		om = group_int(value, ov, 10);
		if (om > 59 || oh * 60 + om > 14 * 60)
			return (tk_fail(err, TK_E_INVALID, field,
			    "'%s' has an offset out of range (at most "
			    "14:00 either way): '%s'", f, quote(value, q)));
		off = (oh * 60 + om) * 60;
		if (value[ov[2 * 8]] == '-')
			off = -off;
		t = local - off;
	}
	if (out != NULL)
		*out = (time_t)t;
	return (0);
}

/* Validate a half-year period YYYYH1 or YYYYH2. */
int
validate_period(const char *field, const char *value, int *year, int *half,
    struct tk_error *err)
{
	const char	*f = fname(field);
	char		 q[QUOTE_MAX + 4];
	size_t		 ov[2 * 3];
	int		 y;

	if (!pattern_match(PAT_PERIOD, value, ov, 3))
		return (tk_fail(err, TK_E_INVALID, field,
		    "'%s' must be a half-year such as 2024H1 or 2024H2: '%s'",
		    f, quote(value, q)));
	y = group_int(value, ov, 1);
	if (y < 2000 || y > 2199)
		return (tk_fail(err, TK_E_INVALID, field,
		    "'%s' must have a year from 2000 to 2199: '%s'", f,
		    quote(value, q)));
	if (year != NULL)
		*year = y;
	if (half != NULL)
		*half = group_int(value, ov, 2);
	return (0);
}

/*
 * Length of the well-formed UTF-8 sequence at s (no overlong forms, no
 * surrogates, nothing above U+10FFFF), or 0 if it is not one.
 */
static size_t
utf8_seqlen(const unsigned char *s)
{
	unsigned char	lo = 0x80, hi = 0xbf;
	size_t		n, i;

	if (s[0] < 0x80)
		return (1);
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		n = 3;
		if (s[0] == 0xe0)
			lo = 0xa0;
		else if (s[0] == 0xed)
			hi = 0x9f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		n = 4;
		if (s[0] == 0xf0)
			lo = 0x90;
		else if (s[0] == 0xf4)
			hi = 0x8f;
	} else
		return (0);
	if (s[1] < lo || s[1] > hi)
		return (0);
	for (i = 2; i < n; i++) {
		if (s[i] < 0x80 || s[i] > 0xbf)
			return (0);
	}
	return (n);
}

/* Validate one line of text: not blank, at most max bytes, UTF-8. */
int
validate_text(const char *field, const char *value, size_t max,
    struct tk_error *err)
{
	const unsigned char	*s;
	const char		*f = fname(field);
	size_t			 len, n;
	int			 blank = 1;

	if (value == NULL)
		value = "";
	len = strlen(value);
	for (s = (const unsigned char *)value; *s != '\0'; s++) {
		if (*s != ' ')
			blank = 0;
	}
	if (blank)
		return (tk_fail(err, TK_E_INVALID, field,
		    "'%s' must not be empty", f));
	if (len > max)
		return (tk_fail(err, TK_E_INVALID, field,
		    "'%s' is longer than %zu bytes", f, max));
	for (s = (const unsigned char *)value; *s != '\0'; s += n) {
		if ((n = utf8_seqlen(s)) == 0)
			return (tk_fail(err, TK_E_INVALID, field,
			    "'%s' is not valid UTF-8", f));
		if ((n == 1 && (*s < 0x20 || *s == 0x7f)) ||
		    (n == 2 && s[0] == 0xc2 && s[1] < 0xa0))
			return (tk_fail(err, TK_E_INVALID, field,
			    "'%s' must not contain control characters such "
			    "as line breaks or tabs", f));
	}
	return (0);
}

/* Parse a whole number of minutes in [1, max]. */
int
validate_minutes(const char *field, const char *value, int max, int *out,
    struct tk_error *err)
{
	char	*end;
	long	 v;

	errno = 0;
	v = strtol(value, &end, 10);
	if (*value < '0' || *value > '9' || *end != '\0' || errno != 0 ||
	    v < 1 || v > max)
		return (tk_fail(err, TK_E_INVALID, field,
		    "'%s' must be a whole number of minutes from 1 to %d",
		    field, max));
	*out = (int)v;
	return (0);
}

/* Write today's local date as "YYYY-MM-DD". */
void
tk_today(char out[DATE_BUFLEN])
{
	char	when[TIME_BUFLEN];

	/* The register's day is Oslo's, whatever zone the server runs in. */
	tk_time_format(time(NULL), when);
	snprintf(out, DATE_BUFLEN, "%.10s", when);
}

/* Seconds Europe/Oslo is ahead of UTC at instant t. */
int
tk_oslo_offset(time_t t)
{
	struct tm	tm;
	long long	start, end;

	gmtime_r(&t, &tm);
	start = last_sunday(tm.tm_year + 1900, 3) * 86400 + 3600;
	end = last_sunday(tm.tm_year + 1900, 10) * 86400 + 3600;
	return ((long long)t >= start && (long long)t < end ? 7200 : 3600);
}

/* Format t as Europe/Oslo local time with its offset. */
void
tk_time_format(time_t t, char out[TIME_BUFLEN])
{
	struct tm	tm;
	time_t		local;
	int		off;

	off = tk_oslo_offset(t);
	local = t + off;
	gmtime_r(&local, &tm);
	strftime(out, TIME_BUFLEN, "%Y-%m-%dT%H:%M:%S", &tm);
	strncat(out, off == 7200 ? "+02:00" : "+01:00",
	    TIME_BUFLEN - strlen(out) - 1);
}

/* Format t in UTC, the stored form. */
void
tk_time_utc(time_t t, char out[UTC_BUFLEN])
{
	struct tm	tm;

	gmtime_r(&t, &tm);
	strftime(out, UTC_BUFLEN, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* Rewrite a time given as text as tk_time_format() writes it. */
int
tk_time_text(const char *value, char out[TIME_BUFLEN])
{
	time_t	t;

	out[0] = '\0';
	if (value == NULL || validate_datetime("time", value, &t, NULL) == -1)
		return (-1);
	tk_time_format(t, out);
	return (0);
}
