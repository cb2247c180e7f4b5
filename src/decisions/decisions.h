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
#include "../i18n/msg.h"
#include "../units/units.h"
#include "../util/arena.h"
#include <stdbool.h>
#include <stdint.h>

struct db;
struct dbc;
struct problems;
struct user;

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

/* How a matter is decided (Art. 17), and where it stands: enums with one
 * name table each (the names are the API's and the database's). */
enum matter_form { FORM_MEETING, FORM_BALLOT, FORM_ONLINE, FORM__N };
extern const char *const matter_form_names[FORM__N]; /* meeting, ballot, online */
/* FORM__N when the name is none of them */
enum matter_form matter_form_of(const char *name);
enum matter_stage {
	STAGE_SCHEDULED, STAGE_PREPOLL, STAGE_REJECTED_ONLINE, STAGE_OPEN, STAGE_MEETING, STAGE_CLOSED, STAGE__N
};
extern const char *const matter_stage_names[STAGE__N]; /* scheduled, prepoll, rejected_online, open, meeting, closed */

struct matter {
	int64_t id;
	struct unit unit;          /* the village */
	int item;                  /* Art. 15 item, 1..6 */
	const char *scope;         /* village, commune */
	enum matter_form form;
	const char *title, *description;
	bool secret, allow_change, front_agreed;
	int64_t eligible;          /* all households of the village when it opened */
	int64_t opens_at, prepoll_closes_at, closes_at, created_at;
	const char *proposer;      /* username */
	int64_t prepoll_yes;       /* recorded pre-poll result, -1 until counted */
	int64_t follows;           /* ballots: the meeting that could not decide, else 0 */
	const char *team;          /* ballots: the ballot team, names separated by ';' */
	int64_t parent_id;         /* a village's part of a commune-wide matter, else 0 */
};

/* Where a matter stands at time now: scheduled, prepoll (step 1 of an online
 * vote), open, rejected_online (the pre-poll did not reach more than half of
 * all households), closed. prepoll_yes: households for voting online. */
enum matter_stage matter_stage(const struct matter *m, int64_t now, int64_t prepoll_yes);

struct matter_result {
	int64_t prepoll_turnout, prepoll_yes, prepoll_no, prepoll_abstain; /* step 1 */
	bool prepoll_passed;
	int64_t turnout, votes_for, votes_against, votes_abstain;
	int64_t needed;                          /* votes for that pass it */
	bool closed, passed;
	enum matter_stage stage;
};
enum app_err matter_result(struct dbc *c, const struct matter *m, const struct decision_rule *rule, int64_t now,
			   struct matter_result *out);

enum app_err matter_get(struct arena *a, struct dbc *c, int64_t id, struct matter *out);
/* The rule in force when the matter was put, and its result at time now. */
enum app_err matter_outcome(struct arena *a, struct dbc *c, const struct matter *m, int64_t now,
			    struct decision_rule *rule, struct matter_result *res);
/* Matters of the units in a subtree, newest first (by close, then id). */
enum app_err matter_list(struct arena *a, struct dbc *c, const char *path, int limit, struct matter **out, size_t *n);
/* The newest matters whose title holds q (letter case ignored for ASCII on
 * SQLite, for every letter on PostgreSQL). */
enum app_err matter_search(struct arena *a, struct dbc *c, const char *q, int limit, struct matter **out, size_t *n);
/* The same a page at a time: after the matter of the cursor (NULL: the
 * first page), with the total in the subtree when total is not NULL. */
struct matter_cursor {
	int64_t closes_at, id; /* of the last matter of the previous page */
};
enum app_err matter_list_page(struct arena *a, struct dbc *c, const char *path, int limit, const struct matter_cursor *after,
			 struct matter **out, size_t *n, int64_t *total);

