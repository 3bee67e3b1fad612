/*
 * Export in the tolkreg XML format (tolkreg-xml(5)): the register with
 * credentials, listing history and warnings, the public bodies, or the
 * closed assignments that Tolkemonitor counts (tolkeloven §§ 4, 7, 8).
 * Written with xmlTextWriter straight to a stream while the rows are
 * read, in key order, so that the same data gives the same bytes and a
 * file exported, imported into an empty register and exported again is
 * identical. Personal numbers and contact details are written only when
 * asked for.
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libxml/xmlerror.h>
#include <libxml/xmlwriter.h>

#include "tolkreg/error.h"
#include "tolkreg/interpreter.h"
#include "tolkreg/store.h"
#include "tolkreg/validate.h"
#include "tolkreg/xmalloc.h"
#include "tolkreg/xml.h"

/* A writer and whether any write to it failed. */
struct xw {
	xmlTextWriterPtr	 w;
	int			 failed;
	char			 why[256];	/* libxml2's first message */
};

/* Keep libxml2's first message during an export, instead of stderr. */
static void
on_write_error(void *arg, xmlErrorPtr e)
{
	struct xw	*xw = arg;
	char		*nl;

	if (xw->why[0] != '\0' || e == NULL || e->message == NULL)
		return;
	snprintf(xw->why, sizeof(xw->why), "%s", e->message);
	if ((nl = strchr(xw->why, '\n')) != NULL)
		*nl = '\0';
}

/* Open element name. */
static void
xw_start(struct xw *xw, const char *name)
{
	if (!xw->failed &&
	    xmlTextWriterStartElement(xw->w, (const xmlChar *)name) < 0)
		xw->failed = 1;
}

/* Write attribute name unless value is NULL. */
static void
xw_attr(struct xw *xw, const char *name, const char *value)
{
	if (!xw->failed && value != NULL &&
	    xmlTextWriterWriteAttribute(xw->w, (const xmlChar *)name,
	    (const xmlChar *)value) < 0)
		xw->failed = 1;
}

/* Write column i of s as attribute name unless it is NULL. */
static void
xw_col(struct xw *xw, const char *name, sqlite3_stmt *s, int i)
{
	xw_attr(xw, name, (const char *)sqlite3_column_text(s, i));
}

/* Close the innermost element. */
static void
xw_end(struct xw *xw)
{
	if (!xw->failed && xmlTextWriterEndElement(xw->w) < 0)
		xw->failed = 1;
}

/* Finish a statement run: 0 when it ran to the end. */
static int
stmt_done(struct store *st, sqlite3_stmt *s, int rc, struct tk_error *err)
{
	sqlite3_reset(s);
	return (rc == SQLITE_DONE ? 0 : store_fail(st, err));
}

/* The credentials, listing history and warnings of one interpreter. */
static int
interpreter_children(struct store *st, struct xw *xw, int64_t regno,
    struct tk_error *err)
{
	static const char	 creds[] = "SELECT kind, lang, obtained,"
	    " nullif(ref, ''), revoked, revoke_reason FROM credential"
	    " WHERE regno = ?1 ORDER BY obtained, kind, coalesce(lang, ''),"
	    " id";
	static const char	 events[] = "SELECT at, status, until, reason,"
	    " actor FROM listing_event WHERE regno = ?1 ORDER BY at, id";
	static const char	 warnings[] = "SELECT date, reason FROM warning"
	    " WHERE regno = ?1 ORDER BY date, id";
	sqlite3_stmt		*s;
	int			 rc;

