/*
 * cases_module.c — what the feedback, complaints and denunciations module
 * declares to the core (module.h).
 */
#define MODULE_ROUTE_FLAGS
#include "../module.h"
#include "../db/db.h"
#include "../util/buf.h"
#include "cases.h"
#include "cases_pages.h"
#include <string.h>

static const struct route routes[] = {
	{"GET", "/units/{code}/feedback", page_case_new, 0, "case_new"},
	{"POST", "/units/{code}/feedback", page_case_create, C, "case_create"},
	{"GET", "/units/{code}/feedback-stats", page_case_stats, P, "case_stats"},
	{"GET", "/units/{code}/feedback-stats.csv", page_case_stats_csv, P, "case_stats_csv"},
	{"GET", "/units/{code}/feedback-stats.xlsx", page_case_stats_xlsx, P, "case_stats_xlsx"},
	{"GET", "/units/{code}/cases", page_unit_cases, L, "unit_cases"},
	{"GET", "/units/{code}/reception", page_reception, 0, "reception"},
	{"POST", "/units/{code}/reception", page_reception_post, L | C, "reception_post"},
	{"GET", "/units/{code}/reception.xlsx", page_reception_xlsx, L, "reception_xlsx"},
	{"GET", "/units/{code}/reception.pdf", page_reception_pdf, L, "reception_pdf"},
	{"GET", "/track", page_track_lookup, 0, "track_lookup"},
	{"GET", "/track/{code}", page_track, P, "track"},
	{"GET", "/cases/{id}", page_case, L, "case"},
	{"GET", "/cases/{id}/files/{sha256}", page_case_file, L, "case_file"},
	{"GET", "/cases/{id}/qr.pdf", page_case_qr, L, "case_qr"},
	{"POST", "/cases/{id}/identity", page_case_identity, L | C, "case_identity"},
	{"POST", "/cases/{id}/{action}", page_case_act, L | C, "case_act"},
	{"GET", "/rate/{code}", page_rate, 0, "rate"},
	{"POST", "/rate/{code}", page_rate_post, C, "rate_post"},
	{"GET", "/api/v1/cases", api_cases, 0, "api_cases"},
	{"POST", "/api/v1/cases", api_case_create, C, "api_case_create"},
	{"GET", "/api/v1/cases/{id}", api_case, 0, "api_case"},
	{"GET", "/open311/v2/{doc}", page_o311_doc, P, "o311_doc"},
	{"POST", "/open311/v2/{doc}", page_o311_post, ROUTE_RAW | ROUTE_HOOK, "o311_post"},
	{"GET", "/open311/v2/services/{code}", page_o311_service, P, "o311_service"},
	{"GET", "/open311/v2/requests/{id}", page_o311_request, P, "o311_request"},
	{"GET", "/open311/v2/tokens/{token}", page_o311_token, 0, "o311_token"},
};

static const struct module_event events[] = {
	{"case.file", MSG_EV_CASE_FILE},	 {"case.classify", MSG_EV_CASE_CLASSIFY}, {"case.take", MSG_EV_CASE_TAKE},
	{"case.accept", MSG_EV_CASE_ACCEPT},	 {"case.reject", MSG_EV_CASE_REJECT},	  {"case.forward", MSG_EV_CASE_FORWARD},
	{"case.start", MSG_EV_CASE_START},	 {"case.extend", MSG_EV_CASE_EXTEND},	  {"case.suspend", MSG_EV_CASE_SUSPEND},
	{"case.resume", MSG_EV_CASE_RESUME},	 {"case.resolve", MSG_EV_CASE_RESOLVE},	  {"case.rate", MSG_EV_CASE_RATE},
	{"case.close", MSG_EV_CASE_CLOSE},	 {"case.reopen", MSG_EV_CASE_REOPEN},	  {"case.appeal", MSG_EV_CASE_APPEAL},
	{"reception.add", MSG_EV_RECEPTION_ADD}, {"reception.schedule", MSG_EV_RECEPTION_SCHEDULE},
	{"reception.notify", MSG_EV_RECEPTION_NOTIFY},
};

static const struct indicator indicators[] = {
	{"cases.on_time", MSG_IND_CASES_ON_TIME, "province commune ward special_zone agency public_unit employer",
	 cases_indicator_on_time},
};

/* answering citizens on the platform is democracy work (target T2: IT applied) */
static const char *const work[] = {"case.accept", "case.resolve", "case.forward", "case.reject", "reception.add", NULL};

/* what it tells the person who filed (data/notify/templates.txt) */
static const struct module_message messages[] = {
	{"case.received", "cases", "code status unit", false, false},
	{"case.status", "cases", "code status unit", false, false},
	{"case.resolved", "cases", "code status unit", false, false},
};

/* what a feature phone may send (docs/cases.md) */
static const struct module_sms_keyword keywords[] = {
	{"PA", cases_sms_petition},
	{"TRA", cases_sms_track},
};

/* "case:ID": its public tracking page, by its code (module.h). */
static bool cases_subject(struct req *r, struct dbc *c, const char *kind, const char *id, const char **href,
			  const char **title)
{
	int64_t n;
	struct fcase k;
	if (!module_subject_id(kind, "case", id, &n) || case_get(r->a, c, n, &k))
		return false;
	*href = arena_printf(r->a, "/track/%s", k.code);
	*title = arena_printf(r->a, "%s %s", msg(MSG_CASES_CASE), k.code);
	return true;
}

/* coso_cases{kind,status} and the overdue ones */
static void cases_metrics(struct dbc *c, int64_t now, struct buf *out)
{
	struct case_stats st;
	if (case_stats(c, "/", 0, 0, cal_today((time_t)now), &st))
		return;
	buf_puts(out, "# HELP coso_cases Cases (feedback, complaints, denunciations) by status.\n# TYPE coso_cases gauge\n");
	for (int i = 0; i < CST__N; i++)
		buf_printf(out, "coso_cases{status=\"%s\"} %lld\n", case_status_names[i], (long long)st.by_status[i]);
	buf_printf(out, "# HELP coso_cases_overdue Open cases past their deadline.\n# TYPE coso_cases_overdue gauge\n"
			"coso_cases_overdue %lld\n",
		   (long long)st.late_open);
}

const struct module cases_module = {
	.name = "cases",
	MODULE_TABLE(routes, routes),
	MODULE_TABLE(events, events),
	.unit_sections = cases_unit_section,
	.me_tasks = cases_me_tasks,
	.subject = cases_subject,
	.metrics = cases_metrics,
	MODULE_TABLE(messages, messages),
	MODULE_TABLE(sms_keywords, keywords),
	MODULE_TABLE(indicators, indicators),
	.work = work,
};
