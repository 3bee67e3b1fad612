/*
 * Export in the XML interchange format (tolkreg-xml(5), "tolkreg
 * export"): the register with credentials, listing history and warnings,
 * the public bodies, or the closed assignments that Tolkemonitor counts
 * (tolkeloven §§ 4, 7, 8). Written with the streaming writer of xw.h
 * straight to a stream while the rows are read, in key order, so that
 * the same data gives the same bytes and a file exported, imported into
 * an empty register and exported again is identical. Personal numbers
 * and contact details are written only when asked for.
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "tolkreg/error.h"
#include "tolkreg/interpreter.h"
#include "tolkreg/store.h"
#include "tolkreg/validate.h"
#include "tolkreg/xmalloc.h"
#include "tolkreg/xml.h"
#include "xw.h"

/* Write column i of s as attribute name unless it is NULL. */
static void
col_attr(struct xw *xw, const char *name, sqlite3_stmt *s, int i)
{
	xw_attr(xw, name, (const char *)sqlite3_column_text(s, i));
}

/*
 * The rows an export will write, counted in its snapshot for the
 * progress of it: -1 when the count fails. since is bound as text, or
 * since_at as a time, when not NULL.
 */
static long
count_rows(struct store *st, const char *sql, const char *since,
    const time_t *since_at, struct tk_error *err)
{
	sqlite3_stmt	*s;
	long		 n = -1;

	if ((s = store_stmt(st, sql, err)) == NULL)
		return (-1);
	if (since != NULL)
		sqlite3_bind_text(s, 1, since, -1, SQLITE_TRANSIENT);
	if (since_at != NULL)
		sqlite3_bind_int64(s, 1, (sqlite3_int64)*since_at);
	if (sqlite3_step(s) == SQLITE_ROW)
		n = (long)sqlite3_column_int64(s, 0);
	else
		store_fail(st, err);
	sqlite3_reset(s);
	return (n);
}

/* Tell the caller's progress_fn how far the export is, now and then. */
static void
report(const struct xml_export_opts *o, const char *what, long done,
    long total)
{
	if (o->progress != NULL && (done % 500 == 0 || done == total))
		o->progress(o->progress_arg, what, done, total);
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
	while ((rc = sqlite3_step(s)) == SQLITE_ROW && !xw_failed(xw)) {
		xw_start(xw, "credential");
		col_attr(xw, "kind", s, 0);
		col_attr(xw, "lang", s, 1);
		col_attr(xw, "obtained", s, 2);
		col_attr(xw, "ref", s, 3);
		col_attr(xw, "revoked", s, 4);
		col_attr(xw, "revoke-reason", s, 5);
		xw_end(xw);
	}
	if (stmt_done(st, s, xw_failed(xw) ? SQLITE_DONE : rc, err) == -1)
		return (-1);

	if ((s = store_stmt(st, events, err)) == NULL)
		return (-1);
	sqlite3_bind_int64(s, 1, regno);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW && !xw_failed(xw)) {
		xw_start(xw, "listing");
		col_attr(xw, "at", s, 0);
		col_attr(xw, "status", s, 1);
		col_attr(xw, "until", s, 2);
		col_attr(xw, "reason", s, 3);
		col_attr(xw, "actor", s, 4);
		xw_end(xw);
	}
	if (stmt_done(st, s, xw_failed(xw) ? SQLITE_DONE : rc, err) == -1)
		return (-1);

	if ((s = store_stmt(st, warnings, err)) == NULL)
		return (-1);
	sqlite3_bind_int64(s, 1, regno);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW && !xw_failed(xw)) {
		xw_start(xw, "warning");
		col_attr(xw, "date", s, 0);
		col_attr(xw, "reason", s, 1);
		xw_end(xw);
	}
	return (stmt_done(st, s, xw_failed(xw) ? SQLITE_DONE : rc, err));
}

/* The interpreters an export writes (and counts for its progress). */
#define REGISTER_ROWS	" FROM interpreter i WHERE ?1 IS NULL OR EXISTS" \
	" (SELECT 1 FROM audit a WHERE a.entity = 'interpreter'" \
	" AND a.entity_id = CAST(i.regno AS TEXT) AND a.at >= ?1)"

