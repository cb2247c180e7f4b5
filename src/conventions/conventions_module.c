/*
 * conventions_module.c — what the conventions module declares to the core (module.h).
 */
#define MODULE_ROUTE_FLAGS
#include "../module.h"
#include "../util/str.h"
#include <string.h>
#include "conventions.h"
#include "conventions_pages.h"

static const struct route routes[] = {
	{"GET", "/units/{code}/conventions", page_unit_conventions, P, "unit_conventions"},
	{"POST", "/units/{code}/conventions", page_convention_propose, C | L, "convention_propose"},
	{"GET", "/conventions/{id}", page_convention, P, "convention"},
	{"POST", "/conventions/{id}/{step}", page_convention_step, C | L, "convention_step"},
	{"GET", "/api/v1/conventions/{id}", api_convention, P, "api_convention"},
	{"GET", "/api/v1/units/{code}/conventions", api_unit_conventions, P, "api_unit_conventions"},
};

static const struct module_event events[] = {
	{"convention.propose", MSG_EV_CV_PROPOSE},	   {"convention.team", MSG_EV_CV_TEAM},
	{"convention.consult", MSG_EV_CV_CONSULT},	   {"convention.adopt", MSG_EV_CV_ADOPT},
	{"convention.send", MSG_EV_CV_SEND},		   {"convention.recognise", MSG_EV_CV_RECOGNISE},
	{"convention.refuse", MSG_EV_CV_REFUSE},	   {"convention.distribute", MSG_EV_CV_DISTRIBUTE},
	{"convention.publish", MSG_EV_CV_PUBLISH},	   {"convention.review", MSG_EV_CV_REVIEW},
	{"convention.suspend", MSG_EV_CV_SUSPEND},	   {"convention.annul", MSG_EV_CV_ANNUL},
};

static const struct indicator indicators[] = {
	{"conventions.reviewed", MSG_IND_CONVENTIONS_REVIEWED, "province commune ward special_zone village residential_group",
	 conventions_indicator_reviewed},
};

/* the village's and the commune's steps on a convention are democracy work done on the platform */
static const char *const work[] = {"convention.", NULL};

/* "convention:ID": its register page (module.h). */
static bool convention_subject(struct req *r, struct dbc *c, const char *kind, const char *id, const char **href,
			       const char **title)
{
	int64_t n;
	struct convention cv;
	bool ok = module_subject_id(kind, "convention", id, &n) && !convention_get(r->a, c, n, &cv);
	if (ok)
		*href = arena_printf(r->a, "/conventions/%lld", (long long)n), *title = cv.title;
	return ok;
}

const struct module conventions_module = {
	.name = "conventions",
	.subject = convention_subject,
	MODULE_TABLE(routes, routes),
	MODULE_TABLE(events, events),
	.unit_sections = conventions_unit_section,
	MODULE_TABLE(indicators, indicators),
	.work = work,
	.report = conventions_report,
};
