/*
 * contests_pages.c — the contests of a unit, a contest's page (its rules, its
 * rounds, the entry form, the organiser's bank import and rounds), an
 * attempt taken on a phone without JavaScript, a round's results with the
 * ranking and the figures per unit (CSV, XLSX), and their API.
 */
#include "contests.h"
#include "../html/layout.h"
#include "../http/server.h"
#include "../i18n/msg.h"
#include "../pages.h"
#include "../util/cal.h"
#include "../util/crypto.h"
#include "../util/sheet.h"
#include "../util/str.h"
#include "contests_pages.h"
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

static int64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static const char *when(struct arena *a, int64_t t)
{
	char *s = arena_alloc(a, MSG_TIME_LEN);
	msg_time((long long)t, s);
	return s;
}

/* "12 phút 05 giây" */
static const char *duration(struct arena *a, int64_t ms)
{
	int64_t s = ms / 1000;
	return arena_printf(a, "%lld %s %02lld %s", (long long)(s / 60), msg(MSG_CT_MINUTES), (long long)(s % 60),
			    msg(MSG_CT_SECONDS));
}

static const char *pct(struct arena *a, double v)
{
	return arena_printf(a, "%.1f", v * 100.0);
}

void contests_unit_section(struct req *r, struct html *h, struct dbc *c, const struct unit *u)
{
	(void)r;
	(void)c;
	if (strcmp(u->kind, "province") && !units_kind_is_commune_level(u->kind))
		return;
	html_printf(h, "<h2>%s</h2>\n<ul class=\"menu\"><li><a href=\"/units/%s/contests\">%s</a></li></ul>\n",
		    msg(MSG_CT_SECTION), u->code, msg(MSG_CT_CONTESTS));
}

static bool id_param(struct req *r, struct resp *w, int64_t *id)
{
	if (str_to_i64(r->param[0], 1, INT64_MAX, id)) {
		http_send_error(r, w, APP_ENOTFOUND, msg(MSG_CT_NO_CONTEST));
		return false;
	}
	return true;
}

/* The contest of the path; NULL after answering. */
static struct dbc *contest_or_respond(struct req *r, struct resp *w, struct contest *ct)
{
	int64_t id;
	struct dbc *c;
	if (!id_param(r, w, &id) || !(c = app_conn_or_respond(r, w)))
		return NULL;
	enum app_err e = contest_get(r->a, c, id, ct);
	if (e) {
		http_send_error(r, w, e, e == APP_ENOTFOUND ? msg(MSG_CT_NO_CONTEST) : NULL);
		return NULL;
	}
	return c;
}

/* ---- a unit's contests ---- */

static void create_form(struct req *r, struct html *h, const struct unit *u, const struct problems *pr)
{
	html_printf(h, "<h2 id=\"new\">%s</h2>\n", msg(MSG_CT_NEW));
	if (pr)
		form_problems(h, pr);
	form_begin(r, h, arena_printf(r->a, "/units/%s/contests", u->code), false);
#define F(n, l, t, def, req, mx, mn)                                                                             \
	form_field(h, &(struct form_field){.name = n, .label = msg(l), .type = t, .value = pr ? req_form(r, n) : def, \
					   .required = req, .max = mx, .min = mn},                                  \
		   pr)
	F("title", MSG_CT_TITLE, "text", NULL, true, 300, NULL);
	F("rules", MSG_CT_RULES, "textarea", NULL, false, 20000, NULL);
	F("n_easy", MSG_CT_N_EASY, "number", "4", true, CONTEST_MAX_QUESTIONS, "0");
	F("n_medium", MSG_CT_N_MEDIUM, "number", "4", true, CONTEST_MAX_QUESTIONS, "0");
	F("n_hard", MSG_CT_N_HARD, "number", "2", true, CONTEST_MAX_QUESTIONS, "0");
	F("minutes", MSG_CT_MINUTES_LIMIT, "number", "45", true, 240, "1");
	F("max_attempts", MSG_CT_MAX_ATTEMPTS, "number", "3", true, 20, "1");
	F("prediction", MSG_CT_PREDICTION_Q, "text", msg(MSG_CT_PREDICTION_DEFAULT), true, 500, NULL);
#undef F
	html_printf(h, "<button type=\"submit\">%s</button>", msg(MSG_CT_CREATE));
	form_end(h);
}

static void unit_contests(struct req *r, struct resp *w, struct dbc *c, const struct unit *u, const struct problems *pr)
{
	struct contest *v;
	size_t n;
	enum app_err e = contests_for(r->a, c, u, &v, &n);
	if (e) {
		http_send_error(r, w, e, NULL);
		return;
	}
	struct html h = {.b = &w->body};
	const char *t = arena_printf(r->a, "%s — %s", msg(MSG_CT_CONTESTS), u->title);
	layout_begin(r, &h, t);
	html_printf(&h, "<nav aria-label=\"%s\" class=\"crumbs\"><ol><li><a href=\"/units/%s\">%s</a></li></ol></nav>\n"
			"<h1>%s</h1>\n<p>%s</p>\n",
		    msg(MSG_BREADCRUMB), u->code, u->title, t, msg(MSG_CT_LEAD));
	if (!n)
		html_printf(&h, "<p>%s</p>\n", msg(MSG_CT_NONE));
	else
		html_lit(&h, "<ul class=\"list\">\n");
	for (size_t i = 0; i < n; i++) {
		html_printf(&h, "<li><a href=\"/contests/%lld\">%s</a> — %s; ", (long long)v[i].id, v[i].title,
			    v[i].unit.title);
		html_count(&h, v[i].entrants);
		html_printf(&h, " %s</li>\n", msg(MSG_CT_ENTRANTS_LC));
	}
	if (n)
		html_lit(&h, "</ul>\n");
	if (contests_may_manage(r->user, u) && (!strcmp(u->kind, "province") || units_kind_is_commune_level(u->kind)))
		create_form(r, &h, u, pr);
	layout_end(r, &h);
	if (pr)
		w->status = 400;
	w->max_age = 60;
	w->cache_public = !r->user;
}

