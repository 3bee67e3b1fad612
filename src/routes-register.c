/*
 * GET /v1/health, GET /v1/register and GET /v1/register/{regno}: what
 * anyone may ask without a token. The search is the public register
 * search (tolkeloven § 17) and the record is what the tolkebevis QR
 * code points at, so that a clerk can see on the spot that an
 * interpreter is listed and in which languages and categories. Neither
 * ever shows a personal number or contact details.
 */
#include "config.h"

#include <inttypes.h>
#include <jansson.h>
#include <microhttpd.h>

#include "http.h"
#include "routes.h"
#include "tolkreg/error.h"
#include "tolkreg/output.h"
#include "tolkreg/record.h"
#include "tolkreg/register.h"
#include "tolkreg/store.h"
#include "tolkreg/validate.h"
#include "tolkreg/writer.h"

static int	route_health_run(struct http_req *);
static int	route_register_search_run(struct http_req *);
static int	route_register_show_run(struct http_req *);

const struct route route_health = {
	.method = "GET",
	.pattern = "/v1/health",
	.roles = R_ANY,
	.run = route_health_run
};

const struct route route_register_search = {
	.method = "GET",
	.pattern = "/v1/register",
	.roles = R_ANY,
	.flags = ROUTE_PAGED,
	.run = route_register_search_run
};

const struct route route_register_show = {
	.method = "GET",
	.pattern = "/v1/register/{regno}",
	.roles = R_ANY,
	.run = route_register_show_run
};

static int
route_health_run(struct http_req *rq)
{
	struct hcache_stats	hs;
	struct writer_stats	ws;

	if (http_query_only(rq, (const char *const[]){ NULL }) == -1)
		return (-1);
	hcache_stats(&hs);
	http_writer_stats(&ws);
	return (http_reply(rq, MHD_HTTP_OK, json_pack("{s:s, s:s, s:i,"
	    " s:{s:I, s:I, s:I, s:I}, s:{s:I, s:I, s:I, s:I, s:I}}", "status",
	    "ok", "version", PACKAGE_VERSION, "schema",
	    store_schema_version(rq->store), "cache", "entries",
	    (json_int_t)hs.entries, "bytes", (json_int_t)hs.bytes, "hits",
	    (json_int_t)hs.hits, "misses", (json_int_t)hs.misses, "writes",
	    "jobs", (json_int_t)ws.jobs, "transactions",
	    (json_int_t)ws.groups, "checkpoints",
	    (json_int_t)ws.checkpoints, "checkpoints_waited",
	    (json_int_t)ws.checkpoints_waited, "waiting",
	    (json_int_t)ws.waiting)));
}

static int
route_register_search_run(struct http_req *rq)
{
	static const char *const names[] = { "lang", "category", "county",
	    "municipality", "gender", "modality", NULL };
	struct search_text	 in;
	struct search_query	 q;
	struct table		*t;
	char			 today[DATE_BUFLEN];
	int			 rc;

	if (http_query_only(rq, names) == -1)
		return (-1);
	in.lang = http_query(rq, "lang");
	in.category = http_query(rq, "category");
	in.county = http_query(rq, "county");
	in.municipality = http_query(rq, "municipality");
	in.gender = http_query(rq, "gender");
	in.modality = http_query(rq, "modality");
	if (in.lang == NULL)
		return (tk_fail(rq->err, TK_E_INVALID, "lang",
		    "query parameter 'lang' is required"));
	/* The form of the codes now, whether they exist in the search. */
	if (search_query_parse(&in, &q, rq->err) == -1)
		return (-1);
	tk_today(today);
	/* The key: every parameter as parsed, in one order. */
	if ((rc = http_cache(rq, today, "register lang=%s category=%c"
	    " county=%s municipality=%s gender=%c modality=%u limit=%zu"
	    " after=%s", q.lang,
	    q.category != 0 ? q.category : '-',
	    q.county != NULL ? q.county : "-",
	    q.municipality != NULL ? q.municipality : "-",
	    q.gender != 0 ? q.gender : '-', q.modality, rq->page.limit,
	    rq->page.after != NULL ? rq->page.after : "-")) != 0)
		return (rc == 1 ? 0 : -1);
	t = table_new();
	rc = register_search(rq->store, &q, today, &rq->page, t,
	    rq->err);
	if (rc == 0)
		rc = http_reply_table(rq, MHD_HTTP_OK, t);
	table_free(t);
	return (rc);
}

static int
route_register_show_run(struct http_req *rq)
{
	static const char *const names[] = { "languages" };
	struct table	*t, *langs;
	char		 today[DATE_BUFLEN];
	int		 rc;

	if (http_query_only(rq, (const char *const[]){ NULL }) == -1)
		return (-1);
	tk_today(today);
	if ((rc = http_cache(rq, today, "record %" PRId64,
	    http_param_id(rq, "regno"))) != 0)
		return (rc == 1 ? 0 : -1);
	t = table_new();
	langs = table_new();
	rc = record_public(rq->store, http_param_id(rq, "regno"), today, t,
	    langs, rq->err);
	if (rc == 0)
		rc = http_reply_record(rq, MHD_HTTP_OK, t, names, &langs, 1);
	table_free(langs);
	table_free(t);
	return (rc);
}
