#ifndef TOLKREG_AUDIT_H
#define TOLKREG_AUDIT_H

/*
 * The append-only audit log: every change to the register is recorded
 * with the store's actor, a UTC timestamp, the entity, the action and,
 * for changed fields, the old and new values. Callers mask personal
 * numbers before passing values.
 */

#include "tolkreg/validate.h"

struct store;
struct tk_error;

/* Append one row; field, old and new may be NULL. */
int	audit_log(struct store *, const char *entity, const char *entity_id,
	    const char *action, const char *field, const char *old,
	    const char *new_value, struct tk_error *);

/* The current time as "YYYY-MM-DDTHH:MM:SSZ" (tk_time_utc()), to store. */
void	audit_now(char out[UTC_BUFLEN]);

#endif /* TOLKREG_AUDIT_H */
