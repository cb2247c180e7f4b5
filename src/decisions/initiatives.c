/*
 * initiatives.c — citizens' initiatives (Law 10/2022 Art. 16): a household's
 * representative proposes a matter to the village; households consent online
 * (their representative) or on paper (recorded by the initiator or the
 * village head); consents are valid for 3 months; the initiative goes forward
 * to the village head when at least 10% of the village's households consent,
 * or below that when the Front approves it. The domain: every write checks
 * who may do it and returns its problems (initiatives_pages.c shows them).
 */
#include "decisions_int.h"
#include "../auth/auth.h"
#include "../events/events.h"
#include "../i18n/msg.h"
#include "../util/problems.h"
#include "../util/str.h"
#include <stdio.h>
#include <string.h>

static void read_initiative(struct arena *a, struct db_stmt *s, struct initiative *x)
{
	db_cols(s, a, 0, DB_COL(&x->id), DB_COL(&x->unit.id), DB_COL(&x->unit.code), DB_COL(&x->unit.title),
		DB_COL(&x->unit.path));
	x->unit.kind = "village";
	x->unit.name = x->unit.title;
	x->unit.parent_code = "";
	db_cols(s, a, 5, DB_COL(&x->households), DB_COL(&x->item), DB_COL(&x->title), DB_COL(&x->description),
		DB_COL(&x->initiator), DB_COL(&x->created_at), DB_COL(&x->forwarded_at), DB_COL(&x->front_approved),
		DB_COL(&x->initiator_id));
}

static void initiative_row(struct arena *a, struct db_stmt *s, void *out)
{
	read_initiative(a, s, out);
}

enum app_err initiative_get(struct arena *a, struct dbc *c, int64_t id, struct initiative *x)
{
	struct db_stmt *s = dbc_stmt(c, STMT_INITIATIVE_GET);
	db_bind_i64(s, 1, id);
	return db_get_row(s, a, initiative_row, x);
}

int64_t initiative_valid_consents(struct dbc *c, int64_t id, int64_t now)
{
	struct db_stmt *s = dbc_stmt(c, STMT_CONSENT_COUNT);
	db_bind_i64(s, 1, id);
	db_bind_i64(s, 2, initiative_consent_cutoff(now));
	int64_t n = db_one_i64(s, 0, NULL);
	return n;
}

/* At least 10% of the village's households (integer arithmetic). */
int64_t initiative_consents_needed(int64_t households)
{
	return (households + 9) / 10;
}

/* The household the user represents in this village, or 0. */
int64_t decisions_represented_household(struct dbc *c, int64_t user, int64_t village)
{
	struct db_stmt *s = dbc_stmt(c, STMT_VOTER_HOUSEHOLD);
	db_bind_i64(s, 1, user);
	bool row;
	int64_t h = 0;
	if (!db_step(s, &row) && row && db_col_i64(s, 1) == village)
		h = db_col_i64(s, 0);
	db_reset(s);
	return h;
}

struct ini_job {
	int64_t id, village, household, user, on_behalf;
	int64_t now;               /* when it is done */
	int item;
	const char *title, *description, *village_code;
	bool paper, front;
};

static enum app_err event(struct dbc *c, const struct ini_job *j, const char *kind)
{
	struct event ev = {.at = j->now, .actor = j->user, .on_behalf = j->on_behalf, .unit = j->village, .kind = kind, .about = "initiative", .about_id = j->id,
			   .public = true};
	return events_add(c, &ev, NULL);
}

/* Records a consent, and forwards the initiative when it reaches 10%. */
static enum app_err consent_fn(struct dbc *c, void *arg)
{
	struct ini_job *j = arg;
	struct arena a;
	arena_init(&a);
	struct initiative x;
	int64_t now = j->now;
	enum app_err e = initiative_get(&a, c, j->id, &x);
	if (!e && !j->front) {
		bool in = false;
		if (!(e = household_in_village(c, j->household, x.unit.id, &in)) && !in)
			e = APP_EINVAL;
		if (!e) {
			e = db_run(c, STMT_CONSENT_UPSERT, "iiiii", (int64_t)j->id, (int64_t)j->household, (int64_t)j->user, (int64_t)j->paper, (int64_t)now);
		}
	}
	bool forward = !e && !x.forwarded_at && (j->front || initiative_valid_consents(c, j->id, now) >= initiative_consents_needed(x.households));
	if (forward) {
		struct db_stmt *s = dbc_stmt(c, STMT_INITIATIVE_FORWARD);
		db_bind_i64(s, 1, j->id);
		db_bind_i64(s, 2, now);
		db_bind_i64(s, 3, j->front);
		j->village = x.unit.id;
		if (!(e = db_exec(s)))
			e = event(c, j, "initiative.forward");
	}
	arena_free(&a);
	return e;
}

