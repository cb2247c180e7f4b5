/*
 * documents.c — the documents of a matter: the draft village convention, the
 * estimate of a public work, the candidates' list... Added by the village
 * head (or the commune or Front officers who run the matter) until it
 * closes; checked by content and stored once by SHA-256 like disclosure
 * files; each addition a public event. For items 1-3 at a meeting they must
 * reach every household 2 days before (Decree 59 Art. 3(4)): the page says by
 * when. Page /matters/{id} (section), POST /matters/{id}/documents,
 * GET /matters/{id}/files/{sha256}, and "documents" in the matter's JSON.
 */
#include "../auth/auth.h"
#include "../db/db.h"
#include "../disclosure/dpages.h"
#include "../events/events.h"
#include "../html/layout.h"
#include "../http/server.h"
#include "../i18n/msg.h"
#include "../pages.h"
#include "../util/str.h"
#include "mpages.h"
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MATTER_MAX_FILES 20

struct doc_job {
	int64_t matter, unit, actor, now;
	const struct posting_file *files;
	const char **data;
	size_t n;
	bool full;
};

static enum app_err doc_fn(struct dbc *c, void *arg)
{
	struct doc_job *j = arg;
	struct db_stmt *s = dbc_stmt(c, STMT_MATTER_FILE_COUNT);
	db_bind_i64(s, 1, j->matter);
	bool row;
	enum app_err e = db_step(s, &row);
	int64_t have = !e && row ? db_col_i64(s, 0) : 0;
	db_reset(s);
	if (!e && have + (int64_t)j->n > MATTER_MAX_FILES)
		e = APP_ECONFLICT, j->full = true;
	int64_t now = j->now;
	for (size_t i = 0; i < j->n && !e; i++) {
		if ((e = blob_put(c, &j->files[i], j->data[i])))
			break;
		s = dbc_stmt(c, STMT_MATTER_FILE_INSERT);
		db_bind_i64(s, 1, j->matter);
		db_bind_text(s, 2, j->files[i].sha256);
		db_bind_text(s, 3, j->files[i].filename);
		db_bind_i64(s, 4, j->actor);
		db_bind_i64(s, 5, now);
		e = db_exec(s);
	}
	if (!e) {
		char subject[40];
		snprintf(subject, sizeof subject, "matter:%lld", (long long)j->matter);
		json_t *o = json_array();
		for (size_t i = 0; i < j->n; i++)
			json_array_append_new(o, json_pack("{s:s, s:s}", "sha256", j->files[i].sha256, "filename",
							   j->files[i].filename));
		json_t *p = json_pack("{s:o}", "files", o);
		char *payload = json_dumps(p, JSON_COMPACT);
		json_decref(p);
		struct event ev = {.actor = j->actor, .unit = j->unit, .kind = "matter.documents_added", .subject = subject,
				   .public = true, .payload = payload};
		e = events_add(c, &ev, NULL);
		free(payload);
	}
	return e;
}

/* POST /matters/{id}/documents — files (multipart), until the matter closes. */
void page_matter_documents_post(struct req *r, struct resp *w)
{
	struct dbc *c;
	struct matter m;
	if (!matters_matter_or_respond(r, w, &c, &m))
		return;
	if (!decisions_may_add_documents(r->user, &m)) {
		http_send_error(r, w, APP_EFORBID, msg(MSG_MT_DOCS_WHO));
		return;
	}
	struct decision_rule rule;
	struct matter_result res;
	enum app_err e = matter_outcome(r->a, c, &m, time(NULL), &rule, &res);
	if (!e && res.closed)
		e = APP_ECONFLICT;
	if (e) {
		http_send_error(r, w, e, e == APP_ECONFLICT ? msg(MSG_MT_DOCS_CLOSED) : NULL);
		return;
	}
	struct posting_file files[POSTING_MAX_FILES];
	const char *data[POSTING_MAX_FILES];
	struct posting_problem pr[POSTING_MAX_PROBLEMS];
	size_t n;
	size_t npr = dp_upload_files(r, files, data, &n, pr, 0);
	if (npr || !n) {
		http_send_error(r, w, APP_EINVAL, npr ? pr[0].reason : msg(MSG_MT_DOCS_NONE));
		return;
	}
	struct doc_job j = {m.id, m.unit.id, r->user->id, time(NULL), files, data, n, false};
	e = db_write(r->app->db, doc_fn, &j);
	if (e) {
		http_send_error(r, w, e, j.full ? msg(MSG_MT_DOCS_FULL) : NULL);
		return;
	}
	http_redirect(r, w, arena_printf(r->a, "/matters/%lld#documents", (long long)m.id));
}

