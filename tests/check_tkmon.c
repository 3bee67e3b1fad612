/*
 * The Tolkemonitor reports as XML and HTML (tkmon.h), on the register
 * worked out by hand in monitor_fixture.c: the XML follows
 * schema/tolkemonitor.xsd (checked with libxml2 and, when configure
 * found it, with xmllint) and holds exactly the values of the CSV; the
 * HTML is well formed, has its four charts and the full table, and
 * escapes what comes from the database.
 */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlschemas.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "check_suites.h"
#include "monitor_fixture.h"
#include "tkmon-xml.h"
#include "tolkreg/error.h"
#include "tolkreg/monitor.h"
#include "tolkreg/output.h"
#include "tolkreg/tkmon.h"
#include "tolkreg/store.h"

#define XSI	"http://www.w3.org/2001/XMLSchema-instance"

static struct store		*st;
static char			 path[256];
static struct tk_error		 err;
static struct monitor_period	 p;
static struct sprak_params	 sp;
static struct monitor_query	 q;

static void
setup(void)
{
	st = monitor_fixture_new(path);
	tk_error_clear(&err);
	ck_assert_int_eq(monitor_period(2026, 1, &p, &err), 0);
	sprak_params_init(&sp);
	q.period = &p;
	q.by = BY_NONE;
	q.params = &sp;
	q.generated = 1793000000;	/* 2026-10-26 */
}

static void
teardown(void)
{
	monitor_fixture_free(st, path);
}

/* Text a writer produced. Owned. */
static char *
render_sprak(const struct table *t, enum tk_format fmt, size_t *len)
{
	char	*buf = NULL;
	size_t	 n = 0;
	FILE	*f = open_memstream(&buf, &n);

	ck_assert_ptr_nonnull(f);
	ck_assert_msg(tkmon_sprak_render(&q, t, fmt, f, &err) == 0, "%s",
	    err.msg);
	fclose(f);
	if (len != NULL)
		*len = n;
	return (buf);
}

static char *
render_lov(const struct table *t, const struct table *top,
    enum tk_format fmt, size_t *len)
{
	char	*buf = NULL;
	size_t	 n = 0;
	FILE	*f = open_memstream(&buf, &n);

	ck_assert_ptr_nonnull(f);
	ck_assert_msg(tkmon_lov_render(&q, t, top, fmt, f, &err) == 0, "%s",
	    err.msg);
	fclose(f);
	if (len != NULL)
		*len = n;
	return (buf);
}

/* SPRÅK for 2026H1 with the defaults, broken down by by. */
static struct table *
sprak(enum monitor_by by)
{
	struct table	*t = table_new();

	q.by = by;
	ck_assert_msg(monitor_sprak(st, &p, by, &sp, t, &err) == 0, "%s",
	    err.msg);
	return (t);
}

/*
 * Parse RFC 4180 CSV as the program writes it (every field quoted,
 * CR LF): fields[r][c], *nrows and *ncols set. Owned by the caller:
 * free each field, each row and the array.
 */
static char ***
csv_parse(const char *s, size_t *nrows, size_t *ncols)
{
	char	***rows = NULL, *field;
	size_t	  r = 0, c, n;

	*ncols = 0;
	while (*s != '\0') {
		rows = realloc(rows, (r + 1) * sizeof(*rows));
		rows[r] = NULL;
		for (c = 0;; c++) {
			ck_assert_int_eq(*s, '"');
			s++;
			field = malloc(strlen(s) + 1);
			for (n = 0; !(s[0] == '"' && s[1] != '"'); s++) {
				if (s[0] == '"')
					s++;
				field[n++] = *s;
			}
			field[n] = '\0';
			s++;
			rows[r] = realloc(rows[r], (c + 1) * sizeof(**rows));
			rows[r][c] = field;
			if (*s == ',') {
				s++;
				continue;
			}
			ck_assert(s[0] == '\r' && s[1] == '\n');
			s += 2;
			break;
		}
		if (r == 0)
			*ncols = c + 1;
		ck_assert_uint_eq(c + 1, *ncols);
		r++;
	}
	*nrows = r;
	return (rows);
}

