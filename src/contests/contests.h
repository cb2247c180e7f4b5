/*
 * contests.h — online law-knowledge contests (cuộc thi tìm hiểu pháp luật
 * trực tuyến), measure 2 of the resolutions on grassroots democracy
 * (communication and legal education, Bắc Ninh 2025 Art. 4(2); Na Rì 2024
 * §3.2), run the way Vietnamese provinces run them: a question bank with
 * three difficulty levels; rounds with their dates; every attempt draws its
 * own questions at random by level, plus one prediction question ("how many
 * entrants will answer everything correctly?") that breaks ties; a time
 * limit kept here, not in the browser; one entrant per phone number and per
 * citizen ID; only each entrant's best attempt counts; rankings by correct
 * answers, then closeness of the prediction, then time. No HTTP, no clock,
 * no randomness of its own (the caller gives the bytes a draw uses).
 */
#ifndef COSO_CONTESTS_H
#define COSO_CONTESTS_H
#include "../app.h"
#include "../units/units.h"
#include "../util/problems.h"
#include <stdbool.h>
#include <stdint.h>

struct db;
struct dbc;
struct user;

#define CONTEST_MAX_CHOICES 6
#define CONTEST_MAX_QUESTIONS 60 /* drawn per attempt, all levels */
#define CONTEST_SEED_LEN 32

/* Whether u organises contests at the unit (officers holding CAP_MEASURES). */
bool contests_may_manage(const struct user *u, const struct unit *unit);

struct contest {
	int64_t id;
	struct unit unit; /* the organiser: a province or a commune-level unit */
	const char *title, *rules, *prediction;
	int n[3];         /* questions drawn per attempt: easy, medium, hard */
	int minutes, max_attempts;
	int64_t bank[3];  /* questions in the bank by level */
	int64_t entrants;
};
struct contest_input {
	const char *title, *rules, *prediction, *minutes, *max_attempts, *n_easy, *n_medium, *n_hard; /* as typed */
};
enum app_err contest_create(struct db *db, const struct user *u, const struct unit *unit,
			    const struct contest_input *in, int64_t now, int64_t *id, struct problems *pr);
enum app_err contest_get(struct arena *a, struct dbc *c, int64_t id, struct contest *out);
/* The contests organised at u, at the units above it and below it, newest first. */
enum app_err contests_for(struct arena *a, struct dbc *c, const struct unit *u, struct contest **out, size_t *n);

/* Imports questions into the bank, all or nothing: CSV (UTF-8) with the
 * columns cau_hoi, phuong_an_1 .. phuong_an_6 (at least two filled),
 * dap_an (the number of the right choice, or its letter A-F) and muc_do
 * (de, trung_binh, kho or 1-3); every bad line reported, nothing stored. */
enum app_err contest_bank_import(struct db *db, const struct user *u, int64_t contest_id, const char *data, size_t len,
				 int64_t now, int64_t *added, struct problems *pr);

struct contest_round {
	int64_t id, contest_id;
	int no;
	int64_t opens_at, closes_at, published_at; /* seconds; published_at 0 until results are out */
	int64_t attempts;                          /* handed in and scored */
};
/* Adds the next round; opens and closes as typed (a datetime-local field).
 * Rounds follow each other without overlapping. */
enum app_err contest_round_add(struct db *db, const struct user *u, const struct contest *ct, const char *opens,
			       const char *closes, int64_t now, struct problems *pr);
enum app_err contest_rounds(struct arena *a, struct dbc *c, int64_t contest_id, struct contest_round **out, size_t *n);
/* The round open at now among rs, or NULL. */
const struct contest_round *contest_round_open(const struct contest_round *rs, size_t n, int64_t now);

/* ---- an entrant's attempt ---- */
struct entry_input {
	const char *name, *phone, *citizen_id, *unit; /* as typed; unit: the code of where they live */
};
/* Registers the entrant (or finds them: the same phone and citizen ID) and
 * starts an attempt in the round open at now_ms, drawing its questions with
 * the seed's bytes. Refused: a phone already used with another citizen ID
 * or the reverse (one entrant per phone and ID), no round open, attempts
 * used up, a bank too small for the draw, a unit outside the organiser's
 * area. token is the attempt's secret address (crypto_token). */
