/* compliance.c — computed disclosure compliance and the register (see compliance.h). */
#include "compliance.h"
#include "../calendar/holidays.h"
#include "../db/db.h"
#include "../doc/doc.h"
#include "../units/units.h"
#include "../i18n/msg.h"
#include "../indicator.h"
#include "../util/cal.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

const char *const compliance_kind_codes[CK__N] = {"late", "overdue", "short", "radio", "missing"};

int compliance_rate(int64_t due, int64_t on_time)
{
	return due ? (int)((on_time * 100 + due / 2) / due) : -1;
}


bool quarter_parse(const char *s, int64_t today, char from[11], char to[11], char name[8])
{
	int y, q;
	if (s && *s) {
		char tail;
		if (sscanf(s, "%4d-Q%1d%c", &y, &q, &tail) != 2 || y < 2000 || y > 2100 || q < 1 || q > 4)
			return false;
	} else {
		int m, d;
		cal_civil_from_days(today, &y, &m, &d);
		q = (m - 1) / 3 + 1;
	}
	int64_t a = cal_days_from_civil(y, 3 * q - 2, 1);
	int64_t b = (q == 4 ? cal_days_from_civil(y + 1, 1, 1) : cal_days_from_civil(y, 3 * q + 1, 1)) - 1;
	cal_format_iso(a, from);
	cal_format_iso(b, to);
	snprintf(name, 8, "%04d-Q%d", y, q);
	return true;
}

static struct compliance_unit *unit_of(struct compliance *out, int64_t id)
{
	/* units are few (a province has a few hundred): binary search by id is
	 * not possible (sorted by path), a linear scan is enough */
	for (size_t i = 0; i < out->nunit; i++)
		if (out->units[i].unit.id == id)
			return &out->units[i];
	return NULL;
}

static void add_issue(struct arena *a, struct compliance_unit *cu, struct compliance_issue is)
{
	cu->issues = arena_grow(a, cu->issues, cu->nissue, &cu->cap, sizeof *cu->issues);
	cu->issues[cu->nissue++] = is;
	cu->count[is.kind]++;
}

static bool has_form(const char *forms, const char *f)
{
	struct ditem d = {.forms = forms};
	return catalogue_item_allows(&d, f);
}

/* Checks one posting; true when it has no issue. */
static bool check_posting(struct arena *a, const struct cal_table *hol, int64_t today,
			  struct compliance_unit *cu, const struct posting *p)
{
	const struct ditem *d = &p->item;
	int64_t dd, deadline;
	cal_parse_date(p->decision_date, &dd);
	deadline = posting_deadline(d, hol, dd);
	char dl[11];
	cal_format_iso(deadline, dl);
	bool ok = true;
	struct compliance_issue is = {.p = p, .item = d->number, .item_title = d->title, .reason = ""};
	if (p->status == POSTING_DRAFT) {
		if (today > deadline) {
			is.kind = CK_OVERDUE;
			is.deadline = arena_strdup(a, dl);
			is.days = (int)(today - deadline);
			is.working_days = cal_working_days_between(hol, deadline, today);
			add_issue(a, cu, is);
		}
		return false; /* not published (yet): never counts as done */
	}
	int64_t sd, ed;
	cal_parse_date(p->start_date, &sd);
	if (sd > deadline) {
		is.kind = CK_LATE;
		is.deadline = arena_strdup(a, dl);
		is.days = (int)(sd - deadline);
		is.working_days = cal_working_days_between(hol, deadline, sd);
		add_issue(a, cu, is);
		ok = false;
	}
	/* Art. 13(2): 30 consecutive days (communes), 20 (agencies, enterprises);
	 * a withdrawal ends the posting the day before */
	if (!d->permanent && d->min_days > 0) {
		int posted = *p->end_date && cal_parse_date(p->end_date, &ed) ? (int)(ed - sd + 1) : d->min_days;
		if (posted < d->min_days) {
			is.kind = CK_SHORT;
			is.working_days = 0;
			is.days = posted;
			is.required = d->min_days;
			is.reason = p->short_reason;
			add_issue(a, cu, is);
			ok = false;
		}
	} else if (d->permanent && p->status == POSTING_WITHDRAWN) {
		/* a permanent item taken down counts as missing, below */
	}
	/* Art. 13(3): items 7-12 also on the loudspeakers, 3 consecutive days */
	if (d->radio_days > 0) {
		int run = has_form(p->forms, "radio") ? posting_radio_run(a, p->radio_dates) : 0;
		if (run < d->radio_days) {
			is.kind = CK_RADIO;
			is.working_days = 0;
			is.days = run;
			is.required = d->radio_days;
			is.reason = "";
			add_issue(a, cu, is);
			ok = false;
		}
	}
	return ok;
}