/* What a village head submits. Times are UTC seconds. */
struct matter_input {
	int item;
	const char *form, *title, *description;
	bool secret, allow_change, front_agreed;
	int64_t prepoll_closes_at, closes_at;  /* online */
	int64_t meeting_at;                    /* meeting: when it starts */
	const char *location;                  /* meeting: where */
	int clusters;                          /* meeting: 1, or more for villages of >= 200 households */
	const char *method;                    /* meeting: hands, secret */
	int64_t follows;                       /* ballot: the meeting that failed */
	const char *team;                      /* ballot: 3 to 5 names, ';' or new lines between */
	int64_t opens_at;                      /* ballot: distribution (2 days' notice) */
};

/* A community meeting (form "meeting"). */
struct meeting {
	int64_t starts_at;
	const char *location;
	int clusters;
	const char *method;        /* hands, secret */
	int64_t ended_at, sent_at; /* 0 until the count is recorded / the minutes are signed by all four */
};
enum app_err meeting_get(struct arena *a, struct dbc *c, int64_t matter_id, struct meeting *out);
/* scheduled (before it starts), meeting (started, count not recorded), closed */
enum matter_stage meeting_stage(const struct meeting *g, int64_t now);
/* The members a commune's People's Inspection Board needs: one per village,
 * never fewer than 5 (Law Art. 36(1); Decree 59 Art. 13(2)). */
/* Procedural votes at a meeting (Decree 59 Art. 3(5)), by show of hands: the
 * secretary, the vote-count board (3 to 5 people), show of hands or secret
 * ballot for the matter ("hands", "secret"; adopted, it becomes the meeting's
 * method), or a choice between options. Each is adopted by MORE than half of
 * the household representatives present in that cluster (not all
 * households). A secretary, board or method adopted once in a cluster is not
 * voted again; a secret ballot is not counted before a board is adopted. */
struct procedure {
	int64_t id;
	int cluster;
	const char *kind;     /* secretary, count_board, method, option */
	const char *subject;  /* the name(s), the method, or the option */
	int64_t votes_for, present;
	bool passed;
	int64_t at;
	const char *by;       /* who recorded it */
};
bool procedure_passes(int64_t vfor, int64_t present);
enum app_err meeting_procedure(struct db *db, int64_t matter_id, int cluster, const char *kind, const char *subject,
			       int64_t vfor, const struct user *u, int64_t now, bool *passed, struct problems *pr);
enum app_err meeting_procedures(struct arena *a, struct dbc *c, int64_t matter_id, struct procedure **out, size_t *n);
/* Households present at a matter's meeting, in one cluster (0: all). */
enum app_err meeting_present(struct dbc *c, int64_t matter, int cluster, int64_t *n);
/* Whether a household may take part in a matter: of its village and in its
 * electorate (the village's households when it was announced). APP_EINVAL
 * with *why (MT_OTHER_VILLAGE_HOUSEHOLD, MT_NOT_ELECTORATE) when not. */
enum app_err matter_household_check(struct dbc *c, const struct matter *m, int64_t household, enum msg_id *why);
/* Whether a household is an active one of the village. */
enum app_err household_in_village(struct dbc *c, int64_t household, int64_t village, bool *in);
/* The minutes go to the commune within 5 working days of the meeting (Art. 20). */
int64_t meeting_minutes_due(struct dbc *c, const struct meeting *g);
/* The acts at a meeting are done by whoever runs it (decisions_may_run_meeting),
 * checked by the write itself; a refusal's reason goes to pr. */
/* Attendance in two halves, for a server that answers after the group
 * commit: the job (in the arena, with pr), its write (a db_write_fn). */
struct attendance;
struct arena;
struct attendance *meeting_attendance_new(struct arena *a, int64_t matter_id, int64_t household, int cluster, bool present,
					  const struct user *u, int64_t now, struct problems *pr);
enum app_err meeting_attendance_write(struct dbc *c, void *attendance);
/* the pr given to meeting_attendance_new, for the answer */
struct problems *meeting_attendance_problems(const struct attendance *t);
/* Attendance of one household (present or not) in a cluster. */
enum app_err meeting_attend(struct db *db, int64_t matter_id, int64_t household, int cluster, bool present,
			    const struct user *u, int64_t now, struct problems *pr);
/* A cluster's count (show of hands or ballot); the last cluster closes the meeting. */
enum app_err meeting_count(struct db *db, int64_t matter_id, int cluster, int64_t vfor, int64_t vagainst,
			   int64_t vabstain, const struct user *u, int64_t now, struct problems *pr);
