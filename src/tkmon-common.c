/*
 * The common part of the Tolkemonitor rendering (tkmon-common.h): cells
 * by column name and the Norwegian numbers and labels that the HTML
 * tables and the SVG charts show. The numbers are the cells of the
 * tables monitor.c fills, never recomputed here.
 */
#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tkmon-common.h"
#include "tolkreg/monitor.h"
#include "tolkreg/output.h"
#include "tolkreg/xmalloc.h"

/* The name of a breakdown, as in the XML and on the command line. */
const char *
tkmon_by_name(enum monitor_by by)
{
	switch (by) {
	case BY_SECTOR:
		return ("sector");
	case BY_COUNTY:
		return ("county");
	case BY_PROVIDER:
		return ("provider");
	case BY_BODY:
		return ("body");
	case BY_NONE:
		break;
	}
	return ("none");
}

/* The name of the first LOV column for a breakdown. */
const char *
tkmon_lov_key(enum monitor_by by)
{
	return (by == BY_NONE ? "group" : tkmon_by_name(by));
}


/* The cell of row r in the column called name; "" if there is none. */
const char *
tkmon_cell(const struct table *t, size_t r, const char *name)
{
	int	c = table_col_find(t, name);

	return (c < 0 ? "" : table_cell(t, r, (size_t)c));
}

/* A cell as a number; 0 when empty. */
double
tkmon_num(const struct table *t, size_t r, const char *name)
{
	return (strtod(tkmon_cell(t, r, name), NULL));
}

/* A cell as a whole number; 0 when empty. */
long
tkmon_inum(const struct table *t, size_t r, const char *name)
{
	return (strtol(tkmon_cell(t, r, name), NULL, 10));
}

/* snprintf() into a fixed buffer, where cutting a long value is fine. */
static void __attribute__((format(printf, 3, 4)))
strf(char *out, size_t len, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(out, len, fmt, ap);
	va_end(ap);
}

/* A whole number with a no-break space between thousands: "1 341 610". */
const char *
tkmon_fmt_int(long v, char out[NUMBUF])
{
	char	digits[24];
	size_t	n, i, o = 0;

	snprintf(digits, sizeof(digits), "%lu", v < 0 ? -(unsigned long)v :
	    (unsigned long)v);
	n = strlen(digits);
	if (v < 0)
		o += (size_t)snprintf(out, NUMBUF, "%s", MINUS);
	for (i = 0; i < n && o + 4 < NUMBUF; i++) {
		if (i > 0 && (n - i) % 3 == 0 && n > 4) {
			memcpy(out + o, NBSP, 2);
			o += 2;
		}
		out[o++] = digits[i];
	}
	out[o] = '\0';
	return (out);
}

/* A number with d decimals and a decimal comma; minus as U+2212. */
const char *
tkmon_fmt_dec(double v, int d, char out[NUMBUF])
{
	char	tmp[NUMBUF], whole[NUMBUF], *p;

	snprintf(tmp, sizeof(tmp), "%.*f", d, fabs(v));
	tkmon_fmt_int(strtol(tmp, &p, 10), whole);
	strf(out, NUMBUF, "%s%s%s%s", v < 0 && strtod(tmp, NULL) != 0 ?
	    MINUS : "", whole, *p == '.' ? "," : "", *p == '.' ? p + 1 : "");
	return (out);
}

/* A share as per cent, "75,0 %", or "–" when undefined (empty). */
const char *
tkmon_fmt_pct(const char *cellv, int d, char out[NUMBUF])
{
	char	tmp[NUMBUF];

	if (*cellv == '\0')
		return ("\xe2\x80\x93");	/* en dash */
	tkmon_fmt_dec(strtod(cellv, NULL) * 100.0, d, tmp);
	strf(out, NUMBUF, "%s" NBSP "%%", tmp);
	return (out);
}

/* A change as signed per cent, "+150,0 %", or "–" when undefined. */
const char *
tkmon_fmt_change(const char *cellv, int d, char out[NUMBUF])
{
	char	tmp[NUMBUF], r[NUMBUF];

	if (*cellv == '\0')
		return ("\xe2\x80\x93");
	snprintf(r, sizeof(r), "%.*f", d, strtod(cellv, NULL) * 100.0);
	tkmon_fmt_pct(cellv, d, tmp);
	strf(out, NUMBUF, "%s%s", strtod(r, NULL) > 0 ? "+" : "", tmp);
	return (out);
}

