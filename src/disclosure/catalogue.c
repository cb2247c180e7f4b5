/* catalogue.c — the disclosure catalogue (see catalogue.h). */
#include "catalogue.h"
#include "../db/db.h"
#include "../events/events.h"
#include "../util/crypto.h"
#include <sodium.h>
#include <stdio.h>
#include "../i18n/msg.h"
#include "../util/cal.h"
#include "../util/csv.h"
#include "../util/str.h"
#include <stdlib.h>
#include <string.h>
#include <time.h>

const char *const catalogue_scopes[] = {"commune", "agency", "soe"};
const size_t catalogue_nscopes = 3;

/* Forms of Art. 12(1) (communes) and Art. 47(1) (agencies; enterprises alike). */
static const char *const forms[] = {"posting", "portal", "radio", "village_head", "letter", "dialogue",
				    "reception", "organisations", "social", "other", "intranet",
				    "conference", "unit_head", "union"};

bool catalogue_scope_valid(const char *scope)
{
	for (size_t i = 0; i < catalogue_nscopes; i++)
		if (scope && !strcmp(scope, catalogue_scopes[i]))
			return true;
	return false;
}

const char *catalogue_scope_of_kind(const char *kind)
{
	if (units_kind_is_commune_level(kind))
		return "commune";
	if (!strcmp(kind, "agency") || !strcmp(kind, "public_unit"))
		return "agency";
	if (!strcmp(kind, "employer"))
		return "soe";
	return NULL;
}

bool catalogue_item_allows(const struct ditem *d, const char *form)
{
	size_t n = strlen(form);
	for (const char *p = d->forms; *p;) {
		const char *e = strchr(p, ';');
		size_t k = e ? (size_t)(e - p) : strlen(p);
		if (k == n && !strncmp(p, form, n))
			return true;
		p += k + (e != NULL);
	}
	return false;
}

bool catalogue_form_valid(const char *form)
{
	for (size_t i = 0; i < sizeof forms / sizeof *forms; i++)
		if (!strcmp(form, forms[i]))
			return true;
	return false;
}

void catalogue_read_row(struct arena *a, struct db_stmt *s, int c0, struct ditem *d)
{
	d->id = db_col_i64(s, c0);
	d->scope = arena_strdup(a, db_col_text(s, c0 + 1));
	d->number = (int)db_col_i64(s, c0 + 2);
	d->title = arena_strdup(a, db_col_text(s, c0 + 3));
	d->legal_basis = arena_strdup(a, db_col_text(s, c0 + 4));
	d->forms = arena_strdup(a, db_col_text(s, c0 + 5));
	d->deadline_days = (int)db_col_i64(s, c0 + 6);
	d->deadline_working = db_col_i64(s, c0 + 7);
	d->min_days = (int)db_col_i64(s, c0 + 8);
	d->permanent = db_col_i64(s, c0 + 9);
	d->radio_days = (int)db_col_i64(s, c0 + 10);
	d->effective_from = arena_strdup(a, db_col_text(s, c0 + 11));
	d->confirmed = arena_strdup(a, db_col_text(s, c0 + 12));
}

static void item_row(struct arena *a, struct db_stmt *s, void *out)
{
	catalogue_read_row(a, s, 0, out);
}

static enum app_err read_items(struct arena *a, struct db_stmt *s, struct ditem **out, size_t *n)
{
	return db_get_rows(s, a, item_row, sizeof **out, (void **)out, n);
}

enum app_err catalogue_in_force(struct arena *a, struct dbc *c, const char *day, const char *scope,
				struct ditem **out, size_t *n)
{
	struct db_stmt *s = dbc_stmt(c, STMT_DITEM_IN_FORCE);
	db_bind_text(s, 1, day);
	db_bind_text(s, 2, scope);
	return read_items(a, s, out, n);
}

enum app_err catalogue_history(struct arena *a, struct dbc *c, const char *scope, int number,
			       struct ditem **out, size_t *n)
{
	struct db_stmt *s = dbc_stmt(c, STMT_DITEM_HISTORY);
	db_bind_text(s, 1, scope);
	db_bind_i64(s, 2, number);
	return read_items(a, s, out, n);
}

