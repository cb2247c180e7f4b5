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
void api_unit_indicators(struct req *r, struct resp *w);

void page_home(struct req *r, struct resp *w);
void page_unit(struct req *r, struct resp *w);
void page_households(struct req *r, struct resp *w);
void page_households_csv(struct req *r, struct resp *w);
void api_units(struct req *r, struct resp *w);
void api_unit(struct req *r, struct resp *w);
void api_households(struct req *r, struct resp *w);
void api_me(struct req *r, struct resp *w);
#endif
