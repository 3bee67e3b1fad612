/*
 * Interpreters' declared unavailability and conflicts of interest
 * (habilitet, tolkeloven § 16): the periods in which an interpreter
 * cannot take assignments, and the public bodies for which they must
 * never be booked. The matching core (match.c) holds the periods against
 * the time a request would take.
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "audit.h"
#include "tolkreg/availability.h"
#include "tolkreg/error.h"
#include "tolkreg/interpreter.h"
#include "tolkreg/output.h"
#include "tolkreg/page.h"
#include "tolkreg/store.h"
#include "tolkreg/validate.h"

/* Write "FROM - TO" in Europe/Oslo time for the audit log. */
static void
span_format(time_t from, time_t to, char out[2 * TIME_BUFLEN + 3])
{
	char	f[TIME_BUFLEN], t[TIME_BUFLEN];

	tk_time_format(from, f);
	tk_time_format(to, t);
	snprintf(out, 2 * TIME_BUFLEN + 3, "%s - %s", f, t);
}

/* Declare interpreter regno unavailable in [from, to). */
int
unavailable_add(struct store *st, int64_t regno, const char *from,
    const char *to, const char *note, int64_t *id, struct tk_error *err)
{
	static const char	 sql[] = "INSERT INTO unavailability"
	    " (regno, start, end, note) VALUES (?1, ?2, ?3, ?4)";
	sqlite3_stmt		*s;
	time_t			 start, end;
	char			 rid[32], span[2 * TIME_BUFLEN + 3];

	if (interpreter_exists(st, regno, err) == -1)
		return (-1);
	if (validate_datetime("from", from, &start, err) == -1 ||
	    validate_datetime("to", to, &end, err) == -1)
		return (-1);
	if (end <= start)
		return (tk_fail(err, TK_E_INVALID, "to",
		    "'to' must be after 'from'"));
	if ((long long)end - (long long)start >
	    (long long)UNAVAIL_MAX_DAYS * 86400)
		return (tk_fail(err, TK_E_INVALID, "to",
		    "'to' must be at most %d days after 'from'",
		    UNAVAIL_MAX_DAYS));
	if (note != NULL &&
	    validate_text("note", note, UNAVAIL_NOTE_MAX, err) == -1)
		return (-1);
	if ((s = store_stmt(st, sql, err)) == NULL)
		return (-1);
	sqlite3_bind_int64(s, 1, regno);
	sqlite3_bind_int64(s, 2, (sqlite3_int64)start);
	sqlite3_bind_int64(s, 3, (sqlite3_int64)end);
	sqlite3_bind_text(s, 4, note != NULL ? note : "", -1,
	    SQLITE_TRANSIENT);
	if (store_step_done(st, s, err) == -1)
		return (-1);
	*id = sqlite3_last_insert_rowid(store_db(st));
	snprintf(rid, sizeof(rid), "%" PRId64, regno);
	span_format(start, end, span);
	return (audit_log(st, "interpreter", rid, "unavailable-add",
	    "unavailability", NULL, span, err));
}

/* Remove period id of interpreter regno. */
int
unavailable_remove(struct store *st, int64_t regno, int64_t id,
    struct tk_error *err)
{
	static const char	 get[] = "SELECT start, end FROM unavailability"
	    " WHERE id = ?1 AND regno = ?2";
	static const char	 del[] = "DELETE FROM unavailability"
	    " WHERE id = ?1";
	sqlite3_stmt		*s;
	time_t			 start, end;
	char			 rid[32], span[2 * TIME_BUFLEN + 3];
	int			 rc;

	if (interpreter_exists(st, regno, err) == -1)
		return (-1);
	if ((s = store_stmt(st, get, err)) == NULL)
		return (-1);
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, regno);
	if ((rc = sqlite3_step(s)) != SQLITE_ROW) {
		sqlite3_reset(s);
		if (rc != SQLITE_DONE)
			return (store_fail(st, err));
		return (tk_fail(err, TK_E_NOTFOUND, "id",
		    "interpreter %" PRId64 " has no unavailability period %"
		    PRId64, regno, id));
	}
	start = (time_t)sqlite3_column_int64(s, 0);
	end = (time_t)sqlite3_column_int64(s, 1);
	sqlite3_reset(s);

	if ((s = store_stmt(st, del, err)) == NULL)
		return (-1);
	sqlite3_bind_int64(s, 1, id);
	if (store_step_done(st, s, err) == -1)
		return (-1);
	snprintf(rid, sizeof(rid), "%" PRId64, regno);
	span_format(start, end, span);
	return (audit_log(st, "interpreter", rid, "unavailable-remove",
	    "unavailability", span, NULL, err));
}

