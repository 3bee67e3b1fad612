#ifndef TOLKREG_MONITOR_H
#define TOLKREG_MONITOR_H

#include <time.h>

/*
 * Tolkemonitor from booking data: SPRÅK (which languages public bodies
 * need interpreters in, and whether the register covers them) per
 * half-year, and LOV (how public bodies follow tolkeloven §§ 4, 6, 7, 8
 * and 9) per year or half-year. Every indicator is defined in
 * tolkreg-monitor(7); the code here computes exactly that.
 */

struct store;
struct table;
struct tk_error;

/* A reporting period: a half-year or a calendar year. */
struct monitor_period {
	int	year;
	int	half;		/* 1 or 2; 0 for the whole year */
	time_t	start;		/* Europe/Oslo midnight, inclusive */
	time_t	end;		/* exclusive */
	char	label[8];	/* "2025H1" or "2025" */
	char	last_day[11];	/* YYYY-MM-DD of the period's last day */
};

/* Fill p for half-year (half 1 or 2) or year (half 0). */
int	monitor_period(int year, int half, struct monitor_period *,
	    struct tk_error *);

/* The half-year n half-years before p (p must be a half-year). */
void	monitor_period_back(const struct monitor_period *, int n,
	    struct monitor_period *);

/* The last complete half-year before now. */
void	monitor_period_previous(time_t now, struct monitor_period *);

/* Documented defaults, overridable. */
#define MONITOR_HOURS_FULL	37.5	/* interpreting hours a week */
#define MONITOR_HOURS_PART	18.75
#define MONITOR_HOURS_OCCASIONAL 7.5
#define MONITOR_WEEKS_HALF	26.0	/* weeks in a half-year */
#define MONITOR_UTILISATION	0.5	/* medium utilisation of capacity */
#define MONITOR_RISING		0.5	/* +50 % on the previous half-year */
#define MONITOR_RISING_MIN	50	/* requests, for RISING */
#define MONITOR_SHORTAGE	0.8	/* coverage below this */

struct sprak_params {
	double	hours_full, hours_part, hours_occasional;
	double	utilisation;
	double	rising;
	int	rising_min;
	double	shortage;
};

/* The documented defaults. */
void	sprak_params_init(struct sprak_params *);

enum monitor_by {
	BY_NONE,
	BY_SECTOR,
	BY_COUNTY,
	BY_PROVIDER,
	BY_BODY
};

/* Parse "sector", "county", "provider" or "body". */
int	monitor_by_parse(const char *, enum monitor_by *);

/*
 * Tolkemonitor SPRÅK for half-year p, one row per language (and group
 * with by = BY_SECTOR or BY_COUNTY), most requested first. Columns:
 * language, language_name, [sector|county,] requests, filled,
 * filled_qualified, filled_a .. filled_e, unfilled, qualified_share,
 * remote_share, demand_hours, interpreters_qualified, interpreters_a ..
 * interpreters_e, capacity_hours, coverage, interpreters_needed,
 * change_prev, change_year, flag.
 */
int	monitor_sprak(struct store *, const struct monitor_period *,
	    enum monitor_by, const struct sprak_params *, struct table *,
	    struct tk_error *);

/*
 * Tolkemonitor LOV for period p, one row per group (one row "all" with
 * BY_NONE). Columns: group, assignments, qualified, qualified_share,
 * exception_not_justifiable_to_wait, exception_emergency,
 * exception_other_strong_reasons, exception_none_qualified, child_used,
 * unfilled, remote_share, bodies_regular, guidelines_full,
 * guidelines_partial, guidelines_none. no_guidelines gets the bodies
 * that use interpreters regularly, have no guidelines, and booked most
 * in the period (orgnr, name, sector, assignments), at most 10.
 */
int	monitor_lov(struct store *, const struct monitor_period *,
	    enum monitor_by, struct table *, struct table *no_guidelines,
	    struct tk_error *);

/*
 * What a SPRÅK or LOV result is computed from and when, for the
 * functions that compute and write it (tkmon.h). The caller owns every
 * pointer.
 */
struct monitor_query {
	const struct monitor_period	*period;
	enum monitor_by			 by;
	const struct sprak_params	*params;	/* SPRÅK only */
	time_t				 generated;	/* when computed */
};

#endif /* TOLKREG_MONITOR_H */
