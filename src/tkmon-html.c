/*
 * The Tolkemonitor reports as one self-contained HTML page for people
 * (see tkmon.h): Norwegian (bokmål) labels, key figures, the charts of
 * tkmon-svg.c, the full table and the definitions, with print rules for
 * A4 and no external assets or scripts. The page is polyglot XHTML that
 * HTML and XML parsers read alike, written through xw.h so that every
 * value is escaped; the only raw text is the fixed style sheet. The
 * numbers are the cells of the tables monitor.c fills, formatted the
 * Norwegian way; only the key figures add counts up.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tkmon-common.h"
#include "tkmon-html.h"
#include "tkmon-svg.h"
#include "tolkreg/monitor.h"
#include "tolkreg/output.h"
#include "tolkreg/validate.h"
#include "tolkreg/xmalloc.h"
#include "xw.h"

#define XHTML_NS	"http://www.w3.org/1999/xhtml"

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
html_footer(struct xw *x, const struct monitor_query *q)
{
	char	when[TIME_BUFLEN], nb[64], *s;

	tk_time_format(q->generated, when);
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
			v = tkmon_cell(t, r, cols[c].name);
			switch (cols[c].fmt) {
			case H_TEXT:
				html_elem(x, "td", NULL, v);
				break;
			case H_SECTOR:
				html_elem(x, "td", NULL, tkmon_sector_nb(v));
				break;
			case H_GROUP:
				g = tkmon_group_label(by, v);
				html_elem(x, "td", NULL, g);
				free(g);
				break;
			case H_INT:
				html_elem(x, "td", "n",
				    tkmon_fmt_int(strtol(v, NULL, 10), a));
				break;
			case H_PCT:
				html_elem(x, "td", "n", tkmon_fmt_pct(v, 1, a));
				break;
			case H_CHANGE:
				html_elem(x, "td", "n",
				    tkmon_fmt_change(v, 1, a));
				break;
			case H_HOURS:
				html_elem(x, "td", "n",
				    tkmon_fmt_dec(strtod(v, NULL), 1, a));
				break;
			case H_FLAG:
				tkmon_flags_nb(v, fl, sizeof(fl));
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
int
tkmon_html_sprak(const struct monitor_query *q, const struct table *t,
    FILE *f, struct tk_error *err)
{
	const struct sprak_params	*sp = q->params;
	const struct monitor_period	*p = q->period;
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
	struct tkmon_srow			*v;
	struct xw			 x;
	char				 title[128], words[64], days[64];
	char				 a[NUMBUF], b[NUMBUF], c[NUMBUF];
	char				 d[NUMBUF], e[NUMBUF], lab[24], *s;
	long				 req = 0, fil = 0, fq = 0, unf = 0;
	size_t				 n, i, k, nflag = 0, nlang = 0;

	v = tkmon_srows_load(q, t, &n);
	for (i = 0; i < n; i++) {
		req += v[i].requests;
		fil += v[i].filled;
		fq += v[i].fq;
		unf += tkmon_inum(t, i, "unfilled");
		if (v[i].flag[0] != '\0')
			nflag++;
		for (k = 0; k < i; k++)
			if (strcmp(tkmon_cell(t, k, "language"),
			    tkmon_cell(t, i, "language")) == 0)
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
	    q->by == BY_SECTOR ? ", fordelt p\xc3\xa5 sektor" :
	    q->by == BY_COUNTY ? ", fordelt p\xc3\xa5 fylke" : "");
	html_header(&x, title, s);
	free(s);

	xw_starta(&x, "section", "class", "keys", (const char *)NULL);
	html_key(&x, tkmon_fmt_int(req, a), "bestillinger");
	snprintf(lab, sizeof(lab), "%.3f", req > 0 ? (double)fil / req : 0);
	xasprintf(&s, "dekket (%s av bestillingene)", tkmon_fmt_pct(lab, 0, b));
	html_key(&x, tkmon_fmt_int(fil, a), s);
	free(s);
	snprintf(lab, sizeof(lab), "%.3f", fil > 0 ? (double)fq / fil : 0);
	html_key(&x, fil > 0 ? tkmon_fmt_pct(lab, 0, a) : "\xe2\x80\x93",
	    "av de dekkede oppdragene med kvalifisert tolk");
	html_key(&x, tkmon_fmt_int(unf, a), "bestillinger udekket");
	html_key(&x, tkmon_fmt_int((long)nlang, a), "spr\xc3\xa5k med"
	    " bestillinger");
	html_key(&x, tkmon_fmt_int((long)nflag, a), nflag == 1 ?
	    "flagget rad" : "flaggede rader (NY, \xc3\x98KENDE eller MANGEL)");
	xw_fend(&x);

	xw_start(&x, "section");
	html_elem(&x, "h2", NULL, "Mest etterspurte spr\xc3\xa5k");
	figure_open(&x);
	tkmon_svg_demand(&x, v, n, p);
	figure_close(&x, "Antall bestillinger som ikke ble avlyst, med start"
	    " i perioden. De 15 st\xc3\xb8rste vises; alle st\xc3\xa5r i"
	    " tabellen.");
	html_elem(&x, "h2", NULL, "Andel oppdrag med kvalifisert tolk");
	figure_open(&x);
	tkmon_svg_qualified(&x, v, n, p);
	figure_close(&x, "Dekkede oppdrag (bestilt eller utf\xc3\xb8rt) der"
	    " tolken hadde en kategori i spr\xc3\xa5ket da oppdraget ble"
	    " bestilt (tolkeloven \xc2\xa7 7).");
	html_elem(&x, "h2", NULL, "Endring siden forrige halv\xc3\xa5r");
	figure_open(&x);
	tkmon_svg_change(&x, v, n, p);
	xasprintf(&s, "Bestillinger i %s mot %s. Stolpene er kuttet ved"
	    " \xc2\xb1" "200" NBSP "%%; tallet viser hele endringen.",
	    p->label, prev.label);
	figure_close(&x, s);
	free(s);
	html_elem(&x, "h2", NULL, "Flaggede spr\xc3\xa5k");
	figure_open(&x);
	tkmon_svg_flagged(&x, v, n, q);
	snprintf(lab, sizeof(lab), "%.3f", sp->rising);
	snprintf(words, sizeof(words), "%.3f", sp->shortage);
	xasprintf(&s, "NY: ingen bestillinger i de fire foreg\xc3\xa5" "ende"
	    " halv\xc3\xa5rene (%s\xe2\x80\x93%s). \xc3\x98KENDE: over %s"
	    " flere bestillinger enn i %s og minst %s bestillinger. MANGEL:"
	    " dekningsgrad under %s.", hist.label, prev.label,
	    tkmon_fmt_pct(lab, 0, a), prev.label,
	    tkmon_fmt_int(sp->rising_min, b), tkmon_fmt_pct(words, 0, c));
	figure_close(&x, s);
	free(s);
	xw_fend(&x);	/* section */

	/* The full table, in two parts that fit A4 upright. */
	xw_starta(&x, "section", "class", "tables", (const char *)NULL);
	html_elem(&x, "h2", NULL, "Alle spr\xc3\xa5k");
	html_elem(&x, "h3", NULL, "Bestillinger og oppdrag");
	for (i = k = 0; i < sizeof(demand) / sizeof(demand[0]); i++) {
		if ((strcmp(demand[i].name, "sector") == 0 &&
		    q->by != BY_SECTOR) || (strcmp(demand[i].name, "county") ==
		    0 && q->by != BY_COUNTY))
			continue;
		cols[k++] = demand[i];
	}
	html_table(&x, t, cols, k, q->by);
	html_elem(&x, "h3", NULL, "Kvalifiserte tolker, kapasitet og behov");
	for (i = k = 0; i < sizeof(supply) / sizeof(supply[0]); i++) {
		if ((strcmp(supply[i].name, "sector") == 0 &&
		    q->by != BY_SECTOR) || (strcmp(supply[i].name, "county") ==
		    0 && q->by != BY_COUNTY))
			continue;
		cols[k++] = supply[i];
	}
	html_table(&x, t, cols, k, q->by);
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
	    tkmon_fmt_dec(sp->hours_full, 2, a),
	    tkmon_fmt_dec(sp->hours_part, 2, b),
	    tkmon_fmt_dec(sp->hours_occasional, 2, c),
	    tkmon_fmt_dec(MONITOR_WEEKS_HALF, 0, d));
	dl_item(&x, "Kapasitet", s);
	free(s);
	snprintf(lab, sizeof(lab), "%.3f", sp->utilisation);
	xasprintf(&s, "Kapasiteten ved %s utnyttelse delt p\xc3\xa5 timene"
	    " som er bestilt, h\xc3\xb8yst 100" NBSP "%%.",
	    tkmon_fmt_pct(lab, 0, e));
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
	html_footer(&x, q);
	xw_fend(&x);	/* body */
	xw_fend(&x);	/* html */
	tkmon_srows_free(v, n);
	return (xw_close(&x, "output", err));
}

