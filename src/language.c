/*
 * The language table: ISO 639-3 codes with English and Norwegian names.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "tolkreg/error.h"
#include "tolkreg/language.h"
#include "tolkreg/output.h"
#include "tolkreg/page.h"
#include "tolkreg/store.h"
#include "tolkreg/validate.h"

/* Validate an ISO 639-3 code that names a language of the table. */
int
language_check(struct store *st, const char *field, const char *value,
    struct tk_error *err)
{
	static const char	 sql[] =
	    "SELECT 1 FROM language WHERE code = ?1";
	int			 rc;

	if (validate_lang(field, value, err) == -1)
		return (-1);
	if ((rc = store_exists(st, sql, value, err)) == -1)
		return (-1);
	if (rc == 0)
		return (tk_fail(err, TK_E_INVALID, field,
		    "'%s' '%s' is not an ISO 639-3 language code", field,
		    value));
	return (0);
}

/*
 * The languages matching ?1: the exact code first, then those whose
 * name begins with it, then by English name and code (the cursor's
 * key: ?2 to ?5; the limit ?6).
 */
#define LANGUAGE_SQL(after) "SELECT code, name, name_en, name_nb, sign,"	\
    " k1, k2, name_en, code FROM (SELECT code, CASE name_nb WHEN ''"	\
    " THEN name_en ELSE name_nb END AS name, name_en, name_nb, sign,"	\
    " code <> lower(coalesce(?1, '')) AS k1,"				\
    " coalesce(NOT (substr(lower(name_en), 1, length(?1)) = lower(?1)"	\
    " OR substr(lower(name_nb), 1, length(?1)) = lower(?1)), 0) AS k2"	\
    " FROM language WHERE ?1 IS NULL OR code = lower(?1)"		\
    " OR instr(lower(name_en), lower(?1)) > 0"				\
    " OR instr(lower(name_nb), lower(?1)) > 0)" after			\
    " ORDER BY k1, k2, name_en, code LIMIT ?6"

/* Fill t with a page of the languages matching query. */
int
language_list(struct store *st, const char *query, struct page *pg,
    struct table *t, struct tk_error *err)
{
	static const char	 sql[] = LANGUAGE_SQL("");
	static const char	 after_sql[] = LANGUAGE_SQL(" WHERE (k1, k2,"
	    " name_en, code) > (?2, ?3, ?4, ?5)");
	sqlite3_stmt		*s;
	int			 rc;

	if (query != NULL && validate_text("query", query, 100, err) == -1)
		return (-1);
	if ((s = store_stmt(st, page_sql(pg, sql, after_sql), err)) == NULL ||
	    page_bind(pg, s, 2, "iiss", err) == -1)
		return (-1);
	if (query != NULL)
		sqlite3_bind_text(s, 1, query, -1, SQLITE_TRANSIENT);
	table_col(t, "code", TCOL_STR);
	table_col(t, "name", TCOL_STR);
	table_col(t, "name_en", TCOL_STR);
	table_col(t, "name_nb", TCOL_NSTR);
	table_col(t, "sign", TCOL_BOOL);
	while ((rc = page_step(pg, s, 5, "iiss")) == SQLITE_ROW) {
		table_row(t);
		table_put(t, store_text(s, 0));
		table_put(t, store_text(s, 1));
		table_put(t, store_text(s, 2));
		table_put(t, store_text(s, 3));
		table_put(t, sqlite3_column_int(s, 4) ? "yes" : "no");
	}
	sqlite3_reset(s);
	return (rc == SQLITE_DONE ? 0 : store_fail(st, err));
}

/* The display name of a language. */
int
language_name(struct store *st, const char *code, char *buf,
    unsigned int len, struct tk_error *err)
{
	static const char	 sql[] = "SELECT CASE name_nb WHEN ''"
	    " THEN name_en ELSE name_nb END FROM language WHERE code = ?1";
	sqlite3_stmt		*s;
	int			 rc;

	if ((s = store_stmt(st, sql, err)) == NULL)
		return (-1);
	sqlite3_bind_text(s, 1, code, -1, SQLITE_TRANSIENT);
	if ((rc = sqlite3_step(s)) != SQLITE_ROW) {
		sqlite3_reset(s);
		if (rc != SQLITE_DONE)
			return (store_fail(st, err));
		return (tk_fail(err, TK_E_NOTFOUND, "lang",
		    "'lang' '%s' is not an ISO 639-3 language code", code));
	}
	snprintf(buf, len, "%s", store_text(s, 0));
	sqlite3_reset(s);
	return (0);
}
