/* decisions.c — matters, thresholds and the ballot box (see decisions.h). */
#include "decisions.h"
#include "../calendar/holidays.h"
#include "../db/db.h"
#include "../events/events.h"
#include "../i18n/msg.h"
#include "../util/cal.h"
#include "../util/str.h"
#include "../util/buf.h"
#include "../util/xalloc.h"
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum app_err decision_rule_get(struct arena *a, struct dbc *c, int item, const char *scope, const char *day,
			       struct decision_rule *out)
{
	struct db_stmt *s = dbc_stmt(c, STMT_RULE_IN_FORCE);
	db_bind_i64(s, 1, item);
	db_bind_text(s, 2, scope);
	db_bind_text(s, 3, day);
	bool row;
	enum app_err e = db_step(s, &row);
	if (!e && !row)
		e = APP_ENOTFOUND;
	if (!e) {
		out->num = (int)db_col_i64(s, 0);
		out->den = (int)db_col_i64(s, 1);
		out->strict = db_col_i64(s, 2);
		out->counts = arena_strdup(a, db_col_text(s, 3));
		out->forms = arena_strdup(a, db_col_text(s, 4));
		out->legal_basis = arena_strdup(a, db_col_text(s, 5));
		out->confirmed = arena_strdup(a, db_col_text(s, 6));
	}
	db_reset(s);
	return e;
}

int64_t decision_needed(const struct decision_rule *r, int64_t all)
{
	/* strict: the least v with v*den > num*all; else the least with v*den >= num*all */
	int64_t p = (int64_t)r->num * all;
	return r->strict ? p / r->den + 1 : (p + r->den - 1) / r->den;
}

bool decision_passes(const struct decision_rule *r, int64_t votes, int64_t all)
{
	int64_t lhs = votes * r->den, rhs = (int64_t)r->num * all;
	return all > 0 && (r->strict ? lhs > rhs : lhs >= rhs);
}

/* Decree 59 Art. 5: the online vote goes ahead only when more than half of
 * ALL households agreed to vote online. */
static bool prepoll_ok(const struct matter *m, int64_t yes)
{
	return yes * 2 > m->eligible;
}

const char *matter_stage(const struct matter *m, int64_t now, int64_t prepoll_yes)
{
	if (now < m->opens_at)
		return "scheduled";
	if (now < m->prepoll_closes_at)
		return "prepoll";
	if (!strcmp(m->form, "online") && m->prepoll_closes_at > m->opens_at && !prepoll_ok(m, prepoll_yes))
		return "rejected_online";
	return now < m->closes_at ? "open" : "closed";
}

static void read_matter(struct arena *a, struct db_stmt *s, struct matter *m)
{
	m->id = db_col_i64(s, 0);
	m->unit.id = db_col_i64(s, 1);
	m->unit.code = arena_strdup(a, db_col_text(s, 2));
	m->unit.kind = arena_strdup(a, db_col_text(s, 3));
	m->unit.name = arena_strdup(a, db_col_text(s, 4));
	m->unit.title = arena_strdup(a, db_col_text(s, 5));
	m->unit.path = arena_strdup(a, db_col_text(s, 6));
	m->unit.parent_code = "";
	m->item = (int)db_col_i64(s, 7);
	m->scope = arena_strdup(a, db_col_text(s, 8));
	m->form = arena_strdup(a, db_col_text(s, 9));
	m->title = arena_strdup(a, db_col_text(s, 10));
	m->description = arena_strdup(a, db_col_text(s, 11));
	m->secret = db_col_i64(s, 12);
	m->allow_change = db_col_i64(s, 13);
	m->front_agreed = db_col_i64(s, 14);
	m->eligible = db_col_i64(s, 15);
	m->opens_at = db_col_i64(s, 16);
	m->prepoll_closes_at = db_col_i64(s, 17);
	m->closes_at = db_col_i64(s, 18);
	m->created_at = db_col_i64(s, 19);
	m->proposer = arena_strdup(a, db_col_text(s, 20));
	m->prepoll_yes = db_col_i64(s, 21);
	m->follows = db_col_i64(s, 22);
	m->team = arena_strdup(a, db_col_text(s, 23));
	m->parent_id = db_col_i64(s, 24);
}

static void matter_row(struct arena *a, struct db_stmt *s, void *out)
{
	read_matter(a, s, out);
}

enum app_err meeting_present(struct dbc *c, int64_t matter, int cluster, int64_t *n)
{
	struct db_stmt *s = dbc_stmt(c, STMT_ATTEND_COUNT);
	db_bind_i64(s, 1, matter);
	db_bind_i64(s, 2, cluster);
	bool row;
	enum app_err e = db_step(s, &row);
	*n = !e && row ? db_col_i64(s, 0) : 0;
	db_reset(s);
	return e;
}

/* Whether a household is in a matter's electorate. */
static enum app_err electorate_has(struct dbc *c, int64_t matter, int64_t household, bool *in)
{
	struct db_stmt *s = dbc_stmt(c, STMT_ELECTORATE_HAS);
	db_bind_i64(s, 1, matter);
	db_bind_i64(s, 2, household);
	enum app_err e = db_step(s, in);
	db_reset(s);
	return e;
}

enum app_err matter_household_check(struct dbc *c, const struct matter *m, int64_t household, enum msg_id *why)
{
	bool in = false;
	enum app_err e = household_in_village(c, household, m->unit.id, &in);
	if (!e && !in) {
		*why = MSG_MT_OTHER_VILLAGE_HOUSEHOLD;
		return APP_EINVAL;
	}
	if (!e && !(e = electorate_has(c, m->id, household, &in)) && !in) {
		*why = MSG_MT_NOT_ELECTORATE;
		e = APP_EINVAL;
	}
	return e;
}

enum app_err household_in_village(struct dbc *c, int64_t household, int64_t village, bool *in)
{
	struct db_stmt *s = dbc_stmt(c, STMT_HOUSEHOLD_IN_VILLAGE);
	db_bind_i64(s, 1, household);
	db_bind_i64(s, 2, village);
	enum app_err e = db_step(s, in);
	db_reset(s);
	return e;
}

enum app_err matter_get(struct arena *a, struct dbc *c, int64_t id, struct matter *out)
{
	struct db_stmt *s = dbc_stmt(c, STMT_MATTER_GET);
	db_bind_i64(s, 1, id);
	return db_get_row(s, a, matter_row, out);
}

/* Reads every row of a statement selecting MATTER_COLS. */
static enum app_err read_matters(struct arena *a, struct db_stmt *s, struct matter **out, size_t *n)
{
	return db_get_rows(s, a, matter_row, sizeof **out, (void **)out, n);
}

enum app_err matter_list(struct arena *a, struct dbc *c, const char *path, int limit, struct matter **out, size_t *n)
{
	return matter_list_page(a, c, path, limit, NULL, out, n, NULL);
}

enum app_err matter_list_page(struct arena *a, struct dbc *c, const char *path, int limit, const struct matter_cursor *after,
			 struct matter **out, size_t *n, int64_t *total)
{
	struct db_stmt *s;
	enum app_err e = APP_OK;
	if (total) {
		bool row;
		s = dbc_stmt(c, STMT_MATTER_TOTAL);
		db_bind_subtree(s, 1, 2, path);
		*total = !(e = db_step(s, &row)) && row ? db_col_i64(s, 0) : 0;
		db_reset(s);
		if (e)
			return e;
	}
	s = dbc_stmt(c, after ? STMT_MATTER_PAGE : STMT_MATTER_LIST);
	db_bind_subtree(s, 1, 2, path);
	db_bind_i64(s, 3, limit);
	if (after) {
		db_bind_i64(s, 4, after->closes_at);
		db_bind_i64(s, 5, after->id);
	}
	return read_matters(a, s, out, n);
}

enum app_err matter_search(struct arena *a, struct dbc *c, const char *q, int limit, struct matter **out, size_t *n)
{
	struct buf p;
	buf_init(&p);
	buf_putc(&p, '%');
	for (const char *s = q; *s; s++) {
		if (*s == '%' || *s == '_' || *s == '\\')
			buf_putc(&p, '\\');
		buf_putc(&p, *s);
	}
	buf_putc(&p, '%');
	struct db_stmt *s = dbc_stmt(c, STMT_MATTER_SEARCH);
	db_bind_text(s, 1, buf_str(&p));
	db_bind_i64(s, 2, limit);
	buf_reset(&p);
	return read_matters(a, s, out, n);
}

/* Households that took part in a step. */
static enum app_err turnout(struct dbc *c, int64_t matter, const char *stage, int64_t *out)
{
	struct db_stmt *s = dbc_stmt(c, STMT_TURNOUT_COUNT);
	db_bind_i64(s, 1, matter);
	db_bind_text(s, 2, stage);
	bool row;
	enum app_err e = db_step(s, &row);
	*out = !e && row ? db_col_i64(s, 0) : 0;
	db_reset(s);
	return e;
}

