/*
 * catalogue.h — the catalogue of what must be disclosed (công khai), per
 * kind of unit, as data (data/disclosure_items.csv, table disclosure_items):
 * legal basis, allowed forms, deadline, minimum posting period, loudspeaker
 * minimum. Amending the law adds rules effective from a date; the rule in
 * force on a day is the newest one not after it. Postings, compliance and the
 * quarterly register (the rest of the disclosure module) are built on it.
 */
#ifndef COSO_CATALOGUE_H
#define COSO_CATALOGUE_H
#include "../app.h"
#include "../units/units.h"
#include "../util/arena.h"
#include <stdbool.h>
#include <stdint.h>

struct dbc;

struct ditem {
	int64_t id;                 /* disclosure_items.id */
	const char *scope;          /* commune, agency, soe */
	int number;                 /* number in its article */
	const char *title;          /* Vietnamese */
	const char *legal_basis;    /* article and clause */
	const char *forms;          /* allowed forms, codes separated by ';' */
	int deadline_days;          /* after the underlying decision */
	bool deadline_working;      /* working days (else calendar days) */
	int min_days;               /* minimum consecutive posting days, 0 = none */
	bool permanent;             /* posted permanently */
	int radio_days;             /* minimum consecutive loudspeaker days, 0 = none */
	const char *effective_from; /* yyyy-mm-dd */
	const char *confirmed;      /* C, S or U (LAW.md markers) */
};

extern const char *const catalogue_scopes[];   /* commune, agency, soe */
extern const size_t catalogue_nscopes;
bool catalogue_scope_valid(const char *scope);
/* The scope whose rules a unit of this kind follows, or NULL (villages...).
 * Employers follow the state-owned enterprise rules of Art. 64. */
const char *catalogue_scope_of_kind(const char *unit_kind);
/* Whether a form code is known; its Vietnamese label (msg_form). */
bool catalogue_form_valid(const char *form);

/* Whether the item allows a form code. */
bool catalogue_item_allows(const struct ditem *d, const char *form);
/* Reads the DITEM_COLS columns of a row starting at column c0 (stmts.def). */
struct db_stmt;
void catalogue_read_row(struct arena *a, struct db_stmt *s, int c0, struct ditem *d);
/* Rules in force on a day (yyyy-mm-dd), of one scope or all (scope NULL). */
enum app_err catalogue_in_force(struct arena *a, struct dbc *c, const char *day, const char *scope,
				struct ditem **out, size_t *n);
/* Every version of one item, oldest first. */
enum app_err catalogue_history(struct arena *a, struct dbc *c, const char *scope, int number,
			       struct ditem **out, size_t *n);
/* Imports rules (the columns of data/disclosure_items.csv), all or nothing:
 * a row already present unchanged is skipped; a different rule for the same
 * item and date is a problem (amend with a later date). *added counts new rows. */
enum app_err catalogue_import_csv(struct dbc *c, const char *data, size_t n, struct import_report *rep, int64_t now,
				  int64_t *added);
/* The same, and when rules were added a public act "disclosure.catalogue"
 * with the file's SHA-256, by actor (0 = the system) at the instant now.
 * Run inside a write. */
enum app_err catalogue_amend(struct dbc *c, const char *data, size_t n, struct import_report *rep, int64_t actor,
			     int64_t on_behalf, int64_t now, int64_t *added);
#endif
