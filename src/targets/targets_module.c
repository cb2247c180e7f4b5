/*
 * targets_module.c — what the targets engine declares to the core (module.h).
 */
#define MODULE_ROUTE_FLAGS
#include "../module.h"
#include "targets_pages.h"

static const struct route routes[] = {
	{"GET", "/units/{code}/targets", page_unit_targets, P, "unit_targets"},
	{"GET", "/units/{code}/targets.csv", page_unit_targets_csv, P, "unit_targets_csv"},
	{"GET", "/units/{code}/targets.xlsx", page_unit_targets_xlsx, P, "unit_targets_xlsx"},
	{"POST", "/units/{code}/targets/snapshot", page_targets_snapshot, C | L, "targets_snapshot"},
	{"GET", "/units/{code}/targets/{id}", page_unit_target, P, "unit_target"},
	{"GET", "/units/{code}/scorecard", page_unit_scorecard, P, "unit_scorecard"},
	{"POST", "/units/{code}/scorecard", page_scorecard_set, C | L, "scorecard_set"},
	{"GET", "/api/v1/units/{code}/scorecard", api_unit_scorecard, P, "api_unit_scorecard"},
	{"GET", "/units/{code}/report/{year}.pdf", page_unit_report_pdf, P, "unit_report_pdf"},
	{"GET", "/units/{code}/report/{year}.xlsx", page_unit_report_xlsx, P, "unit_report_xlsx"},
	{"GET", "/resolutions", page_resolutions, P, "resolutions"},
	{"POST", "/resolutions", page_resolution_load, C | L, "resolution_load"},
	{"GET", "/resolutions/{id}", page_resolution, P, "resolution"},
	{"GET", "/api/v1/targets", api_targets, P, "api_targets"},
	{"GET", "/api/v1/targets/{id}/records", api_target_records, P, "api_target_records"},
	{"GET", "/api/v1/resolutions", api_resolutions, P, "api_resolutions"},
};

static const struct module_event events[] = {
	{"targets.resolution", MSG_EV_TG_RESOLUTION},
	{"targets.snapshot", MSG_EV_TG_SNAPSHOT},
	{"targets.scorecard", MSG_EV_TG_SCORECARD},
};

const struct module targets_module = {
	.name = "targets",
	MODULE_TABLE(routes, routes),
	MODULE_TABLE(events, events),
	.unit_sections = targets_unit_section,
	.me_tasks = targets_me_tasks,
};