/* The signer's signature on the minutes in their own slot (the village
 * head, the Front, two household representatives: Art. 20); the fourth
 * sends them to the commune. */
enum app_err matter_sign(struct db *db, int64_t matter_id, const struct user *u, int64_t now, struct problems *pr);
/* The slot (village_head, front, household_1, household_2) in which u may
 * still sign the minutes, or NULL. */
extern const char *const meeting_slots[4];
const char *meeting_sign_slot(struct arena *a, struct dbc *c, const struct user *u, const struct matter *m);
/* Checks the law's restrictions on forms (Art. 17; Decree 59 Art. 5) and the
 * timeline; every problem goes to pr (field and a Vietnamese sentence). */
void matter_check(struct arena *a, struct dbc *c, const struct unit *village, const struct matter_input *in, int64_t now,
		  struct problems *pr);
/* The village head puts a matter to the village at the instant now (it
 * opens then): checked (matter_check) and written, or every problem in pr. */
enum app_err matter_create(struct db *db, struct dbc *c, const struct unit *village, const struct matter_input *in,
			   const struct user *u, int64_t now, int64_t *id, struct problems *pr);

/* One household's ballot, in two halves so that a server answers after the
 * group commit (app_defer_write): ballot_prepare checks the input (choice:
 * for, against, abstain; replaces and change_key: the receipt and the change
 * key of the household's earlier ballot when the matter allows a change,
 * else NULL) and fills j, or adds every problem to pr; ballot_write is the
 * write (a db_write_fn), after which j->receipt holds the new receipt (and
 * j->change_key the new change key when the matter allows a change, else
 * ""), durable once the write is; a refusal found while writing goes to the
 * same pr (in the request's arena: the request waits for the write). */
#define RECEIPT_LEN 14    /* "R-", 5 characters, "-", 5 characters, and the NUL */
#define CHANGE_KEY_LEN 20 /* "K-" and three groups of 5 characters between dashes, and the NUL */
struct ballot_job {
	int64_t matter, user;  /* user 0 with token_hash: the write verifies the token */
	int64_t now;           /* when it arrived: before the close, or refused */
	const char *token_hash;
	const char *choice, *replaces, *replaces_key;
	char receipt[RECEIPT_LEN];
	char change_key[CHANGE_KEY_LEN];
	struct problems *pr; /* where a refusal's reason goes */
	int64_t household;   /* by SMS: the household (user 0), found by its one-time code */
	bool sms_secret_ok;  /* by SMS: the province allows SMS ballots in a secret vote */
};
enum app_err ballot_prepare(struct ballot_job *j, int64_t matter_id, int64_t user_id, const char *choice,
			    const char *replaces, const char *change_key, int64_t now, struct problems *pr);
enum app_err ballot_write(struct dbc *c, void *job);
/* Whether each ballot cast with an account also notifies its voter (in-app
 * and the chosen channels; COSO_NOTIFY_BALLOTS=1): off by default. */
void decisions_notify_ballots(bool on);
/* "BQ 4821 DONG Y" from a representative's registered number (sms.c, module.h). */
struct buf;
enum app_err decisions_sms_vote(struct dbc *c, const char *province, const char *from, const char *words, const char *raw, int64_t now,
				struct buf *reply);

/* ---- the sealed ballot box (ballot_box.c) ---- */
/* The ballot key, derived from a server secret kept outside the database (the
 * key file); set once at start-up, before any ballot is read or written. */
void ballot_box_key_set(const uint8_t *secret, size_t n);
/* The same in two steps: the master key derived one way from the secret (a
 * node that does not sign is given it, not the ledger key), then set. */
void ballot_box_master_of(const uint8_t *secret, size_t n, uint8_t master[32]);
void ballot_box_master_set(const uint8_t master[32]);
bool ballot_box_ready(void);
void ballot_new_receipt(char out[RECEIPT_LEN]);
/* Stores a choice sealed, with a new receipt; with change_key non-NULL also a
 * new change key bound to household (a change needs both). open_vote: the
 * household is stored beside the box (an open vote), else nothing is. */
