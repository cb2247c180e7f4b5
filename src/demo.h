/*
 * demo.h — the demo province: Bắc Ninh (24) with villages, households,
 * agencies and one account per role in two communes. Deterministic. now is
 * the instant of `coso init`; the demo's story is told at instants before it.
 */
#ifndef COSO_DEMO_H
#define COSO_DEMO_H
#include "app.h"
#include <stdint.h>
struct dbc;
#define DEMO_PASSWORD "coso-demo-2025"
#define DEMO_OPEN311_KEY "coso-demo-open311-2026" /* the demo's Open311 api_key (make run prints it) */
/* Fills the demo data; prints the accounts to stdout. Run inside a write. */
enum app_err demo_fill(struct dbc *c, int64_t now);
/* Publishes a realistic set of disclosure postings in several communes
 * (on time, late, corrected, withdrawn, too short, drafts past their
 * deadline, a staff-only agency posting), once. Runs its own writes. */
struct db;
enum app_err demo_disclosures(struct db *db, int64_t now);
/* Links the demo residents to households they represent and puts matters to
 * two villages: one in its pre-poll, one closed (secret, with receipts), one
 * open for the vote. Once. */
enum app_err demo_matters(struct db *db, int64_t now);
/* A demo certificate authority (trusted by this installation only) and
 * signing keys for the two demo communes and a village, so that their papers
 * are issued signed (src/doc); once, when the keys directory has none. */
enum app_err demo_signing_keys(struct db *db);
/* Regulations, councils' resolutions on measures and outreach spread over
 * the province's communes, and a provincial course with its attendance, as
 * the province administrator records them (issue #12). Once. */
enum app_err demo_measures(struct db *db, int64_t now);
/* A provincial law-knowledge contest with a closed, published round and one open now. */
enum app_err demo_contests(struct db *db, int64_t now);
/* Two village conventions: one through every step to publication, one out for comments. */
enum app_err demo_conventions(struct db *db, int64_t now);
/* Feedback, complaints and denunciations of every kind in every state (some
 * overdue, some rated), the reception register and schedule, the published
 * Open311 key (issue #15). Once. */
enum app_err demo_cases(struct db *db, int64_t now);
/* An open consultation with comments on several clauses, and a closed one
 * with its published synthesis (issue #16). Once. */
enum app_err demo_consultations(struct db *db, int64_t now);
/* Boards, projects, plans, inspections, conferences (issue #17). */
enum app_err demo_oversight(struct db *db, int64_t now);
/* The demo's gateways (the file channel for SMS and Zalo, an e-mail server
 * that is down) and its residents' choices; before the acts that notify. */
struct db;
enum app_err demo_notify_setup(struct db *db, const char *db_url, int64_t now);
/* One delivery round an hour before now, then Zalo's delivery reports:
 * messages sent, delivered, failed, and those written since, waiting. */
enum app_err demo_notify_round(struct db *db, const unsigned char key[32], int64_t now);
#endif
