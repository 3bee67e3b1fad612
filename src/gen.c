/*
 * The synthetic register generator (see gen.h). The mixes follow
 * ../shared/domain.md: the language shares of Tolkemonitor SPRÅK H1 2024
 * (Ukrainian, Arabic and Russian about a fifth each, then Polish,
 * Tigrinya, Somali, Norwegian Sign Language, and a long tail), a
 * qualified share of about 70 % that is lower in the languages short of
 * interpreters, modalities of about 69 % phone, 30 % on site and 1 %
 * video, § 9 guidelines of 15/52/33 % full/partial/none, and the
 * register's category mix. Languages at the end of the table have
 * demand and no interpreters, as 44 languages had in H1 2024.
 */
#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tolkreg/category.h"
#include "tolkreg/error.h"
#include "tolkreg/gen.h"
#include "tolkreg/monitor.h"
#include "tolkreg/store.h"
#include "tolkreg/validate.h"
#include "tolkreg/xmalloc.h"

/* Languages: demand weight (per mille of assignments), supply factor. */
static const struct gen_lang {
	const char	*code;
	int		 demand;	/* relative share of assignments */
	int		 supply;	/* percent of demand-proportional supply */
} langs[] = {
	{ "ukr", 190, 45 }, { "ara", 185, 70 }, { "rus", 185, 90 },
	{ "pol", 70, 110 }, { "tir", 40, 40 }, { "som", 30, 100 },
	{ "nsl", 25, 120 }, { "prs", 20, 90 }, { "fas", 15, 100 },
	{ "pus", 15, 60 }, { "ckb", 12, 90 }, { "lit", 12, 110 },
	{ "tha", 10, 100 }, { "vie", 10, 100 }, { "ron", 10, 90 },
	{ "kmr", 8, 80 }, { "spa", 8, 130 }, { "amh", 8, 80 },
	{ "fra", 6, 130 }, { "tur", 6, 110 }, { "eng", 5, 150 },
	{ "kin", 5, 40 }, { "run", 4, 40 }, { "swa", 5, 50 },
	{ "ben", 4, 50 }, { "bos", 5, 120 }, { "sqi", 5, 100 },
	{ "urd", 5, 100 }, { "orm", 4, 70 }, { "cmn", 4, 120 },
	{ "hrv", 3, 120 }, { "srp", 3, 120 }, { "pan", 3, 100 },
	{ "tam", 3, 100 }, { "hin", 2, 110 }, { "yue", 2, 100 },
	{ "por", 2, 130 }, { "deu", 2, 150 }, { "est", 2, 100 },
	{ "lav", 2, 100 }, { "hun", 2, 110 }, { "slk", 2, 110 },
	{ "ces", 2, 110 }, { "bul", 2, 110 }, { "ell", 1, 120 },
	{ "heb", 1, 120 }, { "uzb", 1, 80 }, { "tgk", 1, 80 },
	{ "rmy", 1, 60 }, { "tgl", 2, 100 }, { "ind", 1, 100 },
	{ "msa", 1, 100 }, { "mya", 1, 60 }, { "khm", 1, 60 },
	{ "lao", 1, 60 }, { "nep", 1, 80 }, { "sin", 1, 80 },
	{ "kat", 1, 80 }, { "hye", 1, 80 }, { "aze", 1, 80 },
	{ "lin", 1, 70 }, { "wol", 1, 60 }, { "ful", 1, 60 },
	{ "hau", 1, 60 }, { "yor", 1, 80 }, { "ibo", 1, 80 },
	{ "twi", 1, 60 }, { "ewe", 1, 60 }, { "kon", 1, 60 },
	{ "lug", 1, 60 }, { "nyn", 1, 60 }, { "sna", 1, 70 },
	{ "zul", 1, 70 }, { "afr", 1, 100 }, { "mlg", 1, 60 },
	{ "nld", 1, 150 }, { "ita", 1, 150 }, { "dan", 1, 150 },
	{ "swe", 1, 150 }, { "fin", 1, 150 }, { "isl", 1, 150 },
	{ "che", 1, 60 }, { "ava", 1, 50 }, { "kaz", 1, 60 },
	{ "kir", 1, 60 }, { "tuk", 1, 60 }, { "mon", 1, 70 },
	{ "bod", 1, 50 }, { "bel", 1, 90 }, { "mkd", 1, 90 },
	{ "slv", 1, 90 }, { "xho", 1, 50 },
	/* Demand, no interpreters. */
	{ "uig", 1, 0 }, { "rhg", 1, 0 }, { "ksw", 1, 0 },
	{ "nus", 1, 0 }, { "mfz", 1, 0 }, { "aii", 1, 0 },
};

