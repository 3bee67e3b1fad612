#ifndef TOLKREG_MONITOR_FIXTURE_H
#define TOLKREG_MONITOR_FIXTURE_H

/*
 * The small register whose Tolkemonitor indicators are worked out by
 * hand in monitor_fixture.c, shared by the monitor, report and export
 * suites.
 */

struct store;

#define FX_OUS	"974760673"	/* health, Oslo, regular, full guidelines */
#define FX_NAV	"988077917"	/* welfare, Bergen, regular, none */

/* The register in a fresh database at path. Owned. */
struct store	*monitor_fixture_new(char path[256]);

/* Close it and remove its files. */
void		 monitor_fixture_free(struct store *, const char *path);

#endif /* TOLKREG_MONITOR_FIXTURE_H */
