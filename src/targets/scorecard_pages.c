/*
 * scorecard_pages.c — a unit's two scorecards: the democracy scorecard
 * (weights over the resolution's targets) and the legal-access criterion; at
 * a province the ranking of its communes on both (the emulation ranking),
 * with the form that sets the points; the API.
 */
#include "targets.h"
#include "../html/layout.h"
#include "../http/server.h"
#include "../i18n/msg.h"
#include "../pages.h"
#include "../util/cal.h"
#include "../util/str.h"
#include "targets_pages.h"
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *num1(struct arena *a, double v)
{
	char *s = arena_printf(a, "%.1f", v);
	for (char *p = s; *p; p++)
		if (*p == '.')
			*p = ',';
	return s;
}

struct sctx {
	struct dbc *c;
	struct unit u;
	int year;
	int64_t now;
	struct scorecard card[SC__N];
	struct scorecard_result res[SC__N];
	struct unit *kids; /* a province: its communes */
	size_t nk;
	struct scorecard_result *kres[SC__N];
};

static bool sctx_or_respond(struct req *r, struct resp *w, struct sctx *x)
{
	memset(x, 0, sizeof *x);
	x->now = time(NULL);
	int y, m, d;
	cal_civil_from_days(cal_today((time_t)x->now), &y, &m, &d);
	x->year = y;
	int64_t py;
	const char *ps = req_query(r, "period");
	if (ps && *ps && !str_to_i64(ps, 2000, y, &py))
		x->year = (int)py;
	if (!(x->c = units_path_unit_or_respond(r, w, false, &x->u)))
		return false;
	if (strcmp(x->u.kind, "province") && !units_kind_is_commune_level(x->u.kind)) {
		http_send_error(r, w, APP_ENOTFOUND, msg(MSG_SC_WHERE));
		return false;
	}
	enum app_err e = APP_OK;
	bool province = !strcmp(x->u.kind, "province");
	if (province && !(e = units_children(r->a, x->c, x->u.id, &x->kids, &x->nk))) {
		size_t k = 0;
		for (size_t i = 0; i < x->nk; i++)
			if (units_kind_is_commune_level(x->kids[i].kind))
				x->kids[k++] = x->kids[i];
		x->nk = k;
	}
	for (int card = 0; card < SC__N && !e; card++) {
		e = scorecard_items(r->a, x->c, &x->u, x->year, (enum scorecard_card)card, &x->card[card]);
		if (!e)
			e = scorecard_compute(r->a, x->c, &x->card[card], &x->u, x->year, x->now, &x->res[card]);
		if (!e && province) {
			x->kres[card] = arena_alloc(r->a, (x->nk ? x->nk : 1) * sizeof **x->kres);
			for (size_t i = 0; i < x->nk && !e; i++)
				e = scorecard_compute(r->a, x->c, &x->card[card], &x->kids[i], x->year, x->now, &x->kres[card][i]);
		}
	}
	if (e) {
		http_send_error(r, w, e, NULL);
		return false;
	}
	return true;
}

static void card_table(struct req *r, struct html *h, const struct scorecard *sc, const struct scorecard_result *res)
{
	html_printf(h, "<div class=\"scroll\" tabindex=\"0\"><table class=\"cards\">\n<thead><tr><th scope=\"col\">%s</th>"
		       "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
		    msg(MSG_SC_ITEM), msg(MSG_SC_FIGURE), msg(MSG_SC_POINTS), msg(MSG_SC_EARNED));
	for (size_t i = 0; i < sc->n; i++) {
		const struct scorecard_item *it = &sc->item[i];
		html_printf(h, "<tr><td data-label=\"%s\">%s. %s</td><td data-label=\"%s\">", msg(MSG_SC_ITEM), it->id, it->name,
			    msg(MSG_SC_FIGURE));
		if (!it->target.nterms)
			html_printf(h, "<strong class=\"badge draft\">%s</strong>", msg(MSG_SC_NOT_MEASURED));
		else if (res->permille[i] >= 0)
			html_printf(h, "%s %%", num1(r->a, (double)res->permille[i] / 10.0));
		html_printf(h, "</td><td data-label=\"%s\">%d</td><td data-label=\"%s\">%s</td></tr>\n", msg(MSG_SC_POINTS),
			    it->points, msg(MSG_SC_EARNED), num1(r->a, res->earned[i]));
	}
	html_printf(h, "</tbody>\n<tfoot><tr><th scope=\"row\" colspan=\"2\">%s</th><td>%lld</td><td><strong>%s</strong></td></tr></tfoot>\n"
		       "</table></div>\n",
		    msg(MSG_SC_TOTAL), (long long)res->max, num1(r->a, res->score));
}