/* GET /units/{code}/contests */
void page_unit_contests(struct req *r, struct resp *w)
{
	struct unit u;
	struct dbc *c = units_path_unit_or_respond(r, w, false, &u);
	if (c)
		unit_contests(r, w, c, &u, NULL);
}

/* POST /units/{code}/contests — title, rules, n_easy, n_medium, n_hard, minutes, max_attempts, prediction */
void page_contest_create(struct req *r, struct resp *w)
{
	struct unit u;
	struct dbc *c = units_path_unit_or_respond(r, w, false, &u);
	if (!c)
		return;
	struct contest_input in = {req_form(r, "title"),  req_form(r, "rules"),	req_form(r, "prediction"),
				   req_form(r, "minutes"), req_form(r, "max_attempts"), req_form(r, "n_easy"),
				   req_form(r, "n_medium"), req_form(r, "n_hard")};
	struct problems pr = {.a = r->a};
	int64_t id = 0;
	enum app_err e = contest_create(r->app->db, r->user, &u, &in, time(NULL), &id, &pr);
	if (e == APP_EINVAL && !r->is_api)
		unit_contests(r, w, c, &u, &pr);
	else
		http_answer(r, w, e, &pr, arena_printf(r->a, "/contests/%lld", (long long)id));
}

/* ---- a contest ---- */

enum round_state { RS_COMING, RS_OPEN, RS_CLOSED, RS_PUBLISHED };
static enum round_state round_state(const struct contest_round *rd, int64_t now)
{
	return now < rd->opens_at ? RS_COMING : now < rd->closes_at ? RS_OPEN : rd->published_at ? RS_PUBLISHED : RS_CLOSED;
}
static const enum msg_id state_label[] = {MSG_CT_COMING, MSG_CT_OPEN, MSG_CT_CLOSED, MSG_CT_PUBLISHED};
static const char *const state_badge[] = {"draft", "current", "withdrawn", "current"};

static void unit_select(struct req *r, struct html *h, struct dbc *c, const struct contest *ct, const struct problems *pr)
{
	struct unit *kids;
	size_t nk;
	if (contest_entrant_units(r->a, c, &ct->unit, &kids, &nk))
		nk = 0;
	const char *sel = pr ? req_form(r, "unit") : NULL;
	html_printf(h, "<p><label for=\"f-unit\">%s</label>\n<select id=\"f-unit\" name=\"unit\" required><option value=\"\">%s</option>",
		    msg(MSG_CT_UNIT), msg(MSG_CT_PICK_UNIT));
	for (size_t i = 0; i < nk; i++)
		html_printf(h, "<option value=\"%s\"%s>%s</option>", kids[i].code, str_eq(sel, kids[i].code) ? " selected" : "",
			    kids[i].title);
	html_lit(h, "</select>");
	form_error(h, pr, "unit");
	html_lit(h, "</p>\n");
}

