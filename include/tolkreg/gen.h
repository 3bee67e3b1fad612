#ifndef TOLKREG_GEN_H
#define TOLKREG_GEN_H

#include <stdint.h>
#include <time.h>

#include "tolkreg/progress.h"

/*
 * A synthetic register that looks like Norway's: interpreters in about
 * a hundred languages with the skew Tolkemonitor reports, the category,
 * gender and geographic mix of the real register, public bodies across
 * sectors with the § 9 guideline mix, and assignments over a span of
 * years at a given volume, booked without double-booking anyone. The
 * same seed gives the same database. Used by the demo, tools/gen and
 * the benchmarks; rows are written straight into the store, in the
 * caller's transaction, bypassing per-row validation (every value is
 * valid by construction) but never the derivation of categories.
 */

struct store;
struct tk_error;

/*
 * The largest register the generator makes: its synthetic personal and
 * organisation numbers are distinct up to these counts.
 */
#define GEN_MAX_INTERPRETERS	1000000
#define GEN_MAX_BODIES		1000000
#define GEN_MAX_YEARS		50
#define GEN_MAX_FUTURE_DAYS	3650

struct gen_params {
	uint64_t	 seed;
	int		 interpreters;
	int		 bodies;
	int		 languages;	/* at most gen_max_languages() */
	long		 assignments;	/* exactly, over the whole span */
	int		 years;		/* history before until */
	int		 future_days;	/* open bookings after until */
	time_t		 until;
	/*
	 * Called now and then with "interpreters", "bodies" and
	 * "assignments", and once at the end of each; may be NULL.
	 */
	progress_fn	 progress;
	void		*arg;
};

/* Defaults: about national scale scaled down for a demo. */
void	gen_params_init(struct gen_params *);

/* The number of languages the generator knows. */
int	gen_max_languages(void);

/*
 * Check p before anything is written: each count within its range
 * (languages at most gen_max_languages()). Returns 0, or -1 with err
 * (TK_E_USAGE) naming the parameter and its range.
 */
int	gen_params_check(const struct gen_params *, struct tk_error *);

/*
 * Generate into an initialised, empty store: exactly p->interpreters
 * interpreters, p->bodies bodies and p->assignments assignments, those
 * starting after p->until (within p->future_days) open or booked, the
 * others closed. Checks p first (gen_params_check()).
 */
int	gen_register(struct store *, const struct gen_params *,
	    struct tk_error *);

/* A small deterministic PRNG (splitmix64), exposed for tools. */
struct gen_rng {
	uint64_t	s;
};
void		gen_rng_init(struct gen_rng *, uint64_t seed);
uint64_t	gen_rng_next(struct gen_rng *);
/* Uniform in [0, n). */
uint64_t	gen_rng_below(struct gen_rng *, uint64_t n);

#endif /* TOLKREG_GEN_H */
