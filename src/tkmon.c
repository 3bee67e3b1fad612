/*
 * The Tolkemonitor reports written in the format asked for (tkmon.h):
 * SPRÅK and LOV as monitor.c computes them, handed to tkmon-xml.c,
 * tkmon-html.c, or the plain table, CSV and JSON of output.c.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "tkmon-html.h"
#include "tkmon-xml.h"
#include "tolkreg/monitor.h"
#include "tolkreg/output.h"
#include "tolkreg/tkmon.h"

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