static void contest_page(struct req *r, struct resp *w, struct dbc *c, const struct contest *ct,
			 const struct problems *pr, const char *done)
{
	int64_t now = time(NULL);
	struct contest_round *rs;
	size_t nr;
	enum app_err e = contest_rounds(r->a, c, ct->id, &rs, &nr);
	if (e) {
		http_send_error(r, w, e, NULL);
		return;
	}
	bool manage = contests_may_manage(r->user, &ct->unit);
	struct html h = {.b = &w->body};
	layout_begin(r, &h, ct->title);
	html_printf(&h, "<nav aria-label=\"%s\" class=\"crumbs\"><ol><li><a href=\"/units/%s\">%s</a></li>"
			"<li><a href=\"/units/%s/contests\">%s</a></li></ol></nav>\n<h1>%s</h1>\n",
		    msg(MSG_BREADCRUMB), ct->unit.code, ct->unit.title, ct->unit.code, msg(MSG_CT_CONTESTS), ct->title);
	if (done)
		html_printf(&h, "<p class=\"notice\" role=\"status\">%s</p>\n", done);
	int total = ct->n[0] + ct->n[1] + ct->n[2];
	html_printf(&h, "<ul class=\"stats\"><li><span>%s</span> <strong>%d + 1</strong></li>"
			"<li><span>%s</span> <strong>%d %s</strong></li><li><span>%s</span> <strong>%d</strong></li>"
			"<li><span>%s</span> <strong>",
		    msg(MSG_CT_QUESTIONS_PER), total, msg(MSG_CT_TIME), ct->minutes, msg(MSG_CT_MINUTES), msg(MSG_CT_ATTEMPTS),
		    ct->max_attempts, msg(MSG_CT_ENTRANTS));
	html_count(&h, ct->entrants);
	html_lit(&h, "</strong></li></ul>\n");
	html_printf(&h, "<p>%s</p>\n", msg(MSG_CT_HOW));
	if (*ct->rules)
		html_markdown(&h, ct->rules);
	/* the entry form first when a round is open: most visitors come to take part */
	const struct contest_round *open = contest_round_open(rs, nr, now);
	if (open) {
		html_printf(&h, "<h2 id=\"enter\">%s %d — %s %s</h2>\n", msg(MSG_CT_ROUND), open->no, msg(MSG_CT_UNTIL),
			    when(r->a, open->closes_at));
		const struct problems *ep = pr && req_form(r, "phone") ? pr : NULL;
		if (ep)
			form_problems(&h, ep);
		form_begin(r, &h, arena_printf(r->a, "/contests/%lld/start", (long long)ct->id), false);
		form_field(&h, &(struct form_field){.name = "name", .label = msg(MSG_CT_NAME), .type = "text",
						    .value = ep ? req_form(r, "name") : NULL, .required = true, .max = 200,
						    .autocomplete = "name"},
			   ep);
		form_field(&h, &(struct form_field){.name = "phone", .label = msg(MSG_CT_PHONE), .type = "tel",
						    .value = ep ? req_form(r, "phone") : NULL, .required = true, .max = 20,
						    .autocomplete = "tel", .hint = msg(MSG_CT_PHONE_HINT)},
			   ep);
		form_field(&h, &(struct form_field){.name = "citizen_id", .label = msg(MSG_CT_CITIZEN), .type = "text",
						    .value = ep ? req_form(r, "citizen_id") : NULL, .required = true, .max = 12,
						    .autocomplete = "off", .hint = msg(MSG_CT_CITIZEN_HINT)},
			   ep);
		unit_select(r, &h, c, ct, ep);
		html_printf(&h, "<button type=\"submit\">%s</button>", msg(MSG_CT_START));
		form_end(&h);
	} else if (pr && !manage) {
		form_problems(&h, pr);
	}
	html_printf(&h, "<h2>%s</h2>\n", msg(MSG_CT_ROUNDS));
	if (!nr) {
		html_printf(&h, "<p>%s</p>\n", msg(MSG_CT_NO_ROUNDS));
	} else {
		html_printf(&h, "<div class=\"scroll\" tabindex=\"0\"><table class=\"cards\">\n<thead><tr><th scope=\"col\">%s</th>"
				"<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
				"</tr></thead>\n<tbody>\n",
			    msg(MSG_CT_ROUND), msg(MSG_CT_OPENS), msg(MSG_CT_CLOSES), msg(MSG_CT_SCORED), msg(MSG_CT_STATE));
		for (size_t i = 0; i < nr; i++) {
			enum round_state st = round_state(&rs[i], now);
			html_printf(&h, "<tr><td data-label=\"%s\">%d</td><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td>"
					"<td data-label=\"%s\">",
				    msg(MSG_CT_ROUND), rs[i].no, msg(MSG_CT_OPENS), when(r->a, rs[i].opens_at), msg(MSG_CT_CLOSES),
				    when(r->a, rs[i].closes_at), msg(MSG_CT_SCORED));
			html_count(&h, rs[i].attempts);
			html_printf(&h, "</td><td data-label=\"%s\"><strong class=\"badge %s\">%s</strong>", msg(MSG_CT_STATE),
				    state_badge[st], msg(state_label[st]));
			if (st >= RS_CLOSED)
				html_printf(&h, " <a href=\"/contests/%lld/rounds/%d\">%s</a>", (long long)ct->id, rs[i].no,
					    msg(MSG_CT_RESULTS));
			if (st == RS_CLOSED && manage) {
				form_begin(r, &h, arena_printf(r->a, "/contests/%lld/rounds/%d/publish", (long long)ct->id, rs[i].no),
					   false);
				html_printf(&h, "<button type=\"submit\">%s</button>", msg(MSG_CT_PUBLISH));
				form_end(&h);
			}
			html_lit(&h, "</td></tr>\n");
		}
		html_lit(&h, "</tbody>\n</table></div>\n");
	}
	if (manage) {
		const struct problems *mp = pr && !req_form(r, "phone") ? pr : NULL;
		html_printf(&h, "<h2 id=\"bank\">%s</h2>\n<p>%s: ", msg(MSG_CT_BANK), msg(MSG_CT_BANK_SIZE));
		html_printf(&h, "%lld %s, %lld %s, %lld %s.</p>\n<p>%s</p>\n", (long long)ct->bank[0], msg(MSG_CT_EASY),
			    (long long)ct->bank[1], msg(MSG_CT_MEDIUM), (long long)ct->bank[2], msg(MSG_CT_HARD),
			    msg(MSG_CT_BANK_HINT));
		if (mp)
			form_problems(&h, mp);
		form_begin(r, &h, arena_printf(r->a, "/contests/%lld/questions", (long long)ct->id), true);
		form_field(&h, &(struct form_field){.name = "file", .label = msg(MSG_CT_BANK_FILE), .type = "file",
						    .required = true, .accept = ".csv,text/csv"},
			   mp);
		html_printf(&h, "<button type=\"submit\">%s</button>", msg(MSG_CT_IMPORT));
		form_end(&h);
		html_printf(&h, "<h2 id=\"round\">%s</h2>\n", msg(MSG_CT_NEW_ROUND));
		form_begin(r, &h, arena_printf(r->a, "/contests/%lld/rounds", (long long)ct->id), false);
		form_field(&h, &(struct form_field){.name = "opens", .label = msg(MSG_CT_OPENS), .type = "datetime-local",
						    .value = mp ? req_form(r, "opens") : NULL, .required = true},
			   mp);
		form_field(&h, &(struct form_field){.name = "closes", .label = msg(MSG_CT_CLOSES), .type = "datetime-local",
						    .value = mp ? req_form(r, "closes") : NULL, .required = true},
			   mp);
		html_printf(&h, "<button type=\"submit\">%s</button>", msg(MSG_CT_ADD_ROUND));
		form_end(&h);
	}
	layout_end(r, &h);
	if (pr)
		w->status = w->status >= 400 ? w->status : 400;
	w->max_age = 60;
	w->cache_public = !r->user && !pr && !open; /* a form carries the visitor's CSRF token */
}

/* GET /contests/{id} */
void page_contest(struct req *r, struct resp *w)
{
	struct contest ct;
	struct dbc *c = contest_or_respond(r, w, &ct);
	if (c)
		contest_page(r, w, c, &ct, NULL, NULL);
}

/* After an organiser's form: the page with what was done, or with the
 * problems (their status), or the API's answer. */
