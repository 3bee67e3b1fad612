/*
 * The half-yearly delivery of Tolkemonitor SPRÅK (delivery.h), behind
 * "tolkreg export demand": IMDi reports at
 * least twice a year which languages public bodies need interpreters in,
 * so that universities can plan courses; this writes that barometer as
 * CSV, XML and HTML for a half-year, atomically, hands the files to a
 * receiver and keeps a record of every file it accepted.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include "audit.h"
#include "tkmon-xml.h"
#include "tolkreg/delivery.h"
#include "tolkreg/error.h"
#include "tolkreg/monitor.h"
#include "tolkreg/output.h"
#include "tolkreg/push.h"
#include "tolkreg/store.h"
#include "tolkreg/tkmon.h"
#include "tolkreg/xmalloc.h"

static const struct {
	const char	*ext;
	const char	*type;
	enum tk_format	 fmt;
} kinds[DELIVERY_NFILES] = {
	[DELIVERY_CSV] = { "csv", "text/csv; charset=utf-8", FMT_CSV },
	[DELIVERY_XML] = { "xml", "application/xml", FMT_XML },
	[DELIVERY_HTML] = { "html", "text/html; charset=utf-8", FMT_HTML },
};

/* Release the files of d. */
void
delivery_release(struct delivery *d)
{
	int	i;

	for (i = 0; i < DELIVERY_NFILES; i++) {
		free(d->files[i].data);
		d->files[i].data = NULL;
		d->files[i].len = 0;
	}
}

/* Compute SPRÅK for p and render the three files in memory. */
int
delivery_build(struct store *st, const struct monitor_period *p,
    time_t now, struct delivery *d, struct tk_error *err)
{
	struct sprak_params	 sp;
	struct monitor_query	 q;
	struct table		*t;
	FILE			*f;
	int			 i, rc;

	memset(d, 0, sizeof(*d));
	d->period = *p;
	if (p->half == 0)
		return (tk_fail(err, TK_E_INVALID, "period", "the export is"
		    " made per half-year: give YYYYH1 or YYYYH2"));
	sprak_params_init(&sp);
	q.period = p;
	q.by = BY_NONE;
	q.params = &sp;
	q.generated = now;
	t = table_new();
	rc = monitor_sprak(st, p, BY_NONE, &sp, t, err);
	for (i = 0; rc == 0 && i < DELIVERY_NFILES; i++) {
		snprintf(d->files[i].name, sizeof(d->files[i].name),
		    "tolkemonitor-sprak-%s.%s", p->label, kinds[i].ext);
		d->files[i].content_type = kinds[i].type;
		if ((f = open_memstream(&d->files[i].data,
		    &d->files[i].len)) == NULL) {
			rc = tk_fail(err, TK_E_IO, NULL, "out of memory");
			break;
		}
		rc = tkmon_sprak_render(&q, t, kinds[i].fmt, f, err);
		if (fclose(f) == EOF && rc == 0)
			rc = tk_fail(err, TK_E_IO, NULL, "out of memory");
	}
	if (rc == 0)
		rc = tkmon_xml_validate(d->files[DELIVERY_XML].data,
		    d->files[DELIVERY_XML].len, err);
	table_free(t);
	return (rc);
}

/* Write all of data to fd. */
static int
write_all(int fd, const char *data, size_t len)
{
	ssize_t	n;

	while (len > 0) {
		if ((n = write(fd, data, len)) == -1) {
			if (errno == EINTR)
				continue;
			return (-1);
		}
		data += n;
		len -= (size_t)n;
	}
	return (0);
}

/* Write dir/name atomically. */
int
delivery_write_atomic(const char *dir, const char *name, const void *data,
    size_t len, struct tk_error *err)
{
	char	*tmp, *path;
	int	 fd, dfd, saved;

	xasprintf(&tmp, "%s/.%s.XXXXXX", dir, name);
	xasprintf(&path, "%s/%s", dir, name);
	if ((fd = mkstemp(tmp)) == -1) {
		tk_fail(err, TK_E_IO, "dir", "cannot create a file in '%s':"
		    " %s", dir, strerror(errno));
		goto fail;
	}
	if (fchmod(fd, 0644) == -1 || write_all(fd, data, len) == -1 ||
	    fsync(fd) == -1) {
		saved = errno;
		close(fd);
		unlink(tmp);
		tk_fail(err, TK_E_IO, "dir", "cannot write '%s': %s", path,
		    strerror(saved));
		goto fail;
	}
	if (close(fd) == -1 || rename(tmp, path) == -1) {
		saved = errno;
		unlink(tmp);
		tk_fail(err, TK_E_IO, "dir", "cannot write '%s': %s", path,
		    strerror(saved));
		goto fail;
	}
	/* The rename itself must reach the disk too. */
	if ((dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) != -1) {
		if (fsync(dfd) == -1 && errno != EINVAL) {
			saved = errno;
			close(dfd);
			tk_fail(err, TK_E_IO, "dir", "cannot sync '%s': %s",
			    dir, strerror(saved));
			goto fail;
		}
		close(dfd);
	}
	free(tmp);
	free(path);
	return (0);
fail:
	free(tmp);
	free(path);
	return (-1);
}

