/*
 * initiatives.c — citizens' initiatives (Law 10/2022 Art. 16): a household's
 * representative proposes a matter to the village; households consent online
 * (their representative) or on paper (recorded by the initiator or the
 * village head); consents are valid for 3 months; the initiative goes forward
 * to the village head when at least 10% of the village's households consent,
 * or below that when the Front approves it. Pages only.
 */
#include "../auth/auth.h"
#include "../db/db.h"
#include "../events/events.h"
#include "../html/layout.h"
#include "../http/server.h"
#include "../i18n/msg.h"
#include "../pages.h"
#include "../util/cal.h"
#include "../util/str.h"
#include "mpages.h"
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct initiative {
	int64_t id;
	struct unit unit;
	int64_t households;      /* of the village, now */
	int item;
	const char *title, *description, *initiator;
	int64_t created_at, forwarded_at, initiator_id;
	bool front_approved;
};

static void read_initiative(struct arena *a, struct db_stmt *s, struct initiative *x)
{
	x->id = db_col_i64(s, 0);
	x->unit.id = db_col_i64(s, 1);
	x->unit.code = arena_strdup(a, db_col_text(s, 2));
	x->unit.title = arena_strdup(a, db_col_text(s, 3));
	x->unit.path = arena_strdup(a, db_col_text(s, 4));
	x->unit.kind = "village";
	x->unit.name = x->unit.title;
	x->unit.parent_code = "";
	x->households = db_col_i64(s, 5);
	x->item = (int)db_col_i64(s, 6);
	x->title = arena_strdup(a, db_col_text(s, 7));
	x->description = arena_strdup(a, db_col_text(s, 8));
	x->initiator = arena_strdup(a, db_col_text(s, 9));
	x->created_at = db_col_i64(s, 10);
	x->forwarded_at = db_col_i64(s, 11);
	x->front_approved = db_col_i64(s, 12);
	x->initiator_id = db_col_i64(s, 13);
}

static void initiative_row(struct arena *a, struct db_stmt *s, void *out)
{
	read_initiative(a, s, out);
}

static enum app_err initiative_get(struct arena *a, struct dbc *c, int64_t id, struct initiative *x)
{
	struct db_stmt *s = dbc_stmt(c, STMT_INITIATIVE_GET);
	db_bind_i64(s, 1, id);
	return db_get_row(s, a, initiative_row, x);
}

static int64_t valid_consents(struct dbc *c, int64_t id, int64_t now)
{
	struct db_stmt *s = dbc_stmt(c, STMT_CONSENT_COUNT);
	db_bind_i64(s, 1, id);
	db_bind_i64(s, 2, initiative_consent_cutoff(now));
	bool row;
	int64_t n = !db_step(s, &row) && row ? db_col_i64(s, 0) : 0;
	db_reset(s);
	return n;
}

/* At least 10% of the village's households (integer arithmetic). */
static int64_t consents_needed(int64_t households)
{
	return (households + 9) / 10;
}

/* The household the user represents in this village, or 0. */
static int64_t represented_household(struct dbc *c, int64_t user, int64_t village)
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
	int64_t id, village, household, user;
	int64_t now;               /* when it is done */
	int item;
	const char *title, *description, *village_code;
	bool paper, front;
};

static enum app_err event(struct dbc *c, const struct ini_job *j, const char *kind)
{
	char subject[40];
	snprintf(subject, sizeof subject, "initiative:%lld", (long long)j->id);
	struct event ev = {.actor = j->user, .unit = j->village, .kind = kind, .subject = subject, .public = true};
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
			struct db_stmt *s = dbc_stmt(c, STMT_CONSENT_UPSERT);
			db_bind_i64(s, 1, j->id);
			db_bind_i64(s, 2, j->household);
			db_bind_i64(s, 3, j->user);
			db_bind_i64(s, 4, j->paper);
			db_bind_i64(s, 5, now);
			e = db_exec(s);
		}
	}
	bool forward = !e && !x.forwarded_at && (j->front || valid_consents(c, j->id, now) >= consents_needed(x.households));
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

