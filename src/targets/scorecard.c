/*
 * scorecard.c — two scorecards of a unit, from the same figures as the
 * targets (targets.h):
 *
 * - the democracy scorecard: each target of the resolution in force weighs
 *   what the province sets (1 each by default); a target earns its weight
 *   times its figure over its threshold (at most 1). For performance
 *   evaluation and the emulation ranking of communes (Law 10/2022 Art. 8(3);
 *   Bắc Ninh 2025 Art. 4(3)(đ)).
 * - the grassroots-democracy criterion of the commune legal-access standard
 *   (Decision 25/2021/QĐ-TTg, Circular 09/2021/TT-BTP): its items, their
 *   indicators and default points are data (data/scorecards/), marked
 *   unconfirmed until checked against the texts; the province may change the
 *   points. An item no module measures yet earns nothing and says so.
 */
#include "targets.h"
#include "../auth/auth.h"
#include "../db/db.h"
#include "../events/events.h"
#include "../i18n/msg.h"
#include "../module.h"
#include "../util/csv.h"
#include "../util/embed.h"
#include "../util/str.h"
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const scorecard_cards[SC__N] = {"democracy", "legal_access"};

/* The legal-access items shipped with the binary, parsed once. */
static struct sc_def {
	char *code, *name, *formula;
	int points;
	bool confirmed;
} defs[16];
static size_t ndefs;

static void load_defs_once(void)
{
	const struct embed_file *f = embed_find("data/scorecards/tiep-can-phap-luat.csv");
	if (!f)
		return;
	struct csv cv;
	csv_init(&cv, f->data, f->len);
	static const char *const names[5] = {"ma", "noi_dung", "chi_so", "diem", "xac_nhan"};
	int col[5];
	if (csv_header(&cv, names, 5, col)) {
		csv_free(&cv);
		return;
	}
	while (!csv_next(&cv) && ndefs < sizeof defs / sizeof *defs) {
		const char *v[5];
		for (int k = 0; k < 5; k++)
			v[k] = col[k] >= 0 && (size_t)col[k] < cv.nfield ? cv.field[col[k]] : "";
		defs[ndefs++] = (struct sc_def){strdup(v[0]), strdup(v[1]), strdup(v[2]), atoi(v[3]), !strcmp(v[4], "co")};
	}
	csv_free(&cv);
}

static pthread_once_t defs_once = PTHREAD_ONCE_INIT;
static void load_defs(void)
{
	pthread_once(&defs_once, load_defs_once);
}

/* The province a unit belongs to (its path's first part), where the points are set. */
static enum app_err province_of(struct arena *a, struct dbc *c, const struct unit *u, struct unit *out)
{
	char code[16];
	const char *p = u->path + 1, *slash = strchr(p, '/');
	size_t n = slash ? (size_t)(slash - p) : strlen(p);
	if (!n || n >= sizeof code)
		return APP_ENOTFOUND;
	memcpy(code, p, n);
	code[n] = 0;
	return units_get(a, c, code, out);
}

bool scorecard_may_set(const struct user *u, const struct unit *province)
{
	return u && (auth_caps_at(u, province->path) & CAP_MEASURES);
}

/* The points set at the province for a card, over the defaults. */
static enum app_err points_of(struct dbc *c, int64_t province, enum scorecard_card card, struct scorecard *sc)
{
	struct db_stmt *s = dbc_stmt(c, STMT_SC_POINTS);
	db_bind_i64(s, 1, province);
	db_bind_text(s, 2, scorecard_cards[card]);
	bool row;
	enum app_err e;
	while (!(e = db_step(s, &row)) && row)
		for (size_t i = 0; i < sc->n; i++)
			if (!strcmp(sc->item[i].id, db_col_text(s, 0))) {
				sc->item[i].points = (int)db_col_i64(s, 1);
				sc->item[i].set = true;
			}
	db_reset(s);
	return e;
}

