/*
 * The Tolkemonitor reports computed and written in one call, for every
 * front end (tkmon.h): SPRÅK and LOV as monitor.c computes them, handed
 * to the output for the format asked for: tkmon-xml.c, tkmon-html.c, or
 * the plain table, CSV and JSON of output.c.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "tkmon-html.h"
#include "tkmon-xml.h"
#include "tolkreg/monitor.h"
#include "tolkreg/output.h"
#include "tolkreg/tkmon.h"

/* Compute SPRÅK and write it. */
int
tkmon_sprak_write(struct store *st, const struct monitor_query *q,
    enum tk_format fmt, FILE *f, struct tk_error *err)
{
	struct table	*t;
	int		 rc;

	t = table_new();
	rc = monitor_sprak(st, q->period, q->by, q->params, t, err);
	if (rc == 0)
		rc = tkmon_sprak_render(q, t, fmt, f, err);
	table_free(t);
	return (rc);
}

/* Compute LOV and write it. */
int
tkmon_lov_write(struct store *st, const struct monitor_query *q,
    enum tk_format fmt, FILE *f, struct tk_error *err)
{
	struct table	*groups, *top;
	int		 rc;

	groups = table_new();
	top = table_new();
	rc = monitor_lov(st, q->period, q->by, groups, top, err);
	if (rc == 0)
		rc = tkmon_lov_render(q, groups, top, fmt, f, err);
	table_free(top);
	table_free(groups);
	return (rc);
}

/* Write a SPRÅK table in format fmt. */
int
tkmon_sprak_render(const struct monitor_query *q, const struct table *t,
    enum tk_format fmt, FILE *f, struct tk_error *err)
{
	switch (fmt) {
	case FMT_XML:
		return (tkmon_xml_sprak(q, t, f, err));
	case FMT_HTML:
		return (tkmon_html_sprak(q, t, f, err));
	case FMT_TABLE:
	case FMT_CSV:
	case FMT_JSON:
		break;
	}
	return (table_write(t, fmt, f, err));
}

/* Write the LOV tables in format fmt. */
int
tkmon_lov_render(const struct monitor_query *q, const struct table *groups,
    const struct table *top, enum tk_format fmt, FILE *f,
    struct tk_error *err)
{
	static const char *const names[] = { "groups", "no_guidelines" };
	struct table	*tabs[2];

	switch (fmt) {
	case FMT_XML:
		return (tkmon_xml_lov(q, groups, top, f, err));
	case FMT_HTML:
		return (tkmon_html_lov(q, groups, top, f, err));
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
