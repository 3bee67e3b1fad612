#ifndef TOLKREG_RANKING_H
#define TOLKREG_RANKING_H

/*
 * The stored form of a ranking: what a booking keeps of the ranking it
 * was made from (proof of process), in the ranking table's blob.
 *
 * Format 2 (schema 10, written): the candidates in register-number
 * order, each as
 *   varint  its register number less the one before (the first: itself)
 *   byte    50 * f + 5 * (rule + 1) + category - 'A'   (rule -1: eligible)
 *   varints the figures f names: 0 none, 1 travel minutes, 2 booked
 *           minutes, 3 travel and booked minutes, 4 travel, booked
 *           minutes and continuity; a figure not there is 0.
 * A varint is an unsigned number in 7-bit groups, low group first, the
 * high bit set on every byte but the last. The order is not stored: it
 * is the policy's order of the stored figures (match_rank_order()), the
 * order the booking was made in.
 *
 * Format 1 (schema 8, read): 14-byte little-endian records in ranking
 * order: regno (4), booked minutes (4), travel minutes (2), continuity
 * (2), rule + 1 (1, 0 eligible), category (1).
 */

#include <stddef.h>
#include <stdint.h>

#include "tolkreg/error.h"
#include "tolkreg/store.h"

struct match_result;

/*
 * m (its candidates in any order) in format 2, its length
 * in *len; NULL if a figure does not fit (a register number outside
 * 1..2^32-1, a negative figure, a category outside A-E, two candidates
 * with one register number). The caller frees it.
 */
unsigned char	*ranking_pack(const struct match_result *m, size_t *len);

/*
 * Read a format 2 ranking into *m, in ranking order and numbered (names
 * are ""; free m->c); -1, with nothing to free, if it is damaged.
 */
int		 ranking_unpack(const unsigned char *, size_t,
		    struct match_result *m);

/* The same for format 1 records, in their stored order. */
int		 ranking_unpack_v1(const unsigned char *, size_t,
		    struct match_result *m);

/*
 * Store data (len bytes: a format 2 ranking, or format 1 JSON text) as
 * the ranking request was booked from, made now by the store's actor,
 * in place of any stored before. The caller keeps data.
 */
int		 ranking_write(struct store *, int64_t request,
		    const void *data, size_t len, int format,
		    struct tk_error *);

#endif
