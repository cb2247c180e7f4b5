/*
 * contests.c — law-knowledge contests: the bank, rounds, entrants and their
 * attempts, scoring and rankings (contests.h).
 */
#include "contests.h"
#include "../auth/auth.h"
#include "../db/db.h"
#include "../events/events.h"
#include "../i18n/msg.h"
#include "../report.h"
#include "../util/cal.h"
#include "../util/buf.h"
#include "../util/csv.h"
#include "../util/str.h"
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool contests_may_manage(const struct user *u, const struct unit *unit)
{
	return u && (auth_caps_at(u, unit->path) & CAP_MEASURES);
}

/* A contest is organised by a province or a commune-level unit: its
 * entrants live in the units one level below. */
static bool organiser_kind(const char *kind)
{
	return !strcmp(kind, "province") || units_kind_is_commune_level(kind);
}

static bool entrant_level(const struct unit *organiser, const char *kind)
{
	return !strcmp(organiser->kind, "province") ? units_kind_is_commune_level(kind) : units_kind_is_village(kind);
}

/* ---- contests ---- */

static bool whole(struct problems *pr, const char *field, const char *v, int64_t lo, int64_t hi, enum msg_id m,
		  int *out)
{
	int64_t x;
	if (!v || str_to_i64(v, lo, hi, &x)) {
		problems_add(pr, field, msg(m));
		return false;
	}
	*out = (int)x;
	return true;
}

struct create_job {
	const struct user *u;
	const struct unit *unit;
	const struct contest_input *in;
	int n[3], minutes, max_attempts;
	int64_t now, id;
};

static enum app_err create_fn(struct dbc *c, void *arg)
{
	struct create_job *j = arg;
	struct db_stmt *s = dbc_stmt(c, STMT_CT_INSERT);
	db_bind_i64(s, 1, j->unit->id);
	db_bind_text(s, 2, j->in->title);
	db_bind_text(s, 3, j->in->rules ? j->in->rules : "");
	for (int k = 0; k < 3; k++)
		db_bind_i64(s, 4 + k, j->n[k]);
	db_bind_i64(s, 7, j->minutes);
	db_bind_i64(s, 8, j->max_attempts);
	db_bind_text(s, 9, j->in->prediction);
	db_bind_i64(s, 10, j->now);
	db_bind_i64(s, 11, j->u->id);
	enum app_err e;
	j->id = db_one_i64(s, 0, &e);
	if (e)
		return e;
	struct event ev = {.actor = j->u->id, .unit = j->unit->id, .kind = "contest.create", .about = "contest",
			   .about_id = j->id, .public = true, .at = j->now};
	return events_add(c, &ev, NULL);
}

enum app_err contest_create(struct db *db, const struct user *u, const struct unit *unit,
			    const struct contest_input *in, int64_t now, int64_t *id, struct problems *pr)
{
	if (!contests_may_manage(u, unit)) {
		problems_add(pr, "", msg(MSG_CT_WHO));
		return APP_EFORBID;
	}
	size_t before = pr->n;
	if (!organiser_kind(unit->kind))
		problems_add(pr, "", msg(MSG_CT_WHERE));
	if (!in->title || !*in->title || str_utf8_len(in->title) > 300)
		problems_add(pr, "title", msg(MSG_CT_BAD_TITLE));
	if (in->rules && str_utf8_len(in->rules) > 20000)
		problems_add(pr, "rules", msg(MSG_CT_BAD_RULES));
	if (!in->prediction || !*in->prediction || str_utf8_len(in->prediction) > 500)
		problems_add(pr, "prediction", msg(MSG_CT_BAD_PREDICTION_Q));
	struct create_job j = {.u = u, .unit = unit, .in = in, .now = now};
	whole(pr, "minutes", in->minutes, 1, 240, MSG_CT_BAD_MINUTES, &j.minutes);
	whole(pr, "max_attempts", in->max_attempts, 1, 20, MSG_CT_BAD_ATTEMPTS, &j.max_attempts);
	const char *nf[3] = {in->n_easy, in->n_medium, in->n_hard};
	static const char *const names[3] = {"n_easy", "n_medium", "n_hard"};
	bool ok = true;
	for (int k = 0; k < 3; k++)
		ok &= whole(pr, names[k], nf[k], 0, CONTEST_MAX_QUESTIONS, MSG_CT_BAD_COUNT, &j.n[k]);
	if (ok && (j.n[0] + j.n[1] + j.n[2] < 1 || j.n[0] + j.n[1] + j.n[2] > CONTEST_MAX_QUESTIONS))
		problems_add(pr, "n_easy", msg(MSG_CT_BAD_TOTAL));
	if (pr->n > before)
		return APP_EINVAL;
	enum app_err e = db_write(db, create_fn, &j);
	if (!e && id)
		*id = j.id;
	return e;
}

static void contest_read(struct arena *a, struct db_stmt *s, void *out)
{
	struct contest *ct = out;
	db_cols(s, a, 0, DB_COL(&ct->id), DB_COL(&ct->title), DB_COL(&ct->rules), DB_COL(&ct->prediction),
		DB_COL(&ct->n[0]), DB_COL(&ct->n[1]), DB_COL(&ct->n[2]), DB_COL(&ct->minutes), DB_COL(&ct->max_attempts),
		DB_COL(&ct->bank[0]), DB_COL(&ct->bank[1]), DB_COL(&ct->bank[2]), DB_COL(&ct->entrants));
	units_read_at(a, s, 13, &ct->unit);
}