static void
csv_free(char ***rows, size_t nrows, size_t ncols)
{
	size_t	r, c;

	for (r = 0; r < nrows; r++) {
		for (c = 0; c < ncols; c++)
			free(rows[r][c]);
		free(rows[r]);
	}
	free(rows);
}

/* The first child element of n called name. */
static xmlNodePtr
child(xmlNodePtr n, const char *name)
{
	for (n = n->children; n != NULL; n = n->next) {
		if (n->type == XML_ELEMENT_NODE &&
		    xmlStrcmp(n->name, (const xmlChar *)name) == 0)
			return (n);
	}
	ck_abort_msg("no element '%s'", name);
	return (NULL);
}

/* The next element sibling from n on, or NULL. */
static xmlNodePtr
element(xmlNodePtr n)
{
	while (n != NULL && n->type != XML_ELEMENT_NODE)
		n = n->next;
	return (n);
}

/*
 * Check that the <row>s in container equal the CSV rows: every column
 * named alike, in the same order, with the same text (nil for empty).
 */
static void
rows_equal(xmlNodePtr container, const char *csv)
{
	char		***v;
	xmlNodePtr	   row, e;
	xmlChar		  *text;
	size_t		   nrows, ncols, r, c;

	v = csv_parse(csv, &nrows, &ncols);
	row = element(container->children);
	for (r = 1; r < nrows; r++, row = element(row->next)) {
		ck_assert_ptr_nonnull(row);
		ck_assert_str_eq((const char *)row->name, "row");
		e = element(row->children);
		for (c = 0; c < ncols; c++, e = element(e->next)) {
			ck_assert_ptr_nonnull(e);
			ck_assert_str_eq((const char *)e->name, v[0][c]);
			text = xmlNodeGetContent(e);
			ck_assert_msg(strcmp((const char *)text, v[r][c]) == 0,
			    "row %zu %s: xml '%s', csv '%s'", r, v[0][c],
			    (const char *)text, v[r][c]);
			if (v[r][c][0] == '\0' && strcmp(v[0][c], "flag") != 0)
				ck_assert_ptr_nonnull(xmlHasNsProp(e,
				    (const xmlChar *)"nil",
				    (const xmlChar *)XSI));
			xmlFree(text);
		}
		ck_assert_ptr_null(element(e));
	}
	ck_assert_ptr_null(row);
	csv_free(v, nrows, ncols);
}

/* Validate doc against schema/tolkemonitor.xsd from the source tree. */
static void
schema_valid(xmlDocPtr doc)
{
	xmlSchemaParserCtxtPtr	 pc;
	xmlSchemaPtr		 schema;
	xmlSchemaValidCtxtPtr	 vc;
	const char		*srcdir = getenv("TOLKREG_SRCDIR");
	char			 xsd[512];

	snprintf(xsd, sizeof(xsd), "%s/schema/tolkemonitor.xsd",
	    srcdir != NULL ? srcdir : ".");
	pc = xmlSchemaNewParserCtxt(xsd);
	ck_assert_ptr_nonnull(pc);
	schema = xmlSchemaParse(pc);
	ck_assert_msg(schema != NULL, "cannot read %s", xsd);
	vc = xmlSchemaNewValidCtxt(schema);
	ck_assert_int_eq(xmlSchemaValidateDoc(vc, doc), 0);
	xmlSchemaFreeValidCtxt(vc);
	xmlSchemaFree(schema);
	xmlSchemaFreeParserCtxt(pc);
}

/*
 * Run $XMLLINT --noout on text, with --schema schema/tolkemonitor.xsd
 * when schema is set, as a reader of the files would; skipped when
 * configure found no xmllint.
 */
