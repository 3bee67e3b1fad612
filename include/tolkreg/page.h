#ifndef TOLKREG_PAGE_H
#define TOLKREG_PAGE_H

#include <stddef.h>

/*
 * Paging of lists, the one rule for every list of stored rows in the
 * CLI and the API. Each list has a stable order given by a sort key
 * that ends in a unique column (a request's start then its id, a
 * register number, an organisation number, ...). A page is at most
 * limit rows; a cursor is the sort key of the last row shown, and the
 * next page is the rows whose key is greater (keyset paging), which
 * stays exact while rows are added.
 *
 * A cursor is opaque to its users. It is written as the key's fields
 * joined by '.': a whole number in decimal, a text with the bytes
 * A-Z a-z 0-9 '-' '_' as they are and every other byte as ~XX (two
 * upper-case hex digits). So it needs no quoting in a shell or a URL.
 *
 * A list function takes a struct page (NULL: every row), prepares the
 * statement page_sql() picks, binds the cursor and the limit with
 * page_bind() and steps with page_step(), which stops after limit rows
 * and sets next when more rows exist.
 */

struct sqlite3_stmt;
struct tk_error;

#define PAGE_DEFAULT	100	/* API default; CLI default on a terminal */
#define PAGE_MAX	1000	/* the most rows the API gives at once */
#define PAGE_CURSOR_MAX	1024	/* longest cursor, with its NUL */
#define PAGE_KEY_MAX	4	/* most fields in a sort key */

struct page {
	/* In: set by page_parse() or by the caller. */
	size_t		 limit;			/* rows at most; 0: all */
	const char	*after;			/* cursor; NULL: from the start */
	/* Out: set by page_step(). */
	size_t		 n;			/* rows given */
	char		 next[PAGE_CURSOR_MAX];	/* cursor of the next page, */
						/* "" when the list ended */
	char		 last[PAGE_CURSOR_MAX];	/* private to page_step() */
};

/*
 * Set pg from the text of a limit and a cursor (NULL: not given). With
 * max 0 there is no maximum and a limit of 0 means all rows; otherwise
 * the limit must be 1 to max. An absent limit is deflimit. The cursor
 * is checked for its form here and against the list's key in
 * page_bind(). Borrows after. 0, or -1 with err naming "limit" or
 * "after" (TK_E_INVALID).
 */
int		 page_parse(struct page *, const char *limit,
		    const char *after, size_t deflimit, size_t max,
		    struct tk_error *);

/*
 * Of a list's two statements, the one without the cursor's condition
 * (sql) or the one with it (after_sql), as pg asks. Borrowed.
 */
const char	*page_sql(const struct page *, const char *sql,
		    const char *after_sql);

/*
 * Bind the page (NULL: every row) to s: the cursor's fields, typed as key says ('i' a
 * whole number, 's' a text, one letter per field), to the parameters
 * first, first + 1, ..., and the limit (one more than the page, so
 * page_step() can tell whether more follow; -1 for all) to the
 * parameter after them. A statement without the cursor's condition
 * (pg->after NULL) has the limit at the same place. Resets pg's output.
 * 0, or -1 with err naming "after" for a cursor of another list.
 */
int		 page_bind(struct page *, struct sqlite3_stmt *, int first,
		    const char *key, struct tk_error *);

/*
 * sqlite3_step(s) (for pg NULL, just that), but SQLITE_DONE once the page is full: then next
 * holds the cursor of the last row given if another row follows. The
 * sort key of each row is in the columns keycol, keycol + 1, ... as key
 * says.
 */
int		 page_step(struct page *, struct sqlite3_stmt *, int keycol,
		    const char *key);

/*
 * Write the sort key of the given values as a cursor into buf (len
 * bytes, at least PAGE_CURSOR_MAX); for tests and for lists not read
 * by page_step(). values are the fields as text, as key says.
 */
void		 page_cursor(char *buf, size_t len, const char *key,
		    const char *const *values);

#endif /* TOLKREG_PAGE_H */
