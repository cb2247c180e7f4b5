/* digest.c — people's reminders by their chosen channel (issue #14): once a
 * day at 07:00 UTC+7 what the /me inbox lists for each person who chose the
 * topic "reminders" (every module's tasks, module.h), and at 16:00 again
 * for those with something overdue. The idempotency key carries the day:
 * however many nodes or runs, one digest a person a day (see notify.h). */
#include "notify.h"
#include "../auth/auth.h"
#include "../db/db.h"
#include "../i18n/msg.h"
#include "../module.h"
#include "../util/arena.h"
#include "../util/buf.h"
#include "../util/cal.h"
#include "../util/log.h"
#include <stdio.h>
#include <string.h>

#define DIGEST_TASKS 3 /* named in the message; the rest counted */

struct digest_one {
	int64_t user;
	struct notify_msg m;
	struct notify_param p[3];
	int64_t now;
};

static enum app_err digest_fn(struct dbc *c, void *arg)
{
	struct digest_one *d = arg;
	return notify_user(c, d->user, &d->m, d->now);
}

enum app_err notify_digest(struct db *db, bool overdue_only, int64_t now, size_t *sent)
{
	*sent = 0;
	struct dbc *c;
	enum app_err e = db_conn(db, &c);
	if (e || (e = dbc_begin_read(c)))
		return e;
	struct arena a;
	arena_init(&a);
	int64_t *users = NULL;
	size_t n = 0, cap = 0;
	struct db_stmt *s = dbc_stmt(c, STMT_NOTIFY_DIGEST_USERS);
	bool row;
	while (!(e = db_step(s, &row)) && row) {
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			int64_t *v = arena_alloc(&a, cap * sizeof *v);
			if (n)
				memcpy(v, users, n * sizeof *v);
			users = v;
		}
		users[n++] = db_col_i64(s, 0);
	}
	db_reset(s);
	char day[11];
	cal_format_iso(cal_today((time_t)now), day);
	struct digest_one *out = arena_alloc(&a, (n + 1) * sizeof *out);
	size_t k = 0;
	for (size_t i = 0; !e && i < n; i++) {
		/* the person's inbox, as /me shows it */
		struct req r = {.a = &a, .method = "GET", .path = "/me"};
		if (auth_user_get(&a, c, users[i], &r.user))
			continue;
		struct module_tasks t = {.a = &a};
		module_me_tasks(&r, c, now, &t);
		size_t count = 0, late = 0;
		struct buf names;
		buf_init(&names);
		for (size_t j = 0; j < t.n; j++) {
			if (!strcmp(t.v[j].href, "/me/notifications"))
				continue; /* the messages themselves are not work */
			count++;
			late += t.v[j].late;
			if (count <= DIGEST_TASKS)
				buf_printf(&names, "%s%s (%s)", count > 1 ? "; " : "", t.v[j].title, t.v[j].what);
		}
		if (count > DIGEST_TASKS)
			buf_printf(&names, "; …");
		if (count && (!overdue_only || late)) {
			struct digest_one *d = &out[k++];
			d->user = users[i];
			d->now = now;
			d->p[0] = (struct notify_param){"count", arena_printf(&a, "%zu", count)};
			d->p[1] = (struct notify_param){"late", arena_printf(&a, "%zu", late)};
			d->p[2] = (struct notify_param){"tasks", arena_strdup(&a, names.p ? names.p : "")};
			d->m = (struct notify_msg){.kind = "officer.digest",
						   .subject = arena_printf(&a, "%s:%s", overdue_only ? "overdue" : "digest", day),
						   .href = "/me", .params = d->p, .nparams = 3};
		}
		buf_reset(&names);
	}
	dbc_end_read(c);
	for (size_t i = 0; !e && i < k; i++)
		if (!(e = db_write(db, digest_fn, &out[i])))
			(*sent)++;
	arena_free(&a);
	return e;
}