static void
xmllint(int schema, const char *text, size_t len)
{
	const char	*lint = getenv("XMLLINT"), *srcdir;
	char		 file[] = "/tmp/tolkreg-report.XXXXXX", cmd[1024];
	FILE		*f;
	int		 fd, rc;

	if (lint == NULL || *lint == '\0')
		return;
	srcdir = getenv("TOLKREG_SRCDIR");
	ck_assert((fd = mkstemp(file)) != -1);
	f = fdopen(fd, "w");
	fwrite(text, 1, len, f);
	fclose(f);
	if (schema)
		snprintf(cmd, sizeof(cmd), "'%s' --noout --schema"
		    " '%s/schema/tolkemonitor.xsd' '%s' 2>/dev/null", lint,
		    srcdir != NULL ? srcdir : ".", file);
	else
		snprintf(cmd, sizeof(cmd), "'%s' --noout '%s' 2>/dev/null",
		    lint, file);
	rc = system(cmd);
	unlink(file);
	ck_assert_msg(WIFEXITED(rc) && WEXITSTATUS(rc) == 0, "%s: %d", cmd,
	    rc);
}

START_TEST(test_sprak_xml_is_csv)
{
	static const enum monitor_by	 bys[] = { BY_NONE, BY_SECTOR,
	    BY_COUNTY };
	struct table			*t;
	xmlDocPtr			 doc;
	xmlNodePtr			 root, n;
	char				*xml, *csv;
	size_t				 len, i;

	for (i = 0; i < sizeof(bys) / sizeof(bys[0]); i++) {
		t = sprak(bys[i]);
		xml = render_sprak(t, FMT_XML, &len);
		csv = render_sprak(t, FMT_CSV, NULL);
		ck_assert_int_eq(tkmon_xml_validate(xml, len, &err), 0);
		xmllint(1, xml, len);
		doc = xmlReadMemory(xml, (int)len, "sprak.xml", NULL,
		    XML_PARSE_NONET);
		ck_assert_ptr_nonnull(doc);
		schema_valid(doc);
		root = xmlDocGetRootElement(doc);
		ck_assert_str_eq((const char *)root->name, "sprak");
		ck_assert_str_eq((const char *)root->ns->href,
		    TOLKEMONITOR_NS);
		n = child(child(root, "period"), "label");
		ck_assert_str_eq((const char *)n->children->content, "2026H1");
		n = child(child(root, "comparison"), "previous");
		ck_assert_str_eq((const char *)n->children->content, "2025H2");
		n = child(child(root, "parameters"), "utilisation");
		ck_assert_str_eq((const char *)n->children->content, "0.5");
		n = child(child(root, "parameters"), "by");
		ck_assert_str_eq((const char *)n->children->content,
		    bys[i] == BY_NONE ? "none" : bys[i] == BY_SECTOR ?
		    "sector" : "county");
		rows_equal(child(root, "rows"), csv);
		xmlFreeDoc(doc);
		free(xml);
		free(csv);
		table_free(t);
	}
}
END_TEST

START_TEST(test_sprak_xml_values)
{
	struct table	*t = sprak(BY_NONE);
	xmlDocPtr	 doc;
	xmlNodePtr	 row;
	xmlChar		*v;
	char		*xml;
	size_t		 len;

	/* The hand-computed values, read back from the XML. */
	xml = render_sprak(t, FMT_XML, &len);
	doc = xmlReadMemory(xml, (int)len, "sprak.xml", NULL, XML_PARSE_NONET);
	row = element(child(xmlDocGetRootElement(doc), "rows")->children);
	row = element(element(row->next)->next);	/* ara, third */
	v = xmlNodeGetContent(child(row, "language"));
	ck_assert_str_eq((const char *)v, "ara");
	xmlFree(v);
	v = xmlNodeGetContent(child(row, "qualified_share"));
	ck_assert_str_eq((const char *)v, "0.750");
	xmlFree(v);
	v = xmlNodeGetContent(child(row, "change_year"));
	ck_assert_str_eq((const char *)v, "0.250");
	xmlFree(v);
	row = element(element(child(xmlDocGetRootElement(doc),
	    "rows")->children)->next);			/* tir, second */
	v = xmlNodeGetContent(child(row, "flag"));
	ck_assert_str_eq((const char *)v, "NEW,SHORTAGE");
	xmlFree(v);
	ck_assert_ptr_nonnull(xmlHasNsProp(child(row, "qualified_share"),
	    (const xmlChar *)"nil", (const xmlChar *)XSI));
	xmlFreeDoc(doc);
	free(xml);
	table_free(t);
}
END_TEST

