#ifndef TOLKREG_ROUTES_H
#define TOLKREG_ROUTES_H

/*
 * The routes of tolkregd, one struct route each, collected in
 * route_table[] (src/routes.c).
 */

extern const struct route	route_health;
extern const struct route	route_register_search;
extern const struct route	route_register_show;

extern const struct route	route_request_add;
extern const struct route	route_request_list;
extern const struct route	route_request_show;
extern const struct route	route_request_candidates;
extern const struct route	route_request_book;
extern const struct route	route_request_cancel;
extern const struct route	route_request_complete;
extern const struct route	route_request_unfilled;

extern const struct route	route_me_show;
extern const struct route	route_me_update;
extern const struct route	route_me_unavailable_list;
extern const struct route	route_me_unavailable_add;
extern const struct route	route_me_unavailable_remove;
extern const struct route	route_me_conflict_list;
extern const struct route	route_me_conflict_add;
extern const struct route	route_me_conflict_remove;
extern const struct route	route_me_assignments;

extern const struct route	route_interpreter_list;
extern const struct route	route_interpreter_add;
extern const struct route	route_interpreter_show;
extern const struct route	route_interpreter_update;
extern const struct route	route_interpreter_exclude;
extern const struct route	route_interpreter_reinstate;
extern const struct route	route_interpreter_withdraw;
extern const struct route	route_warning_list;
extern const struct route	route_warning_add;
extern const struct route	route_credential_list;
extern const struct route	route_credential_add;
extern const struct route	route_credential_revoke;
extern const struct route	route_unavailable_list;
extern const struct route	route_unavailable_add;
extern const struct route	route_unavailable_remove;
extern const struct route	route_conflict_list;
extern const struct route	route_conflict_add;
extern const struct route	route_conflict_remove;

extern const struct route	route_body_list;
extern const struct route	route_body_add;
extern const struct route	route_body_show;
extern const struct route	route_body_update;

extern const struct route	route_import;
extern const struct route	route_monitor_sprak;
extern const struct route	route_monitor_lov;

#endif /* TOLKREG_ROUTES_H */
