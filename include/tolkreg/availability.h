#ifndef TOLKREG_AVAILABILITY_H
#define TOLKREG_AVAILABILITY_H

#include <stdint.h>
#include <time.h>

/*
 * What an interpreter declares about when and for whom they can work:
 * periods of unavailability (holidays, other engagements), which the
 * matching leaves out of booking, and conflicts of interest with public
 * bodies (habilitet, tolkeloven § 16), for which the interpreter is never
 * booked. Write functions run inside the caller's transaction and record
 * every change in the audit log.
 */

struct page;
struct store;
struct table;
struct tk_error;

#define UNAVAIL_NOTE_MAX	500	/* bytes in a note */
#define UNAVAIL_MAX_DAYS	366	/* longest period that can be declared */

/*
 * Declare interpreter regno unavailable from from up to (not including)
 * to, both ISO 8601 times as validate_datetime() takes them (Europe/Oslo
 * local time unless an offset is given). to must be after from and at
 * most UNAVAIL_MAX_DAYS later; note may be NULL. *id gets the period's
 * id. Errors name the field: "regno", "from", "to" or "note".
 */
int	unavailable_add(struct store *, int64_t regno, const char *from,
	    const char *to, const char *note, int64_t *id, struct tk_error *);

/*
 * Remove period id of interpreter regno; a period that is not regno's is
 * TK_E_NOTFOUND naming "id".
 */
int	unavailable_remove(struct store *, int64_t regno, int64_t id,
	    struct tk_error *);

/*
 * Fill t with a page of the periods of regno, by start and then id (the
 * cursor's key): columns id, from, to (in
 * Europe/Oslo time with the offset) and note. Without include_past only
 * periods that are not yet over are listed.
 */
int	unavailable_list(struct store *, int64_t regno, int include_past,
	    struct page *, struct table *t, struct tk_error *);

/*
 * Declare that interpreter regno must not be booked for the public body
 * orgnr (§ 16). The body must be registered; declaring the same conflict
 * twice is TK_E_CONFLICT. Errors name "regno" or "body".
 */
int	conflict_add(struct store *, int64_t regno, const char *orgnr,
	    struct tk_error *);

/* Withdraw a declared conflict; one never declared is TK_E_NOTFOUND. */
int	conflict_remove(struct store *, int64_t regno, const char *orgnr,
	    struct tk_error *);

/*
 * Fill t with a page of the bodies regno has declared a conflict with,
 * by organisation number (the cursor's key): columns body, body_name and created.
 */
int	conflict_list(struct store *, int64_t regno, struct page *,
	    struct table *t, struct tk_error *);

#endif /* TOLKREG_AVAILABILITY_H */
