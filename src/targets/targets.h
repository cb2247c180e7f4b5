/*
 * targets.h — the resolution's targets (mục tiêu) computed from records: a
 * People's Council resolution "on measures to ensure the implementation of
 * grassroots democracy" (Law 10/2022 Arts. 8, 85(2), 86(1)(a)) is data — a
 * text file listing its targets (a formula over the modules' indicators, the
 * unit kinds it is measured at, a threshold), its measures and its period —
 * and every figure comes from the indicators the modules register
 * (indicator.h). Versions are kept by effective date; the one in force at a
 * unit is the newest of the nearest issuer at or above it. Quarterly
 * snapshots are stored and recorded as public events, so trends cannot be
 * rewritten. No HTTP here.
 */
#ifndef COSO_TARGETS_H
#define COSO_TARGETS_H
#include "../app.h"
#include "../indicator.h"
#include "../units/units.h"
#include "../util/problems.h"
#include <stdbool.h>
#include <stdint.h>

struct dbc;
struct db;
struct user;

#define TARGET_MAX_TERMS 8

/* One target: its figure is the pooled sum of its indicators' numerators over
 * the sum of their denominators ("a + b"), at the units of its kinds. */
struct target {
	const char *id;      /* "T1" */
	const char *name;    /* what the resolution says, Vietnamese */
	const char *formula; /* as written: "training.trained + boards.complete" */
	const struct indicator *terms[TARGET_MAX_TERMS];
	size_t nterms;
	const char *kinds;   /* unit kinds it is measured at, space separated */
	int threshold;       /* percent, 1..100 */
	const char *measures; /* the measures that move it, "M1 M2" ("" if none named) */
};
struct measure {
	const char *id;   /* "M1" */
	const char *name; /* Vietnamese */
	const char *detail;
};
struct resolution {
	int64_t id;          /* resolutions.id, 0 before it is stored */
	const char *code;    /* "bac-ninh-2025" */
	const char *title;
	const char *issuer;  /* the issuing unit's code */
	const char *issuer_title;
	const char *basis;   /* the resolution's number and date as printed, or "" */
	int64_t effective;   /* day (days since 1970) */
	int year_from, year_to; /* its period, years included */
	struct target *t;
	size_t nt;
	struct measure *m;
	size_t nm;
	const char *source;  /* the file as loaded */
	int64_t loaded_at;
};

/* Parses a resolution file (targets.md documents the format). Every problem
 * goes to pr with field "file" and a message naming its line; returns
 * APP_EINVAL when there is one. The issuer's existence is checked by
 * targets_load, not here. */
enum app_err resolution_parse(struct arena *a, const char *text, size_t len, struct resolution *out, struct problems *pr);

/* Stores a parsed resolution issued by its unit (the issuer must exist and
 * be a province or commune-level unit; the same code and effective date once),
 * with its public event "targets.resolution". u may be NULL (coso init). */
enum app_err targets_load(struct db *db, const struct user *u, const char *text, size_t len, int64_t now, int64_t *id,
			  struct problems *pr);
/* Whether u may load a resolution issued by that unit (its administrators). */
bool targets_may_load(const struct user *u, const struct unit *issuer);
/* Every stored resolution, newest effective first. */
enum app_err targets_resolutions(struct arena *a, struct dbc *c, struct resolution **out, size_t *n);
enum app_err targets_resolution_get(struct arena *a, struct dbc *c, int64_t id, struct resolution *out);
/* The resolution in force at u for year: the nearest issuer at or above u
 * with a version whose period covers the year and that took effect by its
 * end, the newest such version. APP_ENOTFOUND when none. */
enum app_err targets_in_force(struct arena *a, struct dbc *c, const struct unit *u, int year, struct resolution *out);

/* Whether the target is measured at units of that kind. */
bool target_applies(const struct target *t, const char *kind);
const struct target *resolution_target(const struct resolution *res, const char *id);

/* A target's figure at a unit for the year (1 January to the end of the
 * year, or to today when the year is not over), with the records behind it
 * when want_records. */
struct target_figure {
	int64_t num, den;
	struct indicator_record *rec; /* each with the indicator it came from */
	const char **rec_ind;
	size_t nrec, cap;
};
enum app_err target_compute(struct arena *a, struct dbc *c, const struct target *t, const struct unit *u, int year,
			    int64_t now, bool want_records, struct target_figure *out);
