/*
 * disclosure_module.c — what the disclosure module declares to the core (module.h).
 */
#define MODULE_ROUTE_FLAGS
#include "../module.h"
#include "../util/str.h"
#include <string.h>
#include "compliance.h"
#include "dpages.h"

static const struct indicator indicators[] = {
	{"disclosure.on_time", MSG_IND_DISCLOSURE_ON_TIME, NULL, disclosure_indicator_on_time},
};

static const struct route routes[] = {
	{"GET", "/disclosure-items", page_disclosure_items, P, "disclosure_items"},
	{"GET", "/api/v1/disclosure-items", api_disclosure_items, P, "api_disclosure_items"},
	{"GET", "/units/{code}/disclosures", page_unit_disclosures, P, "disclosures"},
	{"GET", "/units/{code}/disclosures.atom", page_unit_disclosures_atom, P, "disclosures_atom"},
	{"GET", "/units/{code}/disclosures/new", page_disclosure_new, L, "disclosure_new"},
	{"POST", "/units/{code}/disclosures", page_disclosure_create, L | C, "disclosure_create"},
	{"GET", "/disclosures/{id}.pdf", page_disclosure_pdf, P, "disclosure_pdf"},
	{"GET", "/disclosures/{id}.ogg", page_disclosure_ogg, P, "disclosure_ogg"},
	{"GET", "/disclosures/{id}.wav", page_disclosure_wav, P, "disclosure_wav"},
	{"GET", "/disclosures/{id}/recording", page_disclosure_recording, P, "disclosure_recording"},
	{"POST", "/disclosures/{id}/recording", page_disclosure_recording_post, L | C, "disclosure_recording_post"},
	{"GET", "/disclosures/{id}", page_disclosure, P, "disclosure"},
	{"GET", "/disclosures/{id}/files/{sha256}", page_disclosure_file, P, "disclosure_file"},
	{"GET", "/disclosures/{id}/edit", page_disclosure_edit, L, "disclosure_edit"},
	{"POST", "/disclosures/{id}/edit", page_disclosure_edit_post, L | C, "disclosure_edit_post"},
	{"POST", "/disclosures/{id}/publish", page_disclosure_publish, L | C, "disclosure_publish"},
	{"GET", "/disclosures/{id}/correct", page_disclosure_correct, L, "disclosure_correct"},
	{"POST", "/disclosures/{id}/correct", page_disclosure_correct_post, L | C, "disclosure_correct_post"},
	{"POST", "/disclosures/{id}/withdraw", page_disclosure_withdraw, L | C, "disclosure_withdraw"},
	{"GET", "/api/v1/disclosures", api_disclosures, P, "api_disclosures"},
	{"GET", "/api/v1/disclosures/{id}", api_disclosure, P, "api_disclosure"},
	{"GET", "/units/{code}/disclosure-compliance", page_disclosure_compliance, P, "disclosure_compliance"},
	{"GET", "/api/v1/units/{code}/disclosure-compliance", api_disclosure_compliance, P, "api_disclosure_compliance"},
	{"GET", "/units/{code}/disclosure-register", page_disclosure_register, P, "disclosure_register"},
	{"GET", "/units/{code}/disclosure-register.csv", page_disclosure_register_csv, P, "disclosure_register_csv"},
	{"GET", "/units/{code}/disclosure-register.xlsx", page_disclosure_register_xlsx, P, "disclosure_register_xlsx"},
	{"GET", "/units/{code}/disclosure-register.pdf", page_disclosure_register_pdf, P, "disclosure_register_pdf"},
	{"GET", "/api/v1/units/{code}/disclosure-register", api_disclosure_register, P, "api_disclosure_register"},
	{"GET", "/units/{code}/information-requests/new", page_info_request_new, 0, "info_request_new"},
	{"POST", "/units/{code}/information-requests", page_info_request_create, C, "info_request_create"},
	{"GET", "/units/{code}/information-requests", page_info_requests, L, "info_requests"},
	{"GET", "/information-requests/{code}", page_info_request, 0, "info_request"},
	{"POST", "/information-requests/{code}/take", page_info_request_take, L | C, "info_request_take"},
	{"POST", "/information-requests/{code}/answer", page_info_request_answer, L | C, "info_request_answer"},
	{"POST", "/admin/settings", page_admin_settings_post, A | C, "admin_settings"},
};

static const struct module_event events[] = {
	{"disclosure.recording", MSG_EV_DISCLOSURE_RECORDING},
	{"disclosure.catalogue", MSG_EV_DISCLOSURE_CATALOGUE},
	{"disclosure.draft", MSG_EV_DISCLOSURE_DRAFT},
	{"disclosure.publish", MSG_EV_DISCLOSURE_PUBLISH},
	{"disclosure.correct", MSG_EV_DISCLOSURE_CORRECT},
	{"disclosure.withdraw", MSG_EV_DISCLOSURE_WITHDRAW},
	{"info_request.create", MSG_EV_INFO_REQUEST},
	{"info_request.answer", MSG_EV_INFO_ANSWER},
	{"info_request.take", MSG_EV_INFO_TAKE},
	{"setting.set", MSG_EV_SETTING},
};

/* what counts as doing the unit's disclosure on the platform (not the catalogue's upkeep) */
static const char *const work[] = {"disclosure.publish", "disclosure.correct", "disclosure.withdraw",
				   "disclosure.recording", "info_request.", NULL};

/* "posting:ID" (when the caller may see it) and "info_request:CODE" (module.h). */
static bool disclosure_subject(struct req *r, struct dbc *c, const char *kind, const char *id, const char **href,
			       const char **title)
{
	int64_t n;
	struct posting p;
	if (module_subject_id(kind, "posting", id, &n) && !posting_get(r->a, c, n, &p) && posting_visible(r->user, &p)) {
		*href = arena_printf(r->a, "/disclosures/%lld", (long long)n);
		*title = p.title;
		return true;
	}
	if (!strcmp(kind, "info_request")) {
		*href = arena_printf(r->a, "/information-requests/%s", id);
		*title = arena_printf(r->a, "%s %s", msg(MSG_IR_TITLE), id);
		return true;
	}
	return false;
}

/* what it tells the households of a commune (data/notify/templates.txt) */
static const struct module_message messages[] = {
	{"disclosure.posted", "commune", "unit title when", false, false},
};

const struct module disclosure_module = {
	.name = "disclosure",
	.subject = disclosure_subject,
	MODULE_TABLE(routes, routes),
	MODULE_TABLE(events, events),
	.unit_sections = disclosure_unit_section,
	.work = work,
	.search = disclosure_search_hits,
	.me_tasks = disclosure_me_tasks,
	MODULE_TABLE(indicators, indicators),
	MODULE_TABLE(messages, messages),
};
