/*
 * targets_pages.h — the pages and API of the targets engine.
 */
#ifndef COSO_TARGETS_PAGES_H
#define COSO_TARGETS_PAGES_H
#include "../http/http.h"

struct html;
struct dbc;
struct unit;
void targets_unit_section(struct req *r, struct html *h, struct dbc *c, const struct unit *u);
http_handler_fn page_unit_targets, page_unit_target, page_unit_targets_csv, page_unit_targets_xlsx,
	page_targets_snapshot, page_resolutions, page_resolution, page_resolution_load, api_targets, api_target_records,
	api_resolutions, page_unit_report_pdf, page_unit_report_xlsx, page_unit_scorecard, page_scorecard_set,
	api_unit_scorecard;
/* A province administrator's tasks on /me: the units furthest behind (module.h). */
struct module_tasks;
enum app_err targets_me_tasks(struct req *r, struct dbc *c, int64_t now, struct module_tasks *out);
#endif
