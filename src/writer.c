/*
 * Group commit (writer.h). A durable commit costs an fsync, which bounds
 * a writer that commits each change alone; here the changes that arrive
 * while one group is being committed form the next group, and share its
 * commit. The queue is a singly linked list of jobs that live on their
 * callers' stacks.
 *
 * The write-ahead log is checkpointed by a second thread on a connection
 * of its own, not in the writer's commits: the writer's connection tells
 * it (sqlite3_wal_hook, which also turns SQLite's own checkpoints off
 * there) when the log holds WRITER_CHECKPOINT_PAGES pages, and it copies
 * them into the database while the writer goes on (PASSIVE).
 *
 * A passive checkpoint copies what was in the log when it began, and
 * the log starts over from its beginning only once all of it has been
 * copied; under steady writes the checkpointer never quite catches up,
 * and the log would grow without end (and with it the cost of each
 * write to it). When it passes WRITER_LOG_MAX pages the writer copies
 * the rest itself, holding the next group for that long (counted in
 * checkpoints_waited), and the log starts over.
 */
#include "config.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "tolkreg/error.h"
#include "tolkreg/store.h"
#include "tolkreg/writer.h"
#include "tolkreg/xmalloc.h"

struct job {
	writer_fn	 fn;
	void		*arg;
	const char	*actor;
	struct tk_error	*err;
	int		 rc;
	int		 done;
	struct job	*next;
};

/* Log pages that wake the checkpointer (SQLite's own default). */
#define WRITER_CHECKPOINT_PAGES	1000

/* Log pages past which the writer finishes the checkpoint itself. */
#define WRITER_LOG_MAX		(8 * WRITER_CHECKPOINT_PAGES)

struct writer {
	struct store	*st;
	sqlite3		*ckdb;		/* the checkpointer's connection */
	pthread_t	 thread, ckthread;
	pthread_mutex_t	 mu;
	pthread_cond_t	 work;		/* jobs queued, or stopping */
	pthread_cond_t	 done;		/* a group ended */
	pthread_cond_t	 ck;		/* a checkpoint wanted, or stopping */
	struct job	*head, **tail;
	int		 stop, ckwant;
	struct writer_stats stats;
};

/*
 * Fail the jobs from first up to (not including) end that succeeded or
 * have not run (rc is 0 until a job fails).
 */
static void
fail_done(struct job *first, struct job *end, const struct tk_error *why)
{
	struct job	*j;

	for (j = first; j != end; j = j->next) {
		if (j->rc == 0) {
			*j->err = *why;
			j->rc = -1;
		}
	}
}

/*
 * Run one group of jobs in as few transactions as will hold them;
 * returns how many were committed or lost.
 */
static uint64_t
run_group(struct writer *w, struct job *group)
{
	struct tk_error	 err;
	struct job	*j, *first;
	uint64_t	 ntx = 0;

	first = group;
	tk_error_clear(&err);
	if (store_begin(w->st, &err) == -1) {
		fail_done(group, NULL, &err);
		return (0);
	}
	for (j = group; j != NULL; j = j->next) {
		store_set_actor(w->st, j->actor);
		if (store_savepoint(w->st, j->err) == -1) {
			j->rc = -1;
			continue;
		}
		j->rc = j->fn(w->st, j->arg, j->err);
		if (j->rc == 0 && store_release(w->st, j->err) == -1)
			j->rc = -1;
		if (j->rc == 0)
			continue;
		if (j->err->code == TK_OK)
			tk_fail(j->err, TK_E_STORE, NULL, "the write failed");
		if (!sqlite3_get_autocommit(store_db(w->st))) {
			store_rollback_to(w->st);
			continue;
		}
		/*
		 * The error ended the transaction: the jobs before this one
		 * went with it. Begin again for those after it.
		 */
		tk_fail(&err, TK_E_BUSY, NULL, "the transaction was lost"
		    " (%s); try again", j->err->msg);
		fail_done(first, j, &err);
		ntx++;
		first = j->next;
		if (first != NULL && store_begin(w->st, &err) == -1) {
			fail_done(first, NULL, &err);
			return (ntx);
		}
	}
	if (first == NULL)
		return (ntx);
	if (store_commit(w->st, &err) == -1)
		fail_done(first, NULL, &err);
	return (ntx + 1);
}

static void *
writer_main(void *arg)
{
	struct writer	*w = arg;
	struct job	*group, *j, **pp;
	uint64_t	 ntx;
	int		 n;

	pthread_mutex_lock(&w->mu);
	for (;;) {
		while (w->head == NULL && !w->stop)
			pthread_cond_wait(&w->work, &w->mu);
		if (w->head == NULL)
			break;
		/* Take up to WRITER_GROUP_MAX jobs off the queue. */
		group = w->head;
		for (n = 1, pp = &group->next; *pp != NULL &&
		    n < WRITER_GROUP_MAX; n++)
			pp = &(*pp)->next;
		w->head = *pp;
		*pp = NULL;
		if (w->head == NULL)
			w->tail = &w->head;
		w->stats.jobs += (uint64_t)n;
		w->stats.waiting -= (uint64_t)n;
		pthread_mutex_unlock(&w->mu);

		ntx = run_group(w, group);

		pthread_mutex_lock(&w->mu);
		w->stats.groups += ntx;
		for (j = group; j != NULL; j = j->next)
			j->done = 1;
		pthread_cond_broadcast(&w->done);
	}
	pthread_mutex_unlock(&w->mu);
	return (NULL);
}

