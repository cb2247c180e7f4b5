/*
 * demo.h — the demo province: Bắc Ninh (24) with villages, households,
 * agencies and one account per role in two communes. Deterministic.
 */
#ifndef COSO_DEMO_H
#define COSO_DEMO_H
#include "app.h"
struct dbc;
#define DEMO_PASSWORD "coso-demo-2025"
/* Fills the demo data; prints the accounts to stdout. Run inside a write. */
enum app_err demo_fill(struct dbc *c);
/* Publishes a realistic set of disclosure postings in several communes
 * (on time, late, corrected, withdrawn, too short, drafts past their
 * deadline, a staff-only agency posting), once. Runs its own writes. */
struct db;
enum app_err demo_disclosures(struct db *db);
/* Links the demo residents to households they represent and puts matters to
 * two villages: one in its pre-poll, one closed (secret, with receipts), one
 * open for the vote. Once. */
enum app_err demo_matters(struct db *db);
/* A demo certificate authority (trusted by this installation only) and
 * signing keys for the two demo communes and a village, so that their papers
 * are issued signed (src/doc); once, when the keys directory has none. */
enum app_err demo_signing_keys(struct db *db);
#endif