static enum app_err create_fn(struct dbc *c, void *arg)
{
	struct ini_job *j = arg;
	struct db_stmt *s = dbc_stmt(c, STMT_INITIATIVE_INSERT);
	db_bind_i64(s, 1, j->village);
	db_bind_i64(s, 2, j->item);
	db_bind_text(s, 3, j->title);
	db_bind_text(s, 4, j->description ? j->description : "");
	db_bind_i64(s, 5, j->user);
	db_bind_i64(s, 6, j->now);
	bool row;
	enum app_err e = db_step(s, &row);
	j->id = !e && row ? db_col_i64(s, 0) : 0;
	db_reset(s);
	if (e || !j->id)
		return e ? e : APP_EDB;
	if ((e = event(c, j, "initiative.create")))
		return e;
	return consent_fn(c, j); /* the initiator's household consents */
}

/* ---- pages ---- */

/* GET /units/{code}/initiatives — a village's initiatives, and the form. */
void page_unit_initiatives(struct req *r, struct resp *w)
{
	struct unit u;
	struct dbc *c = units_path_unit_or_respond(r, w, true, &u);
	if (!c)
		return;
	struct db_stmt *s = dbc_stmt(c, STMT_INITIATIVE_LIST);
	db_bind_subtree(s, 1, 2, u.path);
	struct html h = {.b = &w->body};
	const char *title = arena_printf(r->a, "%s — %s", msg(MSG_IN_LIST), u.title);
	layout_begin(r, &h, title);
	html_printf(&h, "<nav aria-label=\"%s\" class=\"crumbs\"><ol><li><a href=\"/units/%s\">%s</a></li>"
			"<li><a href=\"/units/%s/matters\">%s</a></li></ol></nav>\n<h1>%s</h1>\n<p>%s</p>\n",
		    msg(MSG_BREADCRUMB), u.code, u.title, u.code, msg(MSG_MT_LIST), title, msg(MSG_IN_LEAD));
	html_lit(&h, "<ul class=\"postings\">\n");
	bool row;
	int64_t now = time(NULL);
	while (!db_step(s, &row) && row) {
		struct initiative x;
		read_initiative(r->a, s, &x);
		html_printf(&h, "<li><a href=\"/initiatives/%lld\">%s</a> <span class=\"badge\">%s</span><br><span class=\"meta\">%s · %s</span></li>\n",
			    (long long)x.id, x.title, x.forwarded_at ? msg(MSG_IN_FORWARDED) : msg(MSG_IN_COLLECTING), x.initiator,
			    matters_when(r, x.created_at));
	}
	db_reset(s);
	html_lit(&h, "</ul>\n");
	if (r->user && represented_household(c, r->user->id, u.id)) {
		html_printf(&h, "<h2>%s</h2>\n", msg(MSG_IN_NEW));
		form_begin(r, &h, arena_printf(r->a, "/units/%s/initiatives", u.code), false);
		html_printf(&h, "<p><label for=\"f-item\">%s</label><select id=\"f-item\" name=\"item\">", msg(MSG_DP_ITEM));
		for (int i = 1; i <= 6; i++)
			html_printf(&h, "<option value=\"%d\"%s>%d</option>", i, i == 6 ? " selected" : "", i);
		html_printf(&h, "</select></p>\n<p><label for=\"f-t\">%s</label><input id=\"f-t\" name=\"title\" type=\"text\" required></p>\n"
				"<p><label for=\"f-d\">%s</label><textarea id=\"f-d\" name=\"description\" rows=\"4\"></textarea></p>\n"
				"<p><button type=\"submit\">%s</button></p>\n",
			    msg(MSG_DP_TITLE), msg(MSG_DP_BODY), msg(MSG_IN_NEW));
		form_end(&h);
	}
	(void)now;
	layout_end(r, &h);
}

