/*
 * The register store: opening, migrations, reference data, a cache of
 * prepared statements and transactions. All SQL in tolkreg runs through
 * prepared statements taken from here.
 */
#include "config.h"

#include <csv.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "embedded.h"
#include "tolkreg/error.h"
#include "tolkreg/rules.h"
#include "tolkreg/store.h"
#include "tolkreg/xmalloc.h"

#define STMT_CACHE	128

struct stmt_slot {
	const char	*sql;
	sqlite3_stmt	*stmt;
};

struct store {
	sqlite3			*db;
	char			*actor;
	struct stmt_slot	 cache[STMT_CACHE];
	size_t			 ncache;
	uint64_t		 rollbacks;	/* counted by rollback_hook */
	uint64_t		 commits;	/* counted by commit_hook */
	void			*match_cache;
	void			(*match_cache_free)(void *);
};

/* Count every rollback of the connection, however it happens. */
static void
count_rollback(void *arg)
{
	struct store	*st = arg;

	st->rollbacks++;
}

/* Count every commit of a write transaction. */
static int
count_commit(void *arg)
{
	struct store	*st = arg;

	st->commits++;
	return (0);
}

/* Fill err from the connection's last error. */
int
store_fail(struct store *st, struct tk_error *err)
{
	int	rc;

	rc = sqlite3_errcode(st->db);
	if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
		return (tk_fail(err, TK_E_BUSY, NULL,
		    "database is locked by another writer; try again"));
	return (tk_fail(err, TK_E_STORE, NULL, "database: %s",
	    sqlite3_errmsg(st->db)));
}

/* Run one statement without results and without a cache entry. */
static int
exec1(struct store *st, const char *sql, struct tk_error *err)
{
	char	*msg = NULL;
	int	 rc;

	rc = sqlite3_exec(st->db, sql, NULL, NULL, &msg);
	if (rc != SQLITE_OK) {
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			tk_fail(err, TK_E_BUSY, NULL,
			    "database is locked by another writer; try again");
		else
			tk_fail(err, TK_E_STORE, NULL, "database: %s",
			    msg != NULL ? msg : sqlite3_errstr(rc));
		sqlite3_free(msg);
		return (-1);
	}
	return (0);
}

/* Number of the newest migration built in. */
int
store_schema_latest(void)
{
	int	n;

	for (n = 0; tk_migrations[n].name != NULL; n++)
		;
	return (n);
}

/* Schema version of the open database. */
int
store_schema_version(struct store *st)
{
	sqlite3_stmt	*s;
	int		 v = -1;

	if (sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &s,
	    NULL) != SQLITE_OK)
		return (-1);
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return (v);
}

/* The generation of the register. */
int64_t
store_register_gen(struct store *st, struct tk_error *err)
{
	static const char	 sql[] = "SELECT gen FROM register_gen"
	    " WHERE id = 1";
	sqlite3_stmt		*s;
	int64_t			 gen;

	if ((s = store_stmt(st, sql, err)) == NULL)
		return (-1);
	if (sqlite3_step(s) != SQLITE_ROW) {
		sqlite3_reset(s);
		return (store_fail(st, err));
	}
	gen = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return (gen);
}

/* Apply every migration newer than the database, each in a transaction. */
static int
migrate(struct store *st, struct tk_error *err)
{
	char	 pragma[64];
	int	 have, latest, i;

	latest = store_schema_latest();
	if ((have = store_schema_version(st)) < 0)
		return (store_fail(st, err));
	if (have > latest)
		return (tk_fail(err, TK_E_UNAVAILABLE, NULL,
		    "database schema %d is newer than this program (%d)",
		    have, latest));
	for (i = have; i < latest; i++) {
		if (exec1(st, "BEGIN IMMEDIATE", err) == -1)
			return (-1);
		snprintf(pragma, sizeof(pragma), "PRAGMA user_version = %d",
		    i + 1);
		if (exec1(st, tk_migrations[i].text, err) == -1 ||
		    exec1(st, pragma, err) == -1) {
			exec1(st, "ROLLBACK", NULL);
			return (-1);
		}
		if (exec1(st, "COMMIT", err) == -1) {
			exec1(st, "ROLLBACK", NULL);
			return (-1);
		}
	}
	return (0);
}

/* Open the database at path and bring its schema up to date. */
int
store_open(struct store **out, const char *path, int flags,
    struct tk_error *err)
{
	struct store	*st;
	int		 oflags, rc;

	*out = NULL;
	oflags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
	if (flags & STORE_CREATE)
		oflags |= SQLITE_OPEN_CREATE;
	else if (access(path, F_OK) == -1)
		return (tk_fail(err, TK_E_UNAVAILABLE, "db",
		    "no database at '%s'; run 'tolkreg init' first", path));

