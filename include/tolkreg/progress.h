#ifndef TOLKREG_PROGRESS_H
#define TOLKREG_PROGRESS_H

#include <stddef.h>
#include <stdio.h>

/*
 * Progress of long work: the import and export of XML, the generator.
 * The domain modules never print. They take a progress_fn and call it
 * now and then with what they count, how many are done and how many
 * there are, and once with done equal to total when a phase ends. The
 * front ends (tolkreg, tools/gen, the benchmark) decide whether anyone
 * sees it: a struct progress draws one line on a terminal, rewritten
 * in place (\r) at most four times a second, and leaves a final line
 * for each phase. It is silent when its stream is not a terminal and
 * when asked to be quiet, so that pipes, files, tests and cron logs get
 * nothing; it is never given standard output.
 */

/*
 * What long work reports: what is a plural noun ("assignments"),
 * borrowed for the call; total 0 when it is not known. A change of what
 * starts a new phase.
 */
typedef void	(*progress_fn)(void *arg, const char *what, long done,
		    long total);

struct progress;

/*
 * A progress line on f, each line starting "label: " (label is
 * copied), or NULL when quiet is set or f is not a terminal. Every
 * function below takes NULL and then does nothing, so a front end
 * passes progress_update and what this returns without looking.
 */
struct progress	*progress_new(FILE *f, const char *label, int quiet);

/* A progress_fn: arg is a struct progress, or NULL. */
void		 progress_update(void *arg, const char *what, long done,
		    long total);

/*
 * Take the running line off the screen so that other text (a problem
 * found in a file) can be written to the same stream; the next update
 * draws it again.
 */
void		 progress_clear(struct progress *p);

/*
 * Leave the final line of the phase in progress, if it has none yet
 * (the work stopped, or its total was not known), and free p.
 */
void		 progress_free(struct progress *p);

/*
 * The text of one line, without \r or newline, into buf: running,
 * "import: 48 000 of 96 000 assignments, 4 100/s, 12 s left" (the rate
 * and time left once seconds is at least half a second, the time left
 * only when total is known); final, "import: 96 000 assignments in
 * 23 s, 4 100/s" ("48 000 of 96 000" when the work stopped short).
 * seconds is the time the phase has taken so far.
 */
void		 progress_format(char *buf, size_t len, const char *label,
		    const char *what, long done, long total, double seconds,
		    int final);

#endif /* TOLKREG_PROGRESS_H */
