/*
 * decisions.h — matters the people discuss and decide (dân bàn và quyết
 * định; Law 10/2022 Arts. 15-23, Decree 59/2023 Arts. 3-5): the thresholds
 * as data, the forms the law allows, matters, and the online ballot box with
 * one vote per household, receipts, and secrecy (who voted is stored apart
 * from what was chosen). No HTTP here: pages and API are in matters_pages.c.
 */
#ifndef COSO_DECISIONS_H
#define COSO_DECISIONS_H
#include "../app.h"
#include "../units/units.h"
#include "../util/arena.h"
#include <stdbool.h>
#include <stdint.h>

struct dbc;
struct db;

/* Art. 21(1), from decision_rules. */
struct decision_rule {
	int num, den;             /* the fraction */
	bool strict;              /* more than (>) rather than at least (>=) */
	const char *counts;       /* households, villages */
	const char *forms;        /* forms allowed directly (Art. 17), ';' separated */
	const char *legal_basis;
	const char *confirmed;    /* C, S, U */
};
enum app_err decision_rule_get(struct arena *a, struct dbc *c, int item, const char *scope, const char *day,
			       struct decision_rule *out);
/* Integer arithmetic, always against ALL households (or villages): with 100
 * households, at least 2/3 needs 67 and more than 1/2 needs 51. */
int64_t decision_needed(const struct decision_rule *r, int64_t all);
bool decision_passes(const struct decision_rule *r, int64_t votes, int64_t all);

struct matter {
	int64_t id;
	struct unit unit;          /* the village */
	int item;                  /* Art. 15 item, 1..6 */
	const char *scope;         /* village, commune */
	const char *form;          /* meeting, ballot, online */
	const char *title, *description;
	bool secret, allow_change, front_agreed;
	int64_t eligible;          /* all households of the village when it opened */
	int64_t opens_at, prepoll_closes_at, closes_at, created_at;
	const char *proposer;      /* username */
	int64_t prepoll_yes;       /* recorded pre-poll result, -1 until counted */
};

/* Where a matter stands at time now: scheduled, prepoll (step 1 of an online
 * vote), open, rejected_online (the pre-poll did not reach more than half of
 * all households), closed. prepoll_yes: households for voting online. */
const char *matter_stage(const struct matter *m, int64_t now, int64_t prepoll_yes);

struct matter_result {
	int64_t prepoll_turnout, prepoll_yes, prepoll_no, prepoll_abstain; /* step 1 */
	bool prepoll_passed;
	int64_t turnout, votes_for, votes_against, votes_abstain;
	int64_t needed;                          /* votes for that pass it */
	bool closed, passed;
	const char *stage;
};
enum app_err matter_result(struct dbc *c, const struct matter *m, const struct decision_rule *rule, int64_t now,
			   struct matter_result *out);

enum app_err matter_get(struct arena *a, struct dbc *c, int64_t id, struct matter *out);
/* Matters of the units in a subtree, newest first. */
enum app_err matter_list(struct arena *a, struct dbc *c, const char *path, int limit, struct matter **out, size_t *n);

/* What a village head submits. Times are UTC seconds. */
struct matter_input {
	int item;
	const char *form, *title, *description;
	bool secret, allow_change, front_agreed;
	int64_t prepoll_closes_at, closes_at;
};
/* Checks the law's restrictions on forms (Art. 17; Decree 59 Art. 5) and the
 * timeline; NULL when fine, else a Vietnamese reason and the field. */
const char *matter_check(struct arena *a, struct dbc *c, const struct unit *village, const struct matter_input *in,
			 int64_t now, const char **field);
/* opens_at 0: now. */
enum app_err matter_create(struct db *db, const struct unit *village, const struct matter_input *in, int64_t opens_at,
			   int64_t actor, int64_t on_behalf, int64_t *id);

/* One household's ballot. choice: for, against, abstain. replaces: the
 * receipt of the household's earlier vote when the matter allows a change,
 * else NULL. On success receipt holds the new receipt (durable). On refusal
 * *why is a Vietnamese reason. */
#define RECEIPT_LEN 14 /* "R-XXXXX-XXXXX" and NUL */
enum app_err ballot_cast(struct db *db, int64_t matter_id, int64_t user_id, const char *choice, const char *replaces,
			 char receipt[RECEIPT_LEN], const char **why);
#endif
