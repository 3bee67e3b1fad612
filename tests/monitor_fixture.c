/*
 * The register behind the Tolkemonitor tests (check_monitor.c,
 * check_tkmon.c, check_delivery.c), with its indicators worked out by
 * hand below, field by field.
 *
 * Register: bodies OUS (health, Oslo, regular, full guidelines) and NAV
 * (welfare, Bergen, regular, no guidelines). Interpreters, all listed
 * since 2020: X (ara A, full time: 975 h a half-year), Y (ara E and
 * som E, part time: 487.5 h split 243.75 each), Z (tir C, occasional:
 * 195 h).
 *
 * 2026H1: ara (OUS) 1 completed A phone 60 min; 2 completed E on site
 * not remote 90; 3 completed unregistered (emergency) phone 30, child
 * used; 4 unfilled 60; 5 cancelled 120; 6 booked A video 60.
 *   requests 5, filled 4, filled_qualified 3 (A 2, E 1), unfilled 1,
 *   qualified_share 0.750, remote_share 0.750, demand 5.0 h,
 *   capacity 1218.75 h, coverage 1, needed 0;
 *   2025H2: 2 requests -> change_prev 1.500; 2025H1: 4 -> change_year
 *   0.250; requests in 2024H1..2025H2 -> not NEW.
 * som (NAV): 60 completed E phone 60 min in 2026H1, 40 in 2025H2:
 *   change_prev 0.500 exactly: RISING only with a threshold below 0.5;
 *   capacity 243.75 h, demand 60 h -> coverage 1.
 * tir (OUS): 60 open requests of 600 min on site, none before: NEW;
 *   demand 600 h, capacity 195 h -> coverage 97.5 / 600 = 0.1625:
 *   SHORTAGE; needed ceil((600 - 97.5) / 97.5) = 6.
 * LOV 2026H1: completed 63 (ara 3, som 60), qualified 62, share 0.984,
 *   emergency 1, child used 1, unfilled 1, remote 62 of 63.
 */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "monitor_fixture.h"
#include "tolkreg/body.h"
#include "tolkreg/category.h"
#include "tolkreg/error.h"
#include "tolkreg/interpreter.h"
#include "tolkreg/store.h"
#include "tolkreg/validate.h"

#define OUS	FX_OUS
#define NAV	FX_NAV

static struct store	*st;
static struct tk_error	 err;
static int64_t		 X;

static int64_t
interp(const char *fnr, enum availability a)
{
	struct interpreter_input	in = { "T", fnr, 'F', "t@example.no",
	    "91234567", "0301", (int)a, MOD_ALL };
	int64_t				regno;

	ck_assert_msg(interpreter_add(st, &in, &regno, &err) == 0, "%s",
	    err.msg);
	return (regno);
}

/* Insert n assignments directly; start is Oslo local time. */
static void
req(int n, const char *body, const char *lang, const char *start,
    int minutes, const char *modality, const char *state, const char *cat,
    int remote, int child, const char *exception)
{
	static const char	 sql[] = "INSERT INTO request (body, lang,"
	    " start, minutes, modality, municipality, state, category,"
	    " regno, busy_from, busy_to, remote, child_used, exception,"
	    " unregistered, created) VALUES (?1, ?2, ?3, ?4, ?5, '0301', ?6,"
	    " ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, 'test')";
	sqlite3_stmt		*s;
	time_t			 t;
	int			 i;

	ck_assert_int_eq(validate_datetime("start", start, &t, &err), 0);
	for (i = 0; i < n; i++) {
		s = store_stmt(st, sql, &err);
		ck_assert_ptr_nonnull(s);
		sqlite3_bind_text(s, 1, body, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, lang, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 3, (sqlite3_int64)t + i * 7200);
		sqlite3_bind_int(s, 4, minutes);
		sqlite3_bind_text(s, 5, modality, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 6, state, -1, SQLITE_STATIC);
		if (cat != NULL) {
			sqlite3_bind_text(s, 7, cat, -1, SQLITE_STATIC);
			sqlite3_bind_int64(s, 8, X);
			sqlite3_bind_int64(s, 9, (sqlite3_int64)t + i * 7200);
			sqlite3_bind_int64(s, 10, (sqlite3_int64)t + i * 7200 +
			    minutes * 60);
		}
		if (remote >= 0)
			sqlite3_bind_int(s, 11, remote);
		sqlite3_bind_int(s, 12, child);
		if (exception != NULL)
			sqlite3_bind_text(s, 13, exception, -1, SQLITE_STATIC);
		sqlite3_bind_int(s, 14, exception != NULL);
		ck_assert_msg(store_step_done(st, s, &err) == 0, "%s",
		    err.msg);
	}
}