	if ((s = store_stmt(st, creds, err)) == NULL)
		return (-1);
	sqlite3_bind_int64(s, 1, regno);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW && !xw->failed) {
		xw_start(xw, "credential");
		xw_col(xw, "kind", s, 0);
		xw_col(xw, "lang", s, 1);
		xw_col(xw, "obtained", s, 2);
		xw_col(xw, "ref", s, 3);
		xw_col(xw, "revoked", s, 4);
		xw_col(xw, "revoke-reason", s, 5);
		xw_end(xw);
	}
	if (stmt_done(st, s, xw->failed ? SQLITE_DONE : rc, err) == -1)
		return (-1);

	if ((s = store_stmt(st, events, err)) == NULL)
		return (-1);
	sqlite3_bind_int64(s, 1, regno);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW && !xw->failed) {
		xw_start(xw, "listing");
		xw_col(xw, "at", s, 0);
		xw_col(xw, "status", s, 1);
		xw_col(xw, "until", s, 2);
		xw_col(xw, "reason", s, 3);
		xw_col(xw, "actor", s, 4);
		xw_end(xw);
	}
	if (stmt_done(st, s, xw->failed ? SQLITE_DONE : rc, err) == -1)
		return (-1);

	if ((s = store_stmt(st, warnings, err)) == NULL)
		return (-1);
	sqlite3_bind_int64(s, 1, regno);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW && !xw->failed) {
		xw_start(xw, "warning");
		xw_col(xw, "date", s, 0);
		xw_col(xw, "reason", s, 1);
		xw_end(xw);
	}
	return (stmt_done(st, s, xw->failed ? SQLITE_DONE : rc, err));
}

/* <interpreters>: every interpreter (changed since since), by regno. */
static int
export_register(struct store *st, struct xw *xw, const char *since,
    int personal, struct tk_error *err)
{
	static const char	 sql[] = "SELECT regno, name, gender,"
	    " municipality, availability, modalities, pnr, email, phone"
	    " FROM interpreter i WHERE ?1 IS NULL OR EXISTS (SELECT 1"
	    " FROM audit a WHERE a.entity = 'interpreter'"
	    " AND a.entity_id = CAST(i.regno AS TEXT) AND a.at >= ?1)"
	    " ORDER BY regno";
	sqlite3_stmt		*s;
	char			 mods[32], *p;
	int			 rc;

	if ((s = store_stmt(st, sql, err)) == NULL)
		return (-1);
	if (since != NULL)
		sqlite3_bind_text(s, 1, since, -1, SQLITE_TRANSIENT);
	xw_start(xw, "interpreters");
	while ((rc = sqlite3_step(s)) == SQLITE_ROW && !xw->failed) {
		xw_start(xw, "interpreter");
		xw_col(xw, "regno", s, 0);
		xw_col(xw, "name", s, 1);
		xw_col(xw, "gender", s, 2);
		xw_col(xw, "municipality", s, 3);
		xw_col(xw, "availability", s, 4);
		modalities_format((unsigned int)sqlite3_column_int(s, 5), mods,
		    sizeof(mods));
		for (p = mods; *p != '\0'; p++) {
			if (*p == ',')
				*p = ' ';
		}
		xw_attr(xw, "modalities", mods);
		if (personal) {
			xw_col(xw, "fnr", s, 6);
			xw_col(xw, "email", s, 7);
			xw_col(xw, "phone", s, 8);
		}
		/* The statement stays positioned while the children are read
		 * with statements of their own. */
		if (interpreter_children(st, xw, sqlite3_column_int64(s, 0),
		    err) == -1) {
			sqlite3_reset(s);
			return (-1);
		}
		xw_end(xw);
	}
	if (stmt_done(st, s, xw->failed ? SQLITE_DONE : rc, err) == -1)
		return (-1);
	xw_end(xw);
	return (0);
}

/* <bodies>: every public body (changed since since), by orgnr. */
static int
export_bodies(struct store *st, struct xw *xw, const char *since,
    struct tk_error *err)
{
	static const char	 sql[] = "SELECT orgnr, name, sector,"
	    " municipality, CASE regular WHEN 1 THEN 'true' ELSE 'false' END,"
	    " guidelines FROM body b WHERE ?1 IS NULL OR EXISTS (SELECT 1"
	    " FROM audit a WHERE a.entity = 'body' AND a.entity_id = b.orgnr"
	    " AND a.at >= ?1) ORDER BY orgnr";
	static const char *const names[] = { "orgnr", "name", "sector",
	    "municipality", "regular", "guidelines" };
	sqlite3_stmt		*s;
	int			 rc, i;

