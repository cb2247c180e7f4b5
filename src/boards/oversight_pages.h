/*
 * oversight_pages.h — the route handlers and hooks of the people's
 * inspection and supervision (oversight_pages.c, tracker_pages.c).
 */
#ifndef COSO_OVERSIGHT_PAGES_H
#define COSO_OVERSIGHT_PAGES_H
#include "../http/http.h"
#include "../i18n/msg.h"

struct html;
struct dbc;
struct unit;
struct module_tasks;
void ov_unit_section(struct req *r, struct html *h, struct dbc *c, const struct unit *u);
enum app_err ov_me_tasks(struct req *r, struct dbc *c, int64_t now, struct module_tasks *out);
/* Helpers of both files: a day as the pages write it ("—" for none); a
 * labelled field of a form, what was typed kept when it was refused; the
 * path's id parameter idx (404 answered when it is not one); the end of a
 * page (400 when it shows problems, cached briefly for visitors); the answer
 * to a form: the page again with its problems (refused input), or 303. */
struct resp;
struct problems;
const char *ovp_day(struct req *r, int64_t day);
void ovp_field(struct req *r, struct html *h, const struct problems *pr, const char *name, enum msg_id label,
	       const char *type, bool required);
/* The same with its own id (f-ID), for a name used by two forms of a page. */
void ovp_field_id(struct req *r, struct html *h, const struct problems *pr, const char *name, const char *id,
		  enum msg_id label, const char *type, bool required);
/* A list of n items (tag "ul" or "ol", a class or NULL), or "none yet" for none. */
void ovp_list_begin(struct html *h, size_t n, const char *tag, const char *cls);
void ovp_list_end(struct html *h, size_t n, const char *tag);
bool ovp_id(struct req *r, struct resp *w, int idx, int64_t *id);
void ovp_end(struct req *r, struct resp *w, struct html *h, const struct problems *pr);
typedef void ovp_show_fn(struct req *r, struct resp *w, int64_t id, const struct problems *pr);
void ovp_answer(struct req *r, struct resp *w, enum app_err e, const struct problems *pr, ovp_show_fn *show, int64_t id,
		const char *location);
http_handler_fn page_unit_boards, page_board_create, page_unit_staff, page_board, page_member_add, page_member_leave,
	page_plan_save, page_inspection_create, page_petition_create, page_report_issue, page_report_pdf, page_inspection,
	page_finding_add, page_inspection_record, page_rec_create, page_inspection_file, page_unit_projects,
	page_project_create, page_project, page_project_progress, page_milestone_add, page_milestone_done,
	page_project_finish, page_unit_conferences, page_conference_create, page_conference, page_conference_held, page_conference_reschedule, page_conference_cancel,
	page_conference_item, page_conference_task_done, page_unit_ics, api_boards, api_projects, api_conferences;
#endif
