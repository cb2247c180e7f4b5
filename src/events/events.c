/* events.c — append-only events (see events.h). */
#include "events.h"
#include "../db/db.h"
#include <time.h>

static void bind_opt(struct db_stmt *s, int idx, int64_t v)
{
	if (v)
		db_bind_i64(s, idx, v);
	else
		db_bind_null(s, idx);
}

enum app_err events_add(struct dbc *c, const struct event *e, int64_t *id)
{
	struct db_stmt *s = dbc_stmt(c, STMT_EVENT_INSERT);
	db_bind_i64(s, 1, time(NULL));
	bind_opt(s, 2, e->actor);
	bind_opt(s, 3, e->on_behalf);
	bind_opt(s, 4, e->unit);
	db_bind_text(s, 5, e->kind);
	db_bind_text(s, 6, e->subject);
	db_bind_i64(s, 7, e->public);
	db_bind_text(s, 8, e->payload ? e->payload : "{}");
	bool row;
	enum app_err r = db_step(s, &row);
	if (!r && row && id)
		*id = db_col_i64(s, 0);
	db_reset(s);
	return r;
}
