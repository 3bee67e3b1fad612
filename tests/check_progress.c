/*
 * Progress: the text of a line, silence off a terminal, and the final
 * lines a terminal is left with. The time a phase takes is given to
 * progress_format() as a number, never measured.
 */
#include "config.h"

#include <check.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_suites.h"
#include "tolkreg/progress.h"

/* progress_format() into a static buffer. */
static const char *
line(const char *label, const char *what, long done, long total,
    double seconds, int final)
{
	static char	buf[256];

	progress_format(buf, sizeof(buf), label, what, done, total, seconds,
	    final);
	return (buf);
}

START_TEST(test_format_running)
{
	ck_assert_str_eq(line("import", "assignments", 48000, 96000, 12, 0),
	    "import: 48 000 of 96 000 assignments, 4 000/s, 12 s left");
	ck_assert_str_eq(line("gen", "assignments", 1000, 401000, 1, 0),
	    "gen: 1 000 of 401 000 assignments, 1 000/s, 6 min 40 s left");
	ck_assert_str_eq(line("gen", "assignments", 1000, 7201000, 1, 0),
	    "gen: 1 000 of 7 201 000 assignments, 1 000/s, 2 h 0 min left");
	/* Too early for a rate. */
	ck_assert_str_eq(line("import", "assignments", 100, 96000, 0.2, 0),
	    "import: 100 of 96 000 assignments");
	/* No total: no time left. */
	ck_assert_str_eq(line("export", "assignments", 1234567, 0, 1234.567,
	    0), "export: 1 234 567 assignments, 1 000/s");
	ck_assert_str_eq(line("x", "records", 0, 0, 0, 0), "x: 0 records");
}
END_TEST

START_TEST(test_format_final)
{
	ck_assert_str_eq(line("gen", "assignments", 100000, 100000, 25, 1),
	    "gen: 100 000 assignments in 25 s, 4 000/s");
	ck_assert_str_eq(line("gen", "bodies", 300, 300, 0.2, 1),
	    "gen: 300 bodies in 0.2 s");
	/* Stopped short: how far it came. */
	ck_assert_str_eq(line("import", "assignments", 40000, 96000, 10, 1),
	    "import: 40 000 of 96 000 assignments in 10 s, 4 000/s");
	ck_assert_str_eq(line("export", "interpreters", 3000, 0, 2.5, 1),
	    "export: 3 000 interpreters in 2.5 s, 1 200/s");
}
END_TEST

START_TEST(test_format_bounded)
{
	char	buf[12];

	memset(buf, 'x', sizeof(buf));
	progress_format(buf, sizeof(buf), "import", "assignments", 48000,
	    96000, 12, 0);
	ck_assert_uint_lt(strlen(buf), sizeof(buf));
	ck_assert_str_eq(buf, "import: 48 ");
}
END_TEST

START_TEST(test_silent_off_terminal)
{
	char	*buf = NULL;
	size_t	 len = 0;
	FILE	*f;

	ck_assert_ptr_nonnull(f = open_memstream(&buf, &len));
	ck_assert_ptr_null(progress_new(f, "import", 0));
	ck_assert_ptr_null(progress_new(NULL, "import", 0));
	/* NULL is a silent progress: every function takes it. */
	progress_update(NULL, "assignments", 1, 2);
	progress_clear(NULL);
	progress_free(NULL);
	fclose(f);
	ck_assert_uint_eq(len, 0);
	free(buf);
}
END_TEST

/* A pseudo-terminal: its master in *master, its slave as a stream. */
static FILE *
terminal(int *master)
{
	const char	*name;
	int		 s;

	ck_assert_int_ne(*master = posix_openpt(O_RDWR | O_NOCTTY), -1);
	ck_assert_int_eq(grantpt(*master), 0);
	ck_assert_int_eq(unlockpt(*master), 0);
	ck_assert_ptr_nonnull(name = ptsname(*master));
	ck_assert_int_ne(s = open(name, O_RDWR | O_NOCTTY), -1);
	return (fdopen(s, "w"));
}

/* What the terminal was sent, up to its last newline. */
static char *
screen(int master)
{
	static char	 buf[4096];
	struct pollfd	 pfd;
	size_t		 n = 0;
	ssize_t		 r;

	pfd.fd = master;
	pfd.events = POLLIN;
	while (n + 1 < sizeof(buf) && poll(&pfd, 1, 2000) == 1 &&
	    (r = read(master, buf + n, sizeof(buf) - 1 - n)) > 0) {
		n += (size_t)r;
		buf[n] = '\0';
		if (n > 0 && strstr(buf, "c in") != NULL &&
		    buf[n - 1] == '\n')
			break;
	}
	buf[n] = '\0';
	return (buf);
}

START_TEST(test_terminal_final_lines)
{
	struct progress	*p;
	FILE		*f;
	char		*out;
	int		 master;

	ck_assert_ptr_nonnull(f = terminal(&master));
	ck_assert_ptr_null(progress_new(f, "t", 1));
	ck_assert_ptr_nonnull(p = progress_new(f, "t", 0));
	progress_update(p, "a", 1, 10);
	progress_update(p, "b", 1, 2);		/* a stops at 1 of 10 */
	progress_update(p, "b", 2, 2);		/* b is done */
	progress_update(p, "c", 5, 0);
	progress_clear(p);
	progress_free(p);			/* c had no total */
	out = screen(master);
	ck_assert_msg(strstr(out, "\rt: 1 of 10 a in ") != NULL, "%s", out);
	ck_assert_msg(strstr(out, "\rt: 2 b in ") != NULL, "%s", out);
	ck_assert_msg(strstr(out, "\rt: 5 c in ") != NULL, "%s", out);
	ck_assert_msg(strstr(out, "1 of 2 b in") == NULL, "%s", out);
	fclose(f);
	close(master);
}
END_TEST

Suite *
progress_suite(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("progress");
	tc = tcase_create("format");
	tcase_add_test(tc, test_format_running);
	tcase_add_test(tc, test_format_final);
	tcase_add_test(tc, test_format_bounded);
	suite_add_tcase(s, tc);
	tc = tcase_create("terminal");
	tcase_add_test(tc, test_silent_off_terminal);
	tcase_add_test(tc, test_terminal_final_lines);
	suite_add_tcase(s, tc);
	return (s);
}
