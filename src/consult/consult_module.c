/*
 * consult_module.c — what the public consultation module declares to the
 * core (module.h).
 */
#define MODULE_ROUTE_FLAGS
#include "../module.h"
#include "../db/db.h"
#include "consult.h"
#include "consult_pages.h"
#include <string.h>

static const struct route routes[] = {
	{"GET", "/units/{code}/consultations", page_unit_consultations, 0, "consultations"},
	{"GET", "/units/{code}/consultations/new", page_consult_new, L, "consult_new"},
	{"GET", "/units/{code}/consultations/stats", page_unit_consult_stats, P, "consult_unit_stats"},
	{"GET", "/units/{code}/consultations/stats.csv", page_unit_consult_stats_csv, P, "consult_unit_stats_csv"},
	{"POST", "/units/{code}/consultations", page_consult_create, L | C, "consult_create"},
	{"GET", "/consultations/{id}", page_consult, 0, "consult"},
	{"POST", "/consultations/{id}/comments", page_consult_comment, C, "consult_comment"},
	{"POST", "/consultations/{id}/votes", page_consult_vote, L | C, "consult_vote"},
	{"POST", "/consultations/{id}/draft", page_consult_draft, L | C, "consult_draft"},
	{"POST", "/consultations/{id}/publish", page_consult_publish, L | C, "consult_publish"},
	{"POST", "/consultations/{id}/answers", page_consult_answer, L | C, "consult_answer"},
	{"POST", "/consultations/{id}/signoff", page_consult_signoff, L | C, "consult_signoff"},
	{"POST", "/consultations/{id}/persons/{pid}", page_consult_person, L | C, "consult_person"},
	{"GET", "/consultations/{id}/comments", page_consult_comments, 0, "consult_comments"},
	{"GET", "/consultations/{id}/changes", page_consult_changes, 0, "consult_changes"},
	{"GET", "/consultations/{id}/synthesis", page_consult_synthesis, 0, "consult_synthesis"},
	{"GET", "/consultations/{id}/synthesis.xlsx", page_consult_synthesis_xlsx, 0, "consult_synthesis_xlsx"},
	{"GET", "/consultations/{id}/synthesis.pdf", page_consult_synthesis_pdf, 0, "consult_synthesis_pdf"},
	{"GET", "/consultations/{id}/stats", page_consult_stats, 0, "consult_stats"},
	{"GET", "/consultations/{id}/stats.csv", page_consult_stats_csv, 0, "consult_stats_csv"},
	{"POST", "/consultation-comments/{id}/{action}", page_comment_moderate, L | C, "comment_moderate"},
	{"GET", "/api/v1/consultations", api_consultations, 0, "api_consultations"},
	{"GET", "/api/v1/consultations/{id}", api_consultation, 0, "api_consultation"},
	{"GET", "/api/v1/consultations/{id}/comments", api_consult_comments, 0, "api_consult_comments"},
	{"POST", "/api/v1/consultations/{id}/comments", api_consult_comment_create, C | ROUTE_TOKEN_IN_WRITE,
	 "api_consult_comment_create"},
	{"GET", "/api/v1/consultations/{id}/synthesis", api_consult_synthesis, 0, "api_consult_synthesis"},
};

static const struct module_event events[] = {
	{"consultation.create", MSG_EV_CONSULT_CREATE}, {"consultation.draft", MSG_EV_CONSULT_DRAFT},
	{"consultation.open", MSG_EV_CONSULT_OPEN},	{"consultation.revise", MSG_EV_CONSULT_REVISE},
	{"consultation.close", MSG_EV_CONSULT_CLOSE},	{"consultation.answer", MSG_EV_CONSULT_ANSWER},
	{"consultation.hide", MSG_EV_CONSULT_HIDE},	{"consultation.show", MSG_EV_CONSULT_SHOW},
	{"consultation.notify", MSG_EV_CONSULT_NOTIFY}, {"consultation.hear", MSG_EV_CONSULT_HEAR},
	{"consultation.publish", MSG_EV_CONSULT_PUBLISH},
};

static const struct indicator indicators[] = {
	{"consult.answered", MSG_IND_CONSULT_ANSWERED,
	 "province commune ward special_zone agency public_unit employer village residential_group", consult_indicator_answered},
	{"consult.regulation", MSG_IND_CONSULT_REGULATION, "province commune ward special_zone", consult_indicator_regulation},
};

/* consulting the people on the platform is democracy work (target T2) */
static const char *const work[] = {"consultation.open", "consultation.publish", NULL};

/* what it tells people (data/notify/templates.txt) */
static const struct module_message messages[] = {
	{"consult.open", "commune", "title unit closes", false, false},
	{"consult.plan", "commune", "title unit", false, false},
	{"consult.answered", "commune", "title unit", false, false},
};

/* "consultation:ID": its page and title (activity, ledger). */
static bool consult_subject_of(struct req *r, struct dbc *c, const char *kind, const char *id, const char **href,
			       const char **title)
{
	int64_t n;
	struct consultation k;
	if (!module_subject_id(kind, "consultation", id, &n) || consult_get(r->a, c, n, &k) || k.status == CNS_DRAFT)
		return false;
	*href = arena_printf(r->a, "/consultations/%lld", (long long)k.id);
	*title = k.title;
	return true;
}

const struct module consult_module = {
	.name = "consult",
	MODULE_TABLE(routes, routes),
	MODULE_TABLE(events, events),
	.unit_sections = consult_unit_section,
	.me_tasks = consult_me_tasks,
	.subject = consult_subject_of,
	MODULE_TABLE(messages, messages),
	MODULE_TABLE(indicators, indicators),
	.work = work,
};
