#ifndef TOLKREG_INTERPRETER_H
#define TOLKREG_INTERPRETER_H

#include <stddef.h>
#include <stdint.h>

#include "tolkreg/rules.h"
#include "tolkreg/validate.h"

/*
 * Interpreters in the register: identity, contact details, home
 * municipality, availability, modalities, and listing status with its
 * history (tolkeloven §§ 17 and 21). Write functions run inside the
 * caller's transaction and record every change in the audit log.
 */

struct store;
struct tk_error;

#define NAME_MAX_LEN	200
#define EMAIL_MAX_LEN	254
#define REASON_MAX_LEN	1000

/* One interpreter; fixed buffers, no ownership to manage. */
struct interpreter {
	int64_t			 regno;
	char			 name[NAME_MAX_LEN + 1];
	char			 pnr[PNR_LEN + 1];
	char			 gender;		/* 'F', 'M' or 'X' */
	char			 email[EMAIL_MAX_LEN + 1];
	char			 phone[PHONE_BUFLEN];
	char			 municipality[5];
	enum availability	 availability;
	unsigned int		 modalities;		/* MOD_* bits */
	enum listing		 status;
	char			 status_until[DATE_BUFLEN];	/* or "" */
	char			 created[TIME_BUFLEN];	/* tk_time_format() */
};

/*
 * Input to interpreter_add() and interpreter_update(); the caller owns
 * every string. For update, NULL strings, a 0 gender, availability -1
 * and modalities 0 mean "leave unchanged".
 */
struct interpreter_input {
	const char	*name;
	const char	*pnr;
	char		 gender;
	const char	*email;
	const char	*phone;
	const char	*municipality;
	int		 availability;	/* enum availability, or -1 */
	unsigned int	 modalities;
};

/*
 * An interpreter's fields as text, as a front end takes them (options,
 * a JSON body, a form); NULL for a field not given. Borrowed strings.
 */
struct interpreter_text {
	const char	*name, *fnr, *gender, *email, *phone, *municipality;
	const char	*availability, *modalities;
};

/*
 * Turn text into an interpreter_input: gender by gender_parse(),
 * availability by availability_parse(), modalities by
 * modalities_parse(); the other strings are borrowed as they are, to be
 * checked by interpreter_add() or interpreter_update(). A value that
 * does not parse is TK_E_INVALID naming its field, without the value.
 */
int		 interpreter_input_parse(const struct interpreter_text *,
		    struct interpreter_input *, struct tk_error *);

/* Validate and add an interpreter as listed; *regno gets its number. */
int		 interpreter_add(struct store *,
		    const struct interpreter_input *, int64_t *regno,
		    struct tk_error *);

/* 0 if interpreter regno exists, else TK_E_NOTFOUND naming "regno". */
int		 interpreter_exists(struct store *, int64_t regno,
		    struct tk_error *);

/*
 * Add an interpreter as listed under register number regno, given by the
 * caller (an import from another register); a number already in use is
 * TK_E_CONFLICT. Unlike interpreter_add() no listing history is written:
 * the caller records it with listing_merge() and then calls
 * interpreter_listing_sync().
 */
int		 interpreter_add_regno(struct store *,
		    const struct interpreter_input *, int64_t regno,
		    struct tk_error *);

/* Load interpreter regno into *out. */
int		 interpreter_get(struct store *, int64_t regno,
		    struct interpreter *out, struct tk_error *);

/* Change the fields given in in; records old and new in the audit log. */
int		 interpreter_update(struct store *, int64_t regno,
		    const struct interpreter_input *in, struct tk_error *);

/*
 * Exclude an interpreter (§ 21): until a date (YYYY-MM-DD, after today),
 * permanently (until NULL, temporary 0) or temporarily while a case is
 * processed (temporary 1). Refused for a withdrawn interpreter.
 */
int		 interpreter_exclude(struct store *, int64_t regno,
		    const char *reason, const char *until, int temporary,
		    struct tk_error *);

/* List an excluded, suspended or withdrawn interpreter again. */
int		 interpreter_reinstate(struct store *, int64_t regno,
		    const char *reason, struct tk_error *);

/* Withdraw a listed interpreter at own request. */
int		 interpreter_withdraw(struct store *, int64_t regno,
		    const char *reason, struct tk_error *);

/*
 * The listing status in effect on date today: listing_effective() of
 * the interpreter's status.
 */
enum listing	 interpreter_effective(const struct interpreter *,
		    const char *today);

/* One event of the listing history, as recorded elsewhere. */
struct listing_record {
	const char	*status;	/* listed, suspended, excluded, withdrawn */
	const char	*until;		/* excluded until YYYY-MM-DD, or NULL */
	const char	*reason;
	const char	*at;		/* when: ISO 8601 with seconds and offset */
	const char	*actor;		/* who decided; NULL: the store's actor */
};

/*
 * Make the listing history of interpreter regno hold event ev: an event
 * with the same time and status, other than the ids in skip, counts as
 * it and is left as it is; otherwise ev is appended (and audited). *id
 * gets the event's id and *added whether it was appended. The event is
 * checked: a known status, "until" only for an exclusion, a reason, a
 * time not in the future. The current status is not changed: call
 * interpreter_listing_sync() once the history is complete.
 */
int		 listing_merge(struct store *, int64_t regno,
		    const struct listing_record *ev, const int64_t *skip,
		    size_t nskip, int64_t *id, int *added, struct tk_error *);

/*
 * Set the listing status of interpreter regno to that of the latest
 * event in its history (by time, then order of recording); *changed
 * says whether it differed. A change is audited.
 */
int		 interpreter_listing_sync(struct store *, int64_t regno,
		    int *changed, struct tk_error *);

/* Record a written warning (§ 21) dated date (NULL: today). */
int		 warning_add(struct store *, int64_t regno, const char *date,
		    const char *reason, int64_t *id, struct tk_error *);

/*
 * Make interpreter regno hold a warning dated date with reason: one with
 * the same date and reason, other than the ids in skip, counts as it;
 * otherwise it is recorded with warning_add(). *id gets the warning's id
 * and *added whether it was recorded.
 */
int		 warning_merge(struct store *, int64_t regno, const char *date,
		    const char *reason, const int64_t *skip, size_t nskip,
		    int64_t *id, int *added, struct tk_error *);

/*
 * Number of warnings dated in the five years up to and including today;
 * three or more flag the interpreter for IMDi (§ 21).
 */
int		 warning_count_5y(struct store *, int64_t regno,
		    const char *today, int *count, struct tk_error *);

#define WARNING_FLAG_COUNT	3

#endif /* TOLKREG_INTERPRETER_H */