static enum app_err initiative_create_fn(struct dbc *c, void *arg)
{
	struct ini_job *j = arg;
	struct db_stmt *s = dbc_stmt(c, STMT_INITIATIVE_INSERT);
	db_bind_i64(s, 1, j->village);
	db_bind_i64(s, 2, j->item);
	db_bind_text(s, 3, j->title);
	db_bind_text(s, 4, j->description ? j->description : "");
	db_bind_i64(s, 5, j->user);
	db_bind_i64(s, 6, j->now);
	enum app_err e;
	j->id = db_one_i64(s, 0, &e);
	if (e || !j->id)
		return e ? e : APP_EDB;
	if ((e = event(c, j, "initiative.create")))
		return e;
	return consent_fn(c, j); /* the initiator's household consents */
}

/* The household of that code in the village, 0 if none. */
static int64_t household_by_code(struct dbc *c, int64_t village, const char *code)
{
	struct db_stmt *s = dbc_stmt(c, STMT_HH_EXISTS);
	db_bind_i64(s, 1, village);
	db_bind_text(s, 2, code ? code : "");
	int64_t id = db_one_i64(s, 0, NULL);
	return id;
}

static void initiative_list_row(struct arena *a, struct db_stmt *s, void *p)
{
	read_initiative(a, s, p);
}

enum app_err initiative_list(struct arena *a, struct dbc *c, const char *path, struct initiative **out, size_t *n)
{
	struct db_stmt *s = dbc_stmt(c, STMT_INITIATIVE_LIST);
	db_bind_subtree(s, 1, 2, path);
	return db_get_rows(s, a, initiative_list_row, sizeof **out, (void **)out, n);
}

enum app_err initiative_create(struct db *db, struct dbc *c, const struct user *u, const struct unit *village, int item,
			       const char *title, const char *description, int64_t now, struct problems *pr, int64_t *id)
{
	size_t before = pr->n; /* the problems this call adds */
	int64_t hh = decisions_represented_household(c, u->id, village->id);
	if (!hh) {
		problems_add(pr, "", msg(MSG_MT_NOT_REPRESENTATIVE));
		return APP_EFORBID;
	}
	if (item < 1 || item > 6)
		problems_add(pr, "item", msg(MSG_DP_BAD_ITEM));
	if (!title || !*title || str_utf8_len(title) > 300)
		problems_add(pr, "title", msg(MSG_DP_BAD_TITLE));
	if (description && str_utf8_len(description) > 20000)
		problems_add(pr, "description", msg(MSG_ERR_TOO_BIG_DETAIL));
	if (pr->n > before)
		return APP_EINVAL;
	struct ini_job j = {.village = village->id, .household = hh, .user = u->id, .on_behalf = u->assist_resident,
			    .now = now, .item = item, .title = title, .description = description};
	enum app_err e = db_write(db, initiative_create_fn, &j);
	*id = j.id;
	return e;
}

enum app_err initiative_consent(struct db *db, struct dbc *c, const struct user *u, const struct initiative *x,
				const char *paper_code, int64_t now, struct problems *pr)
{
	struct ini_job j = {.id = x->id, .user = u->id, .on_behalf = u->assist_resident, .now = now};
	if (paper_code) {
		/* a consent signed on paper: recorded by the initiator or the village head */
		if (u->id != x->initiator_id && !decisions_may_convene(u, &x->unit)) {
			problems_add(pr, "", msg(MSG_IN_PAPER_WHO));
			return APP_EFORBID;
		}
		j.paper = true;
		if (!(j.household = household_by_code(c, x->unit.id, paper_code))) {
			problems_add(pr, "household", msg(MSG_MT_OTHER_VILLAGE_HOUSEHOLD));
			return APP_EINVAL;
		}
	} else if (!(j.household = decisions_represented_household(c, u->id, x->unit.id))) {
		problems_add(pr, "", msg(MSG_MT_NOT_REPRESENTATIVE));
		return APP_EFORBID;
	}
	return db_write(db, consent_fn, &j);
}

enum app_err initiative_approve(struct db *db, const struct user *u, const struct initiative *x, int64_t now,
				struct problems *pr)
{
	if (!decisions_may_front(u, &x->unit)) {
		problems_add(pr, "", msg(MSG_IN_FRONT_ONLY));
		return APP_EFORBID;
	}
	if (x->forwarded_at) {
		problems_add(pr, "", msg(MSG_IN_FORWARDED));
		return APP_ECONFLICT;
	}
	struct ini_job j = {.id = x->id, .user = u->id, .on_behalf = u->assist_resident, .now = now, .front = true};
	return db_write(db, consent_fn, &j);
}