/* value in tenths of a percent (1000 = 100 %), -1 when there is nothing to count */
int64_t target_permille(int64_t num, int64_t den);
/* Whether the figure reaches the target's threshold (nothing to count: met). */
bool target_met(const struct target *t, int64_t num, int64_t den);

/* The units a target rolls up from below u: the commune-level units of a
 * province, the villages of a commune — those of the target's kinds. */
enum app_err target_children(struct arena *a, struct dbc *c, const struct target *t, const struct unit *u,
			     struct unit **out, size_t *n);

/* ---- quarterly snapshots ---- */
/* "2026-Q3" for a day. The quarter's last day+1 into *end. */
const char *targets_quarter_of(struct arena *a, int64_t day, int64_t *start, int64_t *end);
struct target_snap {
	const char *unit;     /* unit code */
	const char *unit_title;
	const char *target;   /* "T1" */
	int64_t num, den, taken_at;
};
/* Takes the snapshot of quarter q ("2026-Q3", ended) for u and the units its
 * targets roll up from: every figure of the year to the quarter's end, stored
 * once (a second snapshot of the same quarter changes nothing) with the public
 * event "targets.snapshot". *taken: figures stored now (0 when it existed). */
enum app_err targets_snapshot(struct db *db, const struct unit *u, const char *quarter, int64_t now, int64_t *taken);
/* Every province's and commune's figures of the quarter (default: the last
 * ended), computed and not stored, with the time and the peak memory
 * printed: the country's roll-up (`coso targets rollup`, make bench). */
enum app_err targets_rollup_all(struct db *db, const char *quarter, int64_t now);
/* The same figures computed, stored only when store is set (*taken: the
 * figures computed, or stored); the country's roll-up in make bench. */
enum app_err targets_quarter_figures(struct db *db, const struct unit *u, const char *quarter, int64_t now, bool store,
				     int64_t *taken);
/* The snapshot rows of quarter q at u and the units below it (target, unit). */
enum app_err targets_snapshot_rows(struct arena *a, struct dbc *c, const struct resolution *res, const struct unit *u,
				   const char *quarter, struct target_snap **out, size_t *n);
/* The latest quarters with a snapshot of res at u, newest first (at most max). */
enum app_err targets_snapshot_quarters(struct arena *a, struct dbc *c, const struct resolution *res,
				       const struct unit *u, size_t max, const char ***out, size_t *n);

/* ---- scorecards (scorecard.c) ---- */
enum scorecard_card { SC_DEMOCRACY, SC_LEGAL_ACCESS, SC__N };
extern const char *const scorecard_cards[SC__N]; /* "democracy", "legal_access" */
struct scorecard_item {
	const char *id, *name;
	int points;          /* the weight (democracy) or the points (legal access) */
	bool set;            /* set by the province (else the default) */
	bool confirmed;      /* the split checked against the legal texts */
	struct target target; /* how it is measured */
};
struct scorecard {
	enum scorecard_card card;
	struct unit province; /* where the points are set */
	const struct resolution *res; /* democracy: the resolution in force, NULL if none */
	struct scorecard_item *item;
	size_t n;
};
/* The items of a card at u for the year, with the points its province set. */
enum app_err scorecard_items(struct arena *a, struct dbc *c, const struct unit *u, int year, enum scorecard_card card,
			     struct scorecard *out);
struct scorecard_result {
	double score;     /* points earned */
	int64_t max;      /* points to earn */
	double *earned;   /* per item */
	int64_t *permille; /* per item: its figure in tenths of a percent, -1 when not measured here */
	size_t missing;   /* items no module measures yet */
};
/* Each item earns its points times its figure over its threshold (at most 1). */
enum app_err scorecard_compute(struct arena *a, struct dbc *c, struct scorecard *sc, const struct unit *u, int year,
			       int64_t now, struct scorecard_result *out);
/* Whether u sets the points at the province (CAP_MEASURES there). */
bool scorecard_may_set(const struct user *u, const struct unit *province);
/* Sets every item's points (0-100, as typed, in the card's order; not all 0),
 * with the public event targets.scorecard. */
enum app_err scorecard_set(struct db *db, const struct user *u, const struct scorecard *sc, const char *const *typed,
			   int64_t now, struct problems *pr);
#endif