enum app_err contest_get(struct arena *a, struct dbc *c, int64_t id, struct contest *out)
{
	struct db_stmt *s = dbc_stmt(c, STMT_CT_GET);
	db_bind_i64(s, 1, id);
	return db_get_row(s, a, contest_read, out);
}

enum app_err contests_for(struct arena *a, struct dbc *c, const struct unit *u, struct contest **out, size_t *n)
{
	struct db_stmt *s = dbc_stmt(c, STMT_CT_FOR);
	db_bind_text(s, 1, u->path);
	db_bind_subtree(s, 2, 3, u->path);
	return db_get_rows(s, a, contest_read, sizeof **out, (void **)out, n);
}

/* ---- the question bank ---- */

struct bank_row {
	const char *body, *choices;
	int answer, level;
};
struct bank_job {
	const struct user *u;
	const struct contest *ct;
	struct bank_row *rows;
	size_t n;
	int64_t now;
};

static enum app_err bank_fn(struct dbc *c, void *arg)
{
	struct bank_job *j = arg;
	enum app_err e = APP_OK;
	for (size_t i = 0; i < j->n && !e; i++)
		e = db_run(c, STMT_CT_Q_INSERT, "ittii", j->ct->id, j->rows[i].body, j->rows[i].choices,
			   (int64_t)j->rows[i].answer, (int64_t)j->rows[i].level);
	if (e)
		return e;
	/* the questions themselves stay out of the public record while the contest runs */
	char payload[64];
	snprintf(payload, sizeof payload, "{\"questions\":%zu}", j->n);
	struct event ev = {.actor = j->u->id, .unit = j->ct->unit.id, .kind = "contest.bank", .about = "contest",
			   .about_id = j->ct->id, .public = true, .payload = payload, .at = j->now};
	return events_add(c, &ev, NULL);
}

/* "de", "trung_binh", "kho" (any case and diacritics: "Dễ", "Trung bình", "Khó") or 1-3. */
static int level_of(const char *v)
{
	char *f = str_fold(v ? v : "");
	int l = 0;
	if (f) {
		for (char *p = f; *p; p++)
			if (*p == ' ')
				*p = '_';
		if (!strcmp(f, "1") || !strcmp(f, "de"))
			l = 1;
		else if (!strcmp(f, "2") || !strcmp(f, "trung_binh"))
			l = 2;
		else if (!strcmp(f, "3") || !strcmp(f, "kho"))
			l = 3;
	}
	free(f);
	return l;
}

#define BANK_MAX_ROWS 5000

