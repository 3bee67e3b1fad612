/*
 * The stored form of a ranking, the proof of process kept with every
 * booking (ranking.h): format 2 (schema 10) written and read, format 1
 * (schema 8) read.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "audit.h"
#include "ranking.h"
#include "tolkreg/geo.h"
#include "tolkreg/match.h"
#include "tolkreg/store.h"
#include "tolkreg/xmalloc.h"

/* Bytes of one candidate in a ranking stored in format 1 (schema 8). */
#define RANK_REC	14

static uint64_t
get_le(const unsigned char *p, int n)
{
	uint64_t	v = 0;
	int		i;

	for (i = n - 1; i >= 0; i--)
		v = v << 8 | p[i];
	return (v);
}

/*
 * The figures each f of format 2 names, as bits: travel minutes (1),
 * booked minutes (2), continuity (4).
 */
static const unsigned char	figures[5] = { 0, 1, 2, 3, 7 };

/* The most bytes one candidate takes in format 2. */
#define RANK2_MAXREC	(10 + 1 + 3 * 10)

static unsigned char *
put_varint(unsigned char *p, uint64_t v)
{
	while (v >= 0x80) {
		*p++ = (unsigned char)(v | 0x80);
		v >>= 7;
	}
	*p++ = (unsigned char)v;
	return (p);
}

/* A varint at *pp before end; -1 if it runs past end or is too long. */
static int
get_varint(const unsigned char **pp, const unsigned char *end, uint64_t *v)
{
	const unsigned char	*p = *pp;
	unsigned int		 shift;

	*v = 0;
	for (shift = 0; p < end && shift < 64; shift += 7) {
		*v |= (uint64_t)(*p & 0x7f) << shift;
		if ((*p++ & 0x80) == 0) {
			*pp = p;
			return (0);
		}
	}
	return (-1);
}

/* Compare two uint64_t. */
static int
u64_cmp(const void *va, const void *vb)
{
	uint64_t	a = *(const uint64_t *)va, b = *(const uint64_t *)vb;

	return ((a > b) - (a < b));
}

unsigned char *
ranking_pack(const struct match_result *m, size_t *len)
{
	const struct candidate	*c;
	unsigned char		*b, *p;
	uint64_t		*a, fig[3];
	int64_t			 prev = 0;
	size_t			 i;
	int			 f, k, sorted = 1;

	a = xreallocarray(NULL, m->n > 0 ? m->n : 1, sizeof(*a));
	for (i = 0; i < m->n; i++) {
		c = &m->c[i];
		if (c->regno <= 0 || c->regno > (int64_t)UINT32_MAX ||
		    c->category < 'A' || c->category > 'E' ||
		    c->travel_minutes < 0 || c->booked_minutes < 0 ||
		    c->continuity < 0 || m->n > UINT32_MAX) {
			free(a);
			return (NULL);
		}
		a[i] = (uint64_t)c->regno << 32 | i;
		if (i > 0 && a[i] < a[i - 1])
			sorted = 0;
	}
	/* A booking's candidates come in register number order. */
	if (!sorted)
		qsort(a, m->n, sizeof(*a), u64_cmp);
	p = b = xreallocarray(NULL, m->n > 0 ? m->n : 1, RANK2_MAXREC);
	for (i = 0; i < m->n; i++) {
		c = &m->c[a[i] & UINT32_MAX];
		if (i > 0 && c->regno == prev) {
			free(a);
			free(b);
			return (NULL);
		}
		fig[0] = (uint64_t)c->travel_minutes;
		fig[1] = (uint64_t)c->booked_minutes;
		fig[2] = (uint64_t)c->continuity;
		f = fig[2] != 0 ? 4 : (fig[0] != 0) | (fig[1] != 0) << 1;
		p = put_varint(p, (uint64_t)(c->regno - prev));
		prev = c->regno;
		*p++ = (unsigned char)(50 * f + 5 * (c->rule + 1) +
		    (c->category - 'A'));
		for (k = 0; k < 3; k++) {
			if (figures[f] & 1 << k)
				p = put_varint(p, fig[k]);
		}
	}
	free(a);
	*len = (size_t)(p - b);
	return (b);
}

