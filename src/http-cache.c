/*
 * The cache of public answers of tolkregd: a fixed array of slots per
 * worker thread, searched by a hash of the key, with the least recently
 * used entry evicted when the slots or the byte budget run out. See
 * http-cache.h for the contract and http.c for what goes in.
 */
#include "config.h"

#include <microhttpd.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http-cache.h"
#include "tolkreg/xmalloc.h"

struct hslot {
	uint64_t		 hash;
	char			*key;		/* NULL: the slot is free */
	int64_t			 gen;
	struct MHD_Response	*resp;
	size_t			 bytes;
	uint64_t		 used;		/* LRU clock at the last use */
};

struct hcache {
	struct hslot	*slots;
	size_t		 nslots;
	size_t		 bytes;
	uint64_t	 clock;
};

static atomic_llong	st_entries, st_bytes, st_hits, st_misses;

/* FNV-1a. */
static uint64_t
hash_key(const char *s)
{
	uint64_t	h = 14695981039346656037ULL;

	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return (h);
}

struct hcache *
hcache_new(size_t nslots)
{
	struct hcache	*c;

	c = xcalloc(1, sizeof(*c));
	c->slots = xcalloc(nslots, sizeof(*c->slots));
	c->nslots = nslots;
	return (c);
}

/* Empty slot s. */
static void
drop(struct hcache *c, struct hslot *s)
{
	MHD_destroy_response(s->resp);
	free(s->key);
	c->bytes -= s->bytes;
	atomic_fetch_sub(&st_entries, 1);
	atomic_fetch_sub(&st_bytes, (long long)s->bytes);
	memset(s, 0, sizeof(*s));
}

void
hcache_free(struct hcache *c)
{
	size_t	i;

	if (c == NULL)
		return;
	for (i = 0; i < c->nslots; i++) {
		if (c->slots[i].key != NULL)
			drop(c, &c->slots[i]);
	}
	free(c->slots);
	free(c);
}

/* The slot holding key, or NULL. */
static struct hslot *
find(struct hcache *c, const char *key, uint64_t h)
{
	size_t	i;

	for (i = 0; i < c->nslots; i++) {
		if (c->slots[i].key != NULL && c->slots[i].hash == h &&
		    strcmp(c->slots[i].key, key) == 0)
			return (&c->slots[i]);
	}
	return (NULL);
}

struct MHD_Response *
hcache_get(struct hcache *c, const char *key, int64_t gen)
{
	struct hslot	*s;

	if ((s = find(c, key, hash_key(key))) != NULL) {
		if (s->gen == gen) {
			s->used = ++c->clock;
			atomic_fetch_add(&st_hits, 1);
			return (s->resp);
		}
		drop(c, s);
	}
	atomic_fetch_add(&st_misses, 1);
	return (NULL);
}

/* The least recently used slot in use, or NULL when all are free. */
static struct hslot *
oldest(struct hcache *c)
{
	struct hslot	*o = NULL;
	size_t		 i;

	for (i = 0; i < c->nslots; i++) {
		if (c->slots[i].key != NULL &&
		    (o == NULL || c->slots[i].used < o->used))
			o = &c->slots[i];
	}
	return (o);
}

int
hcache_put(struct hcache *c, const char *key, int64_t gen,
    struct MHD_Response *r, size_t body)
{
	struct hslot	*s, *free_slot;
	uint64_t	 h;
	size_t		 bytes, i;

	if (body > HCACHE_ENTRY_MAX || strlen(key) >= HCACHE_KEY_MAX)
		return (-1);
	bytes = body + strlen(key) + 1 + HCACHE_OVERHEAD;
	h = hash_key(key);
	if ((s = find(c, key, h)) != NULL)
		drop(c, s);
	while (c->bytes + bytes > HCACHE_BYTES && (s = oldest(c)) != NULL)
		drop(c, s);
	free_slot = NULL;
	for (i = 0; i < c->nslots && free_slot == NULL; i++) {
		if (c->slots[i].key == NULL)
			free_slot = &c->slots[i];
	}
	if (free_slot == NULL) {
		free_slot = oldest(c);
		drop(c, free_slot);
	}
	s = free_slot;
	s->hash = h;
	s->key = xstrdup(key);
	s->gen = gen;
	s->resp = r;
	s->bytes = bytes;
	s->used = ++c->clock;
	c->bytes += bytes;
	atomic_fetch_add(&st_entries, 1);
	atomic_fetch_add(&st_bytes, (long long)bytes);
	return (0);
}

void
hcache_stats(struct hcache_stats *out)
{
	out->entries = atomic_load(&st_entries);
	out->bytes = atomic_load(&st_bytes);
	out->hits = atomic_load(&st_hits);
	out->misses = atomic_load(&st_misses);
}