enum app_err matter_result(struct dbc *c, const struct matter *m, const struct decision_rule *rule, int64_t now,
			   struct matter_result *out)
{
	memset(out, 0, sizeof *out);
	int64_t t, v[3] = {0, 0, 0}; /* turnout; for, against, abstain from the sealed boxes */
	/* A secret vote's choices are not opened before its close (nothing shows
	 * them, and the tally opens every box), except the pre-poll's once it
	 * closed and until its result is recorded: it decides the stage. */
	bool running = m->secret && now < m->closes_at;
	/* a step is final some seconds after its close: no ballot accepted before
	 * it can still be on its way to the disk */
	bool prepoll_final = now >= m->prepoll_closes_at + 10, vote_final = now >= m->closes_at + 10;
	enum app_err e = turnout(c, m->id, "prepoll", &t);
	if (!e && (!running || (now >= m->prepoll_closes_at && m->prepoll_yes < 0)))
		e = ballot_box_tally(c, m->id, "prepoll", prepoll_final, v);
	if (e)
		return e;
	out->prepoll_turnout = t;
	out->prepoll_yes = m->prepoll_yes >= 0 ? m->prepoll_yes : v[0];
	out->prepoll_no = v[1];
	out->prepoll_abstain = v[2];
	out->prepoll_passed = prepoll_ok(m, out->prepoll_yes);
	out->stage = matter_stage(m, now, out->prepoll_yes);
	v[0] = v[1] = v[2] = 0;
	if ((e = turnout(c, m->id, "vote", &t)) || (!running && (e = ballot_box_tally(c, m->id, "vote", vote_final, v))))
		return e;
	out->turnout = t;
	out->votes_for = v[0];
	out->votes_against = v[1];
	out->votes_abstain = v[2];
	out->needed = decision_needed(rule, m->eligible);
	if (!strcmp(m->form, "meeting") && !strcmp(m->scope, "village")) {
		struct arena a;
		arena_init(&a);
		struct meeting g;
		if (!(e = meeting_get(&a, c, m->id, &g))) {
			out->stage = meeting_stage(&g, now);
			e = meeting_present(c, m->id, 0, &out->turnout);
			bool row;
			struct db_stmt *s = dbc_stmt(c, STMT_RESULT_SUM);
			db_bind_i64(s, 1, m->id);
			if (!e && !(e = db_step(s, &row)) && row) {
				out->votes_for = db_col_i64(s, 0);
				out->votes_against = db_col_i64(s, 1);
				out->votes_abstain = db_col_i64(s, 2);
			}
			db_reset(s);
		}
		arena_free(&a);
		if (e)
			return e;
	}
	if ((m->item == 4 || m->item == 5) && !strcmp(m->form, "meeting")) {
		/* an election: the leading candidate against all households */
		struct arena a;
		arena_init(&a);
		struct election el;
		struct candidate *cs;
		size_t nc;
		if (!election_get(&a, c, m->id, &el) && !candidates_get(&a, c, m->id, &cs, &nc)) {
			int64_t best = 0, total = 0;
			for (size_t i = 0; i < nc; i++) {
				if (cs[i].votes > best)
					best = cs[i].votes;
				total += cs[i].votes > 0 ? cs[i].votes : 0;
			}
			out->votes_for = best;
			out->votes_against = total - best;
		}
		arena_free(&a);
	}
	if (!strcmp(m->scope, "commune")) {
		/* Art. 21(1): counted in villages, each by its own threshold */
		struct arena a;
		arena_init(&a);
		struct matter *kids;
		size_t nk;
		e = matter_children(&a, c, m->id, &kids, &nk);
		int64_t done = 0, yes = 0;
		bool started = false;
		for (size_t i = 0; i < nk && !e; i++) {
			struct decision_rule kr;
			struct matter_result kres;
			if ((e = matter_outcome(&a, c, &kids[i], now, &kr, &kres)))
				break;
			done += kres.closed;
			yes += kres.closed && kres.passed;
			started |= strcmp(kres.stage, "scheduled") != 0;
		}
		arena_free(&a);
		if (e)
			return e;
		out->turnout = done;
		out->votes_for = yes;
		out->votes_against = done - yes;
		out->votes_abstain = 0;
		out->stage = done == (int64_t)nk && nk ? "closed" : started ? "meeting" : "scheduled";
	}
	out->closed = !strcmp(out->stage, "closed") || !strcmp(out->stage, "rejected_online");
	out->passed = !strcmp(out->stage, "closed") && decision_passes(rule, out->votes_for, m->eligible);
	return APP_OK;
}

enum app_err matter_outcome(struct arena *a, struct dbc *c, const struct matter *m, int64_t now,
			    struct decision_rule *rule, struct matter_result *res)
{
	char day[11];
	cal_format_iso(cal_today((time_t)m->created_at), day);
	enum app_err e = decision_rule_get(a, c, m->item, m->scope, day, rule);
	return e ? e : matter_result(c, m, rule, now, res);
}

/* ---- creating a matter ---- */

static bool form_listed(const char *forms, const char *form)
{
	size_t n = strlen(form);
	for (const char *p = forms; *p;) {
		size_t k = strcspn(p, ";");
		if (k == n && !strncmp(p, form, n))
			return true;
		p += k + (p[k] == ';');
	}
	return false;
}

const char *matter_check(struct arena *a, struct dbc *c, const struct unit *village, const struct matter_input *in,
			 int64_t now, const char **field)
{
	*field = "item";
	if (!units_kind_is_village(village->kind))
		return msg(MSG_MT_NOT_VILLAGE);
	if (in->item < 1 || in->item > 6)
		return msg(MSG_MT_BAD_ITEM);
	/* Items 4 and 5 are elections and dismissals, each with its own convener
	 * and timeline: a village head is elected on the commune chair's decision
	 * with the election team (Decree 59 Arts. 6-8) and relieved at a meeting
	 * the Front convenes (Art. 9); board members are put by the commune Front
	 * (Law Art. 36; Decree 59 Art. 13). Never as an ordinary matter. */
	if (in->item == 4 || in->item == 5)
		return msg(MSG_MT_ITEM45_FLOW);
	*field = "title";
	if (!in->title || !*in->title || str_utf8_len(in->title) > 300)
		return msg(MSG_DP_BAD_TITLE);
	*field = "description";
	if (in->description && strlen(in->description) > 20000)
		return msg(MSG_DP_BAD_BODY);
	*field = "form";
	struct decision_rule r;
	char day[11];
	cal_format_iso(cal_today((time_t)now), day);
	if (!in->form || decision_rule_get(a, c, in->item, "village", day, &r))
		return msg(MSG_MT_BAD_FORM);
	/* Art. 17(2): items 3, 4, 5 at a meeting; ballots only after a meeting
	 * that could not gather enough households; online only for item 6 */
	if (!strcmp(in->form, "online") && !form_listed(r.forms, "online"))
		return msg(MSG_MT_ONLINE_ITEM6);
	if (!strcmp(in->form, "ballot")) {
		/* Art. 17(2), 19(1)(b): only after a meeting on it could not gather
		 * enough households to reach the threshold */
		*field = "follows";
		struct matter prev;
		struct decision_rule pr;
		struct matter_result pres;
		if (!in->follows || matter_get(a, c, in->follows, &prev) || prev.unit.id != village->id ||
		    prev.item != in->item || strcmp(prev.form, "meeting") || matter_outcome(a, c, &prev, now, &pr, &pres) ||
		    !pres.closed || pres.turnout >= pres.needed)
			return msg(MSG_MT_BALLOT_AFTER_MEETING);
		/* Decree 59 Art. 4: a ballot team of 3 to 5 people */
		*field = "team";
		int names = 0;
		for (const char *p = in->team ? in->team : ""; *p;) {
			size_t l = strcspn(p, ";\n");
			size_t k = 0;
			while (k < l && (p[k] == ' ' || p[k] == '\r'))
				k++;
			names += k < l;
			p += l + (p[l] != 0);
		}
		if (names < 3 || names > 5 || strlen(in->team) > 500)
			return msg(MSG_MT_BAD_TEAM);
		/* residents are told at least 2 days before the ballots go out */
		*field = "opens_at";
		if (in->opens_at < now + 2 * 86400 || in->opens_at > now + 365 * 86400)
			return msg(MSG_MT_BALLOT_NOTICE);
		*field = "closes_at";
		if (in->closes_at <= in->opens_at || in->closes_at > in->opens_at + 90 * 86400)
			return msg(MSG_MT_BAD_TIMES);
		*field = NULL;
		return NULL;
	}
	if (!strcmp(in->form, "meeting")) {
		/* Decree 59 Art. 3(3)-(4): the notice (and for items 1-3 the
		 * documents, published with it) at least 2 days before */
		*field = "meeting_at";
		if (in->meeting_at < now + 2 * 86400 || in->meeting_at > now + 365 * 86400)
			return msg(MSG_MT_NOTICE_2_DAYS);
		*field = "location";
		if (!in->location || !*in->location || str_utf8_len(in->location) > 300)
			return msg(MSG_MT_NEED_LOCATION);
		*field = "clusters";
		struct db_stmt *s = dbc_stmt(c, STMT_UNIT_HOUSEHOLDS);
		db_bind_i64(s, 1, village->id);
		bool row;
		int64_t hh = !db_step(s, &row) && row ? db_col_i64(s, 0) : 0;
		db_reset(s);
		/* Art. 18(3): villages of 200 households or more may meet in clusters */
		if (in->clusters < 1 || in->clusters > 20 || (in->clusters > 1 && hh < 200))
			return msg(MSG_MT_BAD_CLUSTERS);
		*field = "method";
		if (!in->method || (strcmp(in->method, "hands") && strcmp(in->method, "secret")))
			return msg(MSG_MT_BAD_METHOD);
		*field = NULL;
		return NULL;
	}
	if (strcmp(in->form, "online"))
		return msg(MSG_MT_BAD_FORM);
	/* Decree 59 Art. 5(1): the Front committee agrees to an online vote */
	*field = "front_agreed";
	if (!in->front_agreed)
		return msg(MSG_MT_FRONT);
	*field = "prepoll_closes_at";
	if (in->prepoll_closes_at <= now || in->prepoll_closes_at > now + 90 * 86400)
		return msg(MSG_MT_BAD_TIMES);
	*field = "closes_at";
	if (in->closes_at <= in->prepoll_closes_at || in->closes_at > in->prepoll_closes_at + 90 * 86400)
		return msg(MSG_MT_BAD_TIMES);
	*field = NULL;
	return NULL;
}

struct create_job {
	const struct unit *v;
	const struct matter_input *in;
	int64_t actor, on_behalf, id, now;
};

