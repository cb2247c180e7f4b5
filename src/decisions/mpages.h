/*
 * mpages.h — helpers shared by the pages of matters (matters_pages.c) and
 * of meetings (meetings_pages.c).
 */
#ifndef COSO_MPAGES_H
#define COSO_MPAGES_H
#include "../html/html.h"
#include "../http/http.h"
#include "decisions.h"
struct json_t;
/* Loads the matter of the path parameter; answers 404 otherwise. */
bool matters_matter_or_respond(struct req *r, struct resp *w, struct dbc **c, struct matter *m);
/* The label of a commune act (recognised, refused, annulled, amend). */
const char *matters_act_label(const char *act);
const char *matters_when(struct req *r, int64_t t); /* HH:MM dd/mm/yyyy */
const char *matters_item_label(int item); /* Art. 15 item 1-6 */
/* A time from a form or JSON: "2026-11-25T08:00" (UTC+7), "…T01:00:00Z" or "…+07:00". */
bool matters_parse_time(const char *s, int64_t *out);
/* The meeting part of a matter's page and of its JSON. */
void meeting_body(struct req *r, struct html *h, struct dbc *c, const struct matter *m, const struct decision_rule *rule,
		  const struct matter_result *res);
void ballot_body(struct req *r, struct html *h, struct dbc *c, const struct matter *m, const struct decision_rule *rule,
		 const struct matter_result *res);
void meeting_json(struct req *r, struct dbc *c, const struct matter *m, struct json_t *o);
/* The decision's standing (recognition, annulment) on the page and in JSON. */
void standing_section(struct req *r, struct html *h, struct dbc *c, const struct matter *m, const struct matter_result *res);
void standing_json(struct req *r, struct dbc *c, const struct matter *m, const struct matter_result *res, struct json_t *o);
/* The result on the commune's disclosure portal (results.c): a link once
 * published, else the button for who may publish it; the posting id in JSON. */
void results_section(struct req *r, struct html *h, struct dbc *c, const struct matter *m, const struct matter_result *res);
void results_json(struct dbc *c, const struct matter *m, struct json_t *o);
/* A matter's documents (documents.c): the list, and for who may add them the
 * upload form; "documents" in JSON. */
void documents_section(struct req *r, struct html *h, struct dbc *c, const struct matter *m, const struct matter_result *res);
void documents_json(struct req *r, struct dbc *c, const struct matter *m, struct json_t *o);
/* Shared by the page files of meetings, paper ballots and elections. */
/* The matter of the path, for whoever runs its meeting; answers otherwise. */
bool head_matter_or_respond(struct req *r, struct resp *w, struct dbc **c, struct matter *m);
/* Whether a household's code or head matches the search (folded) of a roll. */
bool household_matches(const char *qf, const char *q, const char *code, const char *head);
void election_section(struct req *r, struct html *h, struct dbc *c, const struct matter *m, const struct election *el,
		      const struct meeting *g, const struct matter_result *res);
void dismissal_section(struct req *r, struct html *h, struct dbc *c, const struct matter *m, const struct dismissal *dm,
		       const struct matter_result *res);
/* The decisions section of a unit's page, the matters found by the site
 * search (module.h). */
struct module_hits;
enum app_err decisions_search_hits(struct req *r, struct dbc *c, const char *q, struct module_hits *out);
void decisions_unit_section(struct req *r, struct html *h, struct dbc *c, const struct unit *u);
/* The person's tasks about village decisions (reminders.c), for /me. */
struct module_tasks;
enum app_err decisions_me_tasks(struct req *r, struct dbc *c, int64_t now, struct module_tasks *out);
/* route handlers (decisions_module.c) */
http_handler_fn page_unit_matters, page_matter_new, page_matter_create, page_matter_minutes_pdf,
	page_matter_notice_pdf, page_matter, page_matter_receipt_pdf, page_matter_vote, page_matter_attendance,
	page_matter_attendance_post, page_matter_count, page_matter_sign, page_matter_act,
	api_election_create, page_election_step, page_election_count, api_dismissal_create,
	page_dismissal_acting, page_matter_publish, page_matter_documents_post, page_matter_file,
	page_matter_procedure, page_matter_paper, page_matter_paper_post, page_matter_distribute,
	page_unit_initiatives, page_initiative_create, page_initiative, page_initiative_consent,
	page_initiative_approve, page_unit_meetings_ics, api_matters, api_matter, api_matter_ballot,
	api_matter_create;
#endif