#define NLANGS	((int)(sizeof(langs) / sizeof(langs[0])))

/* Where interpreters live and bodies sit: the big municipalities first. */
static const struct {
	const char	*knr;
	int		 weight;
} places[] = {
	{ "0301", 260 }, { "4601", 70 }, { "5001", 60 }, { "1103", 45 },
	{ "3201", 35 }, { "4204", 30 }, { "3301", 30 }, { "3107", 25 },
	{ "5501", 20 }, { "1108", 20 }, { "3203", 20 }, { "3205", 25 },
	{ "1506", 8 }, { "3907", 10 }, { "4003", 12 },
};
#define NPLACES		((int)(sizeof(places) / sizeof(places[0])))
#define PLACE_REST	280	/* weight of all other municipalities */

static const char *const given_f[] = {
	"Amina", "Olena", "Fatima", "Irina", "Agnieszka", "Selam", "Hodan",
	"Ingrid", "Maryam", "Thi", "Rasa", "Layla", "Natalia", "Zahra",
	"Kari", "Sara", "Leila", "Anna",
};
static const char *const given_m[] = {
	"Ahmed", "Dmytro", "Mohammed", "Sergei", "Piotr", "Yonas", "Abdi",
	"Ola", "Ali", "Minh", "Tomas", "Omar", "Andrii", "Hassan", "Jonas",
	"Yusuf", "Ivan", "Daniel",
};
static const char *const family[] = {
	"Hassan", "Ali", "Kovalenko", "Shevchenko", "Ivanova", "Petrov",
	"Nowak", "Kowalski", "Tesfay", "Gebremedhin", "Mohamed", "Warsame",
	"Hansen", "Johansen", "Olsen", "Ahmadi", "Rahimi", "Tran", "Nguyen",
	"Kazlauskas", "Haddad", "Khalil", "Bondarenko", "Melnyk", "Yilmaz",
	"Popescu", "Garcia", "Berhane", "Larsen", "Karimi", "Abdullahi",
};

static const struct {
	const char	*sector;
	const char	*prefix;
	int		 weight;
} sectors[] = {
	{ "health", "Helsetjenesten", 35 }, { "welfare", "NAV", 20 },
	{ "child-welfare", "Barnevernstjenesten", 12 },
	{ "municipal", "Kommunale tjenester", 10 },
	{ "police", "Politiet", 7 }, { "education", "Skoletjenesten", 6 },
	{ "courts", "Tingretten", 4 }, { "immigration", "Mottak", 4 },
	{ "other", "Offentlig kontor", 2 },
};
#define NSECTORS	((int)(sizeof(sectors) / sizeof(sectors[0])))

static const char *const exceptions[] = {
	"not-justifiable-to-wait", "emergency", "other-strong-reasons",
	"none-qualified",
};

/* Seed the generator. */
void
gen_rng_init(struct gen_rng *r, uint64_t seed)
{
	r->s = seed ^ 0x6a09e667f3bcc909ULL;
}

