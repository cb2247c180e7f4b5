/*
 * measures.h — the measures a resolution on grassroots democracy lists
 * (Law 10/2022 Art. 8; issue #12), as records the targets are computed
 * from: training courses and who completed them (measure 1), outreach and
 * legal education (measure 2), and the rules in force at each unit — its
 * democracy regulation (quy chế) and a commune council's resolution on
 * measures (Art. 86(1)(a)). Who must be trained is derived from what people
 * hold in the platform, never typed in. No HTTP, no clock.
 */
#ifndef COSO_MEASURES_H
#define COSO_MEASURES_H
#include "../app.h"
#include "../indicator.h"
#include "../units/units.h"
#include "../util/problems.h"
#include <stdbool.h>
#include <stdint.h>

struct db;
struct dbc;
struct user;

/* Whether u records measures (courses, outreach, regulations) at the unit. */
bool measures_may_record(const struct user *u, const struct unit *unit);

/* ---- who must be trained (Law Art. 8(1); DESIGN.md target T1) ---- */
enum duty_source { DUTY_ACCOUNT, DUTY_BOARD };
struct duty_person {
	struct unit unit;      /* where they serve */
	const char *name;      /* full name */
	const char *name_fold; /* folded, the key with the unit */
	const char *why;       /* what they hold, Vietnamese ("Trưởng thôn", "Thành viên Ban TTND") */
	bool officer;          /* a commune-level or province officer (target "every assigned officer attended") */
	int64_t trained_on;    /* the day their latest completed course ended, 0 if none */
	int64_t course_id;     /* that course */
};
/* Everyone at u and below who must be trained — accounts holding a duty role,
 * inspection-board members elected in the villages, the drafting teams of
 * conventions being made — at the instant now, with
 * their latest completed course ending before day before (0: any). One entry
 * per person and unit, by unit then name. */
enum app_err duty_people(struct arena *a, struct dbc *c, const struct unit *u, int64_t now, int64_t before,
			 struct duty_person **out, size_t *n);

/* ---- courses ---- */
enum course_form { COURSE_IN_PERSON, COURSE_ONLINE };
extern const char *const course_forms[]; /* "in_person", "online" */
struct course {
	int64_t id;
	struct unit unit; /* organiser */
	const char *title, *topic, *organiser, *groups;
	enum course_form form;
	int64_t starts, ends; /* days */
	int64_t participants, completed;
};
struct course_input {
	const char *title, *topic, *organiser, *form, *groups, *starts, *ends; /* as typed */
};
enum app_err course_create(struct db *db, const struct user *u, const struct unit *unit, const struct course_input *in,
			   int64_t now, int64_t *id, struct problems *pr);
enum app_err course_get(struct arena *a, struct dbc *c, int64_t id, struct course *out);
/* The courses organised at u and below, newest first (at most 200). */
enum app_err courses_under(struct arena *a, struct dbc *c, const struct unit *u, struct course **out, size_t *n);
struct participant {
	struct unit unit;
	const char *name, *certificate;
	bool completed;
};
enum app_err course_participants(struct arena *a, struct dbc *c, int64_t course_id, struct participant **out, size_t *n);
/* Imports an attendance list into a course, all or nothing: CSV (UTF-8), or
 * XLSX (its first sheet), with the columns ma_don_vi, ho_ten, hoan_thanh (co/khong, 1/0), so_chung_chi
 * (may be empty). Every person must be known at their unit (one who must be
 * trained there, an account holding a role there, or a resident of that
 * village) and the unit inside the organiser's area; every bad line is
 * reported (field "file", its message naming the line), nothing is stored. *added: rows written. */
enum app_err course_import(struct db *db, const struct user *u, int64_t course_id, const char *data, size_t len,
			   int64_t now, int64_t *added, struct problems *pr);

/* ---- outreach and legal education (Art. 8(2)) ---- */
extern const char *const outreach_kinds[]; /* conference broadcast poster online contest meeting */
#define OUTREACH_NKINDS 6
struct outreach {
	int64_t id;
	struct unit unit;
	const char *kind, *title, *audience;
	int64_t held_on, reach;
};
struct outreach_input {
	const char *kind, *title, *held_on, *audience, *reach;
};
enum app_err outreach_create(struct db *db, const struct user *u, const struct unit *unit,
			     const struct outreach_input *in, int64_t now, int64_t *id, struct problems *pr);
enum app_err outreach_under(struct arena *a, struct dbc *c, const struct unit *u, struct outreach **out, size_t *n);

/* ---- regulations and resolutions on measures ---- */
struct regulation {
	int64_t id;
	struct unit unit;
	const char *kind, *number, *title;
	int64_t issued_on;
};
struct regulation_input {
	const char *kind, *number, *title, *issued_on;
};
/* kind "regulation" at a commune-level unit, an agency, a public unit or an
 * employer; "measures_resolution" at a commune-level unit (Art. 86(1)(a)). */
