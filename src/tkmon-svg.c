/*
 * The charts of the Tolkemonitor HTML pages (tkmon-svg.h), drawn as
 * inline SVG through xw.h: bars of the most requested languages, of the
 * share of qualified interpreters, of the change since the previous
 * half-year and of the flagged languages for SPRÅK; of the qualified
 * share and of the bodies' guidelines per group for LOV. Each chart has
 * a title and a description for screen readers and a tooltip per row;
 * the numbers are the cells of the tables monitor.c fills.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tkmon-common.h"
#include "tkmon-svg.h"
#include "tolkreg/monitor.h"
#include "tolkreg/output.h"
#include "tolkreg/xmalloc.h"
#include "xw.h"

#define SVG_NS		"http://www.w3.org/2000/svg"

/* Charts show at most this many rows. */
#define CHART_ROWS	15
#define FLAGGED_ROWS	20

#define X0	180.0	/* where bars start; labels end at X0 - 8 */
#define ROWH	22.0

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

/* Chart: the most requested languages. */
void
tkmon_svg_demand(struct xw *x, const struct tkmon_srow *v, size_t n,
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
		    tkmon_fmt_int(v[i].requests, a));
		svg_row(x, tip);
		free(tip);
		svg_text(x, X0 - 8, y + 14, "end", NULL, v[i].label);
		svg_rect(x, X0, y + 3, w, 14, "bar");
		svg_text(x, X0 + w + 6, y + 14, NULL, NULL,
		    tkmon_fmt_int(v[i].requests, a));
		xw_fend(x);
	}
	xw_fend(x);
}

/* Chart: the share of filled assignments with a qualified interpreter. */
void
tkmon_svg_qualified(struct xw *x, const struct tkmon_srow *v, size_t n,
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
		    " oppdrag)", v[i].full, tkmon_fmt_pct(v[i].qshare, 1, a),
		    tkmon_fmt_int(v[i].fq, b), tkmon_fmt_int(v[i].filled, c));
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
		    tkmon_fmt_pct(v[i].qshare, 0, a));
		xw_fend(x);
	}
	lx = svg_legend(x, X0, bottom + 20, "bar", "Kategori A\xe2\x80\x93"
	    "C");
	(void)svg_legend(x, lx, bottom + 20, "bar2", "Kategori D\xe2\x80\x93"
	    "E");
	xw_fend(x);
}

/* Chart: the change in requests since the previous half-year. */
void
tkmon_svg_change(struct xw *x, const struct tkmon_srow *v, size_t n,
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
		    tkmon_fmt_change(lab, 0, a));
	}
	for (i = 0; i < k; i++) {
		y = top + i * ROWH;
		xasprintf(&tip, "%s: %s fra %s", v[i].full,
		    v[i].change[0] != '\0' ?
		    tkmon_fmt_change(v[i].change, 1, a) : "ingen bestillinger",
		    prev.label);
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
			    tkmon_fmt_change(v[i].change, 0, a));
		} else {
			svg_rect(x, cx - w, y + 3, w, 14, "down");
			svg_text(x, cx + 6, y + 14, NULL, NULL,
			    tkmon_fmt_change(v[i].change, 0, a));
		}
		xw_fend(x);
	}
	xw_fend(x);
}

