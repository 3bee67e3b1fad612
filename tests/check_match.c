/*
 * Requests, matching and booking on small hand-built registers: every
 * hard rule, every ranking step, each lifecycle transition, time zones,
 * and the stored ranking.
 */
#include "config.h"

#include <check.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_suites.h"
#include "tolkreg/availability.h"
#include "tolkreg/body.h"
#include "tolkreg/category.h"
#include "tolkreg/error.h"
#include "tolkreg/interpreter.h"
#include "tolkreg/match.h"
#include "tolkreg/output.h"
#include "tolkreg/request.h"
#include "tolkreg/store.h"

#define OUS	"974760673"	/* Oslo universitetssykehus */
#define NAV	"988077917"	/* a second body */

static struct store	*st;
static char		 path[256];
static struct tk_error	 err;
static int		 nfnr;

/* A valid fødselsnummer, a different one on every call. */
static void
next_fnr(char out[12])
{
	nfnr++;
	make_fnr(out, nfnr / 100 % 28 + 1, 1, 80, nfnr % 100 * 5 + 100);
}

/* An interpreter with a category in ara: 'A', 'C' or 'E'. */
static int64_t
interp(const char *name, char cat, char gender, const char *knr,
    unsigned int mods)
{
	struct interpreter_input	in = { name, NULL, gender,
	    "t@example.no", "91234567", knr, AVAIL_FULL, mods };
	struct credential_new		c = { 0, CRED_AUTHORISATION, "ara",
	    "2020-01-01", NULL };
	char				fnr[12];
	int64_t				regno, id;

	next_fnr(fnr);
	in.pnr = fnr;
	ck_assert_msg(interpreter_add(st, &in, &regno, &err) == 0, "%s",
	    err.msg);
	c.regno = regno;
	if (cat == 'E') {
		c.kind = CRED_BILINGUAL_TEST;
		ck_assert_int_eq(credential_add(st, &c, &id, &err), 0);
		c.kind = CRED_TAO;
		c.lang = NULL;
	} else if (cat == 'A') {
		ck_assert_int_eq(credential_add(st, &c, &id, &err), 0);
		c.kind = CRED_BACHELOR;
	}
	ck_assert_msg(credential_add(st, &c, &id, &err) == 0, "%s", err.msg);
	return (regno);
}

static void
setup(void)
{
	struct body_input	b1 = { OUS, "Oslo universitetssykehus",
	    SECTOR_HEALTH, "0301", 1, GUIDE_FULL };
	struct body_input	b2 = { NAV, "NAV Bergen", SECTOR_WELFARE,
	    "4601", 1, GUIDE_NONE };

	st = test_store_new(path);
	tk_error_clear(&err);
	nfnr = 0;
	ck_assert_int_eq(body_add(st, &b1, &err), 0);
	ck_assert_int_eq(body_add(st, &b2, &err), 0);
}

static void
teardown(void)
{
	test_store_free(st, path);
}

/* A request; start is local Oslo time. */
static int64_t
req(const char *start, int minutes, const char *modality, const char *knr,
    const char *case_ref)
{
	struct request_input	in = { OUS, "ara", start, NULL, modality,
	    knr, NULL, NULL, case_ref, NULL, 0 };
	char			m[16];
	int64_t			id;

	snprintf(m, sizeof(m), "%d", minutes);
	in.minutes = m;
	ck_assert_msg(request_add(st, &in, &id, &err) == 0, "%s", err.msg);
	return (id);
}

/* Run the match for request id into *m (released by the caller). */
static void
run(int64_t id, struct match_result *m)
{
	struct request	r;

	ck_assert_int_eq(request_get(st, id, &r, &err), 0);
	ck_assert_msg(match_run(st, &r, m, &err) == 0, "%s", err.msg);
}

/* The candidate with regno in m. */
static const struct candidate *
find(const struct match_result *m, int64_t regno)
{
	size_t	i;

	for (i = 0; i < m->n; i++) {
		if (m->c[i].regno == regno)
			return (&m->c[i]);
	}
	ck_abort_msg("regno %" PRId64 " not in the result", regno);
	return (NULL);
}