/* The next 64 random bits (splitmix64). */
uint64_t
gen_rng_next(struct gen_rng *r)
{
	uint64_t	z;

	z = (r->s += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return (z ^ (z >> 31));
}

/* Uniform in [0, n). */
uint64_t
gen_rng_below(struct gen_rng *r, uint64_t n)
{
	return (n == 0 ? 0 : gen_rng_next(r) % n);
}

/* Percent chance. */
static int
chance(struct gen_rng *r, int percent)
{
	return ((int)gen_rng_below(r, 100) < percent);
}

/* The number of languages the generator knows. */
int
gen_max_languages(void)
{
	return (NLANGS);
}

/* Defaults. */
void
gen_params_init(struct gen_params *p)
{
	memset(p, 0, sizeof(*p));
	p->seed = 1;
	p->interpreters = 2000;
	p->bodies = 300;
	p->languages = 70;
	p->assignments = 60000;
	p->years = 2;
	p->future_days = 30;
	p->until = time(NULL);
}

/* Cumulative weights for weighted picks. */
struct pick {
	long	*cum;
	int	 n;
};

static void
pick_init(struct pick *p, int n)
{
	p->cum = xcalloc((size_t)n, sizeof(*p->cum));
	p->n = n;
}

static void
pick_set(struct pick *p, int i, long w)
{
	p->cum[i] = (i > 0 ? p->cum[i - 1] : 0) + w;
}

/* An index drawn with probability proportional to its weight. */
static int
pick_draw(const struct pick *p, struct gen_rng *r)
{
	long	x;
	int	lo = 0, hi = p->n - 1, mid;

	if (p->n == 0 || p->cum[p->n - 1] == 0)
		return (0);
	x = (long)gen_rng_below(r, (uint64_t)p->cum[p->n - 1]);
	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (p->cum[mid] > x)
			hi = mid;
		else
			lo = mid + 1;
	}
	return (lo);
}

/*
 * A valid fødselsnummer for interpreter number i, distinct per i: birth
 * dates spread over 1955-1999 (15 120 of them), and for the n-th
 * interpreter on a date the n-th valid individual number of 000-499.
 * Every date has at least 411, far more than GEN_MAX_INTERPRETERS needs.
 */
static void
make_fnr(int i, char out[PNR_LEN + 1])
{
	static const int	w1[] = { 3, 7, 6, 1, 8, 9, 4, 5, 2 };
	static const int	w2[] = { 5, 4, 3, 2, 7, 6, 5, 4, 3, 2 };
	int			ind, s, k, j, day, month, year, skip;

	day = i % 28 + 1;
	month = (i / 28) % 12 + 1;
	year = 55 + (i / 336) % 45;
	skip = i / 15120;
	for (ind = 0;; ind = (ind + 1) % 500) {
		snprintf(out, PNR_LEN + 1, "%02u%02u%02u%03u", (unsigned)day,
		    (unsigned)month, (unsigned)year, (unsigned)ind);
		for (s = 0, j = 0; j < 9; j++)
			s += (out[j] - '0') * w1[j];
		if ((k = (11 - s % 11) % 11) == 10)
			continue;
		out[9] = (char)('0' + k);
		for (s = 0, j = 0; j < 10; j++)
			s += (out[j] - '0') * w2[j];
		if ((k = (11 - s % 11) % 11) == 10)
			continue;
		out[10] = (char)('0' + k);
		out[11] = '\0';
		if (skip-- == 0)
			return;
	}
}

/*
 * A valid organisation number for body i: the first valid one from
 * 7 * i, distinct per i below GEN_MAX_BODIES (the next valid number is
 * never more than two away).
 */
static void
make_orgnr(int i, char out[10])
{
	static const int	w[] = { 3, 2, 7, 6, 5, 4, 3, 2 };
	int			n, s, k, j;

	for (n = i * 7;; n++) {
		snprintf(out, 10, "9%07u", (unsigned)(n % 10000000));
		for (s = 0, j = 0; j < 8; j++)
			s += (out[j] - '0') * w[j];
		if ((k = (11 - s % 11) % 11) == 10)
			continue;
		out[8] = (char)('0' + k);
		out[9] = '\0';
		return;
	}
}

/* Run one cached statement that returns no rows. */
static int
exec_stmt(struct store *st, sqlite3_stmt *s, struct tk_error *err)
{
	return (store_step_done(st, s, err));
}

/* State shared by the phases. */
struct gen {
	struct store		*st;
	const struct gen_params	*p;
	struct gen_rng		 rng;
	char			**knr;		/* all municipalities */
	int			 nknr;
	struct pick		 place;		/* over knr[] */
	int			 nlang;
	int			**pool;		/* per language: i * 8 + category */
	int			*npool;
	int			*cappool;
	time_t			*free_at;	/* per interpreter index */
	char			(*body)[10];
	char			(*body_knr)[5];
	struct tk_error		*err;
};

