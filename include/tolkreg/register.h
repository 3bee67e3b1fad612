#ifndef TOLKREG_REGISTER_H
#define TOLKREG_REGISTER_H

#include <stdint.h>

/*
 * Read views of the register as tables: the public register search,
 * the administrative interpreter list, and the parts of one
 * interpreter's record. None of them ever holds a personal number.
 */

struct page;
struct store;
struct table;
struct tk_error;

/* Filters for register_search(); NULL or 0 means "any". */
struct search_query {
	const char	*lang;		/* required, ISO 639-3 */
	char		 category;	/* that category or better */
	const char	*county;
	const char	*municipality;
	char		 gender;
	unsigned int	 modality;	/* one MOD_* bit */
};

/* The search's parameters as text, from an option or a query string. */
struct search_text {
	const char	*lang, *category, *county, *municipality;
	const char	*gender, *modality;
};

/*
 * Turn text into a search_query: the category (A-E), the gender (F, M
 * or X), one modality, and the form of the language, county and
 * municipality codes (whether they exist is register_search()'s to
 * say). NULL means "any"; a missing language is the caller's to refuse.
 * Strings are borrowed from in. 0, or -1 with err naming the field.
 */
int	search_query_parse(const struct search_text *in,
	    struct search_query *q, struct tk_error *);

/*
 * One page of the public register search: interpreters listed on date
 * today with a category in the language, highest category first, then
 * by name, then by register number (the cursor's key). Columns: regno, name, gender, language, language_name, category,
 * municipality, municipality_name, county, county_name, availability,
 * modalities.
 */
int	register_search(struct store *, const struct search_query *,
	    const char *today, struct page *, struct table *,
	    struct tk_error *);

/* Filters for register_list(); NULL means "any". */
struct list_query {
	const char	*status;	/* listing status name */
	const char	*lang;
	const char	*municipality;
};

/*
 * One page of the interpreters matching q, by register number (the
 * cursor's key). Columns: regno,
 * name, gender, municipality, availability, modalities, status,
 * status_until, languages ("ara:A rus:C").
 */
int	register_list(struct store *, const struct list_query *,
	    struct page *, struct table *, struct tk_error *);

/* Columns: lang, language_name, category; best category first. */
int	register_languages(struct store *, int64_t regno, struct table *,
	    struct tk_error *);

/*
 * A page of one interpreter's credentials, by id (the cursor's key).
 * Columns: id, kind, lang, obtained, ref, revoked, revoke_reason.
 */
int	register_credentials(struct store *, int64_t regno, struct page *,
	    struct table *, struct tk_error *);

/* Columns: at, status, until, reason, actor; oldest first. */
int	register_history(struct store *, int64_t regno, struct table *,
	    struct tk_error *);

/*
 * A page of one interpreter's warnings, oldest first: by date and id
 * (the cursor's key). Columns: id, date, reason.
 */
int	register_warnings(struct store *, int64_t regno, struct page *,
	    struct table *, struct tk_error *);

/*
 * One page of the public bodies, by organisation number (the cursor's
 * key). Columns: orgnr, name, sector,
 * municipality, municipality_name, county, regular, guidelines.
 */
int	register_bodies(struct store *, const char *sector,
	    const char *county, struct page *, struct table *,
	    struct tk_error *);

#endif /* TOLKREG_REGISTER_H */