/* The periods by start and id (the cursor's key: ?4, ?5; limit ?6). */
#define UNAVAILABLE_SQL(after) "SELECT id, start, end, note, start, id"	\
    " FROM unavailability WHERE regno = ?1 AND (?2 OR end > ?3)" after	\
    " ORDER BY start, id LIMIT ?6"

/* List a page of the periods of regno, by start. */
int
unavailable_list(struct store *st, int64_t regno, int include_past,
    struct page *pg, struct table *t, struct tk_error *err)
{
	static const char	 sql[] = UNAVAILABLE_SQL("");
	static const char	 after_sql[] = UNAVAILABLE_SQL(" AND (start, id)"
	    " > (?4, ?5)");
	sqlite3_stmt		*s;
	char			 buf[TIME_BUFLEN];
	int			 rc;

	if (interpreter_exists(st, regno, err) == -1)
		return (-1);
	if ((s = store_stmt(st, page_sql(pg, sql, after_sql), err)) == NULL ||
	    page_bind(pg, s, 4, "ii", err) == -1)
		return (-1);
	sqlite3_bind_int64(s, 1, regno);
	sqlite3_bind_int(s, 2, include_past != 0);
	sqlite3_bind_int64(s, 3, (sqlite3_int64)time(NULL));
	table_col(t, "id", TCOL_INT);
	table_col(t, "from", TCOL_STR);
	table_col(t, "to", TCOL_STR);
	table_col(t, "note", TCOL_NSTR);
	while ((rc = page_step(pg, s, 4, "ii")) == SQLITE_ROW) {
		table_row(t);
		table_put(t, store_text(s, 0));
		tk_time_format((time_t)sqlite3_column_int64(s, 1), buf);
		table_put(t, buf);
		tk_time_format((time_t)sqlite3_column_int64(s, 2), buf);
		table_put(t, buf);
		table_put(t, store_text(s, 3));
	}
	sqlite3_reset(s);
	return (rc == SQLITE_DONE ? 0 : store_fail(st, err));
}

/*
 * Validate orgnr (named "body") and fail unless it is a registered body.
 */
