/* notify.c — the outbox and the in-app channel (see notify.h). */
#include "notify.h"
#include "../db/db.h"
#include "../util/arena.h"
#include "../util/buf.h"
#include <string.h>

enum app_err notify_village(struct dbc *c, int64_t village, const struct notify_msg *m, int64_t now)
{
	return db_run(c, STMT_NOTIFY_VILLAGE_INAPP, "ittttti", village, m->kind, m->subject, m->title, m->body,
		      m->href ? m->href : "", now);
}

static void row_read(struct arena *a, struct db_stmt *s, void *p)
{
	struct notification *x = p;
	db_cols(s, a, 0, DB_COL(&x->id), DB_COL(&x->kind), DB_COL(&x->title), DB_COL(&x->body), DB_COL(&x->href),
		DB_COL(&x->at), DB_COL(&x->read_at));
}

enum app_err notify_list(struct arena *a, struct dbc *c, int64_t user, int max, struct notification **out, size_t *n)
{
	struct db_stmt *s = dbc_stmt(c, STMT_NOTIFY_LIST);
	db_bind_i64(s, 1, user);
	db_bind_i64(s, 2, max);
	return db_get_rows(s, a, row_read, sizeof **out, (void **)out, n);
}

enum app_err notify_unread(struct dbc *c, int64_t user, int64_t *n)
{
	struct db_stmt *s = dbc_stmt(c, STMT_NOTIFY_UNREAD);
	db_bind_i64(s, 1, user);
	enum app_err e;
	*n = db_one_i64(s, 0, &e);
	return e;
}

enum app_err notify_read_all(struct dbc *c, int64_t user, int64_t now)
{
	return db_run(c, STMT_NOTIFY_READ_ALL, "ii", user, now);
}

void notify_metrics(struct dbc *c, struct buf *out)
{
	struct db_stmt *s = dbc_stmt(c, STMT_NOTIFY_COUNTS);
	buf_puts(out, "# HELP coso_outbox_messages Messages in the outbox by channel and status.\n"
		      "# TYPE coso_outbox_messages gauge\n");
	bool row;
	while (!db_step(s, &row) && row)
		buf_printf(out, "coso_outbox_messages{channel=\"%s\",status=\"%s\"} %lld\n", db_col_text(s, 0),
			   db_col_text(s, 1), (long long)db_col_i64(s, 2));
	db_reset(s);
}