START_TEST(test_category_first)
{
	struct match_result	m;
	int64_t			e, c, a, id;

	e = interp("E", 'E', 'F', "0301", MOD_ALL);
	c = interp("C", 'C', 'F', "0301", MOD_ALL);
	a = interp("A", 'A', 'F', "0301", MOD_ALL);
	id = req("2030-03-04T10:00", 60, "phone", NULL, NULL);
	run(id, &m);
	ck_assert_int_eq(m.neligible, 3);
	ck_assert_int_eq(m.c[0].regno, a);
	ck_assert_int_eq(m.c[1].regno, c);
	ck_assert_int_eq(m.c[2].regno, e);
	ck_assert_int_eq(m.c[0].rank, 1);
	match_result_release(&m);
}
END_TEST

START_TEST(test_rule_listed_category_modality_gender)
{
	struct request_input	in = { OUS, "ara", "2030-03-04T10:00", "60",
	    "video", NULL, "C", "M", NULL, NULL, 0 };
	struct match_result	m;
	int64_t			ex, low, nomod, woman, ok, id;

	ex = interp("Excluded", 'A', 'M', "0301", MOD_ALL);
	low = interp("Low", 'E', 'M', "0301", MOD_ALL);
	nomod = interp("Phone only", 'A', 'M', "0301", MOD_PHONE);
	woman = interp("Woman", 'A', 'F', "0301", MOD_ALL);
	ok = interp("Ok", 'C', 'M', "0301", MOD_ALL);
	ck_assert_int_eq(interpreter_exclude(st, ex, "case", NULL, 1, &err),
	    0);
	ck_assert_int_eq(request_add(st, &in, &id, &err), 0);
	run(id, &m);
	ck_assert_int_eq(m.neligible, 1);
	ck_assert_int_eq(m.c[0].regno, ok);
	ck_assert_int_eq(find(&m, ex)->rule, RULE_LISTED);
	ck_assert_int_eq(find(&m, low)->rule, RULE_CATEGORY);
	ck_assert_int_eq(find(&m, nomod)->rule, RULE_MODALITY);
	ck_assert_int_eq(find(&m, woman)->rule, RULE_GENDER);
	ck_assert_int_eq(m.nrule[RULE_CATEGORY], 1);
	match_result_release(&m);
}
END_TEST

START_TEST(test_rule_exclude_conflict)
{
	struct request_input	in = { OUS, "ara", "2030-03-04T10:00", "60",
	    "phone", NULL, NULL, NULL, NULL, NULL, 0 };
	struct match_result	m;
	char			list[64];
	int64_t			a, b, c, id;

	a = interp("A", 'A', 'F', "0301", MOD_ALL);
	b = interp("B", 'A', 'F', "0301", MOD_ALL);
	c = interp("C", 'A', 'F', "0301", MOD_ALL);
	snprintf(list, sizeof(list), "%" PRId64, a);
	in.exclude = list;
	ck_assert_int_eq(request_add(st, &in, &id, &err), 0);
	ck_assert_int_eq(conflict_add(st, b, OUS, &err), 0);
	run(id, &m);
	ck_assert_int_eq(find(&m, a)->rule, RULE_EXCLUDED);
	ck_assert_int_eq(find(&m, b)->rule, RULE_CONFLICT);
	ck_assert_int_eq(find(&m, c)->rule, RULE_NONE);
	match_result_release(&m);
	/* A conflict with another body does not matter here. */
	ck_assert_int_eq(conflict_add(st, c, NAV, &err), 0);
	run(id, &m);
	ck_assert_int_eq(find(&m, c)->rule, RULE_NONE);
	match_result_release(&m);
}
END_TEST

