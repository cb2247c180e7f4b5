/*
 * decisions_module.c — what the decisions module declares to the core (module.h).
 */
#define MODULE_ROUTE_FLAGS
#include "../module.h"
#include "../util/str.h"
#include <string.h>
#include "mpages.h"

static const struct indicator indicators[] = {
	{"decisions.results_published", MSG_IND_RESULTS_PUBLISHED, "province commune ward special_zone village residential_group",
	 decisions_indicator_results_published},
	{"decisions.conventions", MSG_IND_CONVENTIONS, "province commune ward special_zone village residential_group",
	 decisions_indicator_conventions},
};

static const struct route routes[] = {
	{"GET", "/units/{code}/matters", page_unit_matters, P, "matters"},
	{"GET", "/units/{code}/matters/new", page_matter_new, L, "matter_new"},
	{"POST", "/units/{code}/matters", page_matter_create, L | C, "matter_create"},
	{"GET", "/matters/{id}/minutes.pdf", page_matter_minutes_pdf, 0, "matter_minutes_pdf"},
	{"GET", "/matters/{id}/notice.pdf", page_matter_notice_pdf, 0, "matter_notice_pdf"},
	{"GET", "/matters/{id}/receipt.pdf", page_matter_receipt_pdf, 0, "matter_receipt_pdf"},
	{"GET", "/matters/{id}", page_matter, 0, "matter"},
	{"POST", "/matters/{id}/vote", page_matter_vote, L | C, "matter_vote"},
	{"GET", "/matters/{id}/attendance", page_matter_attendance, L, "matter_attendance"},
	{"POST", "/matters/{id}/attendance", page_matter_attendance_post, L | C, "matter_attendance_post"},
	{"POST", "/matters/{id}/count", page_matter_count, L | C, "matter_count"},
	{"POST", "/matters/{id}/sign", page_matter_sign, L | C, "matter_sign"},
	{"POST", "/matters/{id}/act", page_matter_act, L | C, "matter_act"},
	{"POST", "/api/v1/units/{code}/elections", api_election_create, L | C, "api_election_create"},
	{"POST", "/matters/{id}/election", page_election_step, L | C, "election_step"},
	{"POST", "/matters/{id}/elect", page_election_count, L | C, "election_count"},
	{"POST", "/api/v1/units/{code}/dismissals", api_dismissal_create, L | C, "api_dismissal_create"},
	{"POST", "/matters/{id}/acting", page_dismissal_acting, L | C, "dismissal_acting"},
	{"POST", "/matters/{id}/publish", page_matter_publish, L | C, "matter_publish"},
	{"POST", "/matters/{id}/documents", page_matter_documents_post, L | C, "matter_documents"},
	{"GET", "/matters/{id}/files/{sha256}", page_matter_file, 0, "matter_file"},
	{"POST", "/matters/{id}/procedure", page_matter_procedure, L | C, "matter_procedure"},
	{"GET", "/matters/{id}/paper", page_matter_paper, L, "matter_paper"},
	{"POST", "/matters/{id}/paper", page_matter_paper_post, L | C, "matter_paper_post"},
	{"POST", "/matters/{id}/distribute", page_matter_distribute, L | C, "matter_distribute"},
	{"GET", "/units/{code}/initiatives", page_unit_initiatives, 0, "initiatives"},
	{"POST", "/units/{code}/initiatives", page_initiative_create, L | C, "initiative_create"},
	{"GET", "/initiatives/{id}", page_initiative, 0, "initiative"},
	{"POST", "/initiatives/{id}/consent", page_initiative_consent, L | C, "initiative_consent"},
	{"POST", "/initiatives/{id}/approve", page_initiative_approve, L | C, "initiative_approve"},
	{"GET", "/units/{code}/meetings.ics", page_unit_meetings_ics, P, "meetings_ics"},
	{"GET", "/api/v1/matters", api_matters, 0, "api_matters"},
	{"GET", "/api/v1/matters/{id}", api_matter, 0, "api_matter"},
	{"POST", "/api/v1/matters/{id}/ballots", api_matter_ballot, L | C | ROUTE_TOKEN_IN_WRITE, "api_matter_ballot"},
	{"POST", "/api/v1/units/{code}/matters", api_matter_create, L | C, "api_matter_create"},
};

static const struct module_event events[] = {
	{"matter.create", MSG_EV_MATTER_CREATE},
	{"matter.meeting_counted", MSG_EV_MATTER_COUNTED},
	{"matter.recognised", MSG_EV_MATTER_RECOGNISED},
	{"matter.refused", MSG_EV_MATTER_REFUSED},
	{"matter.annulled", MSG_EV_MATTER_ANNULLED},
	{"matter.amend", MSG_EV_MATTER_AMEND},
	{"initiative.create", MSG_EV_INITIATIVE_CREATE},
	{"initiative.forward", MSG_EV_INITIATIVE_FORWARD},
	{"matter.documents_added", MSG_EV_MATTER_DOCUMENTS},
};

/* what it tells households (data/notify/templates.txt) */
static const struct module_message messages[] = {
	{"matter.opened", "village", "village title when place code", false, false},
	{"matter.ballot", "village", "village title when place", false, false},
	{"meeting.notice", "village", "village title when place", false, false},
	/* the matter's page shows the household's ballot: only by the voter's channels */
	{"ballot.cast", "village", "when receipt", false, true},
};

/* "BQ 4821 DONG Y": a household's vote by SMS */
static const struct module_sms_keyword sms_keywords[] = {
	{"BQ", decisions_sms_vote},
};

/* matters put, counted, recognised; initiatives */
static const char *const work[] = {"matter.", "initiative.", NULL};

/* "matter:ID": the matter's page (module.h). */
static bool matter_subject(struct req *r, struct dbc *c, const char *kind, const char *id, const char **href,
			   const char **title)
{
	int64_t n;
	struct matter m;
	bool ok = module_subject_id(kind, "matter", id, &n) && !matter_get(r->a, c, n, &m);
	if (ok)
		*href = arena_printf(r->a, "/matters/%lld", (long long)n), *title = m.title;
	return ok;
}

const struct module decisions_module = {
	.name = "decisions",
	.subject = matter_subject,
	MODULE_TABLE(routes, routes),
	MODULE_TABLE(events, events),
	.me_tasks = decisions_me_tasks,
	.unit_sections = decisions_unit_section,
	.search = decisions_search_hits,
	MODULE_TABLE(indicators, indicators),
	.work = work,
	.report = decisions_report,
	MODULE_TABLE(messages, messages),
	MODULE_TABLE(sms_keywords, sms_keywords),
};
