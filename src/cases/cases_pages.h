/*
 * cases_pages.h — the route handlers of the cases module and the hooks its
 * module file names (cases_module.c).
 */
#ifndef COSO_CASES_PAGES_H
#define COSO_CASES_PAGES_H
#include "../http/http.h"
#include "../module.h"

http_handler_fn page_case_new, page_case_create, page_track_lookup, page_track, page_case, page_case_identity,
	page_case_act, page_case_file, page_unit_cases, page_case_stats, page_case_stats_csv, page_case_stats_xlsx,
	page_rate, page_rate_post, api_cases, api_case, api_case_create;
/* citizen reception and the rating QR code (reception_pages.c) */
http_handler_fn page_reception, page_reception_post, page_reception_xlsx, page_reception_pdf, page_case_qr;
/* Open311 GeoReport v2 (open311_pages.c) */
http_handler_fn page_o311_doc, page_o311_service, page_o311_request, page_o311_token, page_o311_post;

struct html;
struct dbc;
struct unit;
void cases_unit_section(struct req *r, struct html *h, struct dbc *c, const struct unit *u);
enum app_err cases_me_tasks(struct req *r, struct dbc *c, int64_t now, struct module_tasks *out);
#endif