/* The first max code points of s, with "…" if cut. */
char *
tkmon_clip(const char *s, size_t max)
{
	size_t	i, n = 0;

	for (i = 0; s[i] != '\0'; i++) {
		if (((unsigned char)s[i] & 0xc0) != 0x80 && n++ == max) {
			char	*r = xmalloc(i + 4);

			memcpy(r, s, i);
			memcpy(r + i, "\xe2\x80\xa6", 4);
			return (r);
		}
	}
	return (xstrdup(s));
}

/* The Norwegian name of a sector. */
const char *
tkmon_sector_nb(const char *s)
{
	static const char *const map[][2] = {
		{ "health", "helse" },
		{ "welfare", "NAV og velferd" },
		{ "police", "politi" },
		{ "courts", "domstoler" },
		{ "immigration", "utlendingsforvaltning" },
		{ "child-welfare", "barnevern" },
		{ "education", "utdanning" },
		{ "municipal", "kommunale tjenester" },
		{ "other", "annet" },
	};
	size_t	i;

	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
		if (strcmp(map[i][0], s) == 0)
			return (map[i][1]);
	}
	return (s);
}

/* The flags of a SPRÅK row in Norwegian: "NY, MANGEL". */
void
tkmon_flags_nb(const char *flag, char *out, size_t len)
{
	out[0] = '\0';
	if (strstr(flag, "NEW") != NULL)
		snprintf(out + strlen(out), len - strlen(out), "NY");
	if (strstr(flag, "RISING") != NULL)
		snprintf(out + strlen(out), len - strlen(out), "%s\xc3\x98KENDE",
		    out[0] != '\0' ? ", " : "");
	if (strstr(flag, "SHORTAGE") != NULL)
		snprintf(out + strlen(out), len - strlen(out), "%sMANGEL",
		    out[0] != '\0' ? ", " : "");
}

/* The label of SPRÅK or LOV group value g in breakdown by. */
char *
tkmon_group_label(enum monitor_by by, const char *g)
{
	char	*s;

	switch (by) {
	case BY_SECTOR:
		return (xstrdup(tkmon_sector_nb(g)));
	case BY_COUNTY:
		xasprintf(&s, "fylke %s", g);
		return (s);
	case BY_NONE:
		if (strcmp(g, "all") == 0)
			return (xstrdup("Alle"));
		break;
	case BY_PROVIDER:
		if (strcmp(g, "in-house") == 0)
			return (xstrdup("egen tolketjeneste"));
		if (strcmp(g, "public-service") == 0)
			return (xstrdup("offentlig tolketjeneste"));
		if (strcmp(g, "private-agency") == 0)
			return (xstrdup("privat tolkeformidler"));
		if (strcmp(g, "tolkreg") == 0)
			return (xstrdup("bestilt i tolkreg"));
		break;
	case BY_BODY:
		break;
	}
	return (xstrdup(g));
}

/* The SPRÅK rows of t; *n gets their number. Owned: tkmon_srows_free(). */
struct tkmon_srow *
tkmon_srows_load(const struct monitor_query *q, const struct table *t,
    size_t *n)
{
	struct tkmon_srow	*v;
	const char		*gcol;
	char			*g;
	size_t			 r;

	*n = table_nrows(t);
	v = xcalloc(*n + 1, sizeof(*v));
	gcol = q->by == BY_SECTOR ? "sector" : q->by == BY_COUNTY ?
	    "county" : NULL;
	for (r = 0; r < *n; r++) {
		if (gcol != NULL) {
			g = tkmon_group_label(q->by, tkmon_cell(t, r, gcol));
			xasprintf(&v[r].full, "%s (%s)",
			    tkmon_cell(t, r, "language_name"), g);
			free(g);
		} else
			v[r].full = xstrdup(tkmon_cell(t, r,
			    "language_name"));
		v[r].label = tkmon_clip(v[r].full, 26);
		v[r].requests = tkmon_inum(t, r, "requests");
		v[r].filled = tkmon_inum(t, r, "filled");
		v[r].fq = tkmon_inum(t, r, "filled_qualified");
		v[r].fac = tkmon_inum(t, r, "filled_a") +
		    tkmon_inum(t, r, "filled_b") + tkmon_inum(t, r, "filled_c");
		v[r].fde = tkmon_inum(t, r, "filled_d") +
		    tkmon_inum(t, r, "filled_e");
		v[r].needed = tkmon_inum(t, r, "interpreters_needed");
		v[r].coverage = tkmon_num(t, r, "coverage");
		v[r].qshare = tkmon_cell(t, r, "qualified_share");
		v[r].change = tkmon_cell(t, r, "change_prev");
		v[r].flag = tkmon_cell(t, r, "flag");
	}
	return (v);
}

void
tkmon_srows_free(struct tkmon_srow *v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(v[i].label);
		free(v[i].full);
	}
	free(v);
}
