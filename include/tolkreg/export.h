#ifndef TOLKREG_EXPORT_H
#define TOLKREG_EXPORT_H

#include <stddef.h>
#include <stdio.h>
#include <time.h>

#include "tolkreg/monitor.h"

/*
 * The half-yearly export of the Tolkemonitor SPRÅK barometer: the
 * report for one half-year, with the documented defaults, as CSV, XML
 * and HTML files named tolkemonitor-sprak-PERIOD.EXT, written into a
 * directory atomically and optionally delivered to a receiver
 * (push.h). Every file the receiver accepts is recorded in the table
 * delivery, so that running the export for a period again delivers
 * only what was not delivered before, unless forced.
 */

struct push_opts;
struct store;
struct tk_error;

enum export_kind {
	EXPORT_CSV,
	EXPORT_XML,
	EXPORT_HTML,
	EXPORT_NFILES
};

struct export_file {
	char		 name[48];	/* "tolkemonitor-sprak-2026H1.csv" */
	const char	*content_type;	/* static */
	char		*data;		/* owned */
	size_t		 len;
};

struct export_demand {
	struct monitor_period	period;
	struct export_file	files[EXPORT_NFILES];
};

/*
 * Compute SPRÅK for half-year p with the documented defaults and render
 * the three files in memory, the XML checked against the schema, as of
 * time now. Release with export_demand_release() whatever the result.
 */
int	export_demand_build(struct store *, const struct monitor_period *,
	    time_t now, struct export_demand *, struct tk_error *);
void	export_demand_release(struct export_demand *);

/*
 * Write len bytes as dir/name: to a temporary file in dir, flushed to
 * disk, renamed over name, and the directory synced, so that name is
 * either the old file or the whole new one. TK_E_IO on failure.
 */
int	export_write_atomic(const char *dir, const char *name,
	    const void *data, size_t len, struct tk_error *);

/* Write the three files of e into dir; each path is printed to out. */
int	export_demand_write(const struct export_demand *, const char *dir,
	    FILE *out, struct tk_error *);

/*
 * Deliver the files of e with o (push.h) and record each one the
 * receiver accepts. A file already recorded for the same period and URL
 * is skipped unless force. One line per file is printed to out:
 * "delivered NAME (HTTP 201, 1 attempt)" or "already delivered NAME on
 * TIME". Stops at the first file that fails (TK_E_TRANSFER).
 */
int	export_demand_push(struct store *, const struct export_demand *,
	    const struct push_opts *, int force, FILE *out, struct tk_error *);

#endif /* TOLKREG_EXPORT_H */
