/*
 * oversight.h — the people's inspection and supervision (kiểm tra, giám sát;
 * issue #17): the commune's public register of investment projects with a
 * tracker; the People's Inspection Boards of communes and of agencies and
 * enterprises, and the Community Investment Supervision Board of each
 * project, their members checked against the composition and eligibility
 * rules; the boards' plans, inspections and supervision visits with findings
 * and evidence, recommendations (each a board_rec case with its 15-day
 * clock, src/cases), reports; the conferences where units answer to their
 * people. The rules are dated data (data/boards/rules.txt). No HTTP, no
 * clock: every function that needs the time takes now.
 */
#ifndef COSO_OVERSIGHT_H
#define COSO_OVERSIGHT_H
#include "../app.h"
#include "../i18n/msg.h"
#include "../units/units.h"
#include "../util/problems.h"
#include <stdbool.h>
#include <stdint.h>

struct db;
struct dbc;
struct user;
struct buf;
struct cal_table;
struct import_report;
struct posting_file;
struct indicator_value;
struct report;

/* ---- the rules (rules.c; data/boards/rules.txt) ---- */
enum ov_rule {
	OR_COMMUNE_MIN,          /* members of a commune's board, at least (Law Art. 36(1)) */
	OR_SMALL_COMMUNE_MAX,    /* fewer villages than that: at most that many (Decree 59 Art. 13(2)) */
	OR_DEPUTIES_MAX,         /* deputy heads, at most (Decree 59 Arts. 13(3), 17(3), 21(3)) */
	OR_AGENCY_MIN,           /* an agency's board, members (Law Art. 60) */
	OR_AGENCY_MAX,
	OR_AGENCY_NO_BOARD,      /* staff at or below which an agency has no board (Law Art. 60) */
	OR_AGENCY_TERM_MONTHS,   /* an agency's board's term (Law Art. 60) */
	OR_VILLAGE_TERM_MONTHS,  /* the village head's term, which a commune board's follows (Law Art. 36(2)) */
	OR_RECOGNISE_WD,         /* the union recognises an agency's board within (Decree 59 Art. 21(1)) */
	OR_BY_ELECTION_MONTHS,   /* a vacant seat is filled when this much of the term is left (Law Art. 36(2)) */
	OR_INVEST_MIN,           /* a supervision board's members, at least (Law Art. 41(1)) */
	OR_INVEST_RESIDENTS_MAX, /* its residents' members, at most (Decree 59 Art. 17(2)) */
	OR_INVESTOR_NOTICE_DAYS, /* the Front's notice to the investor before supervision (Law Art. 45(1)(b)) */
	OR_INSPECTION_NOTICE_WD, /* an inspection notified before it starts (Decree 59 Arts. 14(1)(b), 22) */
	OR_VILLAGE_NOTICE_DAYS,  /* a village conference's notice to households (Decree 59 Art. 10) */
	OR_STAFF_CONF_MONTHS,    /* a staff or worker conference within months after the year (Law Arts. 51, 69) */
	OR_QUORUM_THIRDS,        /* thirds of those summoned present (Law Arts. 51(3), 69) */
	OR_EXCHANGE_WD,          /* a workplace dialogue's content exchanged before (Decree 145/2020 Art. 39) */
	OR__N
};
extern const char *const ov_rule_names[OR__N];
struct ov_rule_line {
	enum ov_rule rule;
	int64_t value, from;
	char cite[200];
};
struct ov_rules {
	struct ov_rule_line *v;
	size_t n;
};
/* Parses a rules file; APP_EINVAL with every problem (line and reason) in rep, nothing kept. */
enum app_err ov_rules_parse(const char *text, size_t n, struct ov_rules *out, struct import_report *rep);
void ov_rules_free(struct ov_rules *r);
/* The value of a rule in force on day (the shipped file), and its article. */
int64_t ov_rule(enum ov_rule r, int64_t day);
const char *ov_rule_cite(enum ov_rule r, int64_t day);

/* A field as typed, cleaned (NFC, trimmed, no control characters), in a; "" for NULL or invalid. */
const char *ov_text(struct arena *a, const char *s);
/* Index of v in a name table, or -1. */
int ov_name_index(const char *const *names, int n, const char *v);

/* ---- who may ---- */
/* Constitute the unit's boards: members, recognition, the investor's notice,
 * dissolution (the Front's officers at a commune, the union at an agency). */
bool ov_may_constitute(const struct user *u, const struct unit *unit);
/* Keep the commune's project register (its officers). */
bool ov_may_projects(const struct user *u, const struct unit *unit);
/* Hold and record the unit's conferences (the village head; the commune's
 * officers; an agency's or employer's head). */