static enum app_err create_fn(struct dbc *c, void *arg)
{
	struct create_job *j = arg;
	struct db_stmt *s = dbc_stmt(c, STMT_MATTER_INSERT);
	const struct matter_input *in = j->in;
	bool row;
	enum app_err e;
	db_bind_i64(s, 1, j->v->id);
	db_bind_i64(s, 2, in->item);
	db_bind_text(s, 3, "village");
	db_bind_text(s, 4, in->form);
	db_bind_text(s, 5, in->title);
	db_bind_text(s, 6, in->description ? in->description : "");
	db_bind_i64(s, 7, in->secret);
	db_bind_i64(s, 8, in->allow_change);
	db_bind_i64(s, 9, in->front_agreed);
	db_bind_i64(s, 10, 0); /* set from the electorate below */
	db_bind_i64(s, 11, j->now);
	bool meeting = !strcmp(in->form, "meeting"), ballot = !strcmp(in->form, "ballot");
	if (ballot)
		db_bind_i64(s, 11, in->opens_at);
	db_bind_i64(s, 12, meeting ? j->now : ballot ? in->opens_at : in->prepoll_closes_at);
	db_bind_i64(s, 13, meeting ? in->meeting_at : in->closes_at);
	db_bind_i64(s, 14, j->actor);
	db_bind_i64(s, 15, j->now);
	e = db_step(s, &row);
	j->id = !e && row ? db_col_i64(s, 0) : 0;
	db_reset(s);
	if (e || !j->id)
		return e ? e : APP_EDB;
	/* the electorate: the village's households now, and only they (Art. 21(1)) */
	s = dbc_stmt(c, STMT_ELECTORATE_SNAPSHOT);
	db_bind_i64(s, 1, j->id);
	db_bind_i64(s, 2, j->v->id);
	if ((e = db_exec(s)))
		return e;
	s = dbc_stmt(c, STMT_MATTER_SET_ELIGIBLE);
	db_bind_i64(s, 1, j->id);
	e = db_step(s, &row);
	int64_t eligible = !e && row ? db_col_i64(s, 0) : 0;
	db_reset(s);
	if (e)
		return e;
	if (ballot) {
		s = dbc_stmt(c, STMT_MATTER_SET_BALLOT);
		db_bind_i64(s, 1, j->id);
		db_bind_i64(s, 2, in->follows);
		db_bind_text(s, 3, in->team);
		if ((e = db_exec(s)))
			return e;
	}
	if (!strcmp(in->form, "meeting")) {
		s = dbc_stmt(c, STMT_MEETING_INSERT);
		db_bind_i64(s, 1, j->id);
		db_bind_i64(s, 2, in->meeting_at);
		db_bind_text(s, 3, in->location);
		db_bind_i64(s, 4, in->clusters);
		db_bind_text(s, 5, in->method);
		if ((e = db_exec(s)))
			return e;
	}
	char subject[40];
	snprintf(subject, sizeof subject, "matter:%lld", (long long)j->id);
	json_t *o = json_pack("{s:I, s:s, s:i, s:s, s:s, s:I, s:I, s:I, s:b}", "matter", (json_int_t)j->id, "unit",
			      j->v->code, "item", in->item, "form", in->form, "title", in->title, "eligible",
			      (json_int_t)eligible, "prepoll_closes_at", (json_int_t)in->prepoll_closes_at, "closes_at",
			      (json_int_t)in->closes_at, "secret", in->secret);
	char *payload = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(o);
	struct event ev = {.actor = j->actor, .on_behalf = j->on_behalf, .unit = j->v->id, .kind = "matter.create",
			   .subject = subject, .public = true, .payload = payload};
	e = events_add(c, &ev, NULL);
	free(payload);
	return e;
}

enum app_err matter_create(struct db *db, const struct unit *village, const struct matter_input *in, int64_t opens_at,
			   int64_t actor, int64_t now, int64_t on_behalf, int64_t *id)
{
	struct create_job j = {village, in, actor, on_behalf, 0, opens_at ? opens_at : now};
	enum app_err e = db_write(db, create_fn, &j);
	if (!e)
		*id = j.id;
	return e;
}

/* ---- the ballot box ---- */

static enum app_err refuse(struct ballot_job *j, enum msg_id why, enum app_err e)
{
	j->why = (int)why;
	return e;
}

/* The matter as the ballot box needs it (form, secrecy, times, households). */
static enum app_err ballot_matter(struct dbc *c, int64_t id, struct matter *m, char form[16])
{
	struct db_stmt *s = dbc_stmt(c, STMT_MATTER_BALLOT);
	db_bind_i64(s, 1, id);
	bool row;
	enum app_err e = db_step(s, &row);
	if (!e && !row)
		e = APP_ENOTFOUND;
	if (!e) {
		memset(m, 0, sizeof *m);
		m->id = db_col_i64(s, 0);
		m->unit.id = db_col_i64(s, 1);
		snprintf(form, 16, "%s", db_col_text(s, 2));
		m->form = form;
		m->secret = db_col_i64(s, 3);
		m->allow_change = db_col_i64(s, 4);
		m->eligible = db_col_i64(s, 5);
		m->opens_at = db_col_i64(s, 6);
		m->prepoll_closes_at = db_col_i64(s, 7);
		m->closes_at = db_col_i64(s, 8);
		m->prepoll_yes = db_col_i64(s, 9);
	}
	db_reset(s);
	return e;
}

enum app_err ballot_write(struct dbc *c, void *arg)
{
	struct ballot_job *j = arg;
	struct matter m;
	char form[16];
	int64_t now = j->now; /* the close is exact: the ballot's arrival, checked when it is written */
	int64_t household = 0, village = 0;
	bool row;
	enum app_err e = APP_OK;
	if (j->token_hash) {
		/* a bearer token, verified here (ROUTE_TOKEN_IN_WRITE): 401 before anything else */
		struct db_stmt *s = dbc_stmt(c, STMT_TOKEN_VOTER);
		db_bind_text(s, 1, j->token_hash);
		db_bind_i64(s, 2, now);
		e = db_step(s, &row);
		if (!e && !row)
			e = APP_EAUTH;
		if (!e) {
			j->user = db_col_i64(s, 0);
			household = db_col_i64(s, 1);
			village = db_col_i64(s, 2);
			/* a read-only token does not vote (issue #9 item 5) */
			if (strcmp(db_col_text(s, 3), "read") == 0)
				e = refuse(j, MSG_TOKEN_SCOPE, APP_EFORBID);
		}
		db_reset(s);
	}
	if (!e)
		e = ballot_matter(c, j->matter, &m, form);
	const char *stage = NULL;
	if (!e && strcmp(m.form, "online"))
		e = refuse(j, MSG_MT_NOT_ONLINE, APP_ECONFLICT);
	if (!e) {
		int64_t yes = m.prepoll_yes;
		if (now >= m.prepoll_closes_at && yes < 0) {
			/* the pre-poll closed: count it once and keep the count */
			int64_t v[3];
			if (!(e = ballot_box_tally(c, m.id, "prepoll", false, v))) {
				yes = v[0];
				struct db_stmt *s = dbc_stmt(c, STMT_MATTER_SET_PREPOLL);
				db_bind_i64(s, 1, m.id);
				db_bind_i64(s, 2, yes);
				e = db_exec(s);
			}
		}
		const char *st = matter_stage(&m, now, yes);
		if (e)
			;
		else if (!strcmp(st, "prepoll"))
			stage = "prepoll";
		else if (!strcmp(st, "open"))
			stage = "vote";
		else if (!strcmp(st, "scheduled"))
			e = refuse(j, MSG_MT_NOT_YET, APP_ECONFLICT);
		else if (!strcmp(st, "rejected_online"))
			e = refuse(j, MSG_MT_REJECTED_ONLINE, APP_ECONFLICT);
		else
			e = refuse(j, MSG_MT_CLOSED, APP_ECONFLICT);
	}
	if (!e && !j->token_hash) {
		struct db_stmt *s = dbc_stmt(c, STMT_VOTER_HOUSEHOLD);
		db_bind_i64(s, 1, j->user);
		e = db_step(s, &row);
		if (!e && row) {
			household = db_col_i64(s, 0);
			village = db_col_i64(s, 1);
		}
		db_reset(s);
	}
	if (!e && !household)
		e = refuse(j, MSG_MT_NOT_REPRESENTATIVE, APP_EFORBID);
	else if (!e && village != m.unit.id)
		e = refuse(j, MSG_MT_OTHER_VILLAGE, APP_EFORBID);
	/* only the households of the village when the matter was announced */
	if (!e && !(e = electorate_has(c, m.id, household, &row)) && !row)
		e = refuse(j, MSG_MT_NOT_ELECTORATE, APP_EFORBID);
	if (!e && j->replaces) {
		/* a change of vote: the household has voted, and gives back its receipt */
		if (!m.allow_change)
			e = refuse(j, MSG_MT_NO_CHANGE, APP_ECONFLICT);
		struct db_stmt *s;
		bool row = false;
		if (!e) {
			s = dbc_stmt(c, STMT_TURNOUT_HAS);
			db_bind_i64(s, 1, m.id);
			db_bind_text(s, 2, stage);
			db_bind_i64(s, 3, household);
			e = db_step(s, &row);
			db_reset(s);
		}
		if (!e && row) {
			/* only with the change key handed to this household with that receipt */
			e = ballot_box_take_back(c, m.id, stage, j->replaces, j->replaces_key, household);
			if (e == APP_ENOTFOUND)
				e = refuse(j, MSG_MT_BAD_RECEIPT, APP_EINVAL);
		} else if (!e)
			e = refuse(j, MSG_MT_BAD_RECEIPT, APP_EINVAL);
	} else if (!e) {
		/* one household, one vote: the primary key decides a race */
		struct db_stmt *s = dbc_stmt(c, STMT_TURNOUT_INSERT);
		db_bind_i64(s, 1, m.id);
		db_bind_text(s, 2, stage);
		db_bind_i64(s, 3, household);
		db_bind_i64(s, 4, j->user);
		db_bind_i64(s, 5, now);
		e = db_exec(s);
		if (e == APP_ECONFLICT)
			j->why = (int)(m.allow_change ? MSG_MT_ALREADY_CHANGE : MSG_MT_ALREADY);
	}
	if (!e)
		e = ballot_box_put(c, m.id, stage, j->choice, household, !m.secret, j->receipt,
				   m.allow_change ? j->change_key : NULL);
	return e;
}

