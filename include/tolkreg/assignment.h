#ifndef TOLKREG_ASSIGNMENT_H
#define TOLKREG_ASSIGNMENT_H

/*
 * Assignments reported to tolkreg (tolkreg-xml(5)): work booked outside
 * tolkreg, reported by an interpreting agency or a public body, or a
 * closed request exported from a register. Each is stored as a closed
 * request keyed by its sender and reference, so that Tolkemonitor counts
 * it with the requests tolkreg booked itself. Writes run inside the
 * caller's transaction and are audited.
 */

struct store;
struct tk_error;

/*
 * One reported assignment. Strings as given; NULL means not given.
 * Field names in messages are those of the format.
 */
struct assignment_input {
	const char	*sender;	/* orgnr of whoever reports it */
	const char	*ref;		/* the sender's reference */
	const char	*body;		/* orgnr of the ordering body */
	const char	*sector;	/* NULL: the body's sector */
	const char	*lang;
	const char	*start;		/* ISO 8601, Europe/Oslo unless offset */
	const char	*minutes;	/* as ordered */
	const char	*modality;	/* onsite, video or phone */
	const char	*municipality;	/* required for onsite */
	const char	*outcome;	/* completed, cancelled or unfilled */
	const char	*interpreter;	/* register number or "unregistered" */
	const char	*exception;	/* § 7 reason */
	const char	*actual_minutes;
	int		 remote;	/* -1: not given; else 0 or 1 */
	int		 child_used;	/* -1: not given; else 0 or 1 */
	const char	*provider;	/* in-house, public-service, */
					/* private-agency */
	const char	*provider_orgnr;
	const char	*reason;	/* why cancelled or unfilled */
};

/* What assignment_record() did. */
enum assignment_result {
	ASSIGNMENT_ADDED,
	ASSIGNMENT_CHANGED,
	ASSIGNMENT_UNCHANGED
};

/*
 * Record a reported assignment, keyed by sender and ref: add it, bring
 * the one with that key up to date, or leave it when it already says
 * the same; *result says which. The body and any interpreter must be
 * registered. The outcome decides what may be given, as "complete",
 * "cancel" and "unfilled" do: a completed assignment names its
 * interpreter (an unregistered one with a § 7 exception) and may give
 * the actual minutes (default: as ordered), remote work for an on-site
 * order and whether a child was used (§ 4, default no); a cancelled one
 * may name the booked interpreter and a reason; an unfilled one may give
 * a reason and whether a child was used. A request still open in
 * tolkreg is TK_E_CONFLICT. Changes are audited per field.
 */
int		 assignment_record(struct store *,
		    const struct assignment_input *,
		    enum assignment_result *result, struct tk_error *);

#endif /* TOLKREG_ASSIGNMENT_H */