static void manage_answer(struct req *r, struct resp *w, struct dbc *c, const struct contest *ct, enum app_err e,
			  const struct problems *pr, const char *done)
{
	if (r->is_api || (e && e != APP_EINVAL && e != APP_ECONFLICT)) {
		http_answer(r, w, e, pr, arena_printf(r->a, "/contests/%lld", (long long)ct->id));
		return;
	}
	struct contest again;
	if (!e && !contest_get(r->a, c, ct->id, &again))
		ct = &again; /* the bank's new size */
	w->status = e ? http_status_of(e) : 200;
	contest_page(r, w, c, ct, e ? pr : NULL, e ? NULL : done);
}

/* POST /contests/{id}/questions — multipart: file (CSV) */
void page_contest_bank(struct req *r, struct resp *w)
{
	struct contest ct;
	struct dbc *c = contest_or_respond(r, w, &ct);
	if (!c)
		return;
	const struct upload *f = req_file(r, "file");
	struct problems pr = {.a = r->a};
	int64_t added = 0;
	enum app_err e;
	if (!f || !f->len) {
		problems_add(&pr, "file", msg(MSG_MS_NO_FILE));
		e = APP_EINVAL;
	} else {
		e = contest_bank_import(r->app->db, r->user, ct.id, f->data, f->len, time(NULL), &added, &pr);
	}
	manage_answer(r, w, c, &ct, e, &pr, arena_printf(r->a, "%s: %lld.", msg(MSG_CT_IMPORTED), (long long)added));
}

/* POST /contests/{id}/rounds — opens, closes (datetime-local, UTC+7) */
void page_contest_round(struct req *r, struct resp *w)
{
	struct contest ct;
	struct dbc *c = contest_or_respond(r, w, &ct);
	if (!c)
		return;
	struct problems pr = {.a = r->a};
	enum app_err e = contest_round_add(r->app->db, r->user, &ct, req_form(r, "opens"), req_form(r, "closes"),
					   time(NULL), &pr);
	manage_answer(r, w, c, &ct, e, &pr, msg(MSG_CT_ROUND_ADDED));
}

/* POST /contests/{id}/rounds/{no}/publish */
void page_round_publish(struct req *r, struct resp *w)
{
	struct contest ct;
	struct dbc *c = contest_or_respond(r, w, &ct);
	if (!c)
		return;
	int64_t no;
	if (str_to_i64(r->param[1], 1, 1000, &no)) {
		http_send_error(r, w, APP_ENOTFOUND, msg(MSG_CT_NO_ROUND));
		return;
	}
	struct problems pr = {.a = r->a};
	enum app_err e = contest_round_publish(r->app->db, r->user, &ct, (int)no, time(NULL), &pr);
	if (e == APP_ENOTFOUND) {
		http_send_error(r, w, e, msg(MSG_CT_NO_ROUND));
		return;
	}
	if (r->is_api || e) {
		manage_answer(r, w, c, &ct, e, &pr, NULL);
		return;
	}
	http_redirect(r, w, arena_printf(r->a, "/contests/%lld/rounds/%d", (long long)ct.id, (int)no));
}

/* ---- an attempt ---- */

/* Starts an attempt from the entry form's values; APP_OK with the token. */
static enum app_err start(struct req *r, const struct contest *ct, const struct entry_input *in, const char **token,
			  struct problems *pr)
{
	unsigned char seed[CONTEST_SEED_LEN];
	if (getrandom(seed, sizeof seed, 0) != (ssize_t)sizeof seed)
		return APP_EIO;
	char *t = arena_alloc(r->a, CRYPTO_TOKEN_LEN);
	crypto_token(t);
	*token = t;
	return contest_attempt_start(r->app->db, ct, in, seed, now_ms(), t, pr);
}

/* POST /contests/{id}/start — name, phone, citizen_id, unit */
void page_contest_start(struct req *r, struct resp *w)
{
	struct contest ct;
	struct dbc *c = contest_or_respond(r, w, &ct);
	if (!c)
		return;
	struct entry_input in = {req_form(r, "name"), req_form(r, "phone"), req_form(r, "citizen_id"), req_form(r, "unit")};
	struct problems pr = {.a = r->a};
	const char *token = NULL;
	enum app_err e = start(r, &ct, &in, &token, &pr);
	if (e == APP_EINVAL || e == APP_ECONFLICT) {
		if (!req_form(r, "phone"))
			problems_add(&pr, "phone", msg(MSG_CT_BAD_PHONE));
		w->status = http_status_of(e);
		contest_page(r, w, c, &ct, &pr, NULL);
		return;
	}
	http_answer(r, w, e, &pr, arena_printf(r->a, "/attempts/%s", token));
}

static void attempt_result(struct req *r, struct html *h, const struct attempt *at)
{
	if (at->late || (!at->submitted_ms && now_ms() > at->deadline_ms)) {
		html_printf(h, "<p class=\"notice error\" role=\"alert\">%s</p>\n", msg(MSG_CT_LATE));
		return;
	}
	html_printf(h, "<p class=\"notice\" role=\"status\">%s %s.</p>\n<ul class=\"stats\"><li><span>%s</span> <strong>%d/%d</strong></li>"
		       "<li><span>%s</span> <strong>%lld</strong></li><li><span>%s</span> <strong>%s</strong></li></ul>\n",
		    msg(MSG_CT_HANDED_IN), when(r->a, at->submitted_ms / 1000), msg(MSG_CT_CORRECT), at->correct, at->nq,
		    msg(MSG_CT_YOUR_PREDICTION), (long long)at->prediction, msg(MSG_CT_TIME_TAKEN),
		    duration(r->a, at->submitted_ms - at->started_ms));
	html_printf(h, "<p>%s</p>\n", msg(MSG_CT_BEST_COUNTS));
}

