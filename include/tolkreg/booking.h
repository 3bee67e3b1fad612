#ifndef TOLKREG_BOOKING_H
#define TOLKREG_BOOKING_H

#include <stdint.h>

/*
 * Booking: a request's best (or a named) interpreter taken without ever
 * double-booking anyone, and the ranking each booking was made from
 * kept as proof of process (src/ranking.h) and shown again. The match
 * (match.h) runs inside the booking's IMMEDIATE transaction, so the
 * check and the write see the same register and two bookers can never
 * both take one interpreter's time.
 */

struct store;
struct table;
struct tk_error;

/*
 * Book request id with the best candidate, or with regno if not 0, in
 * the caller's (IMMEDIATE) transaction, and store the ranking it was
 * made from (format 2, see src/ranking.h). *booked gets the register
 * number. Errors: TK_E_CONFLICT if
 * the request is not open or the named interpreter is booked at the
 * time; TK_E_INVALID naming the rule that excludes the named
 * interpreter; TK_E_UNAVAILABLE when no one is eligible.
 */
int	booking_book(struct store *, int64_t id, int64_t regno,
	    int64_t *booked, struct tk_error *);

/*
 * The stored ranking of request id as a table (empty if none), with the
 * columns of match_table().
 */
int	booking_ranking(struct store *, int64_t id, struct table *,
	    struct tk_error *);

#endif /* TOLKREG_BOOKING_H */