bool ov_may_convene(const struct user *u, const struct unit *unit);
/* Whether a unit kind has a People's Inspection Board of its own. */
bool ov_board_unit(const char *kind);
bool ov_agency_unit(const char *kind);

/* ---- projects (projects.c) ---- */
enum project_kind { PK_PUBLIC, PK_PPP, PK_COMMUNITY, PK_SPONSORED, PK__N };
extern const char *const project_kind_names[PK__N];
extern const enum msg_id project_kind_labels[PK__N];
enum project_status { PS_ONGOING, PS_DONE, PS_SUSPENDED, PS__N };
extern const char *const project_status_names[PS__N];
extern const enum msg_id project_status_labels[PS__N];

struct project {
	int64_t id, parent_id;
	struct unit unit;
	const char *title, *sources, *investor, *contractor, *location;
	enum project_kind kind;
	enum project_status status;
	int64_t budget, start_day, end_day, weight, own_progress, done_day, updated_at;
	/* computed: the progress of its parts (weighted where every part has a
	 * weight, else their mean), or its own; how it was computed */
	int64_t progress;
	int nparts;
	bool weighted;
	int64_t board_id; /* its supervision board, 0 if none */
};
struct milestone {
	int64_t id, due_day, done_day;
	const char *title;
};
struct progress_entry {
	int64_t day, percent, at;
	const char *note, *by;
};
struct project_input {
	const char *title, *kind, *budget, *sources, *investor, *contractor, *location, *start, *end, *weight, *parent;
};
enum app_err project_create(struct db *db, const struct user *u, const struct unit *unit, const struct project_input *in,
			    int64_t now, int64_t *id, struct problems *pr);
/* A part's progress (percent 0..100, on day "" = today), with a note; a
 * project with parts has its progress from them and refuses one. */
enum app_err project_progress(struct db *db, const struct user *u, int64_t id, const char *percent, const char *day,
			      const char *note, int64_t now, struct problems *pr);
enum app_err project_milestone_add(struct db *db, const struct user *u, int64_t id, const char *title, const char *due,
				   int64_t now, struct problems *pr);
enum app_err project_milestone_done(struct db *db, const struct user *u, int64_t id, int64_t milestone, const char *day,
				    int64_t now, struct problems *pr);
/* Ends the project (status done on day): its supervision board is dissolved
 * in the same write (Law Art. 41(1)). */
enum app_err project_finish(struct db *db, const struct user *u, int64_t id, const char *day, int64_t now,
			    struct problems *pr);
enum app_err project_get(struct arena *a, struct dbc *c, int64_t id, struct project *out);
/* The commune's register: every project, parents before their parts, each
 * with its progress computed. */
enum app_err projects_of(struct arena *a, struct dbc *c, const struct unit *unit, struct project **out, size_t *n);
enum app_err project_parts(struct arena *a, struct dbc *c, int64_t id, struct project **out, size_t *n);
enum app_err project_milestones(struct arena *a, struct dbc *c, int64_t id, struct milestone **out, size_t *n);
enum app_err project_history(struct arena *a, struct dbc *c, int64_t id, struct progress_entry **out, size_t *n);
/* The roll-up of parts' progress: weighted when every part has a weight > 0,
 * else the mean; rounded to the nearest percent. *weighted says which. */
int64_t project_rollup(const int64_t *progress, const int64_t *weight, size_t n, bool *weighted);

/* ---- boards and members (roster.c) ---- */
enum board_kind { BK_INSPECTION, BK_INVESTMENT, BK__N };
extern const char *const board_kind_names[BK__N];
enum member_position { MP_HEAD, MP_DEPUTY, MP_MEMBER, MP__N };
extern const char *const member_position_names[MP__N];
extern const enum msg_id member_position_labels[MP__N];

struct board_rec_row;
struct oboard {
	int64_t id, project_id;
	struct unit unit;
	enum board_kind kind;
	const char *title, *dissolved_reason, *project_title;
	int64_t term_start, term_end, notice_day, supervision_day, dissolved_day, created_at;
};
struct member {
	int64_t id, board_id, village_id, matter_id, user_id;
	const char *full_name, *village_title, *represents, *decision_ref, *declared, *left_reason;
	enum member_position position;
	int64_t decision_day, elected_day, term_start, term_end, left_day;
	bool by_election;
};
/* One broken rule: what, and the article. */
struct ov_flag {
	const char *what, *cite;
};
struct ov_flags {
	struct ov_flag *v;
	size_t n, cap;
};
/* A vacant seat: who left, when, and whether a by-election is due
 * (at least OR_BY_ELECTION_MONTHS of the term left). */
