/*
 * Runs every Check suite. CK_RUN_SUITE and CK_RUN_CASE select one;
 * CK_FORK=no runs in-process for a debugger.
 */
#include "config.h"

#include <stdlib.h>

#include "check_suites.h"

int
main(void)
{
	SRunner	*sr;
	int	 failed;

	sr = srunner_create(args_suite());
	srunner_add_suite(sr, availability_suite());
	srunner_add_suite(sr, category_suite());
	srunner_add_suite(sr, demand_suite());
	srunner_add_suite(sr, http_suite());
	srunner_add_suite(sr, delivery_suite());
	srunner_add_suite(sr, match_suite());
	srunner_add_suite(sr, monitor_suite());
	srunner_add_suite(sr, output_suite());
	srunner_add_suite(sr, page_suite());
	srunner_add_suite(sr, progress_suite());
	srunner_add_suite(sr, register_suite());
	srunner_add_suite(sr, tkmon_suite());
	srunner_add_suite(sr, store_suite());
	srunner_add_suite(sr, token_suite());
	srunner_add_suite(sr, validate_suite());
	srunner_add_suite(sr, writer_suite());
	srunner_add_suite(sr, xml_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return (failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE);
}
