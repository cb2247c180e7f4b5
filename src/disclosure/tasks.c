/*
 * tasks.c — what disclosure gives a person to do on /me (module.h).
 *
 * An officer who publishes for a unit (CAP_DISCLOSE held there): the
 * information requests waiting for an answer, with their working-day
 * deadline (Law 10/2022 Art. 14(2); the setting info_request_days), the
 * postings whose deadline passed with the decision recorded but nothing
 * published, the permanent items never published (Art. 11; Decree 59
 * Art. 3) and the drafts still unpublished.
 *
 * A supervisor or an inspection-board member (CAP_OVERSEE): what is overdue
 * in their area, to inspect — the same overdue requests and postings of
 * every unit below; at a province, one line per commune with how many of its
 * items are overdue, the most behind first (Law 10/2022 Arts. 33, 35).
 */
#include "../auth/auth.h"
#include "../db/db.h"
#include "../module.h"
#include "../i18n/msg.h"
#include "../util/cal.h"
#include "compliance.h"
#include "dpages.h"
#include <string.h>

#define TASKS_PER_ROLE 30 /* a person's list stays one screen of work per role */

static void add(struct req *r, struct module_tasks *out, const char *href, const char *title, const char *unit,
		const char *what, const char *due_iso, bool late)
{
	int64_t due = 0;
	if (due_iso && *due_iso)
		(void)cal_parse_date(due_iso, &due);
	module_task_add(out, &(struct module_task){href, title, unit, what, due, late});
}

/* Open requests at the unit (path NULL) or anywhere below path, only the
 * overdue ones when late_only. */
static enum app_err requests(struct req *r, struct dbc *c, const struct unit *u, const char *path, bool late_only,
			     const char *today, struct module_tasks *out)
{
	struct db_stmt *s = dbc_stmt(c, path ? STMT_IR_OPEN_TREE : STMT_IR_OPEN_UNIT);
	int k = path ? 3 : 2;
	if (path)
		db_bind_subtree(s, 1, 2, path);
	else
		db_bind_i64(s, 1, u->id);
	db_bind_text(s, k, late_only ? today : "9999-12-31");
	db_bind_i64(s, k + 1, TASKS_PER_ROLE);
	bool row;
	enum app_err e;
	while (!(e = db_step(s, &row)) && row) {
		const char *code = arena_strdup(r->a, db_col_text(s, 0)), *due = arena_strdup(r->a, db_col_text(s, 1));
		const char *unit = arena_strdup(r->a, db_col_text(s, 2));
		add(r, out, arena_printf(r->a, "/information-requests/%s", code),
		    arena_printf(r->a, "%s %s", msg(MSG_IR_TITLE), code), unit,
		    msg(path ? MSG_TD_IR_LATE : MSG_TD_IR_ANSWER), due, strcmp(today, due) > 0);
	}
	db_reset(s);
	return e;
}

/* The overdue and missing items of one unit's compliance, at most max. */
static size_t overdue_items(struct req *r, const struct compliance_unit *cu, size_t max, struct module_tasks *out)
{
	size_t k = 0;
	for (size_t i = 0; i < cu->nissue && k < max; i++) {
		const struct compliance_issue *is = &cu->issues[i];
		if (is->kind == CK_OVERDUE) {
			/* the draft itself for whom may see it (its officers), else the unit's compliance */
			bool mine = posting_visible(r->user, is->p);
			add(r, out,
			    mine ? arena_printf(r->a, "/disclosures/%lld", (long long)is->p->id)
				 : arena_printf(r->a, "/units/%s/disclosure-compliance", cu->unit.code),
			    mine ? is->p->title : is->item_title, cu->unit.title,
			    arena_printf(r->a, "%s %d: %s", msg(MSG_TD_DP_OVERDUE), is->item, is->item_title), is->deadline,
			    true);
			k++;
		} else if (is->kind == CK_MISSING) {
			add(r, out, arena_printf(r->a, "/units/%s/disclosures/new?item=%d", cu->unit.code, is->item),
			    is->item_title, cu->unit.title, arena_printf(r->a, "%s %d", msg(MSG_TD_DP_MISSING), is->item), NULL,
			    true);
			k++;
		}
	}
	return k;
}

/* The compliance of the year so far under u (Art. 11 deadlines). */
static enum app_err year_compliance(struct req *r, struct dbc *c, const struct unit *u, int64_t now, const char *today,
				    struct compliance *cp)
{
	int y, m, d;
	cal_civil_from_days(cal_today((time_t)now), &y, &m, &d);
	return compliance_compute(r->a, c, u, arena_printf(r->a, "%04d-01-01", y), today, cal_today((time_t)now), cp);
}

