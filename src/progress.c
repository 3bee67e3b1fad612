/*
 * The progress line of the front ends (see progress.h): one line on a
 * terminal, redrawn in place at most four times a second and padded
 * over what it drew before, cut to the terminal's width so that \r
 * always returns to its start, and a final line for each phase.
 */
#include "config.h"

#include <sys/ioctl.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "tolkreg/progress.h"
#include "tolkreg/xmalloc.h"

/* Seconds between two drawings of the running line. */
#define PROGRESS_INTERVAL	0.25

/* The rate and time left are shown from this many seconds on. */
#define PROGRESS_SETTLE		0.5

struct progress {
	FILE	*f;
	char	*label;
	char	 what[64];	/* the phase in progress */
	long	 done;
	long	 total;
	double	 start;		/* of the phase */
	double	 drawn;		/* when the line was last drawn */
	size_t	 width;		/* characters of the line on the screen */
	size_t	 cols;		/* of the terminal */
	int	 open;		/* a phase without its final line */
};

/* Seconds on the monotonic clock. */
static double
now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((double)ts.tv_sec + (double)ts.tv_nsec / 1e9);
}

/* n with a space between groups of three digits: "96 000". */
static void
group(long n, char *buf, size_t len)
{
	char	digits[32];
	size_t	nd, i, o = 0;

	snprintf(digits, sizeof(digits), "%ld", n < 0 ? 0 : n);
	nd = strlen(digits);
	for (i = 0; i < nd && o + 2 < len; i++) {
		if (i > 0 && (nd - i) % 3 == 0)
			buf[o++] = ' ';
		buf[o++] = digits[i];
	}
	buf[o] = '\0';
}

/*
 * A span of time as people read it: "0.4 s" (tenths, under ten
 * seconds), "12 s", "3 min 5 s"; rounded up when it is time left.
 */
static void
span(double s, int tenths, char *buf, size_t len)
{
	long	n;

	if (tenths && s < 10) {
		snprintf(buf, len, "%.1f s", s);
		return;
	}
	n = tenths ? (long)(s + 0.5) : (long)ceil(s);
	if (n < 60)
		snprintf(buf, len, "%ld s", n);
	else if (n < 3600)
		snprintf(buf, len, "%ld min %ld s", n / 60, n % 60);
	else
		snprintf(buf, len, "%ld h %ld min", n / 3600, n % 3600 / 60);
}

/* The text of one line. */
void
progress_format(char *buf, size_t len, const char *label, const char *what,
    long done, long total, double seconds, int final)
{
	char	d[32], t[32], r[32], s[32];
	int	n;
	double	rate;

	group(done, d, sizeof(d));
	group(total, t, sizeof(t));
	rate = seconds > 0 ? (double)done / seconds : 0;
	group((long)(rate + 0.5), r, sizeof(r));
	if (total > 0 && (!final || done < total))
		n = snprintf(buf, len, "%s: %s of %s %s", label, d, t, what);
	else
		n = snprintf(buf, len, "%s: %s %s", label, d, what);
	if (n < 0 || (size_t)n >= len)
		return;
	buf += n;
	len -= (size_t)n;
	if (final) {
		span(seconds, 1, s, sizeof(s));
		if (seconds >= PROGRESS_SETTLE)
			snprintf(buf, len, " in %s, %s/s", s, r);
		else
			snprintf(buf, len, " in %s", s);
		return;
	}
	if (seconds < PROGRESS_SETTLE || done <= 0)
		return;
	if (total > 0 && done < total) {
		span((double)(total - done) / rate, 0, s, sizeof(s));
		snprintf(buf, len, ", %s/s, %s left", r, s);
	} else
		snprintf(buf, len, ", %s/s", r);
}

/* The characters of UTF-8 text s. */
static size_t
chars(const char *s)
{
	size_t	n = 0;

	for (; *s != '\0'; s++) {
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	}
	return (n);
}

/* Cut UTF-8 text s to at most max characters. */
static void
cut(char *s, size_t max)
{
	size_t	n = 0;

	for (; *s != '\0'; s++) {
		if (((unsigned char)*s & 0xc0) != 0x80 && n++ == max) {
			*s = '\0';
			return;
		}
	}
}

/* Draw the line of the phase in progress over the one drawn before. */
static void
draw(struct progress *p, double t, int final)
{
	char	buf[512];
	size_t	w;

	progress_format(buf, sizeof(buf), p->label, p->what, p->done,
	    p->total, t - p->start, final);
	if (!final)
		cut(buf, p->cols - 1);
	w = chars(buf);
	fprintf(p->f, "\r%s%*s", buf, p->width > w ? (int)(p->width - w) : 0,
	    "");
	if (final) {
		fputc('\n', p->f);
		p->width = 0;
		p->open = 0;
	} else
		p->width = w;
	p->drawn = t;
	fflush(p->f);
}

/* A progress line on f, or NULL when it would not be seen. */
struct progress *
progress_new(FILE *f, const char *label, int quiet)
{
	struct progress	*p;
	struct winsize	 ws;
	int		 fd;

	if (quiet || f == NULL || (fd = fileno(f)) == -1 || !isatty(fd))
		return (NULL);
	p = xcalloc(1, sizeof(*p));
	p->f = f;
	p->label = xstrdup(label);
	p->cols = 80;
	if (ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 20)
		p->cols = ws.ws_col;
	return (p);
}

/* Take the counts of the work in progress; redraw now and then. */
void
progress_update(void *arg, const char *what, long done, long total)
{
	struct progress	*p = arg;
	double		 t;

	if (p == NULL)
		return;
	t = now();
	if (p->open && strcmp(p->what, what) != 0)
		draw(p, t, 1);
	if (!p->open) {
		snprintf(p->what, sizeof(p->what), "%s", what);
		p->start = p->drawn = t;
		p->open = 1;
	}
	p->done = done;
	p->total = total;
	if (total > 0 && done >= total)
		draw(p, t, 1);
	else if (t - p->drawn >= PROGRESS_INTERVAL)
		draw(p, t, 0);
}

/* Take the running line off the screen. */
void
progress_clear(struct progress *p)
{
	if (p == NULL || p->width == 0)
		return;
	fprintf(p->f, "\r%*s\r", (int)p->width, "");
	fflush(p->f);
	p->width = 0;
	p->drawn = 0;
}

/* Leave the final line of an unfinished phase and free p. */
void
progress_free(struct progress *p)
{
	if (p == NULL)
		return;
	if (p->open)
		draw(p, now(), 1);
	free(p->label);
	free(p);
}
