/*
 * units.c — units, households and residents: lookups and all-or-nothing CSV
 * imports (see units.h).
 */
#include "units.h"
#include "../indicator.h"
#include "../db/db.h"
#include "../events/events.h"
#include "../i18n/msg.h"
#include "../util/buf.h"
#include "../util/csv.h"
#include "../util/str.h"
#include "../util/problems.h"
#include "../util/embed.h"
#include "../util/xalloc.h"
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

const char *const units_kinds[] = {"province", "commune", "ward", "special_zone", "village",
				   "residential_group", "agency", "public_unit", "employer"};
const size_t units_nkinds = ARRAY_SIZE(units_kinds);

bool units_kind_valid(const char *kind)
{
	for (size_t i = 0; i < units_nkinds; i++)
		if (kind && strcmp(kind, units_kinds[i]) == 0)
			return true;
	return false;
}

bool units_kind_is_commune_level(const char *kind)
{
	return !strcmp(kind, "commune") || !strcmp(kind, "ward") || !strcmp(kind, "special_zone");
}

bool units_kind_is_village(const char *kind)
{
	return !strcmp(kind, "village") || !strcmp(kind, "residential_group");
}

/* Centrally-run cities ("Thành phố"): Hà Nội, Hải Phòng, Huế, Đà Nẵng, TP Hồ
 * Chí Minh, Cần Thơ (Resolution 202/2025/QH15) and Đồng Nai (Resolution
 * 30/2026/QH16, from 30/4/2026). Data, kept here with the title rule. */
static const char *const cities[] = {"01", "31", "46", "48", "79", "92", "75"};

const char *units_title(struct arena *a, const char *kind, const char *name, const char *code)
{
	enum msg_id prefix = MSG_PREFIX_COMMUNE;
	if (!strcmp(kind, "province")) {
		prefix = MSG_PREFIX_PROVINCE;
		for (size_t i = 0; i < ARRAY_SIZE(cities); i++)
			if (code && !strcmp(code, cities[i]))
				prefix = MSG_PREFIX_CITY;
	} else if (!strcmp(kind, "ward")) {
		prefix = MSG_PREFIX_WARD;
	} else if (!strcmp(kind, "special_zone")) {
		prefix = MSG_PREFIX_SPECIAL_ZONE;
	} else if (!strcmp(kind, "commune")) {
		prefix = MSG_PREFIX_COMMUNE;
	} else {
		return arena_strdup(a, name); /* villages and agencies carry their own word */
	}
	return arena_printf(a, "%s %s", msg(prefix), name);
}

/* ---- lookups ---- */

void units_read_at(struct arena *a, struct db_stmt *s, int col, struct unit *u)
{
	db_cols(s, a, col, DB_COL(&u->id), DB_COL(&u->code), DB_COL(&u->kind), DB_COL(&u->name), DB_COL(&u->title),
		DB_COL(&u->path), DB_COL(&u->parent_code));
}

static void read_unit(struct arena *a, struct db_stmt *s, struct unit *u)
{
	units_read_at(a, s, 0, u);
}

static enum app_err read_one(struct arena *a, struct db_stmt *s, struct unit *out)
{
	enum app_err e = db_row(s);
	if (!e)
		read_unit(a, s, out);
	db_reset(s);
	return e;
}

/* Reads every row of s into an arena array. */
static enum app_err read_all(struct arena *a, struct db_stmt *s, struct unit **out, size_t *n)
{
	size_t cap = 16, k = 0;
	struct unit *v = arena_alloc(a, cap * sizeof *v);
	bool row;
	enum app_err e;
	while (!(e = db_step(s, &row)) && row) {
		if (k == cap) {
			struct unit *w = arena_alloc(a, 2 * cap * sizeof *w);
			memcpy(w, v, cap * sizeof *v);
			v = w;
			cap *= 2;
		}
		read_unit(a, s, &v[k++]);
	}
	db_reset(s);
	*out = v;
	*n = k;
	return e;
}

