/*
 * contests_pages.h — the contests module's pages and API (contests_pages.c).
 */
#ifndef COSO_CONTESTS_PAGES_H
#define COSO_CONTESTS_PAGES_H
#include "../http/http.h"

struct html;
struct dbc;
struct unit;
http_handler_fn page_unit_contests, page_contest_create, page_contest, page_contest_bank, page_contest_round,
	page_round_publish, page_contest_start, page_attempt, page_attempt_submit, page_round_results,
	page_round_results_csv, page_round_results_xlsx, api_contest, api_contest_start, api_attempt, api_attempt_submit,
	api_round_standings;
void contests_unit_section(struct req *r, struct html *h, struct dbc *c, const struct unit *u);
#endif
