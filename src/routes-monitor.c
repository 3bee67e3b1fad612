/*
 * tolkregd: GET /v1/monitor/sprak and /v1/monitor/lov, Tolkemonitor
 * SPRÅK and LOV for IMDi, as "tolkreg monitor" computes them
 * (tolkreg-monitor(7)), in JSON, CSV, XML or HTML chosen by ?format= or
 * else by the Accept header.
 */
#include "config.h"

#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "http.h"
#include "routes.h"
#include "tolkreg/error.h"
#include "tolkreg/monitor.h"
#include "tolkreg/output.h"
#include "tolkreg/tkmon.h"
#include "tolkreg/validate.h"

static int	route_monitor_sprak_run(struct http_req *);
static int	route_monitor_lov_run(struct http_req *);

const struct route route_monitor_sprak = {
	.method = "GET",
	.pattern = "/v1/monitor/sprak",
	.roles = R_ADMIN,
	.run = route_monitor_sprak_run
};

const struct route route_monitor_lov = {
	.method = "GET",
	.pattern = "/v1/monitor/lov",
	.roles = R_ADMIN,
	.run = route_monitor_lov_run
};

static const struct {
	const char	*name;
	const char	*type;
	enum tk_format	 fmt;
} formats[] = {
	{ "json", "application/json", FMT_JSON },
	{ "csv", "text/csv; charset=utf-8", FMT_CSV },
	{ "xml", "application/xml", FMT_XML },
	{ "html", "text/html; charset=utf-8", FMT_HTML },
};
#define NFORMATS	(sizeof(formats) / sizeof(formats[0]))

/* The format asked for: ?format=, else the first Accept type we have. */
static int
pick_format(struct http_req *rq, size_t *out)
{
	const char	*q, *accept;
	size_t		 i;

	*out = 0;
	if ((q = http_query(rq, "format")) != NULL) {
		for (i = 0; i < NFORMATS; i++) {
			if (strcmp(q, formats[i].name) == 0) {
				*out = i;
				return (0);
			}
		}
		return (tk_fail(rq->err, TK_E_INVALID, "format", "'format'"
		    " must be json, csv, xml or html"));
	}
	accept = MHD_lookup_connection_value(rq->conn, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_ACCEPT);
	if (accept == NULL)
		return (0);
	for (i = 0; i < NFORMATS; i++) {
		/* "text/csv" in "text/csv; charset=utf-8", and so on. */
		if (strstr(accept, formats[i].name[0] == 'j' ?
		    "application/json" : formats[i].name[0] == 'c' ?
		    "text/csv" : formats[i].name[0] == 'x' ? "application/xml" :
		    "text/html") != NULL) {
			*out = i;
			return (0);
		}
	}
	return (0);
}

/* The breakdown from ?by=. */
static int
pick_by(struct http_req *rq, enum monitor_by *by)
{
	const char	*s;

	*by = BY_NONE;
	if ((s = http_query(rq, "by")) != NULL &&
	    monitor_by_parse(s, by) == -1)
		return (tk_fail(rq->err, TK_E_INVALID, "by", "'by' must be"
		    " sector, county, provider or body"));
	return (0);
}

/* Compute a report with fn() and answer with it in format formats[f]. */
static int
reply_report(struct http_req *rq, size_t f,
    int (*fn)(struct store *, const struct monitor_query *,
    enum tk_format, FILE *, struct tk_error *),
    const struct monitor_query *q)
{
	char	*text = NULL;
	size_t	 len = 0;
	FILE	*mem;
	int	 rc;

	if ((mem = open_memstream(&text, &len)) == NULL)
		return (tk_fail(rq->err, TK_E_IO, NULL, "out of memory"));
	rc = fn(rq->store, q, formats[f].fmt, mem, rq->err);
	fclose(mem);
	if (rc == -1) {
		free(text);
		return (-1);
	}
	if (formats[f].fmt == FMT_JSON) {
		/* The report's own JSON, as tolkreg --format json writes it. */
		rq->content_type = NULL;
	} else
		rq->content_type = formats[f].type;
	http_reply(rq, 200, NULL);
	rq->reply_text = text;
	rq->reply_len = len;
	return (0);
}

static int
route_monitor_sprak_run(struct http_req *rq)
{
	static const char *const params[] = { "period", "by", "format",
	    NULL };
	struct sprak_params	 sp;
	struct monitor_period	 p;
	struct monitor_query	 q;
	enum monitor_by		 by;
	const char		*period;
	size_t			 f;
	int			 year, half;

	if (http_query_only(rq, params) == -1 ||
	    pick_format(rq, &f) == -1 || pick_by(rq, &by) == -1)
		return (-1);
	if ((period = http_query(rq, "period")) == NULL)
		return (tk_fail(rq->err, TK_E_INVALID, "period",
		    "'period' is required: YYYYH1 or YYYYH2"));
	if (validate_period("period", period, &year, &half, rq->err) == -1 ||
	    monitor_period(year, half, &p, rq->err) == -1)
		return (-1);
	sprak_params_init(&sp);
	q.period = &p;
	q.by = by;
	q.params = &sp;
	q.generated = time(NULL);
	return (reply_report(rq, f, tkmon_sprak_write, &q));
}

static int
route_monitor_lov_run(struct http_req *rq)
{
	static const char *const params[] = { "year", "period", "by",
	    "format", NULL };
	struct monitor_period	 p;
	struct monitor_query	 q;
	enum monitor_by		 by;
	const char		*year_s, *period;
	char			*end;
	size_t			 f;
	long			 y;
	int			 year, half = 0;

	if (http_query_only(rq, params) == -1 ||
	    pick_format(rq, &f) == -1 || pick_by(rq, &by) == -1)
		return (-1);
	year_s = http_query(rq, "year");
	period = http_query(rq, "period");
	if ((year_s == NULL) == (period == NULL))
		return (tk_fail(rq->err, TK_E_INVALID, "period",
		    "give one of 'year' and 'period'"));
	if (year_s != NULL) {
		y = strtol(year_s, &end, 10);
		if (*end != '\0' || y < 2000 || y > 2199)
			return (tk_fail(rq->err, TK_E_INVALID, "year",
			    "'year' must be a year from 2000 to 2199"));
		year = (int)y;
	} else if (validate_period("period", period, &year, &half,
	    rq->err) == -1)
		return (-1);
	if (monitor_period(year, half, &p, rq->err) == -1)
		return (-1);
	q.period = &p;
	q.by = by;
	q.params = NULL;
	q.generated = time(NULL);
	return (reply_report(rq, f, tkmon_lov_write, &q));
}