enum app_err ballot_prepare(struct ballot_job *j, int64_t matter_id, int64_t user_id, const char *choice,
			    const char *replaces, const char *change_key, int64_t now, const char **why)
{
	*why = NULL;
	if (!choice || (strcmp(choice, "for") && strcmp(choice, "against") && strcmp(choice, "abstain"))) {
		*why = msg(MSG_MT_BAD_CHOICE);
		return APP_EINVAL;
	}
	if (replaces && (strlen(replaces) > 64 || !change_key || strlen(change_key) > 64)) {
		*why = msg(MSG_MT_BAD_RECEIPT);
		return APP_EINVAL;
	}
	*j = (struct ballot_job){matter_id, user_id, now, NULL, choice, replaces, change_key, "", "", -1};
	return APP_OK;
}

const char *ballot_outcome(const struct ballot_job *j)
{
	return j->why >= 0 ? msg((enum msg_id)j->why) : NULL;
}

/* ---- meetings ---- */

enum app_err meeting_get(struct arena *a, struct dbc *c, int64_t matter_id, struct meeting *out)
{
	struct db_stmt *s = dbc_stmt(c, STMT_MEETING_GET);
	db_bind_i64(s, 1, matter_id);
	bool row;
	enum app_err e = db_step(s, &row);
	if (!e && !row)
		e = APP_ENOTFOUND;
	if (!e) {
		out->starts_at = db_col_i64(s, 0);
		out->location = arena_strdup(a, db_col_text(s, 1));
		out->clusters = (int)db_col_i64(s, 2);
		out->method = arena_strdup(a, db_col_text(s, 3));
		out->ended_at = db_col_i64(s, 4);
		out->sent_at = db_col_i64(s, 5);
	}
	db_reset(s);
	return e;
}

const char *meeting_stage(const struct meeting *g, int64_t now)
{
	if (g->ended_at)
		return "closed";
	return now < g->starts_at ? "scheduled" : "meeting";
}

int64_t meeting_minutes_due(struct dbc *c, const struct meeting *g)
{
	struct cal_table hol = {0};
	int64_t day = cal_today((time_t)(g->ended_at ? g->ended_at : g->starts_at));
	if (holidays_load(c, &hol))
		return day + 7;
	int64_t due = cal_add_working_days(&hol, day, 5);
	free(hol.a);
	return due;
}

struct meeting_job {
	int64_t matter, household, actor, vfor, vagainst, vabstain;
	int64_t now;       /* when the act is done */
	int cluster;
	bool present;      /* attendance: present; a procedural vote: passed */
	const char *slot;  /* minutes: the signature's slot; a procedural vote: its kind */
	const char *subject;
	enum msg_id why;
};

/* The matter and its meeting, which must still be open for this act. */
static enum app_err open_meeting(struct dbc *c, struct arena *a, struct meeting_job *j, struct matter *m,
				 struct meeting *g)
{
	enum app_err e = matter_get(a, c, j->matter, m);
	if (!e && strcmp(m->form, "meeting"))
		e = APP_ECONFLICT, j->why = MSG_MT_NOT_MEETING;
	if (!e)
		e = meeting_get(a, c, j->matter, g);
	if (!e && g->ended_at)
		e = APP_ECONFLICT, j->why = MSG_MT_MEETING_ENDED;
	/* attendance is taken from an hour before the start */
	if (!e && j->now < g->starts_at - 3600)
		e = APP_ECONFLICT, j->why = MSG_MT_MEETING_NOT_STARTED;
	if (!e && (j->cluster < 1 || j->cluster > g->clusters))
		e = APP_EINVAL, j->why = MSG_MT_BAD_CLUSTERS;
	struct election el;
	if (!e && m->item == 4 && !election_get(a, c, m->id, &el) && (!el.team_at || !el.notice_at || !el.list_at))
		e = APP_ECONFLICT, j->why = MSG_EL_STEPS_MISSING;
	return e;
}

static enum app_err attend_fn(struct dbc *c, void *arg)
{
	struct meeting_job *j = arg;
	struct arena a;
	arena_init(&a);
	struct matter m;
	struct meeting g;
	enum app_err e = open_meeting(c, &a, j, &m, &g);
	if (!e)
		e = matter_household_check(c, &m, j->household, &j->why);
	if (!e) {
		struct db_stmt *s = dbc_stmt(c, j->present ? STMT_ATTEND_INSERT : STMT_ATTEND_DELETE);
		db_bind_i64(s, 1, j->matter);
		db_bind_i64(s, 2, j->household);
		if (j->present) {
			db_bind_i64(s, 3, j->cluster);
			db_bind_i64(s, 4, j->actor);
			db_bind_i64(s, 5, j->now);
		}
		e = db_exec(s);
	}
	arena_free(&a);
	return e;
}

static enum app_err run_meeting_job(struct db *db, db_write_fn fn, struct meeting_job *j, const char **why)
{
	j->why = MSG__MAX;
	enum app_err e = db_write(db, fn, j);
	*why = e && j->why != MSG__MAX ? msg(j->why) : NULL;
	return e;
}

struct attendance {
	struct meeting_job j;
};

struct attendance *meeting_attendance_new(struct arena *a, int64_t matter_id, int64_t household, int cluster, bool present,
					  int64_t actor, int64_t now)
{
	struct attendance *t = arena_alloc(a, sizeof *t);
	t->j = (struct meeting_job){.matter = matter_id, .household = household, .cluster = cluster, .present = present,
				    .actor = actor, .now = now, .why = MSG__MAX};
	return t;
}

enum app_err meeting_attendance_write(struct dbc *c, void *arg)
{
	return attend_fn(c, &((struct attendance *)arg)->j);
}

const char *meeting_attendance_why(const struct attendance *t)
{
	return t->j.why != MSG__MAX ? msg(t->j.why) : NULL;
}

enum app_err meeting_attend(struct db *db, int64_t matter_id, int64_t household, int cluster, bool present,
			    int64_t actor, int64_t now, const char **why)
{
	struct meeting_job j = {.matter = matter_id, .household = household, .cluster = cluster, .present = present, .now = now,
				.actor = actor};
	return run_meeting_job(db, attend_fn, &j, why);
}

/* ---- procedural votes (Decree 59 Art. 3(5)) ---- */

bool procedure_passes(int64_t vfor, int64_t present)
{
	/* more than half of the household representatives present */
	return vfor * 2 > present;
}

static bool procedure_kind_valid(const char *k)
{
	return k && (!strcmp(k, "secretary") || !strcmp(k, "count_board") || !strcmp(k, "method") || !strcmp(k, "option"));
}

/* Whether a procedural vote of this kind already passed in the cluster. */
static enum app_err procedure_passed(struct dbc *c, int64_t matter, int cluster, const char *kind, bool *yes)
{
	struct db_stmt *s = dbc_stmt(c, STMT_PROCEDURE_PASSED);
	db_bind_i64(s, 1, matter);
	db_bind_i64(s, 2, cluster);
	db_bind_text(s, 3, kind);
	enum app_err e = db_step(s, yes);
	db_reset(s);
	return e;
}

/* A secret ballot is counted by the vote-count board the meeting elected
 * (Decree 59 Art. 3(5); Law Art. 18(4)(d)): no count before it. */
static enum app_err count_board_ready(struct dbc *c, struct meeting_job *j, const struct meeting *g)
{
	if (strcmp(g->method, "secret"))
		return APP_OK;
	bool yes = false;
	enum app_err e = procedure_passed(c, j->matter, j->cluster, "count_board", &yes);
	if (!e && !yes)
		e = APP_ECONFLICT, j->why = MSG_MT_NEEDS_COUNT_BOARD;
	return e;
}

static enum app_err procedure_fn(struct dbc *c, void *arg)
{
	struct meeting_job *j = arg;
	struct arena a;
	arena_init(&a);
	struct matter m;
	struct meeting g;
	enum app_err e = open_meeting(c, &a, j, &m, &g);
	int64_t present = 0;
	if (!e)
		e = meeting_present(c, j->matter, j->cluster, &present);
	/* counted against those present: attendance comes first */
	if (!e && !present)
		e = APP_ECONFLICT, j->why = MSG_MT_PROC_NOBODY;
	if (!e && (j->vfor < 0 || j->vfor > present))
		e = APP_EINVAL, j->why = MSG_MT_COUNT_EXCEEDS;
	bool done = false;
	if (!e && strcmp(j->slot, "option") && !(e = procedure_passed(c, j->matter, j->cluster, j->slot, &done)) && done)
		e = APP_ECONFLICT, j->why = MSG_MT_PROC_DONE;
	j->present = procedure_passes(j->vfor, present);
	if (!e) {
		struct db_stmt *s = dbc_stmt(c, STMT_PROCEDURE_INSERT);
		db_bind_i64(s, 1, j->matter);
		db_bind_i64(s, 2, j->cluster);
		db_bind_text(s, 3, j->slot);
		db_bind_text(s, 4, j->subject);
		db_bind_i64(s, 5, j->vfor);
		db_bind_i64(s, 6, present);
		db_bind_i64(s, 7, j->present);
		db_bind_i64(s, 8, j->actor);
		db_bind_i64(s, 9, j->now);
		e = db_exec(s);
	}
	/* the meeting decided how to vote on the matter itself */
	if (!e && j->present && !strcmp(j->slot, "method")) {
		struct db_stmt *s = dbc_stmt(c, STMT_MEETING_SET_METHOD);
		db_bind_i64(s, 1, j->matter);
		db_bind_text(s, 2, j->subject);
		e = db_exec(s);
	}
	arena_free(&a);
	return e;
}

