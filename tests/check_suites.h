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
Suite	*page_suite(void);
Suite	*progress_suite(void);
Suite	*register_suite(void);
Suite	*tkmon_suite(void);
Suite	*store_suite(void);
Suite	*token_suite(void);
Suite	*validate_suite(void);
Suite	*xml_suite(void);

#endif /* TOLKREG_CHECK_SUITES_H */