/*
 * Called in the writer's commits, with the pages in the log: wake the
 * checkpointer when due, or finish its work when the log is too long.
 */
static int
wal_hook(void *arg, sqlite3 *db, const char *name, int pages)
{
	struct writer	*w = arg;

	(void)name;
	if (pages >= WRITER_LOG_MAX &&
	    sqlite3_wal_checkpoint_v2(db, NULL, SQLITE_CHECKPOINT_PASSIVE,
	    NULL, NULL) == SQLITE_OK) {
		pthread_mutex_lock(&w->mu);
		w->stats.checkpoints_waited++;
		pthread_mutex_unlock(&w->mu);
	} else if (pages >= WRITER_CHECKPOINT_PAGES) {
		pthread_mutex_lock(&w->mu);
		w->ckwant = 1;
		pthread_cond_signal(&w->ck);
		pthread_mutex_unlock(&w->mu);
	}
	return (SQLITE_OK);
}

static void *
checkpoint_main(void *arg)
{
	struct writer	*w = arg;

	pthread_mutex_lock(&w->mu);
	for (;;) {
		while (!w->ckwant && !w->stop)
			pthread_cond_wait(&w->ck, &w->mu);
		if (w->stop)
			break;
		w->ckwant = 0;
		pthread_mutex_unlock(&w->mu);
		/* What it cannot copy now, the next one will. */
		(void)sqlite3_wal_checkpoint_v2(w->ckdb, NULL,
		    SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
		pthread_mutex_lock(&w->mu);
		w->stats.checkpoints++;
	}
	pthread_mutex_unlock(&w->mu);
	return (NULL);
}

/* Free what writer_open() made, the threads stopped or never started. */
static void
writer_free(struct writer *w)
{
	pthread_cond_destroy(&w->ck);
	pthread_cond_destroy(&w->done);
	pthread_cond_destroy(&w->work);
	pthread_mutex_destroy(&w->mu);
	sqlite3_close(w->ckdb);
	store_close(w->st);
	free(w);
}

int
writer_open(struct writer **out, const char *path, struct tk_error *err)
{
	struct writer	*w;
	int		 rc;

	*out = NULL;
	w = xcalloc(1, sizeof(*w));
	w->tail = &w->head;
	pthread_mutex_init(&w->mu, NULL);
	pthread_cond_init(&w->work, NULL);
	pthread_cond_init(&w->done, NULL);
	pthread_cond_init(&w->ck, NULL);
	if (store_open(&w->st, path, 0, err) == -1) {
		writer_free(w);
		return (-1);
	}
	if ((rc = sqlite3_open_v2(path, &w->ckdb, SQLITE_OPEN_READWRITE,
	    NULL)) != SQLITE_OK) {
		writer_free(w);
		return (tk_fail(err, TK_E_UNAVAILABLE, "db", "cannot open"
		    " database '%s' for checkpoints: %s", path,
		    sqlite3_errstr(rc)));
	}
	sqlite3_wal_hook(store_db(w->st), wal_hook, w);
	if (pthread_create(&w->ckthread, NULL, checkpoint_main, w) != 0) {
		writer_free(w);
		return (tk_fail(err, TK_E_UNAVAILABLE, NULL, "cannot start"
		    " the checkpoint thread"));
	}
	if (pthread_create(&w->thread, NULL, writer_main, w) != 0) {
		pthread_mutex_lock(&w->mu);
		w->stop = 1;
		pthread_cond_signal(&w->ck);
		pthread_mutex_unlock(&w->mu);
		pthread_join(w->ckthread, NULL);
		writer_free(w);
		return (tk_fail(err, TK_E_UNAVAILABLE, NULL, "cannot start"
		    " the writer thread"));
	}
	*out = w;
	return (0);
}

void
writer_close(struct writer *w)
{
	if (w == NULL)
		return;
	pthread_mutex_lock(&w->mu);
	w->stop = 1;
	pthread_cond_signal(&w->work);
	pthread_cond_signal(&w->ck);
	pthread_mutex_unlock(&w->mu);
	pthread_join(w->thread, NULL);
	pthread_join(w->ckthread, NULL);
	writer_free(w);
}

int
writer_run(struct writer *w, const char *actor, writer_fn fn, void *arg,
    struct tk_error *err)
{
	struct job	j;

	memset(&j, 0, sizeof(j));
	j.fn = fn;
	j.arg = arg;
	j.actor = actor;
	j.err = err;
	tk_error_clear(err);
	pthread_mutex_lock(&w->mu);
	if (w->stop) {
		pthread_mutex_unlock(&w->mu);
		return (tk_fail(err, TK_E_UNAVAILABLE, NULL, "the writer is"
		    " stopping"));
	}
	*w->tail = &j;
	w->tail = &j.next;
	w->stats.waiting++;
	pthread_cond_signal(&w->work);
	while (!j.done)
		pthread_cond_wait(&w->done, &w->mu);
	pthread_mutex_unlock(&w->mu);
	return (j.rc);
}

void
writer_stats(struct writer *w, struct writer_stats *out)
{
	pthread_mutex_lock(&w->mu);
	*out = w->stats;
	pthread_mutex_unlock(&w->mu);
}