START_TEST(test_lov_xml_is_csv)
{
	static const enum monitor_by	 bys[] = { BY_NONE, BY_SECTOR,
	    BY_COUNTY, BY_BODY };
	struct table			*t, *top;
	xmlDocPtr			 doc;
	xmlNodePtr			 root, row;
	xmlChar				*v;
	char				*xml, *csv;
	size_t				 len, i;

	for (i = 0; i < sizeof(bys) / sizeof(bys[0]); i++) {
		t = table_new();
		top = table_new();
		q.by = bys[i];
		ck_assert_int_eq(monitor_lov(st, &p, bys[i], t, top, &err), 0);
		xml = render_lov(t, top, FMT_XML, &len);
		csv = render_lov(t, top, FMT_CSV, NULL);
		ck_assert_msg(tkmon_xml_validate(xml, len, &err) == 0, "%s",
		    err.msg);
		xmllint(1, xml, len);
		doc = xmlReadMemory(xml, (int)len, "lov.xml", NULL,
		    XML_PARSE_NONET);
		schema_valid(doc);
		root = xmlDocGetRootElement(doc);
		ck_assert_str_eq((const char *)root->name, "lov");
		rows_equal(child(root, "rows"), csv);
		/* no_guidelines: NAV Bergen with its 60 assignments. */
		row = element(child(root, "no_guidelines")->children);
		ck_assert_ptr_nonnull(row);
		v = xmlNodeGetContent(child(row, "orgnr"));
		ck_assert_str_eq((const char *)v, FX_NAV);
		xmlFree(v);
		v = xmlNodeGetContent(child(row, "assignments"));
		ck_assert_str_eq((const char *)v, "60");
		xmlFree(v);
		ck_assert_ptr_null(element(row->next));
		xmlFreeDoc(doc);
		free(xml);
		free(csv);
		table_free(t);
		table_free(top);
	}
}
END_TEST

/* Whether doc has an svg element with id. */
static int
has_svg(xmlDocPtr doc, const char *id)
{
	xmlXPathContextPtr	 xp = xmlXPathNewContext(doc);
	xmlXPathObjectPtr	 o;
	char			 expr[128];
	int			 n;

	xmlXPathRegisterNs(xp, (const xmlChar *)"s",
	    (const xmlChar *)"http://www.w3.org/2000/svg");
	snprintf(expr, sizeof(expr), "//s:svg[@id='%s'][s:title]", id);
	o = xmlXPathEvalExpression((const xmlChar *)expr, xp);
	n = o != NULL && o->nodesetval != NULL ? o->nodesetval->nodeNr : 0;
	xmlXPathFreeObject(o);
	xmlXPathFreeContext(xp);
	return (n == 1);
}

/* The number of nodes an XPath (prefix h: XHTML) finds in doc. */
static int
count(xmlDocPtr doc, const char *expr)
{
	xmlXPathContextPtr	 xp = xmlXPathNewContext(doc);
	xmlXPathObjectPtr	 o;
	int			 n;

	xmlXPathRegisterNs(xp, (const xmlChar *)"h",
	    (const xmlChar *)"http://www.w3.org/1999/xhtml");
	xmlXPathRegisterNs(xp, (const xmlChar *)"s",
	    (const xmlChar *)"http://www.w3.org/2000/svg");
	o = xmlXPathEvalExpression((const xmlChar *)expr, xp);
	n = o != NULL && o->nodesetval != NULL ? o->nodesetval->nodeNr : 0;
	xmlXPathFreeObject(o);
	xmlXPathFreeContext(xp);
	return (n);
}