struct vacancy {
	const struct member *left;
	int64_t months_left;
	bool by_election_due, filled;
};
struct board_view {
	struct oboard b;
	struct member *members; /* in office at the day, heads first */
	size_t nmember;
	struct member *former;
	size_t nformer;
	struct vacancy *vacancies;
	size_t nvacancy;
	struct ov_flags flags; /* every composition rule broken, named */
	int64_t villages, staff;
};
struct board_input {
	const char *term_start, *term_end, *notice_day, *supervision_day; /* dates */
};
/* Constitutes the inspection board of a commune or an agency, or the
 * supervision board of a project (project > 0). The term: a commune's ties
 * to the village heads' term, an agency's is 2 years, a project's runs to its
 * end; a project's board needs the Front's notice to the investor at least
 * 45 days before supervision starts (refused otherwise). */
enum app_err oboard_create(struct db *db, const struct user *u, const struct unit *unit, int64_t project,
			  const struct board_input *in, int64_t now, int64_t *id, struct problems *pr);
struct member_input {
	const char *full_name, *position, *village, *represents, *matter, *username, *decision_ref, *decision_day,
		*elected_day, *by_election;
	/* the eligibility declared (Law Arts. 37, 42, 60): ticked boxes */
	bool resident, not_official, not_leader, no_relatives;
};
/* Adds a recognised member; ineligible people refused with the article (a
 * commune official or part-time worker, an agency's head, deputy or chief
 * accountant, a relative of the investor's side, not a permanent resident),
 * as is a third deputy or a second head. */
enum app_err member_add(struct db *db, const struct user *u, int64_t board, const struct member_input *in, int64_t now,
			int64_t *id, struct problems *pr);
enum app_err member_leave(struct db *db, const struct user *u, int64_t member, const char *day, const char *reason,
			  int64_t now, struct problems *pr);
/* An agency's staff count (what its board and conference rules count). */
enum app_err unit_staff_set(struct db *db, const struct user *u, const struct unit *unit, const char *staff, int64_t now,
			    struct problems *pr);
int64_t unit_staff(struct dbc *c, int64_t unit_id);
enum app_err oboard_get(struct arena *a, struct dbc *c, int64_t id, struct oboard *out);
/* The inspection board of a unit; APP_ENOTFOUND when none is constituted. */
enum app_err oboard_of_unit(struct arena *a, struct dbc *c, const struct unit *unit, struct oboard *out);
/* The board with its members on day, vacancies, and every rule it breaks. */
enum app_err oboard_view(struct arena *a, struct dbc *c, const struct oboard *b, int64_t day, struct board_view *out);
/* Every board of a commune (its inspection board, its projects' boards) or
 * of an agency. */
enum app_err oboards_of(struct arena *a, struct dbc *c, const struct unit *unit, struct oboard **out, size_t *n);
/* The boards of the units of a subtree (indicators, supervisors). */
enum app_err oboards_under(struct arena *a, struct dbc *c, const char *path, struct oboard **out, size_t *n);
/* Whether u may do the board's work: a member of it with an account, or
 * holding the board member's role at its unit itself. */
bool ov_may_work(struct dbc *c, const struct user *u, const struct oboard *b);

/* ---- the board's work (work.c) ---- */
enum plan_period { PP_QUARTER, PP_HALF, PP_YEAR, PP_TERM, PP__N };
extern const char *const plan_period_names[PP__N];
extern const enum msg_id plan_period_labels[PP__N];
struct plan {
	int64_t id, board_id, series, version, from_day, to_day, budget, at;
	bool current;
	enum plan_period period;
	const char *purpose, *requirements, *content, *timing, *organisation, *reason, *by;
};
struct plan_input {
	const char *period, *from, *to, *purpose, *requirements, *content, *timing, *budget, *organisation, *reason;
};
/* A plan, or (series > 0) its amendment: a new version, the reason required. */
enum app_err plan_save(struct db *db, const struct user *u, int64_t board, int64_t series, const struct plan_input *in,
		       int64_t now, int64_t *id, struct problems *pr);
enum app_err plans_of(struct arena *a, struct dbc *c, int64_t board, bool current_only, struct plan **out, size_t *n);