enum app_err contest_attempt_start(struct db *db, const struct contest *ct, const struct entry_input *in,
				   const unsigned char seed[CONTEST_SEED_LEN], int64_t now_ms, const char *token,
				   struct problems *pr);

struct attempt_question {
	int64_t id;
	const char *body;
	const char *choice[CONTEST_MAX_CHOICES];
	int nchoice;
	int answer; /* the right choice, from 0 */
	int chosen; /* -1 none */
};
struct attempt {
	int64_t id, round_id, contest_id, entrant_id;
	int round_no;
	const char *token, *name;
	struct unit unit;
	int64_t started_ms, deadline_ms, submitted_ms; /* submitted_ms 0 while open */
	bool late;
	int correct; /* -1 until scored */
	int64_t prediction;
	struct attempt_question *q;
	int nq;
};
enum app_err contest_attempt_get(struct arena *a, struct dbc *c, const char *token, struct attempt *out);

/* Handing an attempt in, in two halves so the page can answer after the
 * group commit without holding a thread: prepare reads and scores (choices
 * "" or a choice's index per question, in the order shown; the prediction
 * as typed), then the write stores it once. Past its deadline the attempt
 * is stored as late and not scored (job->late set, the write succeeds). */
struct submit_job {
	int64_t attempt_id;
	int64_t now_ms;
	bool late;
	int correct, total;
	int64_t prediction;
	const char *answers;
};
enum app_err contest_submit_prepare(struct arena *a, struct dbc *c, const struct attempt *at, const char *const *choices,
				    const char *prediction, int64_t now_ms, struct submit_job *j, struct problems *pr);
/* db_write_fn: APP_ECONFLICT when the attempt was already handed in. */
enum app_err contest_submit_write(struct dbc *c, void *arg);

/* ---- results ---- */
struct standing {
	int rank;
	int64_t entrant_id, attempt_id;
	const char *name, *phone; /* phone masked: its first three and last three digits kept */
	struct unit unit;         /* where the entrant lives */
	int correct, total;
	int64_t prediction, off;  /* |prediction - actual| */
	int64_t elapsed_ms, submitted_ms;
};
/* Every entrant's best attempt in the round, ranked: correct answers (more
 * first), then closeness of the prediction to *actual (the entrants with
 * every answer right), then time taken, then who handed in first. */
enum app_err contest_standings(struct arena *a, struct dbc *c, int64_t round_id, int64_t *actual, struct standing **out,
			       size_t *n);
struct unit_result {
	struct unit unit; /* a unit one level below the organiser */
	int64_t entrants, scored, perfect;
	double mean; /* mean share of correct answers of the best attempts, 0-1 */
};
/* The standings grouped by the unit one level below the organiser (the
 * communes of a province, the villages of a commune), most entrants first. */
enum app_err contest_results_by_unit(struct arena *a, struct dbc *c, const struct contest *ct,
				     const struct standing *st, size_t n, struct unit_result **out, size_t *nout);
/* Publishes a closed round's results: a public event contest.result with
 * the counts and the first ten. Refused before the round closes, twice. */
enum app_err contest_round_publish(struct db *db, const struct user *u, const struct contest *ct, int no, int64_t now,
				   struct problems *pr);

/* The units below the organiser an entrant picks from (communes of a
 * province, villages of a commune), by name. */
enum app_err contest_entrant_units(struct arena *a, struct dbc *c, const struct unit *organiser, struct unit **out,
				   size_t *n);
/* Its section of a unit's annual report: the contests organised at the unit
 * or below with a round in the year. */
struct report;
enum app_err contests_report(struct arena *a, struct dbc *c, const struct unit *u, int year, int64_t now,
			     struct report *out);
#endif
