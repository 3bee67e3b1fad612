/*
 * Single records as tables: a request, a public body, an interpreter's
 * full record for IMDi, and the public record the tolkebevis QR code
 * points at (tolkeloven § 17: what is not confidential may be
 * published). The CLI and the daemon both write these.
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>

#include "tolkreg/body.h"
#include "tolkreg/interpreter.h"
#include "tolkreg/output.h"
#include "tolkreg/record.h"
#include "tolkreg/register.h"
#include "tolkreg/request.h"
#include "tolkreg/validate.h"

const char *const record_interpreter_sections[] = { "languages",
    "credentials", "history", "warnings" };

/* Put "yes", "no" or "" for a -1/0/1 value. */
static void
put_tristate(struct table *t, int v)
{
	table_put(t, v < 0 ? "" : v ? "yes" : "no");
}

/* One request as a one-row table. */
void
record_request(const struct request *r, struct table *t)
{
	char	when[TIME_BUFLEN], mod[16], ex[1024];
	size_t	len = 0, i;

	table_col(t, "id", TCOL_INT);
	table_col(t, "body", TCOL_STR);
	table_col(t, "lang", TCOL_STR);
	table_col(t, "start", TCOL_STR);
	table_col(t, "minutes", TCOL_INT);
	table_col(t, "modality", TCOL_STR);
	table_col(t, "municipality", TCOL_NSTR);
	table_col(t, "min_category", TCOL_STR);
	table_col(t, "gender", TCOL_NSTR);
	table_col(t, "case_ref", TCOL_NSTR);
	table_col(t, "exclude", TCOL_NSTR);
	table_col(t, "urgent", TCOL_BOOL);
	table_col(t, "state", TCOL_STR);
	table_col(t, "regno", TCOL_INT);
	table_col(t, "travel_minutes", TCOL_INT);
	table_col(t, "unregistered", TCOL_BOOL);
	table_col(t, "actual_minutes", TCOL_INT);
	table_col(t, "remote", TCOL_NBOOL);
	table_col(t, "child_used", TCOL_NBOOL);
	table_col(t, "unqualified_reason", TCOL_NSTR);
	table_col(t, "close_reason", TCOL_NSTR);
	table_col(t, "created", TCOL_STR);
	table_row(t);
	table_put_int(t, r->id);
	table_put(t, r->body);
	table_put(t, r->lang);
	tk_time_format(r->start, when);
	table_put(t, when);
	table_put_int(t, r->minutes);
	modalities_format(r->modality, mod, sizeof(mod));
	table_put(t, mod);
	table_put(t, r->municipality);
	table_putf(t, "%c", r->min_category);
	table_putf(t, "%.1s", r->gender != 0 ? &r->gender : "");
	table_put(t, r->case_ref);
	ex[0] = '\0';
	for (i = 0; i < r->nexclude && len < sizeof(ex); i++)
		len += (size_t)snprintf(ex + len, sizeof(ex) - len, "%s%" PRId64,
		    i > 0 ? "," : "", r->exclude[i]);
	table_put(t, ex);
	table_put(t, r->urgent ? "yes" : "no");
	table_put(t, req_state_name(r->state));
	if (r->regno != 0) {
		table_put_int(t, r->regno);
		table_put_int(t, r->travel_minutes);
	} else {
		table_put(t, "");
		table_put(t, "");
	}
	table_put(t, r->unregistered ? "yes" : "no");
	if (r->actual_minutes >= 0)
		table_put_int(t, r->actual_minutes);
	else
		table_put(t, "");
	put_tristate(t, r->remote);
	put_tristate(t, r->child_used);
	table_put(t, r->exception >= 0 ?
	    req_exception_name((enum req_exception)r->exception) : "");
	table_put(t, r->close_reason);
	table_put(t, r->created);
}

/* One public body as a one-row table. */
void
record_body(const struct body *b, struct table *t)
{
	table_col(t, "orgnr", TCOL_STR);
	table_col(t, "name", TCOL_STR);
	table_col(t, "sector", TCOL_STR);
	table_col(t, "municipality", TCOL_STR);
	table_col(t, "regular", TCOL_BOOL);
	table_col(t, "guidelines", TCOL_STR);
	table_col(t, "created", TCOL_STR);
	table_row(t);
	table_put(t, b->orgnr);
	table_put(t, b->name);
	table_put(t, sector_name(b->sector));
	table_put(t, b->municipality);
	table_put(t, b->regular ? "yes" : "no");
	table_put(t, guidelines_name(b->guidelines));
	table_put(t, b->created);
}

