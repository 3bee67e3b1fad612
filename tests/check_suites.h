#ifndef TOLKREG_CHECK_SUITES_H
#define TOLKREG_CHECK_SUITES_H

#include <check.h>

/* One suite per area; tests/check_main.c runs them all. */
Suite	*args_suite(void);
Suite	*availability_suite(void);
Suite	*category_suite(void);
Suite	*demand_suite(void);
Suite	*http_suite(void);
Suite	*delivery_suite(void);
Suite	*match_suite(void);
Suite	*writer_suite(void);
Suite	*monitor_suite(void);
Suite	*output_suite(void);
Suite	*register_suite(void);
Suite	*tkmon_suite(void);
Suite	*store_suite(void);
Suite	*token_suite(void);
Suite	*validate_suite(void);
Suite	*xml_suite(void);

/* A fresh, initialised database in a temporary directory (check_store.c). */
struct store;
struct store	*test_store_new(char path[256]);
void		 test_store_free(struct store *, const char *path);

/* A valid fødselsnummer for d/m/yy from individual number ind on. */
void		 make_fnr(char out[12], int d, int m, int yy, int ind);

#endif /* TOLKREG_CHECK_SUITES_H */
