/*
 * The route table of tolkregd: every method and path the API answers,
 * in the order of tolkregd(8). A path is matched exactly; {name}
 * segments take digits only.
 */
#include "config.h"

#include "http.h"
#include "routes.h"

const struct route *route_table[] = {
	&route_health,
	&route_register_search,
	&route_register_show,

	&route_request_add,
	&route_request_list,
	&route_request_show,
	&route_request_candidates,
	&route_request_book,
	&route_request_cancel,
	&route_request_complete,
	&route_request_unfilled,

	&route_me_show,
	&route_me_update,
	&route_me_unavailable_list,
	&route_me_unavailable_add,
	&route_me_unavailable_remove,
	&route_me_conflict_list,
	&route_me_conflict_add,
	&route_me_conflict_remove,
	&route_me_assignments,

	&route_interpreter_list,
	&route_interpreter_add,
	&route_interpreter_show,
	&route_interpreter_update,
	&route_interpreter_exclude,
	&route_interpreter_reinstate,
	&route_interpreter_withdraw,
	&route_warning_list,
	&route_warning_add,
	&route_credential_list,
	&route_credential_add,
	&route_credential_revoke,
	&route_unavailable_list,
	&route_unavailable_add,
	&route_unavailable_remove,
	&route_conflict_list,
	&route_conflict_add,
	&route_conflict_remove,

	&route_body_list,
	&route_body_add,
	&route_body_show,
	&route_body_update,

	&route_import,
	&route_monitor_sprak,
	&route_monitor_lov,
	NULL
};