/* Put "ara:A rus:C" from a register_languages() table as the next cell. */
static void
put_language_summary(struct table *t, const struct table *langs)
{
	char	buf[1024] = "";
	size_t	r, len = 0;

	for (r = 0; r < table_nrows(langs) && len < sizeof(buf); r++)
		len += (size_t)snprintf(buf + len, sizeof(buf) - len,
		    "%s%s:%s", r > 0 ? " " : "", table_cell(langs, r, 0),
		    table_cell(langs, r, 2));
	table_put(t, buf);
}

/* An interpreter's full record. */
int
record_interpreter(struct store *st, int64_t regno, const char *today,
    struct table *t, struct table *const *sec, struct tk_error *err)
{
	struct interpreter	in;
	char			mods[32];
	int			nwarn;

	if (interpreter_get(st, regno, &in, err) == -1 ||
	    warning_count_5y(st, regno, today, &nwarn, err) == -1 ||
	    register_languages(st, regno, sec[0], err) == -1 ||
	    register_credentials(st, regno, NULL, sec[1], err) == -1 ||
	    register_history(st, regno, sec[2], err) == -1 ||
	    register_warnings(st, regno, NULL, sec[3], err) == -1)
		return (-1);
	table_col(t, "regno", TCOL_INT);
	table_col(t, "name", TCOL_STR);
	table_col(t, "gender", TCOL_STR);
	table_col(t, "email", TCOL_STR);
	table_col(t, "phone", TCOL_STR);
	table_col(t, "municipality", TCOL_STR);
	table_col(t, "availability", TCOL_STR);
	table_col(t, "modalities", TCOL_STR);
	table_col(t, "status", TCOL_STR);
	table_col(t, "status_until", TCOL_NSTR);
	table_col(t, "listed", TCOL_BOOL);
	table_col(t, "warnings_5y", TCOL_INT);
	table_col(t, "warning_flag", TCOL_BOOL);
	table_col(t, "languages", TCOL_STR);
	table_row(t);
	table_put_int(t, in.regno);
	table_put(t, in.name);
	table_putf(t, "%c", in.gender);
	table_put(t, in.email);
	table_put(t, in.phone);
	table_put(t, in.municipality);
	table_put(t, availability_name(in.availability));
	modalities_format(in.modalities, mods, sizeof(mods));
	table_put(t, mods);
	table_put(t, listing_name(in.status));
	table_put(t, in.status_until);
	table_put(t, interpreter_effective(&in, today) == LIST_LISTED ?
	    "yes" : "no");
	table_put_int(t, nwarn);
	table_put(t, nwarn >= WARNING_FLAG_COUNT ? "yes" : "no");
	put_language_summary(t, sec[0]);
	return (0);
}

/* What anyone may see of an interpreter. */
int
record_public(struct store *st, int64_t regno, const char *today,
    struct table *t, struct table *langs, struct tk_error *err)
{
	struct interpreter	in;
	char			mods[32];

	if (interpreter_get(st, regno, &in, err) == -1 ||
	    register_languages(st, regno, langs, err) == -1)
		return (-1);
	table_col(t, "regno", TCOL_INT);
	table_col(t, "name", TCOL_STR);
	table_col(t, "gender", TCOL_STR);
	table_col(t, "municipality", TCOL_STR);
	table_col(t, "availability", TCOL_STR);
	table_col(t, "modalities", TCOL_STR);
	table_col(t, "status", TCOL_STR);
	table_col(t, "listed", TCOL_BOOL);
	table_col(t, "checked", TCOL_STR);
	table_row(t);
	table_put_int(t, in.regno);
	table_put(t, in.name);
	table_putf(t, "%c", in.gender);
	table_put(t, in.municipality);
	table_put(t, availability_name(in.availability));
	modalities_format(in.modalities, mods, sizeof(mods));
	table_put(t, mods);
	table_put(t, listing_name(interpreter_effective(&in, today)));
	table_put(t, interpreter_effective(&in, today) == LIST_LISTED ?
	    "yes" : "no");
	table_put(t, today);
	return (0);
}
