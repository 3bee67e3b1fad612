/*
 * The Tolkemonitor reports as XML (tkmon-xml.c), following
 * schema/tolkemonitor.xsd, and the check of a document against that
 * schema, built into the program.
 */
#ifndef TOLKREG_TKMON_XML_H
#define TOLKREG_TKMON_XML_H

#include <stddef.h>
#include <stdio.h>

#define TOLKEMONITOR_NS		"urn:no:imdi:tolkreg:tolkemonitor:1"
#define TOLKEMONITOR_VERSION	"1"

struct monitor_query;
struct table;
struct tk_error;

/* SPRÅK table t as XML to f. Returns 0 or -1 (TK_E_IO). */
int	tkmon_xml_sprak(const struct monitor_query *, const struct table *t,
	    FILE *f, struct tk_error *);

/* LOV tables t and top (bodies without guidelines) as XML to f. */
int	tkmon_xml_lov(const struct monitor_query *, const struct table *t,
	    const struct table *top, FILE *f, struct tk_error *);

/*
 * Validate XML text (len bytes) against the tolkemonitor.xsd built into
 * the program. Returns 0, or -1 with TK_E_INVALID and the first problem.
 */
int	tkmon_xml_validate(const char *xml, size_t len, struct tk_error *);

#endif /* TOLKREG_TKMON_XML_H */