enum app_err meeting_procedure(struct db *db, int64_t matter_id, int cluster, const char *kind, const char *subject,
			       int64_t vfor, int64_t actor, int64_t now, bool *passed, const char **why)
{
	*why = NULL;
	if (!procedure_kind_valid(kind)) {
		*why = msg(MSG_MT_PROC_BAD_KIND);
		return APP_EINVAL;
	}
	char *text = NULL;
	enum app_err e = str_clean(subject ? subject : "", subject ? strlen(subject) : 0, &text);
	if (e)
		*why = msg(MSG_MT_PROC_BAD_SUBJECT);
	else if (!*text || strlen(text) > 500)
		e = APP_EINVAL, *why = msg(MSG_MT_PROC_BAD_SUBJECT);
	else if (!strcmp(kind, "method") && strcmp(text, "hands") && strcmp(text, "secret"))
		e = APP_EINVAL, *why = msg(MSG_MT_PROC_BAD_METHOD);
	else if (!strcmp(kind, "count_board")) {
		/* 3 to 5 people, names separated by ';' or new lines; kept as "A; B; C" */
		struct buf names;
		buf_init(&names);
		size_t n = 0;
		for (char *p = text; *p;) {
			size_t k = strcspn(p, ";\n");
			size_t b = 0, z = k;
			while (b < z && strchr(" \t\r", p[b]))
				b++;
			while (z > b && strchr(" \t\r", p[z - 1]))
				z--;
			if (z > b) {
				buf_printf(&names, "%s%.*s", n ? "; " : "", (int)(z - b), p + b);
				n++;
			}
			p += k;
			if (*p)
				p++;
		}
		free(text);
		text = xstrdup(buf_str(&names));
		buf_reset(&names);
		if (n < 3 || n > 5)
			e = APP_EINVAL, *why = msg(MSG_MT_PROC_BOARD_SIZE);
	}
	if (!e) {
		struct meeting_job j = {.matter = matter_id, .cluster = cluster, .slot = kind, .subject = text, .vfor = vfor, .now = now,
					.actor = actor};
		e = run_meeting_job(db, procedure_fn, &j, why);
		*passed = j.present;
	}
	free(text);
	return e;
}

static void procedure_row(struct arena *a, struct db_stmt *s, void *out)
{
	struct procedure *p = out;
	p->id = db_col_i64(s, 0);
	p->cluster = (int)db_col_i64(s, 1);
	p->kind = arena_strdup(a, db_col_text(s, 2));
	p->subject = arena_strdup(a, db_col_text(s, 3));
	p->votes_for = db_col_i64(s, 4);
	p->present = db_col_i64(s, 5);
	p->passed = db_col_i64(s, 6);
	p->at = db_col_i64(s, 7);
	p->by = arena_strdup(a, db_col_text(s, 8));
}

enum app_err meeting_procedures(struct arena *a, struct dbc *c, int64_t matter_id, struct procedure **out, size_t *n)
{
	struct db_stmt *s = dbc_stmt(c, STMT_PROCEDURE_LIST);
	db_bind_i64(s, 1, matter_id);
	return db_get_rows(s, a, procedure_row, sizeof **out, (void **)out, n);
}

/* The count is recorded: the meeting ends, a public act. */
static enum app_err end_meeting(struct dbc *c, int64_t matter, int64_t unit, int64_t actor, int64_t now)
{
	struct db_stmt *s = dbc_stmt(c, STMT_MEETING_END);
	db_bind_i64(s, 1, matter);
	db_bind_i64(s, 2, now);
	enum app_err e = db_exec(s);
	if (e)
		return e;
	char subject[40];
	snprintf(subject, sizeof subject, "matter:%lld", (long long)matter);
	struct event ev = {.actor = actor, .unit = unit, .kind = "matter.meeting_counted", .subject = subject, .public = true};
	return events_add(c, &ev, NULL);
}

static enum app_err count_fn(struct dbc *c, void *arg)
{
	struct meeting_job *j = arg;
	struct arena a;
	arena_init(&a);
	struct matter m;
	struct meeting g;
	enum app_err e = open_meeting(c, &a, j, &m, &g);
	if (!e)
		e = count_board_ready(c, j, &g);
	int64_t present = 0, counted = 0;
	bool row;
	if (!e)
		e = meeting_present(c, j->matter, j->cluster, &present);
	/* each household present votes once: the count cannot exceed them */
	if (!e && (j->vfor < 0 || j->vagainst < 0 || j->vabstain < 0 || j->vfor + j->vagainst + j->vabstain > present))
		e = APP_EINVAL, j->why = MSG_MT_COUNT_EXCEEDS;
	if (!e) {
		struct db_stmt *s = dbc_stmt(c, STMT_RESULT_UPSERT);
		db_bind_i64(s, 1, j->matter);
		db_bind_i64(s, 2, j->cluster);
		db_bind_i64(s, 3, j->vfor);
		db_bind_i64(s, 4, j->vagainst);
		db_bind_i64(s, 5, j->vabstain);
		db_bind_i64(s, 6, j->actor);
		db_bind_i64(s, 7, j->now);
		e = db_exec(s);
	}
	if (!e) {
		struct db_stmt *s = dbc_stmt(c, STMT_RESULT_SUM);
		db_bind_i64(s, 1, j->matter);
		if (!(e = db_step(s, &row)) && row)
			counted = db_col_i64(s, 3);
		db_reset(s);
	}
	if (!e && counted >= g.clusters) /* every cluster counted: the meeting's result stands */
		e = end_meeting(c, j->matter, m.unit.id, j->actor, j->now);
	arena_free(&a);
	return e;
}

enum app_err meeting_count(struct db *db, int64_t matter_id, int cluster, int64_t vfor, int64_t vagainst,
			   int64_t vabstain, int64_t actor, int64_t now, const char **why)
{
	struct meeting_job j = {.matter = matter_id, .cluster = cluster, .vfor = vfor, .vagainst = vagainst, .now = now,
				.vabstain = vabstain, .actor = actor};
	return run_meeting_job(db, count_fn, &j, why);
}

static enum app_err sign_fn(struct dbc *c, void *arg)
{
	struct meeting_job *j = arg;
	struct arena a;
	arena_init(&a);
	struct meeting g;
	enum app_err e = meeting_get(&a, c, j->matter, &g);
	if (!e && !g.ended_at)
		e = APP_ECONFLICT, j->why = MSG_MT_NOT_COUNTED;
	if (!e && !strncmp(j->slot, "household_", 10)) {
		/* a representative of a household of the electorate (Art. 20) */
		struct db_stmt *s = dbc_stmt(c, STMT_VOTER_HOUSEHOLD);
		db_bind_i64(s, 1, j->actor);
		bool row;
		int64_t household = !(e = db_step(s, &row)) && row ? db_col_i64(s, 0) : 0;
		db_reset(s);
		struct matter m;
		if (!e && !(e = matter_get(&a, c, j->matter, &m)))
			e = household ? matter_household_check(c, &m, household, &j->why)
				      : (j->why = MSG_MT_NOT_REPRESENTATIVE, APP_EFORBID);
	}
	if (!e) {
		struct db_stmt *s = dbc_stmt(c, STMT_SIGNOFF_INSERT);
		db_bind_i64(s, 1, j->matter);
		db_bind_text(s, 2, j->slot);
		db_bind_i64(s, 3, j->actor);
		db_bind_i64(s, 4, j->now);
		e = db_exec(s);
		if (e == APP_ECONFLICT)
			j->why = MSG_MT_ALREADY_SIGNED;
	}
	bool row;
	if (!e) {
		struct db_stmt *s = dbc_stmt(c, STMT_SIGNOFF_COUNT);
		db_bind_i64(s, 1, j->matter);
		int64_t n = !(e = db_step(s, &row)) && row ? db_col_i64(s, 0) : 0;
		db_reset(s);
		if (!e && n == 4) {
			s = dbc_stmt(c, STMT_MEETING_SENT);
			db_bind_i64(s, 1, j->matter);
			db_bind_i64(s, 2, j->now);
			e = db_exec(s);
		}
	}
	arena_free(&a);
	return e;
}

enum app_err matter_sign(struct db *db, int64_t matter_id, const char *slot, int64_t actor, int64_t now, const char **why)
{
	struct meeting_job j = {.matter = matter_id, .slot = slot, .actor = actor, .now = now};
	return run_meeting_job(db, sign_fn, &j, why);
}

/* ---- recognition ---- */

const char *matter_recogniser(const struct matter *m)
{
	/* commune-wide items 1-2 take effect on a date the People's Committee sets */
	if (!strcmp(m->scope, "commune"))
		return "commune";
	if (m->item == 3 || m->item == 4)
		return "commune";
	if (m->item == 5)
		return "front";
	return NULL;
}

enum app_err matter_standing_get(struct arena *a, struct dbc *c, const struct matter *m,
				 const struct matter_result *res, struct matter_standing *out)
{
	memset(out, 0, sizeof *out);
	out->recogniser = matter_recogniser(m);
	if (!res->closed || !res->passed)
		return APP_OK;
	if (!strcmp(m->scope, "commune")) {
		/* the commune has every village's result when the last village has counted */
		struct matter *kids;
		size_t nk;
		enum app_err e = matter_children(a, c, m->id, &kids, &nk);
		for (size_t i = 0; i < nk && !e; i++) {
			struct meeting g;
			if (!(e = meeting_get(a, c, kids[i].id, &g)) && g.ended_at > out->received_at)
				out->received_at = g.ended_at;
		}
		if (e)
			return e;
	} else if (!strcmp(m->form, "meeting")) {
		struct meeting g;
		enum app_err e = meeting_get(a, c, m->id, &g);
		if (e)
			return e;
		out->received_at = g.sent_at;
	} else {
		out->received_at = m->closes_at;
	}
	if (out->recogniser && out->received_at) {
		struct cal_table hol = {0};
		enum app_err e = holidays_load(c, &hol);
		if (e)
			return e;
		out->due = cal_add_working_days(&hol, cal_today((time_t)out->received_at), 5);
		free(hol.a);
	}
	struct db_stmt *s = dbc_stmt(c, STMT_MATTER_ACT_LAST);
	db_bind_i64(s, 1, m->id);
	bool row;
	enum app_err e = db_step(s, &row);
	if (!e && row) {
		out->act = arena_strdup(a, db_col_text(s, 0));
		out->reason = arena_strdup(a, db_col_text(s, 1));
		out->by = arena_strdup(a, db_col_text(s, 2));
		out->at = db_col_i64(s, 3);
	}
	db_reset(s);
	/* Art. 21(2): items 1, 2, 6 of a village take effect when adopted; 3, 4, 5 on recognition */
	bool annulled = out->act && !strcmp(out->act, "annulled");
	out->in_force = !annulled && (out->recogniser ? out->act && !strcmp(out->act, "recognised") : true);
	return e;
}

