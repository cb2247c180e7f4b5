/*
 * boards_module.c — what the inspection boards module declares to the core (module.h).
 */
#define MODULE_ROUTE_FLAGS
#include "../module.h"
#include "boards.h"
#include "boards_pages.h"

static const struct route routes[] = {
	{"GET", "/units/{code}/inspection-board", page_inspection_board, P, "inspection_board"},
	{"GET", "/api/v1/units/{code}/inspection-board", api_inspection_board, P, "api_inspection_board"},
};

static const struct indicator indicators[] = {
	{"boards.complete", MSG_IND_BOARDS_COMPLETE, "province commune ward special_zone", boards_indicator_complete},
};

const struct module boards_module = {
	.name = "boards",
	MODULE_TABLE(routes, routes),
	.unit_sections = boards_unit_section,
	MODULE_TABLE(indicators, indicators),
};