int
ranking_unpack(const unsigned char *p, size_t len, struct match_result *m)
{
	const unsigned char	*end = p + len;
	struct candidate	*c;
	uint64_t		 v, fig[3];
	int64_t			 regno = 0;
	size_t			 cap = 0;
	int			 f, k, code;

	memset(m, 0, sizeof(*m));
	while (p < end) {
		if (m->n == cap) {
			cap = cap == 0 ? 64 : 2 * cap;
			m->c = xreallocarray(m->c, cap, sizeof(*m->c));
		}
		c = &m->c[m->n];
		memset(c, 0, sizeof(*c));
		c->name = "";
		if (get_varint(&p, end, &v) == -1 || (m->n > 0 && v == 0) ||
		    v > (uint64_t)UINT32_MAX - (uint64_t)regno || p == end ||
		    (code = *p++) >= 250)
			goto bad;
		c->regno = regno += (int64_t)v;
		f = code / 50;
		c->rule = (enum match_rule)(code % 50 / 5 - 1);
		c->category = (char)('A' + code % 5);
		fig[0] = fig[1] = fig[2] = 0;
		for (k = 0; k < 3; k++) {
			if ((figures[f] & 1 << k) && (get_varint(&p, end,
			    &fig[k]) == -1 || fig[k] > INT32_MAX))
				goto bad;
		}
		c->travel_minutes = (int)fig[0];
		c->booked_minutes = (int)fig[1];
		c->continuity = (int)fig[2];
		c->travel_band = geo_travel_band(c->travel_minutes);
		if (c->rule != RULE_NONE)
			m->nrule[c->rule]++;
		m->n++;
	}
	match_rank_order(m);
	return (0);
bad:
	free(m->c);
	memset(m, 0, sizeof(*m));
	return (-1);
}

int
ranking_unpack_v1(const unsigned char *p, size_t len, struct match_result *m)
{
	struct candidate	*c;
	size_t			 i;

	memset(m, 0, sizeof(*m));
	if (len % RANK_REC != 0)
		return (-1);
	m->n = len / RANK_REC;
	m->c = xreallocarray(NULL, m->n > 0 ? m->n : 1, sizeof(*m->c));
	for (i = 0; i < m->n; i++, p += RANK_REC) {
		c = &m->c[i];
		memset(c, 0, sizeof(*c));
		c->name = "";
		c->regno = (int64_t)get_le(p, 4);
		c->booked_minutes = (int)get_le(p + 4, 4);
		c->travel_minutes = (int)get_le(p + 8, 2);
		c->continuity = (int)get_le(p + 10, 2);
		c->travel_band = geo_travel_band(c->travel_minutes);
		c->rule = p[12] >= 1 && p[12] <= RULE_NRULES ?
		    (enum match_rule)(p[12] - 1) : RULE_NONE;
		c->category = (char)p[13];
		if (c->rule == RULE_NONE)
			c->rank = (int)++m->neligible;
		else
			m->nrule[c->rule]++;
	}
	return (0);
}

int
ranking_write(struct store *st, int64_t request, const void *data,
    size_t len, int format, struct tk_error *err)
{
	static const char	 sql[] = "INSERT OR REPLACE INTO ranking"
	    " (request, made, actor, ranking, format)"
	    " VALUES (?1, ?2, ?3, ?4, ?5)";
	sqlite3_stmt		*s;
	char			 made[21];

	if ((s = store_stmt(st, sql, err)) == NULL)
		return (-1);
	audit_now(made);
	sqlite3_bind_int64(s, 1, request);
	sqlite3_bind_text(s, 2, made, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 3, store_actor(st), -1, SQLITE_TRANSIENT);
	if (format == 2)
		sqlite3_bind_blob(s, 4, data, (int)len, SQLITE_STATIC);
	else
		sqlite3_bind_text(s, 4, data, (int)len, SQLITE_STATIC);
	sqlite3_bind_int(s, 5, format);
	if (store_step_done(st, s, err) == -1) {
		sqlite3_clear_bindings(s);
		return (-1);
	}
	sqlite3_clear_bindings(s);
	return (0);
}
