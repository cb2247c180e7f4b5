/*
 * results_pages.c — a closed matter's result on its page (the link to the
 * posting, or the button for who may publish it), POST /matters/{id}/publish,
 * and "disclosure" in the matter's JSON (results.c is the domain).
 */
#include "../auth/auth.h"
#include "../disclosure/postings.h"
#include "../html/layout.h"
#include "../http/server.h"
#include "../i18n/msg.h"
#include "mpages.h"
#include <jansson.h>
#include <string.h>
#include <time.h>

/* POST /matters/{id}/publish — the village head (or a commune officer)
 * publishes the result of a closed matter on the commune's portal. A draft
 * left by an interrupted attempt is published, never duplicated. */
void page_matter_publish(struct req *r, struct resp *w)
{
	struct dbc *c;
	struct matter m;
	if (!matters_matter_or_respond(r, w, &c, &m))
		return;
	static const char *const none[] = {NULL};
	struct decision_rule rule;
	struct matter_result res;
	/* a refusal (not closed, not allowed) is said at once, the review step is for a publication */
	if (decisions_may_publish_result(r->user, &m) && !matter_outcome(r->a, c, &m, time(NULL), &rule, &res) && res.closed &&
	    !matter_posting(c, m.id) &&
	    !form_confirmed(r, w, &(struct confirm){msg(MSG_MT_CONFIRM_PUBLISH),
						     arena_printf(r->a, "«%s» — %s. %s", m.title, m.unit.title,
								  msg(MSG_MT_CONFIRM_PUBLISH_WHAT)),
						     msg(MSG_MT_PUBLISH_DO), arena_printf(r->a, "/matters/%lld", (long long)m.id), none,
						     NULL}))
		return;
	struct problems pr = {.a = r->a};
	int64_t pid = 0;
	enum app_err e = matter_result_publish(r->app->db, c, r->user, &m, app_public_url(r), time(NULL), &pr, &pid);
	http_answer(r, w, e, &pr, arena_printf(r->a, "/disclosures/%lld?done=result_published", (long long)pid));
}

void results_section(struct req *r, struct html *h, struct dbc *c, const struct matter *m, const struct matter_result *res)
{
	if (!res->closed)
		return;
	int64_t pid = matter_posting(c, m->id);
	struct posting p;
	bool published = pid && !posting_get(r->a, c, pid, &p) && p.status != POSTING_DRAFT;
	if (published) {
		html_printf(h, "<p class=\"meta\">%s: <a href=\"/disclosures/%lld\">%s</a></p>\n", msg(MSG_MT_PUBLISHED_AT),
			    (long long)pid, p.title);
	} else if (decisions_may_publish_result(r->user, m)) {
		form_begin(r, h, arena_printf(r->a, "/matters/%lld/publish", (long long)m->id), false);
		html_printf(h, "<p><button type=\"submit\">%s</button></p>\n", msg(MSG_MT_PUBLISH_DO));
		form_end(h);
	}
}

void results_json(struct dbc *c, const struct matter *m, json_t *o)
{
	int64_t pid = matter_posting(c, m->id);
	if (pid)
		json_object_set_new(o, "disclosure", json_integer(pid));
}
