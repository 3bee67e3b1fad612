/*
 * Paging of lists: the limit, the cursor and its encoding, and the
 * stepping that stops after a page and says where the next begins. The
 * rule is here once; the CLI (args.c, cmd.c) and tolkregd (http.c)
 * only read the limit and the cursor from their input and show next.
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tolkreg/error.h"
#include "tolkreg/page.h"

static const char	hexdig[] = "0123456789ABCDEF";

/* Whether byte c stands for itself in a cursor's text field. */
static int
plain(unsigned char c)
{
	return ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	    (c >= '0' && c <= '9') || c == '-' || c == '_');
}

/* The value of hex digit c, or -1. */
static int
hexval(char c)
{
	const char	*p;

	if (c == '\0' || (p = strchr(hexdig, c)) == NULL)
		return (-1);
	return ((int)(p - hexdig));
}

/* Fail for a cursor that is not one of this list. */
static int
bad_cursor(struct tk_error *err)
{
	return (tk_fail(err, TK_E_INVALID, "after", "'after' is not a"
	    " cursor of this list; use the one the previous page gave"));
}

/* Parse the limit and the cursor. */
int
page_parse(struct page *pg, const char *limit, const char *after,
    size_t deflimit, size_t max, struct tk_error *err)
{
	unsigned long long	 v;
	const char		*p;
	char			*end;

	memset(pg, 0, sizeof(*pg));
	pg->limit = deflimit;
	if (limit != NULL) {
		for (p = limit; *p >= '0' && *p <= '9'; p++)
			;
		errno = 0;
		v = strtoull(limit, &end, 10);
		if (*limit == '\0' || *p != '\0' || errno != 0 ||
		    (max != 0 && (v < 1 || v > max))) {
			if (max != 0)
				return (tk_fail(err, TK_E_INVALID, "limit",
				    "'limit' must be a whole number from 1"
				    " to %zu", max));
			return (tk_fail(err, TK_E_INVALID, "limit",
			    "'limit' must be a whole number (0: all rows)"));
		}
		pg->limit = (size_t)v;
	}
	if (after != NULL) {
		if (*after == '\0' || strlen(after) >= PAGE_CURSOR_MAX)
			return (bad_cursor(err));
		for (p = after; *p != '\0'; p++) {
			if (*p == '~' && hexval(p[1]) != -1 &&
			    hexval(p[2]) != -1)
				p += 2;
			else if (!plain((unsigned char)*p) && *p != '.')
				return (bad_cursor(err));
		}
		pg->after = after;
	}
	return (0);
}

/*
 * Decode field i of cursor c into buf (len bytes): a whole number's
 * digits or a text's bytes. -1 if it is not of kind k.
 */
static int
field_decode(const char *c, size_t i, char k, char *buf, size_t len)
{
	const char	*p = c, *e;
	size_t		 n = 0;

	for (; i > 0; i--) {
		if ((p = strchr(p, '.')) == NULL)
			return (-1);
		p++;
	}
	if ((e = strchr(p, '.')) == NULL)
		e = p + strlen(p);
	for (; p < e; p++) {
		if (n + 1 >= len)
			return (-1);
		if (*p == '~') {
			if (p + 2 >= e || hexval(p[1]) == -1 ||
			    hexval(p[2]) == -1)
				return (-1);
			buf[n++] = (char)(hexval(p[1]) * 16 + hexval(p[2]));
			p += 2;
		} else
			buf[n++] = *p;
	}
	buf[n] = '\0';
	if (k == 'i') {
		if (n == 0 || strlen(buf) != n ||
		    (buf[0] == '-' ? buf[1] == '\0' : 0))
			return (-1);
		for (p = buf[0] == '-' ? buf + 1 : buf; *p != '\0'; p++)
			if (*p < '0' || *p > '9')
				return (-1);
	} else if (strlen(buf) != n)
		return (-1);	/* a NUL byte */
	return (0);
}