/* An officer's list for the unit where they publish. */
static enum app_err officer_items(struct req *r, struct dbc *c, const struct role *ro, int64_t now, const char *today,
				  struct module_tasks *out)
{
	struct unit u;
	enum app_err e = units_get(r->a, c, ro->unit_code, &u);
	if (e || !catalogue_scope_of_kind(u.kind))
		return e;
	struct compliance cp;
	if ((e = requests(r, c, &u, NULL, false, today, out)) || (e = year_compliance(r, c, &u, now, today, &cp)))
		return e;
	for (size_t i = 0; i < cp.nunit; i++)
		if (!strcmp(cp.units[i].unit.path, u.path))
			overdue_items(r, &cp.units[i], TASKS_PER_ROLE, out);
	/* drafts that are not already overdue above */
	struct posting *ps;
	size_t n;
	struct posting_filter f = {.unit = &u, .state = "draft", .include_private = true, .today = today,
				   .limit = TASKS_PER_ROLE, .after_date = "9999-12-31"};
	if ((e = posting_list(r->a, c, &f, &ps, &n, NULL, NULL)))
		return e;
	for (size_t i = 0; i < n; i++) {
		bool listed = false;
		for (size_t j = 0; j < cp.nunit && !listed; j++)
			for (size_t k = 0; k < cp.units[j].nissue && !listed; k++)
				listed = cp.units[j].issues[k].p && cp.units[j].issues[k].p->id == ps[i].id;
		if (!listed)
			add(r, out, arena_printf(r->a, "/disclosures/%lld", (long long)ps[i].id), ps[i].title, u.title,
			    msg(MSG_TD_DP_DRAFT), NULL, false);
	}
	return APP_OK;
}

/* What is overdue below a supervisor's or a board member's unit. */
static enum app_err oversee_items(struct req *r, struct dbc *c, const struct role *ro, int64_t now, const char *today,
				  struct module_tasks *out)
{
	struct unit u;
	enum app_err e = units_get(r->a, c, ro->unit_code, &u);
	struct compliance cp;
	if (e || (e = requests(r, c, &u, u.path, true, today, out)) || (e = year_compliance(r, c, &u, now, today, &cp)))
		return e;
	if (units_kind_is_commune_level(u.kind) || catalogue_scope_of_kind(u.kind)) {
		size_t k = 0;
		for (size_t i = 0; i < cp.nunit && k < TASKS_PER_ROLE; i++)
			k += overdue_items(r, &cp.units[i], TASKS_PER_ROLE - k, out);
		return APP_OK;
	}
	/* a province: one line per unit, the most overdue first */
	size_t *order = arena_alloc(r->a, (cp.nunit + 1) * sizeof *order), n = 0;
	for (size_t i = 0; i < cp.nunit; i++) {
		const struct compliance_unit *cu = &cp.units[i];
		int64_t late = cu->count[CK_OVERDUE] + cu->count[CK_MISSING];
		if (!late)
			continue;
		size_t j = n++;
		for (; j > 0; j--) {
			const struct compliance_unit *o = &cp.units[order[j - 1]];
			if (o->count[CK_OVERDUE] + o->count[CK_MISSING] >= late)
				break;
			order[j] = order[j - 1];
		}
		order[j] = i;
	}
	for (size_t i = 0; i < n && i < TASKS_PER_ROLE; i++) {
		const struct compliance_unit *cu = &cp.units[order[i]];
		add(r, out, arena_printf(r->a, "/units/%s/disclosure-compliance", cu->unit.code), cu->unit.title, u.title,
		    arena_printf(r->a, "%lld %s", (long long)(cu->count[CK_OVERDUE] + cu->count[CK_MISSING]),
				 msg(MSG_TD_DP_UNIT_LATE)),
		    NULL, true);
	}
	return APP_OK;
}

enum app_err disclosure_me_tasks(struct req *r, struct dbc *c, int64_t now, struct module_tasks *out)
{
	const char *today = dp_today(r);
	for (size_t i = 0; r->user && i < r->user->nrole; i++) {
		const struct role *ro = &r->user->roles[i];
		if (!*ro->unit_code)
			continue; /* the whole country: its list would be every unit's */
		bool seen = false; /* two roles at one unit: its list once */
		for (size_t j = 0; j < i; j++)
			seen |= !strcmp(r->user->roles[j].unit_path, ro->unit_path);
		if (seen)
			continue;
		unsigned own = auth_caps_own(r->user, ro->unit_path);
		enum app_err e = APP_OK;
		if (own & CAP_DISCLOSE)
			e = officer_items(r, c, ro, now, today, out);
		else if (own & CAP_OVERSEE)
			e = oversee_items(r, c, ro, now, today, out);
		if (e)
			return e;
	}
	return APP_OK;
}
