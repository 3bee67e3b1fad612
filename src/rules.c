/*
 * The register's shared vocabulary (Nasjonalt tolkeregister): credential
 * kinds and the category rule A-E, availability classes, listing
 * statuses, modalities (tolkeloven § 8) and gender, with the SQL
 * functions that carry the same rules into queries. category_derive()
 * is the only place the category rule is written and listing_effective()
 * the only place an exclusion's end is; tk_category() and tk_listed()
 * call them, and tk_time() writes stored times as tk_time_format() does,
 * so that a query shows a time as every other output does. Nothing here
 * reads the store, which registers the functions on every connection it
 * opens.
 */
#include "config.h"

#include <string.h>
#include <time.h>

#include "tolkreg/error.h"
#include "tolkreg/rules.h"
#include "tolkreg/validate.h"

static const char *const kind_names[CRED_NKINDS] = {
	[CRED_AUTHORISATION] = "authorisation",
	[CRED_BACHELOR] = "bachelor",
	[CRED_GRUNNEMNE] = "grunnemne",
	[CRED_BILINGUAL_TEST] = "bilingual-test",
	[CRED_TRANSLATOR] = "translator",
	[CRED_TAO] = "tao",
};

static const char *const avail_names[] = {
	[AVAIL_FULL] = "full",
	[AVAIL_PART] = "part",
	[AVAIL_OCCASIONAL] = "occasional",
};

static const char *const listing_names[] = {
	[LIST_LISTED] = "listed",
	[LIST_SUSPENDED] = "suspended",
	[LIST_EXCLUDED] = "excluded",
	[LIST_WITHDRAWN] = "withdrawn",
};

static const struct {
	const char	*name;
	unsigned int	 bit;
} mod_names[] = {
	{ "onsite", MOD_ONSITE },
	{ "video", MOD_VIDEO },
	{ "phone", MOD_PHONE },
};

/* Index of s in names[n], or -1. */
int
tk_name_index(const char *const *names, int n, const char *s)
{
	int	i;

	for (i = 0; i < n; i++) {
		if (strcmp(names[i], s) == 0)
			return (i);
	}
	return (-1);
}

/* The CLI spelling of a kind. */
const char *
cred_kind_name(enum cred_kind k)
{
	if ((unsigned int)k >= CRED_NKINDS)
		return ("unknown");
	return (kind_names[k]);
}

/* Parse a CLI spelling of a kind. */
int
cred_kind_parse(const char *s, enum cred_kind *out)
{
	int	k;

	if ((k = tk_name_index(kind_names, CRED_NKINDS, s)) == -1)
		return (-1);
	*out = (enum cred_kind)k;
	return (0);
}

/* The category given by a set of valid credential kinds, or 0. */
char
category_derive(unsigned int kinds)
{
	int	auth, bach, grunn, test, transl, tao;

	auth = (kinds & CRED_BIT(CRED_AUTHORISATION)) != 0;
	bach = (kinds & CRED_BIT(CRED_BACHELOR)) != 0;
	grunn = (kinds & CRED_BIT(CRED_GRUNNEMNE)) != 0;
	test = (kinds & CRED_BIT(CRED_BILINGUAL_TEST)) != 0;
	transl = (kinds & CRED_BIT(CRED_TRANSLATOR)) != 0;
	tao = (kinds & CRED_BIT(CRED_TAO)) != 0;

	if (auth && bach)
		return ('A');
	if (bach || (auth && grunn))
		return ('B');
	if (auth)
		return ('C');
	if (grunn)
		return ('D');
	if ((test || transl) && tao)
		return ('E');
	return (0);
}

/* Parse "onsite,video,phone" into MOD_* bits. */
int
modalities_parse(const char *field, const char *s, unsigned int *out,
    struct tk_error *err)
{
	const char	*p, *end;
	size_t		 i, len;
	unsigned int	 bits = 0;

	for (p = s; ; p = end + 1) {
		end = strchr(p, ',');
		len = end != NULL ? (size_t)(end - p) : strlen(p);
		for (i = 0; i < sizeof(mod_names) / sizeof(mod_names[0]); i++) {
			if (strlen(mod_names[i].name) == len &&
			    strncmp(p, mod_names[i].name, len) == 0)
				break;
		}
		if (i == sizeof(mod_names) / sizeof(mod_names[0]))
			return (tk_fail(err, TK_E_INVALID, field,
			    "'%s' must be a comma-separated list of onsite,"
			    " video and phone: '%.*s' is none of them", field,
			    (int)len, p));
		bits |= mod_names[i].bit;
		if (end == NULL)
			break;
	}
	*out = bits;
	return (0);
}

/* Format MOD_* bits as a comma-separated list. */
void
modalities_format(unsigned int bits, char *buf, size_t len)
{
	size_t	i;

	if (len == 0)
		return;
	buf[0] = '\0';
	for (i = 0; i < sizeof(mod_names) / sizeof(mod_names[0]); i++) {
		if (bits & mod_names[i].bit) {
			if (buf[0] != '\0')
				strncat(buf, ",", len - strlen(buf) - 1);
			strncat(buf, mod_names[i].name, len - strlen(buf) - 1);
		}
	}
}

/* The CLI spelling of an availability class. */
const char *
availability_name(enum availability a)
{
	if ((unsigned int)a > AVAIL_OCCASIONAL)
		return ("unknown");
	return (avail_names[a]);
}

