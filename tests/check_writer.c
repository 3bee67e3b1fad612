/*
 * Group commit (src/writer.c): jobs from many threads share a
 * transaction; each sees the ones before it; one that fails leaves
 * nothing and does not take the others with it; of several bookings of
 * one interpreter's time exactly one is made.
 */
#include "config.h"

#include <check.h>
#include <inttypes.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "check_suites.h"
#include "fixture.h"
#include "tolkreg/body.h"
#include "tolkreg/booking.h"
#include "tolkreg/category.h"
#include "tolkreg/error.h"
#include "tolkreg/interpreter.h"
#include "tolkreg/match.h"
#include "tolkreg/output.h"
#include "tolkreg/request.h"
#include "tolkreg/store.h"
#include "tolkreg/writer.h"

#define OUS	"974760673"
#define NJOBS	8

static struct store	*st;
static struct writer	*w;
static char		 path[256];
static struct tk_error	 err;
static int		 nfnr;

static int64_t
interp(const char *name)
{
	struct interpreter_input	in = { name, NULL, 'F',
	    "t@example.no", "91234567", "0301", AVAIL_FULL, MOD_ALL };
	int64_t				regno;

	regno = fixture_interpreter_add(st, &in, ++nfnr, NULL);
	fixture_credential(st, regno, CRED_AUTHORISATION, "ara");
	return (regno);
}

static int64_t
req(const char *start)
{
	struct request_input	in = { OUS, "ara", start, "60", "phone",
	    NULL, NULL, NULL, NULL, NULL, 0 };
	int64_t			id;

	ck_assert_msg(request_add(st, &in, &id, &err) == 0, "%s", err.msg);
	return (id);
}

static void
setup(void)
{
	struct body_input	b = { OUS, "Oslo universitetssykehus",
	    SECTOR_HEALTH, "0301", 1, GUIDE_FULL };

	st = fixture_store_new(path);
	tk_error_clear(&err);
	nfnr = 0;
	ck_assert_int_eq(body_add(st, &b, &err), 0);
	ck_assert_msg(writer_open(&w, path, &err) == 0, "%s", err.msg);
}

static void
teardown(void)
{
	writer_close(w);
	fixture_store_free(st, path);
}

static const char *
state_of(int64_t id)
{
	struct request	r;

	ck_assert_int_eq(request_get(st, id, &r, &err), 0);
	return (req_state_name(r.state));
}

static int64_t
regno_of(int64_t id)
{
	struct request	r;

	ck_assert_int_eq(request_get(st, id, &r, &err), 0);
	return (r.regno);
}

/* The number of requests in state. */
static size_t
requests_in(const char *state)
{
	struct request_filter	 f = { NULL, state, NULL, NULL, NULL, 0 };
	struct table		*t = table_new();
	size_t			 n;

	ck_assert_msg(request_list(st, &f, NULL, t, &err) == 0, "%s", err.msg);
	n = table_nrows(t);
	table_free(t);
	return (n);
}

/* Wait until the writer has taken (waiting < 0: has waiting) jobs. */
static void
wait_for(uint64_t jobs, int64_t waiting)
{
	struct writer_stats	ws;

	for (;;) {
		writer_stats(w, &ws);
		if (waiting < 0 ? ws.jobs >= jobs :
		    ws.waiting >= (uint64_t)waiting)
			return;
		nanosleep(&(struct timespec){ 0, 1000000 }, NULL);
	}
}

/* A job that holds the writer until n others are queued behind it. */
static int
hold_job(struct store *s, void *arg, struct tk_error *e)
{
	(void)s;
	(void)e;
	wait_for(0, *(int *)arg);
	return (0);
}

struct booking {
	int64_t		id, regno, booked;
	int		rc, fail_after, cancel;
	char		actor[32];
	struct tk_error	err;
};

/*
 * Book; with fail_after, write the booking, match again (so that the
 * writer's match cache reads the booking) and then fail anyway. With
 * cancel, cancel instead.
 */
static int
book_job(struct store *s, void *arg, struct tk_error *e)
{
	struct booking		*b = arg;
	struct request		 r;
	struct match_result	 m;

	if (b->cancel)
		return (request_cancel(s, b->id, "no longer needed", e));
	if (booking_book(s, b->id, b->regno, &b->booked, e) == -1)
		return (-1);
	if (!b->fail_after)
		return (0);
	if (request_get(s, b->id, &r, e) == -1 ||
	    match_run(s, &r, &m, e) == -1)
		return (-1);
	match_result_release(&m);
	return (tk_fail(e, TK_E_INVALID, NULL, "failed on purpose"));
}

static void *
book_thread(void *arg)
{
	struct booking	*b = arg;

	b->rc = writer_run(w, b->actor, book_job, b, &b->err);
	return (NULL);
}

