/*
 * ledger.h — the transparency ledger (sổ minh bạch): every public event is
 * appended, in the transaction that records it, to an RFC 6962 Merkle log;
 * signed checkpoints (C2SP signed notes with Ed25519) commit to the log's
 * size and root; proofs let anyone check inclusion and consistency without
 * trusting the server. Format of leaves, notes and keys: docs/ledger.md.
 */
#ifndef COSO_LEDGER_H
#define COSO_LEDGER_H
#include "../app.h"
#include "../util/arena.h"
#include "merkle.h"
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

struct dbc;

/* A signing key: its name is the log's origin line. */
struct ledger_key {
	char name[128];       /* e.g. "coso.local/ledger" */
	uint8_t pk[32];       /* Ed25519 public key */
	uint8_t sk[64];       /* Ed25519 secret key (libsodium layout) */
	uint8_t id[4];        /* signed-note key id */
};

#define LEDGER_DEFAULT_ORIGIN "coso.local/ledger"

/* Where the key of a database lives unless COSO_LEDGER_KEY / --ledger-key
 * says otherwise: beside a SQLite file (PATH.ledger.key), var/ledger.key for
 * PostgreSQL. Caller frees. */
char *ledger_key_default_path(const char *db_url);
/* Creates a key file (mode 0600) if none exists; APP_ECONFLICT if one does. */
enum app_err ledger_key_create(const char *path, const char *name, char **err);
enum app_err ledger_key_load(const char *path, struct ledger_key *k, char **err);
/* The verifier key line: NAME+HEXID+BASE64(0x01 || pk). Caller frees. */
char *ledger_key_verifier(const struct ledger_key *k);
/* Parses a verifier key line; false when malformed or its id does not match. */
bool ledger_verifier_parse(const char *line, char name[128], uint8_t pk[32], uint8_t id[4]);

/* The canonical leaf of an event (caller frees): UTF-8 JSON, keys sorted,
 * no insignificant whitespace. payload is the event's JSON object text. */
char *ledger_leaf(int64_t event_id, int64_t at, const char *kind, const char *subject,
		  const char *unit_code, const char *payload);
/* Appends a leaf for an event; inside the event's write transaction. */
enum app_err ledger_append(struct dbc *c, int64_t event_id, const char *leaf, int64_t *idx);
/* Subscribes the ledger to public events (events_set_public_sink): every
 * public act becomes a leaf in its own transaction. Called once at start by
 * every program that writes (main.c, the tests). */
void ledger_listen(void);

/* Appends the public events that are not in the ledger yet (those recorded
 * before the ledger existed), oldest first; *added counts them. */
enum app_err ledger_backfill(struct dbc *c, int64_t *added);
enum app_err ledger_size(struct dbc *c, uint64_t *n);
enum app_err ledger_root(struct dbc *c, uint64_t n, uint8_t out[MERKLE_HASH]);
enum app_err ledger_inclusion(struct dbc *c, uint64_t m, uint64_t n, uint8_t proof[][MERKLE_HASH],
			      size_t *nproof);
enum app_err ledger_consistency(struct dbc *c, uint64_t m, uint64_t n, uint8_t proof[][MERKLE_HASH],
				size_t *nproof);

/* The signed note for a tree (caller frees). */
char *ledger_note(const struct ledger_key *k, uint64_t size, const uint8_t root[MERKLE_HASH]);
/* Verifies a signed note with a verifier key; fills size and root. */
bool ledger_note_verify(const char *note, const char *name, const uint8_t pk[32], const uint8_t id[4],
			uint64_t *size, uint8_t root[MERKLE_HASH]);
/* Signs and stores a checkpoint, made at now, when the log grew since the
 * last one. Run inside a write. *made tells whether one was written. */
enum app_err ledger_checkpoint(struct dbc *c, const struct ledger_key *k, int64_t now, bool *made);
/* Whether entries arrived since the last checkpoint (*size: the log's size);
 * read-only, so a quiet server need not write (every write makes the
 * micro-cache of public pages stale). */