/* <interpreters>: every interpreter (changed since since), by regno. */
static int
export_register(struct store *st, struct xw *xw, const char *since,
    const struct xml_export_opts *o, struct tk_error *err)
{
	static const char	 sql[] = "SELECT regno, name, gender,"
	    " municipality, availability, modalities, pnr, email, phone"
	    REGISTER_ROWS " ORDER BY regno";
	static const char	 count[] = "SELECT count(*)" REGISTER_ROWS;
	sqlite3_stmt		*s;
	char			 mods[32], *p;
	long			 total = 0, done = 0;
	int			 rc;

	if (o->progress != NULL &&
	    (total = count_rows(st, count, since, NULL, err)) == -1)
		return (-1);
	if ((s = store_stmt(st, sql, err)) == NULL)
		return (-1);
	if (since != NULL)
		sqlite3_bind_text(s, 1, since, -1, SQLITE_TRANSIENT);
	xw_start(xw, "interpreters");
	while ((rc = sqlite3_step(s)) == SQLITE_ROW && !xw_failed(xw)) {
		xw_start(xw, "interpreter");
		col_attr(xw, "regno", s, 0);
		col_attr(xw, "name", s, 1);
		col_attr(xw, "gender", s, 2);
		col_attr(xw, "municipality", s, 3);
		col_attr(xw, "availability", s, 4);
		modalities_format((unsigned int)sqlite3_column_int(s, 5), mods,
		    sizeof(mods));
		for (p = mods; *p != '\0'; p++) {
			if (*p == ',')
				*p = ' ';
		}
		xw_attr(xw, "modalities", mods);
		if (o->include_personal) {
			col_attr(xw, "fnr", s, 6);
			col_attr(xw, "email", s, 7);
			col_attr(xw, "phone", s, 8);
		}
		/* The statement stays positioned while the children are read
		 * with statements of their own. */
		if (interpreter_children(st, xw, sqlite3_column_int64(s, 0),
		    err) == -1) {
			sqlite3_reset(s);
			return (-1);
		}
		xw_end(xw);
		report(o, "interpreters", ++done, total);
	}
	if (stmt_done(st, s, xw_failed(xw) ? SQLITE_DONE : rc, err) == -1)
		return (-1);
	xw_end(xw);
	return (0);
}

/* The bodies an export writes (and counts for its progress). */
#define BODY_ROWS	" FROM body b WHERE ?1 IS NULL OR EXISTS (SELECT 1" \
	" FROM audit a WHERE a.entity = 'body' AND a.entity_id = b.orgnr" \
	" AND a.at >= ?1)"

/* <bodies>: every public body (changed since since), by orgnr. */
static int
export_bodies(struct store *st, struct xw *xw, const char *since,
    const struct xml_export_opts *o, struct tk_error *err)
{
	static const char	 sql[] = "SELECT orgnr, name, sector,"
	    " municipality, CASE regular WHEN 1 THEN 'true' ELSE 'false' END,"
	    " guidelines" BODY_ROWS " ORDER BY orgnr";
	static const char	 count[] = "SELECT count(*)" BODY_ROWS;
	static const char *const names[] = { "orgnr", "name", "sector",
	    "municipality", "regular", "guidelines" };
	sqlite3_stmt		*s;
	long			 total = 0, done = 0;
	int			 rc, i;

	if (o->progress != NULL &&
	    (total = count_rows(st, count, since, NULL, err)) == -1)
		return (-1);
	if ((s = store_stmt(st, sql, err)) == NULL)
		return (-1);
	if (since != NULL)
		sqlite3_bind_text(s, 1, since, -1, SQLITE_TRANSIENT);
	xw_start(xw, "bodies");
	while ((rc = sqlite3_step(s)) == SQLITE_ROW && !xw_failed(xw)) {
		xw_start(xw, "body");
		for (i = 0; i < 6; i++)
			col_attr(xw, names[i], s, i);
		xw_end(xw);
		report(o, "bodies", ++done, total);
	}
	if (stmt_done(st, s, xw_failed(xw) ? SQLITE_DONE : rc, err) == -1)
		return (-1);
	xw_end(xw);
	return (0);
}

/* The assignments an export writes (and counts for its progress). */
#define ASSIGNMENT_ROWS	" FROM request r JOIN body b ON b.orgnr = r.body" \
	" WHERE r.state IN ('completed', 'cancelled', 'unfilled')" \
	" AND (?1 IS NULL OR r.start >= ?1)"