enum app_err contest_bank_import(struct db *db, const struct user *u, int64_t contest_id, const char *data, size_t len,
				 int64_t now, int64_t *added, struct problems *pr)
{
	struct dbc *c;
	enum app_err e = db_conn(db, &c);
	if (e)
		return e;
	struct arena *a = pr->a;
	struct contest ct;
	if ((e = contest_get(a, c, contest_id, &ct)))
		return e;
	if (!contests_may_manage(u, &ct.unit)) {
		problems_add(pr, "", msg(MSG_CT_WHO));
		return APP_EFORBID;
	}
	size_t before = pr->n;
	if (!str_utf8_valid(data, len)) {
		problems_add(pr, "file", msg(MSG_MS_NOT_UTF8));
		return APP_EINVAL;
	}
	struct csv cv;
	csv_init(&cv, data, len);
	enum { C_Q, C_A1, C_ANSWER = C_A1 + CONTEST_MAX_CHOICES, C_LEVEL, C_N };
	int col[C_N];
	const char *names[C_N];
	names[C_Q] = "cau_hoi";
	for (int k = 0; k < CONTEST_MAX_CHOICES; k++)
		names[C_A1 + k] = arena_printf(a, "phuong_an_%d", k + 1);
	names[C_ANSWER] = "dap_an";
	names[C_LEVEL] = "muc_do";
	if (csv_header(&cv, names, C_N, col)) {
		problems_add(pr, "file", msg(MSG_CT_EMPTY_BANK));
		csv_free(&cv);
		return APP_EINVAL;
	}
	static const int required[] = {C_Q, C_A1, C_A1 + 1, C_ANSWER, C_LEVEL};
	for (size_t m = 0; m < sizeof required / sizeof *required; m++)
		if (col[required[m]] < 0)
			problems_add(pr, "file", arena_printf(a, "%s %s", msg(MSG_MS_MISSING_COLUMN), names[required[m]]));
	if (pr->n > before) {
		csv_free(&cv);
		return APP_EINVAL;
	}
	struct bank_row *rows = NULL;
	size_t n = 0, cap = 0;
	while (!(e = csv_next(&cv))) {
		const char *lv = arena_printf(a, "%s %d: ", msg(MSG_TG_LINE), cv.rec_line);
		if (n == BANK_MAX_ROWS) {
			problems_add(pr, "file", arena_printf(a, "%s%s", lv, msg(MSG_MS_TOO_MANY_ROWS)));
			break;
		}
		const char *fv[C_N];
		for (int m = 0; m < C_N; m++)
			fv[m] = col[m] >= 0 && (size_t)col[m] < cv.nfield ? cv.field[col[m]] : "";
		char *body = NULL;
		str_clean(fv[C_Q], strlen(fv[C_Q]), &body);
		bool bad = false;
		if (!body || !*body || str_utf8_len(body) > 2000) {
			problems_add(pr, "file", arena_printf(a, "%s%s", lv, msg(MSG_CT_BAD_QUESTION)));
			bad = true;
		}
		/* the choices: filled ones first, none after an empty one */
		struct buf ch = {0};
		int nchoice = 0;
		bool gap = false, badchoice = false;
		for (int k = 0; k < CONTEST_MAX_CHOICES; k++) {
			char *cl = NULL;
			str_clean(fv[C_A1 + k], strlen(fv[C_A1 + k]), &cl);
			if (cl && *cl) {
				if (gap || strchr(cl, '\n') || str_utf8_len(cl) > 500)
					badchoice = true;
				else
					buf_printf(&ch, "%s%s", nchoice++ ? "\n" : "", cl);
			} else {
				gap = true;
			}
			free(cl);
		}
		if (nchoice < 2 || badchoice) {
			problems_add(pr, "file", arena_printf(a, "%s%s", lv, msg(MSG_CT_BAD_CHOICES)));
			bad = true;
		}
		int answer = -1;
		const char *av = fv[C_ANSWER];
		if (strlen(av) == 1 && ((*av >= 'A' && *av <= 'F') || (*av >= 'a' && *av <= 'f')))
			answer = (*av | 0x20) - 'a';
		else if (strlen(av) == 1 && *av >= '1' && *av <= '6')
			answer = *av - '1';
		if (answer < 0 || answer >= nchoice) {
			problems_add(pr, "file", arena_printf(a, "%s%s «%s»", lv, msg(MSG_CT_BAD_ANSWER), av));
			bad = true;
		}
		int level = level_of(fv[C_LEVEL]);
		if (!level) {
			problems_add(pr, "file", arena_printf(a, "%s%s «%s»", lv, msg(MSG_CT_BAD_LEVEL), fv[C_LEVEL]));
			bad = true;
		}
		if (!bad) {
			rows = arena_grow(a, rows, n, &cap, sizeof *rows);
			rows[n++] = (struct bank_row){arena_strdup(a, body), arena_strdup(a, ch.p ? ch.p : ""), answer, level};
		}
		free(ch.p);
		free(body);
	}
	csv_free(&cv);
	if (e == APP_EINVAL)
		problems_add(pr, "file", msg(MSG_MS_BAD_CSV));
	else if (e != APP_ENOTFOUND && e)
		return e;
	if (!n && pr->n == before)
		problems_add(pr, "file", msg(MSG_CT_EMPTY_BANK));
	if (pr->n > before)
		return APP_EINVAL;
	struct bank_job j = {.u = u, .ct = &ct, .rows = rows, .n = n, .now = now};
	if ((e = db_write(db, bank_fn, &j)))
		return e;
	*added = (int64_t)n;
	return APP_OK;
}

/* ---- rounds ---- */

static void round_read(struct arena *a, struct db_stmt *s, void *out)
{
	struct contest_round *r = out;
	db_cols(s, a, 0, DB_COL(&r->id), DB_COL(&r->contest_id), DB_COL(&r->no), DB_COL(&r->opens_at),
		DB_COL(&r->closes_at), DB_COL(&r->published_at), DB_COL(&r->attempts));
}

enum app_err contest_rounds(struct arena *a, struct dbc *c, int64_t contest_id, struct contest_round **out, size_t *n)
{
	struct db_stmt *s = dbc_stmt(c, STMT_CT_ROUNDS);
	db_bind_i64(s, 1, contest_id);
	return db_get_rows(s, a, round_read, sizeof **out, (void **)out, n);
}

const struct contest_round *contest_round_open(const struct contest_round *rs, size_t n, int64_t now)
{
	for (size_t i = 0; i < n; i++)
		if (rs[i].opens_at <= now && now < rs[i].closes_at)
			return &rs[i];
	return NULL;
}

struct round_job {
	const struct user *u;
	const struct contest *ct;
	int64_t opens, closes, now;
	struct problems *pr;
};

static enum app_err round_fn(struct dbc *c, void *arg)
{
	struct round_job *j = arg;
	struct contest_round *rs;
	size_t n;
	enum app_err e = contest_rounds(j->pr->a, c, j->ct->id, &rs, &n);
	if (e)
		return e;
	if (n && j->opens < rs[n - 1].closes_at) {
		char t[MSG_TIME_LEN];
		msg_time((long long)rs[n - 1].closes_at, t);
		problems_add(j->pr, "opens", arena_printf(j->pr->a, "%s %s.", msg(MSG_CT_OVERLAP), t));
		return APP_EINVAL;
	}
	int no = n ? rs[n - 1].no + 1 : 1;
	if ((e = db_run(c, STMT_CT_ROUND_INSERT, "iiii", j->ct->id, (int64_t)no, j->opens, j->closes)))
		return e;
	char payload[96];
	snprintf(payload, sizeof payload, "{\"round\":%d,\"opens_at\":%lld,\"closes_at\":%lld}", no, (long long)j->opens,
		 (long long)j->closes);
	struct event ev = {.actor = j->u->id, .unit = j->ct->unit.id, .kind = "contest.round", .about = "contest",
			   .about_id = j->ct->id, .public = true, .payload = payload, .at = j->now};
	return events_add(c, &ev, NULL);
}