/* Parse an availability class. */
int
availability_parse(const char *s, enum availability *out)
{
	int	i;

	if ((i = tk_name_index(avail_names, AVAIL_OCCASIONAL + 1, s)) == -1)
		return (-1);
	*out = (enum availability)i;
	return (0);
}

/* The CLI spelling of a listing status. */
const char *
listing_name(enum listing l)
{
	if ((unsigned int)l > LIST_WITHDRAWN)
		return ("unknown");
	return (listing_names[l]);
}

/* Parse a listing status name; -1 if unknown. */
int
listing_parse(const char *s, enum listing *out)
{
	int	i;

	if ((i = tk_name_index(listing_names, LIST_WITHDRAWN + 1, s)) == -1)
		return (-1);
	*out = (enum listing)i;
	return (0);
}

/* The listing status in effect on date today. */
enum listing
listing_effective(enum listing status, const char *until, const char *today)
{
	if (status == LIST_EXCLUDED && until != NULL && until[0] != '\0' &&
	    strcmp(until, today) <= 0)
		return (LIST_LISTED);
	return (status);
}

/* Parse a gender F, M or X (either case). */
int
gender_parse(const char *field, const char *s, char *out,
    struct tk_error *err)
{
	if (s[0] == '\0' || s[1] != '\0' || strchr("FMXfmx", s[0]) == NULL)
		return (tk_fail(err, TK_E_INVALID, field,
		    "'%s' must be F, M or X", field));
	*out = (char)(s[0] >= 'a' ? s[0] - 32 : s[0]);
	return (0);
}

/* SQL tk_credbit(kind): the bit of a kind name, 0 if unknown. */
static void
sql_credbit(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const unsigned char	*t;
	enum cred_kind		 k;

	(void)argc;
	t = sqlite3_value_text(argv[0]);
	if (t == NULL || cred_kind_parse((const char *)t, &k) == -1)
		sqlite3_result_int(ctx, 0);
	else
		sqlite3_result_int(ctx, (int)CRED_BIT(k));
}

/* SQL tk_category(kinds): category_derive(), NULL for none. */
static void
sql_category(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	char	c;

	(void)argc;
	c = category_derive((unsigned int)sqlite3_value_int(argv[0]));
	if (c == 0)
		sqlite3_result_null(ctx);
	else
		sqlite3_result_text(ctx, &c, 1, SQLITE_TRANSIENT);
}

/* SQL tk_listed(status, until, today). */
static void
sql_listed(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const unsigned char	*status, *until, *today;
	enum listing		 l;

	(void)argc;
	status = sqlite3_value_text(argv[0]);
	until = sqlite3_value_text(argv[1]);
	today = sqlite3_value_text(argv[2]);
	if (status == NULL || today == NULL ||
	    listing_parse((const char *)status, &l) == -1) {
		sqlite3_result_int(ctx, 0);
		return;
	}
	sqlite3_result_int(ctx, listing_effective(l, (const char *)until,
	    (const char *)today) == LIST_LISTED);
}

/* SQL tk_modalities(bits): modalities_format(). */
static void
sql_modalities(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	char	buf[32];

	(void)argc;
	modalities_format((unsigned int)sqlite3_value_int(argv[0]), buf,
	    sizeof(buf));
	sqlite3_result_text(ctx, buf, -1, SQLITE_TRANSIENT);
}

/*
 * SQL tk_time(t): an instant as tk_time_format() writes it, for a number
 * of seconds since the epoch or a time as text (the stored UTC form);
 * NULL for NULL, and text that is no time is passed through unchanged.
 */
static void
sql_time(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const unsigned char	*v;
	char			 buf[TIME_BUFLEN];

	(void)argc;
	switch (sqlite3_value_type(argv[0])) {
	case SQLITE_NULL:
		sqlite3_result_null(ctx);
		return;
	case SQLITE_INTEGER:
	case SQLITE_FLOAT:
		tk_time_format((time_t)sqlite3_value_int64(argv[0]), buf);
		break;
	default:
		v = sqlite3_value_text(argv[0]);
		if (tk_time_text((const char *)v, buf) == -1) {
			sqlite3_result_value(ctx, argv[0]);
			return;
		}
		break;
	}
	sqlite3_result_text(ctx, buf, -1, SQLITE_TRANSIENT);
}

/* Register the SQL functions rules.h lists. */
int
rules_register_sql(sqlite3 *db, struct tk_error *err)
{
	static const struct {
		const char	*name;
		int		 nargs;
		void		(*fn)(sqlite3_context *, int,
				    sqlite3_value **);
	} fns[] = {
		{ "tk_credbit", 1, sql_credbit },
		{ "tk_category", 1, sql_category },
		{ "tk_listed", 3, sql_listed },
		{ "tk_modalities", 1, sql_modalities },
		{ "tk_time", 1, sql_time },
	};
	int	flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;
	size_t	i;

	for (i = 0; i < sizeof(fns) / sizeof(fns[0]); i++) {
		if (sqlite3_create_function(db, fns[i].name, fns[i].nargs,
		    flags, NULL, fns[i].fn, NULL, NULL) != SQLITE_OK)
			return (tk_fail(err, TK_E_STORE, NULL,
			    "cannot register SQL functions: %s",
			    sqlite3_errmsg(db)));
	}
	return (0);
}