/* <assignments>: closed requests (starting from since), by key. */
static int
export_assignments(struct store *st, struct xw *xw, const time_t *since,
    const struct xml_export_opts *o, struct tk_error *err)
{
	static const char	 sql[] = "SELECT r.sender, r.ext_ref, r.body,"
	    " coalesce(r.sector, b.sector), r.lang, r.start, r.minutes,"
	    " r.modality, r.municipality, r.state, r.regno, r.unregistered,"
	    " r.exception, r.actual_minutes, r.remote, r.child_used,"
	    " r.provider, r.provider_orgnr, r.close_reason" ASSIGNMENT_ROWS
	    " ORDER BY r.sender, r.ext_ref";
	static const char	 count[] = "SELECT count(*)" ASSIGNMENT_ROWS;
	sqlite3_stmt		*s;
	char			 when[TIME_BUFLEN];
	long			 total = 0, done = 0;
	int			 rc, onsite;

	if (o->progress != NULL &&
	    (total = count_rows(st, count, NULL, since, err)) == -1)
		return (-1);
	if ((s = store_stmt(st, sql, err)) == NULL)
		return (-1);
	if (since != NULL)
		sqlite3_bind_int64(s, 1, (sqlite3_int64)*since);
	xw_start(xw, "assignments");
	while ((rc = sqlite3_step(s)) == SQLITE_ROW && !xw_failed(xw)) {
		xw_start(xw, "assignment");
		col_attr(xw, "sender", s, 0);
		col_attr(xw, "ref", s, 1);
		col_attr(xw, "body", s, 2);
		col_attr(xw, "sector", s, 3);
		col_attr(xw, "lang", s, 4);
		tk_time_format((time_t)sqlite3_column_int64(s, 5), when);
		xw_attr(xw, "start", when);
		col_attr(xw, "minutes", s, 6);
		col_attr(xw, "modality", s, 7);
		col_attr(xw, "municipality", s, 8);
		col_attr(xw, "outcome", s, 9);
		if (sqlite3_column_type(s, 10) != SQLITE_NULL)
			col_attr(xw, "interpreter", s, 10);
		else if (sqlite3_column_int(s, 11) == 1)
			xw_attr(xw, "interpreter", "unregistered");
		col_attr(xw, "exception", s, 12);
		col_attr(xw, "actual-minutes", s, 13);
		/* Remote work is implied by video and phone. */
		onsite = strcmp((const char *)sqlite3_column_text(s, 7),
		    "onsite") == 0;
		if (onsite && sqlite3_column_type(s, 14) != SQLITE_NULL &&
		    sqlite3_column_int(s, 14) == 1)
			xw_attr(xw, "remote", "true");
		if (sqlite3_column_type(s, 15) != SQLITE_NULL)
			xw_attr(xw, "child-used", sqlite3_column_int(s, 15) ?
			    "true" : "false");
		col_attr(xw, "provider", s, 16);
		col_attr(xw, "provider-orgnr", s, 17);
		col_attr(xw, "reason", s, 18);
		xw_end(xw);
		report(o, "assignments", ++done, total);
	}
	if (stmt_done(st, s, xw_failed(xw) ? SQLITE_DONE : rc, err) == -1)
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
	struct xw	 xw;
	time_t		 since = 0;
	char		 since_at[UTC_BUFLEN];
	int		 rc = -1;

	if (o->since != NULL) {
		if (day_start(o->since, &since, err) == -1)
			return (-1);
		tk_time_utc(since, since_at);
	}
	xw_open(&xw, f, 1);
	/*
	 * One pass over a large file: read it through the bounded page
	 * cache, not a memory map, so that memory stays flat as it grows.
	 */
	sqlite3_exec(store_db(st), "PRAGMA mmap_size = 0", NULL, NULL, NULL);
	if (store_begin_read(st, err) == -1) {
		xw_free(&xw);
		return (-1);
	}
	xw_document(&xw);
	xw_start(&xw, "tolkreg");
	xw_attr(&xw, "xmlns", XML_NS);
	xw_attr(&xw, "version", XML_VERSION);
	switch (o->what) {
	case XML_EXPORT_REGISTER:
		rc = export_register(st, &xw, o->since != NULL ? since_at :
		    NULL, o, err);
		break;
	case XML_EXPORT_BODIES:
		rc = export_bodies(st, &xw, o->since != NULL ? since_at :
		    NULL, o, err);
		break;
	case XML_EXPORT_ASSIGNMENTS:
		rc = export_assignments(st, &xw, o->since != NULL ? &since :
		    NULL, o, err);
		break;
	}
	store_rollback(st);
	if (rc == -1) {
		xw_free(&xw);
		return (-1);
	}
	return (xw_close(&xw, "the export", err));
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
