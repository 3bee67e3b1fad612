/*
 * The audit log. The table refuses UPDATE and DELETE by trigger, so rows
 * can only be appended, and only here.
 */
#include "config.h"

#include <time.h>

#include "audit.h"
#include "tolkreg/error.h"
#include "tolkreg/store.h"
#include "tolkreg/validate.h"

/* The current time in the stored form, tk_time_utc(). */
void
audit_now(char out[UTC_BUFLEN])
{
	tk_time_utc(time(NULL), out);
}

/* Append one row to the audit log. */
int
audit_log(struct store *st, const char *entity, const char *entity_id,
    const char *action, const char *field, const char *old,
    const char *new_value, struct tk_error *err)
{
	static const char	 sql[] = "INSERT INTO audit (at, actor, entity,"
	    " entity_id, action, field, old, new)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
	sqlite3_stmt		*s;
	char			 now[UTC_BUFLEN];

	if ((s = store_stmt(st, sql, err)) == NULL)
		return (-1);
	audit_now(now);
	sqlite3_bind_text(s, 1, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, store_actor(st), -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 3, entity, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, entity_id, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 5, action, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 6, field, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 7, old, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 8, new_value, -1, SQLITE_TRANSIENT);
	return (store_step_done(st, s, err));
}