	if ((s = store_stmt(st, sql, err)) == NULL)
		return (-1);
	if (since != NULL)
		sqlite3_bind_text(s, 1, since, -1, SQLITE_TRANSIENT);
	xw_start(xw, "bodies");
	while ((rc = sqlite3_step(s)) == SQLITE_ROW && !xw->failed) {
		xw_start(xw, "body");
		for (i = 0; i < 6; i++)
			xw_col(xw, names[i], s, i);
		xw_end(xw);
	}
	if (stmt_done(st, s, xw->failed ? SQLITE_DONE : rc, err) == -1)
		return (-1);
	xw_end(xw);
	return (0);
}

/* <assignments>: closed requests (starting from since), by key. */
static int
export_assignments(struct store *st, struct xw *xw, const time_t *since,
    struct tk_error *err)
{
	static const char	 sql[] = "SELECT r.sender, r.ext_ref, r.body,"
	    " coalesce(r.sector, b.sector), r.lang, r.start, r.minutes,"
	    " r.modality, r.municipality, r.state, r.regno, r.unregistered,"
	    " r.exception, r.actual_minutes, r.remote, r.child_used,"
	    " r.provider, r.provider_orgnr, r.close_reason"
	    " FROM request r JOIN body b ON b.orgnr = r.body"
	    " WHERE r.state IN ('completed', 'cancelled', 'unfilled')"
	    " AND (?1 IS NULL OR r.start >= ?1)"
	    " ORDER BY r.sender, r.ext_ref";
	sqlite3_stmt		*s;
	char			 when[TIME_BUFLEN];
	int			 rc, onsite;

	if ((s = store_stmt(st, sql, err)) == NULL)
		return (-1);
	if (since != NULL)
		sqlite3_bind_int64(s, 1, (sqlite3_int64)*since);
	xw_start(xw, "assignments");
	while ((rc = sqlite3_step(s)) == SQLITE_ROW && !xw->failed) {
		xw_start(xw, "assignment");
		xw_col(xw, "sender", s, 0);
		xw_col(xw, "ref", s, 1);
		xw_col(xw, "body", s, 2);
		xw_col(xw, "sector", s, 3);
		xw_col(xw, "lang", s, 4);
		tk_time_format((time_t)sqlite3_column_int64(s, 5), when);
		xw_attr(xw, "start", when);
		xw_col(xw, "minutes", s, 6);
		xw_col(xw, "modality", s, 7);
		xw_col(xw, "municipality", s, 8);
		xw_col(xw, "outcome", s, 9);
		if (sqlite3_column_type(s, 10) != SQLITE_NULL)
			xw_col(xw, "interpreter", s, 10);
		else if (sqlite3_column_int(s, 11) == 1)
			xw_attr(xw, "interpreter", "unregistered");
		xw_col(xw, "exception", s, 12);
		xw_col(xw, "actual-minutes", s, 13);
		/* Remote work is implied by video and phone. */
		onsite = strcmp((const char *)sqlite3_column_text(s, 7),
		    "onsite") == 0;
		if (onsite && sqlite3_column_type(s, 14) != SQLITE_NULL &&
		    sqlite3_column_int(s, 14) == 1)
			xw_attr(xw, "remote", "true");
		if (sqlite3_column_type(s, 15) != SQLITE_NULL)
			xw_attr(xw, "child-used", sqlite3_column_int(s, 15) ?
			    "true" : "false");
		xw_col(xw, "provider", s, 16);
		xw_col(xw, "provider-orgnr", s, 17);
		xw_col(xw, "reason", s, 18);
		xw_end(xw);
	}
	if (stmt_done(st, s, xw->failed ? SQLITE_DONE : rc, err) == -1)
		return (-1);
	xw_end(xw);
	return (0);
}

/* Midnight Europe/Oslo at the start of date d. */
static int
day_start(const char *d, time_t *out, struct tk_error *err)
{
	char	buf[32];

	if (validate_date("since", d, err) == -1)
		return (-1);
	snprintf(buf, sizeof(buf), "%sT00:00", d);
	return (validate_datetime("since", buf, out, err));
}

/* Write one tolkreg document to f. */
int
xml_export(struct store *st, const struct xml_export_opts *o, FILE *f,
    struct tk_error *err)
{
	xmlOutputBufferPtr	 buf;
	struct xw		 xw;
	struct tm		 tm;
	time_t			 since = 0;
	char			 since_at[21];
	int			 rc = -1;

