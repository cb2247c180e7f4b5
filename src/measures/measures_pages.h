/*
 * measures_pages.h — the pages and API of the measures module.
 */
#ifndef COSO_MEASURES_PAGES_H
#define COSO_MEASURES_PAGES_H
#include "../http/http.h"

struct html;
struct dbc;
struct unit;
void measures_unit_section(struct req *r, struct html *h, struct dbc *c, const struct unit *u);
http_handler_fn page_unit_training, page_course_create, page_course, page_course_import, page_unit_outreach,
	page_outreach_create, page_unit_regulations, page_regulation_create, api_unit_training, api_course, page_unit_awards, page_award_create, page_unit_budget,
	page_budget_put, page_spending_add, api_unit_budget, api_unit_awards, page_unit_network, page_relay_create,
	api_unit_network, api_unit_outreach, api_unit_regulations, page_unit_budget_csv, page_unit_budget_xlsx,
	page_unit_awards_csv, page_unit_awards_xlsx;
#endif