/* The statement for the page: with the cursor's condition or without. */
const char *
page_sql(const struct page *pg, const char *sql, const char *after_sql)
{
	return (pg != NULL && pg->after != NULL ? after_sql : sql);
}

/* Bind the cursor and the limit. */
int
page_bind(struct page *pg, sqlite3_stmt *s, int first, const char *key,
    struct tk_error *err)
{
	char		 buf[PAGE_CURSOR_MAX];
	const char	*p;
	long long	 v;
	size_t		 i, nkey = strlen(key), ndots = 0;
	char		*end;

	if (pg == NULL) {
		sqlite3_bind_int64(s, first + (int)nkey, -1);
		return (0);
	}
	/* The cursor may be the previous page's next: read it first. */
	if (pg->after != NULL) {
		for (p = pg->after; *p != '\0'; p++)
			ndots += *p == '.';
		if (ndots + 1 != nkey)
			return (bad_cursor(err));
		for (i = 0; i < nkey; i++) {
			if (field_decode(pg->after, i, key[i], buf,
			    sizeof(buf)) == -1)
				return (bad_cursor(err));
			if (key[i] == 'i') {
				errno = 0;
				v = strtoll(buf, &end, 10);
				if (errno != 0 || *end != '\0')
					return (bad_cursor(err));
				sqlite3_bind_int64(s, first + (int)i,
				    (sqlite3_int64)v);
			} else
				sqlite3_bind_text(s, first + (int)i, buf, -1,
				    SQLITE_TRANSIENT);
		}
	}
	pg->n = 0;
	pg->next[0] = '\0';
	pg->last[0] = '\0';
	if (pg->limit == 0 || pg->limit >= (size_t)INT64_MAX)
		sqlite3_bind_int64(s, first + (int)nkey, -1);
	else
		sqlite3_bind_int64(s, first + (int)nkey,
		    (sqlite3_int64)pg->limit + 1);
	return (0);
}

/* Append text v to buf as a cursor field. */
static void
field_encode(char *buf, size_t len, const char *v)
{
	size_t	n = strlen(buf);

	for (; *v != '\0' && n + 4 < len; v++) {
		if (plain((unsigned char)*v))
			buf[n++] = *v;
		else {
			buf[n++] = '~';
			buf[n++] = hexdig[(unsigned char)*v >> 4];
			buf[n++] = hexdig[(unsigned char)*v & 0xf];
		}
	}
	buf[n] = '\0';
}

/* Write the cursor of the given key values. */
void
page_cursor(char *buf, size_t len, const char *key,
    const char *const *values)
{
	size_t	i;

	buf[0] = '\0';
	for (i = 0; key[i] != '\0'; i++) {
		if (i > 0 && strlen(buf) + 1 < len)
			strcat(buf, ".");
		field_encode(buf, len, values[i] != NULL ? values[i] : "");
	}
}

/* Step, stopping after a full page. */
int
page_step(struct page *pg, sqlite3_stmt *s, int keycol, const char *key)
{
	const char		*values[PAGE_KEY_MAX];
	const unsigned char	*t;
	size_t			 i;
	int			 rc;

	if ((rc = sqlite3_step(s)) != SQLITE_ROW || pg == NULL)
		return (rc);
	if (pg->limit != 0 && pg->n >= pg->limit) {
		/* A row beyond the page: the next page begins here. */
		memcpy(pg->next, pg->last, sizeof(pg->next));
		return (SQLITE_DONE);
	}
	pg->n++;
	if (pg->limit != 0 && pg->n == pg->limit) {
		for (i = 0; key[i] != '\0' && i < PAGE_KEY_MAX; i++) {
			t = sqlite3_column_text(s, keycol + (int)i);
			values[i] = t != NULL ? (const char *)t : "";
		}
		page_cursor(pg->last, sizeof(pg->last), key, values);
	}
	return (SQLITE_ROW);
}