struct hold {
	int		n;
	struct tk_error	err;
};

static void *
hold_thread(void *arg)
{
	struct hold	*h = arg;

	writer_run(w, "hold", hold_job, &h->n, &h->err);
	return (NULL);
}

/*
 * Run the bookings b[0..n-1] from a thread each while the writer is
 * held, so that they form one group, in the order given.
 */
static void
book_grouped(struct booking *b, int n)
{
	pthread_t		t[NJOBS + 1];
	struct hold		h;
	struct writer_stats	ws;
	int			i;

	h.n = n;
	writer_stats(w, &ws);
	ck_assert_uint_eq(ws.waiting, 0);
	ck_assert_int_eq(pthread_create(&t[n], NULL, hold_thread, &h), 0);
	/* The hold job taken first; then each booking queued in turn. */
	wait_for(ws.jobs + 1, -1);
	for (i = 0; i < n; i++) {
		ck_assert_int_eq(pthread_create(&t[i], NULL, book_thread,
		    &b[i]), 0);
		/* The last one queued lets the hold job go. */
		if (i + 1 < n)
			wait_for(0, i + 1);
	}
	for (i = 0; i <= n; i++)
		pthread_join(t[i], NULL);
}

START_TEST(test_one_transaction_for_many)
{
	struct booking		b[NJOBS];
	struct writer_stats	ws;
	int64_t			x[NJOBS];
	char			start[32];
	int			i;

	memset(b, 0, sizeof(b));
	for (i = 0; i < NJOBS; i++) {
		x[i] = interp("X");
		snprintf(start, sizeof(start), "2030-03-04T%02d:00", 8 + i);
		b[i].id = req(start);
		b[i].regno = x[i];
		snprintf(b[i].actor, sizeof(b[i].actor), "office%d", i);
	}
	book_grouped(b, NJOBS);
	writer_stats(w, &ws);
	/* The hold job alone, then the eight together. */
	ck_assert_uint_eq(ws.jobs, NJOBS + 1);
	ck_assert_uint_eq(ws.groups, 2);
	for (i = 0; i < NJOBS; i++) {
		ck_assert_msg(b[i].rc == 0, "%s", b[i].err.msg);
		ck_assert_str_eq(state_of(b[i].id), "booked");
		ck_assert_int_eq(regno_of(b[i].id), x[i]);
	}
	/* Each in the audit log under its own actor. */
	ck_assert_int_eq(fixture_int(st, "SELECT count(DISTINCT actor)"
	    " FROM audit WHERE action = 'booked' AND actor LIKE 'office%'"),
	    NJOBS);
}
END_TEST

START_TEST(test_failed_job_leaves_nothing)
{
	struct booking		b[5];
	struct match_result	m;
	struct request		r;
	int64_t			x, y, z, r1, r2, r3, r4, r5, booked;

	x = interp("X");
	y = interp("Y");
	z = interp("Z");
	r1 = req("2030-03-04T10:00");
	r2 = req("2030-03-04T10:00");
	r3 = req("2030-03-04T10:00");
	r4 = req("2030-03-04T10:30");
	r5 = req("2030-03-04T10:00");
	ck_assert_int_eq(store_begin(st, &err), 0);
	ck_assert_int_eq(booking_book(st, r5, z, &booked, &err), 0);
	ck_assert_int_eq(store_commit(st, &err), 0);
	memset(b, 0, sizeof(b));
	/* x books r1. */
	b[0].id = r1;
	b[0].regno = x;
	/* x again on r2, at the same time: refused. */
	b[1].id = r2;
	b[1].regno = x;
	/* y books r4, then the job fails: r4 must stay requested. */
	b[2].id = r4;
	b[2].regno = y;
	b[2].fail_after = 1;
	/*
	 * z's booking of r5 is cancelled: a write that takes the place in
	 * the log of the booking undone just before.
	 */
	b[3].id = r5;
	b[3].cancel = 1;
	/* The best free one for r3: y, before z, since x is taken. */
	b[4].id = r3;
	book_grouped(b, 5);

	ck_assert_msg(b[0].rc == 0, "%s", b[0].err.msg);
	ck_assert_int_eq(b[1].rc, -1);
	ck_assert_int_eq(b[1].err.code, TK_E_CONFLICT);
	ck_assert_int_eq(b[2].rc, -1);
	ck_assert_str_eq(b[2].err.msg, "failed on purpose");
	ck_assert_msg(b[3].rc == 0, "%s", b[3].err.msg);
	ck_assert_msg(b[4].rc == 0, "%s", b[4].err.msg);
	ck_assert_int_eq(b[4].booked, y);

	ck_assert_str_eq(state_of(r1), "booked");
	ck_assert_int_eq(regno_of(r1), x);
	ck_assert_str_eq(state_of(r2), "requested");
	ck_assert_str_eq(state_of(r4), "requested");
	ck_assert_str_eq(state_of(r3), "booked");
	ck_assert_int_eq(regno_of(r3), y);
	ck_assert_str_eq(state_of(r5), "cancelled");

	/* A fresh connection sees x and y busy at 10:00, z free. */
	ck_assert_int_eq(request_get(st, r2, &r, &err), 0);
	ck_assert_int_eq(match_run(st, &r, &m, &err), 0);
	ck_assert_int_eq(m.neligible, 1);
	ck_assert_int_eq(m.c[0].regno, z);
	match_result_release(&m);
}
END_TEST