/* Checks every HTML page passes: well formed, self-contained, A4. */
static xmlDocPtr
html_ok(const char *html, size_t len)
{
	xmlDocPtr	doc;

	ck_assert(strncmp(html, "<!DOCTYPE html>", 15) == 0);
	doc = xmlReadMemory(html, (int)len, "report.html", "UTF-8",
	    XML_PARSE_NONET);
	ck_assert_msg(doc != NULL, "HTML is not well formed");
	xmllint(0, html, len);
	ck_assert_ptr_nonnull(strstr(html, "@page { size: A4;"));
	ck_assert_ptr_nonnull(strstr(html, "@media print"));
	ck_assert_ptr_nonnull(strstr(html, "<meta charset=\"utf-8\"/>"));
	ck_assert_int_eq(count(doc, "//h:script"), 0);
	ck_assert_int_eq(count(doc, "//@src"), 0);
	ck_assert_int_eq(count(doc, "//@href"), 0);
	ck_assert_int_eq(count(doc, "//h:link"), 0);
	ck_assert_ptr_null(strstr(html, "url("));
	ck_assert_ptr_null(strstr(html, "@import"));
	ck_assert_int_eq(count(doc, "/h:html[@lang='nb']"), 1);
	return (doc);
}

START_TEST(test_sprak_html)
{
	struct table	*t = sprak(BY_NONE);
	xmlDocPtr	 doc;
	char		*html;
	size_t		 len;

	html = render_sprak(t, FMT_HTML, &len);
	doc = html_ok(html, len);
	ck_assert(has_svg(doc, "chart-demand"));
	ck_assert(has_svg(doc, "chart-qualified"));
	ck_assert(has_svg(doc, "chart-change"));
	ck_assert(has_svg(doc, "chart-flagged"));
	/* A bar per language in the first three charts. */
	ck_assert_int_eq(count(doc, "//s:svg[@id='chart-demand']/s:g"), 3);
	ck_assert_int_eq(count(doc, "//s:svg[@id='chart-change']/s:g"), 3);
	/* Tigrinya is flagged NEW and SHORTAGE, 6 interpreters short. */
	ck_assert_int_eq(count(doc, "//s:svg[@id='chart-flagged']/s:g"), 1);
	ck_assert_int_eq(count(doc, "//s:svg[@id='chart-flagged']//s:text"
	    "[.='NY, MANGEL']"), 1);
	ck_assert_int_eq(count(doc, "//s:svg[@id='chart-flagged']//s:text"
	    "[.='mangler 6 tolker']"), 1);
	/* The full table: two tables, a row per language each. */
	ck_assert_int_eq(count(doc, "//h:table"), 2);
	ck_assert_int_eq(count(doc, "//h:table/h:tbody/h:tr"), 6);
	ck_assert_int_eq(count(doc, "//h:td[.='Arabisk']"), 2);
	ck_assert_int_eq(count(doc, "//h:td[.='75,0\xc2\xa0%']"), 2);
	ck_assert_int_eq(count(doc, "//h:td[.='+150,0\xc2\xa0%']"), 1);
	ck_assert_ptr_nonnull(strstr(html, "Tolkemonitor SPR\xc3\x85K:"
	    " f\xc3\xb8rste halv\xc3\xa5r 2026"));
	xmlFreeDoc(doc);
	free(html);
	table_free(t);

	/* With a breakdown, and with nothing at all. */
	t = sprak(BY_SECTOR);
	html = render_sprak(t, FMT_HTML, &len);
	doc = html_ok(html, len);
	ck_assert_int_eq(count(doc, "//h:td[.='NAV og velferd']"), 2);
	xmlFreeDoc(doc);
	free(html);
	table_free(t);
	ck_assert_int_eq(monitor_period(2030, 2, &p, &err), 0);
	t = sprak(BY_NONE);
	html = render_sprak(t, FMT_HTML, &len);
	doc = html_ok(html, len);
	ck_assert(has_svg(doc, "chart-demand"));
	ck_assert(has_svg(doc, "chart-flagged"));
	xmlFreeDoc(doc);
	free(html);
	table_free(t);
}
END_TEST