START_TEST(test_rule_distance_and_bands)
{
	struct match_result	m;
	int64_t			oslo, lillestrom, bergen, tromso, id;

	oslo = interp("Oslo", 'A', 'F', "0301", MOD_ALL);
	lillestrom = interp("Lillestrøm", 'A', 'F', "3205", MOD_ALL);
	bergen = interp("Bergen", 'A', 'F', "4601", MOD_ALL);
	tromso = interp("Tromsø", 'A', 'F', "5501", MOD_ALL);
	id = req("2030-03-04T10:00", 60, "onsite", "0301", NULL);
	run(id, &m);
	ck_assert_int_eq(find(&m, oslo)->travel_minutes, MATCH_TRAVEL_MIN_MIN);
	ck_assert_int_eq(find(&m, oslo)->travel_band, 0);
	/* Lillestrøm is about 25 km away: band 1, so it comes second. */
	ck_assert_int_eq(find(&m, lillestrom)->travel_band, 1);
	ck_assert_int_eq(m.c[0].regno, oslo);
	ck_assert_int_eq(m.c[1].regno, lillestrom);
	ck_assert_int_ge(find(&m, bergen)->travel_minutes, 350);
	ck_assert_int_eq(find(&m, bergen)->rule, RULE_DISTANCE);
	ck_assert_int_eq(find(&m, tromso)->rule, RULE_DISTANCE);
	ck_assert_int_eq(m.neligible, 2);
	match_result_release(&m);
	/* Remote work has no travel. */
	id = req("2030-03-04T10:00", 60, "video", NULL, NULL);
	run(id, &m);
	ck_assert_int_eq(m.neligible, 4);
	ck_assert_int_eq(find(&m, tromso)->travel_minutes, 0);
	match_result_release(&m);
	ck_assert_int_eq(match_travel_band(30), 0);
	ck_assert_int_eq(match_travel_band(31), 1);
	ck_assert_int_eq(match_travel_band(120), 2);
	ck_assert_int_eq(match_travel_band(121), 3);
	ck_assert_int_eq(match_travel_minutes(0.0), MATCH_TRAVEL_MIN_MIN);
	ck_assert_int_eq(match_travel_minutes(100.0), 130);
}
END_TEST

START_TEST(test_rule_booked_with_travel)
{
	struct match_result	m;
	int64_t			a, first, later, apart, booked;

	a = interp("A", 'A', 'F', "0301", MOD_ALL);
	/* On site 10:00-11:00 in Oslo: taken 09:45-11:15. */
	first = req("2030-03-04T10:00", 60, "onsite", "0301", NULL);
	ck_assert_int_eq(booking_book(st, first, 0, &booked, &err), 0);
	ck_assert_int_eq(booked, a);
	/* A phone call at 11:10 collides with the travel home. */
	later = req("2030-03-04T11:10", 30, "phone", NULL, NULL);
	run(later, &m);
	ck_assert_int_eq(find(&m, a)->rule, RULE_BOOKED);
	match_result_release(&m);
	/* At 11:15 it does not. */
	apart = req("2030-03-04T11:15", 30, "phone", NULL, NULL);
	run(apart, &m);
	ck_assert_int_eq(find(&m, a)->rule, RULE_NONE);
	match_result_release(&m);
	/* Cancelling the first frees the time. */
	ck_assert_int_eq(request_cancel(st, first, "no longer needed", &err),
	    0);
	run(later, &m);
	ck_assert_int_eq(find(&m, a)->rule, RULE_NONE);
	match_result_release(&m);
}
END_TEST

START_TEST(test_rule_unavailable)
{
	struct match_result	m;
	int64_t			a, id, uid;

	a = interp("A", 'A', 'F', "0301", MOD_ALL);
	ck_assert_int_eq(unavailable_add(st, a, "2030-03-04T09:00",
	    "2030-03-04T10:00", "dentist", &uid, &err), 0);
	id = req("2030-03-04T10:00", 60, "phone", NULL, NULL);
	run(id, &m);
	ck_assert_int_eq(find(&m, a)->rule, RULE_NONE);	/* touching */
	match_result_release(&m);
	id = req("2030-03-04T09:30", 60, "phone", NULL, NULL);
	run(id, &m);
	ck_assert_int_eq(find(&m, a)->rule, RULE_UNAVAILABLE);
	match_result_release(&m);
}
END_TEST