/* Write the three files into dir. */
int
delivery_write(const struct delivery *d, const char *dir, FILE *out,
    struct tk_error *err)
{
	struct stat	sb;
	int		i;

	if (stat(dir, &sb) == -1 || !S_ISDIR(sb.st_mode))
		return (tk_fail(err, TK_E_IO, "dir", "'%s' is not a"
		    " directory", dir));
	for (i = 0; i < DELIVERY_NFILES; i++) {
		if (delivery_write_atomic(dir, d->files[i].name,
		    d->files[i].data, d->files[i].len, err) == -1)
			return (-1);
		if (out != NULL)
			fprintf(out, "wrote %s/%s\n", dir, d->files[i].name);
	}
	return (0);
}

/*
 * When file was last delivered for the period to url, as tk_time_format()
 * writes it: *at, "" if never.
 */
static int
delivery_find(struct store *st, const char *period, const char *url,
    const char *file, char at[32], struct tk_error *err)
{
	static const char	 sql[] = "SELECT tk_time(at) FROM delivery"
	    " WHERE report = 'sprak' AND period = ?1 AND url = ?2 AND file = ?3"
	    " ORDER BY id DESC LIMIT 1";
	sqlite3_stmt		*s;
	int			 rc;

	at[0] = '\0';
	if ((s = store_stmt(st, sql, err)) == NULL)
		return (-1);
	sqlite3_bind_text(s, 1, period, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, url, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 3, file, -1, SQLITE_TRANSIENT);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW)
		snprintf(at, 32, "%s", store_text(s, 0));
	sqlite3_reset(s);
	return (rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 :
	    store_fail(st, err));
}

/* Record that the receiver accepted f, in a transaction of its own. */
static int
delivery_record(struct store *st, const char *period, const char *url,
    const struct delivery_file *f, const struct push_result *res,
    int force, struct tk_error *err)
{
	static const char	 sql[] = "INSERT INTO delivery (report,"
	    " period, url, file, bytes, sha256, status, attempts, forced, at,"
	    " actor) VALUES ('sprak', ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"
	    " ?10)";
	sqlite3_stmt		*s;
	unsigned char		 digest[crypto_hash_sha256_BYTES];
	char			 hex[crypto_hash_sha256_BYTES * 2 + 1];
	char			 now[21], id[32];

	/* libsodium: which bytes a delivery sent. */
	if (sodium_init() < 0)
		return (tk_fail(err, TK_E_UNAVAILABLE, NULL,
		    "libsodium cannot start"));
	crypto_hash_sha256(digest, (const unsigned char *)f->data, f->len);
	sodium_bin2hex(hex, sizeof(hex), digest, sizeof(digest));
	audit_now(now);
	if (store_begin(st, err) == -1)
		return (-1);
	if ((s = store_stmt(st, sql, err)) == NULL)
		goto fail;
	sqlite3_bind_text(s, 1, period, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, url, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 3, f->name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 4, (sqlite3_int64)f->len);
	sqlite3_bind_text(s, 5, hex, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 6, res->status);
	sqlite3_bind_int(s, 7, res->attempts);
	sqlite3_bind_int(s, 8, force != 0);
	sqlite3_bind_text(s, 9, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 10, store_actor(st), -1, SQLITE_TRANSIENT);
	if (store_step_done(st, s, err) == -1)
		goto fail;
	snprintf(id, sizeof(id), "%" PRId64,
	    (int64_t)sqlite3_last_insert_rowid(store_db(st)));
	if (audit_log(st, "delivery", id, "delivered", "file", NULL, f->name,
	    err) == -1 || store_commit(st, err) == -1)
		goto fail;
	return (0);
fail:
	store_rollback(st);
	return (-1);
}

/* Deliver the files of d and record each one accepted. */
int
delivery_push(struct store *st, const struct delivery *d,
    const struct push_opts *o, int force, FILE *out, struct tk_error *err)
{
	struct push_result		 res;
	const struct delivery_file	*f;
	char				 at[32];
	int				 i;

	if (push_url_check(o->url, err) == -1)
		return (-1);
	for (i = 0; i < DELIVERY_NFILES; i++) {
		f = &d->files[i];
		if (!force) {
			if (delivery_find(st, d->period.label, o->url, f->name,
			    at, err) == -1)
				return (-1);
			if (at[0] != '\0') {
				if (out != NULL)
					fprintf(out, "already delivered %s on"
					    " %s\n", f->name, at);
				continue;
			}
		}
		/* What was said so far goes before push_file()'s notes. */
		if (out != NULL)
			fflush(out);
		if (push_file(o, f->name, f->content_type, f->data, f->len,
		    &res, err) == -1)
			return (-1);
		if (delivery_record(st, d->period.label, o->url, f, &res,
		    force, err) == -1)
			return (-1);
		if (out != NULL)
			fprintf(out, "delivered %s (HTTP %ld, %d attempt%s)\n",
			    f->name, res.status, res.attempts,
			    res.attempts == 1 ? "" : "s");
	}
	return (0);
}
