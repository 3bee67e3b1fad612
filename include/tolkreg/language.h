#ifndef TOLKREG_LANGUAGE_H
#define TOLKREG_LANGUAGE_H

/*
 * Languages by ISO 639-3 code, with English names and Norwegian bokmål
 * names from Debian's iso-codes, sign languages marked.
 */

struct page;
struct store;
struct table;
struct tk_error;

/*
 * An ISO 639-3 code of a language in the table: the form
 * (validate_lang()), then the row. TK_E_INVALID naming field.
 */
int	language_check(struct store *, const char *field, const char *value,
	    struct tk_error *);

/*
 * Fill t (columns code, name, name_en, name_nb, sign) with a page of the
 * languages whose code equals query or whose English or Norwegian name
 * contains it (case-insensitive); all languages when query is NULL. Exact code
 * matches come first, then names that begin with query, then by English
 * name and code (the cursor's key is all four).
 */
int	language_list(struct store *, const char *query, struct page *,
	    struct table *t, struct tk_error *);

/* The display name of a language: Norwegian if known, else English. */
int	language_name(struct store *, const char *code, char *buf,
	    unsigned int len, struct tk_error *);

#endif /* TOLKREG_LANGUAGE_H */