enum app_err contest_round_add(struct db *db, const struct user *u, const struct contest *ct, const char *opens,
			       const char *closes, int64_t now, struct problems *pr)
{
	if (!contests_may_manage(u, &ct->unit)) {
		problems_add(pr, "", msg(MSG_CT_WHO));
		return APP_EFORBID;
	}
	size_t before = pr->n;
	struct round_job j = {.u = u, .ct = ct, .now = now, .pr = pr};
	bool o = cal_parse_datetime(opens, &j.opens), cl = cal_parse_datetime(closes, &j.closes);
	if (!o)
		problems_add(pr, "opens", msg(MSG_CT_BAD_TIME));
	if (!cl)
		problems_add(pr, "closes", msg(MSG_CT_BAD_TIME));
	if (o && cl && j.closes <= j.opens)
		problems_add(pr, "closes", msg(MSG_CT_CLOSES_BEFORE));
	if (cl && j.closes <= now)
		problems_add(pr, "closes", msg(MSG_CT_CLOSES_PAST));
	if (o && cl && j.closes - j.opens > 366 * 86400)
		problems_add(pr, "closes", msg(MSG_CT_TOO_LONG));
	if (pr->n > before)
		return APP_EINVAL;
	return db_write(db, round_fn, &j);
}

/* ---- entrants and attempts ---- */

/* "0912 345 678", "+84 912.345.678", "84912345678" -> "0912345678"; false
 * unless a Vietnamese mobile number (10 digits, 03/05/07/08/09). */
static bool phone_norm(const char *in, char out[11])
{
	char d[24];
	size_t n = 0;
	for (const char *p = in ? in : ""; *p; p++) {
		if (*p >= '0' && *p <= '9') {
			if (n == sizeof d - 1)
				return false;
			d[n++] = *p;
		} else if (!strchr(" .-()+", *p)) {
			return false;
		}
	}
	d[n] = 0;
	const char *s = d;
	if (n == 11 && !strncmp(d, "84", 2)) {
		out[0] = '0';
		memcpy(out + 1, d + 2, 9);
	} else if (n == 10 && d[0] == '0') {
		memcpy(out, s, 10);
	} else {
		return false;
	}
	out[10] = 0;
	return strchr("35789", out[1]) != NULL;
}

static bool citizen_norm(const char *in, char out[13])
{
	size_t n = 0;
	for (const char *p = in ? in : ""; *p; p++) {
		if (*p >= '0' && *p <= '9') {
			if (n == 12)
				return false;
			out[n++] = *p;
		} else if (*p != ' ') {
			return false;
		}
	}
	out[n] = 0;
	return n == 12;
}