enum app_err units_get(struct arena *a, struct dbc *c, const char *code, struct unit *out)
{
	struct db_stmt *s = dbc_stmt(c, STMT_UNIT_BY_CODE);
	db_bind_text(s, 1, code);
	return read_one(a, s, out);
}

enum app_err units_get_id(struct arena *a, struct dbc *c, int64_t id, struct unit *out)
{
	struct db_stmt *s = dbc_stmt(c, STMT_UNIT_BY_ID);
	db_bind_i64(s, 1, id);
	return read_one(a, s, out);
}

enum app_err units_children(struct arena *a, struct dbc *c, int64_t id, struct unit **out, size_t *n)
{
	struct db_stmt *s = dbc_stmt(c, STMT_UNIT_CHILDREN);
	db_bind_i64(s, 1, id);
	return read_all(a, s, out, n);
}

enum app_err units_ancestors(struct arena *a, struct dbc *c, const char *path, struct unit **out,
			     size_t *n)
{
	/* the path names every ancestor's code: one indexed lookup each */
	size_t k = 0, depth = 0;
	for (const char *p = path; *p; p++)
		depth += *p == '/';
	struct unit *v = arena_alloc(a, (depth + 1) * sizeof *v);
	const char *p = path;
	while (*p == '/' && p[1]) {
		const char *end = strchr(p + 1, '/');
		if (!end || !end[1])
			break; /* the last segment is the unit itself */
		enum app_err e = units_get(a, c, arena_strndup(a, p + 1, (size_t)(end - p - 1)), &v[k]);
		if (e)
			return e;
		k++;
		p = end;
	}
	*out = v;
	*n = k;
	return APP_OK;
}

const char *units_where(struct arena *a, struct dbc *c, const struct unit *u, bool self)
{
	struct unit *v;
	size_t n;
	if (units_ancestors(a, c, u->path, &v, &n))
		return self ? u->title : "";
	const char *s = self ? u->title : "";
	for (size_t i = n; i-- > 0;)
		s = *s ? arena_printf(a, "%s, %s", s, v[i].title) : v[i].title;
	return s;
}

static int by_folded_name(const void *x, const void *y)
{
	char *a = str_fold(((const struct unit *)x)->name), *b = str_fold(((const struct unit *)y)->name);
	int r = strcmp(a, b);
	free(a);
	free(b);
	return r;
}

enum app_err units_provinces(struct arena *a, struct dbc *c, struct unit **out, size_t *n)
{
	/* sorted by name without its prefix, diacritics folded: An Giang ... Vĩnh Long */
	enum app_err e = read_all(a, dbc_stmt(c, STMT_UNIT_PROVINCES), out, n);
	if (!e && *n > 1)
		qsort(*out, *n, sizeof **out, by_folded_name);
	return e;
}

/* LIKE pattern '%fold%' with ! escaping the wildcards. Arena. */
static const char *like_pattern(struct arena *a, const char *fold)
{
	struct buf b;
	buf_init(&b);
	buf_putc(&b, '%');
	for (const char *p = fold; *p; p++) {
		if (*p == '%' || *p == '_' || *p == '!')
			buf_putc(&b, '!');
		buf_putc(&b, *p);
	}
	buf_putc(&b, '%');
	const char *r = arena_strdup(a, buf_str(&b));
	buf_reset(&b);
	return r;
}

enum app_err units_search(struct arena *a, struct dbc *c, const char *q, struct unit **out, size_t *n)
{
	char *fold = str_fold(q);
	struct db_stmt *s = dbc_stmt(c, STMT_UNIT_SEARCH);
	db_bind_text(s, 1, like_pattern(a, fold));
	db_bind_text(s, 2, fold);
	free(fold);
	return read_all(a, s, out, n);
}

static void bind_filter(struct arena *a, struct db_stmt *s, const struct units_filter *f)
{
	db_bind_id(s, 1, f->parent_id);
	db_bind_text(s, 2, f->kind);
	if (f->q && *f->q) {
		char *fold = str_fold(f->q);
		db_bind_text(s, 3, like_pattern(a, fold));
		free(fold);
	} else {
		db_bind_null(s, 3);
	}
}

