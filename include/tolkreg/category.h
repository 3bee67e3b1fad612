#ifndef TOLKREG_CATEGORY_H
#define TOLKREG_CATEGORY_H

#include <stddef.h>
#include <stdint.h>

#include "tolkreg/rules.h"

/*
 * Credentials and the categories A-E derived from them. IMDi records
 * credentials; the category of an interpreter in a language follows from
 * the credentials valid in that language (plus the TAO course, which has
 * no language) by category_derive() (tolkreg/rules.h), the one place the
 * rule lives.
 */

struct store;
struct tk_error;

/*
 * Recompute the qualification rows (regno, lang, category) of one
 * interpreter from the credentials valid on date today (YYYY-MM-DD).
 * Runs inside the caller's transaction.
 */
int		 qualification_refresh(struct store *, int64_t regno,
		    const char *today, struct tk_error *);

/* The same for every interpreter (after a bulk load). */
int		 qualification_refresh_all(struct store *, const char *today,
		    struct tk_error *);

/* The category regno held in lang on date (YYYY-MM-DD) into *out, or 0. */
int		 category_at(struct store *, int64_t regno, const char *lang,
		    const char *date, char *out, struct tk_error *);

/*
 * Call fn(arg, regno, lang, category) for every category any
 * interpreter held on date (YYYY-MM-DD), ordered by regno: the history
 * Tolkemonitor needs. fn returns 0, or -1 to stop with err filled.
 */
int		 category_snapshot(struct store *, const char *date,
		    int (*fn)(void *, int64_t, const char *, char), void *arg,
		    struct tk_error *);

/* Input to credential_add(); the caller owns every string. */
struct credential_new {
	int64_t		 regno;
	enum cred_kind	 kind;
	const char	*lang;	/* ISO 639-3; NULL for tao, required otherwise */
	const char	*date;	/* obtained, YYYY-MM-DD, not in the future */
	const char	*ref;	/* reference, may be NULL */
};

/*
 * A credential's fields as text, as a front end takes them; NULL for a
 * field not given. Borrowed strings.
 */
struct credential_text {
	const char	*kind, *lang, *date, *ref;
};

/*
 * Turn text into the credential_new of interpreter regno: the kind by
 * cred_kind_parse(), a kind that is none of them TK_E_INVALID naming
 * "kind", without the value; the other strings are borrowed as they
 * are, to be checked by credential_add().
 */
int		 credential_input_parse(int64_t regno,
		    const struct credential_text *, struct credential_new *,
		    struct tk_error *);

/*
 * Record a credential and refresh the interpreter's categories; *id gets
 * the new credential id. Runs inside the caller's transaction.
 */
int		 credential_add(struct store *, const struct credential_new *,
		    int64_t *id, struct tk_error *);

/*
 * Revoke credential id of interpreter regno as of today, with a reason,
 * and refresh the categories at once.
 */
int		 credential_revoke(struct store *, int64_t regno, int64_t id,
		    const char *reason, struct tk_error *);

/*
 * Revoke credential id of interpreter regno as of date (YYYY-MM-DD, not
 * in the future and not before the credential was obtained), with a
 * reason, and refresh the categories. credential_revoke() is this on
 * today's date.
 */
int		 credential_revoke_on(struct store *, int64_t regno,
		    int64_t id, const char *date, const char *reason,
		    struct tk_error *);

/* A credential as recorded elsewhere; the caller owns every string. */
struct credential_record {
	enum cred_kind	 kind;
	const char	*lang;		/* NULL for tao */
	const char	*date;		/* obtained */
	const char	*ref;		/* NULL: none */
	const char	*revoked;	/* date revoked, or NULL */
	const char	*revoke_reason;	/* required with revoked */
};

/*
 * Make interpreter regno hold credential c. A credential of the same
 * kind, language and date, other than the ids in skip, counts as c: its
 * reference is brought up to date, and it is revoked on c's date when c
 * is revoked and it is not. One revoked in the register but not in c, or
 * on another date, is TK_E_CONFLICT: a revocation is never undone here.
 * Otherwise c is added with credential_add() (and revoked on its date).
 * *id gets the credential and *changed says whether anything was
 * written. Categories are refreshed on every change.
 */
int		 credential_merge(struct store *, int64_t regno,
		    const struct credential_record *c, const int64_t *skip,
		    size_t nskip, int64_t *id, int *changed,
		    struct tk_error *);

#endif /* TOLKREG_CATEGORY_H */