/* Chart: the flagged languages, their coverage and the flags. */
void
tkmon_svg_flagged(struct xw *x, const struct tkmon_srow *v, size_t n,
    const struct monitor_query *q)
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
	    " kvalifiserte tolker som mangler.", q->period->label);
	bottom = top + k * rowh;
	svg_open(x, "chart-flagged", (int)(bottom + 6), title, desc);
	svg_line(x, X0, top - 4, X0, bottom, "axis");
	thr = X0 + 240.0 * q->params->shortage;
	snprintf(lab, sizeof(lab), "%.3f", q->params->shortage);
	xasprintf(&s, "terskel %s", tkmon_fmt_pct(lab, 0, a));
	svg_text(x, thr, top - 8, "middle", "muted", s);
	free(s);
	for (i = 0; i < n && shown < k; i++) {
		if (v[i].flag[0] == '\0')
			continue;
		y = top + shown++ * rowh;
		tkmon_flags_nb(v[i].flag, fl, sizeof(fl));
		snprintf(lab, sizeof(lab), "%.3f", v[i].coverage);
		xasprintf(&tip, "%s: %s; dekningsgrad %s; mangler %s"
		    " kvalifiserte tolker", v[i].full, fl,
		    tkmon_fmt_pct(lab, 1, a), tkmon_fmt_int(v[i].needed, b));
		svg_row(x, tip);
		free(tip);
		svg_text(x, X0 - 8, y + 17, "end", NULL, v[i].label);
		w = 240.0 * fmin(1.0, v[i].coverage);
		/* The flag, not the rounded coverage, says it is short. */
		svg_rect(x, X0, y + 6, w, 14, strstr(v[i].flag, "SHORTAGE") !=
		    NULL ? "warn" : "bar");
		svg_text(x, X0 + w + 6, y + 17, NULL, NULL,
		    tkmon_fmt_pct(lab, 0, a));
		svg_text(x, 480, y + 12, NULL, "flag", fl);
		if (v[i].needed > 0)
			xasprintf(&s, "mangler %s %s",
			    tkmon_fmt_int(v[i].needed, b), v[i].needed == 1 ?
			    "tolk" : "tolker");
		else
			s = xstrdup("dekket ved middels utnyttelse");
		svg_text(x, 480, y + 25, NULL, "muted", s);
		free(s);
		xw_fend(x);
	}
	svg_line(x, thr, top - 4, thr, bottom, "limit");
	xw_fend(x);
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
		for (j = i; j > 0 && tkmon_inum(t, o[j], "assignments") >
		    tkmon_inum(t, o[j - 1], "assignments"); j--) {
			tmp = o[j];
			o[j] = o[j - 1];
			o[j - 1] = tmp;
		}
	}
	*k = n < CHART_ROWS ? n : CHART_ROWS;
	return (o);
}

/* Chart: the share of assignments with a qualified interpreter (§ 7). */
void
tkmon_svg_lov_qualified(struct xw *x, const struct monitor_query *q,
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
	    q->period->label);
	bottom = top + k * ROWH;
	svg_open(x, "chart-lov-qualified", (int)(bottom + 6), title, desc);
	svg_share_grid(x, X0, 420, top, bottom);
	for (i = 0; i < k; i++) {
		y = top + i * ROWH;
		g = tkmon_group_label(q->by, tkmon_cell(t, o[i],
		    tkmon_lov_key(q->by)));
		lab = tkmon_clip(g, 26);
		xasprintf(&tip, "%s: %s (%s av %s oppdrag)", g,
		    tkmon_fmt_pct(tkmon_cell(t, o[i], "qualified_share"), 1, a),
		    tkmon_fmt_int(tkmon_inum(t, o[i], "qualified"), b),
		    tkmon_fmt_int(tkmon_inum(t, o[i], "assignments"), c));
		svg_row(x, tip);
		free(tip);
		svg_text(x, X0 - 8, y + 14, "end", NULL, lab);
		w = 420.0 * tkmon_num(t, o[i], "qualified_share");
		svg_rect(x, X0, y + 3, w, 14, "bar");
		svg_text(x, X0 + w + 6, y + 14, NULL, NULL,
		    tkmon_fmt_pct(tkmon_cell(t, o[i], "qualified_share"), 0,
		    a));
		xw_fend(x);
		free(lab);
		free(g);
	}
	xw_fend(x);
	free(o);
}

/* Chart: guidelines of the bodies that use interpreters regularly (§ 9). */
void
tkmon_svg_lov_guidelines(struct xw *x, const struct monitor_query *q,
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
		g = tkmon_group_label(q->by, tkmon_cell(t, o[i],
		    tkmon_lov_key(q->by)));
		lab = tkmon_clip(g, 26);
		reg = (double)tkmon_inum(t, o[i], "bodies_regular");
		xasprintf(&tip, "%s: %s organer, %s fullt, %s delvis, %s"
		    " ingen", g, tkmon_fmt_int((long)reg, a),
		    tkmon_fmt_int(tkmon_inum(t, o[i], cols[0]), b),
		    tkmon_fmt_int(tkmon_inum(t, o[i], cols[1]), c),
		    tkmon_fmt_int(tkmon_inum(t, o[i], cols[2]), d));
		svg_row(x, tip);
		free(tip);
		svg_text(x, X0 - 8, y + 14, "end", NULL, lab);
		if (reg <= 0)
			svg_text(x, X0 + 6, y + 14, NULL, "muted",
			    "ingen organer som bruker tolk jevnlig");
		for (j = 0, x1 = X0; reg > 0 && j < 3; j++) {
			w = 420.0 * (double)tkmon_inum(t, o[i], cols[j]) / reg;
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
