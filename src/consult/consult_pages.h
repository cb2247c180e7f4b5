/*
 * consult_pages.h — the consultation's pages and API (consult_pages.c,
 * synthesis_pages.c) and the hooks consult_module.c names.
 */
#ifndef COSO_CONSULT_PAGES_H
#define COSO_CONSULT_PAGES_H
#include "../http/http.h"
#include "../module.h"
#include "consult.h"

struct html;
struct dbc;
struct unit;

void consult_unit_section(struct req *r, struct html *h, struct dbc *c, const struct unit *u);
enum app_err consult_me_tasks(struct req *r, struct dbc *c, int64_t now, struct module_tasks *out);

void page_unit_consultations(struct req *r, struct resp *w);
void page_consult_new(struct req *r, struct resp *w);
void page_consult_create(struct req *r, struct resp *w);
void page_consult(struct req *r, struct resp *w);
void page_consult_comment(struct req *r, struct resp *w);
void page_consult_vote(struct req *r, struct resp *w);
void page_consult_draft(struct req *r, struct resp *w);
void page_consult_publish(struct req *r, struct resp *w);
void page_consult_comments(struct req *r, struct resp *w);
void page_comment_moderate(struct req *r, struct resp *w);
void page_consult_person(struct req *r, struct resp *w);
void page_consult_changes(struct req *r, struct resp *w);

void page_consult_synthesis(struct req *r, struct resp *w);
void page_consult_answer(struct req *r, struct resp *w);
void page_consult_signoff(struct req *r, struct resp *w);
void page_consult_synthesis_xlsx(struct req *r, struct resp *w);
void page_consult_synthesis_pdf(struct req *r, struct resp *w);
void page_consult_stats(struct req *r, struct resp *w);
void page_consult_stats_csv(struct req *r, struct resp *w);
void page_unit_consult_stats(struct req *r, struct resp *w);
void page_unit_consult_stats_csv(struct req *r, struct resp *w);

void api_consultations(struct req *r, struct resp *w);
void api_consultation(struct req *r, struct resp *w);
void api_consult_comments(struct req *r, struct resp *w);
void api_consult_comment_create(struct req *r, struct resp *w);
void api_consult_synthesis(struct req *r, struct resp *w);

/* shared by the two page files (consult_pages.c) */
/* The consultation of the path ({id}) for whoever may see it (a draft: its
 * officers only), on the thread's connection; NULL after answering. */
struct dbc *consult_of_path(struct req *r, struct resp *w, struct consultation *k);
/* What a comment says of who made it: a name by choice, the body an
 * officer entered, else the village ("Người dân Thôn Trung"). */
const char *comment_who(struct req *r, const struct comment *cm);
/* The text of a unit of the draft as a line: "Điều 3. Heading — body". */
const char *draft_unit_line(struct arena *a, const struct draft_unit *u);
#endif
