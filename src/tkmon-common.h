/*
 * What the outputs of the Tolkemonitor rendering (tkmon-xml.c,
 * tkmon-html.c, tkmon-svg.c) share: the cells of the tables monitor.c
 * fills, read by column name, and the numbers and labels the Norwegian
 * way (decimal comma, per cent, spaces between thousands, sectors and
 * flags in bokmål).
 */
#ifndef TOLKREG_TKMON_COMMON_H
#define TOLKREG_TKMON_COMMON_H

#include <stddef.h>

#include "tolkreg/monitor.h"

struct table;

#define NBSP		"\xc2\xa0"	/* U+00A0 no-break space */
#define MINUS		"\xe2\x88\x92"	/* U+2212 minus sign */

/* The size of a buffer for one formatted number. */
#define NUMBUF		48

/* The name of a breakdown, as in the XML and on the command line. */
const char	*tkmon_by_name(enum monitor_by);

/* The name of the first LOV column for a breakdown. */
const char	*tkmon_lov_key(enum monitor_by);

/* The cell of row r in the column called name; "" if none. Borrowed. */
const char	*tkmon_cell(const struct table *, size_t r, const char *name);

/* A cell as a number, or a whole number; 0 when empty. */
double		 tkmon_num(const struct table *, size_t r, const char *name);
long		 tkmon_inum(const struct table *, size_t r, const char *name);

/*
 * Numbers written into out, which is returned (or a static "–" for an
 * undefined share or change): a whole number with a no-break space
 * between thousands, "1 341 610"; with d decimals and a decimal comma;
 * a share as per cent, "75,0 %"; a change as signed per cent,
 * "+150,0 %". Minus is U+2212.
 */
const char	*tkmon_fmt_int(long, char out[NUMBUF]);
const char	*tkmon_fmt_dec(double, int d, char out[NUMBUF]);
const char	*tkmon_fmt_pct(const char *cell, int d, char out[NUMBUF]);
const char	*tkmon_fmt_change(const char *cell, int d, char out[NUMBUF]);

/* The first max code points of s, with "…" if cut. Owned. */
char		*tkmon_clip(const char *s, size_t max);

/* The Norwegian name of a sector. Static, or s itself. */
const char	*tkmon_sector_nb(const char *s);

/* The flags of a SPRÅK row in Norwegian, "NY, MANGEL", into out. */
void		 tkmon_flags_nb(const char *flag, char *out, size_t len);

/* The label of SPRÅK or LOV group value g in breakdown by. Owned. */
char		*tkmon_group_label(enum monitor_by, const char *g);

/* One SPRÅK row as the charts and tables need it. */
struct tkmon_srow {
	char		*label;		/* language, and group; clipped */
	char		*full;		/* the same, whole */
	long		 requests, filled, fq, fac, fde, needed;
	double		 coverage;
	const char	*qshare, *change, *flag;	/* borrowed cells */
};

/* The SPRÅK rows of t; *n gets their number. Owned: tkmon_srows_free(). */
struct tkmon_srow *tkmon_srows_load(const struct monitor_query *,
		    const struct table *t, size_t *n);
void		 tkmon_srows_free(struct tkmon_srow *, size_t n);

#endif /* TOLKREG_TKMON_COMMON_H */