struct inspection {
	int64_t id, board_id, plan_id, notified_day, start_day, end_day, recorded_day, created_at;
	const char *kind, *subject, *content, *experts, *status, *conclusion;
	int64_t nfinding, nrec;
};
struct finding {
	int64_t id, size;
	const char *finding, *evidence, *sha256, *filename, *mime;
};
struct inspection_input {
	const char *kind, *plan, *subject, *content, *experts, *notified, *start, *end;
};
/* Notifies an inspection or a supervision visit: at least 5 working days
 * before it starts (Decree 59 Art. 14(1)(b)), to the Front's officers, the
 * commune chair (the union and the head at an agency) and the subject;
 * refused with the earliest day it may start otherwise. */
enum app_err inspection_create(struct db *db, const struct user *u, int64_t board, const struct inspection_input *in,
			       int64_t now, int64_t *id, struct problems *pr);
/* Records a finding with its evidence (a file checked by content, or none). */
struct finding_input {
	const char *finding, *evidence;
	const struct posting_file *file; /* checked (mime set), or NULL */
	const char *data;
};
enum app_err finding_add(struct db *db, const struct user *u, int64_t inspection, const struct finding_input *in,
			 int64_t now, struct problems *pr);
/* Closes the record of an inspection with its conclusion. */
enum app_err inspection_record(struct db *db, const struct user *u, int64_t inspection, const char *conclusion,
			       int64_t now, struct problems *pr);
/* A recommendation: filed as a board_rec case at the board's unit in the
 * same write (its 15-day clock, Law Arts. 40(1)(c), 45(2)(c), 63(1)(c)). */
enum app_err rec_create(struct db *db, struct arena *a, const struct user *u, int64_t board, int64_t inspection,
			const char *title, const char *text, int64_t now, int64_t *case_id, const char **code,
			struct problems *pr);
/* A petition a resident brings to the board (in person, the suggestion
 * box): a board_petition case; its answer is the written reply. */
enum app_err petition_create(struct db *db, struct arena *a, const struct user *u, int64_t board, const char *channel,
			     const char *title, const char *text, const char *name, const char *phone,
			     const char *address, int64_t now, const char **code, struct problems *pr);
enum app_err inspection_get(struct arena *a, struct dbc *c, int64_t id, struct inspection *out);
enum app_err inspections_of(struct arena *a, struct dbc *c, int64_t board, struct inspection **out, size_t *n);
enum app_err findings_of(struct arena *a, struct dbc *c, int64_t inspection, struct finding **out, size_t *n);
/* A board's recommendations and petitions with their cases' state. */
struct board_case {
	int64_t case_id, inspection_id, due_day, resolved_day, received_day;
	const char *code, *title, *status, *kind, *answer;
	int on_time; /* -1 open, 0 late, 1 on time */
};
enum app_err oboard_cases(struct arena *a, struct dbc *c, const struct oboard *b, struct board_case **out, size_t *n);

/* A report for a period, counted from the records (numbered through the
 * document writer). */
struct board_report {
	int64_t id, board_id, from_day, to_day, inspections, findings, recs, recs_answered, recs_on_time, petitions, at;
	enum plan_period period;
};
/* The figures of a period without issuing anything. */
enum app_err board_report_count(struct arena *a, struct dbc *c, const struct oboard *b, int64_t from, int64_t to,
				struct board_report *out);
enum app_err board_report_issue(struct db *db, struct arena *a, const struct user *u, int64_t board, const char *period,
				const char *from, const char *to, int64_t now, int64_t *id, struct problems *pr);
enum app_err board_report_get(struct arena *a, struct dbc *c, int64_t id, struct board_report *out);
enum app_err board_reports_of(struct arena *a, struct dbc *c, int64_t board, struct board_report **out, size_t *n);

/* ---- conferences (conferences.c) ---- */
enum conf_kind { CF_VILLAGE, CF_DIALOGUE, CF_STAFF, CF_WORKPLACE, CF_WORKER, CF_REVIEW, CF__N };
extern const char *const conf_kind_names[CF__N];
extern const enum msg_id conf_kind_labels[CF__N];
/* The nine steps of a village's conference (Decree 59 Art. 11). */
extern const enum msg_id conf_village_agenda[9];
struct conference {
	int64_t id, year, starts_at, notice_day, agreed_day, summoned, attended, report_day, created_at;
	struct unit unit;
	enum conf_kind kind;
	const char *title, *place, *status, *minutes, *change_reason;
	int64_t sequence; /* times rescheduled or cancelled */
};
struct conf_item {
	int64_t id, votes_for, owner_id, due_day, done_day, at;
	const char *kind, *text, *who, *answer, *owner;
	bool adopted;
};
struct conference_input {
	const char *kind, *year, *title, *starts, *place, *notice, *agreed, *summoned, *agenda;
};
/* Schedules a conference: the kind fits the unit (a village's at a village,
 * the dialogue at a commune, staff and worker conferences and the workplace
 * dialogue at an agency or employer); a village's notice at least 5 days
 * before and its plan agreed; a workplace dialogue's content exchanged at
 * least 5 working days before. */
