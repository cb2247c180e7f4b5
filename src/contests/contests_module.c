/*
 * contests_module.c — what the contests module declares to the core (module.h).
 */
#define MODULE_ROUTE_FLAGS
#include "../module.h"
#include "contests.h"
#include "contests_pages.h"

static const struct route routes[] = {
	{"GET", "/units/{code}/contests", page_unit_contests, P, "unit_contests"},
	{"POST", "/units/{code}/contests", page_contest_create, C | L, "contest_create"},
	{"GET", "/contests/{id}", page_contest, P, "contest"},
	{"POST", "/contests/{id}/questions", page_contest_bank, C | L, "contest_bank"},
	{"POST", "/contests/{id}/rounds", page_contest_round, C | L, "contest_round"},
	{"POST", "/contests/{id}/rounds/{no}/publish", page_round_publish, C | L, "round_publish"},
	{"GET", "/contests/{id}/rounds/{no}", page_round_results, P, "round_results"},
	{"GET", "/contests/{id}/rounds/{no}/results.csv", page_round_results_csv, P, "round_results_csv"},
	{"GET", "/contests/{id}/rounds/{no}/results.xlsx", page_round_results_xlsx, P, "round_results_xlsx"},
	{"POST", "/contests/{id}/start", page_contest_start, C, "contest_start"},
	{"GET", "/attempts/{token}", page_attempt, P, "attempt"},
	{"POST", "/attempts/{token}", page_attempt_submit, C, "attempt_submit"},
	{"GET", "/api/v1/contests/{id}", api_contest, P, "api_contest"},
	{"POST", "/api/v1/contests/{id}/attempts", api_contest_start, C, "api_contest_start"},
	{"GET", "/api/v1/attempts/{token}", api_attempt, P, "api_attempt"},
	{"POST", "/api/v1/attempts/{token}", api_attempt_submit, C, "api_attempt_submit"},
	{"GET", "/api/v1/contests/{id}/rounds/{no}/standings", api_round_standings, P, "api_round_standings"},
};

static const struct module_event events[] = {
	{"contest.create", MSG_EV_CT_CREATE},
	{"contest.bank", MSG_EV_CT_BANK},
	{"contest.round", MSG_EV_CT_ROUND},
	{"contest.result", MSG_EV_CT_RESULT},
};

/* organising a contest is outreach recorded here, not democracy work done on
 * the platform by the unit, so no .work list */

const struct module contests_module = {
	.name = "contests",
	MODULE_TABLE(routes, routes),
	MODULE_TABLE(events, events),
	.unit_sections = contests_unit_section,
	.report = contests_report,
};
