/*
 * The Tolkemonitor reports as an HTML page with charts (tkmon-html.c).
 */
#ifndef TOLKREG_TKMON_HTML_H
#define TOLKREG_TKMON_HTML_H

#include <stdio.h>

struct monitor_query;
struct table;
struct tk_error;

/* SPRÅK table t as an HTML page to f. Returns 0 or -1 (TK_E_IO). */
int	tkmon_html_sprak(const struct monitor_query *, const struct table *t,
	    FILE *f, struct tk_error *);

/* LOV tables t and top (bodies without guidelines) as an HTML page. */
int	tkmon_html_lov(const struct monitor_query *, const struct table *t,
	    const struct table *top, FILE *f, struct tk_error *);

#endif /* TOLKREG_TKMON_HTML_H */
