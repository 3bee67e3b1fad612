/*
 * The matching core's cache (src/match-cache.c), private to the library.
 */
#ifndef TOLKREG_MATCH_CACHE_H
#define TOLKREG_MATCH_CACHE_H

#include <stddef.h>
#include <stdint.h>

#include "tolkreg/error.h"
#include "tolkreg/interpreter.h"
#include "tolkreg/store.h"
#include "tolkreg/validate.h"

/*
 * The match cache, one per store (so per connection and thread), handed
 * to the store with store_set_match_cache() and freed by store_close().
 * It keeps what a match reads about candidates so that a long-lived
 * process does not read again what has not changed, and every answer is
 * still the one a fresh read of the match's snapshot would give:
 *
 *  - per language, the candidates' register data (category, listing,
 *    gender, modalities, home point), valid while the register
 *    generation (schema 6) read in the snapshot is the one they were
 *    read under, and with them the one-way travel minutes from each
 *    home point to each site of on-site work asked for, worked out
 *    once (a point or site is its municipality and the coordinates it
 *    was read with);
 *  - per interpreter, read on first need (a whole language at once when
 *    half of it is needed): their booked and completed bookings from
 *    some time on (what the request needs less MC_SLACK), by busy_from,
 *    and all their declared unavailability. The overlap and fairness
 *    rules are then worked out in memory, by binary search (match.c).
 *
 * Every change to bookings or unavailability appends the interpreters
 * it touches to match_log (schema 8) in its own transaction; each match
 * reads the rows after the last it saw and forgets those interpreters.
 * A reader that fell behind the pruned log forgets everything. What was
 * read inside a transaction the caller opened is noted: if it rolls
 * back (and its rows' numbers will be used again), that is forgotten
 * and the reader goes back to the log position it started from.
 */

/* History read beyond what a request needs, so that nearby ones hit. */
#define MC_SLACK	(30 * 86400)

/* A booked or completed booking: what the rules on time look at. */
struct mc_bk {
	int64_t		 from;		/* busy_from */
	int64_t		 to;		/* busy_to */
	int64_t		 start;
	int32_t		 minutes;	/* 1 to 1440 (CHECK) */
};

struct mc_interp {
	int64_t		 regno;
	int		 loaded;
	int		 journaled;	/* in the journal */
	int64_t		 lo;		/* bookings with busy_from >= lo held */
	size_t		 nb;		/* bookings, by busy_from */
	struct mc_bk	*b;
	size_t		 nu;		/* unavailability: start, end pairs */
	int64_t		*u;
};

/*
 * A home point: a municipality's, with the coordinates candidates were
 * read with (a point read again with others is another point; the
 * cache's ptlast finds the latest point of each municipality).
 */
struct mc_point {
	double		 lat, lon;
};

/*
 * A site of on-site work, with the one-way travel minutes to it from
 * each point, worked out when first needed (-1 until then).
 */
struct mc_site {
	int		 code;
	double		 lat, lon;
	int32_t		*min;		/* by point */
	size_t		 n;
};

struct mc_cand {
	int64_t			 regno;
	struct mc_interp	*ip;
	size_t			 name;		/* offset into the pool */
	uint32_t		 pt;		/* home point */
	unsigned int		 modalities;
	enum listing		 status;
	char			 until[DATE_BUFLEN];
	char			 category;
	char			 gender;
};

struct mc_lang {
	char		 code[8];
	struct mc_cand	*c;		/* by regno */
	size_t		 n;
	char		*names;
	size_t		 nnames;	/* bytes used in names */
};

struct match_cache {
	uint64_t		  rollbacks;	/* store_rollbacks() seen */
	int64_t			  gen;		/* of the lists; -1: none */
	int			  synced;	/* seq is valid */
	int64_t			  seq;		/* newest log row seen; 0 */
	struct mc_lang		 *lang;
	size_t			  nlang;
	/* Home points and sites, dropped with the lists. */
	struct mc_point		 *pt;
	size_t			  npt;
	uint32_t		 *ptlast;	/* by code: 1 + latest point */
	struct mc_site		 *site;
	size_t			  nsite;
	struct mc_interp	**tab;		/* open addressing by regno */
	size_t			  tabsize;
	size_t			  ntab;
	/*
	 * What was read inside a transaction the caller opened, which may
	 * hold its own uncommitted writes: forgotten if it rolls back.
	 */
	uint64_t		  commits;	/* store_commits() seen */
	int			  jactive;
	int			  jsynced;
	size_t			  jnlang;	/* lists held before it */
	int64_t			  jseq, jgen;
	struct mc_interp	**jip;
	size_t			  njip, capjip;
};

/* The store's cache, made on first use. */
struct match_cache *mc_get(struct store *);

/*
 * Bring the cache up to the open snapshot: forget what a rollback, a
 * new register generation or the log says may have changed. txn: the
 * snapshot is a transaction the caller opened (and may have written in).
 */
int		 mc_sync(struct store *, struct match_cache *, int txn,
		    struct tk_error *);

/* The cached candidates of lang, read in this snapshot if need be. */
struct mc_lang	*mc_lang(struct store *, struct match_cache *,
		    const char *lang, struct tk_error *);

/*
 * Hold ip's bookings from busy_from lo on, read in this snapshot: all of
 * them on first need, then only the older ones a request reaches back
 * to, in front of those held. Declared unavailability is read whole.
 */
int		 mc_load(struct store *, struct match_cache *,
		    struct mc_interp *, int64_t lo, struct tk_error *);

/*
 * Read the time of every candidate of l not yet held, from busy_from lo
 * on, in two queries over the language rather than two per candidate.
 */
int		 mc_load_lang(struct store *, struct match_cache *,
		    const struct mc_lang *, int64_t lo, struct tk_error *);

/*
 * The site of on-site work in municipality code at lat, lon, in the
 * cache; its travel minutes from each point are worked out once.
 */
struct mc_site	*mc_site(struct match_cache *, const char *code,
		    double lat, double lon);

/* One-way travel minutes from point pt to site s (geo_travel_minutes()). */
int		 mc_travel(struct match_cache *, struct mc_site *,
		    uint32_t pt);

/* The first of ip's bookings with busy_from >= t. */
static inline size_t
mc_first(const struct mc_interp *ip, int64_t t)
{
	size_t	lo = 0, hi = ip->nb, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (ip->b[mid].from < t)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (lo);
}

/* Compare two int64_t: regno first in a struct makes it a regno order. */
static inline int
int64_cmp(const void *va, const void *vb)
{
	int64_t	a = *(const int64_t *)va, b = *(const int64_t *)vb;

	return ((a > b) - (a < b));
}

#endif /* TOLKREG_MATCH_CACHE_H */
