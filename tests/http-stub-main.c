/*
 * tests/http-stub DIR PORTFILE STATUS...: the test receiver of
 * http_stub.h as a program for the end-to-end scripts. It writes its
 * port to PORTFILE once it listens, answers one request per status and
 * exits; requests are saved in DIR.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "http_stub.h"

int
main(int argc, char **argv)
{
	int	 statuses[HTTP_STUB_MAX], i, n, fd, port;
	char	 tmp[512];
	FILE	*f;

	if (argc < 4 || argc - 3 > HTTP_STUB_MAX) {
		fprintf(stderr, "usage: http-stub DIR PORTFILE STATUS...\n");
		return (64);
	}
	for (i = 3, n = 0; i < argc; i++)
		statuses[n++] = atoi(argv[i]);
	if ((fd = http_stub_listen(&port)) == -1) {
		perror("http-stub: listen");
		return (71);
	}
	snprintf(tmp, sizeof(tmp), "%s.tmp", argv[2]);
	if ((f = fopen(tmp, "w")) == NULL || fprintf(f, "%d\n", port) < 0 ||
	    fclose(f) == EOF || rename(tmp, argv[2]) == -1) {
		perror("http-stub: port file");
		return (73);
	}
	/* The daemon closes the listening socket when it stops. */
	http_stub_serve(fd, argv[1], statuses, (size_t)n);
	return (0);
}
