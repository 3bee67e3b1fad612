#ifndef TOLKREG_REQUEST_H
#define TOLKREG_REQUEST_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "tolkreg/interpreter.h"

/*
 * Requests for an interpreter and their lifecycle:
 *   requested -> booked -> completed
 *   requested -> completed by an unregistered interpreter (§ 7 exception)
 *   requested | booked -> cancelled
 *   requested -> unfilled
 * Illegal transitions are TK_E_CONFLICT naming the current state. A
 * request holds the ordering body's case reference, never the identity
 * of the person who needs the interpreter. Writes run inside the
 * caller's transaction and are audited.
 */

struct page;
struct store;
struct table;
struct tk_error;

#define REQ_MAX_EXCLUDE		64
#define CASE_MAX_LEN		64
#define REQ_MAX_MINUTES		720

enum req_state {
	REQ_REQUESTED,
	REQ_BOOKED,
	REQ_COMPLETED,
	REQ_CANCELLED,
	REQ_UNFILLED,
	REQ_NSTATES
};

/* The § 7 exceptions that allow an interpreter who is not qualified. */
enum req_exception {
	EXC_NOT_JUSTIFIABLE_TO_WAIT,	/* not justifiable to wait */
	EXC_EMERGENCY,			/* an emergency */
	EXC_OTHER_STRONG_REASONS,	/* other strong reasons */
	EXC_NONE_QUALIFIED,		/* no qualified interpreter exists */
	EXC_NKINDS
};

struct request {
	int64_t		 id;
	char		 body[10];		/* orgnr */
	char		 lang[4];
	time_t		 start;
	int		 minutes;
	unsigned int	 modality;		/* one MOD_* bit */
	char		 municipality[5];	/* "" unless given */
	char		 min_category;		/* 'A'..'E' */
	char		 gender;		/* 0: any */
	char		 case_ref[CASE_MAX_LEN + 1];
	int		 urgent;
	enum req_state	 state;
	int64_t		 regno;			/* booked; 0: none */
	char		 category;		/* regno's, when booked */
	int		 travel_minutes;	/* one way, when booked */
	time_t		 busy_from, busy_to;	/* when booked */
	int		 unregistered;
	int		 actual_minutes;	/* -1: not recorded */
	int		 remote;		/* -1: not recorded */
	int		 child_used;		/* -1: not recorded */
	int		 exception;		/* enum req_exception or -1 */
	char		 close_reason[REASON_MAX_LEN + 1];
	char		 created[TIME_BUFLEN];	/* tk_time_format() form */
	int64_t		 exclude[REQ_MAX_EXCLUDE];
	size_t		 nexclude;
};

/* Options of "request add", as given; NULL means not given. */
struct request_input {
	const char	*body;
	const char	*lang;
	const char	*start;		/* ISO 8601, Europe/Oslo unless offset */
	const char	*minutes;
	const char	*modality;	/* onsite, video or phone */
	const char	*municipality;	/* required for onsite */
	const char	*min_category;
	const char	*gender;
	const char	*case_ref;
	const char	*exclude;	/* "10001,10002" */
	int		 urgent;
};

/* What kind of value a field of a new request takes. */
enum request_kind {
	RK_TEXT,	/* a string */
	RK_NUMBER,	/* a whole number, as its decimal text */
	RK_NUMBERS,	/* whole numbers, as "10001,10002" */
	RK_FLAG		/* set or not */
};

/*
 * The fields of a new request, as every front end takes them: the
 * options of "tolkreg request add" (which spell '_' as '-') and the
 * members of POST /v1/requests, in this order; the first five (body,
 * lang, start, minutes, modality) are required.
 */
struct request_field {
	const char		*name;
	enum request_kind	 kind;
	int			 required;
};

#define REQ_NFIELDS	11

extern const struct request_field request_fields[REQ_NFIELDS];

/*
 * Set field i of in (request_fields[i]) to value, which in borrows; a
 * flag is set by any value and cleared by NULL.
 */
void		 request_input_set(struct request_input *, size_t i,
		    const char *value);

/* The name of the first required field in lacks, or NULL. Static. */
const char	*request_input_missing(const struct request_input *);

/* What "complete" records. */
struct completion {
	const char	*minutes;	/* actual duration; NULL: as booked */
	int		 remote;	/* remote interpreting (§ 8) */
	int		 child_used;	/* a child interpreted (§ 4) */
	int		 unregistered;	/* done by someone not in tolkreg */
	const char	*exception;	/* § 7 reason, required if unregistered */
};

const char	*req_state_name(enum req_state);
int		 req_state_parse(const char *, enum req_state *);
const char	*req_exception_name(enum req_exception);
int		 req_exception_parse(const char *, enum req_exception *);

/* Validate and record a request; *id gets its number. */
int		 request_add(struct store *, const struct request_input *,
		    int64_t *id, struct tk_error *);

/* Load request id. */
int		 request_get(struct store *, int64_t id, struct request *,
		    struct tk_error *);

/* Cancel a requested or booked request, with a reason. */
int		 request_cancel(struct store *, int64_t id, const char *reason,
		    struct tk_error *);

/* Close a requested request that no interpreter was found for. */
int		 request_unfilled(struct store *, int64_t id,
		    const char *reason, struct tk_error *);

/* Complete a booked request, or a requested one done unregistered. */
int		 request_complete(struct store *, int64_t id,
		    const struct completion *, struct tk_error *);

/* Filters for request_list(); NULL and 0 mean any. */
struct request_filter {
	const char	*body;
	const char	*state;
	const char	*lang;
	const char	*from;		/* date: start on or after */
	const char	*to;		/* date: start before the end of */
	int64_t		 regno;		/* booked with this interpreter */
};

/*
 * One page of the requests matching f, by start and then id (the
 * cursor's key). Columns: id, body, lang, start, minutes, modality,
 * municipality, state, regno, case_ref, urgent.
 */
int		 request_list(struct store *, const struct request_filter *,
		    struct page *, struct table *, struct tk_error *);

/*
 * Record that request r was booked with regno, who holds category in
 * the language (used by booking).
 */
int		 request_set_booked(struct store *, const struct request *,
		    int64_t regno, char category, int travel_minutes,
		    struct tk_error *);

#endif /* TOLKREG_REQUEST_H */