START_TEST(test_lov_html)
{
	struct table	*t = table_new(), *top = table_new();
	xmlDocPtr	 doc;
	char		*html;
	size_t		 len;

	q.by = BY_SECTOR;
	ck_assert_int_eq(monitor_lov(st, &p, BY_SECTOR, t, top, &err), 0);
	html = render_lov(t, top, FMT_HTML, &len);
	doc = html_ok(html, len);
	ck_assert(has_svg(doc, "chart-lov-qualified"));
	ck_assert(has_svg(doc, "chart-lov-guidelines"));
	ck_assert_int_eq(count(doc, "//h:table"), 2);
	ck_assert_int_eq(count(doc, "//h:td[.='NAV Bergen']"), 1);
	/* Health: 2 of 3 qualified, 2 of 3 remote. */
	ck_assert_int_eq(count(doc, "//h:td[.='66,7\xc2\xa0%']"), 2);
	xmlFreeDoc(doc);
	free(html);
	table_free(t);
	table_free(top);
}
END_TEST

START_TEST(test_escaping)
{
	static const char	 name[] = "<b>NAV</b> & \"Co\" 'x' ]]>";
	struct table		*t = table_new(), *top = table_new();
	xmlDocPtr		 doc;
	xmlNodePtr		 row;
	xmlChar			*v;
	char			*xml, *html, expr[160];
	size_t			 len;

	/* The name of a body comes from the register: any text at all. */
	ck_assert_int_eq(sqlite3_exec(store_db(st), "UPDATE body SET name ="
	    " '<b>NAV</b> & \"Co\" ''x'' ]]>' WHERE orgnr = '" FX_NAV "'",
	    NULL, NULL, NULL), SQLITE_OK);
	ck_assert_int_eq(monitor_lov(st, &p, BY_NONE, t, top, &err), 0);
	xml = render_lov(t, top, FMT_XML, &len);
	ck_assert_ptr_null(strstr(xml, "<b>"));
	ck_assert_int_eq(tkmon_xml_validate(xml, len, &err), 0);
	doc = xmlReadMemory(xml, (int)len, "lov.xml", NULL, XML_PARSE_NONET);
	row = element(child(xmlDocGetRootElement(doc),
	    "no_guidelines")->children);
	v = xmlNodeGetContent(child(row, "name"));
	ck_assert_str_eq((const char *)v, name);
	xmlFree(v);
	xmlFreeDoc(doc);
	free(xml);

	html = render_lov(t, top, FMT_HTML, &len);
	ck_assert_ptr_null(strstr(html, "<b>"));
	doc = html_ok(html, len);
	snprintf(expr, sizeof(expr), "//h:td[.=concat('<b>NAV</b> & \"Co\" ',"
	    " \"'x' ]]>\")]");
	ck_assert_int_eq(count(doc, expr), 1);
	xmlFreeDoc(doc);
	free(html);
	table_free(t);
	table_free(top);
}
END_TEST

Suite *
tkmon_suite(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("tkmon");
	tc = tcase_create("xml");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_sprak_xml_is_csv);
	tcase_add_test(tc, test_sprak_xml_values);
	tcase_add_test(tc, test_lov_xml_is_csv);
	suite_add_tcase(s, tc);
	tc = tcase_create("html");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_sprak_html);
	tcase_add_test(tc, test_lov_html);
	tcase_add_test(tc, test_escaping);
	suite_add_tcase(s, tc);
	return (s);
}
