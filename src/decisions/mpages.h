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
void page_unit_matters(struct req *r, struct resp *w);
void page_matter_new(struct req *r, struct resp *w);
void page_matter_create(struct req *r, struct resp *w);
void page_matter_minutes_pdf(struct req *r, struct resp *w);
void page_matter_notice_pdf(struct req *r, struct resp *w);
void page_matter(struct req *r, struct resp *w);
void page_matter_vote(struct req *r, struct resp *w);
void page_matter_attendance(struct req *r, struct resp *w);
void page_matter_attendance_post(struct req *r, struct resp *w);
void page_matter_count(struct req *r, struct resp *w);
void page_matter_sign(struct req *r, struct resp *w);
void page_matter_act(struct req *r, struct resp *w);
void api_election_create(struct req *r, struct resp *w);
void page_election_step(struct req *r, struct resp *w);
void page_election_count(struct req *r, struct resp *w);
void api_dismissal_create(struct req *r, struct resp *w);
void page_dismissal_acting(struct req *r, struct resp *w);
void page_matter_publish(struct req *r, struct resp *w);
void page_matter_documents_post(struct req *r, struct resp *w);
void page_matter_file(struct req *r, struct resp *w);
void page_matter_procedure(struct req *r, struct resp *w);
void page_matter_paper(struct req *r, struct resp *w);
void page_matter_paper_post(struct req *r, struct resp *w);
void page_matter_distribute(struct req *r, struct resp *w);
void page_unit_initiatives(struct req *r, struct resp *w);
void page_initiative_create(struct req *r, struct resp *w);
void page_initiative(struct req *r, struct resp *w);
void page_initiative_consent(struct req *r, struct resp *w);
void page_initiative_approve(struct req *r, struct resp *w);
void page_unit_meetings_ics(struct req *r, struct resp *w);
void api_matters(struct req *r, struct resp *w);
void api_matter(struct req *r, struct resp *w);
void api_matter_ballot(struct req *r, struct resp *w);
void api_matter_create(struct req *r, struct resp *w);
#endif