START_TEST(test_one_booking_of_one_slot)
{
	struct booking	b[NJOBS];
	pthread_t	t[NJOBS];
	int64_t		x;
	char		start[32];
	int		i, made = 0;

	x = interp("X");
	memset(b, 0, sizeof(b));
	for (i = 0; i < NJOBS; i++) {
		snprintf(start, sizeof(start), "2030-03-04T10:%02d", i * 5);
		b[i].id = req(start);
		b[i].regno = x;
		snprintf(b[i].actor, sizeof(b[i].actor), "office%d", i);
	}
	/* No hold: however they fall into groups, one wins. */
	for (i = 0; i < NJOBS; i++)
		ck_assert_int_eq(pthread_create(&t[i], NULL, book_thread,
		    &b[i]), 0);
	for (i = 0; i < NJOBS; i++) {
		pthread_join(t[i], NULL);
		if (b[i].rc == 0)
			made++;
		else
			ck_assert_int_eq(b[i].err.code, TK_E_CONFLICT);
	}
	ck_assert_int_eq(made, 1);
	ck_assert_int_eq(requests_in("booked"), 1);
}
END_TEST

/* Run the SQL arg: a job that writes a lot. */
static int
sql_job(struct store *s, void *arg, struct tk_error *e)
{
	if (sqlite3_exec(store_db(s), arg, NULL, NULL, NULL) != SQLITE_OK)
		return (store_fail(s, e));
	return (0);
}

/* About 5 MB: more than the log holds before a checkpoint. */
static char	big_sql[] = "CREATE TABLE scratch (b BLOB);"
    " INSERT INTO scratch VALUES (zeroblob(5000000))";

START_TEST(test_checkpoint_off_the_writer)
{
	struct writer_stats	ws;
	struct tk_error		e;
	int			i;

	writer_stats(w, &ws);
	ck_assert_uint_eq(ws.checkpoints, 0);
	ck_assert_msg(writer_run(w, "big", sql_job, big_sql, &e) == 0, "%s",
	    e.msg);
	for (i = 0; i < 1000; i++) {
		writer_stats(w, &ws);
		if (ws.checkpoints > 0)
			break;
		nanosleep(&(struct timespec){ 0, 10000000 }, NULL);
	}
	ck_assert_uint_ge(ws.checkpoints, 1);
}
END_TEST

/* About 40 MB in one transaction: past the log's bound. */
static char	huge_sql[] = "CREATE TABLE huge (b BLOB);"
    " INSERT INTO huge VALUES (zeroblob(40000000))";

/*
 * A log longer than the writer's bound is copied into the database
 * before the next group begins, and the log then starts over: it does
 * not grow with the next write.
 */
START_TEST(test_log_bounded)
{
	struct writer_stats	 ws;
	struct tk_error		 e;
	struct stat		 sb;
	char			 wal[300];
	off_t			 size;

	ck_assert_msg(writer_run(w, "huge", sql_job, huge_sql, &e) == 0, "%s",
	    e.msg);
	writer_stats(w, &ws);
	ck_assert_uint_eq(ws.checkpoints_waited, 1);
	snprintf(wal, sizeof(wal), "%s-wal", path);
	ck_assert_int_eq(stat(wal, &sb), 0);
	size = sb.st_size;
	ck_assert_int_gt(size, 40000000);
	ck_assert_msg(writer_run(w, "big", sql_job, big_sql, &e) == 0, "%s",
	    e.msg);
	ck_assert_int_eq(stat(wal, &sb), 0);
	ck_assert_int_eq(sb.st_size, size);
	writer_stats(w, &ws);
	ck_assert_uint_eq(ws.checkpoints_waited, 1);
}
END_TEST

Suite *
writer_suite(void)
{
	Suite	*s = suite_create("writer");
	TCase	*tc = tcase_create("group");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_one_transaction_for_many);
	tcase_add_test(tc, test_failed_job_leaves_nothing);
	tcase_add_test(tc, test_one_booking_of_one_slot);
	tcase_add_test(tc, test_checkpoint_off_the_writer);
	tcase_add_test(tc, test_log_bounded);
	suite_add_tcase(s, tc);
	return (s);
}