struct rank {
	size_t i;
	double score;
};
static int rank_cmp(const void *x, const void *y)
{
	const struct rank *p = x, *q = y;
	return p->score < q->score ? 1 : p->score > q->score ? -1 : (p->i > q->i) - (p->i < q->i);
}

static void points_form(struct req *r, struct html *h, const struct sctx *x, enum scorecard_card card,
			const struct problems *pr)
{
	const struct scorecard *sc = &x->card[card];
	html_printf(h, "<h3 id=\"set-%s\">%s</h3>\n", scorecard_cards[card],
		    msg(card == SC_DEMOCRACY ? MSG_SC_SET_WEIGHTS : MSG_SC_SET_POINTS));
	if (pr && str_eq(req_form(r, "card"), scorecard_cards[card]))
		form_problems(h, pr);
	else
		pr = NULL;
	form_begin(r, h, arena_printf(r->a, "/units/%s/scorecard", x->u.code), false);
	form_hidden(h, "card", scorecard_cards[card]);
	for (size_t i = 0; i < sc->n; i++) {
		const char *name = arena_printf(r->a, "p_%s", sc->item[i].id);
		form_field(h, &(struct form_field){.name = name, .label = arena_printf(r->a, "%s. %s", sc->item[i].id, sc->item[i].name),
						   .type = "number", .min = "0", .max = 100, .required = true,
						   .value = pr ? req_form(r, name) : arena_printf(r->a, "%d", sc->item[i].points),
						   .id = arena_printf(r->a, "%s-%s", scorecard_cards[card], sc->item[i].id)},
			   pr);
	}
	html_printf(h, "<button type=\"submit\">%s</button>", msg(MSG_SC_SAVE));
	form_end(h);
}

static void scorecard_page(struct req *r, struct resp *w, struct sctx *x, const struct problems *pr)
{
	struct html h = {.b = &w->body};
	const char *t = arena_printf(r->a, "%s — %s", msg(MSG_SC_TITLE), x->u.title);
	layout_begin(r, &h, t);
	html_printf(&h, "<nav aria-label=\"%s\" class=\"crumbs\"><ol><li><a href=\"/units/%s\">%s</a></li>"
			"<li><a href=\"/units/%s/targets\">%s</a></li></ol></nav>\n<h1>%s</h1>\n<p>%s %d. %s</p>\n",
		    msg(MSG_BREADCRUMB), x->u.code, x->u.title, x->u.code, msg(MSG_TG_TITLE), t, msg(MSG_SC_YEAR), x->year,
		    msg(MSG_SC_LEAD));
	bool province = !strcmp(x->u.kind, "province");
	for (int card = 0; card < SC__N; card++) {
		const struct scorecard *sc = &x->card[card];
		html_printf(&h, "<h2 id=\"%s\">%s</h2>\n<p>%s</p>\n", scorecard_cards[card],
			    msg(card == SC_DEMOCRACY ? MSG_SC_DEMOCRACY : MSG_SC_LEGAL_ACCESS),
			    msg(card == SC_DEMOCRACY ? MSG_SC_DEMOCRACY_LEAD : MSG_SC_LEGAL_ACCESS_LEAD));
		if (card == SC_LEGAL_ACCESS && sc->n && !sc->item[0].confirmed)
			html_printf(&h, "<p class=\"notice\" role=\"note\">%s</p>\n", msg(MSG_SC_UNCONFIRMED));
		if (!sc->n) {
			html_printf(&h, "<p>%s</p>\n", msg(MSG_SC_NO_RESOLUTION));
			continue;
		}
		if (!province) {
			card_table(r, &h, sc, &x->res[card]);
			continue;
		}
		/* the emulation ranking: best first */
		struct rank *rk = arena_alloc(r->a, (x->nk ? x->nk : 1) * sizeof *rk);
		for (size_t i = 0; i < x->nk; i++)
			rk[i] = (struct rank){i, x->kres[card][i].score};
		qsort(rk, x->nk, sizeof *rk, rank_cmp);
		html_printf(&h, "<div class=\"scroll\" tabindex=\"0\"><table class=\"cards\">\n<caption>%s</caption><thead><tr>"
				"<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
			    msg(MSG_SC_RANKING), msg(MSG_SC_RANK), msg(MSG_DC_UNIT), msg(MSG_SC_EARNED));
		for (size_t k = 0; k < x->nk; k++) {
			const struct unit *cu = &x->kids[rk[k].i];
			html_printf(&h, "<tr><td data-label=\"%s\">%zu</td><td data-label=\"%s\"><a href=\"/units/%s/scorecard?period=%d\">%s</a></td>"
					"<td data-label=\"%s\">%s / %lld</td></tr>\n",
				    msg(MSG_SC_RANK), k + 1, msg(MSG_DC_UNIT), cu->code, x->year, cu->title, msg(MSG_SC_EARNED),
				    num1(r->a, rk[k].score), (long long)x->kres[card][rk[k].i].max);
		}
		html_lit(&h, "</tbody>\n</table></div>\n");
		html_printf(&h, "<h3>%s</h3>\n", msg(MSG_SC_WHOLE_PROVINCE));
		card_table(r, &h, sc, &x->res[card]);
	}
	if (scorecard_may_set(r->user, &x->card[SC_LEGAL_ACCESS].province) && !strcmp(x->u.kind, "province")) {
		html_printf(&h, "<h2 id=\"set\">%s</h2>\n", msg(MSG_SC_SET));
		for (int card = 0; card < SC__N; card++)
			if (x->card[card].n)
				points_form(r, &h, x, (enum scorecard_card)card, pr);
	}
	layout_end(r, &h);
	if (pr)
		w->status = w->status >= 400 ? w->status : 400;
	w->max_age = 60;
	w->cache_public = !r->user;
}