enum app_err conference_create(struct db *db, const struct user *u, const struct unit *unit,
			       const struct conference_input *in, int64_t now, int64_t *id, struct problems *pr);
/* Records the conference held: attendance, minutes (a village's report to the commune: report day). */
enum app_err conference_held(struct db *db, const struct user *u, int64_t id, const char *attended, const char *minutes,
			     const char *report_day, int64_t now, struct problems *pr);
/* Reschedules a planned conference (starts, and place when given) or cancels
 * it, with the reason: a new time is a new notice with the same rules as the
 * first; a village's households are told either way. */
enum app_err conference_change(struct db *db, const struct user *u, int64_t id, const char *starts, const char *place,
			       const char *reason, bool cancel, int64_t now, struct problems *pr);
/* Whether attended of summoned is a quorum (at least 2/3, Law Art. 51(3)). */
bool conf_quorum(int64_t attended, int64_t summoned, int64_t day);
/* Whether votes for of attended adopt (more than half of those attending, Law Art. 51(3)). */
bool conf_adopts(int64_t votes_for, int64_t attended);
/* Whether the kind needs a quorum (staff and worker conferences). */
bool conf_needs_quorum(enum conf_kind k);
/* An item: a question and its answer, a resolution (votes for: refused
 * without a quorum; adopted by more than half of those attending), a task
 * (owner's account, due day), done. */
struct conf_item_input {
	const char *kind, *text, *who, *answer, *votes_for, *owner, *due;
};
enum app_err conf_item_add(struct db *db, const struct user *u, int64_t conference, const struct conf_item_input *in,
			   int64_t now, struct problems *pr);
enum app_err conf_task_done(struct db *db, const struct user *u, int64_t item, int64_t now, struct problems *pr);
enum app_err conference_get(struct arena *a, struct dbc *c, int64_t id, struct conference *out);
enum app_err conferences_of(struct arena *a, struct dbc *c, const struct unit *unit, bool subtree, struct conference **out,
			    size_t *n);
enum app_err conf_items(struct arena *a, struct dbc *c, int64_t id, struct conf_item **out, size_t *n);
/* A person's open follow-up tasks, soonest first (at most 30). */
struct conf_task {
	int64_t id, conference_id, due_day;
	const char *text, *title;
};
enum app_err conf_tasks_of(struct arena *a, struct dbc *c, int64_t user, struct conf_task **out, size_t *n);
/* What is overdue about conferences under a unit on day: agencies without a
 * staff (or worker) conference for the last year by 31 March, villages
 * without a community conference in the last year. */
struct conf_overdue {
	struct unit unit;
	enum conf_kind kind;
	int64_t year, due_day;
};
enum app_err conf_overdue(struct arena *a, struct dbc *c, const struct unit *unit, int64_t day, struct conf_overdue **out,
			  size_t *n);

/* ---- the calendar (ics.c) ---- */
/* The iCalendar (RFC 5545) feed of a unit and the units below it:
 * conferences, inspections and visits, village meetings and the reception
 * days of the next weeks, into out. */
enum app_err ov_calendar(struct arena *a, struct dbc *c, const struct unit *unit, const char *host, int64_t now,
			 struct buf *out);

/* ---- indicators (T5) ---- */
enum app_err ov_indicator_constituted(struct arena *a, struct dbc *c, const struct unit *u, int64_t from, int64_t to,
				      int64_t now, struct indicator_value *out);
enum app_err ov_indicator_planned(struct arena *a, struct dbc *c, const struct unit *u, int64_t from, int64_t to,
				  int64_t now, struct indicator_value *out);
enum app_err ov_indicator_active(struct arena *a, struct dbc *c, const struct unit *u, int64_t from, int64_t to,
				 int64_t now, struct indicator_value *out);
enum app_err ov_indicator_conferences(struct arena *a, struct dbc *c, const struct unit *u, int64_t from, int64_t to,
				      int64_t now, struct indicator_value *out);
enum app_err ov_indicator_dialogue(struct arena *a, struct dbc *c, const struct unit *u, int64_t from, int64_t to,
				   int64_t now, struct indicator_value *out);
#endif
