/*
 * pages.h — every route handler, named page_* (HTML) or api_* (JSON). Each
 * handler's comment in its file names its URL and parameters.
 */
#ifndef COSO_PAGES_H
#define COSO_PAGES_H
#include "http/http.h"

http_handler_fn page_healthz, page_readyz, page_metrics, page_static;


/* An account's API tokens with a revoke button each (POST ACTION_BASE/{id}/revoke,
 * ACTION_BASE/all/revoke), for /me and the administrators' user page. */
struct html;
struct dbc;
void auth_tokens_section(struct req *r, struct html *h, struct dbc *c, int64_t user_id, const char *action_base);
/* The thread's connection for who holds cap somewhere (*root: the widest
 * unit path where), NULL after answering 403 (or a database error). */
struct dbc *auth_cap_conn_or_respond(struct req *r, struct resp *w, unsigned cap, const char **root);
/* Revokes the token named by which (an id, or "all") of an account. */
enum app_err auth_tokens_revoke_param(struct req *r, int64_t user_id, const char *which);


struct dbc;
struct unit;
/* The unit named by the path's first parameter ({code}), on the thread's
 * connection; a village only when village is set. NULL after answering 404
 * (or a database error). */
/* The unit's page; pr (may be NULL) are the problems of a refused new unit
 * below it, shown in its form with what was typed. */
struct problems;
void units_page(struct req *r, struct resp *w, const char *code, const struct problems *pr);
struct dbc *units_path_unit_or_respond(struct req *r, struct resp *w, bool village, struct unit *u);
/* The village with that code, if the caller may read its people (households,
 * residents): APP_ENOTFOUND, APP_EFORBID or a database error otherwise. */
enum app_err units_village_for_people(struct req *r, struct dbc *c, const char *code, struct unit *u);

/* The issuer and the signer of a unit's documents (the People's Committee and
 * its chair for a province or a commune; the unit and its head otherwise),
 * for every official paper a module issues (disclosure/notice_pages.c). */
struct doc_issuer;
struct doc_signer;
void unit_doc_issuer(struct req *r, struct dbc *c, const struct unit *u, struct doc_issuer *is, struct doc_signer *sg);

http_handler_fn api_openapi;
#endif