enum app_err compliance_compute(struct arena *a, struct dbc *c, const struct unit *root, const char *from,
				const char *to, int64_t today, struct compliance *out)
{
	memset(out, 0, sizeof *out);
	char td[11];
	cal_format_iso(today, td);
	if (strcmp(to, td) > 0)
		to = arena_strdup(a, td);
	out->from = from;
	out->to = to;
	out->today = arena_strdup(a, td);
	/* the units */
	struct db_stmt *s = dbc_stmt(c, STMT_UNITS_DISCLOSING);
	db_bind_subtree(s, 1, 2, root->path);
	size_t cap = 16;
	out->units = arena_alloc(a, cap * sizeof *out->units);
	bool row;
	enum app_err e;
	while (!(e = db_step(s, &row)) && row) {
		out->units = arena_grow(a, out->units, out->nunit, &cap, sizeof *out->units);
		struct unit *u = &out->units[out->nunit++].unit;
		db_cols(s, a, 0, DB_COL(&u->id), DB_COL(&u->code), DB_COL(&u->kind), DB_COL(&u->name),
			DB_COL(&u->title), DB_COL(&u->path));
		u->parent_code = "";
	}
	db_reset(s);
	if (e)
		return e;
	struct cal_table hol;
	if ((e = holidays_load(c, &hol)))
		return e;
	/* the postings decided in the period */
	struct posting *ps;
	size_t np;
	s = dbc_stmt(c, STMT_COMPLIANCE_POSTINGS);
	db_bind_subtree(s, 1, 2, root->path);
	db_bind_text(s, 3, from);
	db_bind_text(s, 4, to);
	if ((e = postings_read(a, s, 256, &ps, &np))) {
		free(hol.a);
		return e;
	}
	struct compliance_unit *cu = NULL;
	out->rec = arena_alloc(a, (np ? np : 1) * sizeof *out->rec);
	for (size_t i = 0; i < np; i++) {
		if (!cu || cu->unit.id != ps[i].unit.id)
			cu = unit_of(out, ps[i].unit.id);
		if (!cu)
			continue;
		cu->due++;
		bool fine = check_posting(a, &hol, today, cu, &ps[i]);
		if (fine)
			cu->on_time++;
		out->rec[out->nrec++] = (struct compliance_record){&ps[i], fine};
	}
	free(hol.a);
	/* permanent items (Art. 13(2)): published and not withdrawn by the end */
	s = dbc_stmt(c, STMT_COMPLIANCE_PERMANENT);
	db_bind_subtree(s, 1, 2, root->path);
	db_bind_text(s, 3, to);
	size_t nh = 0, hcap = 64;
	int64_t(*have)[2] = arena_alloc(a, hcap * sizeof *have);
	while (!(e = db_step(s, &row)) && row) {
		have = arena_grow(a, have, nh, &hcap, sizeof *have);
		have[nh][0] = db_col_i64(s, 0);
		have[nh][1] = db_col_i64(s, 1);
		nh++;
	}
	db_reset(s);
	if (e)
		return e;
	for (size_t k = 0; k < catalogue_nscopes; k++) {
		struct ditem *rules;
		size_t nr;
		if ((e = catalogue_in_force(a, c, to, catalogue_scopes[k], &rules, &nr)))
			return e;
		for (size_t r = 0; r < nr; r++) {
			if (!rules[r].permanent)
				continue;
			for (size_t i = 0; i < out->nunit; i++) {
				struct compliance_unit *u = &out->units[i];
				const char *sc = catalogue_scope_of_kind(u->unit.kind);
				if (!sc || strcmp(sc, catalogue_scopes[k]))
					continue;
				bool found = false;
				for (size_t h = 0; h < nh && !found; h++)
					found = have[h][0] == u->unit.id && have[h][1] == rules[r].number;
				if (!found)
					add_issue(a, u, (struct compliance_issue){.kind = CK_MISSING,
										 .item = rules[r].number,
										 .item_title = rules[r].title,
										 .reason = ""});
			}
		}
	}
	for (size_t i = 0; i < out->nunit; i++) {
		out->due += out->units[i].due;
		out->on_time += out->units[i].on_time;
		for (int k = 0; k < CK__N; k++)
			out->count[k] += out->units[i].count[k];
	}
	return APP_OK;
}