enum app_err units_list(struct arena *a, struct dbc *c, const struct units_filter *f,
			struct unit **out, size_t *n, int64_t *total)
{
	struct db_stmt *s = dbc_stmt(c, STMT_UNIT_COUNT);
	bind_filter(a, s, f);
	enum app_err e;
	*total = db_one_i64(s, 0, &e);
	if (e)
		return e;
	s = dbc_stmt(c, STMT_UNIT_LIST);
	bind_filter(a, s, f);
	db_bind_text(s, 4, f->after);
	db_bind_i64(s, 5, f->limit);
	return read_all(a, s, out, n);
}

enum app_err units_stats(struct dbc *c, const struct unit *u, struct unit_stats *out)
{
	memset(out, 0, sizeof *out);
	struct db_stmt *s = dbc_stmt(c, STMT_UNIT_KIND_COUNTS);
	db_bind_subtree(s, 1, 2, u->path);
	db_bind_i64(s, 3, u->id);
	bool row;
	enum app_err e;
	while (!(e = db_step(s, &row)) && row) {
		const char *k = db_col_text(s, 0);
		for (size_t i = 0; i < units_nkinds; i++)
			if (!strcmp(k, units_kinds[i]))
				out->nkind[i] = db_col_i64(s, 1);
	}
	db_reset(s);
	if (e)
		return e;
	s = dbc_stmt(c, STMT_HH_STATS);
	db_bind_subtree(s, 1, 2, u->path);
	if (!(e = db_step(s, &row)) && row) {
		out->households = db_col_i64(s, 0);
		out->people = db_col_i64(s, 1);
	}
	db_reset(s);
	return e;
}

/* Inserts or updates a unit by code. */
static enum app_err upsert(struct dbc *c, const char *code, const char *kind, const char *name,
			   const char *title, int64_t parent_id, const char *path, int64_t now, int64_t *id)
{
	char *fold = str_fold(title);
	struct db_stmt *s = dbc_stmt(c, STMT_UNIT_UPSERT);
	db_bind_text(s, 1, code);
	db_bind_text(s, 2, kind);
	db_bind_text(s, 3, name);
	db_bind_text(s, 4, title);
	db_bind_text(s, 5, fold);
	db_bind_id(s, 6, parent_id);
	db_bind_text(s, 7, path);
	db_bind_i64(s, 8, now);
	free(fold);
	bool row;
	enum app_err e = db_step(s, &row);
	if (!e && row && id)
		*id = db_col_i64(s, 0);
	db_reset(s);
	return e;
}

/* Which kinds may sit below which. */
static bool child_allowed(const char *parent_kind, const char *kind)
{
	if (!strcmp(parent_kind, "province"))
		return units_kind_is_commune_level(kind) || !strcmp(kind, "agency") ||
		       !strcmp(kind, "public_unit") || !strcmp(kind, "employer");
	if (units_kind_is_commune_level(parent_kind))
		return units_kind_is_village(kind) || !strcmp(kind, "agency") ||
		       !strcmp(kind, "public_unit") || !strcmp(kind, "employer");
	return false;
}

static bool code_valid(const char *s)
{
	size_t n = strlen(s);
	if (n < 1 || n > 32)
		return false;
	for (const char *p = s; *p; p++)
		if (!((*p >= '0' && *p <= '9') || (*p >= 'A' && *p <= 'Z') || *p == '-'))
			return false;
	return true;
}

size_t units_create_check(const struct unit *parent, const char *code, const char *kind, const char *name,
			  struct problems *pr)
{
	size_t n = pr->n;
	if (!code || !code_valid(code))
		problems_add(pr, "code", msg(MSG_UNIT_CODE_INVALID));
	if (!name || !*name || strlen(name) > 200)
		problems_add(pr, "name", msg(MSG_UNIT_NAME_INVALID));
	if (!kind || !units_kind_valid(kind) || !child_allowed(parent->kind, kind))
		problems_add(pr, "kind", msg(MSG_UNIT_KIND_INVALID));
	return pr->n - n;
}

