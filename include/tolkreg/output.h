#ifndef TOLKREG_OUTPUT_H
#define TOLKREG_OUTPUT_H

#include <stddef.h>
#include <stdio.h>

/*
 * Tabular results and their three renderings: an aligned text table for
 * people, RFC 4180 CSV with a header row (libcsv), and JSON (jansson).
 * Commands build a table and write it; they never format by hand. The
 * Tolkemonitor reports can also be written as XML and HTML (tkmon.h);
 * table_write() and its siblings refuse those two formats.
 */

struct json_t;
struct tk_error;

enum tk_format {
	FMT_TABLE,
	FMT_CSV,
	FMT_JSON,
	FMT_XML,	/* reports only: schema/tolkemonitor.xsd */
	FMT_HTML	/* reports only: one self-contained page */
};

enum tcol_type {
	TCOL_STR,	/* JSON string; "" stays "" */
	TCOL_INT,	/* JSON integer; "" is null */
	TCOL_NSTR,	/* JSON string; "" is null */
	TCOL_BOOL,	/* JSON true for "yes", false for "no" */
	TCOL_NBOOL,	/* as TCOL_BOOL; "" is null */
	TCOL_NUM	/* JSON number; "" is null */
};

struct table;

/* Parse "table", "csv", "json", "xml" or "html". */
int		 format_parse(const char *, enum tk_format *);

/* A new, empty table. Owned: table_free(). */
struct table	*table_new(void);
void		 table_free(struct table *);	/* NULL is a no-op */

/* Add a column (before any row); names are snake_case. */
void		 table_col(struct table *, const char *name, enum tcol_type);

/* Start a new row; then give each column's value in order. */
void		 table_row(struct table *);
void		 table_put(struct table *, const char *);	/* NULL: "" */
void		 table_putf(struct table *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
void		 table_put_int(struct table *, long long);

size_t		 table_nrows(const struct table *);
size_t		 table_ncols(const struct table *);

/* Name and type of column c (c < table_ncols()). Borrowed. */
const char	*table_col_name(const struct table *, size_t);
enum tcol_type	 table_col_type(const struct table *, size_t);

/* The index of the column called name, or -1. */
int		 table_col_find(const struct table *, const char *name);

/* Cell (row, col), "" if never given. Borrowed. */
const char	*table_cell(const struct table *, size_t, size_t);

/*
 * Row r as a JSON object, each column typed as its tcol_type says, and
 * all rows as a JSON array: what table_write() writes as JSON, for
 * callers that compose larger documents. Owned: json_decref().
 */
struct json_t	*table_row_json(const struct table *, size_t r);
struct json_t	*table_rows_json(const struct table *);

/*
 * The same array as compact JSON text, written straight from the cells
 * without building jansson values: for long lists. Owned: free(); *len
 * gets its length.
 */
char		*table_rows_json_text(const struct table *, size_t *len);

/*
 * Write all rows: a table, CSV with a header, or a JSON array. FMT_XML
 * and FMT_HTML fail with TK_E_USAGE: only reports have them.
 */
int		 table_write(const struct table *, enum tk_format, FILE *,
		    struct tk_error *);

/*
 * Write one record (the first row of main) with named sub-tables: as
 * "field: value" lines followed by each section, as one CSV row (the
 * sections left out), or as a JSON object with each section as an array.
 */
int		 table_write_record(const struct table *main,
		    const char *const *names, struct table *const *sections,
		    size_t nsections, enum tk_format, FILE *,
		    struct tk_error *);

/*
 * A new table with the named columns of src (in that order) and at most
 * maxrows of its rows (0: all). Owned by the caller.
 */
struct table	*table_project(const struct table *src,
		    const char *const *names, size_t n, size_t maxrows);

/*
 * Write several tables: the text tables one after another under their
 * names, CSV of the first only, or one JSON object with each table as
 * an array under its name.
 */
int		 table_write_sections(const char *const *names,
		    struct table *const *tables, size_t n, enum tk_format,
		    FILE *, struct tk_error *);

#endif /* TOLKREG_OUTPUT_H */
