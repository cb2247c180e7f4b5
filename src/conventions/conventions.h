/*
 * conventions.h — village conventions (hương ước, quy ước) through the
 * lifecycle of Decree 61/2023/NĐ-CP: proposed by the village head or by
 * residents with at least 10 % of households consenting (Art. 7), drafted by
 * a team (Art. 8), published for comments at least 30 days (Art. 9), adopted
 * by more than half of all households — a matter on item 3 of the decisions
 * module (Art. 10; Law 10/2022 Art. 15(3)) — the file sent to the commune
 * within 5 working days, recognised or refused in writing within 5 working
 * days of it (Art. 11), sent on within 2 working days (Art. 18(1)(a)),
 * published at the cultural house and at least one other way (Art. 15(1)),
 * reviewed every year (Art. 15(4)), suspended within 3 working days of a
 * complaint (Art. 12), amended (Art. 13: a new convention going through the
 * steps again) or annulled within 5 working days (Art. 14). Every step is
 * kept with the day it was done and the day it was due; the text and its
 * history are public. No HTTP, no clock.
 */
#ifndef COSO_CONVENTIONS_H
#define COSO_CONVENTIONS_H
#include "../app.h"
#include "../i18n/msg.h"
#include "../indicator.h"
#include "../units/units.h"
#include "../util/problems.h"
#include <stdbool.h>
#include <stdint.h>

struct db;
struct dbc;
struct user;

/* Decree 61/2023's numbers, kept as data: the law may change them. */
#define CONVENTION_CONSENT_PERMILLE 100 /* Art. 7: 10 % of households */
#define CONVENTION_COMMENT_DAYS 30      /* Art. 9(1): at least 30 days */
#define CONVENTION_SEND_WD 5            /* Art. 11(3)(a): file sent within 5 working days */
#define CONVENTION_RECOGNISE_WD 5       /* Art. 11(5): recognised within 5 working days */
#define CONVENTION_DISTRIBUTE_WD 2      /* Art. 18(1)(a): sent on within 2 working days */
#define CONVENTION_SUSPEND_WD 3         /* Art. 12: suspension within 3 working days */
#define CONVENTION_ANNUL_WD 5           /* Art. 14: annulment within 5 working days */

enum convention_stage {
	CV_PROPOSED,   /* proposed, no drafting team yet */
	CV_DRAFTING,   /* the team drafts */
	CV_CONSULTING, /* the draft is published for comments */
	CV_ADOPTED,    /* the community adopted it */
	CV_SENT,       /* the file is with the commune */
	CV_RECOGNISED, /* recognised: in force */
	CV_REFUSED,    /* not recognised */
	CV_SUSPENDED,  /* suspended in full or in part */
	CV_ANNULLED,   /* annulled */
	CV_REPLACED,   /* an amended convention took its place */
	CV__N
};
extern const char *const convention_stages[CV__N];
extern const enum msg_id convention_stage_labels[CV__N];

/* The steps, each an act with its own form. */
enum convention_step {
	CS_PROPOSE, CS_TEAM, CS_CONSULT, CS_ADOPT, CS_SEND, CS_RECOGNISE, CS_REFUSE, CS_DISTRIBUTE, CS_PUBLISH,
	CS_REVIEW, CS_SUSPEND, CS_ANNUL, CS__N
};
extern const char *const convention_steps[CS__N];
extern const enum msg_id convention_step_labels[CS__N];
/* Whether the step is the commune's (its People's Committee) or the village's (its head). */
bool convention_step_communes(enum convention_step s);

struct convention {
	int64_t id, parent_id, matter_id;
	struct unit village;
	const char *kind, *title, *proposer, *team, *draft, *decision, *channels;
	enum convention_stage stage;
	int64_t consents, households;
	bool front_approved;
	int64_t comment_from, comment_to, adopted_on, sent_on, recognised_on; /* days, 0 if not yet */
	int64_t consultation_id; /* the consultation that carried the comments, or 0 */
};
struct convention_event {
	const char *step, *note, *by;
	int64_t day, due, at;
};

/* Whether u may take the step on the convention of that village: the
 * village's steps by its head (CAP_CONVENE there), the commune's by its
 * officers and chair (CAP_RECOGNISE at the commune). */
bool conventions_may(const struct user *u, const struct unit *village, enum convention_step s);

struct convention_input {
	const char *kind, *title, *proposer, *consents, *front_approved, *parent, *day; /* as typed */
};
/* Step 1 (Art. 7): a proposal at a village. A residents' proposal needs
 * consents from 10 % of the village's households, or the Front's approval. */
enum app_err convention_propose(struct db *db, const struct user *u, const struct unit *village,
				const struct convention_input *in, int64_t now, int64_t *id, struct problems *pr);

/* The other steps. fields: the form's values by name (team, draft,
 * comment_from, comment_to, matter, day, decision, reason, channels, extent,
 * complaint_on, outcome, consultation), NULL when absent. The draft goes out
 * for comments either through a consultation of the village published in the
 * consultation module (consultation: its number; the text and the period are
 * taken from it) or with its text and period typed in. */
struct convention_fields {
	const char *team, *draft, *comment_from, *comment_to, *matter, *day, *decision, *reason, *channels, *extent,
		*complaint_on, *outcome, *consultation;
};
enum app_err convention_step(struct db *db, const struct user *u, int64_t id, enum convention_step step,
			     const struct convention_fields *f, int64_t now, struct problems *pr);

enum app_err convention_get(struct arena *a, struct dbc *c, int64_t id, struct convention *out);
enum app_err conventions_under(struct arena *a, struct dbc *c, const struct unit *u, struct convention **out, size_t *n);
enum app_err convention_history(struct arena *a, struct dbc *c, int64_t id, struct convention_event **out, size_t *n);

/* What is due next on a convention and by when (working days, holidays
 * counted): the step, its due day (0 if none); late when now is past it. */
struct convention_next {
	enum convention_step step; /* CS__N when nothing is due */
	int64_t due;
	bool late;
};
enum app_err convention_next(struct dbc *c, const struct convention *cv, int64_t today, struct convention_next *out);

/* The publication channels (Art. 15(1)): cultural_house, conference, network,
 * copies, social, legal_workers, other. */
extern const char *const convention_channels[];
#define CONVENTION_NCHANNELS 7

/* Indicator conventions.reviewed: villages with a convention in force, and
 * those among them whose convention was reviewed in the period. */
enum app_err conventions_indicator_reviewed(struct arena *a, struct dbc *c, const struct unit *u, int64_t from,
					    int64_t to, int64_t now, struct indicator_value *out);
/* The yearly statistics of Art. 16 for the annual report (report.h). */
struct report;
enum app_err conventions_report(struct arena *a, struct dbc *c, const struct unit *u, int year, int64_t now,
				struct report *out);
#endif