static void attempt_page(struct req *r, struct resp *w, const struct attempt *at, const struct problems *pr)
{
	struct html h = {.b = &w->body};
	const char *t = arena_printf(r->a, "%s %d — %s", msg(MSG_CT_ROUND), at->round_no, at->name);
	layout_begin(r, &h, t);
	html_printf(&h, "<nav aria-label=\"%s\" class=\"crumbs\"><ol><li><a href=\"/contests/%lld\">%s</a></li></ol></nav>\n"
			"<h1>%s</h1>\n",
		    msg(MSG_BREADCRUMB), (long long)at->contest_id, msg(MSG_CT_BACK), t);
	bool open = !at->submitted_ms && now_ms() <= at->deadline_ms;
	if (!open) {
		attempt_result(r, &h, at);
	} else {
		/* the deadline as a clock time: the page needs no script to stay right */
		html_printf(&h, "<p class=\"notice\" role=\"status\">%s <strong>%s</strong> (%s).</p>\n", msg(MSG_CT_HAND_IN_BY),
			    when(r->a, at->deadline_ms / 1000), msg(MSG_CT_SERVER_TIME));
		if (pr)
			form_problems(&h, pr);
		form_begin(r, &h, arena_printf(r->a, "/attempts/%s", at->token), false);
		for (int k = 0; k < at->nq; k++) {
			const struct attempt_question *q = &at->q[k];
			const char *name = arena_printf(r->a, "q%d", k + 1);
			const char *typed = pr ? req_form(r, name) : NULL;
			html_printf(&h, "<fieldset class=\"question\" id=\"f-%s\"><legend>%s %d. %s</legend>\n", name,
				    msg(MSG_CT_QUESTION), k + 1, q->body);
			for (int m = 0; m < q->nchoice; m++) {
				char v[12], letter[2] = {(char)('A' + m), 0};
				snprintf(v, sizeof v, "%d", m);
				html_printf(&h, "<label><input type=\"radio\" name=\"%s\" value=\"%s\"%s> %s. %s</label>\n", name, v,
					    str_eq(typed, v) ? " checked" : "", letter, q->choice[m]);
			}
			form_error(&h, pr, name);
			html_lit(&h, "</fieldset>\n");
		}
		form_field(&h, &(struct form_field){.name = "prediction", .label = arena_printf(r->a, "%s %d. %s", msg(MSG_CT_QUESTION), at->nq + 1, msg(MSG_CT_PREDICTION_LABEL)),
						    .type = "number", .value = pr ? req_form(r, "prediction") : NULL,
						    .required = true, .min = "0", .max = 100000000, .hint = msg(MSG_CT_PREDICTION_HINT)},
			   pr);
		html_printf(&h, "<button type=\"submit\">%s</button>", msg(MSG_CT_HAND_IN));
		form_end(&h);
	}
	layout_end(r, &h);
	w->cache_public = false; /* the address is the attempt's secret: no-store */
}

static bool attempt_or_respond(struct req *r, struct resp *w, struct dbc **c, struct attempt *at)
{
	if (!(*c = app_conn_or_respond(r, w)))
		return false;
	enum app_err e = contest_attempt_get(r->a, *c, r->param[0], at);
	if (e) {
		if (r->is_api)
			http_send_json_error(r, w, e, "token", e == APP_ENOTFOUND ? msg(MSG_CT_NO_ATTEMPT) : NULL);
		else
			http_send_error(r, w, e, e == APP_ENOTFOUND ? msg(MSG_CT_NO_ATTEMPT) : NULL);
		return false;
	}
	return true;
}

/* GET /attempts/{token} */
void page_attempt(struct req *r, struct resp *w)
{
	struct dbc *c;
	struct attempt at;
	if (attempt_or_respond(r, w, &c, &at))
		attempt_page(r, w, &at, NULL);
}

struct submit {
	struct submit_job j;
	struct attempt at;
	struct problems pr;
};

/* Once the hand-in is durable: the result, or why it was not scored. */
static void submit_answer(struct req *r, struct resp *w, enum app_err e, void *arg)
{
	struct submit *s = arg;
	if (e == APP_ECONFLICT)
		problems_add(&s->pr, "", msg(MSG_CT_ALREADY_SHORT));
	else if (!e && s->j.late)
		problems_add(&s->pr, "", msg(MSG_CT_LATE)), e = APP_EINVAL;
	if (r->is_api) {
		if (e) {
			http_send_problems(r, w, e == APP_EINVAL && s->j.late ? APP_ECONFLICT : e, &s->pr);
			return;
		}
		http_send_json(w, json_pack("{s:i, s:i, s:I}", "correct", s->j.correct, "total", s->j.total, "prediction",
					    (json_int_t)s->j.prediction));
		return;
	}
	if (e && e != APP_EINVAL && e != APP_ECONFLICT) {
		http_send_error(r, w, e, NULL);
		return;
	}
	s->at.submitted_ms = s->j.now_ms;
	s->at.late = s->j.late;
	s->at.correct = s->j.correct;
	s->at.prediction = s->j.prediction;
	attempt_page(r, w, &s->at, NULL);
	w->status = e ? 409 : 200;
}

static void submit(struct req *r, struct resp *w, struct submit *s, const char *const *choices, const char *prediction)
{
	s->pr.a = r->a;
	struct dbc *c;
	if (!(c = app_conn_or_respond(r, w)))
		return;
	enum app_err e = contest_submit_prepare(r->a, c, &s->at, choices, prediction, now_ms(), &s->j, &s->pr);
	if (e) {
		if (r->is_api || e != APP_EINVAL) {
			if (r->is_api)
				http_send_problems(r, w, e, &s->pr);
			else {
				w->status = http_status_of(e);
				attempt_page(r, w, &s->at, NULL);
				w->status = http_status_of(e);
			}
			return;
		}
		attempt_page(r, w, &s->at, &s->pr);
		w->status = 400;
		return;
	}
	app_defer_write(r, w, contest_submit_write, &s->j, submit_answer);
}