START_TEST(test_continuity_then_band_then_fairness)
{
	struct match_result	m;
	int64_t			a, b, c, id, booked;

	a = interp("A", 'A', 'F', "0301", MOD_ALL);
	b = interp("B", 'A', 'F', "0301", MOD_ALL);
	c = interp("C", 'A', 'F', "3205", MOD_ALL);
	/* b did the earlier session on case 2030/1. */
	id = req("2030-03-01T10:00", 60, "phone", NULL, "2030/1");
	ck_assert_int_eq(booking_book(st, id, b, &booked, &err), 0);
	id = req("2030-03-04T10:00", 60, "phone", NULL, "2030/1");
	run(id, &m);
	ck_assert_int_eq(m.c[0].regno, b);
	ck_assert_int_eq(m.c[0].continuity, 1);
	match_result_release(&m);
	/* Another case: fairness puts b, who worked this month, last. */
	id = req("2030-03-04T10:00", 60, "phone", NULL, "2030/2");
	run(id, &m);
	ck_assert_int_eq(m.c[2].regno, b);
	ck_assert_int_eq(m.c[2].booked_minutes, 60);
	ck_assert_int_eq(m.c[0].regno, a);	/* then register number */
	ck_assert_int_eq(m.c[1].regno, c);
	match_result_release(&m);
	/*
	 * On site in Oslo six weeks later: the booking more than 30 days
	 * back no longer counts, and a comes first.
	 */
	id = req("2030-04-15T10:00", 60, "onsite", "0301", NULL);
	run(id, &m);
	ck_assert_int_eq(m.c[0].regno, a);
	ck_assert_int_eq(find(&m, b)->booked_minutes, 0);
	match_result_release(&m);
}
END_TEST

START_TEST(test_book_named_and_none)
{
	struct request_input	in = { OUS, "ara", "2030-03-04T10:00", "60",
	    "phone", NULL, "A", NULL, NULL, NULL, 0 };
	int64_t			a, e, id, id2, booked;
	struct table		*t;

	a = interp("A", 'A', 'F', "0301", MOD_ALL);
	e = interp("E", 'E', 'F', "0301", MOD_ALL);
	ck_assert_int_eq(request_add(st, &in, &id, &err), 0);
	/* The named interpreter must pass every hard rule. */
	ck_assert_int_eq(booking_book(st, id, e, &booked, &err), -1);
	ck_assert_int_eq(err.code, TK_E_INVALID);
	ck_assert_ptr_nonnull(strstr(err.msg, "category"));
	tk_error_clear(&err);
	ck_assert_int_eq(booking_book(st, id, 99999, &booked, &err), -1);
	ck_assert_int_eq(err.code, TK_E_INVALID);
	tk_error_clear(&err);
	ck_assert_int_eq(booking_book(st, id, a, &booked, &err), 0);
	ck_assert_int_eq(booked, a);
	{
		struct request	r;

		/* The category at booking is kept for Tolkemonitor. */
		ck_assert_int_eq(request_get(st, id, &r, &err), 0);
		ck_assert_int_eq(r.category, 'A');
		ck_assert_int_eq(r.regno, a);
	}
	/* Booking twice is a state conflict. */
	ck_assert_int_eq(booking_book(st, id, a, &booked, &err), -1);
	ck_assert_int_eq(err.code, TK_E_CONFLICT);
	tk_error_clear(&err);
	/* The same slot again: the named one is busy (75), no one else. */
	ck_assert_int_eq(request_add(st, &in, &id2, &err), 0);
	ck_assert_int_eq(booking_book(st, id2, a, &booked, &err), -1);
	ck_assert_int_eq(err.code, TK_E_CONFLICT);
	tk_error_clear(&err);
	ck_assert_int_eq(booking_book(st, id2, 0, &booked, &err), -1);
	ck_assert_int_eq(err.code, TK_E_UNAVAILABLE);
	ck_assert_ptr_nonnull(strstr(err.msg, "booked"));
	tk_error_clear(&err);
	/* The stored ranking explains the first booking. */
	t = table_new();
	ck_assert_int_eq(booking_ranking(st, id, t, &err), 0);
	ck_assert_int_eq(table_nrows(t), 2);
	ck_assert_str_eq(table_cell(t, 0, 0), "1");
	ck_assert_int_eq(strtoll(table_cell(t, 0, 1), NULL, 10), a);
	ck_assert_ptr_nonnull(strstr(table_cell(t, 1, 8), "category"));
	table_free(t);
}
END_TEST

