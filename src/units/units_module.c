/*
 * units_module.c — what the units module declares to the core (module.h).
 */
#define MODULE_ROUTE_FLAGS
#include "../module.h"
#include "units_pages.h"

static const struct route routes[] = {
	{"GET", "/", page_home, P, "home"},
	{"GET", "/units/{code}", page_unit, P, "unit"},
	{"GET", "/units/{code}/households", page_households, L, "households"},
	{"GET", "/units/{code}/households.csv", page_households_csv, L, "households_csv"},
	{"GET", "/api/v1/units", api_units, P, "api_units"},
	{"GET", "/api/v1/units/{code}", api_unit, P, "api_unit"},
	{"GET", "/api/v1/units/{code}/households", api_households, L, "api_households"},
	{"GET", "/api/v1/units/{code}/indicators", api_unit_indicators, P, "api_unit_indicators"},
	{"GET", "/api/v1/me", api_me, L, "api_me"},
};

static const struct module_event events[] = {
	{"unit.create", MSG_EV_UNIT_CREATE},
	{"units.import", MSG_EV_UNITS_IMPORT},
	{"households.import", MSG_EV_HOUSEHOLDS_IMPORT},
};

const struct module units_module = {
	.name = "units",
	MODULE_TABLE(routes, routes),
	MODULE_TABLE(events, events),
	.search = units_search_hits,
};
