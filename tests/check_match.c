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
#include "fixture.h"
#include "ranking.h"
#include "tolkreg/availability.h"
#include "tolkreg/body.h"
#include "tolkreg/booking.h"
#include "tolkreg/category.h"
#include "tolkreg/error.h"
#include "tolkreg/geo.h"
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
	fixture_fnr(out, nfnr / 100 % 28 + 1, 1, 80, nfnr % 100 * 5 + 100);
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

	st = fixture_store_new(path);
	tk_error_clear(&err);
	nfnr = 0;
	ck_assert_int_eq(body_add(st, &b1, &err), 0);
	ck_assert_int_eq(body_add(st, &b2, &err), 0);
}

static void
teardown(void)
{
	fixture_store_free(st, path);
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

/* The rule that applies to regno on request id (RULE_NONE: eligible). */
static enum match_rule
find_rule(int64_t id, int64_t regno)
{
	struct match_result	m;
	enum match_rule		rule;

	run(id, &m);
	rule = find(&m, regno)->rule;
	match_result_release(&m);
	return (rule);
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
	ck_assert_int_eq(find(&m, oslo)->travel_minutes, GEO_TRAVEL_MIN_MIN);
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
	/*
	 * Travel is worked out once per site and home point: to a second
	 * site, and after a point has moved, it is still the distance's.
	 */
	id = req("2030-03-04T10:00", 60, "onsite", "4601", NULL);
	run(id, &m);
	ck_assert_int_eq(find(&m, bergen)->travel_minutes,
	    GEO_TRAVEL_MIN_MIN);
	ck_assert_int_eq(find(&m, oslo)->travel_minutes,
	    geo_travel_minutes(geo_haversine_km(59.98173, 10.73927,
	    60.36433, 5.39055)));
	match_result_release(&m);
	fixture_exec(st, "UPDATE municipality SET lat = 60.39, lon = 5.33"
	    " WHERE code = '3205'");
	run(id, &m);
	ck_assert_int_eq(find(&m, lillestrom)->travel_minutes,
	    geo_travel_minutes(geo_haversine_km(60.39, 5.33,
	    60.36433, 5.39055)));
	ck_assert_int_eq(find(&m, lillestrom)->rule, RULE_NONE);
	match_result_release(&m);
	ck_assert_int_eq(geo_travel_band(30), 0);
	ck_assert_int_eq(geo_travel_band(31), 1);
	ck_assert_int_eq(geo_travel_band(120), 2);
	ck_assert_int_eq(geo_travel_band(121), 3);
	ck_assert_int_eq(geo_travel_minutes(0.0), GEO_TRAVEL_MIN_MIN);
	ck_assert_int_eq(geo_travel_minutes(100.0), 130);
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

/* The rule on a for a phone request (no travel) at start for minutes. */
static enum match_rule
phone_rule(int64_t a, const char *start, int minutes)
{
	return (find_rule(req(start, minutes, "phone", NULL, NULL), a));
}

START_TEST(test_unavailable_boundaries)
{
	int64_t	a, b, id, uid;

	a = interp("A", 'A', 'F', "0301", MOD_ALL);
	b = interp("B", 'A', 'F', "0301", MOD_ALL);
	/* [10:00Z, 12:00Z); periods and requests are half-open. */
	ck_assert_int_eq(unavailable_add(st, a, "2030-06-03T10:00Z",
	    "2030-06-03T12:00Z", NULL, &uid, &err), 0);
	ck_assert_int_eq(phone_rule(a, "2030-06-03T10:00Z", 120),
	    RULE_UNAVAILABLE);				/* the same */
	ck_assert_int_eq(phone_rule(a, "2030-06-03T12:00Z", 60),
	    RULE_NONE);					/* touches after */
	ck_assert_int_eq(phone_rule(a, "2030-06-03T09:00Z", 60),
	    RULE_NONE);					/* touches before */
	ck_assert_int_eq(phone_rule(a, "2030-06-03T10:01Z", 118),
	    RULE_UNAVAILABLE);				/* inside */
	ck_assert_int_eq(phone_rule(a, "2030-06-03T09:00Z", 240),
	    RULE_UNAVAILABLE);				/* around */
	ck_assert_int_eq(phone_rule(a, "2030-06-03T09:00Z", 61),
	    RULE_UNAVAILABLE);				/* left edge */
	ck_assert_int_eq(phone_rule(a, "2030-06-03T11:59Z", 60),
	    RULE_UNAVAILABLE);				/* right edge */
	ck_assert_int_eq(phone_rule(a, "2030-06-03T12:01Z", 60),
	    RULE_NONE);					/* after */
	ck_assert_int_eq(phone_rule(a, "2030-06-03T08:00Z", 119),
	    RULE_NONE);					/* before */
	/* Another interpreter's period is not this one's. */
	ck_assert_int_eq(phone_rule(b, "2030-06-03T10:00Z", 120), RULE_NONE);
	/* A second period next to the first: both edges still hold. */
	ck_assert_int_eq(unavailable_add(st, a, "2030-06-03T14:00+02:00",
	    "2030-06-03T16:00+02:00", NULL, &id, &err), 0);
	ck_assert_int_eq(phone_rule(a, "2030-06-03T12:00Z", 1),
	    RULE_UNAVAILABLE);
	ck_assert_int_eq(phone_rule(a, "2030-06-03T14:00Z", 1), RULE_NONE);
	ck_assert_int_eq(unavailable_remove(st, a, uid, &err), 0);
	ck_assert_int_eq(phone_rule(a, "2030-06-03T10:00Z", 120), RULE_NONE);
	/* On site, travel home (15 min) is held against [12:00Z, 14:00Z). */
	ck_assert_int_eq(find_rule(req("2030-06-03T10:30Z", 76, "onsite",
	    "0301", NULL), a), RULE_UNAVAILABLE);	/* home at 12:01Z */
	ck_assert_int_eq(find_rule(req("2030-06-03T10:30Z", 75, "onsite",
	    "0301", NULL), a), RULE_NONE);		/* home at 12:00Z */
}
END_TEST

START_TEST(test_unavailable_dst)
{
	int64_t	a, uid;

	/*
	 * Summer time begins on Sunday 31 March 2030 at 02:00 local
	 * (01:00Z): noon on the 30th to noon on 1 April is 47 hours.
	 */
	a = interp("A", 'A', 'F', "0301", MOD_ALL);
	ck_assert_int_eq(unavailable_add(st, a, "2030-03-30T12:00",
	    "2030-04-01T12:00", NULL, &uid, &err), 0);
	/* Unavailable at 01:59 winter time and at 03:00 summer time. */
	ck_assert_int_eq(phone_rule(a, "2030-03-31T01:59", 1),
	    RULE_UNAVAILABLE);
	ck_assert_int_eq(phone_rule(a, "2030-03-31T03:00", 1),
	    RULE_UNAVAILABLE);
	/* The end is noon summer time (10:00Z), not an hour later. */
	ck_assert_int_eq(phone_rule(a, "2030-04-01T11:59", 1),
	    RULE_UNAVAILABLE);
	ck_assert_int_eq(phone_rule(a, "2030-04-01T12:00", 60), RULE_NONE);
	ck_assert_int_eq(phone_rule(a, "2030-03-30T11:00", 60), RULE_NONE);
	ck_assert_int_eq(phone_rule(a, "2030-04-01T10:00Z", 60), RULE_NONE);
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

/* Only an open request has candidates; match_run() ranks any. */
START_TEST(test_candidates_open_only)
{
	struct match_result	m;
	struct request		r;
	int64_t			a, id, booked;
	char			msg[TK_ERR_MSGLEN];

	a = interp("A", 'A', 'F', "0301", MOD_ALL);
	id = req("2030-03-04T10:00", 60, "onsite", "0301", NULL);
	ck_assert_int_eq(request_get(st, id, &r, &err), 0);
	ck_assert_msg(match_candidates(st, &r, &m, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(m.neligible, 1);
	match_result_release(&m);
	ck_assert_int_eq(booking_book(st, id, 0, &booked, &err), 0);
	ck_assert_int_eq(request_get(st, id, &r, &err), 0);
	ck_assert_int_eq(match_candidates(st, &r, &m, &err), -1);
	ck_assert_int_eq(err.code, TK_E_CONFLICT);
	ck_assert_str_eq(err.field, "state");
	snprintf(msg, sizeof(msg), "request %" PRId64 " is booked; only an"
	    " open request has candidates", id);
	ck_assert_str_eq(err.msg, msg);
	ck_assert_int_eq(m.n, 0);
	tk_error_clear(&err);
	/* Its own booking does not hold it against itself. */
	ck_assert_int_eq(match_run(st, &r, &m, &err), 0);
	ck_assert_int_eq(m.neligible, 1);
	ck_assert_int_eq(m.c[0].regno, a);
	match_result_release(&m);
}
END_TEST

/*
 * The stored ranking of id as one string of its cells; with now, the
 * ranking a match of it gives now instead.
 */
static char *
ranking_text(int64_t id, int now)
{
	struct match_result	 m;
	struct request		 rq;
	struct table		*t;
	char			*buf;
	size_t			 len = 0, r, c;

	t = table_new();
	if (now) {
		ck_assert_int_eq(request_get(st, id, &rq, &err), 0);
		ck_assert_int_eq(match_run(st, &rq, &m, &err), 0);
		match_table(&rq, &m, 0, 1, t);
		match_result_release(&m);
	} else
		ck_assert_msg(booking_ranking(st, id, t, &err) == 0, "%s",
		    err.msg);
	buf = calloc(1, 65536);
	ck_assert_ptr_nonnull(buf);
	for (r = 0; r < table_nrows(t); r++) {
		for (c = 0; c < 9; c++)
			len += (size_t)snprintf(buf + len, 65536 - len, "%s|",
			    table_cell(t, r, c));
		len += (size_t)snprintf(buf + len, 65536 - len, "\n");
	}
	table_free(t);
	return (buf);
}

START_TEST(test_ranking_formats)
{
	struct table	*t;
	sqlite3_stmt	*s;
	const char	*why, *p;
	int64_t		 a, id, booked;
	unsigned char	 v1[5 * 14];
	char		*bin, *json, rule[64];
	size_t		 len = 0, r, j, nv1;

	/* Eligible ones and several rules, on site. */
	a = interp("A", 'A', 'F', "0301", MOD_ALL);
	(void)interp("B", 'E', 'F', "0301", MOD_ALL);
	(void)interp("C", 'C', 'M', "4601", MOD_ALL);
	(void)interp("D", 'C', 'F', "3205", MOD_ALL);
	(void)interp("E", 'A', 'F', "0301", MOD_PHONE);
	id = req("2030-03-04T10:00", 60, "onsite", "0301", NULL);
	ck_assert_int_eq(booking_book(st, id, 0, &booked, &err), 0);
	ck_assert_int_eq(booked, a);
	ck_assert_int_eq(sqlite3_prepare_v2(store_db(st), "SELECT"
	    " typeof(ranking), length(ranking), format FROM ranking"
	    " WHERE request = ?1", -1, &s, NULL), SQLITE_OK);
	sqlite3_bind_int64(s, 1, id);
	ck_assert_int_eq(sqlite3_step(s), SQLITE_ROW);
	ck_assert_str_eq((const char *)sqlite3_column_text(s, 0), "blob");
	/* Format 2: at most 2 + 1 + 3 bytes a candidate here. */
	ck_assert_int_le(sqlite3_column_int(s, 1), 5 * 6);
	ck_assert_int_eq(sqlite3_column_int(s, 2), 2);
	sqlite3_finalize(s);
	bin = ranking_text(id, 0);
	/* The booking changes nothing in its own ranking. */
	json = ranking_text(id, 1);
	ck_assert_str_eq(bin, json);
	free(json);
	ck_assert_ptr_nonnull(strstr(bin, "excluded (distance)"));
	ck_assert_ptr_nonnull(strstr(bin, "excluded (modality)"));

	/* The same ranking as JSON text, as stored before schema 8. */
	t = table_new();
	ck_assert_int_eq(booking_ranking(st, id, t, &err), 0);
	json = calloc(1, 4096);
	ck_assert_ptr_nonnull(json);
	len = (size_t)snprintf(json, 4096, "[");
	for (r = 0; r < table_nrows(t); r++) {
		why = table_cell(t, r, 8);
		snprintf(rule, sizeof(rule), "eligible");
		if ((p = strchr(why, '(')) != NULL &&
		    strncmp(why, "excluded", 8) == 0)
			snprintf(rule, sizeof(rule), "%.*s",
			    (int)strcspn(p + 1, ")"), p + 1);
		len += (size_t)snprintf(json + len, 4096 - len,
		    "%s[%s,%s,\"%s\",\"%s\",%s,%s,%s]", r > 0 ? "," : "",
		    table_cell(t, r, 1), *table_cell(t, r, 0) != '\0' ?
		    table_cell(t, r, 0) : "0", rule, table_cell(t, r, 3),
		    *table_cell(t, r, 4) != '\0' ? table_cell(t, r, 4) : "0",
		    *table_cell(t, r, 5) != '\0' ? table_cell(t, r, 5) : "0",
		    table_cell(t, r, 6));
	}
	snprintf(json + len, 4096 - len, "]");
	/* And as the format 1 records of schema 8. */
	for (r = 0; r < table_nrows(t); r++) {
		unsigned char	*q = v1 + r * 14;
		uint64_t	 f[4];
		int		 k, b;

		f[0] = strtoull(table_cell(t, r, 1), NULL, 10);
		f[1] = strtoull(table_cell(t, r, 5), NULL, 10);
		f[2] = strtoull(table_cell(t, r, 4), NULL, 10);
		f[3] = strtoull(table_cell(t, r, 6), NULL, 10);
		for (k = 0, b = 0; k < 4; b += k < 2 ? 4 : 2, k++) {
			for (j = 0; j < (k < 2 ? 4 : 2); j++)
				q[b + j] = (unsigned char)(f[k] >> (8 * j));
		}
		why = table_cell(t, r, 8);
		q[12] = 0;
		for (k = 0; k < RULE_NRULES; k++) {
			snprintf(rule, sizeof(rule), "excluded (%s)",
			    match_rule_name((enum match_rule)k));
			if (strncmp(why, rule, strlen(rule)) == 0)
				q[12] = (unsigned char)(k + 1);
		}
		q[13] = (unsigned char)*table_cell(t, r, 3);
	}
	nv1 = table_nrows(t) * 14;
	table_free(t);
	/* Stored as the booking's JSON fallback stores it. */
	ck_assert_int_eq(ranking_write(st, id, json, strlen(json), 1, &err),
	    0);
	free(json);
	ck_assert_int_eq(sqlite3_prepare_v2(store_db(st), "SELECT format,"
	    " typeof(ranking) FROM ranking WHERE request = ?1", -1, &s, NULL),
	    SQLITE_OK);
	sqlite3_bind_int64(s, 1, id);
	ck_assert_int_eq(sqlite3_step(s), SQLITE_ROW);
	ck_assert_int_eq(sqlite3_column_int(s, 0), 1);
	ck_assert_str_eq((const char *)sqlite3_column_text(s, 1), "text");
	sqlite3_finalize(s);
	json = ranking_text(id, 0);
	ck_assert_str_eq(bin, json);
	free(json);
	ck_assert_int_eq(sqlite3_prepare_v2(store_db(st), "UPDATE ranking SET"
	    " ranking = ?2, format = 1 WHERE request = ?1", -1, &s, NULL),
	    SQLITE_OK);
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_blob(s, 2, v1, (int)nv1, SQLITE_STATIC);
	ck_assert_int_eq(sqlite3_step(s), SQLITE_DONE);
	sqlite3_finalize(s);
	json = ranking_text(id, 0);
	ck_assert_str_eq(bin, json);
	free(json);
	/* A record cut short is damage, said so. */
	ck_assert_int_eq(sqlite3_prepare_v2(store_db(st), "UPDATE ranking SET"
	    " ranking = substr(ranking, 1, 20) WHERE request = ?1", -1, &s,
	    NULL), SQLITE_OK);
	sqlite3_bind_int64(s, 1, id);
	ck_assert_int_eq(sqlite3_step(s), SQLITE_DONE);
	sqlite3_finalize(s);
	t = table_new();
	ck_assert_int_eq(booking_ranking(st, id, t, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "damaged"));
	table_free(t);
	free(bin);
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

/*
 * The match cache. A long-lived store keeps what it read (match.c); each
 * answer must be the one a store that has read nothing gives, whatever
 * changed in between and through whichever connection.
 */

/* A second connection to the same database. */
static struct store *
other(void)
{
	struct store	*o = fixture_store_open(path);

	store_set_actor(o, "other");
	return (o);
}

/* Whether regno has a booking overlapping [from, to), not request id. */
static int
ref_booked(struct store *s, int64_t regno, int64_t id, int64_t from,
    int64_t to)
{
	sqlite3_stmt	*q;
	int		 v;

	ck_assert_int_eq(sqlite3_prepare_v2(store_db(s), "SELECT EXISTS"
	    " (SELECT 1 FROM request WHERE regno = ?1 AND id <> ?2"
	    " AND state IN ('booked', 'completed')"
	    " AND busy_from < ?4 AND busy_to > ?3)", -1, &q, NULL), SQLITE_OK);
	sqlite3_bind_int64(q, 1, regno);
	sqlite3_bind_int64(q, 2, id);
	sqlite3_bind_int64(q, 3, from);
	sqlite3_bind_int64(q, 4, to);
	ck_assert_int_eq(sqlite3_step(q), SQLITE_ROW);
	v = sqlite3_column_int(q, 0);
	sqlite3_finalize(q);
	return (v);
}

/* Whether regno declared unavailability overlapping [from, to). */
static int
ref_unavailable(struct store *s, int64_t regno, int64_t from, int64_t to)
{
	sqlite3_stmt	*q;
	int		 v;

	ck_assert_int_eq(sqlite3_prepare_v2(store_db(s), "SELECT EXISTS"
	    " (SELECT 1 FROM unavailability WHERE regno = ?1"
	    " AND start < ?3 AND end > ?2)", -1, &q, NULL), SQLITE_OK);
	sqlite3_bind_int64(q, 1, regno);
	sqlite3_bind_int64(q, 2, from);
	sqlite3_bind_int64(q, 3, to);
	ck_assert_int_eq(sqlite3_step(q), SQLITE_ROW);
	v = sqlite3_column_int(q, 0);
	sqlite3_finalize(q);
	return (v);
}

/* Minutes regno has booked with a start in the 30 days before start. */
static int
ref_fair(struct store *s, int64_t regno, int64_t start)
{
	sqlite3_stmt	*q;
	int		 v;

	ck_assert_int_eq(sqlite3_prepare_v2(store_db(s), "SELECT"
	    " coalesce(sum(minutes), 0) FROM request WHERE regno = ?1"
	    " AND state IN ('booked', 'completed')"
	    " AND start >= ?2 - 30 * 86400 AND start < ?2", -1, &q, NULL),
	    SQLITE_OK);
	sqlite3_bind_int64(q, 1, regno);
	sqlite3_bind_int64(q, 2, start);
	ck_assert_int_eq(sqlite3_step(q), SQLITE_ROW);
	v = sqlite3_column_int(q, 0);
	sqlite3_finalize(q);
	return (v);
}

/* Rows of the match log about regno. */
static int
count_log(struct store *s, int64_t regno)
{
	return ((int)fixture_int_id(s, "SELECT count(*) FROM match_log"
	    " WHERE regno = ?1", regno));
}

/*
 * Match request id on the long-lived store st and on a new connection
 * that has read nothing: the results must be the same, field by field,
 * and the rules on time must agree with plain queries.
 */
static void
same_as_fresh(int64_t id)
{
	struct match_result	 warm, cold;
	const struct candidate	*w, *c;
	struct store		*fresh;
	struct request		 r;
	size_t			 i;
	int64_t			 from, to;

	ck_assert_int_eq(request_get(st, id, &r, &err), 0);
	ck_assert_msg(match_run(st, &r, &warm, &err) == 0, "%s", err.msg);
	fresh = other();
	ck_assert_msg(match_run(fresh, &r, &cold, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(warm.n, cold.n);
	ck_assert_int_eq(warm.neligible, cold.neligible);
	for (i = 0; i < RULE_NRULES; i++)
		ck_assert_int_eq(warm.nrule[i], cold.nrule[i]);
	for (i = 0; i < cold.n; i++) {
		w = &warm.c[i];
		c = &cold.c[i];
		ck_assert_int_eq(w->regno, c->regno);
		ck_assert_str_eq(w->name, c->name);
		ck_assert_int_eq(w->category, c->category);
		ck_assert_int_eq(w->rule, c->rule);
		ck_assert_int_eq(w->continuity, c->continuity);
		ck_assert_int_eq(w->travel_minutes, c->travel_minutes);
		ck_assert_int_eq(w->travel_band, c->travel_band);
		ck_assert_int_eq(w->booked_minutes, c->booked_minutes);
		ck_assert_int_eq(w->rank, c->rank);
		if (c->rule != RULE_NONE && c->rule != RULE_BOOKED &&
		    c->rule != RULE_UNAVAILABLE)
			continue;
		from = (int64_t)r.start - c->travel_minutes * 60;
		to = (int64_t)r.start + (r.minutes + c->travel_minutes) * 60;
		ck_assert_int_eq(ref_booked(fresh, c->regno, r.id, from, to),
		    c->rule == RULE_BOOKED);
		if (c->rule != RULE_BOOKED)
			ck_assert_int_eq(ref_unavailable(fresh, c->regno, from,
			    to), c->rule == RULE_UNAVAILABLE);
		if (c->rule == RULE_NONE)
			ck_assert_int_eq(ref_fair(fresh, c->regno, r.start),
			    c->booked_minutes);
	}
	match_result_release(&warm);
	match_result_release(&cold);
	store_close(fresh);
}

/*
 * Inside an open transaction on w: when w is the long-lived store, match
 * there (what it keeps now includes uncommitted writes, to be forgotten
 * on rollback) and check the rules on time against plain queries.
 */
static void
same_as_fresh_in(struct store *w, int64_t id)
{
	struct match_result	 m;
	const struct candidate	*c;
	struct request		 r;
	size_t			 i;
	int64_t			 from, to;

	if (w != st)
		return;
	ck_assert_int_eq(request_get(st, id, &r, &err), 0);
	ck_assert_msg(match_run(st, &r, &m, &err) == 0, "%s", err.msg);
	for (i = 0; i < m.n; i++) {
		c = &m.c[i];
		if (c->rule != RULE_NONE && c->rule != RULE_UNAVAILABLE)
			continue;
		from = (int64_t)r.start - c->travel_minutes * 60;
		to = (int64_t)r.start + (r.minutes + c->travel_minutes) * 60;
		if (!ref_booked(st, c->regno, r.id, from, to))
			ck_assert_int_eq(ref_unavailable(st, c->regno, from,
			    to), c->rule == RULE_UNAVAILABLE);
	}
	match_result_release(&m);
}

START_TEST(test_cache_changes_elsewhere)
{
	struct completion	 done = { NULL, 0, 0, 0, NULL };
	struct credential_new	 cr = { 0, CRED_AUTHORISATION, "ara",
	    "2020-01-01", NULL };
	struct store		*mine, *o;
	int64_t			 a, b, c, d, id, first, second, uid, booked;

	a = interp("A", 'A', 'F', "0301", MOD_ALL);
	b = interp("B", 'C', 'M', "0301", MOD_ALL);
	c = interp("C", 'E', 'F', "3205", MOD_ALL);
	id = req("2030-03-04T10:00", 60, "onsite", "0301", "K-9");
	first = req("2030-03-04T10:30", 60, "phone", NULL, "K-9");
	second = req("2030-02-20T10:00", 90, "video", NULL, NULL);
	same_as_fresh(id);		/* the cache is warm from here on */
	mine = st;
	o = other();
	st = o;				/* the helpers write through o */

	/* A booking elsewhere. */
	ck_assert_int_eq(booking_book(o, first, a, &booked, &err), 0);
	st = mine;
	same_as_fresh(id);
	ck_assert_int_eq(find_rule(id, a), RULE_BOOKED);
	/* A cancellation. */
	ck_assert_int_eq(request_cancel(o, first, "x", &err), 0);
	same_as_fresh(id);
	ck_assert_int_eq(find_rule(id, a), RULE_NONE);
	/* A completion (fairness counts it). */
	ck_assert_int_eq(booking_book(o, second, b, &booked, &err), 0);
	same_as_fresh(id);
	ck_assert_int_eq(request_complete(o, second, &done, &err), 0);
	same_as_fresh(id);
	/* New and removed unavailability. */
	ck_assert_int_eq(unavailable_add(o, a, "2030-03-04T09:00",
	    "2030-03-04T09:50", NULL, &uid, &err), 0);
	same_as_fresh(id);
	ck_assert_int_eq(find_rule(id, a), RULE_UNAVAILABLE);
	ck_assert_int_eq(unavailable_remove(o, a, uid, &err), 0);
	same_as_fresh(id);
	/* A credential change: c becomes category A. */
	cr.regno = c;
	ck_assert_int_eq(credential_add(o, &cr, &uid, &err), 0);
	same_as_fresh(id);
	/* A suspension, and the reinstatement. */
	ck_assert_int_eq(interpreter_exclude(o, b, "case", NULL, 1, &err), 0);
	same_as_fresh(id);
	ck_assert_int_eq(find_rule(id, b), RULE_LISTED);
	ck_assert_int_eq(interpreter_reinstate(o, b, "done", &err), 0);
	same_as_fresh(id);
	/* An interpreter added. */
	st = o;
	d = interp("D", 'A', 'M', "0301", MOD_ALL);
	st = mine;
	same_as_fresh(id);
	ck_assert_int_eq(find_rule(id, d), RULE_NONE);
	store_close(o);
}
END_TEST

START_TEST(test_cache_own_transaction)
{
	struct store	*o;
	int64_t		 a, b, c, one, two, three, booked, booked2, uid;

	a = interp("A", 'A', 'F', "0301", MOD_ALL);
	b = interp("B", 'C', 'F', "0301", MOD_ALL);
	c = interp("C", 'C', 'F', "0301", MOD_PHONE);
	ck_assert_int_eq(unavailable_add(st, c, "2030-03-04T00:00",
	    "2030-03-05T00:00", NULL, &uid, &err), 0);
	one = req("2030-03-04T10:00", 60, "phone", NULL, NULL);
	two = req("2030-03-04T10:00", 60, "phone", NULL, NULL);
	three = req("2030-03-04T10:30", 30, "phone", NULL, NULL);
	same_as_fresh(three);
	/* Bookings one after another in one transaction see each other. */
	ck_assert_int_eq(store_begin(st, &err), 0);
	ck_assert_int_eq(booking_book(st, one, 0, &booked, &err), 0);
	ck_assert_int_eq(booked, a);
	ck_assert_int_eq(booking_book(st, two, 0, &booked2, &err), 0);
	ck_assert_int_eq(booked2, b);
	ck_assert_int_eq(booking_book(st, three, 0, &booked, &err), -1);
	ck_assert_int_eq(err.code, TK_E_UNAVAILABLE);
	tk_error_clear(&err);
	/*
	 * Rolled back: none of it happened, and another connection's
	 * writes now take the log's numbers the cache saw.
	 */
	store_rollback(st);
	o = other();
	ck_assert_int_eq(unavailable_remove(o, c, uid, &err), 0);
	ck_assert_int_eq(unavailable_add(o, c, "2031-01-01T10:00",
	    "2031-01-01T11:00", NULL, &uid, &err), 0);
	store_close(o);
	same_as_fresh(three);
	ck_assert_int_eq(find_rule(three, c), RULE_NONE);
	ck_assert_int_eq(find_rule(three, a), RULE_NONE);
	ck_assert_int_eq(find_rule(three, b), RULE_NONE);
	/* An interpreter added in a transaction rolled back was never. */
	ck_assert_int_eq(store_begin(st, &err), 0);
	ck_assert_int_eq(find_rule(three, interp("X", 'A', 'M', "0301",
	    MOD_ALL)), RULE_NONE);
	store_rollback(st);
	same_as_fresh(three);
	/* Committed: it did. */
	ck_assert_int_eq(store_begin(st, &err), 0);
	ck_assert_int_eq(booking_book(st, one, 0, &booked, &err), 0);
	ck_assert_int_eq(store_commit(st, &err), 0);
	same_as_fresh(three);
	ck_assert_int_eq(find_rule(three, a), RULE_BOOKED);
}
END_TEST

START_TEST(test_cache_log_pruned)
{
	struct store	*o;
	int64_t		 a, c, id, uid;
	int		 i;

	a = interp("A", 'A', 'F', "0301", MOD_ALL);
	c = interp("C", 'A', 'F', "0301", MOD_ALL);
	id = req("2030-03-04T10:00", 60, "phone", NULL, NULL);
	o = other();
	/* Keep five rows, pruned every fourth. */
	fixture_exec(o, "DROP TRIGGER"
	    " match_log_prune; CREATE TRIGGER match_log_prune AFTER INSERT"
	    " ON match_log WHEN NEW.seq % 4 = 0 BEGIN DELETE FROM match_log"
	    " WHERE seq <= NEW.seq - 5; END");
	same_as_fresh(id);
	for (i = 0; i < 6; i++) {
		ck_assert_int_eq(unavailable_add(o, c, "2030-03-04T09:00",
		    "2030-03-04T10:30", NULL, &uid, &err), 0);
		if (i % 3 == 2)
			same_as_fresh(id);
		ck_assert_int_eq(unavailable_remove(o, c, uid, &err), 0);
		if (i % 4 == 1)
			same_as_fresh(id);
	}
	/*
	 * a's change is pruned from the log before the cache looks again:
	 * only the gap tells that something is missing.
	 */
	ck_assert_int_eq(unavailable_add(o, a, "2030-03-04T09:00",
	    "2030-03-04T10:30", NULL, &uid, &err), 0);
	for (i = 0; i < 6; i++) {
		ck_assert_int_eq(unavailable_add(o, c, "2030-03-05T09:00",
		    "2030-03-05T10:30", NULL, &uid, &err), 0);
		ck_assert_int_eq(unavailable_remove(o, c, uid, &err), 0);
	}
	ck_assert_int_lt(count_log(o, a), 1);
	same_as_fresh(id);
	ck_assert_int_eq(find_rule(id, a), RULE_UNAVAILABLE);
	store_close(o);
}
END_TEST

/* A small deterministic generator for the randomized test. */
static uint64_t	rnd_state;

static unsigned int
rnd(unsigned int n)
{
	rnd_state = rnd_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return ((unsigned int)(rnd_state >> 33) % n);
}

START_TEST(test_cache_randomized)
{
	static const char	*knr[] = { "0301", "3205", "4601", "0301" };
	static const char	*mods[] = { "onsite", "video", "phone" };
	static const unsigned int mset[] = { MOD_ALL, MOD_ALL, MOD_PHONE,
	    MOD_ONSITE | MOD_VIDEO };
	struct completion	 done = { NULL, 0, 0, 0, NULL };
	struct store		*o, *w;
	int64_t			 in[10], rq[160], un[40], booked;
	char			 when[32], name[16];
	size_t			 nrq = 0, nun = 0, i;
	int			 step, k;

	rnd_state = 4;
	for (i = 0; i < 10; i++) {
		snprintf(name, sizeof(name), "I%zu", i);
		in[i] = interp(name, "ACE"[rnd(3)], "FM"[rnd(2)],
		    knr[rnd(4)], mset[rnd(4)]);
	}
	o = other();
	for (step = 0; step < 150; step++) {
		/* Half the writes through st, half through another store. */
		w = rnd(2) ? st : o;
		k = (int)rnd(8);
		if ((k <= 2 || nrq == 0) && nrq < 160) {
			struct request_input	ri = { OUS, "ara", when, "60",
			    NULL, NULL, NULL, NULL, NULL, NULL, 0 };
			char			m[8];

			snprintf(when, sizeof(when), "2030-%02u-%02uT%02u:%02u",
			    3 + rnd(4), 1 + rnd(6), 7 + rnd(10), rnd(4) * 15);
			snprintf(m, sizeof(m), "%u", 15 + rnd(8) * 30);
			ri.minutes = m;
			ri.modality = mods[rnd(3)];
			ri.municipality = strcmp(ri.modality, "onsite") == 0 ?
			    knr[rnd(3)] : NULL;
			ri.case_ref = rnd(2) ? "R-1" : NULL;
			ck_assert_msg(request_add(w, &ri, &rq[nrq], &err) == 0,
			    "%s", err.msg);
			nrq++;
		}
		i = rnd((unsigned int)nrq);
		if (k == 3 || k == 4) {
			struct request		r;
			struct match_result	m;
			int64_t			named = rnd(3) == 0 ?
			    in[rnd(10)] : 0;

			/* The best is the first of the ranking match shows. */
			memset(&m, 0, sizeof(m));
			if (request_get(w, rq[i], &r, &err) == 0)
				ck_assert_msg(match_run(w, &r, &m, &err) == 0,
				    "%s", err.msg);
			tk_error_clear(&err);
			if (booking_book(w, rq[i], named, &booked, &err) == -1)
				tk_error_clear(&err);
			else if (named == 0)
				ck_assert_int_eq(booked, m.c[0].regno);
			match_result_release(&m);
		} else if (k == 5) {
			if (request_cancel(w, rq[i], "x", &err) == -1 &&
			    request_complete(w, rq[i], &done, &err) == -1)
				tk_error_clear(&err);
			tk_error_clear(&err);
		} else if (k == 6 && nun < 40) {
			char	end[32];
			unsigned int	mon = 3 + rnd(4);

			snprintf(when, sizeof(when), "2030-%02u-%02uT%02u:00",
			    mon, 1 + rnd(6), 7 + rnd(10));
			snprintf(end, sizeof(end), "2030-%02u-07T23:00", mon);
			if (unavailable_add(w, in[rnd(10)], when, end, NULL,
			    &un[nun], &err) == 0)
				nun++;
			tk_error_clear(&err);
		} else if (k == 7 && nun > 0) {
			char	sql[96];

			/* Remove one period, in a transaction. */
			i = rnd((unsigned int)nun);
			ck_assert_int_eq(sqlite3_exec(store_db(w), "BEGIN",
			    NULL, NULL, NULL), SQLITE_OK);
			snprintf(sql, sizeof(sql), "DELETE FROM unavailability"
			    " WHERE id = %" PRId64, un[i]);
			ck_assert_int_eq(sqlite3_exec(store_db(w), sql, NULL,
			    NULL, NULL), SQLITE_OK);
			/* A match inside it sees the deletion. */
			same_as_fresh_in(w, rq[rnd((unsigned int)nrq)]);
			/* Now and then the deletion is rolled back. */
			ck_assert_int_eq(sqlite3_exec(store_db(w), rnd(3) ?
			    "COMMIT" : "ROLLBACK", NULL, NULL, NULL),
			    SQLITE_OK);
		}
		same_as_fresh(rq[rnd((unsigned int)nrq)]);
	}
	store_close(o);
}
END_TEST

/*
 * The ranking policy as tolkreg(1) states it, read independently of
 * match.c: the eligible first, by category (A first), continuity (most
 * first), travel band (nearest first), booked minutes (fewest first),
 * register number; then the excluded, by rule, then register number.
 */
static int
policy_cmp(const void *va, const void *vb)
{
	const struct candidate	*a = va, *b = vb;

	if ((a->rule == RULE_NONE) != (b->rule == RULE_NONE))
		return (a->rule == RULE_NONE ? -1 : 1);
	if (a->rule != RULE_NONE) {
		if (a->rule != b->rule)
			return (a->rule < b->rule ? -1 : 1);
	} else {
		if (a->category != b->category)
			return (a->category < b->category ? -1 : 1);
		if (a->continuity != b->continuity)
			return (a->continuity > b->continuity ? -1 : 1);
		if (a->travel_band != b->travel_band)
			return (a->travel_band < b->travel_band ? -1 : 1);
		if (a->booked_minutes != b->booked_minutes)
			return (a->booked_minutes < b->booked_minutes ? -1 :
			    1);
	}
	return ((a->regno > b->regno) - (a->regno < b->regno));
}

/*
 * match_rank_order() against the policy on random candidates: small
 * figures in register-number order (the order the matching core reads
 * them in), figures past any field's width, and shuffled numbers.
 */
START_TEST(test_rank_order_randomized)
{
	struct match_result	 m;
	struct candidate	*want;
	char			*names;
	size_t			 n, i, j, elig;
	int			 round, wide, shuffled;

	rnd_state = 11;
	for (round = 0; round < 600; round++) {
		n = 1 + rnd(round < 500 ? 60 : 3000);
		wide = round % 3 == 1;
		shuffled = round % 3 == 2;
		memset(&m, 0, sizeof(m));
		m.c = calloc(n, sizeof(*m.c));
		m.names = names = malloc(n * 24);
		m.n = n;
		for (i = 0, elig = 0; i < n; i++) {
			struct candidate *c = &m.c[i];

			c->regno = 10000 + (int64_t)i * (1 + rnd(3));
			if (i > 0 && c->regno <= m.c[i - 1].regno)
				c->regno = m.c[i - 1].regno + 1;
			snprintf(names + i * 24, 24, "n%zu", i);
			c->name = names + i * 24;
			c->rule = rnd(4) == 0 ? (enum match_rule)(1 +
			    rnd(RULE_NRULES - 1)) : RULE_NONE;
			c->category = (char)('A' + rnd(5));
			c->continuity = wide && rnd(4) == 0 ?
			    4000 + (int)rnd(200) : (int)rnd(3);
			c->travel_band = (int)rnd(4);
			c->booked_minutes = wide && rnd(4) == 0 ?
			    131000 + (int)rnd(200) : (int)rnd(5) * 60;
			elig += c->rule == RULE_NONE;
		}
		if (shuffled) {
			for (i = n; i > 1; i--) {
				struct candidate tmp;

				j = rnd((unsigned int)i);
				tmp = m.c[i - 1];
				m.c[i - 1] = m.c[j];
				m.c[j] = tmp;
			}
		}
		want = malloc(n * sizeof(*want));
		memcpy(want, m.c, n * sizeof(*want));
		qsort(want, n, sizeof(*want), policy_cmp);
		match_rank_order(&m);
		ck_assert_uint_eq(m.neligible, elig);
		for (i = 0; i < n; i++) {
			ck_assert_msg(m.c[i].regno == want[i].regno,
			    "round %d: place %zu has %" PRId64 ", the policy"
			    " says %" PRId64, round, i, m.c[i].regno,
			    want[i].regno);
			ck_assert_str_eq(m.c[i].name, want[i].name);
			ck_assert_int_eq(m.c[i].rank, i < elig ?
			    (int)i + 1 : 0);
		}
		free(want);
		match_result_release(&m);
	}
}
END_TEST

/* A figure for the format 2 test: small, or at a varint's edges. */
static int
fig(void)
{
	static const int	 edge[] = { 0, 1, 127, 128, 16383, 16384,
	    2097151, 2097152, INT32_MAX };

	return (rnd(3) == 0 ? edge[rnd(9)] : (int)rnd(300));
}

/*
 * Format 2 (ranking.h) gives back every candidate, figure and place it
 * was given, on random rankings with figures at the varints' edges and
 * register numbers far apart; damage is refused.
 */
START_TEST(test_ranking_pack_randomized)
{
	static const unsigned char	 bad[][12] = {
		{ 5, 250 },			/* no such rule and figures */
		{ 5, 10, 0, 10 },		/* the same number twice */
		{ 5, 60 },			/* a figure missing */
		{ 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
		    0x80, 1 },			/* a varint too long */
	};
	static const size_t		 nbad[] = { 2, 4, 2, 12 };
	struct match_result		 m, back;
	unsigned char			*b;
	size_t				 n, i, len;
	int				 round;

	rnd_state = 5;
	for (round = 0; round < 400; round++) {
		n = rnd(round < 300 ? 40 : 2500);
		memset(&m, 0, sizeof(m));
		m.c = calloc(n > 0 ? n : 1, sizeof(*m.c));
		m.n = n;
		for (i = 0; i < n; i++) {
			struct candidate *c = &m.c[i];

			c->regno = (i > 0 ? m.c[i - 1].regno : 0) + 1 +
			    (rnd(10) == 0 ? (int64_t)rnd(1u << 22) :
			    (int64_t)rnd(40));
			c->name = "";
			c->rule = rnd(3) == 0 ? (enum match_rule)rnd(
			    RULE_NRULES) : RULE_NONE;
			c->category = (char)('A' + rnd(5));
			c->travel_minutes = fig();
			c->travel_band = geo_travel_band(c->travel_minutes);
			c->booked_minutes = fig();
			c->continuity = rnd(4) == 0 ? fig() : 0;
		}
		match_rank_order(&m);
		ck_assert_ptr_nonnull(b = ranking_pack(&m, &len));
		ck_assert_int_eq(ranking_unpack(b, len, &back), 0);
		ck_assert_uint_eq(back.n, m.n);
		ck_assert_uint_eq(back.neligible, m.neligible);
		for (i = 0; i < n; i++) {
			ck_assert_int_eq(back.c[i].regno, m.c[i].regno);
			ck_assert_int_eq(back.c[i].rule, m.c[i].rule);
			ck_assert_int_eq(back.c[i].category, m.c[i].category);
			ck_assert_int_eq(back.c[i].travel_minutes,
			    m.c[i].travel_minutes);
			ck_assert_int_eq(back.c[i].booked_minutes,
			    m.c[i].booked_minutes);
			ck_assert_int_eq(back.c[i].continuity,
			    m.c[i].continuity);
			ck_assert_int_eq(back.c[i].rank, m.c[i].rank);
		}
		for (i = 0; i < n; i++) {
			if (m.c[i].rule != RULE_NONE)
				back.nrule[m.c[i].rule]--;
		}
		for (i = 0; i < RULE_NRULES; i++)
			ck_assert_uint_eq(back.nrule[i], 0);
		free(back.c);
		/* Cut inside its last candidate, it is damaged. */
		if (n > 0)
			ck_assert_int_eq(ranking_unpack(b, len - 1, &back),
			    -1);
		free(b);
		match_result_release(&m);
	}
	for (i = 0; i < sizeof(nbad) / sizeof(nbad[0]); i++)
		ck_assert_int_eq(ranking_unpack(bad[i], nbad[i], &back), -1);
	/* A figure that does not fit format 2 is not packed. */
	memset(&m, 0, sizeof(m));
	m.c = calloc(1, sizeof(*m.c));
	m.n = m.neligible = 1;
	m.c[0].regno = 7;
	m.c[0].name = "";
	m.c[0].rule = RULE_NONE;
	m.c[0].category = 'A';
	m.c[0].booked_minutes = -1;
	ck_assert_ptr_null(ranking_pack(&m, &len));
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
	tcase_add_test(tc, test_unavailable_boundaries);
	tcase_add_test(tc, test_unavailable_dst);
	suite_add_tcase(s, tc);

	tc = tcase_create("ranking");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_category_first);
	tcase_add_test(tc, test_continuity_then_band_then_fairness);
	tcase_add_test(tc, test_book_named_and_none);
	tcase_add_test(tc, test_candidates_open_only);
	tcase_add_test(tc, test_ranking_formats);
	tcase_add_test(tc, test_rank_order_randomized);
	tcase_add_test(tc, test_ranking_pack_randomized);
	suite_add_tcase(s, tc);

	tc = tcase_create("lifecycle");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_lifecycle);
	tcase_add_test(tc, test_request_rules);
	tcase_add_test(tc, test_time_zones);
	tcase_add_test(tc, test_dst_overlap);
	suite_add_tcase(s, tc);

	tc = tcase_create("cache");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_cache_changes_elsewhere);
	tcase_add_test(tc, test_cache_own_transaction);
	tcase_add_test(tc, test_cache_log_pruned);
	tcase_add_test(tc, test_cache_randomized);
	suite_add_tcase(s, tc);
	return (s);
}