struct act_job {
	int64_t matter, actor, now;
	const char *act, *reason;
	enum msg_id why;
};

static enum app_err act_fn(struct dbc *c, void *arg)
{
	struct act_job *j = arg;
	struct arena a;
	arena_init(&a);
	struct matter m;
	struct matter_result res;
	struct matter_standing st;
	struct decision_rule rule;
	enum app_err e = matter_get(&a, c, j->matter, &m);
	if (!e)
		e = matter_outcome(&a, c, &m, j->now, &rule, &res);
	if (!e)
		e = matter_standing_get(&a, c, &m, &res, &st);
	if (!e && (!res.closed || !res.passed || !st.received_at))
		e = APP_ECONFLICT, j->why = MSG_MT_NOTHING_TO_RECOGNISE;
	bool recognition = !strcmp(j->act, "recognised") || !strcmp(j->act, "refused");
	if (!e && recognition && (!st.recogniser || st.act))
		e = APP_ECONFLICT, j->why = st.recogniser ? MSG_MT_ALREADY_DECIDED : MSG_MT_NO_RECOGNITION;
	if (!e && !recognition && st.act && !strcmp(st.act, "annulled"))
		e = APP_ECONFLICT, j->why = MSG_MT_ALREADY_DECIDED;
	if (!e) {
		struct db_stmt *s = dbc_stmt(c, STMT_MATTER_ACT_INSERT);
		db_bind_i64(s, 1, j->matter);
		db_bind_text(s, 2, j->act);
		db_bind_text(s, 3, j->reason ? j->reason : "");
		db_bind_i64(s, 4, j->actor);
		db_bind_i64(s, 5, j->now);
		e = db_exec(s);
	}
	if (!e) {
		char subject[40], kind[32];
		snprintf(subject, sizeof subject, "matter:%lld", (long long)j->matter);
		snprintf(kind, sizeof kind, "matter.%s", j->act);
		json_t *o = json_pack("{s:s, s:s}", "act", j->act, "reason", j->reason ? j->reason : "");
		char *payload = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
		json_decref(o);
		struct event ev = {.actor = j->actor, .unit = m.unit.id, .kind = kind, .subject = subject, .public = true,
				   .payload = payload};
		e = events_add(c, &ev, NULL);
		free(payload);
	}
	arena_free(&a);
	return e;
}

enum app_err matter_act(struct db *db, int64_t matter_id, const char *act, const char *reason, int64_t actor,
			int64_t now, const char **why)
{
	*why = NULL;
	bool known = !strcmp(act, "recognised") || !strcmp(act, "refused") || !strcmp(act, "annulled") || !strcmp(act, "amend");
	if (!known) {
		*why = msg(MSG_ERR_INVALID);
		return APP_EINVAL;
	}
	/* a refusal, an annulment or a request to amend is given in writing with reasons */
	if (strcmp(act, "recognised") && (!reason || str_utf8_len(reason) < 10 || str_utf8_len(reason) > 2000)) {
		*why = msg(MSG_DP_BAD_REASON);
		return APP_EINVAL;
	}
	struct act_job j = {matter_id, actor, now, act, reason, MSG__MAX};
	enum app_err e = db_write(db, act_fn, &j);
	if (e && j.why != MSG__MAX)
		*why = msg(j.why);
	return e;
}

/* ---- household ballots on paper ---- */

struct enter_job {
	int64_t matter, household, actor; /* household 0: every household (distribution) */
	int64_t now;
	const char *choice;
	enum msg_id why;
};

/* The ballot matter, open now, and (when given) a household of its village. */
static enum app_err open_ballot(struct dbc *c, struct arena *a, struct enter_job *j, struct matter *m)
{
	int64_t now = j->now;
	enum app_err e = matter_get(a, c, j->matter, m);
	if (!e && strcmp(m->form, "ballot"))
		e = APP_ECONFLICT, j->why = MSG_MT_NOT_BALLOT;
	if (!e && now < m->opens_at)
		e = APP_ECONFLICT, j->why = MSG_MT_NOT_YET;
	if (!e && now >= m->closes_at)
		e = APP_ECONFLICT, j->why = MSG_MT_CLOSED;
	if (!e && j->household)
		e = matter_household_check(c, m, j->household, &j->why);
	return e;
}

/* Decree 59 Art. 4: the ballot team records whom it gave a ballot. */
static enum app_err distribute_fn(struct dbc *c, void *arg)
{
	struct enter_job *j = arg;
	struct arena a;
	arena_init(&a);
	struct matter m;
	enum app_err e = open_ballot(c, &a, j, &m);
	if (!e) {
		struct db_stmt *s = dbc_stmt(c, j->household ? STMT_DISTRIBUTE_ONE : STMT_DISTRIBUTE_ALL);
		db_bind_i64(s, 1, j->matter);
		if (j->household) {
			db_bind_i64(s, 2, j->household);
			db_bind_i64(s, 3, j->actor);
			db_bind_i64(s, 4, j->now);
		} else {
			db_bind_i64(s, 2, j->actor);
			db_bind_i64(s, 3, j->now);
			db_bind_i64(s, 4, m.unit.id);
		}
		e = db_exec(s);
		if (e == APP_ECONFLICT)
			j->why = MSG_MT_ALREADY_GIVEN;
	}
	arena_free(&a);
	return e;
}

enum app_err ballot_distribute(struct db *db, int64_t matter_id, int64_t household, int64_t actor, int64_t now,
			       const char **why)
{
	struct enter_job j = {matter_id, household, actor, now, NULL, MSG__MAX};
	enum app_err e = db_write(db, distribute_fn, &j);
	*why = e && j.why != MSG__MAX ? msg(j.why) : NULL;
	return e;
}

int64_t ballot_distributed(struct dbc *c, int64_t matter_id)
{
	struct db_stmt *s = dbc_stmt(c, STMT_DISTRIBUTED_COUNT);
	db_bind_i64(s, 1, matter_id);
	bool row;
	int64_t n = !db_step(s, &row) && row ? db_col_i64(s, 0) : 0;
	db_reset(s);
	return n;
}

static enum app_err enter_fn(struct dbc *c, void *arg)
{
	struct enter_job *j = arg;
	struct arena a;
	arena_init(&a);
	struct matter m;
	int64_t now = j->now;
	enum app_err e = j->household ? open_ballot(c, &a, j, &m) : APP_EINVAL;
	bool row;
	if (!e) {
		/* a ballot comes back from a household that was given one */
		struct db_stmt *s = dbc_stmt(c, STMT_DISTRIBUTED_HAS);
		db_bind_i64(s, 1, j->matter);
		db_bind_i64(s, 2, j->household);
		e = db_step(s, &row);
		db_reset(s);
		if (!e && !row)
			e = APP_ECONFLICT, j->why = MSG_MT_NOT_GIVEN;
	}
	if (!e) {
		/* one ballot per household (Art. 19): the primary key decides */
		struct db_stmt *s = dbc_stmt(c, STMT_TURNOUT_INSERT);
		db_bind_i64(s, 1, m.id);
		db_bind_text(s, 2, "vote");
		db_bind_i64(s, 3, j->household);
		db_bind_i64(s, 4, j->actor);
		db_bind_i64(s, 5, now);
		e = db_exec(s);
		if (e == APP_ECONFLICT)
			j->why = MSG_MT_PAPER_ALREADY;
	}
	if (!e) {
		/* the paper ballot is not linked to its household, and cannot be changed */
		char receipt[RECEIPT_LEN];
		e = ballot_box_put(c, m.id, "vote", j->choice, j->household, false, receipt, NULL);
	}
	arena_free(&a);
	return e;
}

enum app_err ballot_enter(struct db *db, int64_t matter_id, int64_t household, const char *choice, int64_t actor,
			  int64_t now, const char **why)
{
	*why = NULL;
	if (!choice || (strcmp(choice, "for") && strcmp(choice, "against") && strcmp(choice, "abstain"))) {
		*why = msg(MSG_MT_BAD_CHOICE);
		return APP_EINVAL;
	}
	struct enter_job j = {matter_id, household, actor, now, choice, MSG__MAX};
	enum app_err e = db_write(db, enter_fn, &j);
	if (e && j.why != MSG__MAX)
		*why = msg(j.why);
	return e;
}

/* ---- commune-wide matters ---- */

enum app_err matter_children(struct arena *a, struct dbc *c, int64_t id, struct matter **out, size_t *n)
{
	struct db_stmt *s = dbc_stmt(c, STMT_MATTER_CHILDREN);
	db_bind_i64(s, 1, id);
	return read_matters(a, s, out, n);
}

const char *commune_matter_check(struct arena *a, struct dbc *c, const struct unit *commune,
				 const struct matter_input *in, int64_t now, const char **field)
{
	*field = "item";
	if (!units_kind_is_commune_level(commune->kind))
		return msg(MSG_MT_NOT_COMMUNE);
	struct decision_rule r;
	char day[11];
	cal_format_iso(cal_today((time_t)now), day);
	if (in->item < 1 || in->item > 6 || decision_rule_get(a, c, in->item, "commune", day, &r))
		return msg(MSG_MT_COMMUNE_ITEMS);
	*field = "title";
	if (!in->title || !*in->title || str_utf8_len(in->title) > 300)
		return msg(MSG_DP_BAD_TITLE);
	/* Art. 16: the chair decides content and form after agreeing with the Front */
	*field = "front_agreed";
	if (!in->front_agreed)
		return msg(MSG_MT_FRONT_COMMUNE);
	*field = "form";
	if (!in->form || strcmp(in->form, "meeting"))
		return msg(MSG_MT_COMMUNE_MEETING);
	*field = "meeting_at";
	if (in->meeting_at < now + 2 * 86400 || in->meeting_at > now + 365 * 86400)
		return msg(MSG_MT_NOTICE_2_DAYS);
	*field = "location";
	if (!in->location || !*in->location || str_utf8_len(in->location) > 300)
		return msg(MSG_MT_NEED_LOCATION);
	*field = NULL;
	return NULL;
}

