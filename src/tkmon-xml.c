/*
 * The Tolkemonitor reports as XML for other systems, following
 * schema/tolkemonitor.xsd (see tkmon.h): the period, the parameters
 * used and every row with every column, the cells of the tables
 * monitor.c fills as they are; and the check of a document against the
 * schema built into the program, which the half-yearly delivery makes
 * before it hands a file on.
 */
#include "config.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xmlschemas.h>

#include "embedded.h"
#include "tkmon-common.h"
#include "tkmon-xml.h"
#include "tolkreg/error.h"
#include "tolkreg/monitor.h"
#include "tolkreg/output.h"
#include "tolkreg/validate.h"
#include "xw.h"

#define XSI_NS		"http://www.w3.org/2001/XMLSchema-instance"

/* The period's first day, YYYY-MM-DD. */
static void
first_day(const struct monitor_period *p, char out[DATE_BUFLEN])
{
	snprintf(out, DATE_BUFLEN, "%04u-%s", (unsigned)p->year % 10000,
	    p->half == 2 ? "07-01" : "01-01");
}

/* The root element of a report document, with its attributes. */
static void
xml_root(struct xw *x, const char *name, const struct monitor_query *q)
{
	char	when[TIME_BUFLEN];

	tk_time_format(q->generated, when);
	xw_document(x);
	xw_starta(x, name, "xmlns", TOLKEMONITOR_NS, "xmlns:xsi", XSI_NS,
	    "version", TOLKEMONITOR_VERSION, "generated", when, "generator",
	    PACKAGE_STRING, (const char *)NULL);
}

/* The <period> element. */
static void
xml_period(struct xw *x, const struct monitor_period *p)
{
	char	day[DATE_BUFLEN];

	first_day(p, day);
	xw_start(x, "period");
	xw_elem(x, "label", p->label);
	xw_elemf(x, "year", "%04d", p->year);
	xw_elemf(x, "half", "%d", p->half);
	xw_elem(x, "first_day", day);
	xw_elem(x, "last_day", p->last_day);
	xw_end(x);
}

/* Every row of t as <row> in a container element, nil for undefined. */
static void
xml_rows(struct xw *x, const char *container, const struct table *t)
{
	const char	*v;
	size_t		 r, c;

	xw_start(x, container);
	for (r = 0; t != NULL && r < table_nrows(t); r++) {
		xw_start(x, "row");
		for (c = 0; c < table_ncols(t); c++) {
			v = table_cell(t, r, c);
			if (*v == '\0' && table_col_type(t, c) != TCOL_STR) {
				xw_starta(x, table_col_name(t, c), "xsi:nil",
				    "true", (const char *)NULL);
				xw_end(x);
			} else
				xw_elem(x, table_col_name(t, c), v);
		}
		xw_end(x);
	}
	xw_end(x);
}

/* SPRÅK as XML. */
int
tkmon_xml_sprak(const struct monitor_query *q, const struct table *t,
    FILE *f, struct tk_error *err)
{
	const struct sprak_params	*sp = q->params;
	struct monitor_period		 prev, year, hist;
	struct xw			 x;

	xw_open(&x, f, 1);
	monitor_period_back(q->period, 1, &prev);
	monitor_period_back(q->period, 2, &year);
	monitor_period_back(q->period, 4, &hist);
	xml_root(&x, "sprak", q);
	xml_period(&x, q->period);
	xw_start(&x, "comparison");
	xw_elem(&x, "previous", prev.label);
	xw_elem(&x, "year_before", year.label);
	xw_elem(&x, "history_from", hist.label);
	xw_end(&x);
	xw_start(&x, "parameters");
	xw_elem(&x, "by", tkmon_by_name(q->by));
	xw_elemf(&x, "hours_full", "%g", sp->hours_full);
	xw_elemf(&x, "hours_part", "%g", sp->hours_part);
	xw_elemf(&x, "hours_occasional", "%g", sp->hours_occasional);
	xw_elemf(&x, "weeks", "%g", MONITOR_WEEKS_HALF);
	xw_elemf(&x, "utilisation", "%g", sp->utilisation);
	xw_elemf(&x, "rising", "%g", sp->rising);
	xw_elemf(&x, "rising_min", "%d", sp->rising_min);
	xw_elemf(&x, "shortage", "%g", sp->shortage);
	xw_end(&x);
	xml_rows(&x, "rows", t);
	return (xw_close(&x, "output", err));
}

/* LOV as XML. */
int
tkmon_xml_lov(const struct monitor_query *q, const struct table *t,
    const struct table *top, FILE *f, struct tk_error *err)
{
	struct xw	x;

	xw_open(&x, f, 1);
	xml_root(&x, "lov", q);
	xml_period(&x, q->period);
	xw_start(&x, "parameters");
	xw_elem(&x, "by", tkmon_by_name(q->by));
	xw_end(&x);
	xml_rows(&x, "rows", t);
	xml_rows(&x, "no_guidelines", top);
	return (xw_close(&x, "output", err));
}

/* Collect libxml2's first message for tkmon_xml_validate(). */
static void
schema_error(void *arg, const char *fmt, ...)
{
	char	*msg = arg;
	va_list	 ap;
	size_t	 n;

	if (msg[0] != '\0')
		return;
	va_start(ap, fmt);
	vsnprintf(msg, 200, fmt, ap);
	va_end(ap);
	n = strlen(msg);
	while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		msg[--n] = '\0';
}

/* Validate XML against the built-in schema. */
int
tkmon_xml_validate(const char *xml, size_t len, struct tk_error *err)
{
	xmlSchemaParserCtxtPtr	 pc;
	xmlSchemaPtr		 schema = NULL;
	xmlSchemaValidCtxtPtr	 vc = NULL;
	xmlDocPtr		 doc = NULL;
	char			 msg[200] = "";
	int			 rc = -1;

	pc = xmlSchemaNewMemParserCtxt(tk_tolkemonitor_xsd,
	    (int)strlen(tk_tolkemonitor_xsd));
	if (pc == NULL)
		return (tk_fail(err, TK_E_INVALID, NULL, "cannot read the"
		    " built-in schema"));
	xmlSchemaSetParserErrors(pc, schema_error, schema_error, msg);
	schema = xmlSchemaParse(pc);
	xmlSchemaFreeParserCtxt(pc);
	if (schema == NULL) {
		tk_fail(err, TK_E_INVALID, NULL, "built-in schema: %s", msg);
		goto out;
	}
	if (len > (size_t)INT32_MAX ||
	    (doc = xmlReadMemory(xml, (int)len, "report.xml", NULL,
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING)) ==
	    NULL) {
		tk_fail(err, TK_E_INVALID, NULL, "report XML is not well"
		    " formed");
		goto out;
	}
	if ((vc = xmlSchemaNewValidCtxt(schema)) == NULL) {
		tk_fail(err, TK_E_INVALID, NULL, "cannot validate: out of"
		    " memory");
		goto out;
	}
	xmlSchemaSetValidErrors(vc, schema_error, schema_error, msg);
	if (xmlSchemaValidateDoc(vc, doc) != 0) {
		tk_fail(err, TK_E_INVALID, NULL, "report XML does not follow"
		    " tolkemonitor.xsd: %s", msg);
		goto out;
	}
	rc = 0;
out:
	xmlSchemaFreeValidCtxt(vc);
	xmlFreeDoc(doc);
	xmlSchemaFree(schema);
	return (rc);
}
