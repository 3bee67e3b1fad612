#ifndef TOLKREG_REPORT_H
#define TOLKREG_REPORT_H

#include <stddef.h>
#include <stdio.h>
#include <time.h>

#include "tolkreg/monitor.h"
#include "tolkreg/output.h"

/*
 * The Tolkemonitor reports as people and other systems read them: a
 * SPRÅK or LOV result, the tables monitor_sprak() and monitor_lov()
 * fill, written to a FILE in any of the five formats, so that the
 * monitor commands, the half-yearly export and the HTTP daemon all
 * write the same bytes.
 *
 *  - table, csv, json: the plain renderings of output.h.
 *  - xml: schema/tolkemonitor.xsd (namespace TOLKEMONITOR_NS, root
 *    attribute version="1"): the period, the parameters used, every row
 *    with every column, and for LOV the bodies without guidelines.
 *    Element names are the CSV column names and hold the CSV text; an
 *    undefined value is an empty element with xsi:nil="true".
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

#define TOLKEMONITOR_NS		"urn:no:imdi:tolkreg:tolkemonitor:1"
#define TOLKEMONITOR_VERSION	"1"

struct table;
struct tk_error;

/* What a report was computed from. The caller owns every pointer. */
struct report_info {
	const struct monitor_period	*period;
	enum monitor_by			 by;
	const struct sprak_params	*params;	/* SPRÅK only */
	time_t				 generated;	/* when computed */
};

/*
 * Write SPRÅK table t, as filled by monitor_sprak() for info->period,
 * info->by and info->params, in format fmt. Returns 0, or -1 with
 * TK_E_IO when f cannot be written.
 */
int	report_sprak_write(const struct report_info *, const struct table *t,
	    enum tk_format, FILE *f, struct tk_error *);

/*
 * Write LOV tables groups and no_guidelines, as filled by monitor_lov(),
 * in format fmt. CSV holds the groups only. Returns 0 or -1 (TK_E_IO).
 */
int	report_lov_write(const struct report_info *,
	    const struct table *groups, const struct table *no_guidelines,
	    enum tk_format, FILE *f, struct tk_error *);

/*
 * Validate XML text (len bytes) against the tolkemonitor.xsd built into
 * the program. Returns 0, or -1 with TK_E_INVALID and the first problem.
 */
int	report_xml_validate(const char *xml, size_t len, struct tk_error *);

#endif /* TOLKREG_REPORT_H */
