/*
 * The charts of the Tolkemonitor HTML pages (tkmon-svg.c): each one an
 * inline <svg> written into the open element of x, for at most the 15
 * rows most requested or with most assignments (20 flagged languages),
 * or a one-line chart saying there is nothing to draw.
 */
#ifndef TOLKREG_TKMON_SVG_H
#define TOLKREG_TKMON_SVG_H

#include <stddef.h>

struct monitor_period;
struct monitor_query;
struct table;
struct tkmon_srow;
struct xw;

/* SPRÅK for period p from its n rows v (tkmon_srows_load()). */
void	tkmon_svg_demand(struct xw *x, const struct tkmon_srow *v, size_t n,
	    const struct monitor_period *p);
void	tkmon_svg_qualified(struct xw *x, const struct tkmon_srow *v,
	    size_t n, const struct monitor_period *p);
void	tkmon_svg_change(struct xw *x, const struct tkmon_srow *v, size_t n,
	    const struct monitor_period *p);
void	tkmon_svg_flagged(struct xw *x, const struct tkmon_srow *v, size_t n,
	    const struct monitor_query *);

/* LOV from its table of groups t. */
void	tkmon_svg_lov_qualified(struct xw *x, const struct monitor_query *,
	    const struct table *t);
void	tkmon_svg_lov_guidelines(struct xw *x, const struct monitor_query *,
	    const struct table *t);

#endif /* TOLKREG_TKMON_SVG_H */