static int
body_known(struct store *st, const char *orgnr, struct tk_error *err)
{
	static const char	 sql[] = "SELECT 1 FROM body WHERE orgnr = ?1";
	sqlite3_stmt		*s;
	int			 rc;

	if (validate_orgnr("body", orgnr, err) == -1)
		return (-1);
	if ((s = store_stmt(st, sql, err)) == NULL)
		return (-1);
	sqlite3_bind_text(s, 1, orgnr, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return (0);
	if (rc != SQLITE_DONE)
		return (store_fail(st, err));
	return (tk_fail(err, TK_E_NOTFOUND, "body",
	    "no public body with organisation number '%s'", orgnr));
}

/* 1 if regno has declared a conflict with orgnr, 0 if not, -1 on error. */
static int
conflict_exists(struct store *st, int64_t regno, const char *orgnr,
    struct tk_error *err)
{
	static const char	 sql[] = "SELECT 1 FROM conflict"
	    " WHERE regno = ?1 AND body = ?2";
	sqlite3_stmt		*s;
	int			 rc;

	if ((s = store_stmt(st, sql, err)) == NULL)
		return (-1);
	sqlite3_bind_int64(s, 1, regno);
	sqlite3_bind_text(s, 2, orgnr, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return (1);
	if (rc == SQLITE_DONE)
		return (0);
	return (store_fail(st, err));
}

/* Declare a conflict of interest of regno with body orgnr (§ 16). */
int
conflict_add(struct store *st, int64_t regno, const char *orgnr,
    struct tk_error *err)
{
	static const char	 sql[] = "INSERT INTO conflict"
	    " (regno, body, created) VALUES (?1, ?2, ?3)";
	sqlite3_stmt		*s;
	char			 now[21], rid[32];
	int			 rc;

	if (interpreter_exists(st, regno, err) == -1 ||
	    body_known(st, orgnr, err) == -1)
		return (-1);
	if ((rc = conflict_exists(st, regno, orgnr, err)) == -1)
		return (-1);
	if (rc == 1)
		return (tk_fail(err, TK_E_CONFLICT, "body",
		    "interpreter %" PRId64 " has already declared a conflict"
		    " with body %s", regno, orgnr));
	if ((s = store_stmt(st, sql, err)) == NULL)
		return (-1);
	audit_now(now);
	sqlite3_bind_int64(s, 1, regno);
	sqlite3_bind_text(s, 2, orgnr, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 3, now, -1, SQLITE_TRANSIENT);
	if (store_step_done(st, s, err) == -1)
		return (-1);
	snprintf(rid, sizeof(rid), "%" PRId64, regno);
	return (audit_log(st, "interpreter", rid, "conflict-add", "conflict",
	    NULL, orgnr, err));
}

/* Withdraw the conflict of regno with body orgnr. */
int
conflict_remove(struct store *st, int64_t regno, const char *orgnr,
    struct tk_error *err)
{
	static const char	 sql[] = "DELETE FROM conflict"
	    " WHERE regno = ?1 AND body = ?2";
	sqlite3_stmt		*s;
	char			 rid[32];
	int			 rc;

	if (interpreter_exists(st, regno, err) == -1 ||
	    validate_orgnr("body", orgnr, err) == -1)
		return (-1);
	if ((rc = conflict_exists(st, regno, orgnr, err)) == -1)
		return (-1);
	if (rc == 0)
		return (tk_fail(err, TK_E_NOTFOUND, "body",
		    "interpreter %" PRId64 " has declared no conflict with"
		    " body %s", regno, orgnr));
	if ((s = store_stmt(st, sql, err)) == NULL)
		return (-1);
	sqlite3_bind_int64(s, 1, regno);
	sqlite3_bind_text(s, 2, orgnr, -1, SQLITE_TRANSIENT);
	if (store_step_done(st, s, err) == -1)
		return (-1);
	snprintf(rid, sizeof(rid), "%" PRId64, regno);
	return (audit_log(st, "interpreter", rid, "conflict-remove",
	    "conflict", orgnr, NULL, err));
}

/* The conflicts by body (the cursor's key: ?2; the limit ?3). */
#define CONFLICT_SQL(after) "SELECT c.body, b.name, tk_time(c.created),"	\
    " c.body"							\
    " FROM conflict c JOIN body b ON b.orgnr = c.body"			\
    " WHERE c.regno = ?1" after " ORDER BY c.body LIMIT ?3"

/* List a page of the bodies regno has declared a conflict with. */
int
conflict_list(struct store *st, int64_t regno, struct page *pg,
    struct table *t, struct tk_error *err)
{
	static const char	 sql[] = CONFLICT_SQL("");
	static const char	 after_sql[] = CONFLICT_SQL(" AND c.body > ?2");
	sqlite3_stmt		*s;
	int			 rc;

	if (interpreter_exists(st, regno, err) == -1)
		return (-1);
	if ((s = store_stmt(st, page_sql(pg, sql, after_sql), err)) == NULL ||
	    page_bind(pg, s, 2, "s", err) == -1)
		return (-1);
	sqlite3_bind_int64(s, 1, regno);
	table_col(t, "body", TCOL_STR);
	table_col(t, "body_name", TCOL_STR);
	table_col(t, "created", TCOL_STR);
	while ((rc = page_step(pg, s, 3, "s")) == SQLITE_ROW) {
		table_row(t);
		table_put(t, store_text(s, 0));
		table_put(t, store_text(s, 1));
		table_put(t, store_text(s, 2));
	}
	sqlite3_reset(s);
	return (rc == SQLITE_DONE ? 0 : store_fail(st, err));
}