/* Indicator disclosure.on_time (target T6; Law 10/2022 Arts. 11-13): of what
 * the unit and the units below it had to disclose for decisions dated in
 * [from, to), how much was disclosed on time, in full and for as long as
 * required; a permanent item never published is due and not done. */
enum app_err disclosure_indicator_on_time(struct arena *a, struct dbc *c, const struct unit *u, int64_t from, int64_t to,
					  int64_t now, struct indicator_value *out)
{
	char f[11], t[11];
	cal_format_iso(from, f);
	cal_format_iso(to - 1, t);
	struct compliance cp;
	enum app_err e = compliance_compute(a, c, u, arena_strdup(a, f), arena_strdup(a, t), cal_today((time_t)now), &cp);
	if (e)
		return e;
	out->num = cp.on_time;
	out->den = cp.due + cp.count[CK_MISSING];
	for (size_t i = 0; i < cp.nrec; i++) {
		const struct posting *p = cp.rec[i].p;
		/* a draft's or a staff posting's title is not public */
		const char *title = p->status == POSTING_DRAFT ? msg(MSG_DC_DRAFT_HIDDEN)
				    : !p->is_public             ? msg(MSG_DP_STAFF_BADGE)
								: p->title;
		indicator_record_add(a, out, arena_printf(a, "/disclosures/%lld", (long long)p->id),
				     arena_printf(a, "%s — %s", p->unit.title, title), cp.rec[i].fine);
	}
	for (size_t i = 0; i < cp.nunit; i++)
		for (size_t k = 0; k < cp.units[i].nissue; k++) {
			const struct compliance_issue *is = &cp.units[i].issues[k];
			if (is->kind == CK_MISSING)
				indicator_record_add(a, out, arena_printf(a, "/units/%s/disclosure-compliance", cp.units[i].unit.code),
						     arena_printf(a, "%s — %s %d: %s", cp.units[i].unit.title, msg(MSG_DP_ITEM),
								  is->item, is->item_title),
						     false);
		}
	return APP_OK;
}

enum app_err register_rows(struct arena *a, struct dbc *c, const struct unit *root, const char *from,
			   const char *to, bool include_private, struct posting **out, size_t *n)
{
	struct db_stmt *s = dbc_stmt(c, STMT_REGISTER_POSTINGS);
	db_bind_subtree(s, 1, 2, root->path);
	db_bind_text(s, 3, from);
	db_bind_text(s, 4, to);
	db_bind_i64(s, 5, include_private);
	return postings_read(a, s, 256, out, n);
}

struct register_job {
	const struct unit *u;
	const char *quarter, *title;
	int64_t now;
	struct doc_record *out;
	struct arena *a;
};

static enum app_err register_doc_fn(struct dbc *c, void *arg)
{
	struct register_job *j = arg;
	return doc_issue(c, j->u->id, DOC_REPORT, doc_abbr(j->u->kind, true), "register", j->u->id, j->quarter, j->title,
			 j->now, j->out, j->a);
}

enum app_err register_doc(struct db *db, struct arena *a, struct dbc *c, const struct unit *u, const char *quarter,
			  const char *title, int64_t now, struct doc_record *out)
{
	enum app_err e = doc_get(a, c, "register", u->id, quarter, out);
	if (e != APP_ENOTFOUND)
		return e;
	struct register_job j = {u, quarter, title, now, out, a};
	return db_write_in_read(db, register_doc_fn, &j);
}