/* POST /attempts/{token} — q1..qN (a choice's index), prediction */
void page_attempt_submit(struct req *r, struct resp *w)
{
	struct submit *s = arena_alloc(r->a, sizeof *s);
	struct dbc *c;
	if (!attempt_or_respond(r, w, &c, &s->at))
		return;
	const char **choices = arena_alloc(r->a, (size_t)(s->at.nq + 1) * sizeof *choices);
	for (int k = 0; k < s->at.nq; k++)
		choices[k] = req_form(r, arena_printf(r->a, "q%d", k + 1));
	submit(r, w, s, choices, req_form(r, "prediction"));
}

/* ---- results ---- */

struct rctx {
	struct contest ct;
	struct contest_round round;
	int64_t actual;
	struct standing *st;
	size_t n;
};

static bool results_or_respond(struct req *r, struct resp *w, struct rctx *x)
{
	struct dbc *c = contest_or_respond(r, w, &x->ct);
	if (!c)
		return false;
	int64_t no;
	struct contest_round *rs;
	size_t nr;
	const char *bad = NULL;
	enum app_err e = str_to_i64(r->param[1], 1, 1000, &no) ? APP_ENOTFOUND : contest_rounds(r->a, c, x->ct.id, &rs, &nr);
	if (!e) {
		e = APP_ENOTFOUND;
		for (size_t i = 0; i < nr; i++)
			if (rs[i].no == no)
				x->round = rs[i], e = APP_OK;
	}
	if (e == APP_ENOTFOUND)
		bad = msg(MSG_CT_NO_ROUND);
	else if (!e && time(NULL) < x->round.closes_at)
		e = APP_ECONFLICT, bad = msg(MSG_CT_NOT_CLOSED);
	if (!e)
		e = contest_standings(r->a, c, x->round.id, &x->actual, &x->st, &x->n);
	if (e) {
		if (r->is_api)
			http_send_json_error(r, w, e, "no", bad);
		else
			http_send_error(r, w, e, bad);
		return false;
	}
	return true;
}

#define RANKING_SHOWN 100

/* GET /contests/{id}/rounds/{no} — the ranking (first 100) and the results per unit */
void page_round_results(struct req *r, struct resp *w)
{
	struct rctx x;
	if (!results_or_respond(r, w, &x))
		return;
	struct dbc *c = app_conn_or_respond(r, w);
	struct unit_result *ur;
	size_t nu;
	enum app_err e = c ? contest_results_by_unit(r->a, c, &x.ct, x.st, x.n, &ur, &nu) : APP_EDB;
	if (e) {
		if (c)
			http_send_error(r, w, e, NULL);
		return;
	}
	struct html h = {.b = &w->body};
	const char *t = arena_printf(r->a, "%s %d — %s", msg(MSG_CT_RESULTS_OF), x.round.no, x.ct.title);
	layout_begin(r, &h, t);
	html_printf(&h, "<nav aria-label=\"%s\" class=\"crumbs\"><ol><li><a href=\"/units/%s\">%s</a></li>"
			"<li><a href=\"/contests/%lld\">%s</a></li></ol></nav>\n<h1>%s</h1>\n",
		    msg(MSG_BREADCRUMB), x.ct.unit.code, x.ct.unit.title, (long long)x.ct.id, x.ct.title, t);
	html_printf(&h, "<p>%s</p>\n", msg(x.round.published_at ? MSG_CT_OFFICIAL : MSG_CT_NOT_OFFICIAL));
	html_printf(&h, "<ul class=\"stats\"><li><span>%s</span> <strong>", msg(MSG_CT_SCORED_ENTRANTS));
	html_count(&h, (int64_t)x.n);
	html_printf(&h, "</strong></li><li><span>%s</span> <strong>", msg(MSG_CT_ALL_RIGHT));
	html_count(&h, x.actual);
	html_lit(&h, "</strong></li></ul>\n");
	html_printf(&h, "<p>%s</p>\n<p><a href=\"/contests/%lld/rounds/%d/results.csv\">CSV</a> · "
			"<a href=\"/contests/%lld/rounds/%d/results.xlsx\">XLSX</a></p>\n",
		    msg(MSG_CT_ORDER), (long long)x.ct.id, x.round.no, (long long)x.ct.id, x.round.no);
	html_printf(&h, "<h2>%s</h2>\n", msg(MSG_CT_RANKING));
	if (!x.n) {
		html_printf(&h, "<p>%s</p>\n", msg(MSG_CT_NOBODY));
	} else {
		html_printf(&h, "<div class=\"scroll\" tabindex=\"0\"><table class=\"cards\">\n<thead><tr><th scope=\"col\">%s</th>"
				"<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
				"<th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
			    msg(MSG_CT_RANK), msg(MSG_CT_NAME), msg(MSG_CT_UNIT), msg(MSG_CT_CORRECT), msg(MSG_CT_PREDICTION_COL),
			    msg(MSG_CT_TIME_TAKEN));
		for (size_t i = 0; i < x.n && i < RANKING_SHOWN; i++) {
			const struct standing *s = &x.st[i];
			html_printf(&h, "<tr><td data-label=\"%s\">%d</td><td data-label=\"%s\">%s <small>%s</small></td>"
					"<td data-label=\"%s\">%s</td><td data-label=\"%s\">%d/%d</td><td data-label=\"%s\">%lld (±%lld)</td>"
					"<td data-label=\"%s\">%s</td></tr>\n",
				    msg(MSG_CT_RANK), s->rank, msg(MSG_CT_NAME), s->name, s->phone, msg(MSG_CT_UNIT), s->unit.title,
				    msg(MSG_CT_CORRECT), s->correct, s->total, msg(MSG_CT_PREDICTION_COL), (long long)s->prediction,
				    (long long)s->off, msg(MSG_CT_TIME_TAKEN), duration(r->a, s->elapsed_ms));
		}
		html_lit(&h, "</tbody>\n</table></div>\n");
		if (x.n > RANKING_SHOWN)
			html_printf(&h, "<p>%s</p>\n", msg(MSG_CT_MORE_IN_FILE));
	}
	html_printf(&h, "<h2>%s</h2>\n", msg(MSG_CT_BY_UNIT));
	html_printf(&h, "<div class=\"scroll\" tabindex=\"0\"><table class=\"cards\">\n<thead><tr><th scope=\"col\">%s</th>"
			"<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
			"</tr></thead>\n<tbody>\n",
		    msg(MSG_CT_UNIT), msg(MSG_CT_ENTRANTS), msg(MSG_CT_SCORED_ENTRANTS), msg(MSG_CT_ALL_RIGHT), msg(MSG_CT_MEAN));
	for (size_t i = 0; i < nu; i++) {
		html_printf(&h, "<tr><td data-label=\"%s\"><a href=\"/units/%s\">%s</a></td><td data-label=\"%s\">%lld</td>"
				"<td data-label=\"%s\">%lld</td><td data-label=\"%s\">%lld</td><td data-label=\"%s\">%s%%</td></tr>\n",
			    msg(MSG_CT_UNIT), ur[i].unit.code, ur[i].unit.title, msg(MSG_CT_ENTRANTS), (long long)ur[i].entrants,
			    msg(MSG_CT_SCORED_ENTRANTS), (long long)ur[i].scored, msg(MSG_CT_ALL_RIGHT), (long long)ur[i].perfect,
			    msg(MSG_CT_MEAN), pct(r->a, ur[i].mean));
	}
	html_lit(&h, "</tbody>\n</table></div>\n");
	layout_end(r, &h);
	w->max_age = 60;
}

