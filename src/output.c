/*
 * Tables of results rendered as text, CSV (RFC 4180, written by libcsv)
 * or JSON (jansson). Writes go to a FILE the caller gives.
 */
#include "config.h"

#include <csv.h>
#include <errno.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tolkreg/error.h"
#include "tolkreg/output.h"
#include "tolkreg/xmalloc.h"

struct column {
	char		*name;
	enum tcol_type	 type;
	size_t		 width;		/* display width, for FMT_TABLE */
};

struct table {
	struct column	*cols;
	size_t		 ncols;
	char		**cells;	/* nrows * ncols */
	size_t		 nrows;
	size_t		 cap;		/* cells allocated */
	size_t		 next;		/* cells filled */
};

/* Parse an output format name. */
int
format_parse(const char *s, enum tk_format *out)
{
	if (strcmp(s, "table") == 0)
		*out = FMT_TABLE;
	else if (strcmp(s, "csv") == 0)
		*out = FMT_CSV;
	else if (strcmp(s, "json") == 0)
		*out = FMT_JSON;
	else if (strcmp(s, "xml") == 0)
		*out = FMT_XML;
	else if (strcmp(s, "html") == 0)
		*out = FMT_HTML;
	else
		return (-1);
	return (0);
}

/* A new, empty table. */
struct table *
table_new(void)
{
	return (xcalloc(1, sizeof(struct table)));
}

/* Free a table and its cells. */
void
table_free(struct table *t)
{
	size_t	i;

	if (t == NULL)
		return;
	for (i = 0; i < t->next; i++)
		free(t->cells[i]);
	for (i = 0; i < t->ncols; i++)
		free(t->cols[i].name);
	free(t->cells);
	free(t->cols);
	free(t);
}

/* Number of UTF-8 code points in s: its width in a terminal, roughly. */
static size_t
display_width(const char *s)
{
	size_t	n = 0;

	for (; *s != '\0'; s++) {
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	}
	return (n);
}

/* Add a column. */
void
table_col(struct table *t, const char *name, enum tcol_type type)
{
	t->cols = xreallocarray(t->cols, t->ncols + 1, sizeof(*t->cols));
	t->cols[t->ncols].name = xstrdup(name);
	t->cols[t->ncols].type = type;
	t->cols[t->ncols].width = display_width(name);
	t->ncols++;
}

/* Start a new row, padding an unfinished one with empty cells. */
void
table_row(struct table *t)
{
	while (t->next < t->nrows * t->ncols)
		table_put(t, "");
	t->nrows++;
	if (t->cap < t->nrows * t->ncols) {
		t->cap = t->cap == 0 ? 64 * t->ncols : t->cap * 2;
		t->cells = xreallocarray(t->cells, t->cap, sizeof(*t->cells));
	}
}

/* Give the next cell of the current row. */
void
table_put(struct table *t, const char *v)
{
	struct column	*c;
	size_t		 w;

	if (t->nrows == 0 || t->next >= t->nrows * t->ncols)
		return;		/* more values than columns: ignore */
	c = &t->cols[t->next % t->ncols];
	t->cells[t->next++] = xstrdup(v != NULL ? v : "");
	if ((w = display_width(v != NULL ? v : "")) > c->width)
		c->width = w;
}

/* Give the next cell, formatted. */
void
table_putf(struct table *t, const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	xvasprintf(&s, fmt, ap);
	va_end(ap);
	table_put(t, s);
	free(s);
}

/* Give the next cell as an integer. */
void
table_put_int(struct table *t, long long v)
{
	table_putf(t, "%lld", v);
}

/* Number of rows. */
size_t
table_nrows(const struct table *t)
{
	return (t->nrows);
}

/* Number of columns. */
size_t
table_ncols(const struct table *t)
{
	return (t->ncols);
}

/* Name of column c. */
const char *
table_col_name(const struct table *t, size_t c)
{
	return (c < t->ncols ? t->cols[c].name : "");
}

/* Type of column c. */
enum tcol_type
table_col_type(const struct table *t, size_t c)
{
	return (c < t->ncols ? t->cols[c].type : TCOL_STR);
}

/* The index of the column called name, or -1. */
int
table_col_find(const struct table *t, const char *name)
{
	size_t	c;

	for (c = 0; c < t->ncols; c++) {
		if (strcmp(t->cols[c].name, name) == 0)
			return ((int)c);
	}
	return (-1);
}

