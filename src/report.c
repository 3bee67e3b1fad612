/*
 * Tolkemonitor SPRÅK and LOV written for people and for other systems:
 * XML following schema/tolkemonitor.xsd and a self-contained HTML page
 * with charts, both streamed through the XML writer of xw.h so that
 * every value is escaped by libxml2 (see report.h). The numbers are
 * the cells of the tables monitor.c fills, never recomputed here: the
 * XML carries them as they are, the HTML formats them the Norwegian way
 * (decimal comma, per cent, spaces between thousands) and adds up
 * counts for its key figures.
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xmlschemas.h>

#include "embedded.h"
#include "tolkreg/error.h"
#include "tolkreg/monitor.h"
#include "tolkreg/output.h"
#include "tolkreg/report.h"
#include "tolkreg/validate.h"
#include "tolkreg/xmalloc.h"
#include "xw.h"

#define XSI_NS		"http://www.w3.org/2001/XMLSchema-instance"
#define XHTML_NS	"http://www.w3.org/1999/xhtml"
#define SVG_NS		"http://www.w3.org/2000/svg"
#define NBSP		"\xc2\xa0"	/* U+00A0 no-break space */
#define MINUS		"\xe2\x88\x92"	/* U+2212 minus sign */

/* Charts show at most this many rows. */
#define CHART_ROWS	15
#define FLAGGED_ROWS	20

/* HTML element name holding text s, with an end tag even when empty. */
static void
html_elem(struct xw *x, const char *name, const char *cls, const char *s)
{
	xw_start(x, name);
	if (cls != NULL)
		xw_attr(x, "class", cls);
	xw_text(x, s);
	xw_fend(x);
}

/* The name of a breakdown, as in the XML and on the command line. */
static const char *
by_name(enum monitor_by by)
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

/* The period's first day, YYYY-MM-DD. */
static void
first_day(const struct monitor_period *p, char out[DATE_BUFLEN])
{
	snprintf(out, DATE_BUFLEN, "%04u-%s", (unsigned)p->year % 10000,
	    p->half == 2 ? "07-01" : "01-01");
}

/* The cell of row r in the column called name; "" if there is none. */
static const char *
cell(const struct table *t, size_t r, const char *name)
{
	int	c = table_col_find(t, name);

	return (c < 0 ? "" : table_cell(t, r, (size_t)c));
}

/* A cell as a number; 0 when empty. */
static double
num(const struct table *t, size_t r, const char *name)
{
	return (strtod(cell(t, r, name), NULL));
}

/* A cell as a whole number; 0 when empty. */
static long
inum(const struct table *t, size_t r, const char *name)
{
	return (strtol(cell(t, r, name), NULL, 10));
}

/* ------------------------------------------------------------------ */
/* XML                                                                 */