#define RS_COLS 9
static void results_sheet(struct req *r, const struct rctx *x, struct sheet *s)
{
	const char **cell = arena_alloc(r->a, (x->n ? x->n : 1) * RS_COLS * sizeof *cell);
	for (size_t i = 0; i < x->n; i++) {
		const struct standing *st = &x->st[i];
		const char **cl = &cell[i * RS_COLS];
		cl[0] = arena_printf(r->a, "%d", st->rank);
		cl[1] = st->name;
		cl[2] = st->phone;
		cl[3] = st->unit.code;
		cl[4] = st->unit.title;
		cl[5] = arena_printf(r->a, "%d", st->correct);
		cl[6] = arena_printf(r->a, "%d", st->total);
		cl[7] = arena_printf(r->a, "%lld", (long long)st->prediction);
		cl[8] = arena_printf(r->a, "%.3f", (double)st->elapsed_ms / 1000.0);
	}
	static const enum msg_id head[RS_COLS] = {MSG_CT_RANK,	  MSG_CT_NAME,	MSG_CT_PHONE,
						  MSG_CT_COL_UNIT_CODE, MSG_CT_UNIT, MSG_CT_CORRECT,
						  MSG_CT_COL_TOTAL,	  MSG_CT_PREDICTION_COL, MSG_CT_COL_SECONDS};
	const char **hd = arena_alloc(r->a, RS_COLS * sizeof *hd);
	for (int k = 0; k < RS_COLS; k++)
		hd[k] = msg(head[k]);
	static const double width[RS_COLS] = {8, 30, 14, 10, 30, 10, 10, 12, 12};
	static const bool numeric[RS_COLS] = {true, false, false, false, false, true, true, true, true};
	*s = (struct sheet){.name = arena_printf(r->a, "Vong %d", x->round.no), .ncol = RS_COLS, .head = hd, .width = width,
			    .numeric = numeric, .cell = cell, .nrow = x->n};
}

static void results_file(struct req *r, struct resp *w, bool xlsx)
{
	struct rctx x;
	struct sheet s;
	if (!results_or_respond(r, w, &x))
		return;
	results_sheet(r, &x, &s);
	http_send_sheet(r, w, &s, arena_printf(r->a, "cuoc-thi-%lld-vong-%d", (long long)x.ct.id, x.round.no), xlsx);
}

/* GET /contests/{id}/rounds/{no}/results.csv */
void page_round_results_csv(struct req *r, struct resp *w)
{
	results_file(r, w, false);
}

/* GET /contests/{id}/rounds/{no}/results.xlsx */
void page_round_results_xlsx(struct req *r, struct resp *w)
{
	results_file(r, w, true);
}

/* ---- API ---- */

/* GET /api/v1/contests/{id} — the contest and its rounds */
void api_contest(struct req *r, struct resp *w)
{
	int64_t id;
	struct dbc *c;
	struct contest ct;
	struct contest_round *rs;
	size_t nr;
	if (str_to_i64(r->param[0], 1, INT64_MAX, &id)) {
		http_send_json_error(r, w, APP_ENOTFOUND, "id", msg(MSG_CT_NO_CONTEST));
		return;
	}
	if (!(c = app_conn_or_respond(r, w)))
		return;
	enum app_err e = contest_get(r->a, c, id, &ct);
	if (!e)
		e = contest_rounds(r->a, c, id, &rs, &nr);
	if (e) {
		http_send_json_error(r, w, e, "id", e == APP_ENOTFOUND ? msg(MSG_CT_NO_CONTEST) : NULL);
		return;
	}
	int64_t now = time(NULL);
	static const char *const states[] = {"coming", "open", "closed", "published"};
	json_t *rounds = json_array();
	for (size_t i = 0; i < nr; i++)
		json_array_append_new(rounds, json_pack("{s:i, s:I, s:I, s:s, s:I}", "no", rs[i].no, "opens_at",
							(json_int_t)rs[i].opens_at, "closes_at", (json_int_t)rs[i].closes_at,
							"state", states[round_state(&rs[i], now)], "scored",
							(json_int_t)rs[i].attempts));
	http_send_json(w, json_pack("{s:I, s:s, s:s, s:s, s:s, s:[i,i,i], s:i, s:i, s:I, s:o}", "id", (json_int_t)ct.id,
				    "unit", ct.unit.code, "title", ct.title, "rules", ct.rules, "prediction", ct.prediction,
				    "questions", ct.n[0], ct.n[1], ct.n[2], "minutes", ct.minutes, "max_attempts",
				    ct.max_attempts, "entrants", (json_int_t)ct.entrants, "rounds", rounds));
	w->max_age = 10;
}

