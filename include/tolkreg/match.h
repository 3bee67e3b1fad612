#ifndef TOLKREG_MATCH_H
#define TOLKREG_MATCH_H

#include <stddef.h>
#include <stdint.h>

/*
 * The matching core: which interpreters may take a request (the hard
 * rules) and in what order they are offered (the ranking policy).
 * Booking, without double-booking anyone, is booking.h's. The policy
 * lives in match.c and nowhere else; tolkreg(1) documents it.
 *
 * Hard rules, checked in this order (the first that fails is reported):
 *   listed       currently listed (not excluded, suspended or withdrawn)
 *   category     a derived category in the language at or above the minimum
 *   modality     offers the request's modality
 *   gender       the requested gender, when one is asked for
 *   excluded     not on the request's exclusion list
 *   conflict     no declared conflict with the body (habilitet, § 16)
 *   distance     on-site: travel one way at most GEO_TRAVEL_MAX_MIN
 *                (geo.h, where the travel time is worked out)
 *   booked       no overlap with own bookings, travel both ways counted
 *   unavailable  not inside declared unavailability
 *
 * Order of the eligible: category (A first), continuity (bookings on the
 * same case reference for the same body, most first), travel band for
 * on-site work (nearest band first), fairness (fewest minutes booked in
 * the MATCH_FAIRNESS_DAYS before the start), register number.
 */

struct store;
struct table;
struct tk_error;
struct request;

#define MATCH_FAIRNESS_DAYS	30

enum match_rule {
	RULE_NONE = -1,		/* eligible */
	RULE_LISTED,
	RULE_CATEGORY,
	RULE_MODALITY,
	RULE_GENDER,
	RULE_EXCLUDED,
	RULE_CONFLICT,
	RULE_DISTANCE,
	RULE_BOOKED,
	RULE_UNAVAILABLE,
	RULE_NRULES
};

struct candidate {
	int64_t		 regno;
	const char	*name;		/* in the result's names; "" */
	char		 category;
	enum match_rule	 rule;		/* RULE_NONE when eligible */
	int		 continuity;	/* earlier bookings on the case */
	int		 travel_minutes;	/* one way; 0 unless on-site */
	int		 travel_band;	/* 0: <= 30 min, 1: <= 60, 2: <= 120, 3 */
	int		 booked_minutes;	/* in the fairness window */
	int		 rank;		/* 1-based among the eligible; 0 */
};

struct match_result {
	struct candidate *c;		/* eligible first, in rank order */
	char		 *names;	/* the candidates' names */
	size_t		  n;
	size_t		  neligible;
	size_t		  nrule[RULE_NRULES];	/* excluded, per rule */
};

/* Short name of a rule ("booked", ...). Static. */
const char	*match_rule_name(enum match_rule);

/* One line saying why a rule excluded an interpreter. Static. */
const char	*match_rule_text(enum match_rule);

/*
 * Rank every interpreter with a category in the request's language, in
 * one snapshot (the caller's transaction if one is open, its own writes
 * included). On success the caller owns *out (match_result_release()).
 *
 * The store keeps a cache for the matching core, made on the first
 * match and freed by store_close() (see store_match_cache()): each
 * language's candidates, kept while the register generation (schema 6)
 * is unchanged, and each interpreter's bookings and unavailability,
 * read when first needed and forgotten when match_log (schema 8) notes
 * a change to them. What was read inside a transaction that rolls back
 * is forgotten. Results are those of a fresh read of the snapshot; the
 * cache only spares the reading. A store must be used by one thread at
 * a time, and so is its cache.
 */
int		 match_run(struct store *, const struct request *,
		    struct match_result *out, struct tk_error *);

/*
 * What the front ends call: match_run() for an open request. A request
 * in another state fails with TK_E_CONFLICT (field "state") and *out
 * empty. match_run() itself ranks a request in any state, a booked one
 * as if its own booking were not there.
 */
int		 match_candidates(struct store *, const struct request *,
		    struct match_result *out, struct tk_error *);

/*
 * match_run() without the ranking order, for booking: every candidate
 * with the rule that excludes it or the figures of its place, in
 * register number order, ranks 0; names copied only with names (else
 * ""). The caller owns *out (match_result_release()).
 */
int		 match_unranked(struct store *, const struct request *,
		    int names, struct match_result *out, struct tk_error *);

/*
 * The candidate match_rank_order() would put first, if eligible, with
 * the candidates in any order: one pass, nothing moved. NULL if no one
 * is eligible. Borrowed from m.
 */
const struct candidate *match_best(const struct match_result *m);

/*
 * The candidate with register number regno in m, its candidates in
 * register number order (match_unranked()); NULL if none. Borrowed.
 */
struct candidate *match_find(const struct match_result *m, int64_t regno);

/*
 * Put m's candidates in ranking order (the policy of tolkreg(1) MATCHING
 * POLICY, written once, here) and number the eligible from 1;
 * match_run() does this. Sets neligible; nrule is left as it is.
 */
void		 match_rank_order(struct match_result *);

void		 match_result_release(struct match_result *);

/* Why the list is empty: a sentence naming the rules that applied. */
void		 match_why_none(const struct match_result *, char *buf,
		    size_t len);

/*
 * The reasons for one candidate's place, written into buf: its
 * category, continuity, travel and fairness, or the rule that
 * excluded it.
 */
void		 match_reasons(const struct request *,
		    const struct candidate *, char *buf, size_t len);

/*
 * Fill t with the eligible candidates (at most limit; 0: all) and, with
 * explain, every excluded interpreter after them. Columns: rank, regno,
 * name, category, travel_minutes, booked_minutes_30d, continuity,
 * eligible, reasons.
 */
void		 match_table(const struct request *,
		    const struct match_result *, size_t limit, int explain,
		    struct table *);

#endif /* TOLKREG_MATCH_H */
