#ifndef TOLKREG_CHECK_SUITES_H
#define TOLKREG_CHECK_SUITES_H

#include <check.h>

/* One suite per area; tests/check_main.c runs them all. */
Suite	*args_suite(void);
Suite	*category_suite(void);
Suite	*match_suite(void);
Suite	*output_suite(void);
Suite	*register_suite(void);
Suite	*store_suite(void);
Suite	*validate_suite(void);

/* A fresh, initialised database in a temporary directory (check_store.c). */
struct store;
struct store	*test_store_new(char path[256]);
void		 test_store_free(struct store *, const char *path);

#endif /* TOLKREG_CHECK_SUITES_H */
