/*
 * units_pages.h — route handlers of the units module: the hierarchy's public pages and its API.
 */
#ifndef COSO_UNITS_PAGES_H
#define COSO_UNITS_PAGES_H
#include "../http/http.h"

/* The units found for the site search (module.h). */
struct dbc;
struct module_hits;
enum app_err units_search_hits(struct req *r, struct dbc *c, const char *q, struct module_hits *out);
http_handler_fn api_unit_indicators;

http_handler_fn page_home, page_unit, page_households, page_households_csv, api_units, api_unit,
	api_households, api_me;
#endif