enum app_err scorecard_items(struct arena *a, struct dbc *c, const struct unit *u, int year, enum scorecard_card card,
			     struct scorecard *out)
{
	memset(out, 0, sizeof *out);
	out->card = card;
	enum app_err e = province_of(a, c, u, &out->province);
	if (e)
		return e;
	if (card == SC_DEMOCRACY) {
		struct resolution *res = arena_alloc(a, sizeof *res);
		e = targets_in_force(a, c, u, year, res);
		if (e == APP_ENOTFOUND)
			return APP_OK; /* no resolution, no democracy scorecard */
		if (e)
			return e;
		out->res = res;
		out->item = arena_alloc(a, (res->nt ? res->nt : 1) * sizeof *out->item);
		for (size_t i = 0; i < res->nt; i++)
			out->item[out->n++] = (struct scorecard_item){.id = res->t[i].id, .name = res->t[i].name, .points = 1,
								     .target = res->t[i], .confirmed = true};
	} else {
		load_defs();
		out->item = arena_alloc(a, (ndefs ? ndefs : 1) * sizeof *out->item);
		for (size_t i = 0; i < ndefs; i++) {
			struct scorecard_item *it = &out->item[out->n++];
			*it = (struct scorecard_item){.id = defs[i].code, .name = defs[i].name, .points = defs[i].points,
						      .confirmed = defs[i].confirmed};
			/* the item as a target over its indicators, at the commune level */
			it->target = (struct target){.id = defs[i].code, .name = defs[i].name, .formula = defs[i].formula,
						     .kinds = "commune ward special_zone", .threshold = 100};
			char *f = arena_strdup(a, defs[i].formula);
			for (char *save = NULL, *t = strtok_r(f, " +", &save); t && it->target.nterms < TARGET_MAX_TERMS;
			     t = strtok_r(NULL, " +", &save)) {
				const struct indicator *ind = module_indicator(t);
				if (ind)
					it->target.terms[it->target.nterms++] = ind;
			}
		}
	}
	return points_of(c, out->province.id, card, out);
}

enum app_err scorecard_compute(struct arena *a, struct dbc *c, struct scorecard *sc, const struct unit *u, int year,
			       int64_t now, struct scorecard_result *out)
{
	memset(out, 0, sizeof *out);
	out->earned = arena_alloc(a, (sc->n ? sc->n : 1) * sizeof *out->earned);
	out->permille = arena_alloc(a, (sc->n ? sc->n : 1) * sizeof *out->permille);
	for (size_t i = 0; i < sc->n; i++) {
		struct scorecard_item *it = &sc->item[i];
		out->max += it->points;
		out->earned[i] = 0;
		out->permille[i] = -1;
		if (!it->target.nterms || !target_applies(&it->target, u->kind)) {
			if (!it->target.nterms)
				out->missing++;
			continue;
		}
		struct target_figure f;
		enum app_err e = target_compute(a, c, &it->target, u, year, now, false, &f);
		if (e)
			return e;
		/* nothing to count: the item is met (as the targets count it) */
		int64_t pm = f.den ? f.num * 1000 / f.den : 1000;
		int64_t of = (int64_t)it->target.threshold * 10;
		int64_t ratio = of ? (pm >= of ? 1000 : pm * 1000 / of) : 1000;
		out->permille[i] = pm;
		out->earned[i] = (double)it->points * (double)ratio / 1000.0;
		out->score += out->earned[i];
	}
	return APP_OK;
}

struct set_job {
	const struct user *u;
	const struct scorecard *sc;
	const int *points;
	int64_t now;
};

static enum app_err set_fn(struct dbc *c, void *arg)
{
	struct set_job *j = arg;
	enum app_err e = APP_OK;
	struct buf p = {0};
	buf_puts(&p, "{");
	for (size_t i = 0; i < j->sc->n && !e; i++) {
		e = db_run(c, STMT_SC_PUT, "ittiii", j->sc->province.id, scorecard_cards[j->sc->card], j->sc->item[i].id,
			   (int64_t)j->points[i], j->now, j->u->id);
		buf_printf(&p, "%s\"%s\":%d", i ? "," : "", j->sc->item[i].id, j->points[i]);
	}
	buf_puts(&p, "}");
	if (!e) {
		struct event ev = {.actor = j->u->id, .unit = j->sc->province.id, .kind = "targets.scorecard",
				   .about = "scorecard", .public = true, .payload = p.p, .at = j->now};
		e = events_add(c, &ev, NULL);
	}
	free(p.p);
	return e;
}

enum app_err scorecard_set(struct db *db, const struct user *u, const struct scorecard *sc, const char *const *typed,
			   int64_t now, struct problems *pr)
{
	if (!scorecard_may_set(u, &sc->province)) {
		problems_add(pr, "", msg(MSG_SC_WHO));
		return APP_EFORBID;
	}
	int *points = arena_alloc(pr->a, (sc->n ? sc->n : 1) * sizeof *points);
	size_t before = pr->n;
	int64_t total = 0;
	for (size_t i = 0; i < sc->n; i++) {
		int64_t v;
		if (!typed[i] || str_to_i64(typed[i], 0, 100, &v)) {
			problems_add(pr, arena_printf(pr->a, "p_%s", sc->item[i].id),
				     arena_printf(pr->a, "%s %s.", msg(MSG_SC_BAD_POINTS), sc->item[i].id));
			continue;
		}
		points[i] = (int)v;
		total += v;
	}
	if (pr->n == before && !total)
		problems_add(pr, "", msg(MSG_SC_ALL_ZERO));
	if (pr->n > before)
		return APP_EINVAL;
	struct set_job j = {.u = u, .sc = sc, .points = points, .now = now};
	return db_write(db, set_fn, &j);
}
