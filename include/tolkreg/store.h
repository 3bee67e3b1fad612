#ifndef TOLKREG_STORE_H
#define TOLKREG_STORE_H

#include <stdint.h>

#include <sqlite3.h>

/*
 * The register store: one SQLite database in WAL mode with foreign keys
 * on and a busy timeout. Opening applies the embedded migrations the
 * database lacks (its version is PRAGMA user_version).
 */

struct tk_error;
struct store;

#define STORE_CREATE	0x1	/* create the file if it does not exist */

/* Milliseconds a writer waits for a lock before giving up. */
#define STORE_BUSY_MS	5000

/*
 * Open the database at path and bring its schema up to date. Without
 * STORE_CREATE a missing file is TK_E_UNAVAILABLE, and so is a database
 * that "tolkreg init" never set up. On success *out is owned by the
 * caller (store_close()).
 */
int		 store_open(struct store **out, const char *path, int flags,
		    struct tk_error *);

/* Close the store; NULL is a no-op. */
void		 store_close(struct store *);

/* The SQLite handle. Borrowed: valid until store_close(). */
sqlite3		*store_db(struct store *);

/* Number of the newest migration built in. */
int		 store_schema_latest(void);

/* Schema version of the open database. */
int		 store_schema_version(struct store *);

/*
 * Load (or refresh) the counties, municipalities and languages built
 * into the program. Run inside a transaction by "tolkreg init".
 */
int		 store_load_reference(struct store *, struct tk_error *);

/* Whether the reference data is loaded. */
int		 store_initialised(struct store *);

/*
 * A prepared statement for sql, cached for the life of the store and
 * reset with its bindings cleared. sql must be a string with static
 * storage: the cache is keyed on its address. Borrowed.
 */
sqlite3_stmt	*store_stmt(struct store *, const char *sql, struct tk_error *);

/*
 * A read snapshot for several queries: begins a deferred transaction
 * unless one is open, and says in *mine whether it did, for
 * store_snapshot_end(), which ends only a transaction it began.
 */
int		 store_snapshot(struct store *, int *mine, struct tk_error *);
void		 store_snapshot_end(struct store *, int mine);

/* Transactions: BEGIN IMMEDIATE, COMMIT, ROLLBACK. */
int		 store_begin(struct store *, struct tk_error *);
/*
 * A savepoint inside the open transaction, released (kept) or rolled
 * back to; a rollback to it counts as a rollback for store_rollbacks().
 */
int		 store_savepoint(struct store *, struct tk_error *);
int		 store_release(struct store *, struct tk_error *);
void		 store_rollback_to(struct store *);
/* A read transaction (BEGIN DEFERRED): one snapshot for many queries. */
int		 store_begin_read(struct store *, struct tk_error *);
int		 store_commit(struct store *, struct tk_error *);
void		 store_rollback(struct store *);

/* Fill err from the last SQLite failure (busy maps to TK_E_BUSY). */
int		 store_fail(struct store *, struct tk_error *);

/* The user recorded in the audit log for changes. Borrowed. */
void		 store_set_actor(struct store *, const char *);
const char	*store_actor(const struct store *);

/* Run a statement that returns no rows; 0 or -1. */
int		 store_step_done(struct store *, sqlite3_stmt *,
		    struct tk_error *);

/*
 * The generation of the register (schema 6): moves on with every change
 * to interpreters, their credentials, qualifications, listing events and
 * warnings, never with bookings. Read it inside the snapshot whose
 * reads it vouches for. -1 on failure.
 */
int64_t		 store_register_gen(struct store *, struct tk_error *);

/*
 * How many transactions the connection has rolled back, counted by its
 * rollback hook (ROLLBACK, store_rollback(), a failed COMMIT): whoever
 * keeps what it read inside a transaction compares the count to know
 * that it may have seen writes that never happened.
 */
uint64_t	 store_rollbacks(const struct store *);

/* How many write transactions the connection has committed. */
uint64_t	 store_commits(const struct store *);

/*
 * The matching core's cache (match.c): one per store, so one per
 * connection and thread. The store only keeps the pointer and calls fn
 * on it from store_close() (or when another cache replaces it).
 */
void		*store_match_cache(const struct store *);
void		 store_set_match_cache(struct store *, void *,
		    void (*fn)(void *));

/*
 * Whether sql (a static string, as for store_stmt(), with one
 * parameter) returns a row when bound to value: 1 if it does, 0 if not,
 * -1 on failure with err filled.
 */
int		 store_exists(struct store *, const char *sql,
		    const char *value, struct tk_error *);

/* Text of column i, "" for NULL. Borrowed until the next step. */
const char	*store_text(sqlite3_stmt *, int);

#endif /* TOLKREG_STORE_H */