/* splitmix64: the draw's generator, seeded by the caller's bytes */
static uint64_t next_rand(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

struct start_job {
	const struct contest *ct;
	const struct contest_round *round;
	const char *name, *token;
	char phone[11], citizen[13];
	struct unit unit;
	uint64_t seed;
	int64_t now_ms;
	struct problems *pr;
};

static enum app_err start_fn(struct dbc *c, void *arg)
{
	struct start_job *j = arg;
	struct arena *a = j->pr->a;
	enum app_err e;
	/* one entrant per phone number and per citizen ID */
	struct db_stmt *s = dbc_stmt(c, STMT_CT_ENTRANT_BY_PHONE);
	db_bind_i64(s, 1, j->ct->id);
	db_bind_text(s, 2, j->phone);
	int64_t entrant = 0;
	if (!(e = db_row(s))) {
		entrant = db_col_i64(s, 0);
		bool same = !strcmp(db_col_text(s, 1), j->citizen);
		db_reset(s);
		if (!same) {
			problems_add(j->pr, "phone", msg(MSG_CT_PHONE_TAKEN));
			return APP_ECONFLICT;
		}
	} else if (e != APP_ENOTFOUND) {
		return e;
	} else {
		s = dbc_stmt(c, STMT_CT_ENTRANT_BY_CID);
		db_bind_i64(s, 1, j->ct->id);
		db_bind_text(s, 2, j->citizen);
		if (db_one_i64(s, 0, &e)) {
			problems_add(j->pr, "citizen_id", msg(MSG_CT_CITIZEN_TAKEN));
			return APP_ECONFLICT;
		}
		if (e)
			return e;
		s = dbc_stmt(c, STMT_CT_ENTRANT_INSERT);
		db_bind_i64(s, 1, j->ct->id);
		db_bind_text(s, 2, j->phone);
		db_bind_text(s, 3, j->citizen);
		db_bind_text(s, 4, j->name);
		db_bind_i64(s, 5, j->unit.id);
		db_bind_i64(s, 6, j->now_ms / 1000);
		if (!(entrant = db_one_i64(s, 0, &e)) || e)
			return e ? e : APP_EDB;
	}
	s = dbc_stmt(c, STMT_CT_ENTRANT_ATTEMPTS);
	db_bind_i64(s, 1, entrant);
	db_bind_i64(s, 2, j->round->id);
	int64_t used = db_one_i64(s, 0, &e);
	if (e)
		return e;
	if (used >= j->ct->max_attempts) {
		problems_add(j->pr, "phone", arena_printf(a, "%s (%d).", msg(MSG_CT_NO_ATTEMPTS_LEFT), j->ct->max_attempts));
		return APP_ECONFLICT;
	}
	/* the draw: n questions of each level, shuffled within the attempt */
	int64_t picked[CONTEST_MAX_QUESTIONS];
	int np = 0;
	uint64_t x = j->seed;
	for (int l = 0; l < 3; l++) {
		if (!j->ct->n[l])
			continue;
		s = dbc_stmt(c, STMT_CT_Q_IDS);
		db_bind_i64(s, 1, j->ct->id);
		db_bind_i64(s, 2, l + 1);
		int64_t *ids;
		size_t nid;
		if ((e = db_get_rows(s, a, db_row_i64, sizeof *ids, (void **)&ids, &nid)))
			return e;
		if (nid < (size_t)j->ct->n[l]) {
			problems_add(j->pr, "", msg(MSG_CT_BANK_SHORT));
			return APP_ECONFLICT;
		}
		for (int k = 0; k < j->ct->n[l]; k++) { /* a partial Fisher-Yates */
			size_t r = (size_t)k + (size_t)(next_rand(&x) % (nid - (size_t)k));
			int64_t t = ids[k];
			ids[k] = ids[r];
			ids[r] = t;
			picked[np++] = ids[k];
		}
	}
	for (int k = np - 1; k > 0; k--) {
		int r = (int)(next_rand(&x) % (uint64_t)(k + 1));
		int64_t t = picked[k];
		picked[k] = picked[r];
		picked[r] = t;
	}
	struct buf q = {0};
	for (int k = 0; k < np; k++)
		buf_printf(&q, "%s%lld", k ? "," : "", (long long)picked[k]);
	int64_t deadline = j->now_ms + (int64_t)j->ct->minutes * 60000;
	if (deadline > j->round->closes_at * 1000)
		deadline = j->round->closes_at * 1000; /* nothing is handed in after the round closes */
	e = db_run(c, STMT_CT_ATTEMPT_INSERT, "iittiii", j->round->id, entrant, j->token, q.p, (int64_t)np, j->now_ms,
		   deadline);
	free(q.p);
	return e;
}

enum app_err contest_attempt_start(struct db *db, const struct contest *ct, const struct entry_input *in,
				   const unsigned char seed[CONTEST_SEED_LEN], int64_t now_ms, const char *token,
				   struct problems *pr)
{
	struct arena *a = pr->a;
	struct dbc *c;
	enum app_err e = db_conn(db, &c);
	if (e)
		return e;
	struct contest_round *rs;
	size_t nr;
	if ((e = contest_rounds(a, c, ct->id, &rs, &nr)))
		return e;
	struct start_job j = {.ct = ct, .round = contest_round_open(rs, nr, now_ms / 1000), .token = token,
			      .now_ms = now_ms, .pr = pr};
	if (!j.round) {
		problems_add(pr, "", msg(MSG_CT_NOT_OPEN));
		return APP_ECONFLICT;
	}
	size_t before = pr->n;
	char *name = NULL;
	str_clean(in->name ? in->name : "", in->name ? strlen(in->name) : 0, &name);
	if (!name || !*name || str_utf8_len(name) > 200)
		problems_add(pr, "name", msg(MSG_CT_BAD_NAME));
	j.name = arena_strdup(a, name ? name : "");
	free(name);
	if (!phone_norm(in->phone, j.phone))
		problems_add(pr, "phone", msg(MSG_CT_BAD_PHONE));
	if (!citizen_norm(in->citizen_id, j.citizen))
		problems_add(pr, "citizen_id", msg(MSG_CT_BAD_CITIZEN));
	e = in->unit && *in->unit ? units_get(a, c, in->unit, &j.unit) : APP_ENOTFOUND;
	if (e && e != APP_ENOTFOUND)
		return e;
	if (e || !str_starts(j.unit.path, ct->unit.path) || !entrant_level(&ct->unit, j.unit.kind))
		problems_add(pr, "unit", msg(MSG_CT_BAD_UNIT));
	if (pr->n > before)
		return APP_EINVAL;
	for (int k = 0; k < CONTEST_SEED_LEN; k++)
		j.seed = j.seed * 131 + seed[k];
	return db_write(db, start_fn, &j);
}

static void attempt_read(struct arena *a, struct db_stmt *s, void *out)
{
	struct attempt *at = out;
	const char *qs, *ans;
	db_cols(s, a, 0, DB_COL(&at->id), DB_COL(&at->round_id), DB_COL(&at->contest_id), DB_COL(&at->entrant_id),
		DB_COL(&at->round_no), DB_COL(&at->token), DB_COL(&at->name), DB_COL(&at->started_ms),
		DB_COL(&at->deadline_ms), DB_COL(&at->submitted_ms), DB_COL(&at->late), DB_COL(&at->correct),
		DB_COL(&at->prediction), DB_COL(&qs), DB_COL(&ans));
	units_read_at(a, s, 15, &at->unit);
	/* question ids now; their text after the row is read */
	at->q = arena_alloc(a, CONTEST_MAX_QUESTIONS * sizeof *at->q);
	at->nq = 0;
	for (const char *p = qs; *p && at->nq < CONTEST_MAX_QUESTIONS;) {
		at->q[at->nq] = (struct attempt_question){.id = strtoll(p, NULL, 10), .chosen = -1};
		at->nq++;
		const char *comma = strchr(p, ',');
		p = comma ? comma + 1 : p + strlen(p);
	}
	int k = 0;
	for (const char *p = ans; *p && k < at->nq; k++) {
		at->q[k].chosen = (int)strtol(p, NULL, 10);
		const char *comma = strchr(p, ',');
		p = comma ? comma + 1 : p + strlen(p);
	}
}

enum app_err contest_attempt_get(struct arena *a, struct dbc *c, const char *token, struct attempt *out)
{
	if (!token || strlen(token) > 64)
		return APP_ENOTFOUND;
	struct db_stmt *s = dbc_stmt(c, STMT_CT_ATTEMPT_GET);
	db_bind_text(s, 1, token);
	enum app_err e = db_get_row(s, a, attempt_read, out);
	for (int k = 0; k < out->nq && !e; k++) {
		struct attempt_question *q = &out->q[k];
		s = dbc_stmt(c, STMT_CT_Q_GET);
		db_bind_i64(s, 1, q->id);
		if ((e = db_row(s)))
			return e == APP_ENOTFOUND ? APP_EDB : e;
		q->body = arena_strdup(a, db_col_text(s, 0));
		char *ch = arena_strdup(a, db_col_text(s, 1));
		q->answer = (int)db_col_i64(s, 2);
		db_reset(s);
		for (char *p = ch; p && q->nchoice < CONTEST_MAX_CHOICES;) {
			char *nl = strchr(p, '\n');
			if (nl)
				*nl = 0;
			q->choice[q->nchoice++] = p;
			p = nl ? nl + 1 : NULL;
		}
	}
	return e;
}

enum app_err contest_submit_prepare(struct arena *a, struct dbc *c, const struct attempt *at, const char *const *choices,
				    const char *prediction, int64_t now_ms, struct submit_job *j, struct problems *pr)
{
	(void)c;
	*j = (struct submit_job){.attempt_id = at->id, .now_ms = now_ms, .total = at->nq};
	if (at->submitted_ms) {
		char t[MSG_TIME_LEN];
		msg_time((long long)(at->submitted_ms / 1000), t);
		problems_add(pr, "", arena_printf(a, "%s %s.", msg(MSG_CT_ALREADY), t));
		return APP_ECONFLICT;
	}
	struct buf b = {0};
	if (now_ms > at->deadline_ms) {
		/* stored as handed in late, never scored (the time limit is the server's) */
		j->late = true;
		j->answers = "";
		return APP_OK;
	}
	size_t before = pr->n;
	for (int k = 0; k < at->nq; k++) {
		const char *v = choices ? choices[k] : NULL;
		int64_t x = -1;
		if (v && *v && (str_to_i64(v, 0, at->q[k].nchoice - 1, &x))) {
			problems_add(pr, arena_printf(a, "q%d", k + 1), arena_printf(a, "%s %d.", msg(MSG_CT_BAD_CHOICE), k + 1));
			x = -1;
		}
		j->correct += x >= 0 && x == at->q[k].answer;
		buf_printf(&b, "%s%lld", k ? "," : "", (long long)x);
	}
	if (!prediction || str_to_i64(prediction, 0, 100000000, &j->prediction))
		problems_add(pr, "prediction", msg(MSG_CT_BAD_PREDICTION));
	j->answers = arena_strdup(a, b.p ? b.p : "");
	free(b.p);
	return pr->n > before ? APP_EINVAL : APP_OK;
}

enum app_err contest_submit_write(struct dbc *c, void *arg)
{
	struct submit_job *j = arg;
	struct db_stmt *s = dbc_stmt(c, STMT_CT_ATTEMPT_SUBMIT);
	db_bind_i64(s, 1, j->attempt_id);
	db_bind_i64(s, 2, j->now_ms);
	db_bind_text(s, 3, j->answers);
	if (j->late) {
		db_bind_null(s, 4);
		db_bind_null(s, 5);
	} else {
		db_bind_i64(s, 4, j->correct);
		db_bind_i64(s, 5, j->prediction);
	}
	db_bind_i64(s, 6, j->late);
	enum app_err e;
	int64_t id = db_one_i64(s, 0, &e);
	return e ? e : id ? APP_OK : APP_ECONFLICT;
}

/* ---- results ---- */

static void scored_read(struct arena *a, struct db_stmt *s, void *out)
{
	struct standing *st = out;
	const char *phone;
	db_cols(s, a, 0, DB_COL(&st->attempt_id), DB_COL(&st->entrant_id), DB_COL(&st->name), DB_COL(&phone),
		DB_COL(&st->correct), DB_COL(&st->total), DB_COL(&st->prediction), DB_COL(&st->elapsed_ms),
		DB_COL(&st->submitted_ms));
	units_read_at(a, s, 9, &st->unit);
	size_t n = strlen(phone);
	char *m = arena_strdup(a, phone);
	for (size_t k = 3; k + 3 < n; k++)
		m[k] = 'x';
	st->phone = m;
}

/* better first: more correct, closer prediction, less time, handed in earlier */
static int standing_cmp(const void *x, const void *y)
{
	const struct standing *p = x, *q = y;
	if (p->correct != q->correct)
		return p->correct > q->correct ? -1 : 1;
	if (p->off != q->off)
		return p->off < q->off ? -1 : 1;
	if (p->elapsed_ms != q->elapsed_ms)
		return p->elapsed_ms < q->elapsed_ms ? -1 : 1;
	if (p->submitted_ms != q->submitted_ms)
		return p->submitted_ms < q->submitted_ms ? -1 : 1;
	return (p->attempt_id > q->attempt_id) - (p->attempt_id < q->attempt_id);
}

enum app_err contest_standings(struct arena *a, struct dbc *c, int64_t round_id, int64_t *actual, struct standing **out,
			       size_t *n)
{
	struct db_stmt *s = dbc_stmt(c, STMT_CT_SCORED);
	db_bind_i64(s, 1, round_id);
	struct standing *v;
	size_t nv;
	enum app_err e = db_get_rows(s, a, scored_read, sizeof *v, (void **)&v, &nv);
	if (e)
		return e;
	/* the prediction's answer: entrants with at least one attempt all right */
	int64_t perfect = 0;
	for (size_t i = 0; i < nv;) {
		size_t k = i;
		bool all = false;
		for (; k < nv && v[k].entrant_id == v[i].entrant_id; k++)
			all |= v[k].correct == v[k].total;
		perfect += all;
		i = k;
	}
	for (size_t i = 0; i < nv; i++)
		v[i].off = v[i].prediction > perfect ? v[i].prediction - perfect : perfect - v[i].prediction;
	/* each entrant's best attempt only */
	size_t m = 0;
	for (size_t i = 0; i < nv;) {
		size_t best = i, k = i;
		for (; k < nv && v[k].entrant_id == v[i].entrant_id; k++)
			if (standing_cmp(&v[k], &v[best]) < 0)
				best = k;
		v[m++] = v[best];
		i = k;
	}
	qsort(v, m, sizeof *v, standing_cmp);
	for (size_t i = 0; i < m; i++)
		v[i].rank = (int)i + 1;
	*actual = perfect;
	*out = v;
	*n = m;
	return APP_OK;
}

enum app_err contest_entrant_units(struct arena *a, struct dbc *c, const struct unit *organiser, struct unit **out,
				   size_t *n)
{
	struct unit *kids;
	size_t nk;
	enum app_err e = units_children(a, c, organiser->id, &kids, &nk);
	if (e)
		return e;
	size_t k = 0;
	for (size_t i = 0; i < nk; i++)
		if (entrant_level(organiser, kids[i].kind))
			kids[k++] = kids[i];
	*out = kids;
	*n = k;
	return APP_OK;
}

static int unit_result_cmp(const void *x, const void *y)
{
	const struct unit_result *p = x, *q = y;
	if (p->entrants != q->entrants)
		return p->entrants > q->entrants ? -1 : 1;
	return strcmp(p->unit.title, q->unit.title);
}

enum app_err contest_results_by_unit(struct arena *a, struct dbc *c, const struct contest *ct,
				     const struct standing *st, size_t n, struct unit_result **out, size_t *nout)
{
	struct unit *kids;
	size_t nk;
	enum app_err e = contest_entrant_units(a, c, &ct->unit, &kids, &nk);
	if (e)
		return e;
	struct unit_result *v = arena_alloc(a, (nk ? nk : 1) * sizeof *v);
	for (size_t i = 0; i < nk; i++)
		v[i] = (struct unit_result){.unit = kids[i]};
	struct db_stmt *s = dbc_stmt(c, STMT_CT_ENTRANTS_BY_UNIT);
	db_bind_i64(s, 1, ct->id);
	bool row;
	while (!(e = db_step(s, &row)) && row) {
		int64_t id = db_col_i64(s, 0);
		for (size_t i = 0; i < nk; i++)
			if (v[i].unit.id == id)
				v[i].entrants = db_col_i64(s, 1);
	}
	db_reset(s);
	if (e)
		return e;
	double *sum = arena_alloc(a, (nk ? nk : 1) * sizeof *sum);
	for (size_t k = 0; k < n; k++)
		for (size_t i = 0; i < nk; i++)
			if (v[i].unit.id == st[k].unit.id) {
				v[i].scored++;
				v[i].perfect += st[k].correct == st[k].total;
				sum[i] += st[k].total ? (double)st[k].correct / st[k].total : 0;
				break;
			}
	for (size_t i = 0; i < nk; i++)
		v[i].mean = v[i].scored ? sum[i] / (double)v[i].scored : 0;
	qsort(v, nk, sizeof *v, unit_result_cmp);
	*out = v;
	*nout = nk;
	return APP_OK;
}

struct publish_job {
	const struct user *u;
	const struct contest *ct;
	const struct contest_round *round;
	int64_t now;
	struct problems *pr;
};

static enum app_err publish_fn(struct dbc *c, void *arg)
{
	struct publish_job *j = arg;
	struct db_stmt *s = dbc_stmt(c, STMT_CT_ROUND_PUBLISH);
	db_bind_i64(s, 1, j->round->id);
	db_bind_i64(s, 2, j->now);
	enum app_err e;
	if (!db_one_i64(s, 0, &e)) {
		if (!e)
			problems_add(j->pr, "", msg(MSG_CT_PUBLISHED_TWICE));
		return e ? e : APP_ECONFLICT;
	}
	int64_t actual;
	struct standing *st;
	size_t n;
	if ((e = contest_standings(j->pr->a, c, j->round->id, &actual, &st, &n)))
		return e;
	json_t *top = json_array();
	for (size_t i = 0; i < n && i < 10; i++)
		json_array_append_new(top, json_pack("{s:i, s:s, s:s, s:i, s:i, s:I, s:I}", "rank", st[i].rank, "name",
						     st[i].name, "unit", st[i].unit.code, "correct", st[i].correct, "of",
						     st[i].total, "prediction", (json_int_t)st[i].prediction, "ms",
						     (json_int_t)st[i].elapsed_ms));
	json_t *p = json_pack("{s:i, s:I, s:I, s:o}", "round", j->round->no, "entrants", (json_int_t)n, "all_correct",
			      (json_int_t)actual, "top", top);
	char *payload = json_dumps(p, JSON_COMPACT);
	json_decref(p);
	struct event ev = {.actor = j->u->id, .unit = j->ct->unit.id, .kind = "contest.result", .about = "contest",
			   .about_id = j->ct->id, .public = true, .payload = payload, .at = j->now};
	e = events_add(c, &ev, NULL);
	free(payload);
	return e;
}

enum app_err contest_round_publish(struct db *db, const struct user *u, const struct contest *ct, int no, int64_t now,
				   struct problems *pr)
{
	if (!contests_may_manage(u, &ct->unit)) {
		problems_add(pr, "", msg(MSG_CT_WHO));
		return APP_EFORBID;
	}
	struct dbc *c;
	enum app_err e = db_conn(db, &c);
	if (e)
		return e;
	struct contest_round *rs;
	size_t nr;
	if ((e = contest_rounds(pr->a, c, ct->id, &rs, &nr)))
		return e;
	const struct contest_round *r = NULL;
	for (size_t i = 0; i < nr; i++)
		if (rs[i].no == no)
			r = &rs[i];
	if (!r)
		return APP_ENOTFOUND;
	if (now < r->closes_at) {
		problems_add(pr, "", msg(MSG_CT_NOT_CLOSED));
		return APP_ECONFLICT;
	}
	struct publish_job j = {.u = u, .ct = ct, .round = r, .now = now, .pr = pr};
	return db_write(db, publish_fn, &j);
}

/* ---- the annual report (report.h) ---- */

enum app_err contests_report(struct arena *a, struct dbc *c, const struct unit *u, int year, int64_t now,
			     struct report *out)
{
	(void)now;
	struct contest *v;
	size_t n;
	enum app_err e = contests_for(a, c, u, &v, &n);
	if (e)
		return e;
	/* 1 January and the next, local midnights (UTC+7), as instants */
	int64_t t0 = cal_days_from_civil(year, 1, 1) * 86400 - 7 * 3600, t1 = cal_days_from_civil(year + 1, 1, 1) * 86400 - 7 * 3600;
	struct contest *in = arena_alloc(a, (n ? n : 1) * sizeof *in);
	int64_t *rounds = arena_alloc(a, (n ? n : 1) * sizeof *rounds), *scored = arena_alloc(a, (n ? n : 1) * sizeof *scored);
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (!str_starts(v[i].unit.path, u->path))
			continue; /* organised above the unit: the organiser reports it */
		struct contest_round *rs;
		size_t nr;
		if ((e = contest_rounds(a, c, v[i].id, &rs, &nr)))
			return e;
		int64_t nround = 0, sc = 0;
		for (size_t j = 0; j < nr; j++)
			if (rs[j].opens_at < t1 && rs[j].closes_at > t0)
				nround++, sc += rs[j].attempts;
		if (!nround)
			continue;
		in[k] = v[i], rounds[k] = nround, scored[k] = sc;
		k++;
	}
	struct report_section *s = report_section_add(out, msg(MSG_CT_SECTION));
	if (!k) {
		report_para(out, s, "%s", msg(MSG_CT_RP_NONE));
		return APP_OK;
	}
	int64_t entrants = 0;
	for (size_t i = 0; i < k; i++)
		entrants += in[i].entrants;
	report_para(out, s, "%s %zu, %s %lld.", msg(MSG_CT_RP_CONTESTS), k, msg(MSG_CT_RP_ENTRANTS), (long long)entrants);
	static const double w[5] = {45, 25, 10, 12, 12};
	static const bool num[5] = {false, false, true, true, true};
	const char **head = arena_alloc(a, 5 * sizeof *head);
	head[0] = msg(MSG_CT_TITLE), head[1] = msg(MSG_CT_RP_ORGANISER), head[2] = msg(MSG_CT_ROUNDS);
	head[3] = msg(MSG_CT_ENTRANTS), head[4] = msg(MSG_CT_SCORED);
	const char **cell = report_table_add(out, s, msg(MSG_CT_RP_SHEET), 5, head, w, num, k);
	for (size_t i = 0; i < k; i++) {
		const char **row = &cell[i * 5];
		row[0] = in[i].title;
		row[1] = in[i].unit.title;
		row[2] = arena_printf(a, "%lld", (long long)rounds[i]);
		row[3] = arena_printf(a, "%lld", (long long)in[i].entrants);
		row[4] = arena_printf(a, "%lld", (long long)scored[i]);
	}
	return APP_OK;
}
