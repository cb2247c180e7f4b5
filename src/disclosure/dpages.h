/*
 * dpages.h — helpers shared by the disclosure module's pages
 * (disclosure_pages.c, compliance_pages.c, requests_pages.c).
 */
#ifndef COSO_DPAGES_H
#define COSO_DPAGES_H
#include "../html/html.h"
#include "../http/http.h"
#include "postings.h"

const char *dp_date_vn(struct req *r, const char *iso);  /* dd/mm/yyyy, "" if not a date */
const char *dp_time_vn(struct req *r, int64_t t);        /* HH:MM dd/mm/yyyy */
const char *dp_today(struct req *r);                     /* local day, yyyy-mm-dd */
/* Loads a unit that must disclose; answers 404 otherwise. */
bool dp_unit_or_respond(struct req *r, struct resp *w, const char *code, struct dbc **c, struct unit *u);
/* The posting of the path ({id}) if the caller may read it (drafts: who may
 * publish; staff postings: staff); 404 otherwise, so a draft does not leak. */
bool dp_posting_or_respond(struct req *r, struct resp *w, struct dbc **c, struct posting *p);
/* Its versions, oldest first (at least one); answers otherwise. */
struct posting_version;
bool dp_versions_or_respond(struct req *r, struct resp *w, struct dbc *c, const struct posting *p,
			    struct posting_version **vs, size_t *nv);
/* The same for the unit of the path ({code}), and only for who may publish there (403 otherwise). */
bool dp_publisher_unit_or_respond(struct req *r, struct resp *w, struct dbc **c, struct unit *u);
/* A list kept as "a;b;c" (a posting's or an item's forms, the loudspeaker
 * days) as a JSON array of its parts. */
struct json_t;
struct json_t *dp_list_json(struct arena *a, const char *forms);
const char *dp_state_label(const char *state);
void dp_forms_text(struct req *r, struct html *h, const char *forms);
const char *dp_period_text(struct req *r, const struct posting *p);
struct doc_issuer;
/* The loudspeaker section of a broadcast posting's page: the player, the
 * downloads, the days broadcast against the minimum, the recording form. */
struct problems;
void dp_radio_section(struct req *r, struct html *h, struct dbc *c, const struct posting *p, const struct problems *pr);
/* The posting's page (GET /disclosures/{id}); pr (may be NULL) are the
 * problems of a refused form on it, shown beside its field. */
void dp_posting_page(struct req *r, struct resp *w, const struct problems *pr);
/* The recipients of a commune's notice: its People's Council, its Front, the
 * village heads (to pass it on, Art. 13(4)), its portal. */
void dp_recipients(struct arena *a, const struct doc_issuer *is, const char *out[4]);
/* The links between a unit's disclosure pages. */
void dp_unit_links(struct req *r, struct html *h, const struct unit *u);
/* The checked files of the request's field "files" (at most POSTING_MAX_FILES,
 * types found by content, names cleaned); problems appended to pr. */
size_t dp_upload_files(struct req *r, struct posting_file *files, const char **data, size_t *nfile,
		       struct posting_problem *pr, size_t npr);
/* Answers with a stored file under the name given: its stored type, and a
 * Content-Disposition with an ASCII fallback and the UTF-8 name (RFC 6266,
 * RFC 8187), inline for PDF and images. */
void dp_blob_respond(struct req *r, struct resp *w, struct dbc *c, const char *sha256, const char *name);
/* The disclosure section of a unit's page, the postings found by the site
 * search (module.h). */
struct dbc;
struct module_hits;
enum app_err disclosure_search_hits(struct req *r, struct dbc *c, const char *q, struct module_hits *out);
void disclosure_unit_section(struct req *r, struct html *h, struct dbc *c, const struct unit *u);
/* route handlers (disclosure_module.c) */
http_handler_fn page_disclosure_ogg, page_disclosure_wav, page_disclosure_recording, page_disclosure_recording_post;
http_handler_fn page_disclosure_items, api_disclosure_items, page_unit_disclosures,
	page_unit_disclosures_atom, page_disclosure_new, page_disclosure_create, page_disclosure_pdf,
	page_disclosure, page_disclosure_file, page_disclosure_edit, page_disclosure_edit_post,
	page_disclosure_publish, page_disclosure_correct, page_disclosure_correct_post,
	page_disclosure_withdraw, api_disclosures, api_disclosure, page_disclosure_compliance,
	api_disclosure_compliance, page_disclosure_register, page_disclosure_register_csv,
	page_disclosure_register_xlsx, page_disclosure_register_pdf, api_disclosure_register,
	page_info_request_new, page_info_request_create, page_info_requests, page_info_request,
	page_info_request_take, page_info_request_answer, page_admin_settings_post;

/* The person's disclosure tasks for /me (tasks.c; module.h). */
struct module_tasks;
enum app_err disclosure_me_tasks(struct req *r, struct dbc *c, int64_t now, struct module_tasks *out);
#endif