struct commune_job {
	const struct unit *commune;
	const struct matter_input *in;
	int64_t actor, on_behalf, id, now;
};

static enum app_err commune_fn(struct dbc *c, void *arg)
{
	struct commune_job *j = arg;
	struct arena a;
	arena_init(&a);
	int64_t now = j->now;
	struct unit *vs = NULL;
	size_t nv = 0, cap = 16;
	struct db_stmt *s = dbc_stmt(c, STMT_COMMUNE_VILLAGES);
	db_bind_i64(s, 1, j->commune->id);
	bool row;
	enum app_err e;
	vs = arena_alloc(&a, cap * sizeof *vs);
	while (!(e = db_step(s, &row)) && row) {
		vs = arena_grow(&a, vs, nv, &cap, sizeof *vs);
		struct unit *u = &vs[nv++];
		u->id = db_col_i64(s, 0);
		u->code = arena_strdup(&a, db_col_text(s, 1));
		u->title = arena_strdup(&a, db_col_text(s, 2));
		u->path = arena_strdup(&a, db_col_text(s, 3));
		u->kind = "village";
	}
	db_reset(s);
	if (!e && !nv)
		e = APP_EINVAL;
	/* the commune's matter, counted in villages */
	struct matter_input in = *j->in;
	in.clusters = 1;
	in.method = in.method ? in.method : "hands";
	if (!e) {
		s = dbc_stmt(c, STMT_MATTER_INSERT);
		db_bind_i64(s, 1, j->commune->id);
		db_bind_i64(s, 2, in.item);
		db_bind_text(s, 3, "commune");
		db_bind_text(s, 4, "meeting");
		db_bind_text(s, 5, in.title);
		db_bind_text(s, 6, in.description ? in.description : "");
		db_bind_i64(s, 7, 0);
		db_bind_i64(s, 8, 0);
		db_bind_i64(s, 9, 1);
		db_bind_i64(s, 10, (int64_t)nv);
		db_bind_i64(s, 11, now);
		db_bind_i64(s, 12, now);
		db_bind_i64(s, 13, in.meeting_at);
		db_bind_i64(s, 14, j->actor);
		db_bind_i64(s, 15, now);
		e = db_step(s, &row);
		j->id = !e && row ? db_col_i64(s, 0) : 0;
		db_reset(s);
		if (!e && !j->id)
			e = APP_EDB;
	}
	/* one meeting per village, each deciding by its own threshold */
	for (size_t i = 0; i < nv && !e; i++) {
		struct create_job cj = {&vs[i], &in, j->actor, j->on_behalf, 0, now};
		if ((e = create_fn(c, &cj)))
			break;
		s = dbc_stmt(c, STMT_MATTER_SET_PARENT);
		db_bind_i64(s, 1, cj.id);
		db_bind_i64(s, 2, j->id);
		e = db_exec(s);
	}
	if (!e) {
		char subject[40];
		snprintf(subject, sizeof subject, "matter:%lld", (long long)j->id);
		json_t *o = json_pack("{s:I, s:s, s:i, s:s, s:I}", "matter", (json_int_t)j->id, "unit", j->commune->code, "item",
				      in.item, "title", in.title, "villages", (json_int_t)nv);
		char *payload = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
		json_decref(o);
		struct event ev = {.actor = j->actor, .on_behalf = j->on_behalf, .unit = j->commune->id,
				   .kind = "matter.create", .subject = subject, .public = true, .payload = payload};
		e = events_add(c, &ev, NULL);
		free(payload);
	}
	arena_free(&a);
	return e;
}

enum app_err commune_matter_create(struct db *db, const struct unit *commune, const struct matter_input *in,
				   int64_t actor, int64_t now, int64_t on_behalf, int64_t *id)
{
	struct commune_job j = {commune, in, actor, on_behalf, 0, now};
	enum app_err e = db_write(db, commune_fn, &j);
	if (!e)
		*id = j.id;
	return e;
}

/* ---- village head elections ---- */

static void election_row(struct arena *a, struct db_stmt *s, void *out)
{
	struct election *el = out;
	el->plan_at = db_col_i64(s, 0);
	el->team = arena_strdup(a, db_col_text(s, 1));
	el->team_at = db_col_i64(s, 2);
	el->notice_at = db_col_i64(s, 3);
	el->list_at = db_col_i64(s, 4);
	el->kind = arena_strdup(a, db_col_text(s, 5));
}

enum app_err election_get(struct arena *a, struct dbc *c, int64_t matter_id, struct election *out)
{
	struct db_stmt *s = dbc_stmt(c, STMT_ELECTION_GET);
	db_bind_i64(s, 1, matter_id);
	return db_get_row(s, a, election_row, out);
}

static void candidate_row(struct arena *a, struct db_stmt *s, void *out)
{
	struct candidate *v = out;
	v->seq = (int)db_col_i64(s, 0);
	v->name = arena_strdup(a, db_col_text(s, 1));
	v->source = arena_strdup(a, db_col_text(s, 2));
	v->votes = db_col_i64(s, 3);
}

enum app_err candidates_get(struct arena *a, struct dbc *c, int64_t matter_id, struct candidate **out, size_t *n)
{
	struct db_stmt *s = dbc_stmt(c, STMT_CANDIDATE_LIST);
	db_bind_i64(s, 1, matter_id);
	return db_get_rows(s, a, candidate_row, sizeof **out, (void **)out, n);
}

struct election_job {
	const char *kind;
	const struct unit *village;
	struct matter_input in;
	int64_t matter, actor, id, now;
	const char *step, *text;
	bool at_meeting;
	const int64_t *votes;
	size_t nvotes;
	enum msg_id why;
};

static enum app_err election_create_fn(struct dbc *c, void *arg)
{
	struct election_job *j = arg;
	struct create_job cj = {j->village, &j->in, j->actor, 0, 0, j->now};
	enum app_err e = create_fn(c, &cj);
	if (e)
		return e;
	j->id = cj.id;
	struct db_stmt *s = dbc_stmt(c, STMT_ELECTION_INSERT);
	db_bind_i64(s, 1, j->id);
	db_bind_i64(s, 2, cj.now);
	db_bind_text(s, 3, j->kind);
	return db_exec(s);
}

enum app_err election_create(struct db *db, const struct unit *village, const char *kind, int64_t meeting_at,
			     const char *location, const char *method, int64_t actor, int64_t now, int64_t *id,
			     const char **why)
{
	*why = NULL;
	bool head = kind && !strcmp(kind, "village_head");
	if (!head && (!kind || (strcmp(kind, "inspection_board") && strcmp(kind, "investment_board")))) {
		*why = msg(MSG_EL_BAD_KIND);
		return APP_EINVAL;
	}
	/* Decree 59 Art. 6: the plan at least 20 days before the election meeting;
	 * board members: the meeting's notice of 2 days */
	if (meeting_at < now + (head ? 20 : 2) * 86400 || meeting_at > now + 365 * 86400) {
		*why = msg(head ? MSG_EL_PLAN_20 : MSG_MT_NOTICE_2_DAYS);
		return APP_EINVAL;
	}
	if (!location || !*location || str_utf8_len(location) > 300) {
		*why = msg(MSG_MT_NEED_LOCATION);
		return APP_EINVAL;
	}
	if (!method || (strcmp(method, "hands") && strcmp(method, "secret"))) {
		*why = msg(MSG_MT_BAD_METHOD);
		return APP_EINVAL;
	}
	struct election_job j = {.kind = kind, .village = village, .actor = actor, .now = now};
	j.in = (struct matter_input){.item = head ? 4 : 5, .form = "meeting", .front_agreed = true, .meeting_at = meeting_at,
				     .location = location, .clusters = 1, .method = method,
				     .title = head ? "Bầu Trưởng thôn, Tổ trưởng tổ dân phố"
					  : !strcmp(kind, "inspection_board") ? "Bầu thành viên Ban Thanh tra nhân dân"
									      : "Bầu thành viên Ban Giám sát đầu tư của cộng đồng",
				     .description = ""};
	enum app_err e = db_write(db, election_create_fn, &j);
	if (!e)
		*id = j.id;
	return e;
}

static enum app_err election_step_fn(struct dbc *c, void *arg)
{
	struct election_job *j = arg;
	struct arena a;
	arena_init(&a);
	struct election el;
	struct meeting g;
	int64_t now = j->now;
	enum app_err e = election_get(&a, c, j->matter, &el);
	if (!e)
		e = meeting_get(&a, c, j->matter, &g);
	if (e == APP_ENOTFOUND)
		j->why = MSG_EL_NOT_ELECTION;
	if (!e && g.ended_at)
		e = APP_ECONFLICT, j->why = MSG_MT_MEETING_ENDED;
	bool board = !e && strcmp(el.kind, "village_head");
	if (board && strcmp(j->step, "candidate"))
		e = APP_EINVAL, j->why = MSG_EL_BAD_KIND;
	/* Decree 59 Arts. 6-7: each step by its deadline before the meeting (a
	 * board's candidates: until the meeting) */
	int days = !strcmp(j->step, "team") ? 10 : !strcmp(j->step, "notice") ? 7 : board ? 0 : 15;
	bool meeting_started = now >= g.starts_at - 3600;
	if (!e && !(j->at_meeting && !strcmp(j->step, "candidate")) && now > g.starts_at - (int64_t)days * 86400)
		e = APP_ECONFLICT, j->why = !strcmp(j->step, "team") ? MSG_EL_TEAM_10 : !strcmp(j->step, "notice") ? MSG_EL_NOTICE_7
													  : MSG_EL_LIST_15;
	if (!e && j->at_meeting && !meeting_started)
		e = APP_ECONFLICT, j->why = MSG_MT_MEETING_NOT_STARTED;
	struct db_stmt *s;
	if (!e && !strcmp(j->step, "team")) {
		s = dbc_stmt(c, STMT_ELECTION_SET_TEAM);
		db_bind_i64(s, 1, j->matter);
		db_bind_text(s, 2, j->text);
		db_bind_i64(s, 3, now);
		e = db_exec(s);
	} else if (!e && !strcmp(j->step, "notice")) {
		s = dbc_stmt(c, STMT_ELECTION_SET_NOTICE);
		db_bind_i64(s, 1, j->matter);
		db_bind_i64(s, 2, now);
		e = db_exec(s);
	} else if (!e) {
		/* candidates may not sit on the election team */
		if (el.team && *el.team && strstr(el.team, j->text))
			e = APP_EINVAL, j->why = MSG_EL_CANDIDATE_ON_TEAM;
		if (!e) {
			s = dbc_stmt(c, STMT_CANDIDATE_INSERT);
			db_bind_i64(s, 1, j->matter);
			db_bind_text(s, 2, j->text);
			db_bind_text(s, 3, j->at_meeting ? "meeting" : "front");
			e = db_exec(s);
		}
		if (!e && !j->at_meeting) {
			s = dbc_stmt(c, STMT_ELECTION_SET_LIST);
			db_bind_i64(s, 1, j->matter);
			db_bind_i64(s, 2, now);
			e = db_exec(s);
		}
	}
	arena_free(&a);
	return e;
}

