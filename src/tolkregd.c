/*
 * tolkregd: the HTTP API of the national interpreter register, for
 * public bodies booking from their case systems, interpreters keeping
 * their own details, and IMDi. Runs in the foreground; everything after
 * the options happens in http_serve() (src/http.c).
 */
#include "config.h"

#include <getopt.h>
#include <locale.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <sysexits.h>
#include <unistd.h>

#include "http.h"

#define USAGE	"usage: tolkregd --db PATH --listen ADDR:PORT [--threads N]\n" \
	"                [--tls-cert FILE --tls-key FILE] [--max-connections N]\n" \
	"                [--timeout SECONDS] [--grace SECONDS] [--port-file FILE]\n" \
	"                [--cache N] [--syslog]\n" \
	"       tolkregd --version\n"

/* Parse a whole number in [min, max] for option name. */
static int
number(const char *name, const char *s, unsigned int min, unsigned int max,
    unsigned int *out)
{
	char	*end;
	long	 v;

	v = strtol(s, &end, 10);
	if (*s < '0' || *s > '9' || *end != '\0' || v < (long)min ||
	    v > (long)max) {
		fprintf(stderr, "tolkregd: '--%s' must be a whole number from"
		    " %u to %u\n", name, min, max);
		return (-1);
	}
	*out = (unsigned int)v;
	return (0);
}

int
main(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "listen", required_argument, NULL, 'l' },
		{ "threads", required_argument, NULL, 't' },
		{ "tls-cert", required_argument, NULL, 'c' },
		{ "tls-key", required_argument, NULL, 'k' },
		{ "max-connections", required_argument, NULL, 'm' },
		{ "timeout", required_argument, NULL, 'T' },
		{ "grace", required_argument, NULL, 'g' },
		{ "port-file", required_argument, NULL, 'p' },
		{ "cache", required_argument, NULL, 'C' },
		{ "syslog", no_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct http_config	c;
	long			ncpu;
	int			ch, rc;

	setlocale(LC_CTYPE, "");
#ifdef M_TRIM_THRESHOLD
	/*
	 * Each request allocates and frees its tables and answer; without
	 * this glibc hands the memory back after every request and faults
	 * it in again for the next, which costs more than the request.
	 */
	mallopt(M_TRIM_THRESHOLD, 64 * 1024 * 1024);
	mallopt(M_MMAP_THRESHOLD, 4 * 1024 * 1024);
#endif
	memset(&c, 0, sizeof(c));
	ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	c.threads = ncpu < 1 ? 1 : ncpu > 64 ? 64 : (unsigned int)ncpu;
	c.max_connections = 256;
	c.timeout = 15;
	c.grace = 10;
	c.cache_slots = 256;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "h", lo, NULL)) != -1) {
		switch (ch) {
		case 'd':
			c.dbpath = optarg;
			break;
		case 'l':
			c.listen = optarg;
			break;
		case 't':
			if (number("threads", optarg, 1, 64, &c.threads) == -1)
				return (EX_USAGE);
			break;
		case 'c':
			c.tls_cert = optarg;
			break;
		case 'k':
			c.tls_key = optarg;
			break;
		case 'm':
			if (number("max-connections", optarg, 1, 65536,
			    &c.max_connections) == -1)
				return (EX_USAGE);
			break;
		case 'T':
			if (number("timeout", optarg, 1, 3600,
			    &c.timeout) == -1)
				return (EX_USAGE);
			break;
		case 'g':
			if (number("grace", optarg, 0, 3600, &c.grace) == -1)
				return (EX_USAGE);
			break;
		case 'p':
			c.port_file = optarg;
			break;
		case 'C':
			if (number("cache", optarg, 0, 4096,
			    &c.cache_slots) == -1)
				return (EX_USAGE);
			break;
		case 's':
			c.use_syslog = 1;
			break;
		case 'h':
			fputs(USAGE, stdout);
			return (EX_OK);
		case 'V':
			fputs("tolkregd " PACKAGE_VERSION "\n", stdout);
			return (EX_OK);
		default:
			fprintf(stderr, "tolkregd: unknown option or missing"
			    " value: '%s'\n", argv[optind - 1]);
			fputs(USAGE, stderr);
			return (EX_USAGE);
		}
	}
	if (optind < argc) {
		fprintf(stderr, "tolkregd: unexpected argument '%s'\n",
		    argv[optind]);
		fputs(USAGE, stderr);
		return (EX_USAGE);
	}
	if (c.dbpath == NULL || c.listen == NULL) {
		fprintf(stderr, "tolkregd: '--db' and '--listen' are"
		    " required\n");
		fputs(USAGE, stderr);
		return (EX_USAGE);
	}
	if ((c.tls_cert == NULL) != (c.tls_key == NULL)) {
		fprintf(stderr, "tolkregd: '--tls-cert' and '--tls-key' go"
		    " together\n");
		return (EX_USAGE);
	}
	if (c.use_syslog)
		openlog("tolkregd", LOG_PID, LOG_DAEMON);
	rc = http_serve(&c);
	if (c.use_syslog)
		closelog();
	return (rc);
}