/* The root element of a report document, with its attributes. */
static void
xml_root(struct xw *x, const char *name, const struct report_info *ri)
{
	char	when[TIME_BUFLEN];

	tk_time_format(ri->generated, when);
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
static int
sprak_xml(const struct report_info *ri, const struct table *t, FILE *f,
    struct tk_error *err)
{
	const struct sprak_params	*sp = ri->params;
	struct monitor_period		 prev, year, hist;
	struct xw			 x;

	xw_open(&x, f, 1);
	monitor_period_back(ri->period, 1, &prev);
	monitor_period_back(ri->period, 2, &year);
	monitor_period_back(ri->period, 4, &hist);
	xml_root(&x, "sprak", ri);
	xml_period(&x, ri->period);
	xw_start(&x, "comparison");
	xw_elem(&x, "previous", prev.label);
	xw_elem(&x, "year_before", year.label);
	xw_elem(&x, "history_from", hist.label);
	xw_end(&x);
	xw_start(&x, "parameters");
	xw_elem(&x, "by", by_name(ri->by));
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
static int
lov_xml(const struct report_info *ri, const struct table *t,
    const struct table *top, FILE *f, struct tk_error *err)
{
	struct xw	x;

	xw_open(&x, f, 1);
	xml_root(&x, "lov", ri);
	xml_period(&x, ri->period);
	xw_start(&x, "parameters");
	xw_elem(&x, "by", by_name(ri->by));
	xw_end(&x);
	xml_rows(&x, "rows", t);
	xml_rows(&x, "no_guidelines", top);
	return (xw_close(&x, "output", err));
}

/* Collect libxml2's first message for report_xml_validate(). */
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
report_xml_validate(const char *xml, size_t len, struct tk_error *err)
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

/* ------------------------------------------------------------------ */
/* Numbers the Norwegian way                                           */

#define NUMBUF	48

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
static const char *
fmt_int(long v, char out[NUMBUF])
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
static const char *
fmt_dec(double v, int d, char out[NUMBUF])
{
	char	tmp[NUMBUF], whole[NUMBUF], *p;

	snprintf(tmp, sizeof(tmp), "%.*f", d, fabs(v));
	fmt_int(strtol(tmp, &p, 10), whole);
	strf(out, NUMBUF, "%s%s%s%s", v < 0 && strtod(tmp, NULL) != 0 ?
	    MINUS : "", whole, *p == '.' ? "," : "", *p == '.' ? p + 1 : "");
	return (out);
}

/* A share as per cent, "75,0 %", or "–" when undefined (empty). */
static const char *
fmt_pct(const char *cellv, int d, char out[NUMBUF])
{
	char	tmp[NUMBUF];

	if (*cellv == '\0')
		return ("\xe2\x80\x93");	/* en dash */
	fmt_dec(strtod(cellv, NULL) * 100.0, d, tmp);
	strf(out, NUMBUF, "%s" NBSP "%%", tmp);
	return (out);
}

/* A change as signed per cent, "+150,0 %", or "–" when undefined. */
static const char *
fmt_change(const char *cellv, int d, char out[NUMBUF])
{
	char	tmp[NUMBUF], r[NUMBUF];

	if (*cellv == '\0')
		return ("\xe2\x80\x93");
	snprintf(r, sizeof(r), "%.*f", d, strtod(cellv, NULL) * 100.0);
	fmt_pct(cellv, d, tmp);
	strf(out, NUMBUF, "%s%s", strtod(r, NULL) > 0 ? "+" : "", tmp);
	return (out);
}

/* The first max code points of s, with "…" if cut. */
static char *
clip(const char *s, size_t max)
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
static const char *
sector_nb(const char *s)
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
static void
flags_nb(const char *flag, char *out, size_t len)
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

/* The period in words: "første halvår 2026", or "2026". */
static void
period_nb(const struct monitor_period *p, char *out, size_t len)
{
	if (p->half == 0)
		snprintf(out, len, "%04d", p->year);
	else
		snprintf(out, len, "%s halv\xc3\xa5r %04d", p->half == 1 ?
		    "f\xc3\xb8rste" : "andre", p->year);
}

/* The period's days in words: "1. januar–30. juni 2026". */
static void
days_nb(const struct monitor_period *p, char *out, size_t len)
{
	snprintf(out, len, "1. %s\xe2\x80\x93%s %04d", p->half == 2 ?
	    "juli" : "januar", p->half == 1 ? "30. juni" : "31. desember",
	    p->year);
}

/* ------------------------------------------------------------------ */
/* HTML                                                                */

/*
 * The style sheet, written raw: it must hold no '<' or '&'. A4 with
 * margins leaves 182 mm; the charts are drawn 680 units wide and scale.
 */
static const char css[] =
	"\n@page { size: A4; margin: 14mm 14mm 16mm 14mm; }\n"
	"html { color: #1d2733; background: #fff;"
	" font-family: \"Liberation Sans\", \"Helvetica Neue\", Arial,"
	" sans-serif; }\n"
	"body { max-width: 182mm; margin: 0 auto; padding: 10mm 4mm;"
	" font-size: 10.5pt; line-height: 1.4; }\n"
	"header { border-bottom: 2px solid #1f5f8b; margin-bottom: 10pt; }\n"
	".kicker { margin: 0; font-size: 8pt; letter-spacing: .08em;"
	" text-transform: uppercase; color: #5b6673; }\n"
	"h1 { font-size: 20pt; line-height: 1.15; margin: 2pt 0 4pt; }\n"
	"h2 { font-size: 13pt; margin: 16pt 0 4pt; color: #1f5f8b; }\n"
	"h3 { font-size: 10.5pt; margin: 10pt 0 3pt; }\n"
	".lead { margin: 0 0 8pt; color: #3a4552; }\n"
	".keys { display: grid; grid-template-columns: repeat(3, 1fr);"
	" gap: 6pt; margin: 8pt 0; }\n"
	".key { border: 1px solid #d5dde5; border-radius: 3pt;"
	" padding: 5pt 8pt; }\n"
	".key .v { display: block; font-size: 16pt; font-weight: bold; }\n"
	".key .l { display: block; font-size: 8.5pt; color: #5b6673; }\n"
	"figure { margin: 4pt 0 10pt; break-inside: avoid;"
	" page-break-inside: avoid; }\n"
	"figcaption { font-size: 8.5pt; color: #5b6673; margin-top: 2pt; }\n"
	"svg.chart { display: block; width: 100%; height: auto; }\n"
	"svg.chart text { font-size: 11px; fill: #1d2733; }\n"
	"svg.chart .muted { fill: #5b6673; font-size: 10px; }\n"
	"svg.chart .grid { stroke: #d5dde5; stroke-width: 1; }\n"
	"svg.chart .axis { stroke: #1d2733; stroke-width: 1; }\n"
	"svg.chart .limit { stroke: #b3261e; stroke-width: 1.5;"
	" stroke-dasharray: 4 3; }\n"
	"svg.chart .bar { fill: #1f5f8b; }\n"
	"svg.chart .bar2 { fill: #8fb4d1; }\n"
	"svg.chart .bar3 { fill: #d9e3ec; }\n"
	"svg.chart .up { fill: #b85c1a; }\n"
	"svg.chart .down { fill: #1f5f8b; }\n"
	"svg.chart .warn { fill: #b3261e; }\n"
	"svg.chart .flag { font-weight: bold; fill: #b3261e; }\n"
	"table { border-collapse: collapse; width: 100%; font-size: 7.5pt;"
	" margin: 4pt 0 8pt; }\n"
	"th, td { padding: 2pt 3pt; border-bottom: 1px solid #e1e6eb;"
	" vertical-align: bottom; }\n"
	"th { text-align: left; background: #eef2f6; font-weight: bold; }\n"
	".n { text-align: right; font-variant-numeric: tabular-nums;"
	" white-space: nowrap; }\n"
	"td.flag { font-weight: bold; color: #b3261e; white-space: nowrap; }\n"
	"thead { display: table-header-group; }\n"
	"tr { break-inside: avoid; page-break-inside: avoid; }\n"
	"dl { font-size: 9pt; margin: 4pt 0; }\n"
	"dt { font-weight: bold; margin-top: 4pt; }\n"
	"dd { margin: 0 0 0 12pt; }\n"
	"footer { margin-top: 14pt; padding-top: 4pt; font-size: 8pt;"
	" color: #5b6673; border-top: 1px solid #d5dde5; }\n"
	"@media print {\n"
	"  html, body { background: #fff; }\n"
	"  body { max-width: none; padding: 0; font-size: 9.5pt; }\n"
	"  * { -webkit-print-color-adjust: exact; print-color-adjust:"
	" exact; }\n"
	"  h2, h3 { break-after: avoid; page-break-after: avoid; }\n"
	"  section.tables { break-before: page; page-break-before: always; }\n"
	"  .keys { grid-template-columns: repeat(3, 1fr); }\n"
	"}\n";

/* <!DOCTYPE html>, <html> and <head> with title; leaves <body> open. */
static void
html_head(struct xw *x, const char *title)
{
	xw_dtd(x, "html");
	xw_starta(x, "html", "xmlns", XHTML_NS, "lang", "nb", "xml:lang",
	    "nb", (const char *)NULL);
	xw_start(x, "head");
	xw_starta(x, "meta", "charset", "utf-8", (const char *)NULL);
	xw_end(x);
	xw_starta(x, "meta", "name", "viewport", "content",
	    "width=device-width, initial-scale=1", (const char *)NULL);
	xw_end(x);
	xw_starta(x, "meta", "name", "generator", "content", PACKAGE_STRING,
	    (const char *)NULL);
	xw_end(x);
	html_elem(x, "title", NULL, title);
	xw_start(x, "style");
	xw_raw(x, css);
	xw_fend(x);
	xw_fend(x);	/* head */
	xw_start(x, "body");
}

/* "2026-11-23T07:29:21+01:00" as "23. november 2026 kl. 07.29". */
static const char *
when_nb(const char *iso, char *out, size_t len)
{
	static const char *const months[] = { "januar", "februar", "mars",
	    "april", "mai", "juni", "juli", "august", "september", "oktober",
	    "november", "desember" };
	int	m = atoi(iso + 5);

	if (m < 1 || m > 12 || strlen(iso) < 16)
		return (iso);
	snprintf(out, len, "%d. %s %.4s kl. %.2s.%.2s", atoi(iso + 8),
	    months[m - 1], iso, iso + 11, iso + 14);
	return (out);
}

/* The page header: kicker, heading and lead paragraph. */
static void
html_header(struct xw *x, const char *h1, const char *lead)
{
	xw_start(x, "header");
	html_elem(x, "p", "kicker", "IMDi \xc2\xb7 Nasjonalt tolkeregister"
	    " \xc2\xb7 Tolkemonitor");
	html_elem(x, "h1", NULL, h1);
	html_elem(x, "p", "lead", lead);
	xw_fend(x);
}

/* One key figure box. */
static void
html_key(struct xw *x, const char *value, const char *label)
{
	xw_starta(x, "div", "class", "key", (const char *)NULL);
	html_elem(x, "span", "v", value);
	html_elem(x, "span", "l", label);
	xw_fend(x);
}

/* The footer, with the time the report was computed. */
static void
html_footer(struct xw *x, const struct report_info *ri)
{
	char	when[TIME_BUFLEN], nb[64], *s;

	tk_time_format(ri->generated, when);
	xw_start(x, "footer");
	xw_start(x, "p");
	/* Mixed content: no indentation inside the paragraph. */
	xw_indent(x, 0);
	xw_text(x, "Beregnet ");
	xw_starta(x, "time", "datetime", when, (const char *)NULL);
	xw_text(x, when_nb(when, nb, sizeof(nb)));
	xw_fend(x);
	xasprintf(&s, " av %s fra oppdragene i tolkeregisteret. Definisjonene"
	    " av hver indikator st\xc3\xa5r i tolkreg-monitor(7).",
	    PACKAGE_STRING);
	xw_text(x, s);
	free(s);
	xw_fend(x);
	xw_indent(x, 1);
	xw_fend(x);
}

/* Open an inline SVG chart with its id, size, title and description. */
static void
svg_open(struct xw *x, const char *id, int height, const char *title,
    const char *desc)
{
	char	*ids, *tid, *did;

	xasprintf(&tid, "%s-title", id);
	xasprintf(&did, "%s-desc", id);
	xasprintf(&ids, "%s %s", tid, did);
	xw_starta(x, "svg", "xmlns", SVG_NS, "id", id, "class", "chart",
	    "role", "img", "aria-labelledby", ids, (const char *)NULL);
	xw_attrf(x, "viewBox", "0 0 680 %d", height);
	xw_attr(x, "width", "680");
	xw_attrf(x, "height", "%d", height);
	xw_starta(x, "title", "id", tid, (const char *)NULL);
	xw_text(x, title);
	xw_fend(x);
	xw_starta(x, "desc", "id", did, (const char *)NULL);
	xw_text(x, desc);
	xw_fend(x);
	free(ids);
	free(tid);
	free(did);
}

/* An SVG <text> at (tx, ty) with anchor and class (either may be NULL). */
static void
svg_text(struct xw *x, double tx, double ty, const char *anchor,
    const char *cls, const char *s)
{
	xw_start(x, "text");
	xw_attrf(x, "x", "%.1f", tx);
	xw_attrf(x, "y", "%.1f", ty);
	xw_attr(x, "text-anchor", anchor);
	xw_attr(x, "class", cls);
	xw_text(x, s);
	xw_fend(x);
}

/* An SVG <rect>. */
static void
svg_rect(struct xw *x, double rx, double ry, double w, double h,
    const char *cls)
{
	xw_start(x, "rect");
	xw_attrf(x, "x", "%.1f", rx);
	xw_attrf(x, "y", "%.1f", ry);
	xw_attrf(x, "width", "%.1f", w < 0 ? 0 : w);
	xw_attrf(x, "height", "%.1f", h);
	xw_attr(x, "class", cls);
	xw_end(x);
}

/* An SVG <line>. */
static void
svg_line(struct xw *x, double x1, double y1, double x2, double y2,
    const char *cls)
{
	xw_start(x, "line");
	xw_attrf(x, "x1", "%.1f", x1);
	xw_attrf(x, "y1", "%.1f", y1);
	xw_attrf(x, "x2", "%.1f", x2);
	xw_attrf(x, "y2", "%.1f", y2);
	xw_attr(x, "class", cls);
	xw_end(x);
}

/* A <g> for one row of a chart, with a tooltip title. */
static void
svg_row(struct xw *x, const char *tip)
{
	xw_start(x, "g");
	xw_start(x, "title");
	xw_text(x, tip);
	xw_fend(x);
}

/* A one-line chart saying there is nothing to draw. */
static void
svg_empty(struct xw *x, const char *id, const char *title,
    const char *what)
{
	svg_open(x, id, 36, title, what);
	svg_text(x, 0, 22, NULL, "muted", what);
	xw_fend(x);
}

/* A small legend square and its label at (lx, ly). */
static double
svg_legend(struct xw *x, double lx, double ly, const char *cls,
    const char *label)
{
	svg_rect(x, lx, ly - 9, 10, 10, cls);
	svg_text(x, lx + 14, ly, NULL, "muted", label);
	return (lx + 24 + 6.0 * (double)strlen(label));
}

/* Vertical grid lines with per-cent labels for a share axis. */
static void
svg_share_grid(struct xw *x, double x0, double w, double top, double bottom)
{
	char	lab[16];
	int	i;

	for (i = 0; i <= 4; i++) {
		snprintf(lab, sizeof(lab), "%d" NBSP "%%", i * 25);
		svg_line(x, x0 + w * i / 4, top - 4, x0 + w * i / 4, bottom,
		    i == 0 ? "axis" : "grid");
		svg_text(x, x0 + w * i / 4, top - 8, "middle", "muted", lab);
	}
}

/* One SPRÅK row as the charts and tables need it. */
struct srow {
	char	*label;		/* language, and group; clipped */
	char	*full;		/* the same, whole */
	long	 requests, filled, fq, fac, fde, needed;
	double	 coverage;
	const char *qshare, *change, *flag;
};

/* The label of SPRÅK or LOV group value g in breakdown by. */
static char *
group_label(enum monitor_by by, const char *g)
{
	char	*s;

	switch (by) {
	case BY_SECTOR:
		return (xstrdup(sector_nb(g)));
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

/* The SPRÅK rows of t; *n gets their number. Owned: srows_free(). */
static struct srow *
srows_load(const struct report_info *ri, const struct table *t, size_t *n)
{
	struct srow	*v;
	const char	*gcol;
	char		*g;
	size_t		 r;

	*n = table_nrows(t);
	v = xcalloc(*n + 1, sizeof(*v));
	gcol = ri->by == BY_SECTOR ? "sector" : ri->by == BY_COUNTY ?
	    "county" : NULL;
	for (r = 0; r < *n; r++) {
		if (gcol != NULL) {
			g = group_label(ri->by, cell(t, r, gcol));
			xasprintf(&v[r].full, "%s (%s)",
			    cell(t, r, "language_name"), g);
			free(g);
		} else
			v[r].full = xstrdup(cell(t, r, "language_name"));
		v[r].label = clip(v[r].full, 26);
		v[r].requests = inum(t, r, "requests");
		v[r].filled = inum(t, r, "filled");
		v[r].fq = inum(t, r, "filled_qualified");
		v[r].fac = inum(t, r, "filled_a") + inum(t, r, "filled_b") +
		    inum(t, r, "filled_c");
		v[r].fde = inum(t, r, "filled_d") + inum(t, r, "filled_e");
		v[r].needed = inum(t, r, "interpreters_needed");
		v[r].coverage = num(t, r, "coverage");
		v[r].qshare = cell(t, r, "qualified_share");
		v[r].change = cell(t, r, "change_prev");
		v[r].flag = cell(t, r, "flag");
	}
	return (v);
}

static void
srows_free(struct srow *v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(v[i].label);
		free(v[i].full);
	}
	free(v);
}

#define X0	180.0	/* where bars start; labels end at X0 - 8 */
#define ROWH	22.0

/* Chart: the most requested languages. */
static void
chart_demand(struct xw *x, const struct srow *v, size_t n,
    const struct monitor_period *p)
{
	static const char	 title[] = "Mest etterspurte spr\xc3\xa5k";
	char			 desc[160], a[NUMBUF], *tip;
	size_t			 i, k = n < CHART_ROWS ? n : CHART_ROWS;
	double			 top = 6, y, w, max;

	if (k == 0) {
		svg_empty(x, "chart-demand", title, "Ingen bestillinger i"
		    " perioden.");
		return;
	}
	snprintf(desc, sizeof(desc), "Bestillinger per spr\xc3\xa5k i %s, de"
	    " %zu mest etterspurte.", p->label, k);
	svg_open(x, "chart-demand", (int)(top + k * ROWH + 6), title, desc);
	max = (double)v[0].requests;
	for (i = 0; i < k; i++)
		if ((double)v[i].requests > max)
			max = (double)v[i].requests;
	for (i = 0; i < k; i++) {
		y = top + i * ROWH;
		w = max > 0 ? 420.0 * (double)v[i].requests / max : 0;
		xasprintf(&tip, "%s: %s bestillinger", v[i].full,
		    fmt_int(v[i].requests, a));
		svg_row(x, tip);
		free(tip);
		svg_text(x, X0 - 8, y + 14, "end", NULL, v[i].label);
		svg_rect(x, X0, y + 3, w, 14, "bar");
		svg_text(x, X0 + w + 6, y + 14, NULL, NULL,
		    fmt_int(v[i].requests, a));
		xw_fend(x);
	}
	xw_fend(x);
}

/* Chart: the share of filled assignments with a qualified interpreter. */
static void
chart_qualified(struct xw *x, const struct srow *v, size_t n,
    const struct monitor_period *p)
{
	static const char	 title[] = "Andel oppdrag med kvalifisert tolk";
	char			 desc[200], a[NUMBUF], b[NUMBUF], c[NUMBUF];
	char			*tip;
	size_t			 i, k = n < CHART_ROWS ? n : CHART_ROWS;
	double			 top = 24, y, wa, wd, lx, bottom;

	if (k == 0) {
		svg_empty(x, "chart-qualified", title, "Ingen bestillinger i"
		    " perioden.");
		return;
	}
	snprintf(desc, sizeof(desc), "Andel av de dekkede oppdragene i %s"
	    " som ble utf\xc3\xb8rt av en kvalifisert tolk (kategori A\xe2\x80"
	    "\x93" "E), delt i A\xe2\x80\x93" "C og D\xe2\x80\x93" "E, for de"
	    " %zu mest etterspurte spr\xc3\xa5kene.", p->label, k);
	bottom = top + k * ROWH;
	svg_open(x, "chart-qualified", (int)(bottom + 26), title, desc);
	svg_share_grid(x, X0, 420, top, bottom);
	for (i = 0; i < k; i++) {
		y = top + i * ROWH;
		xasprintf(&tip, "%s: %s kvalifisert (%s av %s dekkede"
		    " oppdrag)", v[i].full, fmt_pct(v[i].qshare, 1, a),
		    fmt_int(v[i].fq, b), fmt_int(v[i].filled, c));
		svg_row(x, tip);
		free(tip);
		svg_text(x, X0 - 8, y + 14, "end", NULL, v[i].label);
		if (v[i].filled <= 0) {
			svg_text(x, X0 + 6, y + 14, NULL, "muted",
			    "ingen dekkede oppdrag");
			xw_fend(x);
			continue;
		}
		wa = 420.0 * (double)v[i].fac / (double)v[i].filled;
		wd = 420.0 * (double)v[i].fde / (double)v[i].filled;
		svg_rect(x, X0, y + 3, wa, 14, "bar");
		svg_rect(x, X0 + wa, y + 3, wd, 14, "bar2");
		svg_text(x, X0 + wa + wd + 6, y + 14, NULL, NULL,
		    fmt_pct(v[i].qshare, 0, a));
		xw_fend(x);
	}
	lx = svg_legend(x, X0, bottom + 20, "bar", "Kategori A\xe2\x80\x93"
	    "C");
	(void)svg_legend(x, lx, bottom + 20, "bar2", "Kategori D\xe2\x80\x93"
	    "E");
	xw_fend(x);
}

/* Chart: the change in requests since the previous half-year. */
static void
chart_change(struct xw *x, const struct srow *v, size_t n,
    const struct monitor_period *p)
{
	static const char	 title[] = "Endring siden forrige halv\xc3\xa5r";
	struct monitor_period	 prev;
	char			 desc[200], a[NUMBUF], lab[24], *tip;
	size_t			 i, k = n < CHART_ROWS ? n : CHART_ROWS;
	double			 top = 24, y, c, s = 0.1, cx = 410, half = 200;
	double			 w, bottom;
	int			 j;

	if (k == 0) {
		svg_empty(x, "chart-change", title, "Ingen bestillinger i"
		    " perioden.");
		return;
	}
	monitor_period_back(p, 1, &prev);
	snprintf(desc, sizeof(desc), "Endring i antall bestillinger fra %s"
	    " til %s for de %zu mest etterspurte spr\xc3\xa5kene.",
	    prev.label, p->label, k);
	for (i = 0; i < k; i++) {
		if (v[i].change[0] != '\0' &&
		    fabs(strtod(v[i].change, NULL)) > s)
			s = fabs(strtod(v[i].change, NULL));
	}
	if (s > 2.0)
		s = 2.0;
	bottom = top + k * ROWH;
	svg_open(x, "chart-change", (int)(bottom + 8), title, desc);
	for (j = -2; j <= 2; j++) {
		snprintf(lab, sizeof(lab), "%.3f", s * j / 2);
		svg_line(x, cx + half * j / 2, top - 4, cx + half * j / 2,
		    bottom, j == 0 ? "axis" : "grid");
		svg_text(x, cx + half * j / 2, top - 8, "middle", "muted",
		    fmt_change(lab, 0, a));
	}
	for (i = 0; i < k; i++) {
		y = top + i * ROWH;
		xasprintf(&tip, "%s: %s fra %s", v[i].full,
		    v[i].change[0] != '\0' ? fmt_change(v[i].change, 1, a) :
		    "ingen bestillinger", prev.label);
		svg_row(x, tip);
		free(tip);
		svg_text(x, X0 - 8, y + 14, "end", NULL, v[i].label);
		if (v[i].change[0] == '\0') {
			svg_text(x, cx + 6, y + 14, NULL, "muted",
			    "ingen i forrige halv\xc3\xa5r");
			xw_fend(x);
			continue;
		}
		c = strtod(v[i].change, NULL);
		w = half * fmin(fabs(c), s) / s;
		if (c >= 0) {
			svg_rect(x, cx, y + 3, w, 14, "up");
			svg_text(x, cx + w + 6, y + 14, NULL, NULL,
			    fmt_change(v[i].change, 0, a));
		} else {
			svg_rect(x, cx - w, y + 3, w, 14, "down");
			svg_text(x, cx + 6, y + 14, NULL, NULL,
			    fmt_change(v[i].change, 0, a));
		}
		xw_fend(x);
	}
	xw_fend(x);
}

/* Chart: the flagged languages, their coverage and the flags. */
static void
chart_flagged(struct xw *x, const struct srow *v, size_t n,
    const struct report_info *ri)
{
	static const char	 title[] = "Flaggede spr\xc3\xa5k";
	char			 desc[240], a[NUMBUF], b[NUMBUF], fl[40];
	char			 lab[24], *tip, *s;
	size_t			 i, k = 0, shown = 0;
	double			 top = 24, y, w, rowh = 30, thr, bottom;

	for (i = 0; i < n; i++)
		if (v[i].flag[0] != '\0')
			k++;
	if (k == 0) {
		svg_empty(x, "chart-flagged", title, "Ingen spr\xc3\xa5k er"
		    " flagget i perioden.");
		return;
	}
	if (k > FLAGGED_ROWS)
		k = FLAGGED_ROWS;
	snprintf(desc, sizeof(desc), "Dekningsgrad og flagg (NY, \xc3\x98KENDE,"
	    " MANGEL) for de flaggede spr\xc3\xa5kene i %s, med antall"
	    " kvalifiserte tolker som mangler.", ri->period->label);
	bottom = top + k * rowh;
	svg_open(x, "chart-flagged", (int)(bottom + 6), title, desc);
	svg_line(x, X0, top - 4, X0, bottom, "axis");
	thr = X0 + 240.0 * ri->params->shortage;
	snprintf(lab, sizeof(lab), "%.3f", ri->params->shortage);
	xasprintf(&s, "terskel %s", fmt_pct(lab, 0, a));
	svg_text(x, thr, top - 8, "middle", "muted", s);
	free(s);
	for (i = 0; i < n && shown < k; i++) {
		if (v[i].flag[0] == '\0')
			continue;
		y = top + shown++ * rowh;
		flags_nb(v[i].flag, fl, sizeof(fl));
		snprintf(lab, sizeof(lab), "%.3f", v[i].coverage);
		xasprintf(&tip, "%s: %s; dekningsgrad %s; mangler %s"
		    " kvalifiserte tolker", v[i].full, fl, fmt_pct(lab, 1, a),
		    fmt_int(v[i].needed, b));
		svg_row(x, tip);
		free(tip);
		svg_text(x, X0 - 8, y + 17, "end", NULL, v[i].label);
		w = 240.0 * fmin(1.0, v[i].coverage);
		/* The flag, not the rounded coverage, says it is short. */
		svg_rect(x, X0, y + 6, w, 14, strstr(v[i].flag, "SHORTAGE") !=
		    NULL ? "warn" : "bar");
		svg_text(x, X0 + w + 6, y + 17, NULL, NULL, fmt_pct(lab, 0, a));
		svg_text(x, 480, y + 12, NULL, "flag", fl);
		if (v[i].needed > 0)
			xasprintf(&s, "mangler %s %s", fmt_int(v[i].needed,
			    b), v[i].needed == 1 ? "tolk" : "tolker");
		else
			s = xstrdup("dekket ved middels utnyttelse");
		svg_text(x, 480, y + 25, NULL, "muted", s);
		free(s);
		xw_fend(x);
	}
	svg_line(x, thr, top - 4, thr, bottom, "limit");
	xw_fend(x);
}

/* A <figure> around a chart, with its caption. */
static void
figure_open(struct xw *x)
{
	xw_start(x, "figure");
}

static void
figure_close(struct xw *x, const char *caption)
{
	html_elem(x, "figcaption", NULL, caption);
	xw_fend(x);
}

/* A table header cell; numeric columns right-aligned. */
static void
th(struct xw *x, const char *label, int numeric)
{
	xw_starta(x, "th", "scope", "col", (const char *)NULL);
	if (numeric)
		xw_attr(x, "class", "n");
	xw_text(x, label);
	xw_fend(x);
}

/* How a column of a report table is shown in HTML. */
enum hfmt {
	H_TEXT,		/* as it is */
	H_INT,		/* whole number, thousands spaced */
	H_PCT,		/* share as per cent, one decimal */
	H_CHANGE,	/* signed per cent, one decimal */
	H_HOURS,	/* one decimal */
	H_SECTOR,	/* sector in Norwegian */
	H_GROUP,	/* the breakdown value */
	H_FLAG		/* SPRÅK flags in Norwegian */
};

struct hcol {
	const char	*name;	/* column in the table */
	const char	*label;	/* Norwegian header */
	enum hfmt	 fmt;
};

/* Write the rows of t as an HTML table with the columns cols. */
static void
html_table(struct xw *x, const struct table *t, const struct hcol *cols,
    size_t ncols, enum monitor_by by)
{
	char		 a[NUMBUF], fl[40], *g;
	const char	*v;
	size_t		 r, c;

	xw_start(x, "table");
	xw_start(x, "thead");
	xw_start(x, "tr");
	for (c = 0; c < ncols; c++)
		th(x, cols[c].label, cols[c].fmt != H_TEXT &&
		    cols[c].fmt != H_SECTOR && cols[c].fmt != H_GROUP &&
		    cols[c].fmt != H_FLAG);
	xw_fend(x);
	xw_fend(x);
	xw_start(x, "tbody");
	for (r = 0; r < table_nrows(t); r++) {
		xw_start(x, "tr");
		for (c = 0; c < ncols; c++) {
			v = cell(t, r, cols[c].name);
			switch (cols[c].fmt) {
			case H_TEXT:
				html_elem(x, "td", NULL, v);
				break;
			case H_SECTOR:
				html_elem(x, "td", NULL, sector_nb(v));
				break;
			case H_GROUP:
				g = group_label(by, v);
				html_elem(x, "td", NULL, g);
				free(g);
				break;
			case H_INT:
				html_elem(x, "td", "n", fmt_int(strtol(v, NULL,
				    10), a));
				break;
			case H_PCT:
				html_elem(x, "td", "n", fmt_pct(v, 1, a));
				break;
			case H_CHANGE:
				html_elem(x, "td", "n", fmt_change(v, 1, a));
				break;
			case H_HOURS:
				html_elem(x, "td", "n", fmt_dec(strtod(v, NULL),
				    1, a));
				break;
			case H_FLAG:
				flags_nb(v, fl, sizeof(fl));
				html_elem(x, "td", "flag", fl);
				break;
			}
		}
		xw_fend(x);
	}
	xw_fend(x);
	xw_fend(x);
}

/* A definition list entry. */
static void
dl_item(struct xw *x, const char *term, const char *def)
{
	html_elem(x, "dt", NULL, term);
	html_elem(x, "dd", NULL, def);
}

/* SPRÅK as an HTML page. */
static int
sprak_html(const struct report_info *ri, const struct table *t, FILE *f,
    struct tk_error *err)
{
	const struct sprak_params	*sp = ri->params;
	const struct monitor_period	*p = ri->period;
	struct monitor_period		 prev, year, hist;
	static const struct hcol	 demand[] = {
		{ "language_name", "Spr\xc3\xa5k", H_TEXT },
		{ "language", "Kode", H_TEXT },
		{ "sector", "Sektor", H_SECTOR },
		{ "county", "Fylke", H_TEXT },
		{ "requests", "Bestillinger", H_INT },
		{ "filled", "Dekket", H_INT },
		{ "filled_qualified", "Kvalifisert tolk", H_INT },
		{ "filled_a", "A", H_INT },
		{ "filled_b", "B", H_INT },
		{ "filled_c", "C", H_INT },
		{ "filled_d", "D", H_INT },
		{ "filled_e", "E", H_INT },
		{ "unfilled", "Udekket", H_INT },
		{ "qualified_share", "Andel kvalifisert", H_PCT },
		{ "remote_share", "Andel fjerntolking", H_PCT },
		{ "demand_hours", "Timer bestilt", H_HOURS },
	};
	static const struct hcol	 supply[] = {
		{ "language_name", "Spr\xc3\xa5k", H_TEXT },
		{ "sector", "Sektor", H_SECTOR },
		{ "county", "Fylke", H_TEXT },
		{ "interpreters_qualified", "Kvalifiserte tolker", H_INT },
		{ "interpreters_a", "A", H_INT },
		{ "interpreters_b", "B", H_INT },
		{ "interpreters_c", "C", H_INT },
		{ "interpreters_d", "D", H_INT },
		{ "interpreters_e", "E", H_INT },
		{ "capacity_hours", "Kapasitet (timer)", H_HOURS },
		{ "coverage", "Dekningsgrad", H_PCT },
		{ "interpreters_needed", "Tolker som mangler", H_INT },
		{ "change_prev", "Endring fra forrige halv\xc3\xa5r", H_CHANGE },
		{ "change_year", "Endring fra \xc3\xa5ret f\xc3\xb8r",
		    H_CHANGE },
		{ "flag", "Flagg", H_FLAG },
	};
	struct hcol			 cols[16];
	struct srow			*v;
	struct xw			 x;
	char				 title[128], words[64], days[64];
	char				 a[NUMBUF], b[NUMBUF], c[NUMBUF];
	char				 d[NUMBUF], e[NUMBUF], lab[24], *s;
	long				 req = 0, fil = 0, fq = 0, unf = 0;
	size_t				 n, i, k, nflag = 0, nlang = 0;

	v = srows_load(ri, t, &n);
	for (i = 0; i < n; i++) {
		req += v[i].requests;
		fil += v[i].filled;
		fq += v[i].fq;
		unf += inum(t, i, "unfilled");
		if (v[i].flag[0] != '\0')
			nflag++;
		for (k = 0; k < i; k++)
			if (strcmp(cell(t, k, "language"),
			    cell(t, i, "language")) == 0)
				break;
		if (k == i)
			nlang++;
	}
	monitor_period_back(p, 1, &prev);
	monitor_period_back(p, 2, &year);
	monitor_period_back(p, 4, &hist);
	period_nb(p, words, sizeof(words));
	days_nb(p, days, sizeof(days));
	xw_open(&x, f, 1);
	snprintf(title, sizeof(title), "Tolkemonitor SPR\xc3\x85K %s",
	    p->label);
	html_head(&x, title);
	snprintf(title, sizeof(title), "Tolkemonitor SPR\xc3\x85K: %s", words);
	xasprintf(&s, "Offentlige organers behov for tolk per spr\xc3\xa5k og"
	    " hvor godt de kvalifiserte tolkene i Nasjonalt tolkeregister kan"
	    " dekke det, beregnet fra oppdragene i registeret (%s)%s.", days,
	    ri->by == BY_SECTOR ? ", fordelt p\xc3\xa5 sektor" :
	    ri->by == BY_COUNTY ? ", fordelt p\xc3\xa5 fylke" : "");
	html_header(&x, title, s);
	free(s);

	xw_starta(&x, "section", "class", "keys", (const char *)NULL);
	html_key(&x, fmt_int(req, a), "bestillinger");
	snprintf(lab, sizeof(lab), "%.3f", req > 0 ? (double)fil / req : 0);
	xasprintf(&s, "dekket (%s av bestillingene)", fmt_pct(lab, 0, b));
	html_key(&x, fmt_int(fil, a), s);
	free(s);
	snprintf(lab, sizeof(lab), "%.3f", fil > 0 ? (double)fq / fil : 0);
	html_key(&x, fil > 0 ? fmt_pct(lab, 0, a) : "\xe2\x80\x93",
	    "av de dekkede oppdragene med kvalifisert tolk");
	html_key(&x, fmt_int(unf, a), "bestillinger udekket");
	html_key(&x, fmt_int((long)nlang, a), "spr\xc3\xa5k med bestillinger");
	html_key(&x, fmt_int((long)nflag, a), nflag == 1 ? "flagget rad" :
	    "flaggede rader (NY, \xc3\x98KENDE eller MANGEL)");
	xw_fend(&x);

	xw_start(&x, "section");
	html_elem(&x, "h2", NULL, "Mest etterspurte spr\xc3\xa5k");
	figure_open(&x);
	chart_demand(&x, v, n, p);
	figure_close(&x, "Antall bestillinger som ikke ble avlyst, med start"
	    " i perioden. De 15 st\xc3\xb8rste vises; alle st\xc3\xa5r i"
	    " tabellen.");
	html_elem(&x, "h2", NULL, "Andel oppdrag med kvalifisert tolk");
	figure_open(&x);
	chart_qualified(&x, v, n, p);
	figure_close(&x, "Dekkede oppdrag (bestilt eller utf\xc3\xb8rt) der"
	    " tolken hadde en kategori i spr\xc3\xa5ket da oppdraget ble"
	    " bestilt (tolkeloven \xc2\xa7 7).");
	html_elem(&x, "h2", NULL, "Endring siden forrige halv\xc3\xa5r");
	figure_open(&x);
	chart_change(&x, v, n, p);
	xasprintf(&s, "Bestillinger i %s mot %s. Stolpene er kuttet ved"
	    " \xc2\xb1" "200" NBSP "%%; tallet viser hele endringen.",
	    p->label, prev.label);
	figure_close(&x, s);
	free(s);
	html_elem(&x, "h2", NULL, "Flaggede spr\xc3\xa5k");
	figure_open(&x);
	chart_flagged(&x, v, n, ri);
	snprintf(lab, sizeof(lab), "%.3f", sp->rising);
	snprintf(words, sizeof(words), "%.3f", sp->shortage);
	xasprintf(&s, "NY: ingen bestillinger i de fire foreg\xc3\xa5" "ende"
	    " halv\xc3\xa5rene (%s\xe2\x80\x93%s). \xc3\x98KENDE: over %s"
	    " flere bestillinger enn i %s og minst %s bestillinger. MANGEL:"
	    " dekningsgrad under %s.", hist.label, prev.label,
	    fmt_pct(lab, 0, a), prev.label, fmt_int(sp->rising_min, b),
	    fmt_pct(words, 0, c));
	figure_close(&x, s);
	free(s);
	xw_fend(&x);	/* section */

	/* The full table, in two parts that fit A4 upright. */
	xw_starta(&x, "section", "class", "tables", (const char *)NULL);
	html_elem(&x, "h2", NULL, "Alle spr\xc3\xa5k");
	html_elem(&x, "h3", NULL, "Bestillinger og oppdrag");
	for (i = k = 0; i < sizeof(demand) / sizeof(demand[0]); i++) {
		if ((strcmp(demand[i].name, "sector") == 0 &&
		    ri->by != BY_SECTOR) || (strcmp(demand[i].name, "county") ==
		    0 && ri->by != BY_COUNTY))
			continue;
		cols[k++] = demand[i];
	}
	html_table(&x, t, cols, k, ri->by);
	html_elem(&x, "h3", NULL, "Kvalifiserte tolker, kapasitet og behov");
	for (i = k = 0; i < sizeof(supply) / sizeof(supply[0]); i++) {
		if ((strcmp(supply[i].name, "sector") == 0 &&
		    ri->by != BY_SECTOR) || (strcmp(supply[i].name, "county") ==
		    0 && ri->by != BY_COUNTY))
			continue;
		cols[k++] = supply[i];
	}
	html_table(&x, t, cols, k, ri->by);
	xw_fend(&x);

	xw_start(&x, "section");
	html_elem(&x, "h2", NULL, "Definisjoner og forutsetninger");
	xw_start(&x, "dl");
	dl_item(&x, "Bestillinger", "Oppdrag med start i perioden (norsk"
	    " tid) som ikke er avlyst: \xc3\xa5pne, bestilte, utf\xc3\xb8rte"
	    " og udekkede.");
	dl_item(&x, "Dekket", "Bestilte eller utf\xc3\xb8rte oppdrag.");
	dl_item(&x, "Kvalifisert tolk", "Dekket av en tolk med kategori"
	    " A\xe2\x80\x93" "E i spr\xc3\xa5ket da oppdraget ble bestilt.");
	dl_item(&x, "Andel fjerntolking", "Dekkede oppdrag p\xc3\xa5 skjerm"
	    " eller telefon, eller bestilt som oppm\xc3\xb8te og utf\xc3\xb8rt"
	    " som fjerntolking (\xc2\xa7 8), delt p\xc3\xa5 dekkede oppdrag.");
	xasprintf(&s, "Tolker som er oppf\xc3\xb8rt i registeret %s med en"
	    " kategori i spr\xc3\xa5ket den dagen.", p->last_day);
	dl_item(&x, "Kvalifiserte tolker", s);
	free(s);
	xasprintf(&s, "Tolkens timer i halv\xc3\xa5ret etter dagens"
	    " tilgjengelighet: heltid %s, deltid %s og sporadisk %s timer i"
	    " uka i %s uker, delt likt p\xc3\xa5 tolkens spr\xc3\xa5k.",
	    fmt_dec(sp->hours_full, 2, a), fmt_dec(sp->hours_part, 2, b),
	    fmt_dec(sp->hours_occasional, 2, c), fmt_dec(MONITOR_WEEKS_HALF,
	    0, d));
	dl_item(&x, "Kapasitet", s);
	free(s);
	snprintf(lab, sizeof(lab), "%.3f", sp->utilisation);
	xasprintf(&s, "Kapasiteten ved %s utnyttelse delt p\xc3\xa5 timene"
	    " som er bestilt, h\xc3\xb8yst 100" NBSP "%%.", fmt_pct(lab, 0, e));
	dl_item(&x, "Dekningsgrad", s);
	free(s);
	dl_item(&x, "Tolker som mangler", "Hvor mange flere kvalifiserte"
	    " tolker spr\xc3\xa5ket trenger for full dekning, regnet med"
	    " spr\xc3\xa5kets gjennomsnittlige kapasitet per tolk (deltid"
	    " n\xc3\xa5r det ikke har noen).");
	xasprintf(&s, "Bestillinger mot %s (forrige halv\xc3\xa5r) og %s"
	    " (samme halv\xc3\xa5r \xc3\xa5ret f\xc3\xb8r).", prev.label,
	    year.label);
	dl_item(&x, "Endring", s);
	free(s);
	xw_fend(&x);	/* dl */
	xw_fend(&x);	/* section */
	html_footer(&x, ri);
	xw_fend(&x);	/* body */
	xw_fend(&x);	/* html */
	srows_free(v, n);
	return (xw_close(&x, "output", err));
}

/* The name of the first LOV column for a breakdown. */
static const char *
lov_key(enum monitor_by by)
{
	return (by == BY_NONE ? "group" : by_name(by));
}

/* The LOV rows to chart: the most assignments first; *k gets how many. */
static size_t *
lov_order(const struct table *t, size_t *k)
{
	size_t	*o, n = table_nrows(t), i, j, tmp;

	o = xcalloc(n + 1, sizeof(*o));
	for (i = 0; i < n; i++)
		o[i] = i;
	for (i = 1; i < n; i++) {	/* insertion sort: stable */
		for (j = i; j > 0 && inum(t, o[j], "assignments") >
		    inum(t, o[j - 1], "assignments"); j--) {
			tmp = o[j];
			o[j] = o[j - 1];
			o[j - 1] = tmp;
		}
	}
	*k = n < CHART_ROWS ? n : CHART_ROWS;
	return (o);
}

/* Chart: the share of assignments with a qualified interpreter (§ 7). */
static void
chart_lov_qualified(struct xw *x, const struct report_info *ri,
    const struct table *t)
{
	static const char	 title[] = "Andel oppdrag med kvalifisert tolk"
	    " (\xc2\xa7 7)";
	char			 desc[200], a[NUMBUF], b[NUMBUF], c[NUMBUF];
	char			*g, *lab, *tip;
	size_t			*o, i, k;
	double			 top = 24, y, w, bottom;

	o = lov_order(t, &k);
	if (k == 0) {
		svg_empty(x, "chart-lov-qualified", title, "Ingen oppdrag i"
		    " perioden.");
		free(o);
		return;
	}
	snprintf(desc, sizeof(desc), "Andel av de utf\xc3\xb8rte oppdragene i"
	    " %s som ble utf\xc3\xb8rt av en kvalifisert tolk, per gruppe.",
	    ri->period->label);
	bottom = top + k * ROWH;
	svg_open(x, "chart-lov-qualified", (int)(bottom + 6), title, desc);
	svg_share_grid(x, X0, 420, top, bottom);
	for (i = 0; i < k; i++) {
		y = top + i * ROWH;
		g = group_label(ri->by, cell(t, o[i], lov_key(ri->by)));
		lab = clip(g, 26);
		xasprintf(&tip, "%s: %s (%s av %s oppdrag)", g,
		    fmt_pct(cell(t, o[i], "qualified_share"), 1, a),
		    fmt_int(inum(t, o[i], "qualified"), b),
		    fmt_int(inum(t, o[i], "assignments"), c));
		svg_row(x, tip);
		free(tip);
		svg_text(x, X0 - 8, y + 14, "end", NULL, lab);
		w = 420.0 * num(t, o[i], "qualified_share");
		svg_rect(x, X0, y + 3, w, 14, "bar");
		svg_text(x, X0 + w + 6, y + 14, NULL, NULL,
		    fmt_pct(cell(t, o[i], "qualified_share"), 0, a));
		xw_fend(x);
		free(lab);
		free(g);
	}
	xw_fend(x);
	free(o);
}

/* Chart: guidelines of the bodies that use interpreters regularly (§ 9). */
static void
chart_lov_guidelines(struct xw *x, const struct report_info *ri,
    const struct table *t)
{
	static const char	 title[] = "Retningslinjer for bruk av tolk"
	    " (\xc2\xa7 9)";
	static const char *const cls[] = { "bar", "bar2", "bar3" };
	static const char *const cols[] = { "guidelines_full",
	    "guidelines_partial", "guidelines_none" };
	char			 desc[200], a[NUMBUF], b[NUMBUF], c[NUMBUF];
	char			 d[NUMBUF], *g, *lab, *tip;
	size_t			*o, i, k;
	double			 top = 24, y, w, x1, reg, bottom, lx;
	int			 j;

	o = lov_order(t, &k);
	if (k == 0) {
		svg_empty(x, "chart-lov-guidelines", title, "Ingen oppdrag i"
		    " perioden.");
		free(o);
		return;
	}
	snprintf(desc, sizeof(desc), "Organer som bruker tolk jevnlig, etter"
	    " om retningslinjene deres oppfyller forskriften helt, delvis"
	    " eller ikke har noen, per gruppe.");
	bottom = top + k * ROWH;
	svg_open(x, "chart-lov-guidelines", (int)(bottom + 26), title, desc);
	svg_share_grid(x, X0, 420, top, bottom);
	for (i = 0; i < k; i++) {
		y = top + i * ROWH;
		g = group_label(ri->by, cell(t, o[i], lov_key(ri->by)));
		lab = clip(g, 26);
		reg = (double)inum(t, o[i], "bodies_regular");
		xasprintf(&tip, "%s: %s organer, %s fullt, %s delvis, %s"
		    " ingen", g, fmt_int((long)reg, a),
		    fmt_int(inum(t, o[i], cols[0]), b),
		    fmt_int(inum(t, o[i], cols[1]), c),
		    fmt_int(inum(t, o[i], cols[2]), d));
		svg_row(x, tip);
		free(tip);
		svg_text(x, X0 - 8, y + 14, "end", NULL, lab);
		if (reg <= 0)
			svg_text(x, X0 + 6, y + 14, NULL, "muted",
			    "ingen organer som bruker tolk jevnlig");
		for (j = 0, x1 = X0; reg > 0 && j < 3; j++) {
			w = 420.0 * (double)inum(t, o[i], cols[j]) / reg;
			svg_rect(x, x1, y + 3, w, 14, cls[j]);
			x1 += w;
		}
		xw_fend(x);
		free(lab);
		free(g);
	}
	lx = svg_legend(x, X0, bottom + 20, cls[0], "Fullt");
	lx = svg_legend(x, lx, bottom + 20, cls[1], "Delvis");
	(void)svg_legend(x, lx, bottom + 20, cls[2], "Ingen");
	xw_fend(x);
	free(o);
}

/* LOV as an HTML page. */
static int
lov_html(const struct report_info *ri, const struct table *t,
    const struct table *top, FILE *f, struct tk_error *err)
{
	const struct monitor_period	*p = ri->period;
	struct hcol			 cols[] = {
		{ lov_key(ri->by), ri->by == BY_NONE ? "Gruppe" :
		    ri->by == BY_SECTOR ? "Sektor" : ri->by == BY_COUNTY ?
		    "Fylke" : ri->by == BY_PROVIDER ? "Tolketjeneste" :
		    "Organ", H_GROUP },
		{ "assignments", "Oppdrag", H_INT },
		{ "qualified", "Med kvalifisert tolk", H_INT },
		{ "qualified_share", "Andel kvalifisert", H_PCT },
		{ "exception_not_justifiable_to_wait", "Unntak: ikke"
		    " forsvarlig \xc3\xa5 vente", H_INT },
		{ "exception_emergency", "Unntak: n\xc3\xb8" "dsituasjon",
		    H_INT },
		{ "exception_other_strong_reasons", "Unntak: andre"
		    " tungtveiende grunner", H_INT },
		{ "exception_none_qualified", "Unntak: ingen kvalifisert"
		    " tilgjengelig", H_INT },
		{ "child_used", "Barn brukt som tolk", H_INT },
		{ "unfilled", "Udekket", H_INT },
		{ "remote_share", "Andel fjerntolking", H_PCT },
		{ "bodies_regular", "Organer som bruker tolk jevnlig", H_INT },
		{ "guidelines_full", "Retningslinjer fullt", H_INT },
		{ "guidelines_partial", "Retningslinjer delvis", H_INT },
		{ "guidelines_none", "Ingen retningslinjer", H_INT },
	};
	static const struct hcol	 tcols[] = {
		{ "orgnr", "Org.nr.", H_TEXT },
		{ "name", "Navn", H_TEXT },
		{ "sector", "Sektor", H_SECTOR },
		{ "assignments", "Oppdrag", H_INT },
	};
	struct xw			 x;
	char				 title[128], words[64], days[64];
	char				 a[NUMBUF], b[NUMBUF], c[NUMBUF];
	char				 lab[24], *s;
	long				 as = 0, q = 0, child = 0, unf = 0;
	long				 reg = 0, gf = 0, gp = 0, gn = 0;
	double				 remote = 0;
	size_t				 r;

	for (r = 0; r < table_nrows(t); r++) {
		as += inum(t, r, "assignments");
		q += inum(t, r, "qualified");
		child += inum(t, r, "child_used");
		unf += inum(t, r, "unfilled");
		remote += num(t, r, "remote_share") *
		    (double)inum(t, r, "assignments");
		reg += inum(t, r, "bodies_regular");
		gf += inum(t, r, "guidelines_full");
		gp += inum(t, r, "guidelines_partial");
		gn += inum(t, r, "guidelines_none");
	}
	period_nb(p, words, sizeof(words));
	days_nb(p, days, sizeof(days));
	xw_open(&x, f, 1);
	snprintf(title, sizeof(title), "Tolkemonitor LOV %s", p->label);
	html_head(&x, title);
	snprintf(title, sizeof(title), "Tolkemonitor LOV: %s", words);
	xasprintf(&s, "Hvordan offentlige organer f\xc3\xb8lger tolkeloven"
	    " (\xc2\xa7\xc2\xa7 4, 6, 7, 8 og 9), beregnet fra oppdragene i"
	    " Nasjonalt tolkeregister (%s).", days);
	html_header(&x, title, s);
	free(s);

	xw_starta(&x, "section", "class", "keys", (const char *)NULL);
	html_key(&x, fmt_int(as, a), "utf\xc3\xb8rte oppdrag");
	snprintf(lab, sizeof(lab), "%.3f", as > 0 ? (double)q / as : 0);
	html_key(&x, as > 0 ? fmt_pct(lab, 0, a) : "\xe2\x80\x93", "med"
	    " kvalifisert tolk (\xc2\xa7 7)");
	snprintf(lab, sizeof(lab), "%.3f", as > 0 ? remote / as : 0);
	html_key(&x, as > 0 ? fmt_pct(lab, 0, a) : "\xe2\x80\x93",
	    "fjerntolking (\xc2\xa7 8)");
	html_key(&x, fmt_int(child, a), "oppdrag der barn ble brukt som tolk"
	    " (\xc2\xa7 4)");
	html_key(&x, fmt_int(unf, a), "bestillinger som ikke ble dekket"
	    " (\xc2\xa7 6)");
	snprintf(lab, sizeof(lab), "%.3f", reg > 0 ? (double)gn / reg : 0);
	xasprintf(&s, "av %s organer som bruker tolk jevnlig har ingen"
	    " retningslinjer (\xc2\xa7 9)", fmt_int(reg, a));
	html_key(&x, reg > 0 ? fmt_pct(lab, 0, a) : "\xe2\x80\x93", s);
	free(s);
	xw_fend(&x);

	xw_start(&x, "section");
	html_elem(&x, "h2", NULL, "Kvalifisert tolk");
	figure_open(&x);
	chart_lov_qualified(&x, ri, t);
	figure_close(&x, "Utf\xc3\xb8rte oppdrag der tolken hadde en kategori"
	    " i spr\xc3\xa5ket da oppdraget ble bestilt. De 15 gruppene med"
	    " flest oppdrag vises.");
	html_elem(&x, "h2", NULL, "Retningslinjer");
	figure_open(&x);
	chart_lov_guidelines(&x, ri, t);
	xasprintf(&s, "Organer som er registrert som jevnlige brukere av"
	    " tolk, etter dagens registrering: %s fullt, %s delvis, %s"
	    " ingen.", fmt_int(gf, a), fmt_int(gp, b), fmt_int(gn, c));
	figure_close(&x, s);
	free(s);
	xw_fend(&x);

	xw_starta(&x, "section", "class", "tables", (const char *)NULL);
	html_elem(&x, "h2", NULL, "Alle grupper");
	html_table(&x, t, cols, sizeof(cols) / sizeof(cols[0]), ri->by);
	html_elem(&x, "h2", NULL, "Organer uten retningslinjer som bestilte"
	    " mest");
	if (top != NULL && table_nrows(top) > 0)
		html_table(&x, top, tcols, sizeof(tcols) / sizeof(tcols[0]),
		    ri->by);
	else
		html_elem(&x, "p", NULL, "Ingen organer som bruker tolk jevnlig"
		    " og mangler retningslinjer, hadde oppdrag i perioden.");
	xw_fend(&x);

	xw_start(&x, "section");
	html_elem(&x, "h2", NULL, "Definisjoner");
	xw_start(&x, "dl");
	dl_item(&x, "Oppdrag", "Utf\xc3\xb8rte oppdrag med start i perioden"
	    " (norsk tid).");
	dl_item(&x, "Med kvalifisert tolk", "Utf\xc3\xb8rt av en tolk med"
	    " kategori A\xe2\x80\x93" "E i spr\xc3\xa5ket da oppdraget ble"
	    " bestilt (\xc2\xa7 7).");
	dl_item(&x, "Unntak", "Utf\xc3\xb8rte oppdrag med ukvalifisert tolk,"
	    " etter grunnen som ble oppgitt (\xc2\xa7 7).");
	dl_item(&x, "Barn brukt som tolk", "Oppdrag i perioden der det er"
	    " registrert at et barn ble brukt som tolk (\xc2\xa7 4).");
	dl_item(&x, "Udekket", "Bestillinger i perioden som ble lukket uten"
	    " at noen tolk ble funnet (\xc2\xa7 6).");
	dl_item(&x, "Andel fjerntolking", "Utf\xc3\xb8rte oppdrag p\xc3\xa5"
	    " skjerm eller telefon, eller bestilt som oppm\xc3\xb8te og"
	    " utf\xc3\xb8rt som fjerntolking (\xc2\xa7 8).");
	dl_item(&x, "Retningslinjer", "Organer som er registrert som jevnlige"
	    " brukere av tolk, etter om retningslinjene deres oppfyller"
	    " tolkeforskriften \xc2\xa7 2 helt, delvis eller ikke finnes"
	    " (\xc2\xa7 9), slik de er registrert n\xc3\xa5.");
	xw_fend(&x);
	xw_fend(&x);
	html_footer(&x, ri);
	xw_fend(&x);	/* body */
	xw_fend(&x);	/* html */
	return (xw_close(&x, "output", err));
}

/* ------------------------------------------------------------------ */

/* Write a SPRÅK result. */
int
report_sprak_write(const struct report_info *ri, const struct table *t,
    enum tk_format fmt, FILE *f, struct tk_error *err)
{
	switch (fmt) {
	case FMT_XML:
		return (sprak_xml(ri, t, f, err));
	case FMT_HTML:
		return (sprak_html(ri, t, f, err));
	case FMT_TABLE:
	case FMT_CSV:
	case FMT_JSON:
		break;
	}
	return (table_write(t, fmt, f, err));
}

/* Write a LOV result. */
int
report_lov_write(const struct report_info *ri, const struct table *groups,
    const struct table *top, enum tk_format fmt, FILE *f,
    struct tk_error *err)
{
	static const char *const names[] = { "groups", "no_guidelines" };
	struct table	*tabs[2];

	switch (fmt) {
	case FMT_XML:
		return (lov_xml(ri, groups, top, f, err));
	case FMT_HTML:
		return (lov_html(ri, groups, top, f, err));
	case FMT_TABLE:
	case FMT_CSV:
	case FMT_JSON:
		break;
	}
	/* The tables are not changed; the array type wants them mutable. */
	memcpy(&tabs[0], &groups, sizeof(tabs[0]));
	memcpy(&tabs[1], &top, sizeof(tabs[1]));
	return (table_write_sections(names, tabs, 2, fmt, f, err));
}