static json_t *attempt_json(const struct attempt *at)
{
	json_t *qs = json_array();
	for (int k = 0; k < at->nq; k++) {
		json_t *ch = json_array();
		for (int m = 0; m < at->q[k].nchoice; m++)
			json_array_append_new(ch, json_string(at->q[k].choice[m]));
		json_array_append_new(qs, json_pack("{s:s, s:o}", "body", at->q[k].body, "choices", ch));
	}
	json_t *o = json_pack("{s:s, s:i, s:I, s:I, s:o}", "token", at->token, "round", at->round_no, "started_ms",
			      (json_int_t)at->started_ms, "deadline_ms", (json_int_t)at->deadline_ms, "questions", qs);
	if (at->submitted_ms)
		json_object_set_new(o, "submitted_ms", json_integer(at->submitted_ms));
	if (at->late)
		json_object_set_new(o, "late", json_true());
	else if (at->correct >= 0)
		json_object_set_new(o, "correct", json_integer(at->correct));
	return o;
}

/* POST /api/v1/contests/{id}/attempts — {"name", "phone", "citizen_id", "unit"}:
 * 201 with the attempt (its token, deadline and questions) */
void api_contest_start(struct req *r, struct resp *w)
{
	int64_t id;
	struct dbc *c;
	struct contest ct;
	if (str_to_i64(r->param[0], 1, INT64_MAX, &id)) {
		http_send_json_error(r, w, APP_ENOTFOUND, "id", msg(MSG_CT_NO_CONTEST));
		return;
	}
	if (!(c = app_conn_or_respond(r, w)))
		return;
	enum app_err e = contest_get(r->a, c, id, &ct);
	if (e) {
		http_send_json_error(r, w, e, "id", e == APP_ENOTFOUND ? msg(MSG_CT_NO_CONTEST) : NULL);
		return;
	}
	json_t *j = r->json;
	if (!j) {
		http_send_json_error(r, w, APP_EINVAL, "body", msg(MSG_ERR_BAD_BODY));
		return;
	}
	struct entry_input in = {json_string_value(json_object_get(j, "name")), json_string_value(json_object_get(j, "phone")),
				 json_string_value(json_object_get(j, "citizen_id")),
				 json_string_value(json_object_get(j, "unit"))};
	struct problems pr = {.a = r->a};
	const char *token = NULL;
	struct attempt at;
	e = start(r, &ct, &in, &token, &pr);
	if (!e)
		e = contest_attempt_get(r->a, c, token, &at);
	if (e) {
		http_send_problems(r, w, e, &pr);
		return;
	}
	http_send_json(w, attempt_json(&at));
	w->status = 201;
}

/* GET /api/v1/attempts/{token} */
void api_attempt(struct req *r, struct resp *w)
{
	struct dbc *c;
	struct attempt at;
	if (!attempt_or_respond(r, w, &c, &at))
		return;
	http_send_json(w, attempt_json(&at));
	w->cache_public = false;
}

/* POST /api/v1/attempts/{token} — {"answers": [index or null, ...], "prediction": n}:
 * the score once durable; 409 when late (not scored) or handed in already */
void api_attempt_submit(struct req *r, struct resp *w)
{
	struct submit *s = arena_alloc(r->a, sizeof *s);
	struct dbc *c;
	if (!attempt_or_respond(r, w, &c, &s->at))
		return;
	json_t *ans = r->json ? json_object_get(r->json, "answers") : NULL;
	json_t *pred = r->json ? json_object_get(r->json, "prediction") : NULL;
	if (!json_is_array(ans) || json_array_size(ans) > (size_t)s->at.nq || !json_is_integer(pred)) {
		http_send_json_error(r, w, APP_EINVAL, "answers", msg(MSG_CT_BAD_BODY));
		return;
	}
	const char **choices = arena_alloc(r->a, (size_t)(s->at.nq + 1) * sizeof *choices);
	for (int k = 0; k < s->at.nq; k++) {
		json_t *v = json_array_get(ans, (size_t)k);
		choices[k] = json_is_integer(v) ? arena_printf(r->a, "%lld", (long long)json_integer_value(v)) : NULL;
	}
	submit(r, w, s, choices, arena_printf(r->a, "%lld", (long long)json_integer_value(pred)));
}

/* GET /api/v1/contests/{id}/rounds/{no}/standings?limit=&cursor= — the ranking */
void api_round_standings(struct req *r, struct resp *w)
{
	struct rctx x;
	if (!results_or_respond(r, w, &x))
		return;
	json_t *all = json_array();
	for (size_t i = 0; i < x.n; i++) {
		const struct standing *s = &x.st[i];
		json_array_append_new(all, json_pack("{s:i, s:s, s:s, s:s, s:i, s:i, s:I, s:I, s:I}", "rank", s->rank, "name",
						     s->name, "phone", s->phone, "unit", s->unit.code, "correct", s->correct,
						     "total", s->total, "prediction", (json_int_t)s->prediction, "off",
						     (json_int_t)s->off, "elapsed_ms", (json_int_t)s->elapsed_ms));
	}
	http_send_array_page(r, w, all, json_pack("{s:I, s:b}", "all_correct", (json_int_t)x.actual, "published",
						  x.round.published_at != 0));
	w->max_age = 60;
}