/* Cell (r, c), "" if never given. */
const char *
table_cell(const struct table *t, size_t r, size_t c)
{
	size_t	i = r * t->ncols + c;

	if (c >= t->ncols)
		return ("");
	return (i < t->next ? t->cells[i] : "");
}

/* Fail for a format that only reports have. */
static int
not_a_report(enum tk_format fmt, struct tk_error *err)
{
	return (tk_fail(err, TK_E_USAGE, "format", "'--format %s' is only"
	    " for the Tolkemonitor reports", fmt == FMT_XML ? "xml" :
	    "html"));
}

/* Fail with TK_E_IO if f has an error. */
static int
io_check(FILE *f, struct tk_error *err)
{
	if (ferror(f))
		return (tk_fail(err, TK_E_IO, NULL, "cannot write output: %s",
		    strerror(errno)));
	return (0);
}

/* Write s padded to width w (in code points). */
static void
pad(FILE *f, const char *s, size_t w, int last)
{
	size_t	n;

	fputs(s, f);
	if (last)
		return;
	for (n = display_width(s); n < w + 2; n++)
		fputc(' ', f);
}

/* Aligned text table with an upper-case header. */
static void
write_text(const struct table *t, FILE *f)
{
	size_t	 r, c, i;
	char	*h;

	for (c = 0; c < t->ncols; c++) {
		h = xstrdup(t->cols[c].name);
		for (i = 0; h[i] != '\0'; i++)
			h[i] = h[i] == '_' ? ' ' :
			    (char)(h[i] >= 'a' && h[i] <= 'z' ? h[i] - 32 :
			    h[i]);
		pad(f, h, t->cols[c].width, c + 1 == t->ncols);
		free(h);
	}
	fputc('\n', f);
	for (r = 0; r < t->nrows; r++) {
		for (c = 0; c < t->ncols; c++)
			pad(f, table_cell(t, r, c), t->cols[c].width,
			    c + 1 == t->ncols);
		fputc('\n', f);
	}
}

/* One CSV record; fields quoted by libcsv. */
static void
write_csv_row(FILE *f, const char *const *v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		if (i > 0)
			fputc(',', f);
		csv_fwrite(f, v[i], strlen(v[i]));
	}
	fputs("\r\n", f);
}

/* CSV with a header row. */
static void
write_csv(const struct table *t, FILE *f, size_t maxrows)
{
	const char	**v;
	size_t		  r, c;

	v = xcalloc(t->ncols, sizeof(*v));
	for (c = 0; c < t->ncols; c++)
		v[c] = t->cols[c].name;
	write_csv_row(f, v, t->ncols);
	for (r = 0; r < t->nrows && r < maxrows; r++) {
		for (c = 0; c < t->ncols; c++)
			v[c] = table_cell(t, r, c);
		write_csv_row(f, v, t->ncols);
	}
	free(v);
}

/* Row r as a JSON object. */
json_t *
table_row_json(const struct table *t, size_t r)
{
	json_t		*o;
	const char	*v;
	size_t		 c;

	o = json_object();
	for (c = 0; c < t->ncols; c++) {
		v = table_cell(t, r, c);
		switch (t->cols[c].type) {
		case TCOL_INT:
			json_object_set_new(o, t->cols[c].name, *v == '\0' ?
			    json_null() : json_integer(strtoll(v, NULL, 10)));
			break;
		case TCOL_NSTR:
			json_object_set_new(o, t->cols[c].name, *v == '\0' ?
			    json_null() : json_string(v));
			break;
		case TCOL_BOOL:
			json_object_set_new(o, t->cols[c].name,
			    json_boolean(strcmp(v, "yes") == 0));
			break;
		case TCOL_NUM:
			json_object_set_new(o, t->cols[c].name, *v == '\0' ?
			    json_null() : json_real(strtod(v, NULL)));
			break;
		case TCOL_NBOOL:
			json_object_set_new(o, t->cols[c].name, *v == '\0' ?
			    json_null() : json_boolean(strcmp(v, "yes") == 0));
			break;
		case TCOL_STR:
			json_object_set_new(o, t->cols[c].name,
			    json_string(v));
			break;
		}
	}
	return (o);
}

/* All rows as a JSON array. */
json_t *
table_rows_json(const struct table *t)
{
	json_t	*a;
	size_t	 r;

	a = json_array();
	for (r = 0; r < t->nrows; r++)
		json_array_append_new(a, table_row_json(t, r));
	return (a);
}

