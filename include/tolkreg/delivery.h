#ifndef TOLKREG_DELIVERY_H
#define TOLKREG_DELIVERY_H

#include <stddef.h>
#include <stdio.h>
#include <time.h>

#include "tolkreg/monitor.h"

/*
 * The half-yearly delivery of the Tolkemonitor SPRÅK barometer ("tolkreg
 * export demand"): the report for one half-year, with the documented
 * defaults, rendered by tkmon.h as CSV, XML and HTML files named
 * tolkemonitor-sprak-PERIOD.EXT, written into a directory atomically and
 * optionally handed to a receiver (push.h). Every file the receiver
 * accepts is recorded in the table delivery, so that running the
 * delivery for a period again hands on only what was not delivered
 * before, unless forced.
 */

struct push_opts;
struct store;
struct tk_error;

enum delivery_kind {
	DELIVERY_CSV,
	DELIVERY_XML,
	DELIVERY_HTML,
	DELIVERY_NFILES
};

struct delivery_file {
	char		 name[48];	/* "tolkemonitor-sprak-2026H1.csv" */
	const char	*content_type;	/* static */
	char		*data;		/* owned */
	size_t		 len;
};

struct delivery {
	struct monitor_period	period;
	struct delivery_file	files[DELIVERY_NFILES];
};

/*
 * Compute SPRÅK for half-year p with the documented defaults and render
 * the three files in memory, the XML checked against the schema, as of
 * time now. Release with delivery_release() whatever the result.
 */
int	delivery_build(struct store *, const struct monitor_period *,
	    time_t now, struct delivery *, struct tk_error *);
void	delivery_release(struct delivery *);

/*
 * Write len bytes as dir/name: to a temporary file in dir, flushed to
 * disk, renamed over name, and the directory synced, so that name is
 * either the old file or the whole new one. TK_E_IO on failure.
 */
int	delivery_write_atomic(const char *dir, const char *name,
	    const void *data, size_t len, struct tk_error *);

/* Write the three files of d into dir; each path is printed to out. */
int	delivery_write(const struct delivery *d, const char *dir, FILE *out,
	    struct tk_error *);

/*
 * Deliver the files of d with o (push.h) and record each one the
 * receiver accepts. A file already recorded for the same period and URL
 * is skipped unless force. One line per file is printed to out:
 * "delivered NAME (HTTP 201, 1 attempt)" or "already delivered NAME on
 * TIME". Stops at the first file that fails (TK_E_TRANSFER).
 */
int	delivery_push(struct store *, const struct delivery *d,
	    const struct push_opts *, int force, FILE *out, struct tk_error *);

#endif /* TOLKREG_DELIVERY_H */