enum app_err ballot_box_put(struct dbc *c, int64_t matter, const char *stage, const char *choice, int64_t household,
			    bool open_vote, char receipt[RECEIPT_LEN], char change_key[CHANGE_KEY_LEN]);
/* Removes the ballot of that receipt if the change key was given to that
 * household for it (receipt and key forgiving case and spaces); APP_ENOTFOUND
 * otherwise, nothing removed. */
/* Many ballots in one statement (the group commit's batch on PostgreSQL):
 * each sealed with a new receipt (and change key when change_key is set). */
struct ballot_put {
	int64_t matter, household;
	const char *stage, *choice;
	bool open_vote;
	char *receipt;    /* RECEIPT_LEN, filled */
	char *change_key; /* CHANGE_KEY_LEN, filled; NULL: no change allowed */
};
enum app_err ballot_box_put_many(struct dbc *c, struct ballot_put *b, int n);
/* The same ballots as ballot_write would write them, run together (db_batch_fn):
 * bearer-token ballots; any other kind makes the whole group run one by one. */
enum app_err ballot_write_batch(struct dbc *c, void **jobs, enum app_err *results, int n);
enum app_err ballot_box_take_back(struct dbc *c, int64_t matter, const char *stage, const char *receipt,
				  const char *change_key, int64_t household);
/* for, against, abstain of a step, by opening every box. final: the step
 * closed for good (no ballot can still be committing): the count is kept in
 * memory and served from there the next time. */
enum app_err ballot_box_tally(struct dbc *c, int64_t matter, const char *stage, bool final, int64_t out[3]);
struct ballot_receipt {
	char receipt[RECEIPT_LEN];
	const char *choice; /* static */
};
/* The ballot of a receipt as a person types it (any case, spaces, dashes
 * or none; O for 0, I and L for 1): its receipt written properly and its
 * choice (static); APP_ENOTFOUND when no ballot of that step has it. */
enum app_err ballot_box_find(struct dbc *c, int64_t matter, const char *stage, const char *receipt_in,
			     char receipt[RECEIPT_LEN], const char **choice);
/* An open vote's ballot of a household (open votes keep the household;
 * secret ones do not, and give APP_ENOTFOUND): its receipt and choice. */
enum app_err ballot_box_of_household(struct dbc *c, int64_t matter, const char *stage, int64_t household,
				     char receipt[RECEIPT_LEN], const char **choice);
/* Every receipt of a step with its choice, in receipt order (arena memory). */
enum app_err ballot_box_receipts(struct arena *a, struct dbc *c, int64_t matter, const char *stage,
				 struct ballot_receipt **out, size_t *n);
/* Seals the ballots stored before the box existed (once, at start-up). */
enum app_err ballot_box_upgrade(struct db *db);

/* ---- what the commune does with the decision (Art. 21(2), 22) ---- */
/* Who recognises a decision: "commune" (the People's Committee: items 3, 4),
 * "front" (the Front committee: item 5), or NULL (items 1, 2, 6 of a village
 * take effect when adopted). */
const char *matter_recogniser(const struct matter *m);
struct matter_standing {
	const char *recogniser;   /* as above */
	int64_t received_at;      /* the decision reached the commune: minutes signed, or the vote closed */
	int64_t due;              /* day by which to recognise (5 working days), 0 if none */
	const char *act;          /* newest act: recognised, refused, annulled, amend, or NULL */
	const char *reason, *by;
	int64_t at;
	bool in_force;            /* the decision has effect */
};
enum app_err matter_standing_get(struct arena *a, struct dbc *c, const struct matter *m,
				 const struct matter_result *res, struct matter_standing *out);
/* An act of the commune: recognised or refused (by the recogniser, once),
 * annulled or amend (the People's Committee, Art. 22). Reasons are required
 * except for recognition. */
enum app_err matter_act(struct db *db, int64_t matter_id, const char *act, const char *reason, const struct user *u,
			int64_t now, struct problems *pr);