START_TEST(test_lifecycle)
{
	struct completion	c = { NULL, 0, 0, 0, NULL };
	struct request		r;
	int64_t			a, id, booked;

	a = interp("A", 'A', 'F', "0301", MOD_ALL);
	id = req("2030-03-04T10:00", 60, "onsite", "0301", "K-1");
	/* requested: cannot be completed without a booking. */
	ck_assert_int_eq(request_complete(st, id, &c, &err), -1);
	ck_assert_int_eq(err.code, TK_E_CONFLICT);
	ck_assert_ptr_nonnull(strstr(err.msg, "requested"));
	tk_error_clear(&err);
	ck_assert_int_eq(booking_book(st, id, 0, &booked, &err), 0);
	ck_assert_int_eq(booked, a);
	/* booked: cannot be closed as unfilled. */
	ck_assert_int_eq(request_unfilled(st, id, "x", &err), -1);
	ck_assert_int_eq(err.code, TK_E_CONFLICT);
	tk_error_clear(&err);
	c.minutes = "75";
	c.child_used = 1;
	ck_assert_int_eq(request_complete(st, id, &c, &err), 0);
	ck_assert_int_eq(request_get(st, id, &r, &err), 0);
	ck_assert_int_eq(r.state, REQ_COMPLETED);
	ck_assert_int_eq(r.actual_minutes, 75);
	ck_assert_int_eq(r.child_used, 1);
	ck_assert_int_eq(r.remote, 0);
	ck_assert_str_eq(r.case_ref, "K-1");
	/* completed: final. */
	ck_assert_int_eq(request_cancel(st, id, "late", &err), -1);
	ck_assert_int_eq(err.code, TK_E_CONFLICT);
	ck_assert_ptr_nonnull(strstr(err.msg, "completed"));
	tk_error_clear(&err);

	/* requested -> unfilled; then final. */
	id = req("2030-03-05T10:00", 60, "phone", NULL, NULL);
	ck_assert_int_eq(request_unfilled(st, id, "no one free", &err), 0);
	ck_assert_int_eq(request_cancel(st, id, "x", &err), -1);
	tk_error_clear(&err);

	/* requested -> completed by an unregistered interpreter (§ 7). */
	id = req("2030-03-06T10:00", 60, "phone", NULL, NULL);
	c.minutes = NULL;
	c.child_used = 0;
	c.unregistered = 1;
	ck_assert_int_eq(request_complete(st, id, &c, &err), -1);
	ck_assert_str_eq(err.field, "unqualified_reason");
	tk_error_clear(&err);
	c.exception = "because";
	ck_assert_int_eq(request_complete(st, id, &c, &err), -1);
	ck_assert_str_eq(err.field, "unqualified_reason");
	tk_error_clear(&err);
	c.exception = "emergency";
	ck_assert_int_eq(request_complete(st, id, &c, &err), 0);
	ck_assert_int_eq(request_get(st, id, &r, &err), 0);
	ck_assert_int_eq(r.unregistered, 1);
	ck_assert_int_eq(r.exception, EXC_EMERGENCY);
	ck_assert_int_eq(r.remote, 1);		/* phone is remote (§ 8) */
	ck_assert_int_eq(r.regno, 0);

	/* booked -> cancelled. */
	id = req("2030-03-07T10:00", 60, "phone", NULL, NULL);
	ck_assert_int_eq(booking_book(st, id, 0, &booked, &err), 0);
	ck_assert_int_eq(request_cancel(st, id, "patient discharged", &err),
	    0);
	ck_assert_int_eq(request_get(st, id, &r, &err), 0);
	ck_assert_int_eq(r.state, REQ_CANCELLED);
	ck_assert_str_eq(r.close_reason, "patient discharged");
}
END_TEST

