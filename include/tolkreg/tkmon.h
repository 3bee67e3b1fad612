#ifndef TOLKREG_TKMON_H
#define TOLKREG_TKMON_H

#include <stdio.h>

#include "tolkreg/monitor.h"
#include "tolkreg/output.h"

/*
 * The Tolkemonitor rendering: a SPRÅK or LOV result, as monitor_sprak()
 * and monitor_lov() compute it, written to a FILE in any of the five
 * formats, so that the monitor commands, the half-yearly delivery
 * (delivery.h), the HTTP daemon and the web pages all write the same
 * bytes. One file per output: tkmon-xml.c, tkmon-html.c with the
 * charts of tkmon-svg.c, and the common part in tkmon-common.c.
 *
 *  - table, csv, json: the plain renderings of output.h.
 *  - xml: schema/tolkemonitor.xsd (namespace
 *    urn:no:imdi:tolkreg:tolkemonitor:1, root attribute version="1"):
 *    the period, the parameters used, every row with every column, and
 *    for LOV the bodies without guidelines. Element names are the CSV
 *    column names and hold the CSV text; an undefined value is an empty
 *    element with xsi:nil="true". The half-yearly delivery checks each
 *    document against the schema (tkmon-xml.h) before it hands it on.
 *  - html: one self-contained UTF-8 page with Norwegian (bokmål)
 *    labels, no external assets and no scripts, inline SVG charts and
 *    the full table, with print rules for A4.
 *
 * Both XML and HTML are written with the streaming XML writer (xw.h):
 * the HTML is polyglot XHTML that HTML and XML parsers read alike, and
 * every text and attribute value, from the database or not, is escaped
 * by libxml2. Nothing is escaped by hand; the only raw text is the
 * fixed style sheet.
 */

struct store;
struct table;
struct tk_error;

/*
 * Compute SPRÅK for q->period, q->by and q->params (monitor_sprak()) and
 * write it in format fmt: what every front end calls. Returns 0, or -1
 * with the store's error or TK_E_IO when f cannot be written.
 */
int	tkmon_sprak_write(struct store *, const struct monitor_query *q,
	    enum tk_format fmt, FILE *f, struct tk_error *);

/* Compute LOV for q->period and q->by (monitor_lov()) and write it. */
int	tkmon_lov_write(struct store *, const struct monitor_query *q,
	    enum tk_format fmt, FILE *f, struct tk_error *);

/*
 * Write SPRÅK table t, as filled by monitor_sprak() for q->period,
 * q->by and q->params, in format fmt. Returns 0, or -1 with TK_E_IO
 * when f cannot be written.
 */
int	tkmon_sprak_render(const struct monitor_query *q,
	    const struct table *t, enum tk_format fmt, FILE *f,
	    struct tk_error *);

/*
 * Write LOV tables groups and no_guidelines, as filled by monitor_lov(),
 * in format fmt. CSV holds the groups only. Returns 0 or -1 (TK_E_IO).
 */
int	tkmon_lov_render(const struct monitor_query *q,
	    const struct table *groups, const struct table *no_guidelines,
	    enum tk_format fmt, FILE *f, struct tk_error *);

#endif /* TOLKREG_TKMON_H */