/* Report done of total to the caller's progress_fn now and then. */
static void
report(struct gen *g, const char *what, long done, long total)
{
	if (g->p->progress != NULL && (done % 500 == 0 || done == total))
		g->p->progress(g->p->arg, what, done, total);
}

/* Load every municipality and set the place weights. */
static int
load_places(struct gen *g)
{
	static const char	 sql[] = "SELECT code FROM municipality"
	    " ORDER BY code";
	sqlite3_stmt		*s;
	int			 i, j, w;

	if ((s = store_stmt(g->st, sql, g->err)) == NULL)
		return (-1);
	g->knr = xcalloc(400, sizeof(*g->knr));
	while (sqlite3_step(s) == SQLITE_ROW && g->nknr < 400)
		g->knr[g->nknr++] = xstrdup(store_text(s, 0));
	sqlite3_reset(s);
	if (g->nknr == 0)
		return (tk_fail(g->err, TK_E_UNAVAILABLE, NULL,
		    "no municipalities: run 'tolkreg init' first"));
	pick_init(&g->place, g->nknr);
	for (i = 0; i < g->nknr; i++) {
		w = PLACE_REST * 1000 / g->nknr;
		for (j = 0; j < NPLACES; j++) {
			if (strcmp(places[j].knr, g->knr[i]) == 0)
				w = places[j].weight * 1000;
		}
		pick_set(&g->place, i, w);
	}
	return (0);
}

/* The category letter for a draw from the register's mix. */
static char
draw_category(struct gen_rng *r)
{
	int	x = (int)gen_rng_below(r, 100);

	return (x < 6 ? 'A' : x < 20 ? 'B' : x < 30 ? 'C' : x < 55 ? 'D' :
	    'E');
}

/* Insert one credential. */
static int
add_cred(struct gen *g, int64_t regno, const char *kind, const char *lang,
    const char *date)
{
	static const char	 sql[] = "INSERT INTO credential (regno, kind,"
	    " lang, obtained, ref) VALUES (?1, ?2, ?3, ?4, 'generated')";
	sqlite3_stmt		*s;

	if ((s = store_stmt(g->st, sql, g->err)) == NULL)
		return (-1);
	sqlite3_bind_int64(s, 1, regno);
	sqlite3_bind_text(s, 2, kind, -1, SQLITE_STATIC);
	if (lang != NULL)
		sqlite3_bind_text(s, 3, lang, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, date, -1, SQLITE_TRANSIENT);
	return (exec_stmt(g->st, s, g->err));
}

/* Credentials that give category cat in lang. */
static int
add_category(struct gen *g, int64_t regno, const char *lang, char cat,
    const char *date)
{
	switch (cat) {
	case 'A':
		return (add_cred(g, regno, "authorisation", lang, date) |
		    add_cred(g, regno, "bachelor", lang, date));
	case 'B':
		return (add_cred(g, regno, "bachelor", lang, date));
	case 'C':
		return (add_cred(g, regno, "authorisation", lang, date));
	case 'D':
		return (add_cred(g, regno, "grunnemne", lang, date));
	default:
		return (add_cred(g, regno, "bilingual-test", lang, date));
	}
}

