#ifndef TOLKREG_GEN_H
#define TOLKREG_GEN_H

#include <stdint.h>
#include <time.h>

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

struct gen_params {
	uint64_t	 seed;
	int		 interpreters;
	int		 bodies;
	int		 languages;	/* at most gen_max_languages() */
	long		 assignments;	/* over the whole span */
	int		 years;		/* history before until */
	int		 future_days;	/* open bookings after until */
	time_t		 until;
	/* Called now and then; may be NULL. */
	void		(*progress)(void *, const char *phase, long done,
			    long total);
	void		*arg;
};

/* Defaults: about national scale scaled down for a demo. */
void	gen_params_init(struct gen_params *);

/* The number of languages the generator knows. */
int	gen_max_languages(void);

/* Generate into an initialised, empty store. */
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