enum app_err ledger_checkpoint_due(struct dbc *c, bool *due, uint64_t *size);
/* The service key file (issue #18): what a node that serves but does not
 * sign needs of the ledger key, derived one way from it (the ballot box's
 * master key, the opt-out links' key) and the public verifier line; written
 * 0600 by `coso ledger service-key` on a signer host. */
enum app_err ledger_service_key_write(const char *path, const char *vkey, const uint8_t ballot[32],
				      const uint8_t notify[32], char **err);
enum app_err ledger_service_key_load(const char *path, char **vkey, uint8_t ballot[32], uint8_t notify[32],
				     char **err);
/* One signer at a time (issue #18): the lease on signing, taken when free or
 * run out and renewed by its holder for ttl seconds from now; *held says
 * whether holder has it now. Run in the transaction that signs, so that two
 * nodes never sign, whatever their clocks say. */
#define LEDGER_LEASE_SECONDS 10
enum app_err ledger_lease(struct dbc *c, const char *holder, int64_t now, int ttl, bool *held);
/* Lets the lease go at once (a node shutting down): another signs sooner. */
enum app_err ledger_lease_drop(struct dbc *c, const char *holder);
/* Who holds the lease (*holder NULL when nobody has ever), since when, until when. */
enum app_err ledger_lease_get(struct arena *a, struct dbc *c, const char **holder, int64_t *since, int64_t *until);

struct ledger_checkpoint {
	int64_t size;      /* tree size */
	const char *root;  /* base64 */
	int64_t at;        /* when signed */
	const char *note;  /* the signed note */
};
enum app_err ledger_latest(struct arena *a, struct dbc *c, struct ledger_checkpoint *out);

struct ledger_entry {
	int64_t idx;          /* position */
	int64_t event_id;     /* events.id */
	const char *leaf;     /* canonical bytes */
	const char *hash;     /* hex leaf hash */
};
enum app_err ledger_entry_get(struct arena *a, struct dbc *c, int64_t idx, struct ledger_entry *out);
/* The ledger index of the newest public act of a kind, or -1. */
int64_t ledger_index_of_latest(struct dbc *c, const char *kind);
/* The ledger index of the newest public act about a subject ("posting:12"), or -1. */
int64_t ledger_index_of_subject(struct dbc *c, const char *subject);
/* The same as of the instant at (a paper issued then records that act), or -1. */
int64_t ledger_index_of_subject_at(struct dbc *c, const char *subject, int64_t at);

/* Recomputes everything from the events and checks the stored leaves (each
 * with its event), nodes, every checkpoint (its signature, its root against
 * the tree and against its own row) and that every public event has its leaf.
 * Writes what it finds to report; returns APP_OK when all agrees,
 * APP_ECONFLICT otherwise, with *first_bad the first leaf index that differs
 * (-1 when only public acts are missing from the ledger). */
enum app_err ledger_verify_db(struct dbc *c, const struct ledger_key *k, FILE *report,
			      int64_t *first_bad);

/* `coso ledger verify --db URL --checkpoint FILE`: whether the log still
 * extends a checkpoint saved earlier (FILE: the verifier key line, then the
 * signed note, as `--save` writes it): the key is this log's, the note's
 * signature holds, the log is not smaller, and the tree of the saved size has
 * the saved root. A log rolled back or forked (a failover to a replica that
 * had fallen behind) fails here though it agrees with itself. APP_OK, or
 * APP_ECONFLICT with the reason written to report; APP_EIO: no such file. */
enum app_err ledger_verify_saved(struct dbc *c, const struct ledger_key *k, const char *path, FILE *report);
/* `--save FILE` offline: the key line and the latest signed checkpoint. */
enum app_err ledger_save_latest(struct dbc *c, const struct ledger_key *k, const char *path);

/* `coso ledger verify --url`: checks a running server; 0 when everything
 * holds. saved_path: an older checkpoint (with its pinned key) to check
 * consistency against; save_path: where to keep this one. */
int ledger_verify_remote(const char *base, const char *saved_path, const char *save_path);

/* `coso ledger bench`: append rate and proof latency on a tree of `tree`
 * leaves, in scratch SQLite files at path (see ledger_bench.c). */
int ledger_bench(const char *path, int leaves, uint64_t tree);
#endif
