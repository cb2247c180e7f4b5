/*
 * decisions_int.h — what the domain files of decisions share among
 * themselves (matters.c, ballots.c, meetings.c, recognition.c, paper.c,
 * elections.c), and no one else. No HTTP here and no page here.
 */
#ifndef COSO_DECISIONS_INT_H
#define COSO_DECISIONS_INT_H
#include "decisions.h"
#include "../db/db.h"

/* creating a matter (matters.c), also for an election or a dismissal */
struct create_job {
	const struct unit *v;
	const struct matter_input *in;
	int64_t actor, on_behalf, id, now;
};
enum app_err matter_create_fn(struct dbc *c, void *arg);
/* whether a household is in a matter's electorate (matters.c) */
enum app_err matter_electorate_has(struct dbc *c, int64_t matter, int64_t household, bool *in);

/* an act at a meeting (meetings.c) */
struct meeting_job;
typedef enum app_err (*meeting_act_fn)(struct dbc *c, struct arena *a, struct meeting_job *j, const struct matter *m,
				       const struct meeting *g);
struct meeting_job {
	meeting_act_fn act;   /* the act, run once the meeting is open for it */
	const struct user *u; /* who acts: checked by meeting_open (and sign_fn) */
	int64_t matter, household, actor, vfor, vagainst, vabstain;
	int64_t now;       /* when the act is done */
	int cluster;
	bool present;      /* attendance: present; a procedural vote: passed */
	const char *slot;  /* minutes: the signature's slot; a procedural vote: its kind */
	const char *subject;
	enum msg_id why;
	const char *field; /* the field the refusal is about, or NULL */
};
/* The matter and its meeting, which must still be open for this act, and
 * j->u must be the one who runs it (decisions_may_run_meeting). */
enum app_err meeting_open(struct dbc *c, struct arena *a, struct meeting_job *j, struct matter *m, struct meeting *g);
enum app_err meeting_count_board_ready(struct dbc *c, struct meeting_job *j, const struct meeting *g);
/* the count is recorded: the meeting ends, a public act */
/* Runs a meeting act; a refusal's reason goes to pr. */
enum app_err meeting_run_job(struct db *db, db_write_fn fn, struct meeting_job *j, struct problems *pr);
enum app_err meeting_end(struct dbc *c, int64_t matter, int64_t unit, int64_t actor, int64_t now);

#endif
