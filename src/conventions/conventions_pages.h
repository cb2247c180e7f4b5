/*
 * conventions_pages.h — the conventions module's pages and API (conventions_pages.c).
 */
#ifndef COSO_CONVENTIONS_PAGES_H
#define COSO_CONVENTIONS_PAGES_H
#include "../http/http.h"

struct html;
struct dbc;
struct unit;
http_handler_fn page_unit_conventions, page_convention_propose, page_convention, page_convention_step, api_convention,
	api_unit_conventions;
void conventions_unit_section(struct req *r, struct html *h, struct dbc *c, const struct unit *u);
#endif
