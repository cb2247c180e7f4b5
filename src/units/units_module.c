/*
 * units_module.c — what the units module declares to the core (module.h).
 */
#define MODULE_ROUTE_FLAGS
#include "../module.h"
#include "../util/str.h"
#include <string.h>
#include "units.h"
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

/* units.active asks the registry which acts are democracy work */
static enum app_err active(struct arena *a, struct dbc *c, const struct unit *u, int64_t from, int64_t to, int64_t now,
			   struct indicator_value *out)
{
	return units_indicator_active(a, c, u, from, to, now, module_event_is_work, out);
}

static const struct indicator indicators[] = {
	{"units.active", MSG_IND_UNITS_ACTIVE, "province commune ward special_zone", active},
};

/* An act's subject "unit:CODE": the unit's page (module.h). */
static bool unit_subject(struct req *r, struct dbc *c, const char *kind, const char *id, const char **href,
			 const char **title)
{
	struct unit u;
	if (strcmp(kind, "unit") || units_get(r->a, c, id, &u))
		return false;
	*href = arena_printf(r->a, "/units/%s", u.code);
	*title = u.title;
	return true;
}

const struct module units_module = {
	.name = "units",
	.subject = unit_subject,
	MODULE_TABLE(routes, routes),
	MODULE_TABLE(events, events),
	.search = units_search_hits,
	MODULE_TABLE(indicators, indicators),
};