static const char *const cols[] = {"scope", "number", "title", "legal_basis", "forms", "deadline_days",
				   "deadline_unit", "min_days", "permanent", "radio_days", "effective_from",
				   "confirmed"};
#define NCOL 12

struct row {
	const char *f[NCOL]; /* cleaned fields */
	int64_t num[NCOL];   /* numbers where the column is one */
	int line;
};

/* Checks one row; reports every problem. */
static void check_row(struct import_report *rep, struct row *r)
{
	static const int numeric[] = {1, 5, 7, 8, 9};
	static const int64_t lo[] = {1, 0, 0, 0, 0}, hi[] = {99, 366, 3650, 1, 366};
	if (!catalogue_scope_valid(r->f[0]))
		import_problem(rep, r->line, cols[0], msg(MSG_DITEM_BAD_SCOPE));
	for (size_t i = 0; i < sizeof numeric / sizeof *numeric; i++)
		if (str_to_i64(r->f[numeric[i]], lo[i], hi[i], &r->num[numeric[i]]))
			import_problem(rep, r->line, cols[numeric[i]], msg(MSG_IMPORT_BAD_NUMBER_GENERIC));
	if (!*r->f[2] || strlen(r->f[2]) > 500)
		import_problem(rep, r->line, cols[2], msg(MSG_IMPORT_MISSING));
	if (!*r->f[3] || strlen(r->f[3]) > 300)
		import_problem(rep, r->line, cols[3], msg(MSG_IMPORT_MISSING));
	if (strcmp(r->f[6], "working") && strcmp(r->f[6], "calendar"))
		import_problem(rep, r->line, cols[6], msg(MSG_DITEM_BAD_UNIT));
	int64_t day;
	if (!cal_parse_date(r->f[10], &day) || strlen(r->f[10]) != 10 || r->f[10][4] != '-')
		import_problem(rep, r->line, cols[10], msg(MSG_DATE_INVALID));
	if (strcmp(r->f[11], "C") && strcmp(r->f[11], "S") && strcmp(r->f[11], "U"))
		import_problem(rep, r->line, cols[11], msg(MSG_DITEM_BAD_MARKER));
	/* forms: known codes separated by ';', at least one */
	char *copy = strdup(r->f[4]);
	int nforms = 0;
	bool ok = copy != NULL;
	for (char *save = NULL, *t = copy ? strtok_r(copy, ";", &save) : NULL; t; t = strtok_r(NULL, ";", &save)) {
		nforms++;
		ok &= catalogue_form_valid(t);
	}
	free(copy);
	if (!ok || !nforms)
		import_problem(rep, r->line, cols[4], msg(MSG_DITEM_BAD_FORMS));
	if (r->num[8] && r->num[7]) /* permanent and a minimum period contradict */
		import_problem(rep, r->line, cols[7], msg(MSG_DITEM_PERMANENT));
}