/* The rows of t as compact JSON text (jansson), for tolkregd. */
char *
table_rows_json_text(const struct table *t, size_t *len)
{
	json_t	*a;
	char	*text;

	a = table_rows_json(t);
	text = json_dumps(a, JSON_COMPACT | JSON_PRESERVE_ORDER |
	    JSON_REAL_PRECISION(12));
	json_decref(a);
	if (text == NULL)
		text = xstrdup("[]");
	*len = strlen(text);
	return (text);
}

/* Dump a JSON value with a trailing newline. */
static void
write_json(json_t *j, FILE *f)
{
	json_dumpf(j, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER |
	    JSON_REAL_PRECISION(12));
	fputc('\n', f);
}

/* Write all rows. */
int
table_write(const struct table *t, enum tk_format fmt, FILE *f,
    struct tk_error *err)
{
	json_t	*j;

	switch (fmt) {
	case FMT_TABLE:
		write_text(t, f);
		break;
	case FMT_CSV:
		write_csv(t, f, (size_t)-1);
		break;
	case FMT_JSON:
		j = table_rows_json(t);
		write_json(j, f);
		json_decref(j);
		break;
	case FMT_XML:
	case FMT_HTML:
		return (not_a_report(fmt, err));
	}
	return (io_check(f, err));
}

/* Write one record with its sections. */
int
table_write_record(const struct table *main, const char *const *names,
    struct table *const *sections, size_t n, enum tk_format fmt, FILE *f,
    struct tk_error *err)
{
	json_t	*o;
	size_t	 c, w = 0, i;

	switch (fmt) {
	case FMT_TABLE:
		for (c = 0; c < main->ncols; c++)
			if (strlen(main->cols[c].name) > w)
				w = strlen(main->cols[c].name);
		for (c = 0; c < main->ncols; c++) {
			fprintf(f, "%s:", main->cols[c].name);
			for (i = strlen(main->cols[c].name); i <= w; i++)
				fputc(' ', f);
			fprintf(f, "%s\n", table_cell(main, 0, c));
		}
		for (i = 0; i < n; i++) {
			fprintf(f, "\n%s:\n", names[i]);
			if (sections[i]->nrows == 0)
				fputs("  (none)\n", f);
			else
				write_text(sections[i], f);
		}
		break;
	case FMT_CSV:
		write_csv(main, f, 1);
		break;
	case FMT_JSON:
		o = main->nrows > 0 ? table_row_json(main, 0) : json_object();
		for (i = 0; i < n; i++)
			json_object_set_new(o, names[i],
			    table_rows_json(sections[i]));
		write_json(o, f);
		json_decref(o);
		break;
	case FMT_XML:
	case FMT_HTML:
		return (not_a_report(fmt, err));
	}
	return (io_check(f, err));
}

/* Write several named tables. */
int
table_write_sections(const char *const *names, struct table *const *tables,
    size_t n, enum tk_format fmt, FILE *f, struct tk_error *err)
{
	json_t	*o;
	size_t	 i;

	switch (fmt) {
	case FMT_TABLE:
		for (i = 0; i < n; i++) {
			if (i > 0)
				fprintf(f, "\n%s:\n", names[i]);
			if (i > 0 && tables[i]->nrows == 0)
				fputs("  (none)\n", f);
			else
				write_text(tables[i], f);
		}
		break;
	case FMT_CSV:
		if (n > 0)
			write_csv(tables[0], f, (size_t)-1);
		break;
	case FMT_JSON:
		o = json_object();
		for (i = 0; i < n; i++)
			json_object_set_new(o, names[i],
			    table_rows_json(tables[i]));
		write_json(o, f);
		json_decref(o);
		break;
	case FMT_XML:
	case FMT_HTML:
		return (not_a_report(fmt, err));
	}
	return (io_check(f, err));
}

/* A new table of some columns and rows of src. */
struct table *
table_project(const struct table *src, const char *const *names, size_t n,
    size_t maxrows)
{
	struct table	*t;
	size_t		*idx, i, c, r;

	t = table_new();
	idx = xcalloc(n, sizeof(*idx));
	for (i = 0; i < n; i++) {
		idx[i] = src->ncols;
		for (c = 0; c < src->ncols; c++) {
			if (strcmp(src->cols[c].name, names[i]) == 0) {
				idx[i] = c;
				table_col(t, names[i], src->cols[c].type);
			}
		}
		if (idx[i] == src->ncols)
			table_col(t, names[i], TCOL_STR);
	}
	for (r = 0; r < src->nrows && (maxrows == 0 || r < maxrows); r++) {
		table_row(t);
		for (i = 0; i < n; i++)
			table_put(t, table_cell(src, r, idx[i]));
	}
	free(idx);
	return (t);
}