/* Commune-wide items 1-2 (Art. 16, 21(1)): the commune chair, with the Front's
 * agreement, puts the matter to every village; each village meets on it (a
 * child matter). NULL when fine, else the reason and the field. */
void commune_matter_check(struct arena *a, struct dbc *c, const struct unit *commune, const struct matter_input *in,
			  int64_t now, struct problems *pr);
enum app_err commune_matter_create(struct db *db, struct dbc *c, const struct unit *commune, const struct matter_input *in,
				   const struct user *u, int64_t now, int64_t *id, struct problems *pr);
/* The children (one per village) of a commune-wide matter. */
enum app_err matter_children(struct arena *a, struct dbc *c, int64_t id, struct matter **out, size_t *n);

/* ---- village head elections (Decree 59 Arts. 6-8) ---- */
struct election {
	int64_t plan_at, team_at, notice_at, list_at; /* 0 until done */
	const char *team;
	const char *kind;  /* village_head; inspection_board, investment_board (item 5) */
};
struct candidate {
	int seq;
	const char *name, *source; /* front, meeting */
	int64_t votes;             /* -1 before the count */
};
enum app_err election_get(struct arena *a, struct dbc *c, int64_t matter_id, struct election *out);
enum app_err candidates_get(struct arena *a, struct dbc *c, int64_t matter_id, struct candidate **out, size_t *n);
/* The writes below check who acts (permissions.c) and add every problem to
 * pr. An election at a village meeting. kind village_head (item 4): the commune
 * chair decides at least 20 days before, with the steps of Decree 59 Arts. 6-8;
 * inspection_board or investment_board (item 5): the Front puts it, with the
 * usual 2 days' notice. */
enum app_err election_create(struct db *db, const struct unit *village, const char *kind, int64_t meeting_at,
			     const char *location, const char *method, const struct user *u, int64_t now, int64_t *id,
			     struct problems *pr);
/* The steps before the meeting, each by its deadline: step is "team" (10 days;
 * text: the team, one per line, led by the Front's representative), "notice"
 * (7 days), "candidate" (the Front's list, 15 days; at the meeting:
 * nominations). */
enum app_err election_step(struct db *db, int64_t matter_id, const char *step, const char *text, bool at_meeting,
			   const struct user *u, int64_t now, struct problems *pr);
/* The count: votes per candidate (in seq order), at most the households present. */
enum app_err election_count(struct db *db, int64_t matter_id, const int64_t *votes, size_t n, const struct user *u,
			    int64_t now, struct problems *pr);

/* ---- relieving a village head (Decree 59 Art. 9) ---- */
struct dismissal {
	const char *trigger;      /* own_request, front, petition */
	int64_t initiative_id;    /* the petition, or 0 */
	const char *acting_head;  /* appointed by the commune meanwhile, or "" */
	int64_t acting_at;
};
enum app_err dismissal_get(struct arena *a, struct dbc *c, int64_t matter_id, struct dismissal *out);
/* A meeting to relieve the village head: trigger own_request (the head's
 * written request), front (the Front committee head's proposal) or petition
 * (an initiative of item 4 with the valid consent of at least half of the
 * households). */
enum app_err dismissal_create(struct db *db, const struct unit *village, const char *trigger, int64_t initiative_id,
			      int64_t meeting_at, const char *location, const char *method, const struct user *u, int64_t now,
			      int64_t *id, struct problems *pr);
/* The commune chair names who acts as head meanwhile. */
enum app_err dismissal_acting(struct db *db, struct dbc *c, const struct user *u, const struct matter *m, const char *name,
			      int64_t now, struct problems *pr);
/* Consents of initiatives given before this instant have lapsed (3 calendar months). */
int64_t initiative_consent_cutoff(int64_t now);

/* The ballot team gives a household its ballot (household 0: every household
 * of the village not yet given one), while the ballot is open (Decree 59
 * Art. 4); a paper ballot is entered only for a household given one. */
enum app_err ballot_distribute(struct db *db, int64_t matter_id, int64_t household, const struct user *u, int64_t now,
			       struct problems *pr);
