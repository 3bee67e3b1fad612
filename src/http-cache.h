#ifndef TOLKREG_HTTP_CACHE_H
#define TOLKREG_HTTP_CACHE_H

#include <stddef.h>
#include <stdint.h>

/*
 * tolkregd's cache of public answers (tolkregd(8), CACHE): one per
 * worker thread, so that it takes no lock. An entry is a finished
 * libmicrohttpd response, kept with one reference of its own: a
 * response still being sent on a connection outlives its eviction.
 * An entry answers for its key (which the caller makes of the canonical
 * query and today's date) at one generation of the register only.
 *
 * Bounded twice: at most the number of slots given to hcache_new(), and
 * at most HCACHE_BYTES of answers (counted as body, key and
 * HCACHE_OVERHEAD each); the least recently used entry makes room. An
 * answer larger than HCACHE_ENTRY_MAX is not kept. A lookup compares
 * the hashes of every slot, which is why tolkregd allows at most 4096.
 */

struct MHD_Response;
struct hcache;

#define HCACHE_KEY_MAX		256
#define HCACHE_BYTES		(16 * 1024 * 1024)
#define HCACHE_ENTRY_MAX	(1024 * 1024)
#define HCACHE_OVERHEAD		512

/* Counters summed over every thread's cache. */
struct hcache_stats {
	long long	entries;
	long long	bytes;
	long long	hits;
	long long	misses;
};

/* A cache of nslots entries (1 or more). */
struct hcache	*hcache_new(size_t nslots);

/* Drop every entry and free the cache; NULL is a no-op. */
void		 hcache_free(struct hcache *);

/*
 * The response kept for key at generation gen, or NULL. Borrowed: queue
 * it before the next call on this cache. An entry of key at another
 * generation is dropped.
 */
struct MHD_Response	*hcache_get(struct hcache *, const char *key,
			    int64_t gen);

/*
 * Keep r for key at generation gen, taking over the caller's reference
 * to r; body is the length of its body. Returns 0 when kept, -1 when not
 * (too large; the caller keeps its reference).
 */
int		 hcache_put(struct hcache *, const char *key, int64_t gen,
		    struct MHD_Response *r, size_t body);

/* The counters of all caches. */
void		 hcache_stats(struct hcache_stats *);

#endif /* TOLKREG_HTTP_CACHE_H */
