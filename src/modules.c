/*
 * modules.c — the one list of modules, and the system routes (probes,
 * metrics, static files, the API description). A module is added here with
 * one line; everything else about it is in its own directory (module.h).
 */
#define MODULE_ROUTE_FLAGS
#include "module.h"
#include "pages.h"

static const struct route system_routes[] = {
	{"GET", "/healthz", page_healthz, ROUTE_RAW | ROUTE_QUIET, "healthz"},
	{"GET", "/readyz", page_readyz, ROUTE_RAW | ROUTE_QUIET, "readyz"},
	{"GET", "/metrics", page_metrics, ROUTE_RAW | ROUTE_QUIET, "metrics"},
	{"GET", "/static/{file}", page_static, P | ROUTE_RAW, "static"},
	{"GET", "/api/v1/openapi.json", api_openapi, P, "api_openapi"},
};

static const struct module_event events[] = {
	{"demo.create", MSG_EV_DEMO},
};

static const struct module system_module = {
	.name = "system",
	MODULE_TABLE(routes, system_routes),
	MODULE_TABLE(events, events),
};

extern const struct module units_module;
extern const struct module auth_module;
extern const struct module admin_module;
extern const struct module ledger_module;
extern const struct module calendar_module;
extern const struct module disclosure_module;
extern const struct module decisions_module;
extern const struct module boards_module;
extern const struct module documents_module;
extern const struct module measures_module;
extern const struct module contests_module;
extern const struct module conventions_module;
extern const struct module cases_module;
extern const struct module consult_module;
extern const struct module notify_module;
extern const struct module targets_module;

const struct module *const app_modules[] = {
	&system_module,
	&units_module,
	&auth_module,
	&admin_module,
	&ledger_module,
	&calendar_module,
	&decisions_module, /* a village's votes and meetings come first on its page */
	&disclosure_module,
	&boards_module,
	&documents_module,
	&measures_module,
	&contests_module,
	&conventions_module,
	&cases_module,
	&consult_module,
	&notify_module,
	&targets_module,
};
const size_t app_nmodules = ARRAY_SIZE(app_modules);