enum app_err election_step(struct db *db, int64_t matter_id, const char *step, const char *text, bool at_meeting,
			   int64_t actor, int64_t now, const char **why)
{
	*why = NULL;
	bool text_step = !strcmp(step, "team") || !strcmp(step, "candidate");
	if (strcmp(step, "team") && strcmp(step, "notice") && strcmp(step, "candidate")) {
		*why = msg(MSG_ERR_INVALID);
		return APP_EINVAL;
	}
	if (text_step && (!text || str_utf8_len(text) < 2 || str_utf8_len(text) > 500)) {
		*why = msg(!strcmp(step, "team") ? MSG_MT_BAD_TEAM : MSG_EL_BAD_CANDIDATE);
		return APP_EINVAL;
	}
	struct election_job j = {.matter = matter_id, .actor = actor, .now = now, .step = step, .text = text, .at_meeting = at_meeting,
				 .why = MSG__MAX};
	enum app_err e = db_write(db, election_step_fn, &j);
	if (e && j.why != MSG__MAX)
		*why = msg(j.why);
	return e;
}

static enum app_err election_count_fn(struct dbc *c, void *arg)
{
	struct election_job *j = arg;
	struct arena a;
	arena_init(&a);
	struct matter m;
	struct meeting g;
	struct candidate *cs;
	size_t nc;
	struct meeting_job mj = {.matter = j->matter, .cluster = 1, .actor = j->actor, .now = j->now, .why = MSG__MAX};
	enum app_err e = open_meeting(c, &a, &mj, &m, &g);
	if (!e)
		e = count_board_ready(c, &mj, &g);
	if (e)
		j->why = mj.why;
	if (!e)
		e = candidates_get(&a, c, j->matter, &cs, &nc);
	if (!e && (nc == 0 || j->nvotes != nc))
		e = APP_EINVAL, j->why = MSG_EL_BAD_COUNT;
	int64_t present = 0, total = 0;
	if (!e)
		e = meeting_present(c, j->matter, 0, &present);
	for (size_t i = 0; !e && i < nc; i++) {
		if (j->votes[i] < 0)
			e = APP_EINVAL, j->why = MSG_EL_BAD_COUNT;
		total += j->votes[i];
	}
	/* each household present has one vote */
	if (!e && total > present)
		e = APP_EINVAL, j->why = MSG_MT_COUNT_EXCEEDS;
	for (size_t i = 0; !e && i < nc; i++) {
		struct db_stmt *s = dbc_stmt(c, STMT_CANDIDATE_VOTES);
		db_bind_i64(s, 1, j->matter);
		db_bind_i64(s, 2, cs[i].seq);
		db_bind_i64(s, 3, j->votes[i]);
		e = db_exec(s);
	}
	if (!e)
		e = end_meeting(c, j->matter, m.unit.id, j->actor, j->now);
	arena_free(&a);
	return e;
}

enum app_err election_count(struct db *db, int64_t matter_id, const int64_t *votes, size_t n, int64_t actor,
			    int64_t now, const char **why)
{
	struct election_job j = {.matter = matter_id, .actor = actor, .now = now, .votes = votes, .nvotes = n, .why = MSG__MAX};
	enum app_err e = db_write(db, election_count_fn, &j);
	*why = e && j.why != MSG__MAX ? msg(j.why) : NULL;
	return e;
}

/* ---- relieving a village head ---- */

/* Consents given before this instant have lapsed: 3 calendar months before now (local days). */
int64_t initiative_consent_cutoff(int64_t now)
{
	int y, m, d;
	cal_civil_from_days(cal_today((time_t)now), &y, &m, &d);
	m -= 3;
	if (m < 1) {
		m += 12;
		y--;
	}
	int64_t day = cal_days_from_civil(y, m, d);
	int y2, m2, d2; /* 31 May - 3 months: no 31 February; the last day of that month */
	cal_civil_from_days(day, &y2, &m2, &d2);
	while (m2 != m) {
		day--;
		cal_civil_from_days(day, &y2, &m2, &d2);
	}
	return day * 86400 - 7 * 3600; /* midnight UTC+7 */
}


static void dismissal_row(struct arena *a, struct db_stmt *s, void *out)
{
	struct dismissal *d = out;
	d->trigger = arena_strdup(a, db_col_text(s, 0));
	d->initiative_id = db_col_i64(s, 1);
	d->acting_head = arena_strdup(a, db_col_text(s, 2));
	d->acting_at = db_col_i64(s, 3);
}

enum app_err dismissal_get(struct arena *a, struct dbc *c, int64_t matter_id, struct dismissal *out)
{
	struct db_stmt *s = dbc_stmt(c, STMT_DISMISSAL_GET);
	db_bind_i64(s, 1, matter_id);
	return db_get_row(s, a, dismissal_row, out);
}

struct dismissal_job {
	const struct unit *village;
	struct matter_input in;
	const char *trigger, *name;
	int64_t initiative, actor, id, now;
	enum msg_id why;
};

static enum app_err dismissal_fn(struct dbc *c, void *arg)
{
	struct dismissal_job *j = arg;
	int64_t now = j->now;
	enum app_err e = APP_OK;
	if (!strcmp(j->trigger, "petition")) {
		/* at least 50% of the households, consents of the last 3 months */
		struct db_stmt *s = dbc_stmt(c, STMT_INITIATIVE_PETITION);
		db_bind_i64(s, 1, j->initiative);
		db_bind_i64(s, 2, initiative_consent_cutoff(now));
		bool row;
		int64_t village = 0, item = 0, consents = 0, households = 0;
		if (!(e = db_step(s, &row)) && row) {
			village = db_col_i64(s, 0);
			item = db_col_i64(s, 1);
			consents = db_col_i64(s, 2);
		}
		db_reset(s);
		s = dbc_stmt(c, STMT_UNIT_HOUSEHOLDS);
		db_bind_i64(s, 1, j->village->id);
		if (!e && !(e = db_step(s, &row)) && row)
			households = db_col_i64(s, 0);
		db_reset(s);
		if (!e && (village != j->village->id || item != 4 || consents * 2 < households))
			e = APP_EINVAL, j->why = MSG_DM_PETITION_50;
	}
	struct create_job cj = {j->village, &j->in, j->actor, 0, 0, now};
	if (!e)
		e = create_fn(c, &cj);
	if (!e) {
		j->id = cj.id;
		struct db_stmt *s = dbc_stmt(c, STMT_DISMISSAL_INSERT);
		db_bind_i64(s, 1, j->id);
		db_bind_text(s, 2, j->trigger);
		if (j->initiative)
			db_bind_i64(s, 3, j->initiative);
		else
			db_bind_null(s, 3);
		e = db_exec(s);
	}
	return e;
}

enum app_err dismissal_create(struct db *db, const struct unit *village, const char *trigger, int64_t initiative_id,
			      int64_t meeting_at, const char *location, const char *method, int64_t actor, int64_t now,
			      int64_t *id, const char **why)
{
	*why = NULL;
	bool known = trigger && (!strcmp(trigger, "own_request") || !strcmp(trigger, "front") || !strcmp(trigger, "petition"));
	enum msg_id bad = !known ? MSG_DM_BAD_TRIGGER
			  : meeting_at < now + 2 * 86400 || meeting_at > now + 365 * 86400 ? MSG_MT_NOTICE_2_DAYS
			  : !location || !*location || str_utf8_len(location) > 300 ? MSG_MT_NEED_LOCATION
			  : !method || (strcmp(method, "hands") && strcmp(method, "secret")) ? MSG_MT_BAD_METHOD
											     : MSG__MAX;
	if (bad != MSG__MAX) {
		*why = msg(bad);
		return APP_EINVAL;
	}
	struct dismissal_job j = {.village = village, .trigger = trigger, .initiative = initiative_id, .actor = actor,
				  .now = now, .why = MSG__MAX};
	j.in = (struct matter_input){.item = 4, .form = "meeting", .front_agreed = true, .meeting_at = meeting_at,
				     .location = location, .clusters = 1, .method = method,
				     .title = "Cho thôi làm Trưởng thôn, Tổ trưởng tổ dân phố", .description = ""};
	enum app_err e = db_write(db, dismissal_fn, &j);
	if (e && j.why != MSG__MAX)
		*why = msg(j.why);
	if (!e)
		*id = j.id;
	return e;
}

static enum app_err acting_fn(struct dbc *c, void *arg)
{
	struct dismissal_job *j = arg;
	struct db_stmt *s = dbc_stmt(c, STMT_DISMISSAL_ACTING);
	db_bind_i64(s, 1, j->id);
	db_bind_text(s, 2, j->name);
	db_bind_i64(s, 3, j->now);
	return db_exec(s);
}

enum app_err dismissal_acting(struct db *db, int64_t matter_id, const char *name, int64_t now, const char **why)
{
	*why = NULL;
	if (!name || str_utf8_len(name) < 2 || str_utf8_len(name) > 100) {
		*why = msg(MSG_EL_BAD_CANDIDATE);
		return APP_EINVAL;
	}
	struct dismissal_job j = {.id = matter_id, .name = name, .now = now};
	return db_write(db, acting_fn, &j);
}