START_TEST(test_request_rules)
{
	struct request_input	in = { OUS, "ara", "2030-03-04T10:00", "60",
	    "onsite", NULL, NULL, NULL, NULL, NULL, 0 };
	struct request_input	bad;
	int64_t			id;

	ck_assert_int_eq(request_add(st, &in, &id, &err), -1);
	ck_assert_str_eq(err.field, "municipality");
	tk_error_clear(&err);
	bad = in;
	bad.municipality = "0301";
	bad.body = "914778271";		/* valid, but not registered */
	ck_assert_int_eq(request_add(st, &bad, &id, &err), -1);
	ck_assert_int_eq(err.code, TK_E_NOTFOUND);
	tk_error_clear(&err);
	bad = in;
	bad.municipality = "0301";
	bad.minutes = "0";
	ck_assert_int_eq(request_add(st, &bad, &id, &err), -1);
	ck_assert_str_eq(err.field, "minutes");
	tk_error_clear(&err);
	bad.minutes = "60";
	bad.start = "2030-03-31T02:30";		/* DST gap */
	ck_assert_int_eq(request_add(st, &bad, &id, &err), -1);
	ck_assert_str_eq(err.field, "start");
	tk_error_clear(&err);
	bad.start = "2030-03-04T10:00";
	bad.modality = "fax";
	ck_assert_int_eq(request_add(st, &bad, &id, &err), -1);
	ck_assert_str_eq(err.field, "modality");
	tk_error_clear(&err);
	bad.modality = "video";
	bad.exclude = "10001,x";
	ck_assert_int_eq(request_add(st, &bad, &id, &err), -1);
	ck_assert_str_eq(err.field, "exclude");
	tk_error_clear(&err);
	bad.exclude = NULL;
	bad.min_category = "F";
	ck_assert_int_eq(request_add(st, &bad, &id, &err), -1);
	ck_assert_str_eq(err.field, "min_category");
}
END_TEST

START_TEST(test_time_zones)
{
	struct request	r;
	int64_t		id;

	/* Winter: +01:00; summer: +02:00; an explicit offset wins. */
	id = req("2030-01-15T10:00", 60, "phone", NULL, NULL);
	ck_assert_int_eq(request_get(st, id, &r, &err), 0);
	ck_assert_int_eq(r.start, 1894698000);
	id = req("2030-07-15T10:00", 60, "phone", NULL, NULL);
	ck_assert_int_eq(request_get(st, id, &r, &err), 0);
	ck_assert_int_eq(r.start, 1910332800);
	id = req("2030-07-15T10:00Z", 60, "phone", NULL, NULL);
	ck_assert_int_eq(request_get(st, id, &r, &err), 0);
	ck_assert_int_eq(r.start, 1910340000);
}
END_TEST

START_TEST(test_dst_overlap)
{
	struct match_result	m;
	int64_t			a, id, booked;

	/*
	 * 26 October 2025: 02:00-03:00 happens twice. A two-hour booking
	 * from 01:30 summer time (23:30 UTC) ends at 02:30 winter time
	 * (01:30 UTC), so the interpreter is taken at 02:15+01:00 and free
	 * at 02:30+01:00, though both look earlier on the wall clock.
	 */
	a = interp("A", 'A', 'F', "0301", MOD_ALL);
	id = req("2025-10-26T01:30", 120, "phone", NULL, NULL);
	ck_assert_int_eq(booking_book(st, id, 0, &booked, &err), 0);
	id = req("2025-10-26T02:15+01:00", 10, "phone", NULL, NULL);
	run(id, &m);
	ck_assert_int_eq(find(&m, a)->rule, RULE_BOOKED);
	match_result_release(&m);
	id = req("2025-10-26T02:30+01:00", 10, "phone", NULL, NULL);
	run(id, &m);
	ck_assert_int_eq(find(&m, a)->rule, RULE_NONE);
	match_result_release(&m);
}
END_TEST

Suite *
match_suite(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("match");
	tc = tcase_create("rules");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_rule_listed_category_modality_gender);
	tcase_add_test(tc, test_rule_exclude_conflict);
	tcase_add_test(tc, test_rule_distance_and_bands);
	tcase_add_test(tc, test_rule_booked_with_travel);
	tcase_add_test(tc, test_rule_unavailable);
	suite_add_tcase(s, tc);

	tc = tcase_create("ranking");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_category_first);
	tcase_add_test(tc, test_continuity_then_band_then_fairness);
	tcase_add_test(tc, test_book_named_and_none);
	suite_add_tcase(s, tc);

	tc = tcase_create("lifecycle");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_lifecycle);
	tcase_add_test(tc, test_request_rules);
	tcase_add_test(tc, test_time_zones);
	tcase_add_test(tc, test_dst_overlap);
	suite_add_tcase(s, tc);
	return (s);
}