/* POST /units/{code}/initiatives — a household's representative proposes. */
void page_initiative_create(struct req *r, struct resp *w)
{
	struct dbc *c = app_conn_or_respond(r, w);
	if (!c)
		return;
	struct unit u;
	enum app_err e = units_get(r->a, c, r->param[0], &u);
	if (!e && !units_kind_is_village(u.kind))
		e = APP_ENOTFOUND;
	int64_t hh = e ? 0 : represented_household(c, r->user->id, u.id);
	if (!e && !hh)
		e = APP_EFORBID;
	if (e) {
		http_send_error(r, w, e, e == APP_EFORBID ? msg(MSG_MT_NOT_REPRESENTATIVE) : msg(MSG_UNIT_NOT_FOUND));
		return;
	}
	const char *title = req_form(r, "title");
	int64_t item;
	if (!title || !*title || str_utf8_len(title) > 300 || !req_form(r, "item") || str_to_i64(req_form(r, "item"), 1, 6, &item)) {
		http_send_error(r, w, APP_EINVAL, msg(MSG_DP_BAD_TITLE));
		return;
	}
	struct ini_job j = {.village = u.id, .household = hh, .user = r->user->id, .now = time(NULL), .item = (int)item, .title = title,
			    .description = req_form(r, "description")};
	if ((e = db_write(r->app->db, create_fn, &j))) {
		http_send_error(r, w, e, NULL);
		return;
	}
	http_redirect(r, w, arena_printf(r->a, "/initiatives/%lld", (long long)j.id));
}

static bool initiative_or_respond(struct req *r, struct resp *w, struct dbc **c, struct initiative *x)
{
	*c = app_conn_or_respond(r, w);
	if (!*c)
		return false;
	int64_t id;
	enum app_err e = str_to_i64(r->param[0], 1, INT64_MAX, &id) ? APP_ENOTFOUND : initiative_get(r->a, *c, id, x);
	if (e)
		http_send_error(r, w, e, e == APP_ENOTFOUND ? msg(MSG_IN_NOT_FOUND) : NULL);
	return !e;
}

/* GET /initiatives/{id} */
void page_initiative(struct req *r, struct resp *w)
{
	struct dbc *c;
	struct initiative x;
	if (!initiative_or_respond(r, w, &c, &x))
		return;
	int64_t now = time(NULL), valid = valid_consents(c, x.id, now), need = consents_needed(x.households);
	struct html h = {.b = &w->body};
	layout_begin(r, &h, x.title);
	html_printf(&h, "<nav aria-label=\"%s\" class=\"crumbs\"><ol><li><a href=\"/units/%s/initiatives\">%s</a></li></ol></nav>\n"
			"<p class=\"meta\">%s · %s %d</p>\n<h1>%s</h1>\n",
		    msg(MSG_BREADCRUMB), x.unit.code, msg(MSG_IN_LIST), x.unit.title, msg(MSG_DP_ITEM), x.item, x.title);
	if (*x.description)
		html_markdown(&h, x.description);
	html_printf(&h, "<dl class=\"facts\"><dt>%s</dt><dd>%s, %s</dd>\n", msg(MSG_IN_INITIATOR), x.initiator,
		    matters_when(r, x.created_at));
	html_printf(&h, "<dt>%s</dt><dd><strong>%lld</strong> / %lld (%s %lld)</dd>\n", msg(MSG_IN_CONSENTS), (long long)valid,
		    (long long)x.households, msg(MSG_IN_NEEDED), (long long)need);
	html_printf(&h, "<dt>%s</dt><dd>%s</dd></dl>\n", msg(MSG_DP_STATE),
		    x.forwarded_at ? (x.front_approved ? msg(MSG_IN_FRONT_APPROVED) : msg(MSG_IN_FORWARDED)) : msg(MSG_IN_COLLECTING));
	html_printf(&h, "<p class=\"meta\">%s</p>\n", msg(MSG_IN_VALIDITY));
	if (r->user && represented_household(c, r->user->id, x.unit.id)) {
		form_begin(r, &h, arena_printf(r->a, "/initiatives/%lld/consent", (long long)x.id), false);
		html_printf(&h, "<p><button type=\"submit\">%s</button></p>", msg(MSG_IN_CONSENT));
		form_end(&h);
	}
	if (r->user && (r->user->id == x.initiator_id || decisions_may_convene(r->user, &x.unit))) {
		form_begin(r, &h, arena_printf(r->a, "/initiatives/%lld/consent", (long long)x.id), false);
		html_printf(&h, "<p><label for=\"f-hh\">%s</label><input id=\"f-hh\" name=\"household\" type=\"text\" required></p>"
				"<p><button type=\"submit\" name=\"paper\" value=\"1\">%s</button></p>",
			    msg(MSG_IN_PAPER_HOUSEHOLD), msg(MSG_IN_RECORD_PAPER));
		form_end(&h);
	}
	if (!x.forwarded_at && decisions_may_front(r->user, &x.unit)) {
		form_begin(r, &h, arena_printf(r->a, "/initiatives/%lld/approve", (long long)x.id), false);
		html_printf(&h, "<p><button type=\"submit\">%s</button></p>", msg(MSG_IN_APPROVE));
		form_end(&h);
	}
	layout_end(r, &h);
}

