/*
 * documents_pages.c — a matter's documents on its page (the list, the
 * upload form for who may add them), POST /matters/{id}/documents,
 * GET /matters/{id}/files/{sha256}, and "documents" in the matter's JSON.
 */
#include "../auth/auth.h"
#include "../disclosure/dpages.h"
#include "../html/layout.h"
#include "../http/server.h"
#include "../i18n/msg.h"
#include "../pages.h"
#include "../util/cal.h"
#include "mpages.h"
#include <jansson.h>
#include <string.h>
#include <time.h>

/* POST /matters/{id}/documents — files (multipart), until the matter closes. */
void page_matter_documents_post(struct req *r, struct resp *w)
{
	struct dbc *c;
	struct matter m;
	if (!matters_matter_or_respond(r, w, &c, &m))
		return;
	struct posting_file files[POSTING_MAX_FILES];
	const char *data[POSTING_MAX_FILES];
	struct posting_problem fp[POSTING_MAX_PROBLEMS];
	size_t n;
	size_t nfp = dp_upload_files(r, files, data, &n, fp, 0);
	struct problems pr = {.a = r->a};
	for (size_t i = 0; i < nfp; i++) /* every file's problem, not just the first */
		problems_add(&pr, fp[i].field, fp[i].reason);
	enum app_err e = nfp ? APP_EINVAL : matter_documents_add(r->app->db, c, r->user, &m, files, data, n, time(NULL), &pr);
	http_answer(r, w, e, &pr, arena_printf(r->a, "/matters/%lld#documents", (long long)m.id));
}

/* GET /matters/{id}/files/{sha256} */
void page_matter_file(struct req *r, struct resp *w)
{
	struct dbc *c;
	struct matter m;
	if (!matters_matter_or_respond(r, w, &c, &m))
		return;
	const char *name = matter_document_name(r->a, c, m.id, r->param[1]);
	if (!name) {
		http_send_error(r, w, APP_ENOTFOUND, NULL);
		return;
	}
	dp_blob_respond(r, w, c, r->param[1], name);
}

void documents_section(struct req *r, struct html *h, struct dbc *c, const struct matter *m, const struct matter_result *res)
{
	struct matter_doc *ds;
	size_t n;
	bool add = !res->closed && decisions_may_add_documents(r->user, m);
	if (matter_documents(r->a, c, m->id, &ds, &n) || (!n && !add))
		return;
	html_printf(h, "<h2 id=\"documents\">%s</h2>\n", msg(MSG_MT_DOCS));
	struct meeting g;
	if (m->item >= 1 && m->item <= 3 && m->form == FORM_MEETING && !meeting_get(r->a, c, m->id, &g) && !g.ended_at) {
		char by[11];
		cal_format_vn(cal_today((time_t)(g.starts_at - 2 * 86400)), by);
		html_printf(h, "<p class=\"meta\">%s %s %s</p>\n", msg(MSG_MT_NOTICE_DOCUMENTS), by, msg(MSG_MT_NOTICE_DOCUMENTS_BASIS));
	}
	if (n) {
		html_lit(h, "<ul class=\"postings\">\n");
		for (size_t i = 0; i < n; i++)
			html_printf(h, "<li><a href=\"/matters/%lld/files/%s\">%s</a> <span class=\"meta\">(%s, %s, %s)</span></li>\n",
				    (long long)m->id, ds[i].sha256, ds[i].filename, msg_file_type(ds[i].mime),
				    msg_size((long long)ds[i].size, arena_alloc(r->a, 24)), matters_when(r, ds[i].at));
		html_lit(h, "</ul>\n");
	}
	if (add) {
		form_begin(r, h, arena_printf(r->a, "/matters/%lld/documents", (long long)m->id), true);
		form_field(h, &(struct form_field){.name = "files", .id = "docs", .label = msg(MSG_MT_DOCS_FILES), .type = "file",
						   .multiple = true}, NULL);
		html_printf(h, "<p><button type=\"submit\">%s</button></p>", msg(MSG_MT_DOCS_ADD));
		form_end(h);
	}
}

void documents_json(struct req *r, struct dbc *c, const struct matter *m, json_t *o)
{
	struct matter_doc *ds;
	size_t n;
	if (matter_documents(r->a, c, m->id, &ds, &n))
		return;
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{s:s, s:s, s:s, s:I, s:s}", "filename", ds[i].filename, "sha256",
						   ds[i].sha256, "mime", ds[i].mime, "size", (json_int_t)ds[i].size, "url",
						   arena_printf(r->a, "/matters/%lld/files/%s", (long long)m->id, ds[i].sha256)));
	json_object_set_new(o, "documents", a);
}