enum app_err regulation_create(struct db *db, const struct user *u, const struct unit *unit,
			       const struct regulation_input *in, int64_t now, int64_t *id, struct problems *pr);
enum app_err regulations_under(struct arena *a, struct dbc *c, const struct unit *u, struct regulation **out, size_t *n);

/* ---- the information network (Bắc Ninh 2025 draft Art. 4(4)(b)) ---- */
extern const char *const relay_kinds[];    /* front mass_org respected_person other */
#define RELAY_NKINDS 4
extern const char *const relay_channels[]; /* loudspeaker meeting door_to_door zalo facebook phone other */
#define RELAY_NCHANNELS 7
struct relay {
	int64_t id;
	struct unit unit;
	const char *kind, *name, *channels, *contact;
	int64_t reach;
};
struct relay_input {
	const char *kind, *name, *channels, *reach, *contact; /* as typed; channels space separated */
};
/* A relay of information at a commune-level unit or one of its villages:
 * at least one channel. */
enum app_err relay_create(struct db *db, const struct user *u, const struct unit *unit, const struct relay_input *in,
			  int64_t now, int64_t *id, struct problems *pr);
enum app_err relays_under(struct arena *a, struct dbc *c, const struct unit *u, struct relay **out, size_t *n);

/* ---- awards and violations (Art. 8(4); Arts. 9-10) ---- */
extern const char *const award_kinds[];     /* commendation model violation */
#define AWARD_NKINDS 3
extern const char *const award_levels[];    /* central province commune unit */
#define AWARD_NLEVELS 4
extern const char *const award_handlings[]; /* pending administrative disciplinary criminal compensation */
#define AWARD_NHANDLINGS 5
struct award {
	int64_t id;
	struct unit unit;
	const char *kind, *recipient, *level, *reason, *decision, *handling;
	bool collective;
	int64_t decided_on;
};
struct award_input {
	const char *kind, *recipient, *collective, *level, *reason, *decision, *decided_on, *handling; /* as typed */
};
/* A commendation (its level and decision required), a model example, or a
 * violation of the prohibited acts with how it was handled, at the unit. */
enum app_err award_create(struct db *db, const struct user *u, const struct unit *unit, const struct award_input *in,
			  int64_t now, int64_t *id, struct problems *pr);
/* Those decided in days [from, to) at u and below, newest first. */
enum app_err awards_under(struct arena *a, struct dbc *c, const struct unit *u, int64_t from, int64_t to,
			  struct award **out, size_t *n);

/* ---- the budget ---- */
extern const char *const budget_activities[]; /* training outreach contest it awards boards other */
#define BUDGET_NACTIVITIES 7
extern const char *const budget_sources[];    /* state socialised */
struct budget_line {
	int64_t id;
	struct unit unit;
	int year;
	const char *activity, *source;
	int64_t estimate, spent; /* đồng */
};
struct budget_input {
	const char *year, *activity, *source, *estimate; /* as typed */
};
/* Sets the year's estimate of an activity from a source at the unit (a
 * second time replaces it). Only officers of the unit or above. */
enum app_err budget_put(struct db *db, const struct user *u, const struct unit *unit, const struct budget_input *in,
			int64_t now, int64_t *id, struct problems *pr);
struct spending_input {
	const char *spent_on, *amount, *note;
};
/* Records spending against a line: a day of the line's year, not in the
 * future, an amount above zero; only officers of the line's unit or above.
 * *line receives the line (its unit and year). */
enum app_err spending_add(struct db *db, const struct user *u, int64_t line_id, const struct spending_input *in,
			  int64_t now, struct budget_line *line, struct problems *pr);
enum app_err budget_lines_under(struct arena *a, struct dbc *c, const struct unit *u, int year, struct budget_line **out,
				size_t *n);

/* ---- the annual report (report.h): training, outreach, regulations, awards, budget ---- */
struct report;
enum app_err measures_report(struct arena *a, struct dbc *c, const struct unit *u, int year, int64_t now,
			     struct report *out);

/* ---- indicators (module.h) ---- */
enum app_err measures_indicator_trained(struct arena *a, struct dbc *c, const struct unit *u, int64_t from, int64_t to,
					int64_t now, struct indicator_value *out);
enum app_err measures_indicator_officers(struct arena *a, struct dbc *c, const struct unit *u, int64_t from, int64_t to,
					 int64_t now, struct indicator_value *out);
enum app_err measures_indicator_outreach(struct arena *a, struct dbc *c, const struct unit *u, int64_t from, int64_t to,
					 int64_t now, struct indicator_value *out);
enum app_err measures_indicator_regulation(struct arena *a, struct dbc *c, const struct unit *u, int64_t from,
					   int64_t to, int64_t now, struct indicator_value *out);
enum app_err measures_indicator_resolution(struct arena *a, struct dbc *c, const struct unit *u, int64_t from,
					   int64_t to, int64_t now, struct indicator_value *out);
#endif