	if (o->since != NULL) {
		if (day_start(o->since, &since, err) == -1)
			return (-1);
		gmtime_r(&since, &tm);
		strftime(since_at, sizeof(since_at), "%Y-%m-%dT%H:%M:%SZ",
		    &tm);
	}
	memset(&xw, 0, sizeof(xw));
	xmlInitParser();
	if ((buf = xmlOutputBufferCreateFile(f, NULL)) == NULL ||
	    (xw.w = xmlNewTextWriter(buf)) == NULL) {
		if (buf != NULL)
			xmlOutputBufferClose(buf);
		return (tk_fail(err, TK_E_IO, NULL, "cannot start the XML"
		    " writer"));
	}
	/*
	 * One pass over a large file: read it through the bounded page
	 * cache, not a memory map, so that memory stays flat as it grows.
	 */
	sqlite3_exec(store_db(st), "PRAGMA mmap_size = 0", NULL, NULL, NULL);
	if (store_begin_read(st, err) == -1) {
		xmlFreeTextWriter(xw.w);
		return (-1);
	}
	xmlSetStructuredErrorFunc(&xw, on_write_error);
	if (xmlTextWriterSetIndent(xw.w, 1) < 0 ||
	    xmlTextWriterSetIndentString(xw.w, BAD_CAST "  ") < 0 ||
	    xmlTextWriterStartDocument(xw.w, NULL, "UTF-8", NULL) < 0)
		xw.failed = 1;
	xw_start(&xw, "tolkreg");
	xw_attr(&xw, "xmlns", XML_NS);
	xw_attr(&xw, "version", XML_VERSION);
	switch (o->what) {
	case XML_EXPORT_REGISTER:
		rc = export_register(st, &xw, o->since != NULL ? since_at :
		    NULL, o->include_personal, err);
		break;
	case XML_EXPORT_BODIES:
		rc = export_bodies(st, &xw, o->since != NULL ? since_at :
		    NULL, err);
		break;
	case XML_EXPORT_ASSIGNMENTS:
		rc = export_assignments(st, &xw, o->since != NULL ? &since :
		    NULL, err);
		break;
	}
	if (rc == 0 && !xw.failed && xmlTextWriterEndDocument(xw.w) < 0)
		xw.failed = 1;
	xmlFreeTextWriter(xw.w);
	xmlSetStructuredErrorFunc(NULL, NULL);
	store_rollback(st);
	if (rc == -1)
		return (-1);
	if (xw.failed || fflush(f) == EOF || ferror(f))
		return (tk_fail(err, TK_E_IO, NULL, "cannot write the export%s%s",
		    xw.why[0] != '\0' ? ": " : "", xw.why));
	return (0);
}

/* xml_export() into path, through a temporary file beside it. */
int
xml_export_file(struct store *st, const struct xml_export_opts *o,
    const char *path, struct tk_error *err)
{
	FILE	*f;
	char	*tmp;
	int	 fd, rc;

	xasprintf(&tmp, "%s.XXXXXX", path);
	if ((fd = mkstemp(tmp)) == -1) {
		rc = tk_fail(err, TK_E_IO, "out", "cannot create a file"
		    " beside '%s': %s", path, strerror(errno));
		free(tmp);
		return (rc);
	}
	if ((f = fdopen(fd, "w")) == NULL) {
		rc = tk_fail(err, TK_E_IO, "out", "cannot write '%s': %s",
		    tmp, strerror(errno));
		close(fd);
		goto fail;
	}
	rc = xml_export(st, o, f, err);
	if (rc == 0 && fsync(fileno(f)) == -1)
		rc = tk_fail(err, TK_E_IO, "out", "cannot write '%s': %s",
		    tmp, strerror(errno));
	if (fclose(f) == EOF && rc == 0)
		rc = tk_fail(err, TK_E_IO, "out", "cannot write '%s': %s",
		    tmp, strerror(errno));
	if (rc == 0 && rename(tmp, path) == -1)
		rc = tk_fail(err, TK_E_IO, "out", "cannot rename '%s' to"
		    " '%s': %s", tmp, path, strerror(errno));
	if (rc == 0) {
		free(tmp);
		return (0);
	}
fail:
	unlink(tmp);
	free(tmp);
	return (-1);
}