enum app_err units_create(struct dbc *c, const struct unit *parent, const char *code,
			  const char *kind, const char *name, int64_t now, int64_t *id)
{
	/* as units_create_check */
	if (!code || !code_valid(code) || !kind || !units_kind_valid(kind) || !name || !*name || strlen(name) > 200 ||
	    !child_allowed(parent->kind, kind))
		return APP_EINVAL;
	struct arena a;
	arena_init(&a);
	struct unit existing;
	enum app_err e = units_get(&a, c, code, &existing);
	if (e == APP_OK)
		e = APP_ECONFLICT;
	else if (e == APP_ENOTFOUND)
		e = upsert(c, code, kind, name, units_title(&a, kind, name, code), parent->id,
			   arena_printf(&a, "%s%s/", parent->path, code), now, id);
	arena_free(&a);
	return e;
}

/* ---- imports ---- */

void import_report_init(struct import_report *rep, struct arena *a)
{
	memset(rep, 0, sizeof *rep);
	rep->a = a;
}

void *import_embedded(void *_Atomic *slot, const char *name, size_t size, import_parse_fn *parse, void (*done)(void *))
{
	void *r = atomic_load(slot);
	if (r)
		return r;
	const struct embed_file *f = embed_find(name);
	struct arena a;
	arena_init(&a);
	struct import_report rep;
	import_report_init(&rep, &a);
	r = xcalloc(1, size);
	enum app_err e = f ? parse(f->data, f->len, r, &rep) : APP_ENOTFOUND;
	arena_free(&a);
	void *none = NULL;
	if (e)
		return r;
	if (!atomic_compare_exchange_strong(slot, &none, r)) {
		done(r);
		free(r);
		r = none;
	}
	return r;
}

void import_problem(struct import_report *rep, int line, const char *field, const char *reason)
{
	if (rep->nproblem == rep->cap) {
		size_t cap = rep->cap ? rep->cap * 2 : 16;
		struct import_problem *p = arena_alloc(rep->a, cap * sizeof *p);
		if (rep->nproblem)
			memcpy(p, rep->problems, rep->nproblem * sizeof *p);
		rep->problems = p;
		rep->cap = cap;
	}
	rep->problems[rep->nproblem++] = (struct import_problem){line, field, reason};
}

/* Cleans one CSV field into the arena; reports invalid UTF-8. */
static const char *field(struct import_report *rep, struct csv *cv, size_t i, const char *name)
{
	if (i >= cv->nfield)
		return "";
	char *clean;
	if (str_clean(cv->field[i], strlen(cv->field[i]), &clean)) {
		import_problem(rep, cv->rec_line, name, msg(MSG_IMPORT_BAD_UTF8));
		return NULL;
	}
	const char *r = arena_strdup(rep->a, clean);
	free(clean);
	return r;
}

