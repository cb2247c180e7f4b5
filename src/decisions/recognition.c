/* recognition.c — the commune's and the Front's acts on a village decision: recognition, refusal, annulment, amendment (see decisions.h). */
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
#include "decisions_int.h"
#include "../util/problems.h"
#include "../auth/auth.h"

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
	} else if (m->form == FORM_MEETING) {
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
		db_cols(s, a, 0, DB_COL(&out->act), DB_COL(&out->reason), DB_COL(&out->by), DB_COL(&out->at));
	}
	db_reset(s);
	/* Art. 21(2): items 1, 2, 6 of a village take effect when adopted; 3, 4, 5 on recognition */
	bool annulled = out->act && !strcmp(out->act, "annulled");
	out->in_force = !annulled && (out->recogniser ? out->act && !strcmp(out->act, "recognised") : true);
	return e;
}

struct act_job {
	const struct user *u;
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
	bool recognition = !strcmp(j->act, "recognised") || !strcmp(j->act, "refused");
	/* the recogniser (the commune or the Front) recognises or refuses; the
	 * People's Committee annuls or asks to amend (Art. 21(2), 22) */
	if (!e && !(recognition ? decisions_may_recognise(j->u, &m, st.recogniser) : decisions_may_annul(j->u, &m)))
		e = APP_EFORBID, j->why = MSG_MT_CANNOT_ACT;
	if (!e && (!res.closed || !res.passed || !st.received_at))
		e = APP_ECONFLICT, j->why = MSG_MT_NOTHING_TO_RECOGNISE;
	if (!e && recognition && (!st.recogniser || st.act))
		e = APP_ECONFLICT, j->why = st.recogniser ? MSG_MT_ALREADY_DECIDED : MSG_MT_NO_RECOGNITION;
	if (!e && !recognition && st.act && !strcmp(st.act, "annulled"))
		e = APP_ECONFLICT, j->why = MSG_MT_ALREADY_DECIDED;
	if (!e) {
		e = db_run(c, STMT_MATTER_ACT_INSERT, "ittii", (int64_t)j->matter, j->act, j->reason ? j->reason : "", (int64_t)j->actor, (int64_t)j->now);
	}
	if (!e) {
		char kind[32];
		snprintf(kind, sizeof kind, "matter.%s", j->act);
		json_t *o = json_pack("{s:s, s:s}", "act", j->act, "reason", j->reason ? j->reason : "");
		char *payload = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
		json_decref(o);
		struct event ev = {.at = j->now, .actor = j->actor, .on_behalf = j->u->assist_resident, .unit = m.unit.id, .kind = kind,
				   .about = "matter", .about_id = j->matter, .public = true, .payload = payload};
		e = events_add(c, &ev, NULL);
		free(payload);
	}
	arena_free(&a);
	return e;
}

enum app_err matter_act(struct db *db, int64_t matter_id, const char *act, const char *reason, const struct user *u,
			int64_t now, struct problems *pr)
{
	bool known = act && (!strcmp(act, "recognised") || !strcmp(act, "refused") || !strcmp(act, "annulled") ||
			     !strcmp(act, "amend"));
	if (!known) {
		problems_add(pr, "act", msg(MSG_ERR_INVALID));
		return APP_EINVAL;
	}
	/* a refusal, an annulment or a request to amend is given in writing with reasons */
	if (strcmp(act, "recognised") && (!reason || str_utf8_len(reason) < 10 || str_utf8_len(reason) > 2000)) {
		problems_add(pr, "reason", msg(MSG_DP_BAD_REASON));
		return APP_EINVAL;
	}
	struct act_job j = {u, matter_id, u->id, now, act, reason, MSG__MAX};
	enum app_err e = db_write(db, act_fn, &j);
	if (e && j.why != MSG__MAX)
		problems_add(pr, "", msg(j.why));
	return e;
}