int64_t ballot_distributed(struct dbc *c, int64_t matter_id);
/* The ballot team enters the paper ballot of one household (once). */
enum app_err ballot_enter(struct db *db, int64_t matter_id, int64_t household, const char *choice, const struct user *u,
			  int64_t now, struct problems *pr);
/* ---- who is on a meeting's or a paper vote's roll (meetings.c, paper.c) ---- */
struct roll_row {
	int64_t household;
	const char *code, *head;
	int64_t cluster;  /* meeting_roll: the cluster where present, 0 if absent */
	bool received;    /* paper_roll: the household's ballot is in */
	bool distributed; /* paper_roll: the household was given a ballot */
};
/* The electorate of the matter in its village, by household code. */
enum app_err meeting_roll(struct arena *a, struct dbc *c, const struct matter *m, struct roll_row **out, size_t *n);
enum app_err paper_roll(struct arena *a, struct dbc *c, const struct matter *m, struct roll_row **out, size_t *n);
/* The signatures of a meeting's minutes. */
struct signoff {
	const char *slot, *name;
	int64_t at;
};
/* The numbered record of a matter's paper (part "meeting": the meeting
 * notice; "minutes"), issued at the instant of the act that made it final
 * (at) when it was not yet: the notice when the matter was put, the minutes
 * when its last signature was given (doc.h). */
struct doc_record;
enum app_err matter_doc(struct db *db, struct arena *a, struct dbc *c, const struct matter *m, int type, const char *part,
			int64_t at, struct doc_record *out);
enum app_err meeting_signoffs(struct arena *a, struct dbc *c, int64_t matter, struct signoff **out, size_t *n);
/* The village of the household whose representative the user is, 0 if none. */
int64_t decisions_voter_village(struct dbc *c, int64_t user);
/* Fills the folded titles the site search uses for matters made before
 * migration 0030 (coso init, coso serve). */
enum app_err matters_fold_backfill(struct db *db);
/* That household and its village (both 0 when the user represents none). */
void decisions_voter(struct dbc *c, int64_t user, int64_t *household, int64_t *village);
/* Whether the household has answered that step ("prepoll", "vote"). */
bool decisions_household_voted(struct dbc *c, int64_t matter, const char *stage, int64_t household);
/* The newest 500 meetings in a subtree, for the calendar. */
struct meeting_entry {
	int64_t matter;
	const char *title;
	int64_t starts_at;
	const char *location, *unit_title;
};
enum app_err meetings_of_tree(struct arena *a, struct dbc *c, const char *path, struct meeting_entry **out, size_t *n);

/* ---- citizens' initiatives (initiatives.c; Law 10/2022 Art. 16) ---- */
struct initiative {
	int64_t id;
	struct unit unit;
	int64_t households;      /* of the village, now */
	int item;
	const char *title, *description, *initiator;
	int64_t created_at, forwarded_at, initiator_id;
	bool front_approved;
};
enum app_err initiative_get(struct arena *a, struct dbc *c, int64_t id, struct initiative *x);
/* The newest 200 initiatives of a subtree. */
enum app_err initiative_list(struct arena *a, struct dbc *c, const char *path, struct initiative **out, size_t *n);
/* Consents given in the last three months. */
int64_t initiative_valid_consents(struct dbc *c, int64_t id, int64_t now);
/* At least 10% of the village's households. */
int64_t initiative_consents_needed(int64_t households);
/* The household the user represents in this village, or 0. */
int64_t decisions_represented_household(struct dbc *c, int64_t user, int64_t village);
/* The writes check who may do them (the representative of a household of
 * the village; for paper consents the initiator or the village head; the
 * Front to approve), record u->assist_resident as on_behalf, and add every
 * problem to pr: APP_EFORBID, APP_EINVAL, APP_ECONFLICT. */
enum app_err initiative_create(struct db *db, struct dbc *c, const struct user *u, const struct unit *village, int item,
			       const char *title, const char *description, int64_t now, struct problems *pr, int64_t *id);
/* paper_code: the household of a consent signed on paper, NULL for the user's own */
enum app_err initiative_consent(struct db *db, struct dbc *c, const struct user *u, const struct initiative *x,
				const char *paper_code, int64_t now, struct problems *pr);