	st = xcalloc(1, sizeof(*st));
	st->actor = xstrdup("unknown");
	if ((rc = sqlite3_open_v2(path, &st->db, oflags, NULL)) != SQLITE_OK) {
		tk_fail(err, TK_E_UNAVAILABLE, "db",
		    "cannot open database '%s': %s", path, sqlite3_errstr(rc));
		store_close(st);
		return (-1);
	}
	sqlite3_extended_result_codes(st->db, 0);
	sqlite3_busy_timeout(st->db, STORE_BUSY_MS);
	sqlite3_rollback_hook(st->db, count_rollback, st);
	sqlite3_commit_hook(st->db, count_commit, st);
	/* Never give an uninitialised file a schema behind init's back. */
	if (!(flags & STORE_CREATE) && store_schema_version(st) == 0) {
		tk_fail(err, TK_E_UNAVAILABLE, "db",
		    "database '%s' is not initialised; run 'tolkreg init'",
		    path);
		store_close(st);
		return (-1);
	}
	/*
	 * Statement journals (and temporary b-trees) in memory: a statement
	 * that fires the schema's triggers journals more than SQLite keeps
	 * in memory by default, and as temporary files they cost a write
	 * per page of every such statement.
	 */
	if (exec1(st, "PRAGMA foreign_keys = ON", err) == -1 ||
	    exec1(st, "PRAGMA journal_mode = WAL", err) == -1 ||
	    exec1(st, "PRAGMA synchronous = FULL", err) == -1 ||
	    exec1(st, "PRAGMA cache_size = -32768", err) == -1 ||
	    exec1(st, "PRAGMA mmap_size = 1073741824", err) == -1 ||
	    exec1(st, "PRAGMA temp_store = MEMORY", err) == -1 ||
	    rules_register_sql(st->db, err) == -1 ||
	    migrate(st, err) == -1) {
		store_close(st);
		return (-1);
	}
	if (!(flags & STORE_CREATE) && !store_initialised(st)) {
		tk_fail(err, TK_E_UNAVAILABLE, "db",
		    "database '%s' is not initialised; run 'tolkreg init'",
		    path);
		store_close(st);
		return (-1);
	}
	*out = st;
	return (0);
}

/* Close the store and its cached statements. */
void
store_close(struct store *st)
{
	size_t	i;

	if (st == NULL)
		return;
	if (st->match_cache != NULL && st->match_cache_free != NULL)
		st->match_cache_free(st->match_cache);
	for (i = 0; i < st->ncache; i++)
		sqlite3_finalize(st->cache[i].stmt);
	sqlite3_close(st->db);
	free(st->actor);
	free(st);
}

/* The number of rollbacks of the connection so far. */
uint64_t
store_rollbacks(const struct store *st)
{
	return (st->rollbacks);
}

/* The number of write transactions the connection has committed. */
uint64_t
store_commits(const struct store *st)
{
	return (st->commits);
}

/* The matching core's cache. */
void *
store_match_cache(const struct store *st)
{
	return (st->match_cache);
}

/* Hand the store the matching core's cache and its destructor. */
void
store_set_match_cache(struct store *st, void *cache, void (*fn)(void *))
{
	if (st->match_cache != NULL && st->match_cache != cache &&
	    st->match_cache_free != NULL)
		st->match_cache_free(st->match_cache);
	st->match_cache = cache;
	st->match_cache_free = fn;
}

/* The SQLite handle. */
sqlite3 *
store_db(struct store *st)
{
	return (st->db);
}

/* A cached, reset prepared statement for a static sql string. */
sqlite3_stmt *
store_stmt(struct store *st, const char *sql, struct tk_error *err)
{
	sqlite3_stmt	*s;
	size_t		 i;

	for (i = 0; i < st->ncache; i++) {
		if (st->cache[i].sql == sql) {
			s = st->cache[i].stmt;
			sqlite3_reset(s);
			sqlite3_clear_bindings(s);
			return (s);
		}
	}
	if (sqlite3_prepare_v3(st->db, sql, -1,
	    st->ncache < STMT_CACHE ? SQLITE_PREPARE_PERSISTENT : 0, &s,
	    NULL) != SQLITE_OK) {
		store_fail(st, err);
		return (NULL);
	}
	if (st->ncache == STMT_CACHE) {
		/* Full: evict the oldest entry. */
		sqlite3_finalize(st->cache[0].stmt);
		memmove(&st->cache[0], &st->cache[1],
		    (STMT_CACHE - 1) * sizeof(st->cache[0]));
		st->ncache--;
	}
	st->cache[st->ncache].sql = sql;
	st->cache[st->ncache].stmt = s;
	st->ncache++;
	return (s);
}

