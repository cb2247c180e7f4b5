/*
 * documents.c — the documents of a matter: the draft village convention, the
 * estimate of a public work, the candidates' list... Added by the village
 * head (or the commune or Front officers who run the matter) until it
 * closes; checked by content and stored once by SHA-256 like disclosure
 * files; each addition a public event. For items 1-3 at a meeting they must
 * reach every household 2 days before (Decree 59 Art. 3(4)): the page says by
 * when. The domain (documents_pages.c shows them).
 */
#include "decisions_int.h"
#include "../auth/auth.h"
#include "../disclosure/postings.h"
#include "../events/events.h"
#include "../i18n/msg.h"
#include "../util/problems.h"
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MATTER_MAX_FILES 20

struct doc_job {
	int64_t matter, unit, actor, on_behalf, now;
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
	enum app_err e;
	int64_t have = db_one_i64(s, 0, &e);
	if (!e && have + (int64_t)j->n > MATTER_MAX_FILES)
		e = APP_ECONFLICT, j->full = true;
	int64_t now = j->now;
	for (size_t i = 0; i < j->n && !e; i++) {
		if ((e = blob_put(c, &j->files[i], j->data[i], now)))
			break;
		e = db_run(c, STMT_MATTER_FILE_INSERT, "ittii", (int64_t)j->matter, j->files[i].sha256, j->files[i].filename, (int64_t)j->actor, (int64_t)now);
	}
	if (!e) {
		json_t *o = json_array();
		for (size_t i = 0; i < j->n; i++)
			json_array_append_new(o, json_pack("{s:s, s:s}", "sha256", j->files[i].sha256, "filename",
							   j->files[i].filename));
		json_t *p = json_pack("{s:o}", "files", o);
		char *payload = json_dumps(p, JSON_COMPACT);
		json_decref(p);
		struct event ev = {.at = j->now, .actor = j->actor, .on_behalf = j->on_behalf, .unit = j->unit, .kind = "matter.documents_added",
				   .about = "matter", .about_id = j->matter,
				   .public = true, .payload = payload};
		e = events_add(c, &ev, NULL);
		free(payload);
	}
	return e;
}

enum app_err matter_documents_add(struct db *db, struct dbc *c, const struct user *u, const struct matter *m,
				  const struct posting_file *files, const char **data, size_t n, int64_t now, struct problems *pr)
{
	if (!decisions_may_add_documents(u, m)) {
		problems_add(pr, "", msg(MSG_MT_DOCS_WHO));
		return APP_EFORBID;
	}
	struct arena a;
	arena_init(&a);
	struct decision_rule rule;
	struct matter_result res;
	enum app_err e = matter_outcome(&a, c, m, now, &rule, &res);
	arena_free(&a);
	if (e)
		return e;
	if (res.closed) {
		problems_add(pr, "", msg(MSG_MT_DOCS_CLOSED));
		return APP_ECONFLICT;
	}
	if (!n) {
		problems_add(pr, "files", msg(MSG_MT_DOCS_NONE));
		return APP_EINVAL;
	}
	struct doc_job j = {m->id, m->unit.id, u->id, u->assist_resident, now, files, data, n, false};
	e = db_write(db, doc_fn, &j);
	if (j.full)
		problems_add(pr, "files", msg(MSG_MT_DOCS_FULL));
	return e;
}

const char *matter_document_name(struct arena *a, struct dbc *c, int64_t matter, const char *sha256)
{
	struct db_stmt *s = dbc_stmt(c, STMT_MATTER_FILE_NAME);
	db_bind_i64(s, 1, matter);
	db_bind_text(s, 2, sha256);
	bool row;
	const char *name = !db_step(s, &row) && row ? arena_strdup(a, db_col_text(s, 0)) : NULL;
	db_reset(s);
	return name;
}

static void doc_row(struct arena *a, struct db_stmt *s, void *out)
{
	struct matter_doc *d = out;
	db_cols(s, a, 1, DB_COL(&d->sha256), DB_COL(&d->filename), DB_COL(&d->mime), DB_COL(&d->size),
		DB_COL(&d->at));
}

enum app_err matter_documents(struct arena *a, struct dbc *c, int64_t matter, struct matter_doc **out, size_t *n)
{
	struct db_stmt *s = dbc_stmt(c, STMT_MATTER_FILE_LIST);
	db_bind_i64(s, 1, matter);
	return db_get_rows(s, a, doc_row, sizeof **out, (void **)out, n);
}

