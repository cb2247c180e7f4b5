/*
 * calendar_module.c — what the calendar module declares to the core (module.h).
 */
#define MODULE_ROUTE_FLAGS
#include "../module.h"
#include "calendar_pages.h"

static const struct route routes[] = {
	{"GET", "/api/v1/holidays", api_holidays, P, "api_holidays"},
	{"GET", "/api/v1/deadline", api_deadline, P, "api_deadline"},
};

static const struct module_event events[] = {
	{"holiday.save", MSG_EV_HOLIDAY_SAVE},
	{"holiday.delete", MSG_EV_HOLIDAY_DELETE},
};

const struct module calendar_module = {
	.name = "calendar",
	MODULE_TABLE(routes, routes),
	MODULE_TABLE(events, events),
};