/* Step a statement that returns no rows. */
int
store_step_done(struct store *st, sqlite3_stmt *s, struct tk_error *err)
{
	int	rc;

	rc = sqlite3_step(s);
	if (rc != SQLITE_DONE) {
		store_fail(st, err);
		sqlite3_reset(s);
		return (-1);
	}
	sqlite3_reset(s);
	return (0);
}

/* Whether sql, bound to value, returns a row: 1, 0, or -1 on failure. */
int
store_exists(struct store *st, const char *sql, const char *value,
    struct tk_error *err)
{
	sqlite3_stmt	*s;
	int		 rc;

	if ((s = store_stmt(st, sql, err)) == NULL)
		return (-1);
	if (sqlite3_bind_text(s, 1, value, -1, SQLITE_STATIC) != SQLITE_OK) {
		store_fail(st, err);
		sqlite3_reset(s);
		return (-1);
	}
	rc = sqlite3_step(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		store_fail(st, err);
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	if (rc == SQLITE_ROW)
		return (1);
	if (rc == SQLITE_DONE)
		return (0);
	return (-1);
}

/* Text of column i, "" for NULL. */
const char *
store_text(sqlite3_stmt *s, int i)
{
	const unsigned char	*t;

	t = sqlite3_column_text(s, i);
	return (t != NULL ? (const char *)t : "");
}

/* Begin a read snapshot unless a transaction is open. */
int
store_snapshot(struct store *st, int *mine, struct tk_error *err)
{
	*mine = sqlite3_get_autocommit(st->db);
	if (*mine && exec1(st, "BEGIN", err) == -1) {
		*mine = 0;
		return (-1);
	}
	return (0);
}

/* End a snapshot store_snapshot() began. */
void
store_snapshot_end(struct store *st, int mine)
{
	if (mine && !sqlite3_get_autocommit(st->db))
		exec1(st, "COMMIT", NULL);
}

/* Begin a write transaction. */
int
store_begin(struct store *st, struct tk_error *err)
{
	return (exec1(st, "BEGIN IMMEDIATE", err));
}

/* A savepoint inside the open transaction. */
int
store_savepoint(struct store *st, struct tk_error *err)
{
	return (exec1(st, "SAVEPOINT tk", err));
}

/* Keep what was done since store_savepoint(). */
int
store_release(struct store *st, struct tk_error *err)
{
	return (exec1(st, "RELEASE tk", err));
}

/*
 * Undo what was done since store_savepoint() and drop the savepoint. The
 * rollback hook does not see it: count it here, so that caches of what
 * was read in the transaction forget it.
 */
void
store_rollback_to(struct store *st)
{
	if (sqlite3_get_autocommit(st->db))
		return;
	st->rollbacks++;
	exec1(st, "ROLLBACK TO tk", NULL);
	exec1(st, "RELEASE tk", NULL);
}

/* Begin a read transaction. */
int
store_begin_read(struct store *st, struct tk_error *err)
{
	return (exec1(st, "BEGIN DEFERRED", err));
}

/* Commit the open transaction. */
int
store_commit(struct store *st, struct tk_error *err)
{
	if (exec1(st, "COMMIT", err) == -1) {
		store_rollback(st);
		return (-1);
	}
	return (0);
}

/* Roll back the open transaction, if any. */
void
store_rollback(struct store *st)
{
	if (!sqlite3_get_autocommit(st->db))
		exec1(st, "ROLLBACK", NULL);
}

/* Set the user recorded in the audit log. */
void
store_set_actor(struct store *st, const char *actor)
{
	free(st->actor);
	st->actor = xstrdup(actor != NULL && *actor != '\0' ? actor :
	    "unknown");
}

/* The user recorded in the audit log. */
const char *
store_actor(const struct store *st)
{
	return (st->actor);
}

/* Whether init has loaded the reference data. */
int
store_initialised(struct store *st)
{
	sqlite3_stmt	*s;
	int		 ok = 0;

	if (sqlite3_prepare_v2(st->db,
	    "SELECT EXISTS (SELECT 1 FROM municipality)", -1, &s,
	    NULL) != SQLITE_OK)
		return (0);
	if (sqlite3_step(s) == SQLITE_ROW)
		ok = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return (ok);
}

/* State of one pass of libcsv over an embedded table. */
struct ref_load {
	struct store		*st;
	sqlite3_stmt		*stmt;
	const char		*what;
	int			 nfields;	/* expected per record */
	int			 field;		/* next field number */
	int			 header;	/* header row not yet seen */
	int			 failed;
	long			 record;
	struct tk_error		*err;
};

static void
ref_field(void *data, size_t len, void *arg)
{
	struct ref_load	*rl = arg;

	rl->field++;
	if (rl->header || rl->failed || rl->field > rl->nfields)
		return;
	sqlite3_bind_text(rl->stmt, rl->field, data, (int)len,
	    SQLITE_TRANSIENT);
}

static void
ref_record(int c, void *arg)
{
	struct ref_load	*rl = arg;

	(void)c;
	rl->record++;
	if (rl->header) {
		rl->header = 0;
	} else if (!rl->failed) {
		if (rl->field != rl->nfields) {
			tk_fail(rl->err, TK_E_STORE, NULL, "built-in %s data: "
			    "record %ld has %d fields, expected %d", rl->what,
			    rl->record, rl->field, rl->nfields);
			rl->failed = 1;
		} else if (store_step_done(rl->st, rl->stmt, rl->err) == -1)
			rl->failed = 1;
		sqlite3_clear_bindings(rl->stmt);
	}
	rl->field = 0;
}

/*
 * Load one embedded table into the statement sql: skip '#' comment lines
 * and the header, bind each record's fields in order, and step.
 */
static int
ref_load(struct store *st, const char *what, const char *text,
    unsigned char delim, int nfields, const char *sql, struct tk_error *err)
{
	struct csv_parser	 p;
	struct ref_load		 rl;
	const char		*line, *nl;

	memset(&rl, 0, sizeof(rl));
	rl.st = st;
	rl.what = what;
	rl.nfields = nfields;
	rl.header = 1;
	rl.err = err;
	if ((rl.stmt = store_stmt(st, sql, err)) == NULL)
		return (-1);
	if (csv_init(&p, CSV_APPEND_NULL) != 0)
		return (tk_fail(err, TK_E_STORE, NULL, "cannot start parser"));
	csv_set_delim(&p, delim);
	for (line = text; *line != '\0' && !rl.failed; line = nl) {
		nl = strchr(line, '\n');
		nl = nl != NULL ? nl + 1 : line + strlen(line);
		if (*line == '#')
			continue;
		if (csv_parse(&p, line, (size_t)(nl - line), ref_field,
		    ref_record, &rl) != (size_t)(nl - line)) {
			tk_fail(err, TK_E_STORE, NULL, "built-in %s data: %s",
			    what, csv_strerror(csv_error(&p)));
			rl.failed = 1;
		}
	}
	if (!rl.failed)
		csv_fini(&p, ref_field, ref_record, &rl);
	csv_free(&p);
	return (rl.failed ? -1 : 0);
}

/*
 * Load the counties, municipalities and languages built in; when that
 * changed a row, move the register's generation on, as the public
 * search shows their names.
 */
int
store_load_reference(struct store *st, struct tk_error *err)
{
	static const char	 gen[] = "UPDATE register_gen SET gen = gen + 1"
	    " WHERE id = 1";
	sqlite3_stmt		*s;
	sqlite3_int64		 before;

	before = sqlite3_total_changes64(st->db);
	if (ref_load(st, "county", tk_counties_csv, ',', 3,
	    "INSERT INTO county (code, name, other_names) VALUES (?1, ?2, ?3)"
	    " ON CONFLICT (code) DO UPDATE SET name = excluded.name,"
	    " other_names = excluded.other_names"
	    " WHERE (name, other_names) IS NOT"
	    " (excluded.name, excluded.other_names)", err) == -1)
		return (-1);
	if (ref_load(st, "municipality", tk_municipalities_csv, ',', 5,
	    "INSERT INTO municipality (code, name, county, lat, lon)"
	    " VALUES (?1, ?2, ?3, CAST(?4 AS REAL), CAST(?5 AS REAL))"
	    " ON CONFLICT (code) DO UPDATE SET name = excluded.name,"
	    " county = excluded.county, lat = excluded.lat,"
	    " lon = excluded.lon"
	    " WHERE (name, county, lat, lon) IS NOT"
	    " (excluded.name, excluded.county, excluded.lat, excluded.lon)",
	    err) == -1)
		return (-1);
	if (ref_load(st, "language", tk_languages_tsv, '\t', 4,
	    "INSERT INTO language (code, name_en, name_nb, sign)"
	    " VALUES (?1, ?2, ?3, CAST(?4 AS INTEGER))"
	    " ON CONFLICT (code) DO UPDATE SET name_en = excluded.name_en,"
	    " name_nb = excluded.name_nb, sign = excluded.sign"
	    " WHERE (name_en, name_nb, sign) IS NOT"
	    " (excluded.name_en, excluded.name_nb, excluded.sign)", err) == -1)
		return (-1);
	if (sqlite3_total_changes64(st->db) == before)
		return (0);
	if ((s = store_stmt(st, gen, err)) == NULL)
		return (-1);
	return (store_step_done(st, s, err));
}