enum app_err catalogue_import_csv(struct dbc *c, const char *data, size_t n, struct import_report *rep, int64_t now,
				  int64_t *added)
{
	*added = 0;
	struct csv cv;
	csv_init(&cv, data, n);
	enum app_err e = csv_next(&cv);
	bool header_ok = !e && cv.nfield == NCOL;
	for (size_t i = 0; header_ok && i < NCOL; i++)
		header_ok = !strcmp(cv.field[i], cols[i]);
	if (!header_ok) {
		import_problem(rep, 1, "", msg(MSG_DITEM_HEADER));
		csv_free(&cv);
		return APP_EINVAL;
	}
	size_t cap = 64, nrow = 0;
	struct row *rows = arena_alloc(rep->a, cap * sizeof *rows);
	while ((e = csv_next(&cv)) == APP_OK) {
		if (cv.nfield != NCOL) {
			import_problem(rep, cv.rec_line, "", msg(MSG_IMPORT_COLUMNS));
			continue;
		}
		struct row r = {.line = cv.rec_line};
		bool bad = false;
		for (int i = 0; i < NCOL; i++) {
			char *clean;
			if (str_clean(cv.field[i], strlen(cv.field[i]), &clean)) {
				import_problem(rep, cv.rec_line, cols[i], msg(MSG_IMPORT_BAD_UTF8));
				bad = true;
				r.f[i] = "";
				continue;
			}
			r.f[i] = arena_strdup(rep->a, clean);
			free(clean);
		}
		if (bad)
			continue;
		check_row(rep, &r);
		for (size_t i = 0; i < nrow; i++)
			if (!strcmp(rows[i].f[0], r.f[0]) && rows[i].num[1] == r.num[1] && !strcmp(rows[i].f[10], r.f[10]))
				import_problem(rep, r.line, cols[1], msg(MSG_IMPORT_DUPLICATE));
		rows = arena_grow(rep->a, rows, nrow, &cap, sizeof *rows);
		rows[nrow++] = r;
	}
	if (e == APP_EINVAL)
		import_problem(rep, cv.line, "", msg(MSG_IMPORT_CSV_SYNTAX));
	csv_free(&cv);
	if (!rep->nproblem && !nrow)
		import_problem(rep, 0, "", msg(MSG_IMPORT_EMPTY));
	if (rep->nproblem)
		return APP_EINVAL;
	/* rows already present must be identical: history is never rewritten */
	struct arena a;
	arena_init(&a);
	e = APP_OK;
	for (size_t i = 0; i < nrow && !e; i++) {
		struct row *r = &rows[i];
		struct db_stmt *s = dbc_stmt(c, STMT_DITEM_GET);
		db_bind_text(s, 1, r->f[0]);
		db_bind_i64(s, 2, r->num[1]);
		db_bind_text(s, 3, r->f[10]);
		struct ditem *have;
		size_t nh;
		if ((e = read_items(&a, s, &have, &nh)))
			break;
		if (nh) {
			bool same = !strcmp(have->title, r->f[2]) && !strcmp(have->legal_basis, r->f[3]) &&
				    !strcmp(have->forms, r->f[4]) && have->deadline_days == r->num[5] &&
				    have->deadline_working == !strcmp(r->f[6], "working") && have->min_days == r->num[7] &&
				    have->permanent == (r->num[8] != 0) && have->radio_days == r->num[9] &&
				    !strcmp(have->confirmed, r->f[11]);
			if (!same)
				import_problem(rep, r->line, cols[10], msg(MSG_DITEM_CHANGED));
			r->line = -r->line; /* present: skip */
		}
	}
	arena_free(&a);
	if (e)
		return e;
	if (rep->nproblem)
		return APP_EINVAL;
	for (size_t i = 0; i < nrow && !e; i++) {
		struct row *r = &rows[i];
		if (r->line < 0)
			continue;
		struct db_stmt *s = dbc_stmt(c, STMT_DITEM_INSERT);
		db_bind_text(s, 1, r->f[0]);
		db_bind_i64(s, 2, r->num[1]);
		db_bind_text(s, 3, r->f[2]);
		db_bind_text(s, 4, r->f[3]);
		db_bind_text(s, 5, r->f[4]);
		db_bind_i64(s, 6, r->num[5]);
		db_bind_i64(s, 7, !strcmp(r->f[6], "working"));
		db_bind_i64(s, 8, r->num[7]);
		db_bind_i64(s, 9, r->num[8]);
		db_bind_i64(s, 10, r->num[9]);
		db_bind_text(s, 11, r->f[10]);
		db_bind_text(s, 12, r->f[11]);
		db_bind_i64(s, 13, now);
		if (!(e = db_exec(s)))
			(*added)++;
	}
	rep->applied = *added;
	return e;
}

enum app_err catalogue_amend(struct dbc *c, const char *data, size_t n, struct import_report *rep, int64_t actor,
			     int64_t on_behalf, int64_t now, int64_t *added)
{
	enum app_err e = catalogue_import_csv(c, data, n, rep, now, added);
	if (e || !*added)
		return e; /* nothing new: no act to record */
	char hex[65], payload[128];
	crypto_sha256_hex(data, n, hex);
	snprintf(payload, sizeof payload, "{\"rules\":%lld,\"sha256\":\"%s\"}", (long long)*added, hex);
	struct event ev = {.actor = actor, .on_behalf = on_behalf, .kind = "disclosure.catalogue",
			   .subject = "disclosure_items", .public = true, .payload = payload, .at = now};
	return events_add(c, &ev, NULL);
}