static bool all_digits(const char *s, size_t n)
{
	if (strlen(s) != n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

struct prow {
	const char *pcode, *pname, *ccode, *cname, *ckind; /* one commune line */
};

enum app_err units_import_csv(struct dbc *c, const char *data, size_t n, int64_t now, struct import_report *rep)
{
	static const char *const cols[] = {"province_code", "province_name", "commune_code",
					   "commune_name", "commune_type"};
	struct csv cv;
	csv_init(&cv, data, n);
	enum app_err e = csv_next(&cv);
	if (e) {
		import_problem(rep, 1, "", msg(MSG_IMPORT_EMPTY));
		csv_free(&cv);
		return APP_EINVAL;
	}
	bool header_ok = cv.nfield == 5;
	for (size_t i = 0; header_ok && i < 5; i++)
		header_ok = !strcmp(cv.field[i], cols[i]);
	if (!header_ok) {
		import_problem(rep, 1, "", msg(MSG_IMPORT_UNITS_HEADER));
		csv_free(&cv);
		return APP_EINVAL;
	}
	size_t cap = 4096, nrow = 0;
	struct prow *rows = arena_alloc(rep->a, cap * sizeof *rows);
	while ((e = csv_next(&cv)) == APP_OK) {
		int line = cv.rec_line;
		if (cv.nfield != 5) {
			import_problem(rep, line, "", msg(MSG_IMPORT_COLUMNS));
			continue;
		}
		struct prow p = {field(rep, &cv, 0, cols[0]), field(rep, &cv, 1, cols[1]),
				 field(rep, &cv, 2, cols[2]), field(rep, &cv, 3, cols[3]),
				 field(rep, &cv, 4, cols[4])};
		if (!p.pcode || !p.pname || !p.ccode || !p.cname || !p.ckind)
			continue;
		if (!all_digits(p.pcode, 2))
			import_problem(rep, line, cols[0], msg(MSG_IMPORT_BAD_CODE));
		if (!all_digits(p.ccode, 5))
			import_problem(rep, line, cols[2], msg(MSG_IMPORT_BAD_CODE));
		if (!*p.pname)
			import_problem(rep, line, cols[1], msg(MSG_IMPORT_MISSING));
		if (!*p.cname)
			import_problem(rep, line, cols[3], msg(MSG_IMPORT_MISSING));
		const char *kind = !strcmp(p.ckind, "xã")       ? "commune"
				   : !strcmp(p.ckind, "phường")  ? "ward"
				   : !strcmp(p.ckind, "đặc khu") ? "special_zone"
								  : NULL;
		if (!kind)
			import_problem(rep, line, cols[4], msg(MSG_IMPORT_BAD_TYPE));
		p.ckind = kind;
		for (size_t i = 0; i < nrow; i++) {
			if (!strcmp(rows[i].ccode, p.ccode)) {
				import_problem(rep, line, cols[2], msg(MSG_IMPORT_DUPLICATE));
				break;
			}
			if (!strcmp(rows[i].pcode, p.pcode) && strcmp(rows[i].pname, p.pname)) {
				import_problem(rep, line, cols[1], msg(MSG_IMPORT_PROVINCE_NAME));
				break;
			}
		}
		if (nrow == cap) {
			struct prow *w = arena_alloc(rep->a, 2 * cap * sizeof *w);
			memcpy(w, rows, cap * sizeof *rows);
			rows = w;
			cap *= 2;
		}
		rows[nrow++] = p;
	}
	if (e == APP_EINVAL)
		import_problem(rep, cv.line, "", msg(MSG_IMPORT_CSV_SYNTAX));
	csv_free(&cv);
	if (rep->nproblem)
		return APP_EINVAL;
	struct arena a;
	arena_init(&a);
	const char *last_p = "";
	int64_t pid = 0;
	const char *ppath = "";
	e = APP_OK;
	for (size_t i = 0; i < nrow && !e; i++) {
		struct prow *p = &rows[i];
		if (strcmp(p->pcode, last_p)) {
			ppath = arena_printf(&a, "/%s/", p->pcode);
			e = upsert(c, p->pcode, "province", p->pname,
				   units_title(&a, "province", p->pname, p->pcode), 0, ppath, now, &pid);
			last_p = p->pcode;
			rep->applied++;
		}
		if (!e)
			e = upsert(c, p->ccode, p->ckind, p->cname,
				   units_title(&a, p->ckind, p->cname, p->ccode), pid,
				   arena_printf(&a, "%s%s/", ppath, p->ccode), now, NULL);
		rep->applied++;
	}
	arena_free(&a);
	return e;
}

struct hrow {
	int line;                 /* line in the file */
	int64_t village_id;       /* resolved village */
	const char *hcode, *head, *address, *rep, *phone;
	int64_t members;
};

const char *const households_csv_vi[7] = {"Mã thôn", "Mã hộ", "Chủ hộ", "Địa chỉ", "Số nhân khẩu", "Người đại diện",
					  "Điện thoại"};
const char *const households_csv_en[7] = {"village_code", "household_code", "head", "address", "members", "representative",
					  "phone"};

enum app_err households_import_csv(struct dbc *c, const char *data, size_t n, const char *scope_path,
				   int64_t actor, int64_t on_behalf, int64_t now, struct import_report *rep)
{
	const char *cols[7]; /* the columns as the file names them, for its problems */
	struct csv cv;
	csv_init(&cv, data, n);
	if (!str_utf8_valid(data, n)) {
		/* still report which lines: checked per field below */
	}
	enum app_err e = csv_next(&cv);
	if (e) {
		import_problem(rep, e == APP_EINVAL ? cv.line : 1, "",
			       msg(e == APP_EINVAL ? MSG_IMPORT_CSV_SYNTAX : MSG_IMPORT_EMPTY));
		csv_free(&cv);
		return APP_EINVAL;
	}
	/* the Vietnamese header (case, diacritics and _ or spaces as typed), or
	 * the English one of earlier versions */
	bool en = cv.nfield == 7, vi = cv.nfield == 7;
	for (size_t i = 0; (en || vi) && i < 7 && i < cv.nfield; i++) {
		en &= !strcmp(cv.field[i], households_csv_en[i]);
		char *a = str_fold(cv.field[i]), *b = str_fold(households_csv_vi[i]);
		vi &= !strcmp(a, b);
		free(a);
		free(b);
		cols[i] = arena_strdup(rep->a, cv.field[i]);
	}
	if (!en && !vi) {
		import_problem(rep, 1, "", msg(MSG_IMPORT_HH_HEADER));
		csv_free(&cv);
		return APP_EINVAL;
	}
	size_t cap = 256, nrow = 0;
	struct hrow *rows = arena_alloc(rep->a, cap * sizeof *rows);
	/* cache of the last village looked up */
	const char *vcode_last = NULL;
	struct unit village = {0};
	bool village_ok = false;
	while ((e = csv_next(&cv)) == APP_OK) {
		int line = cv.rec_line;
		if (cv.nfield != 7) {
			import_problem(rep, line, "", msg(MSG_IMPORT_COLUMNS));
			continue;
		}
		const char *f[7];
		bool bad = false;
		for (int i = 0; i < 7; i++)
			bad |= !(f[i] = field(rep, &cv, (size_t)i, cols[i]));
		if (bad)
			continue;
		for (int i = 0; i < 5; i++)
			if (!*f[i]) {
				import_problem(rep, line, cols[i], msg(MSG_IMPORT_MISSING));
				bad = true;
			}
		if (bad)
			continue;
		struct hrow h = {.line = line, .hcode = f[1], .head = f[2], .address = f[3],
				 .rep = *f[5] ? f[5] : f[2], .phone = *f[6] ? f[6] : NULL};
		if (str_to_i64(f[4], 1, 100, &h.members))
			import_problem(rep, line, cols[4], msg(MSG_IMPORT_BAD_NUMBER));
		char phone[STR_PHONE_LEN]; /* kept in one form: what SMS replies are matched against */
		if (h.phone && !str_phone(h.phone, phone))
			import_problem(rep, line, cols[6], msg(MSG_IMPORT_BAD_PHONE));
		else if (h.phone)
			h.phone = arena_strdup(rep->a, phone);
		if (strlen(h.hcode) > 32 || strlen(h.head) > 200 || strlen(h.address) > 400 ||
		    strlen(h.rep) > 200)
			import_problem(rep, line, "", msg(MSG_IMPORT_TOO_LONG));
		if (!vcode_last || strcmp(vcode_last, f[0])) {
			vcode_last = f[0];
			enum app_err ge = units_get(rep->a, c, f[0], &village);
			if (ge && ge != APP_ENOTFOUND) {
				csv_free(&cv);
				return ge; /* a database failure is not a problem of the file */
			}
			village_ok = !ge && units_kind_is_village(village.kind);
		}
		if (!village_ok) {
			import_problem(rep, line, cols[0], msg(MSG_IMPORT_UNKNOWN_VILLAGE));
			continue;
		}
		if (scope_path && !str_starts(village.path, scope_path)) {
			import_problem(rep, line, cols[0], msg(MSG_IMPORT_OUT_OF_SCOPE));
			continue;
		}
		h.village_id = village.id;
		struct db_stmt *s = dbc_stmt(c, STMT_HH_EXISTS);
		db_bind_i64(s, 1, h.village_id);
		db_bind_text(s, 2, h.hcode);
		bool row;
		e = db_step(s, &row);
		db_reset(s);
		if (e)
			break;
		bool dup = row;
		for (size_t i = 0; i < nrow && !dup; i++)
			dup = rows[i].village_id == h.village_id && !strcmp(rows[i].hcode, h.hcode);
		if (dup)
			import_problem(rep, line, cols[1], msg(MSG_IMPORT_DUPLICATE));
		if (nrow == cap) {
			struct hrow *w = arena_alloc(rep->a, 2 * cap * sizeof *w);
			memcpy(w, rows, cap * sizeof *rows);
			rows = w;
			cap *= 2;
		}
		rows[nrow++] = h;
	}
	if (e == APP_EINVAL)
		import_problem(rep, cv.line, "", msg(MSG_IMPORT_CSV_SYNTAX));
	csv_free(&cv);
	if (e && e != APP_ENOTFOUND && e != APP_EINVAL)
		return e;
	if (rep->nproblem)
		return APP_EINVAL;
	if (!nrow) {
		import_problem(rep, 0, "", msg(MSG_IMPORT_EMPTY));
		return APP_EINVAL;
	}
	int64_t last_village = 0;
	for (size_t i = 0; i < nrow; i++) {
		struct hrow *h = &rows[i];
		struct db_stmt *s = dbc_stmt(c, STMT_HH_INSERT);
		db_bind_i64(s, 1, h->village_id);
		db_bind_text(s, 2, h->hcode);
		db_bind_text(s, 3, h->head);
		db_bind_text(s, 4, h->address);
		db_bind_i64(s, 5, h->members);
		db_bind_i64(s, 6, now);
		bool row;
		e = db_step(s, &row);
		int64_t hid = row ? db_col_i64(s, 0) : 0;
		db_reset(s);
		if (e)
			return e;
		bool same = !strcmp(h->head, h->rep);
		for (int k = 0; k < (same ? 1 : 2); k++) {
			const char *name = k ? h->rep : h->head;
			bool is_rep = same || k == 1;
			char *fold = str_fold(name);
			s = dbc_stmt(c, STMT_RESIDENT_INSERT);
			db_bind_i64(s, 1, hid);
			db_bind_text(s, 2, name);
			db_bind_text(s, 3, fold);
			db_bind_null(s, 4);
			db_bind_i64(s, 5, is_rep);
			db_bind_text(s, 6, is_rep ? h->phone : NULL);
			free(fold);
			if ((e = db_exec(s)))
				return e;
		}
		s = dbc_stmt(c, STMT_UNIT_ADD_HOUSEHOLD);
		db_bind_i64(s, 1, h->village_id);
		db_bind_i64(s, 2, h->members);
		if ((e = db_exec(s)))
			return e;
		last_village = h->village_id;
		rep->applied++;
	}
	char payload[64];
	snprintf(payload, sizeof payload, "{\"households\":%lld}", (long long)rep->applied);
	struct event ev = {.actor = actor, .on_behalf = on_behalf, .unit = last_village,
			   .kind = "households.import", .subject = "households", .payload = payload};
	return events_add(c, &ev, NULL);
}

enum app_err households_list(struct arena *a, struct dbc *c, int64_t village_id, const char *q, int limit,
			     int offset, struct household **out, size_t *n)
{
	struct db_stmt *s = dbc_stmt(c, q && *q ? STMT_HH_SEARCH : STMT_HH_LIST);
	db_bind_i64(s, 1, village_id);
	db_bind_i64(s, 2, limit);
	db_bind_i64(s, 3, offset);
	if (q && *q) {
		char *fold = str_fold(q);
		char *up = arena_strdup(a, q);
		for (char *p = up; *p; p++)
			*p = *p >= 'a' && *p <= 'z' ? (char)(*p - 'a' + 'A') : *p;
		db_bind_text(s, 4, like_pattern(a, up));
		db_bind_text(s, 5, like_pattern(a, fold));
		free(fold);
	}
	size_t cap = limit < 128 ? (size_t)limit : 128, k = 0;
	struct household *v = arena_alloc(a, cap * sizeof *v);
	bool row;
	enum app_err e;
	while (!(e = db_step(s, &row)) && row && k < (size_t)limit) {
		if (k == cap) {
			struct household *w = arena_alloc(a, 2 * cap * sizeof *w);
			memcpy(w, v, cap * sizeof *v);
			v = w;
			cap *= 2;
		}
		struct household *h = &v[k++];
		db_cols(s, a, 0, DB_COL(&h->id), DB_COL(&h->code), DB_COL(&h->head), DB_COL(&h->address),
			DB_COL(&h->members), DB_COL(&h->rep), DB_COL(&h->phone));
	}
	db_reset(s);
	*out = v;
	*n = k;
	return e;
}

/* Indicator units.active (target T2, "IT applied in every unit"): of the
 * commune-level units at or below u, how many did their democracy work on
 * the platform in [from, to) — at least one public act that some module
 * counts as such work (module.h: a posting published, a matter put, a request
 * answered...) in their commune or below; setting up units and accounts does
 * not count. is_work is the registry's module_event_is_work. */
enum app_err units_indicator_active(struct arena *a, struct dbc *c, const struct unit *u, int64_t from, int64_t to,
				    int64_t now, bool (*is_work)(const char *kind), struct indicator_value *out)
{
	(void)now;
	struct unit *cs = (struct unit *)u;
	size_t n = 1;
	enum app_err e = APP_OK;
	if (!units_kind_is_commune_level(u->kind) && (e = units_children(a, c, u->id, &cs, &n)))
		return e;
	int64_t t0 = from * 86400 - 7 * 3600, t1 = to * 86400 - 7 * 3600; /* local midnights (UTC+7) */
	for (size_t i = 0; i < n && !e; i++) {
		if (!units_kind_is_commune_level(cs[i].kind))
			continue;
		struct db_stmt *s = dbc_stmt(c, STMT_UNIT_ACT_KINDS);
		db_bind_subtree(s, 1, 2, cs[i].path);
		db_bind_i64(s, 3, t0);
		db_bind_i64(s, 4, t1);
		bool active = false, row;
		while (!active && !(e = db_step(s, &row)) && row)
			active = is_work(db_col_text(s, 0));
		db_reset(s);
		out->den++;
		out->num += active;
		indicator_record_add(a, out, arena_printf(a, "/units/%s", cs[i].code), cs[i].title, active);
	}
	return e;
}

struct ensure_job {
	const struct unit *parent;
	const char *code, *kind, *title;
	int64_t now, id;
};

static enum app_err ensure_fn(struct dbc *c, void *arg)
{
	struct ensure_job *j = arg;
	return units_create(c, j->parent, j->code, j->kind, j->title, j->now, &j->id);
}

enum app_err units_ensure(struct db *db, struct arena *a, struct dbc *c, const struct unit *parent, const char *code,
			  const char *kind, const char *title, int64_t now, struct unit *out)
{
	if (!units_get(a, c, code, out))
		return APP_OK;
	struct ensure_job j = {parent, code, kind, title, now, 0};
	enum app_err e = db_write(db, ensure_fn, &j);
	return e ? e : units_get(a, c, code, out);
}