/* The register above in a fresh database at path. Owned. */
struct store *
monitor_fixture_new(char path[256])
{
	int64_t			Y, Z;
	struct body_input	b1 = { OUS, "OUS", SECTOR_HEALTH, "0301", 1,
	    GUIDE_FULL };
	struct body_input	b2 = { NAV, "NAV Bergen", SECTOR_WELFARE,
	    "4601", 1, GUIDE_NONE };

	st = fixture_store_new(path);
	tk_error_clear(&err);
	ck_assert_int_eq(body_add(st, &b1, &err), 0);
	ck_assert_int_eq(body_add(st, &b2, &err), 0);
	X = interp("31129956715", AVAIL_FULL);
	Y = interp("15108695088", AVAIL_PART);
	Z = interp("01018012371", AVAIL_OCCASIONAL);
	fixture_credential(st, X, CRED_AUTHORISATION, "ara");
	fixture_credential(st, X, CRED_BACHELOR, "ara");
	fixture_credential(st, Y, CRED_BILINGUAL_TEST, "ara");
	fixture_credential(st, Y, CRED_TRANSLATOR, "som");
	fixture_credential(st, Y, CRED_TAO, NULL);
	fixture_credential(st, Z, CRED_AUTHORISATION, "tir");
	/* Listed since 2020, as the history would say. */
	fixture_exec(st, "UPDATE listing_event"
	    " SET at = '2020-01-01T00:00:00Z'");

	req(1, OUS, "ara", "2026-02-02T10:00", 60, "phone", "completed", "A",
	    1, 0, NULL);
	req(1, OUS, "ara", "2026-02-03T10:00", 90, "onsite", "completed", "E",
	    0, 0, NULL);
	req(1, OUS, "ara", "2026-02-04T10:00", 30, "phone", "completed", NULL,
	    1, 1, "emergency");
	req(1, OUS, "ara", "2026-02-05T10:00", 60, "phone", "unfilled", NULL,
	    -1, 0, NULL);
	req(1, OUS, "ara", "2026-02-06T10:00", 120, "phone", "cancelled",
	    NULL, -1, 0, NULL);
	req(1, OUS, "ara", "2026-06-30T22:00", 60, "video", "booked", "A",
	    -1, 0, NULL);
	req(2, OUS, "ara", "2025-09-01T10:00", 60, "phone", "completed", "A",
	    1, 0, NULL);
	req(4, OUS, "ara", "2025-03-01T10:00", 60, "phone", "completed", "A",
	    1, 0, NULL);
	req(60, NAV, "som", "2026-03-01T08:00", 60, "phone", "completed", "E",
	    1, 0, NULL);
	req(40, NAV, "som", "2025-10-01T08:00", 60, "phone", "completed", "E",
	    1, 0, NULL);
	req(60, OUS, "tir", "2026-04-01T08:00", 600, "onsite", "requested",
	    NULL, -1, 0, NULL);
	return (st);
}

/* Close the register and remove its files. */
void
monitor_fixture_free(struct store *s, const char *path)
{
	fixture_store_free(s, path);
	st = NULL;
}

