/*
 * Group commit: one thread that runs the writes of many callers, each
 * in a savepoint, inside one IMMEDIATE transaction, and commits them
 * together with one durable commit.
 *
 * writer_run() queues a job and waits until the transaction that holds
 * it has committed (the job's changes are on disk) or failed. Jobs run
 * one at a time, in the order they were queued, each seeing the changes
 * of the jobs before it: the checks a job makes are as good as in a
 * transaction of its own. A job that fails is rolled back to its
 * savepoint and leaves nothing; the others in its group are not
 * affected. If the transaction itself is lost (an I/O error, the disk
 * full, the commit refused), every job in it fails with that error.
 */
#ifndef TOLKREG_WRITER_H
#define TOLKREG_WRITER_H

#include <stdint.h>

#include "tolkreg/error.h"

struct store;
struct writer;

/* The most jobs one transaction takes. */
#define WRITER_GROUP_MAX	128

/* A job: runs on the writer's store inside the open transaction. */
typedef int	(*writer_fn)(struct store *, void *arg, struct tk_error *);

struct writer_stats {
	uint64_t	jobs;		/* jobs run */
	uint64_t	groups;		/* transactions committed or lost */
	uint64_t	checkpoints;	/* of the write-ahead log */
	uint64_t	checkpoints_waited;	/* finished by the writer */
	uint64_t	waiting;	/* jobs queued, not yet taken */
};

/*
 * Open the database at path on a connection of its own and start the
 * thread, and a second one that checkpoints the write-ahead log on
 * another connection, off the writer's commits.
 */
int		 writer_open(struct writer **, const char *path,
		    struct tk_error *);
/* Run the jobs still queued, then stop the thread and close. */
void		 writer_close(struct writer *);

/*
 * Run fn(store, arg, err) with actor recorded in the audit log; return
 * its result once the group it ran in is committed. err receives the
 * job's error, or the group's.
 */
int		 writer_run(struct writer *, const char *actor, writer_fn fn,
		    void *arg, struct tk_error *err);

void		 writer_stats(struct writer *, struct writer_stats *);

#endif