/* LOV as an HTML page. */
int
tkmon_html_lov(const struct monitor_query *q, const struct table *t,
    const struct table *top, FILE *f, struct tk_error *err)
{
	const struct monitor_period	*p = q->period;
	struct hcol			 cols[] = {
		{ tkmon_lov_key(q->by), q->by == BY_NONE ? "Gruppe" :
		    q->by == BY_SECTOR ? "Sektor" : q->by == BY_COUNTY ?
		    "Fylke" : q->by == BY_PROVIDER ? "Tolketjeneste" :
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
	long				 as = 0, qual = 0, child = 0, unf = 0;
	long				 reg = 0, gf = 0, gp = 0, gn = 0;
	double				 remote = 0;
	size_t				 r;

	for (r = 0; r < table_nrows(t); r++) {
		as += tkmon_inum(t, r, "assignments");
		qual += tkmon_inum(t, r, "qualified");
		child += tkmon_inum(t, r, "child_used");
		unf += tkmon_inum(t, r, "unfilled");
		remote += tkmon_num(t, r, "remote_share") *
		    (double)tkmon_inum(t, r, "assignments");
		reg += tkmon_inum(t, r, "bodies_regular");
		gf += tkmon_inum(t, r, "guidelines_full");
		gp += tkmon_inum(t, r, "guidelines_partial");
		gn += tkmon_inum(t, r, "guidelines_none");
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
	html_key(&x, tkmon_fmt_int(as, a), "utf\xc3\xb8rte oppdrag");
	snprintf(lab, sizeof(lab), "%.3f", as > 0 ? (double)qual / as : 0);
	html_key(&x, as > 0 ? tkmon_fmt_pct(lab, 0, a) : "\xe2\x80\x93", "med"
	    " kvalifisert tolk (\xc2\xa7 7)");
	snprintf(lab, sizeof(lab), "%.3f", as > 0 ? remote / as : 0);
	html_key(&x, as > 0 ? tkmon_fmt_pct(lab, 0, a) : "\xe2\x80\x93",
	    "fjerntolking (\xc2\xa7 8)");
	html_key(&x, tkmon_fmt_int(child, a), "oppdrag der barn ble brukt som"
	    " tolk (\xc2\xa7 4)");
	html_key(&x, tkmon_fmt_int(unf, a), "bestillinger som ikke ble dekket"
	    " (\xc2\xa7 6)");
	snprintf(lab, sizeof(lab), "%.3f", reg > 0 ? (double)gn / reg : 0);
	xasprintf(&s, "av %s organer som bruker tolk jevnlig har ingen"
	    " retningslinjer (\xc2\xa7 9)", tkmon_fmt_int(reg, a));
	html_key(&x, reg > 0 ? tkmon_fmt_pct(lab, 0, a) : "\xe2\x80\x93", s);
	free(s);
	xw_fend(&x);

	xw_start(&x, "section");
	html_elem(&x, "h2", NULL, "Kvalifisert tolk");
	figure_open(&x);
	tkmon_svg_lov_qualified(&x, q, t);
	figure_close(&x, "Utf\xc3\xb8rte oppdrag der tolken hadde en kategori"
	    " i spr\xc3\xa5ket da oppdraget ble bestilt. De 15 gruppene med"
	    " flest oppdrag vises.");
	html_elem(&x, "h2", NULL, "Retningslinjer");
	figure_open(&x);
	tkmon_svg_lov_guidelines(&x, q, t);
	xasprintf(&s, "Organer som er registrert som jevnlige brukere av"
	    " tolk, etter dagens registrering: %s fullt, %s delvis, %s"
	    " ingen.", tkmon_fmt_int(gf, a), tkmon_fmt_int(gp, b),
	    tkmon_fmt_int(gn, c));
	figure_close(&x, s);
	free(s);
	xw_fend(&x);

	xw_starta(&x, "section", "class", "tables", (const char *)NULL);
	html_elem(&x, "h2", NULL, "Alle grupper");
	html_table(&x, t, cols, sizeof(cols) / sizeof(cols[0]), q->by);
	html_elem(&x, "h2", NULL, "Organer uten retningslinjer som bestilte"
	    " mest");
	if (top != NULL && table_nrows(top) > 0)
		html_table(&x, top, tcols, sizeof(tcols) / sizeof(tcols[0]),
		    q->by);
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
	html_footer(&x, q);
	xw_fend(&x);	/* body */
	xw_fend(&x);	/* html */
	return (xw_close(&x, "output", err));
}
