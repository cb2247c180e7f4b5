/*
 * pages.h — every route handler, named page_* (HTML) or api_* (JSON). Each
 * handler's comment in its file names its URL and parameters.
 */
#ifndef COSO_PAGES_H
#define COSO_PAGES_H
#include "http/http.h"

void page_healthz(struct req *r, struct resp *w);
void page_readyz(struct req *r, struct resp *w);
void page_metrics(struct req *r, struct resp *w);
void page_static(struct req *r, struct resp *w);

void page_home(struct req *r, struct resp *w);
void page_unit(struct req *r, struct resp *w);
void page_households(struct req *r, struct resp *w);
void page_households_csv(struct req *r, struct resp *w);

void page_login(struct req *r, struct resp *w);
void page_login_post(struct req *r, struct resp *w);
void page_logout(struct req *r, struct resp *w);
void page_me(struct req *r, struct resp *w);
void page_me_token_create(struct req *r, struct resp *w);
void page_me_token_revoke(struct req *r, struct resp *w);
void page_admin_user_token_revoke(struct req *r, struct resp *w);
/* An account's API tokens with a revoke button each (POST ACTION_BASE/{id}/revoke,
 * ACTION_BASE/all/revoke), for /me and the administrators' user page. */
struct html;
struct dbc;
void auth_tokens_section(struct req *r, struct html *h, struct dbc *c, int64_t user_id, const char *action_base);
/* Revokes the token named by which (an id, or "all") of an account. */
enum app_err auth_tokens_revoke_param(struct req *r, int64_t user_id, const char *which);
void page_assist(struct req *r, struct resp *w);
void page_assist_start(struct req *r, struct resp *w);
void page_assist_end(struct req *r, struct resp *w);

void page_admin(struct req *r, struct resp *w);
void page_admin_users(struct req *r, struct resp *w);
void page_admin_user_create(struct req *r, struct resp *w);
void page_admin_user(struct req *r, struct resp *w);
void page_admin_user_post(struct req *r, struct resp *w);
void page_admin_import(struct req *r, struct resp *w);
void page_admin_import_post(struct req *r, struct resp *w);
void page_admin_units_create(struct req *r, struct resp *w);
void page_admin_holidays(struct req *r, struct resp *w);
void page_admin_holidays_post(struct req *r, struct resp *w);

struct dbc;
struct unit;
/* The village with that code, if the caller may read its people (households,
 * residents): APP_ENOTFOUND, APP_EFORBID or a database error otherwise. */
enum app_err units_village_for_people(struct req *r, struct dbc *c, const char *code, struct unit *u);

void api_units(struct req *r, struct resp *w);
void api_unit(struct req *r, struct resp *w);
void api_households(struct req *r, struct resp *w);
void api_me(struct req *r, struct resp *w);
void api_holidays(struct req *r, struct resp *w);
void page_disclosure_items(struct req *r, struct resp *w);
void api_disclosure_items(struct req *r, struct resp *w);
void page_ledger(struct req *r, struct resp *w);
void page_ledger_checkpoint(struct req *r, struct resp *w);
void page_ledger_key(struct req *r, struct resp *w);
void page_ledger_entry_raw(struct req *r, struct resp *w);
void page_ledger_inclusion(struct req *r, struct resp *w);
void page_ledger_consistency(struct req *r, struct resp *w);
void page_ledger_entry(struct req *r, struct resp *w);
void api_deadline(struct req *r, struct resp *w);
void page_unit_disclosures(struct req *r, struct resp *w);
void page_unit_disclosures_atom(struct req *r, struct resp *w);
void page_disclosure_new(struct req *r, struct resp *w);
void page_disclosure_create(struct req *r, struct resp *w);
void page_disclosure(struct req *r, struct resp *w);
void page_disclosure_pdf(struct req *r, struct resp *w);
void page_disclosure_file(struct req *r, struct resp *w);
void page_disclosure_edit(struct req *r, struct resp *w);
void page_disclosure_edit_post(struct req *r, struct resp *w);
void page_disclosure_publish(struct req *r, struct resp *w);
void page_disclosure_correct(struct req *r, struct resp *w);
void page_disclosure_correct_post(struct req *r, struct resp *w);
void page_disclosure_withdraw(struct req *r, struct resp *w);
void api_disclosures(struct req *r, struct resp *w);
void api_disclosure(struct req *r, struct resp *w);
void page_disclosure_compliance(struct req *r, struct resp *w);
void api_disclosure_compliance(struct req *r, struct resp *w);
void page_disclosure_register(struct req *r, struct resp *w);
void page_disclosure_register_csv(struct req *r, struct resp *w);
void page_disclosure_register_xlsx(struct req *r, struct resp *w);
void page_disclosure_register_pdf(struct req *r, struct resp *w);
void api_disclosure_register(struct req *r, struct resp *w);
void page_info_request_new(struct req *r, struct resp *w);
void page_info_request_create(struct req *r, struct resp *w);
void page_info_request(struct req *r, struct resp *w);
void page_info_requests(struct req *r, struct resp *w);
void page_info_request_answer(struct req *r, struct resp *w);
void page_info_request_take(struct req *r, struct resp *w);
void page_admin_settings_post(struct req *r, struct resp *w);
void page_admin_catalogue(struct req *r, struct resp *w);
void page_unit_matters(struct req *r, struct resp *w);
void page_matter_new(struct req *r, struct resp *w);
void page_matter_create(struct req *r, struct resp *w);
void page_matter(struct req *r, struct resp *w);
void page_matter_vote(struct req *r, struct resp *w);
void api_matters(struct req *r, struct resp *w);
void api_matter(struct req *r, struct resp *w);
void api_matter_ballot(struct req *r, struct resp *w);
void api_matter_create(struct req *r, struct resp *w);
void page_matter_attendance(struct req *r, struct resp *w);
void page_matter_attendance_post(struct req *r, struct resp *w);
void page_matter_count(struct req *r, struct resp *w);
void page_matter_sign(struct req *r, struct resp *w);
void page_unit_meetings_ics(struct req *r, struct resp *w);
void page_matter_act(struct req *r, struct resp *w);
void page_matter_publish(struct req *r, struct resp *w);
void page_matter_documents_post(struct req *r, struct resp *w);
void page_matter_file(struct req *r, struct resp *w);
/* The signed-in person's reminders about village decisions (reminders.c), for /me. */
struct html;
void decisions_reminders(struct req *r, struct html *h);
void page_matter_notice_pdf(struct req *r, struct resp *w);
void page_matter_distribute(struct req *r, struct resp *w);
void page_inspection_board(struct req *r, struct resp *w);
void api_inspection_board(struct req *r, struct resp *w);
void page_matter_procedure(struct req *r, struct resp *w);
void page_matter_paper(struct req *r, struct resp *w);
void page_matter_paper_post(struct req *r, struct resp *w);
void page_unit_initiatives(struct req *r, struct resp *w);
void page_initiative_create(struct req *r, struct resp *w);
void page_initiative(struct req *r, struct resp *w);
void page_initiative_consent(struct req *r, struct resp *w);
void page_initiative_approve(struct req *r, struct resp *w);
void page_matter_minutes_pdf(struct req *r, struct resp *w);
void api_election_create(struct req *r, struct resp *w);
void page_election_step(struct req *r, struct resp *w);
void page_election_count(struct req *r, struct resp *w);
void api_dismissal_create(struct req *r, struct resp *w);
void page_dismissal_acting(struct req *r, struct resp *w);
void page_admin_catalogue_post(struct req *r, struct resp *w);
void api_openapi(struct req *r, struct resp *w);
#endif