/* POST /initiatives/{id}/consent — the representative's consent, or (paper=1,
 * household=CODE) a consent signed on paper, recorded by the initiator or the village head. */
void page_initiative_consent(struct req *r, struct resp *w)
{
	struct dbc *c;
	struct initiative x;
	if (!initiative_or_respond(r, w, &c, &x))
		return;
	struct ini_job j = {.id = x.id, .user = r->user->id, .now = time(NULL)};
	if (req_form(r, "paper")) {
		if (r->user->id != x.initiator_id && !decisions_may_convene(r->user, &x.unit)) {
			http_send_error(r, w, APP_EFORBID, msg(MSG_IN_PAPER_WHO));
			return;
		}
		const char *code = req_form(r, "household");
		struct db_stmt *s = dbc_stmt(c, STMT_HH_EXISTS);
		db_bind_i64(s, 1, x.unit.id);
		db_bind_text(s, 2, code ? code : "");
		bool row;
		j.household = !db_step(s, &row) && row ? db_col_i64(s, 0) : 0;
		db_reset(s);
		j.paper = true;
		if (!j.household) {
			http_send_error(r, w, APP_EINVAL, msg(MSG_MT_OTHER_VILLAGE_HOUSEHOLD));
			return;
		}
	} else if (!(j.household = represented_household(c, r->user->id, x.unit.id))) {
		http_send_error(r, w, APP_EFORBID, msg(MSG_MT_NOT_REPRESENTATIVE));
		return;
	}
	enum app_err e = db_write(r->app->db, consent_fn, &j);
	if (e) {
		http_send_error(r, w, e, NULL);
		return;
	}
	http_redirect(r, w, arena_printf(r->a, "/initiatives/%lld", (long long)x.id));
}

/* POST /initiatives/{id}/approve — the Front forwards an initiative below 10%. */
void page_initiative_approve(struct req *r, struct resp *w)
{
	struct dbc *c;
	struct initiative x;
	if (!initiative_or_respond(r, w, &c, &x))
		return;
	if (!decisions_may_front(r->user, &x.unit)) {
		http_send_error(r, w, APP_EFORBID, msg(MSG_IN_FRONT_ONLY));
		return;
	}
	if (x.forwarded_at) {
		http_send_error(r, w, APP_ECONFLICT, msg(MSG_IN_FORWARDED));
		return;
	}
	struct ini_job j = {.id = x.id, .user = r->user->id, .now = time(NULL), .front = true};
	enum app_err e = db_write(r->app->db, consent_fn, &j);
	if (e) {
		http_send_error(r, w, e, NULL);
		return;
	}
	http_redirect(r, w, arena_printf(r->a, "/initiatives/%lld", (long long)x.id));
}