/* GET /matters/{id}/files/{sha256} */
void page_matter_file(struct req *r, struct resp *w)
{
	struct dbc *c;
	struct matter m;
	if (!matters_matter_or_respond(r, w, &c, &m))
		return;
	struct db_stmt *s = dbc_stmt(c, STMT_MATTER_FILE_NAME);
	db_bind_i64(s, 1, m.id);
	db_bind_text(s, 2, r->param[1]);
	bool row;
	enum app_err e = db_step(s, &row);
	const char *name = !e && row ? arena_strdup(r->a, db_col_text(s, 0)) : NULL;
	db_reset(s);
	if (!name) {
		http_send_error(r, w, e ? e : APP_ENOTFOUND, NULL);
		return;
	}
	dp_blob_respond(r, w, c, r->param[1], name);
}

struct doc {
	const char *sha256, *filename, *mime;
	int64_t size, at;
};

static void doc_row(struct arena *a, struct db_stmt *s, void *out)
{
	struct doc *d = out;
	d->sha256 = arena_strdup(a, db_col_text(s, 1));
	d->filename = arena_strdup(a, db_col_text(s, 2));
	d->mime = arena_strdup(a, db_col_text(s, 3));
	d->size = db_col_i64(s, 4);
	d->at = db_col_i64(s, 5);
}

static enum app_err docs_get(struct arena *a, struct dbc *c, int64_t matter, struct doc **out, size_t *n)
{
	struct db_stmt *s = dbc_stmt(c, STMT_MATTER_FILE_LIST);
	db_bind_i64(s, 1, matter);
	return db_get_rows(s, a, doc_row, sizeof **out, (void **)out, n);
}

void documents_section(struct req *r, struct html *h, struct dbc *c, const struct matter *m, const struct matter_result *res)
{
	struct doc *ds;
	size_t n;
	bool add = !res->closed && decisions_may_add_documents(r->user, m);
	if (docs_get(r->a, c, m->id, &ds, &n) || (!n && !add))
		return;
	html_printf(h, "<h2 id=\"documents\">%s</h2>\n", msg(MSG_MT_DOCS));
	struct meeting g;
	if (m->item >= 1 && m->item <= 3 && !strcmp(m->form, "meeting") && !meeting_get(r->a, c, m->id, &g) && !g.ended_at) {
		char by[11];
		cal_format_vn(cal_today((time_t)(g.starts_at - 2 * 86400)), by);
		html_printf(h, "<p class=\"meta\">%s %s %s</p>\n", msg(MSG_MT_NOTICE_DOCUMENTS), by, msg(MSG_MT_NOTICE_DOCUMENTS_BASIS));
	}
	if (n) {
		html_lit(h, "<ul class=\"postings\">\n");
		for (size_t i = 0; i < n; i++)
			html_printf(h, "<li><a href=\"/matters/%lld/files/%s\">%s</a> <span class=\"meta\">(%lld KB, %s)</span></li>\n",
				    (long long)m->id, ds[i].sha256, ds[i].filename, (long long)((ds[i].size + 1023) / 1024),
				    matters_when(r, ds[i].at));
		html_lit(h, "</ul>\n");
	}
	if (add) {
		form_begin(r, h, arena_printf(r->a, "/matters/%lld/documents", (long long)m->id), true);
		html_printf(h, "<p><label for=\"f-docs\">%s</label><input id=\"f-docs\" name=\"files\" type=\"file\" multiple></p>"
			       "<p><button type=\"submit\">%s</button></p>",
			    msg(MSG_MT_DOCS_FILES), msg(MSG_MT_DOCS_ADD));
		form_end(h);
	}
}

void documents_json(struct req *r, struct dbc *c, const struct matter *m, json_t *o)
{
	struct doc *ds;
	size_t n;
	if (docs_get(r->a, c, m->id, &ds, &n))
		return;
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{s:s, s:s, s:s, s:I, s:s}", "filename", ds[i].filename, "sha256",
						   ds[i].sha256, "mime", ds[i].mime, "size", (json_int_t)ds[i].size, "url",
						   arena_printf(r->a, "/matters/%lld/files/%s", (long long)m->id, ds[i].sha256)));
	json_object_set_new(o, "documents", a);
}
