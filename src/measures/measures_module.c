/*
 * measures_module.c — what the measures module declares to the core (module.h).
 */
#define MODULE_ROUTE_FLAGS
#include "../module.h"
#include "measures.h"
#include "measures_pages.h"

static const struct route routes[] = {
	{"GET", "/units/{code}/training", page_unit_training, P, "unit_training"},
	{"POST", "/units/{code}/courses", page_course_create, C | L, "course_create"},
	{"GET", "/courses/{id}", page_course, P, "course"},
	{"POST", "/courses/{id}/attendance", page_course_import, C | L, "course_import"},
	{"GET", "/units/{code}/outreach", page_unit_outreach, P, "unit_outreach"},
	{"POST", "/units/{code}/outreach", page_outreach_create, C | L, "outreach_create"},
	{"GET", "/units/{code}/regulations", page_unit_regulations, P, "unit_regulations"},
	{"POST", "/units/{code}/regulations", page_regulation_create, C | L, "regulation_create"},
	{"GET", "/units/{code}/network", page_unit_network, P, "unit_network"},
	{"POST", "/units/{code}/network", page_relay_create, C | L, "relay_create"},
	{"GET", "/api/v1/units/{code}/network", api_unit_network, P, "api_unit_network"},
	{"GET", "/api/v1/units/{code}/outreach", api_unit_outreach, P, "api_unit_outreach"},
	{"GET", "/api/v1/units/{code}/regulations", api_unit_regulations, P, "api_unit_regulations"},
	{"GET", "/units/{code}/awards", page_unit_awards, P, "unit_awards"},
	{"POST", "/units/{code}/awards", page_award_create, C | L, "award_create"},
	{"GET", "/units/{code}/budget", page_unit_budget, P, "unit_budget"},
	{"GET", "/units/{code}/budget.csv", page_unit_budget_csv, P, "unit_budget_csv"},
	{"GET", "/units/{code}/budget.xlsx", page_unit_budget_xlsx, P, "unit_budget_xlsx"},
	{"GET", "/units/{code}/awards.csv", page_unit_awards_csv, P, "unit_awards_csv"},
	{"GET", "/units/{code}/awards.xlsx", page_unit_awards_xlsx, P, "unit_awards_xlsx"},
	{"POST", "/units/{code}/budget", page_budget_put, C | L, "budget_put"},
	{"POST", "/budget-lines/{id}/spending", page_spending_add, C | L, "spending_add"},
	{"GET", "/api/v1/units/{code}/training", api_unit_training, P, "api_unit_training"},
	{"GET", "/api/v1/units/{code}/budget", api_unit_budget, P, "api_unit_budget"},
	{"GET", "/api/v1/units/{code}/awards", api_unit_awards, P, "api_unit_awards"},
	{"GET", "/api/v1/courses/{id}", api_course, P, "api_course"},
};

static const struct module_event events[] = {
	{"measures.course", MSG_EV_MS_COURSE},
	{"measures.attendance", MSG_EV_MS_ATTENDANCE},
	{"measures.outreach", MSG_EV_MS_OUTREACH},
	{"measures.regulation", MSG_EV_MS_REGULATION},
	{"measures.network", MSG_EV_MS_NETWORK},
	{"measures.award", MSG_EV_MS_AWARD},
	{"measures.violation", MSG_EV_MS_VIOLATION},
	{"measures.budget", MSG_EV_MS_BUDGET},
	{"measures.spending", MSG_EV_MS_SPENDING},
};

#define ALL_KINDS "province commune ward special_zone village residential_group agency public_unit employer"
#define AREAS "province commune ward special_zone"
static const struct indicator indicators[] = {
	{"training.trained", MSG_IND_TRAINED, ALL_KINDS, measures_indicator_trained},
	{"training.officers", MSG_IND_OFFICERS, AREAS, measures_indicator_officers},
	{"outreach.units", MSG_IND_OUTREACH, AREAS, measures_indicator_outreach},
	{"regulations.in_force", MSG_IND_REGULATION, AREAS " agency public_unit employer", measures_indicator_regulation},
	{"regulations.measures_resolution", MSG_IND_MEASURES_RESOLUTION, AREAS, measures_indicator_resolution},
};

/* recording a measure reports work done elsewhere (a course, a conference):
 * it is not itself democracy work done on the platform, so no .work list */

const struct module measures_module = {
	.name = "measures",
	MODULE_TABLE(routes, routes),
	MODULE_TABLE(events, events),
	.unit_sections = measures_unit_section,
	MODULE_TABLE(indicators, indicators),
	.report = measures_report,
};
