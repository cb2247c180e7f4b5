/*
 * compliance.h — whether units disclosed what they had to, on time and for
 * as long as the law says, computed from postings and the catalogue (never
 * typed in): the inputs of target T6. Also the quarterly disclosure register
 * of Art. 13(2).
 */
#ifndef COSO_COMPLIANCE_H
#define COSO_COMPLIANCE_H
#include "postings.h"

enum compliance_kind {
	CK_LATE,        /* published after the deadline */
	CK_OVERDUE,     /* decision recorded, still not published after the deadline */
	CK_SHORT,       /* posted for fewer days than the minimum */
	CK_RADIO,       /* a loudspeaker item without enough consecutive broadcast days */
	CK_MISSING,     /* a permanent item never published */
	CK__N
};
extern const char *const compliance_kind_codes[CK__N]; /* late, overdue, short, radio, missing */

struct compliance_issue {
	enum compliance_kind kind;
	const struct posting *p;  /* NULL for missing */
	int item;                 /* catalogue number */
	const char *item_title;
	const char *deadline;     /* yyyy-mm-dd (late, overdue) */
	int days;                 /* late/overdue by calendar days; posted days (short);
				     longest broadcast run (radio) */
	int working_days;         /* late/overdue by working days (items counted in working days) */
	int required;             /* the minimum (short, radio) */
	const char *reason;       /* the officer's reason (short), or "" */
};

struct compliance_unit {
	struct unit unit;
	int64_t due;              /* postings whose decision falls in the period */
	int64_t on_time;          /* of them, published by the deadline and with no issue */
	int64_t count[CK__N];
	struct compliance_issue *issues;
	size_t nissue, cap;
};

/* A posting due in the period and whether it was fine. */
struct compliance_record {
	const struct posting *p;
	bool fine;
};

struct compliance {
	const char *from, *to, *today;  /* period and the day of computation */
	struct compliance_record *rec;  /* the postings behind due, in unit order */
	size_t nrec;
	struct compliance_unit *units;  /* every unit that must disclose, in the subtree */
	size_t nunit;
	int64_t due, on_time, count[CK__N]; /* totals */
};

/* Computes for every disclosing unit in the subtree of root (a commune,
 * agency, province...) over decisions dated [from, to]; to is capped at today. */
enum app_err compliance_compute(struct arena *a, struct dbc *c, const struct unit *root, const char *from,
				const char *to, int64_t today, struct compliance *out);
/* Percentage of due postings that were fine, or -1 when nothing was due. */
int compliance_rate(int64_t due, int64_t on_time);

/* The disclosure module's indicator for the targets (indicator.h). */
struct indicator_value;
enum app_err disclosure_indicator_on_time(struct arena *a, struct dbc *c, const struct unit *u, int64_t from, int64_t to,
					  int64_t now, struct indicator_value *out);

/* A quarter "2026-Q3" as its first and last day; the current one for NULL. */
bool quarter_parse(const char *s, int64_t today, char from[11], char to[11], char name[8]);

/* The register rows: postings of units in the subtree posted at some time
 * in [from, to]; private postings only when include_private. */
/* The numbered register of a commune's quarter ("2026-Q3"), issued at now
 * when first printed after the quarter ended (Art. 13(2): compiled each
 * quarter and posted); the record when issued before. */
struct db;
struct doc_record;
enum app_err register_doc(struct db *db, struct arena *a, struct dbc *c, const struct unit *u, const char *quarter,
			  const char *title, int64_t now, struct doc_record *out);
enum app_err register_rows(struct arena *a, struct dbc *c, const struct unit *root, const char *from,
			   const char *to, bool include_private, struct posting **out, size_t *n);
#endif