/* Interpreters, their credentials and listing history. */
static int
gen_interpreters(struct gen *g)
{
	static const char	 ins[] = "INSERT INTO interpreter (regno, name,"
	    " pnr, gender, email, phone, municipality, availability,"
	    " modalities, status, created) VALUES (?1, ?2, ?3, ?4, ?5, ?6,"
	    " ?7, ?8, ?9, 'listed', ?10)";
	static const char	 ev[] = "INSERT INTO listing_event (regno,"
	    " status, reason, at, actor) VALUES (?1, 'listed',"
	    " 'added to the register', ?2, 'gen')";
	static const char	*avail[] = { "full", "part", "occasional" };
	const struct gen_params	*p = g->p;
	struct pick		 supply;
	sqlite3_stmt		*s;
	char			 fnr[PNR_LEN + 1], name[96], email[64], phone[16];
	char			 date[DATE_BUFLEN], created[21];
	int			 i, k, nl, lang, mods, year, woman;
	int64_t			 regno;

	pick_init(&supply, g->nlang);
	for (i = 0; i < g->nlang; i++)
		pick_set(&supply, i, (long)(sqrt(langs[i].demand * 1000.0) *
		    langs[i].supply));
	g->pool = xcalloc((size_t)g->nlang, sizeof(*g->pool));
	g->npool = xcalloc((size_t)g->nlang, sizeof(*g->npool));
	g->cappool = xcalloc((size_t)g->nlang, sizeof(*g->cappool));
	g->free_at = xcalloc((size_t)p->interpreters, sizeof(*g->free_at));
	snprintf(created, sizeof(created), "2020-01-01T00:00:00Z");

	for (i = 0; i < p->interpreters; i++) {
		regno = 10001 + i;
		make_fnr(i, fnr);
		woman = chance(&g->rng, 58);
		snprintf(name, sizeof(name), "%s %s", woman ?
		    given_f[gen_rng_below(&g->rng, sizeof(given_f) /
		    sizeof(given_f[0]))] : given_m[gen_rng_below(&g->rng,
		    sizeof(given_m) / sizeof(given_m[0]))],
		    family[gen_rng_below(&g->rng, sizeof(family) /
		    sizeof(family[0]))]);
		snprintf(email, sizeof(email), "tolk%" PRId64 "@example.no",
		    regno);
		snprintf(phone, sizeof(phone), "+479%07u",
		    (unsigned)gen_rng_below(&g->rng, 10000000));
		mods = chance(&g->rng, 70) ? 7 : chance(&g->rng, 50) ? 6 : 5;
		if ((s = store_stmt(g->st, ins, g->err)) == NULL)
			return (-1);
		sqlite3_bind_int64(s, 1, regno);
		sqlite3_bind_text(s, 2, name, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(s, 3, fnr, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(s, 4, woman ? "F" : "M", -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 5, email, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(s, 6, phone, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(s, 7, g->knr[pick_draw(&g->place, &g->rng)],
		    -1, SQLITE_STATIC);
		k = (int)gen_rng_below(&g->rng, 100);
		sqlite3_bind_text(s, 8, avail[k < 25 ? 0 : k < 65 ? 1 : 2], -1,
		    SQLITE_STATIC);
		sqlite3_bind_int(s, 9, mods);
		sqlite3_bind_text(s, 10, created, -1, SQLITE_STATIC);
		if (exec_stmt(g->st, s, g->err) == -1)
			return (-1);
		if ((s = store_stmt(g->st, ev, g->err)) == NULL)
			return (-1);
		sqlite3_bind_int64(s, 1, regno);
		sqlite3_bind_text(s, 2, created, -1, SQLITE_STATIC);
		if (exec_stmt(g->st, s, g->err) == -1)
			return (-1);

		/* One language, one in five two; TAO for category E. */
		year = 2010 + (int)gen_rng_below(&g->rng, 12);
		snprintf(date, sizeof(date), "%04u-%02u-15", (unsigned)year %
		    10000, (unsigned)gen_rng_below(&g->rng, 12) + 1);
		nl = chance(&g->rng, 20) ? 2 : 1;
		for (k = 0; k < nl; k++) {
			char	cat = draw_category(&g->rng);

			lang = pick_draw(&supply, &g->rng);
			if (k == 1 && g->npool[lang] > 0 &&
			    g->pool[lang][g->npool[lang] - 1] / 8 == i)
				continue;	/* same language twice */
			if (add_category(g, regno, langs[lang].code, cat,
			    date) == -1)
				return (-1);
			if (cat == 'E' && add_cred(g, regno, "tao", NULL,
			    date) == -1)
				return (-1);
			if (g->npool[lang] == g->cappool[lang]) {
				g->cappool[lang] = g->cappool[lang] > 0 ?
				    g->cappool[lang] * 2 : 64;
				g->pool[lang] = xreallocarray(g->pool[lang],
				    (size_t)g->cappool[lang],
				    sizeof(**g->pool));
			}
			g->pool[lang][g->npool[lang]++] = i * 8 + (cat - 'A');
		}
		report(g, "interpreters", i + 1, p->interpreters);
	}
	free(supply.cum);
	return (0);
}

/* Public bodies. */
static int
gen_bodies(struct gen *g)
{
	static const char	 sql[] = "INSERT INTO body (orgnr, name,"
	    " sector, municipality, regular, guidelines, created)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, '2020-01-01T00:00:00Z')";
	static const char	 mname[] = "SELECT name FROM municipality"
	    " WHERE code = ?1";
	struct pick		 sect;
	sqlite3_stmt		*s;
	char			 name[200], town[100];
	int			 i, k, sec, x;

	pick_init(&sect, NSECTORS);
	for (i = 0; i < NSECTORS; i++)
		pick_set(&sect, i, sectors[i].weight);
	g->body = xcalloc((size_t)g->p->bodies, sizeof(*g->body));
	g->body_knr = xcalloc((size_t)g->p->bodies, sizeof(*g->body_knr));
	for (i = 0; i < g->p->bodies; i++) {
		make_orgnr(i, g->body[i]);
		k = pick_draw(&g->place, &g->rng);
		snprintf(g->body_knr[i], sizeof(g->body_knr[i]), "%s",
		    g->knr[k]);
		if ((s = store_stmt(g->st, mname, g->err)) == NULL)
			return (-1);
		sqlite3_bind_text(s, 1, g->knr[k], -1, SQLITE_STATIC);
		snprintf(town, sizeof(town), "%s", sqlite3_step(s) ==
		    SQLITE_ROW ? store_text(s, 0) : "");
		sqlite3_reset(s);
		sec = pick_draw(&sect, &g->rng);
		snprintf(name, sizeof(name), "%s %s %d", sectors[sec].prefix,
		    town, i + 1);
		if ((s = store_stmt(g->st, sql, g->err)) == NULL)
			return (-1);
		sqlite3_bind_text(s, 1, g->body[i], -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, name, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(s, 3, sectors[sec].sector, -1,
		    SQLITE_STATIC);
		sqlite3_bind_text(s, 4, g->body_knr[i], -1, SQLITE_STATIC);
		sqlite3_bind_int(s, 5, chance(&g->rng, 80));
		x = (int)gen_rng_below(&g->rng, 100);
		sqlite3_bind_text(s, 6, x < 15 ? "full" : x < 67 ? "partial" :
		    "none", -1, SQLITE_STATIC);
		if (exec_stmt(g->st, s, g->err) == -1)
			return (-1);
		report(g, "bodies", i + 1, g->p->bodies);
	}
	free(sect.cum);
	return (0);
}

/* Assignments over the span, in time order. */
static int
gen_assignments(struct gen *g)
{
	static const char	 sql[] = "INSERT INTO request (body, lang,"
	    " start, minutes, modality, municipality, min_category, case_ref,"
	    " urgent, state, regno, travel_minutes, busy_from, busy_to,"
	    " unregistered, actual_minutes, remote, child_used, exception,"
	    " close_reason, created, category) VALUES (?1, ?2, ?3, ?4, ?5, ?6,"
	    " 'E', ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,"
	    " ?19, ?20, ?21)";
	static const int	 durations[] = { 30, 45, 60, 60, 60, 90, 120 };
	const struct gen_params	*p = g->p;
	struct pick		 demand, later;
	struct monitor_period	 recent;
	sqlite3_stmt		*s;
	time_t			 t0, span, start, from, to;
	long			 i, days;
	int			 lang, b, minutes, onsite, mod, k, who, travel;
	char			 cat[2] = { 0, 0 };
	int			 past, qualified, localmin, tries;
	char			 created[UTC_BUFLEN], caseref[32];

	/*
	 * From the start of the last complete half-year the demand shifts:
	 * the last language in use appears for the first time (NEW in
	 * Tolkemonitor SPRÅK) and Kinyarwanda quadruples (RISING).
	 */
	monitor_period_previous(p->until, &recent);
	pick_init(&demand, g->nlang);
	pick_init(&later, g->nlang);
	for (i = 0; i < g->nlang; i++) {
		pick_set(&demand, (int)i, i == g->nlang - 1 ? 0 :
		    langs[i].demand);
		pick_set(&later, (int)i, i == g->nlang - 1 ? 3 :
		    strcmp(langs[i].code, "kin") == 0 ? 4 * langs[i].demand :
		    langs[i].demand);
	}
	days = (long)p->years * 365 + p->future_days;
	t0 = p->until - (time_t)p->years * 365 * 86400;
	t0 -= t0 % 86400;
	span = (time_t)days * 86400;
	for (i = 0; i < p->assignments; i++) {
		/* Spread over the days, 07:00-16:45 local time. */
		start = t0 + (time_t)((double)i / (double)p->assignments *
		    (double)days) * 86400;
		localmin = 7 * 60 + 15 * (int)gen_rng_below(&g->rng, 40);
		start += (time_t)localmin * 60;
		start -= tk_oslo_offset(start);
		if (start >= t0 + span)
			start = t0 + span - 3600;
		past = start < p->until;
		lang = pick_draw(start < recent.start ? &demand : &later,
		    &g->rng);
		b = (int)gen_rng_below(&g->rng, (uint64_t)p->bodies);
		minutes = durations[gen_rng_below(&g->rng, 7)];
		k = (int)gen_rng_below(&g->rng, 100);
		mod = k < 69 ? 4 : k < 99 ? 1 : 2;
		onsite = mod == 1;
		travel = onsite ? 30 : 0;
		from = start - travel * 60;
		to = start + (minutes + travel) * 60;

		/* Shortage languages are less often served by the register. */
		qualified = langs[lang].supply > 0 && chance(&g->rng,
		    langs[lang].supply >= 80 ? 78 : 45);
		who = -1;
		for (tries = 0; qualified && tries < 4 && g->npool[lang] > 0;
		    tries++) {
			k = g->pool[lang][gen_rng_below(&g->rng,
			    (uint64_t)g->npool[lang])];
			if (g->free_at[k / 8] <= from) {
				who = k / 8;
				cat[0] = (char)('A' + k % 8);
				break;
			}
		}
		if (who >= 0)
			g->free_at[who] = to;

		if ((s = store_stmt(g->st, sql, g->err)) == NULL)
			return (-1);
		sqlite3_bind_text(s, 1, g->body[b], -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, langs[lang].code, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 3, (sqlite3_int64)start);
		sqlite3_bind_int(s, 4, minutes);
		sqlite3_bind_text(s, 5, mod == 4 ? "phone" : mod == 1 ?
		    "onsite" : "video", -1, SQLITE_STATIC);
		if (onsite)
			sqlite3_bind_text(s, 6, g->body_knr[b], -1,
			    SQLITE_STATIC);
		if (chance(&g->rng, 30)) {
			snprintf(caseref, sizeof(caseref), "S-%u",
			    (unsigned)gen_rng_below(&g->rng, 5000));
			sqlite3_bind_text(s, 7, caseref, -1, SQLITE_TRANSIENT);
		}
		sqlite3_bind_int(s, 8, chance(&g->rng, 5));
		tk_time_utc(start - 2 * 86400, created);
		sqlite3_bind_text(s, 20, created, -1, SQLITE_TRANSIENT);
		if (who >= 0) {
			sqlite3_bind_text(s, 9, past ? "completed" : "booked",
			    -1, SQLITE_STATIC);
			sqlite3_bind_int64(s, 10, 10001 + who);
			sqlite3_bind_text(s, 21, cat, -1, SQLITE_TRANSIENT);
			sqlite3_bind_int(s, 11, travel);
			sqlite3_bind_int64(s, 12, (sqlite3_int64)from);
			sqlite3_bind_int64(s, 13, (sqlite3_int64)to);
			sqlite3_bind_int(s, 14, 0);
			if (past) {
				sqlite3_bind_int(s, 15, minutes);
				sqlite3_bind_int(s, 16, !onsite);
				sqlite3_bind_int(s, 17, chance(&g->rng, 1));
			}
		} else if (!past) {
			sqlite3_bind_text(s, 9, "requested", -1, SQLITE_STATIC);
			sqlite3_bind_int(s, 14, 0);
		} else if (chance(&g->rng, 8)) {
			sqlite3_bind_text(s, 9, "cancelled", -1, SQLITE_STATIC);
			sqlite3_bind_int(s, 14, 0);
			sqlite3_bind_text(s, 19, "no longer needed", -1,
			    SQLITE_STATIC);
		} else if (chance(&g->rng, 12)) {
			sqlite3_bind_text(s, 9, "unfilled", -1, SQLITE_STATIC);
			sqlite3_bind_int(s, 14, 0);
			sqlite3_bind_text(s, 19, "no interpreter found", -1,
			    SQLITE_STATIC);
		} else {
			/* Done by someone outside the register (§ 7). */
			sqlite3_bind_text(s, 9, "completed", -1, SQLITE_STATIC);
			sqlite3_bind_int(s, 14, 1);
			sqlite3_bind_int(s, 15, minutes);
			sqlite3_bind_int(s, 16, !onsite);
			sqlite3_bind_int(s, 17, chance(&g->rng, 3));
			sqlite3_bind_text(s, 18, langs[lang].supply == 0 ?
			    "none-qualified" : exceptions[gen_rng_below(
			    &g->rng, 3)], -1, SQLITE_STATIC);
		}
		if (exec_stmt(g->st, s, g->err) == -1)
			return (-1);
		report(g, "assignments", i + 1, p->assignments);
	}
	free(demand.cum);
	free(later.cum);
	return (0);
}

/* Check the parameters before anything is written. */
int
gen_params_check(const struct gen_params *p, struct tk_error *err)
{
	if (p->interpreters < 1 || p->interpreters > GEN_MAX_INTERPRETERS)
		return (tk_fail(err, TK_E_USAGE, "interpreters",
		    "'interpreters' must be from 1 to %d: the generator has"
		    " distinct personal numbers for that many",
		    GEN_MAX_INTERPRETERS));
	if (p->bodies < 1 || p->bodies > GEN_MAX_BODIES)
		return (tk_fail(err, TK_E_USAGE, "bodies", "'bodies' must be"
		    " from 1 to %d: the generator has distinct organisation"
		    " numbers for that many", GEN_MAX_BODIES));
	if (p->languages < 1 || p->languages > NLANGS)
		return (tk_fail(err, TK_E_USAGE, "languages", "'languages'"
		    " must be from 1 to %d: the generator knows %d languages",
		    NLANGS, NLANGS));
	if (p->assignments < 0)
		return (tk_fail(err, TK_E_USAGE, "assignments",
		    "'assignments' must not be negative"));
	if (p->years < 1 || p->years > GEN_MAX_YEARS)
		return (tk_fail(err, TK_E_USAGE, "years", "'years' must be"
		    " from 1 to %d", GEN_MAX_YEARS));
	if (p->future_days < 0 || p->future_days > GEN_MAX_FUTURE_DAYS)
		return (tk_fail(err, TK_E_USAGE, "future-days", "'future-days'"
		    " must be from 0 to %d", GEN_MAX_FUTURE_DAYS));
	return (0);
}

/* Generate into an initialised, empty store. */
int
gen_register(struct store *st, const struct gen_params *p,
    struct tk_error *err)
{
	struct gen	g;
	char		today[DATE_BUFLEN];
	int		i, rc = -1;

	memset(&g, 0, sizeof(g));
	g.st = st;
	g.p = p;
	g.err = err;
	gen_rng_init(&g.rng, p->seed);
	if (gen_params_check(p, err) == -1)
		return (-1);
	g.nlang = p->languages;
	if (load_places(&g) == -1 || gen_interpreters(&g) == -1 ||
	    gen_bodies(&g) == -1)
		goto out;
	tk_today(today);
	if (qualification_refresh_all(st, today, err) == -1 ||
	    gen_assignments(&g) == -1)
		goto out;
	rc = 0;
out:
	for (i = 0; i < g.nknr; i++)
		free(g.knr[i]);
	free(g.knr);
	free(g.place.cum);
	for (i = 0; g.pool != NULL && i < g.nlang; i++)
		free(g.pool[i]);
	free(g.pool);
	free(g.npool);
	free(g.cappool);
	free(g.free_at);
	free(g.body);
	free(g.body_knr);
	return (rc);
}
