/*
 * standing_pages.c — the decision's standing on its page and in JSON: recognition or refusal by the commune or the Front, annulment, amendment (Art. 21(2), 22), and the form for them.
 */
#include "../auth/auth.h"
#include "../db/db.h"
#include "../html/layout.h"
#include "../http/server.h"
#include "../i18n/msg.h"
#include "../pages.h"
#include "../util/cal.h"
#include "../util/pdf.h"
#include "../util/str.h"
#include "mpages.h"
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- the decision's standing (Art. 21(2), 22) ---- */

/* The acts the user may take: recognise/refuse, annul/amend. */
static void may_act(const struct user *u, const struct matter *m, const struct matter_standing *st, bool *recognise,
		    bool *annul)
{
	const char *rec = st->recogniser;
	*recognise = !st->act && decisions_may_recognise(u, m, rec);
	*annul = (!st->act || strcmp(st->act, "annulled")) && decisions_may_annul(u, m);
}

const char *matters_act_label(const char *act)
{
	return !strcmp(act, "recognised") ? msg(MSG_MT_ACT_RECOGNISED)
	       : !strcmp(act, "refused")  ? msg(MSG_MT_ACT_REFUSED)
	       : !strcmp(act, "annulled") ? msg(MSG_MT_ACT_ANNULLED)
					  : msg(MSG_MT_ACT_AMEND);
}

void standing_section(struct req *r, struct html *h, struct dbc *c, const struct matter *m, const struct matter_result *res)
{
	struct matter_standing st;
	results_section(r, h, c, m, res);
	if (!res->closed || !res->passed || matter_standing_get(r->a, c, m, res, &st))
		return;
	html_printf(h, "<h2>%s</h2>\n<dl class=\"facts\">\n", msg(MSG_MT_STANDING));
	if (!st.recogniser)
		html_printf(h, "<dt>%s</dt><dd>%s</dd>\n", msg(MSG_MT_FORM), msg(MSG_MT_IN_FORCE_ON_ADOPTION));
	else {
		html_printf(h, "<dt>%s</dt><dd>%s</dd>\n", msg(MSG_MT_FORM),
			    !strcmp(st.recogniser, "front") ? msg(MSG_MT_RECOGNISER_FRONT) : msg(MSG_MT_RECOGNISER_COMMUNE));
		if (st.due) {
			char dv[11];
			cal_format_vn(st.due, dv);
			html_printf(h, "<dt>%s</dt><dd>%s</dd>\n", msg(MSG_MT_RECOGNITION_DUE), dv);
		}
	}
	if (st.act)
		html_printf(h, "<dt>%s</dt><dd>%s — %s, %s%s%s</dd>\n", msg(MSG_DP_STATE), matters_act_label(st.act), st.by,
			    matters_when(r, st.at), *st.reason ? ": " : "", st.reason);
	else if (st.recogniser)
		html_printf(h, "<dt>%s</dt><dd>%s</dd>\n", msg(MSG_DP_STATE), msg(MSG_MT_WAITING));
	html_printf(h, "</dl>\n<p class=\"%s\">%s</p>\n", st.in_force ? "ok" : "error",
		    st.in_force ? msg(MSG_MT_IN_FORCE) : msg(MSG_MT_NOT_IN_FORCE));
	bool rec, ann;
	may_act(r->user, m, &st, &rec, &ann);
	if (rec || ann) {
		form_begin(r, h, arena_printf(r->a, "/matters/%lld/act", (long long)m->id), false);
		html_printf(h, "<p><label for=\"f-reason\">%s</label><textarea id=\"f-reason\" name=\"reason\" rows=\"3\"></textarea></p><p>",
			    msg(MSG_MT_REASON));
		if (rec)
			html_printf(h, "<button type=\"submit\" name=\"act\" value=\"recognised\">%s</button> "
				       "<button type=\"submit\" name=\"act\" value=\"refused\">%s</button> ",
				    msg(MSG_MT_DO_RECOGNISE), msg(MSG_MT_DO_REFUSE));
		if (ann)
			html_printf(h, "<button type=\"submit\" name=\"act\" value=\"annulled\">%s</button> "
				       "<button type=\"submit\" name=\"act\" value=\"amend\">%s</button>",
				    msg(MSG_MT_DO_ANNUL), msg(MSG_MT_DO_AMEND));
		html_lit(h, "</p>");
		form_end(h);
	}
}

void standing_json(struct req *r, struct dbc *c, const struct matter *m, const struct matter_result *res, json_t *o)
{
	struct matter_standing st;
	results_json(c, m, o);
	if (!res->closed || !res->passed || matter_standing_get(r->a, c, m, res, &st))
		return;
	json_t *j = json_pack("{s:o, s:b}", "recogniser", st.recogniser ? json_string(st.recogniser) : json_null(), "in_force",
			      st.in_force);
	if (st.due) {
		char d[11];
		cal_format_iso(st.due, d);
		json_object_set_new(j, "due", json_string(d));
	}
	if (st.act) {
		json_object_set_new(j, "act", json_string(st.act));
		json_object_set_new(j, "reason", json_string(st.reason));
	}
	json_object_set_new(o, "standing", j);
}

/* POST /matters/{id}/act — act (recognised, refused, annulled, amend), reason. */
void page_matter_act(struct req *r, struct resp *w)
{
	struct dbc *c;
	struct matter m;
	if (!matters_matter_or_respond(r, w, &c, &m))
		return;
	struct decision_rule rule;
	struct matter_result res;
	struct matter_standing st;
	enum app_err e = matter_outcome(r->a, c, &m, time(NULL), &rule, &res);
	if (!e)
		e = matter_standing_get(r->a, c, &m, &res, &st);
	if (e) {
		http_send_error(r, w, e, NULL);
		return;
	}
	/* the review step: what the act does, that it cannot be undone (an
	 * unknown act goes straight to matter_act, which names the problem) */
	static const char *const acts[] = {"recognised", "refused", "annulled", "amend"};
	const enum msg_id titles[] = {MSG_MT_CONFIRM_RECOGNISE, MSG_MT_CONFIRM_REFUSE, MSG_MT_CONFIRM_ANNUL, MSG_MT_CONFIRM_AMEND};
	const enum msg_id buttons[] = {MSG_MT_DO_RECOGNISE, MSG_MT_DO_REFUSE, MSG_MT_DO_ANNUL, MSG_MT_DO_AMEND};
	const char *act = req_form(r, "act");
	static const char *const fields[] = {"act", "reason", NULL};
	const char *shown[] = {NULL, msg(MSG_MT_REASON_SHORT), NULL};
	for (size_t i = 0; act && i < ARRAY_SIZE(acts); i++)
		if (!strcmp(act, acts[i]) &&
		    !form_confirmed(r, w, &(struct confirm){msg(titles[i]),
							     arena_printf(r->a, "«%s» — %s. %s", m.title, m.unit.title,
									  msg(MSG_MT_CONFIRM_ACT_WHAT)),
							     msg(buttons[i]), arena_printf(r->a, "/matters/%lld", (long long)m.id),
							     fields, shown}))
			return;
	struct problems pr = {.a = r->a};
	if ((e = matter_act(r->app->db, m.id, act, req_form(r, "reason"), r->user, time(NULL), &pr))) {
		http_send_problems(r, w, e, &pr);
		return;
	}
	http_redirect(r, w, arena_printf(r->a, "/matters/%lld?done=%s", (long long)m.id, act));
}