/* GET /units/{code}/scorecard?period= */
void page_unit_scorecard(struct req *r, struct resp *w)
{
	struct sctx x;
	if (sctx_or_respond(r, w, &x))
		scorecard_page(r, w, &x, NULL);
}

/* POST /units/{code}/scorecard — card (democracy | legal_access), p_ITEM for each item */
void page_scorecard_set(struct req *r, struct resp *w)
{
	struct sctx x;
	if (!sctx_or_respond(r, w, &x))
		return;
	int card = -1;
	for (int k = 0; k < SC__N; k++)
		if (str_eq(req_form(r, "card"), scorecard_cards[k]))
			card = k;
	struct problems pr = {.a = r->a};
	enum app_err e;
	if (card < 0 || strcmp(x.u.kind, "province")) {
		problems_add(&pr, "card", msg(MSG_ERR_INVALID));
		e = APP_EINVAL;
	} else {
		const struct scorecard *sc = &x.card[card];
		const char **typed = arena_alloc(r->a, (sc->n ? sc->n : 1) * sizeof *typed);
		for (size_t i = 0; i < sc->n; i++)
			typed[i] = req_form(r, arena_printf(r->a, "p_%s", sc->item[i].id));
		e = scorecard_set(r->app->db, r->user, sc, typed, time(NULL), &pr);
	}
	if (e == APP_EINVAL && !r->is_api) {
		scorecard_page(r, w, &x, &pr);
		return;
	}
	http_answer(r, w, e, &pr, arena_printf(r->a, "/units/%s/scorecard?period=%d", x.u.code, x.year));
}

/* GET /api/v1/units/{code}/scorecard?period= — both cards; at a province also its communes */
void api_unit_scorecard(struct req *r, struct resp *w)
{
	struct sctx x;
	if (!sctx_or_respond(r, w, &x))
		return;
	json_t *cards = json_array();
	for (int card = 0; card < SC__N; card++) {
		const struct scorecard *sc = &x.card[card];
		json_t *items = json_array();
		for (size_t i = 0; i < sc->n; i++) {
			json_t *o = json_pack("{s:s, s:s, s:i, s:f, s:b, s:b}", "id", sc->item[i].id, "name", sc->item[i].name,
					      "points", sc->item[i].points, "earned", x.res[card].earned[i], "measured",
					      sc->item[i].target.nterms > 0, "confirmed", sc->item[i].confirmed);
			json_object_set_new(o, "value", x.res[card].permille[i] >= 0 ? json_real((double)x.res[card].permille[i] / 10.0)
										     : json_null());
			json_array_append_new(items, o);
		}
		json_t *c = json_pack("{s:s, s:f, s:I, s:o}", "card", scorecard_cards[card], "score", x.res[card].score, "max",
				      (json_int_t)x.res[card].max, "items", items);
		if (x.nk) {
			json_t *units = json_array();
			for (size_t i = 0; i < x.nk; i++)
				json_array_append_new(units, json_pack("{s:s, s:f}", "unit", x.kids[i].code, "score",
								       x.kres[card][i].score));
			json_object_set_new(c, "units", units);
		}
		json_array_append_new(cards, c);
	}
	http_send_json(w, json_pack("{s:s, s:i, s:o}", "unit", x.u.code, "period", x.year, "cards", cards));
	w->max_age = 60;
}