enum app_err initiative_approve(struct db *db, const struct user *u, const struct initiative *x, int64_t now,
				struct problems *pr);

/* ---- a matter's result on the disclosure portal (results.c; Art. 23) ---- */
/* The disclosure posting of a matter's result, 0 if none. */
int64_t matter_posting(struct dbc *c, int64_t matter);
/* Publishes the result of a closed matter on its commune's portal (the
 * village head, or a commune officer above it); base_url for the link in
 * the text. A draft left by an interrupted attempt is published, never
 * duplicated. *posting: the posting. */
enum app_err matter_result_publish(struct db *db, struct dbc *c, const struct user *u, const struct matter *m,
				   const char *base_url, int64_t now, struct problems *pr, int64_t *posting);

/* ---- a matter's documents (documents.c) ---- */
struct matter_doc {
	const char *sha256, *filename, *mime;
	int64_t size, at;
};
struct posting_file;
enum app_err matter_documents(struct arena *a, struct dbc *c, int64_t matter, struct matter_doc **out, size_t *n);
/* The file name of a document of the matter, or NULL. */
const char *matter_document_name(struct arena *a, struct dbc *c, int64_t matter, const char *sha256);
/* Adds checked files (at most 20 a matter) until the matter closes; the
 * village head, or a commune or Front officer above it; a public event. */
enum app_err matter_documents_add(struct db *db, struct dbc *c, const struct user *u, const struct matter *m,
				  const struct posting_file *files, const char **data, size_t n, int64_t now, struct problems *pr);

/* ---- permissions (permissions.c): capabilities held at a unit, never role names ---- */
enum meeting_kind { MEETING_ORDINARY, MEETING_HEAD_ELECTION, MEETING_BOARD_ELECTION, MEETING_DISMISSAL };
/* What kind of meeting a matter's is: an election's, a dismissal's, or another. */
enum meeting_kind decisions_meeting_kind(struct arena *a, struct dbc *c, const struct matter *m);
/* The village head of this very village. */
bool decisions_may_convene(const struct user *u, const struct unit *village);
/* Holds one of caps (enum auth_cap) strictly above the unit. */
bool decisions_holds_above(const struct user *u, const struct unit *unit, unsigned caps);
/* A Front officer at or above the unit. */
bool decisions_may_front(const struct user *u, const struct unit *unit);
/* May recognise or refuse for that recogniser ("commune" or "front"). */
bool decisions_may_recognise(const struct user *u, const struct matter *m, const char *recogniser);
bool decisions_may_annul(const struct user *u, const struct matter *m);
bool decisions_may_publish_result(const struct user *u, const struct matter *m);
bool decisions_may_add_documents(const struct user *u, const struct matter *m);
bool decisions_may_run_meeting(const struct user *u, const struct matter *m, enum meeting_kind kind);
bool decisions_may_call_election(const struct user *u, const struct unit *village, bool head);
bool decisions_may_call_dismissal(const struct user *u, const struct unit *village, const char *trigger);
bool decisions_may_set_acting(const struct user *u, const struct matter *m);
/* The chair of this very commune. */
bool decisions_may_chair(const struct user *u, const struct unit *commune);
enum { DUTY_HEAD = 1, DUTY_COMMUNE = 2, DUTY_FRONT = 4 };
unsigned decisions_duties_at(const struct user *u, const char *unit_path);
/* ---- indicators for the targets (indicators.c, indicator.h) ---- */
struct indicator_value;
/* Its section of a unit's annual report (report.h): matters decided directly, by item. */
struct report;
enum app_err decisions_report(struct arena *a, struct dbc *c, const struct unit *u, int year, int64_t now,
			      struct report *out);
enum app_err decisions_indicator_conventions(struct arena *a, struct dbc *c, const struct unit *u, int64_t from,
					     int64_t to, int64_t now, struct indicator_value *out);
enum app_err decisions_indicator_results_published(struct arena *a, struct dbc *c, const struct unit *u, int64_t from,
						   int64_t to, int64_t now, struct indicator_value *out);
#endif
