/*
 * main.c — the coso command: init, serve, import, user, version. Set-up
 * errors are reported in plain words and exit non-zero; nothing else in the
 * program exits. Flags have environment twins (COSO_DB, COSO_LISTEN, ...).
 */
#include "app.h"
#include "auth/auth.h"
#include "calendar/holidays.h"
#include "db/db.h"
#include "demo.h"
#include "decisions/decisions.h"
#include "disclosure/catalogue.h"
#include "events/events.h"
#include "doc/doc.h"
#include "ledger/ledger.h"
#include "cases/cases.h"
#include "cases/ident.h"
#include "notify/notify.h"
#include "http/cache.h"
#include "http/server.h"
#include "units/units.h"
#include "util/cal.h"
#include "util/crypto.h"
#include "targets/targets.h"
#include "util/embed.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/log.h"
#include "util/str.h"
#include "util/xalloc.h"
#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#define DEFAULT_DB "var/coso.db"
#define DEFAULT_LISTEN "127.0.0.1:8080"

static const char *env_or(const char *name, const char *dflt)
{
	const char *v = getenv(name);
	return v && *v ? v : dflt;
}

static void usage_main(FILE *f)
{
	fprintf(f, "coso %s — grassroots democracy platform\n\n"
		   "usage: coso COMMAND [options]\n\n"
		   "commands:\n"
		   "  init      create or migrate a database, load the units of Vietnam [--demo]\n"
		   "  serve     serve HTTP\n"
		   "  import    import units or households from CSV, all or nothing\n"
		   "  user      add, passwd, list, token\n"
		   "  ledger    verify the transparency ledger (offline or a running server), print its key\n"
		   "  ballots   print a matter's receipts and choices from the sealed ballot box (audit)\n"
		   "  doc       verify a signed document: coso doc verify FILE.pdf\n"
		   "  targets   load a resolution on measures, store a quarter's figures\n"
		   "  notify    deliver messages (run), set a gateway, check a template file\n"
		   "  open311   a key for an Open311 client (open311 key NAME)\n"
		   "  disclosure|decisions|tally|contests|cases|consult|country bench-seed: load for make bench\n"
		   "  version   print the version\n\n"
		   "Run 'coso COMMAND --help' for a command's options.\n",
		COSO_VERSION);
}

/* Opens the database or prints why not. */
static struct db *open_db(const char *url, bool serve)
{
	struct db *db;
	char *err = NULL;
	if (db_open(url, serve, &db, &err)) {
		fprintf(stderr, "coso: cannot open database: %s\n", err ? err : "?");
		free(err);
		return NULL;
	}
	return db;
}

/* The ledger key file: --ledger-key, else COSO_LEDGER_KEY, else beside the
 * database (ledger_key_default_path). Caller frees. */
static char *key_path(const char *flag, const char *url)
{
	if (flag)
		return xstrdup(flag);
	const char *env = getenv("COSO_LEDGER_KEY");
	return env && *env ? xstrdup(env) : ledger_key_default_path(url);
}

/* The units' signing keys (src/doc): COSO_KEYS_DIR, else unit-keys/ beside
 * the ledger key, so that every copy of a database signs alike; and the key
 * that seals a denouncer's identity (src/cases/ident.h): identity.key beside
 * the ledger key (COSO_IDENTITY_KEY overrides). */
static void keys_dir_setup(const char *flag, const char *url)
{
	const char *env = getenv("COSO_KEYS_DIR");
	char *kp = key_path(flag, url);
	char *slash = strrchr(kp, '/');
	char dir[1024];
	snprintf(dir, sizeof dir, "%.*s%sunit-keys", slash ? (int)(slash - kp) : 0, kp, slash ? "/" : "");
	doc_keys_dir_set(env && *env ? env : dir);
	snprintf(dir, sizeof dir, "%.*s%sidentity.key", slash ? (int)(slash - kp) : 0, kp, slash ? "/" : "");
	case_ident_key_path(dir);
	free(kp);
}

/* Loads the ledger key of a database, or prints why not. */
static bool load_key(const char *flag, const char *url, struct ledger_key *key)
{
	keys_dir_setup(flag, url);
	char *path = key_path(flag, url), *err = NULL;
	bool ok = ledger_key_load(path, key, &err) == APP_OK;
	if (!ok)
		fprintf(stderr, "coso: %s\n", err ? err : "cannot load the ledger key");
	free(err);
	free(path);
	return ok;
}

struct checkpoint_job {
	const struct ledger_key *key; /* signer */
	bool made;                    /* out */
	const char *node;             /* the lease's holder (issue #18), or NULL: none taken (coso init) */
	int ttl;                      /* seconds the lease is taken or renewed for */
	bool lease_only;              /* renew the lease, sign nothing */
	bool held;                    /* out: node holds the lease */
};

/* Signs a checkpoint of the whole log, in the transaction that takes or
 * renews the signer's lease when a node is named: never two signers. */
static enum app_err checkpoint_fn(struct dbc *c, void *arg)
{
	struct checkpoint_job *j = arg;
	const int64_t now = (int64_t)time(NULL);
	if (j->node) {
		enum app_err e = ledger_lease(c, j->node, now, j->ttl, &j->held);
		if (e || !j->held)
			return e;
	}
	return j->lease_only ? APP_OK : ledger_checkpoint(c, j->key, now, &j->made);
}

static enum app_err lease_drop_fn(struct dbc *c, void *arg)
{
	return ledger_lease_drop(c, arg);
}

/* This node's name as the signer's lease records it: COSO_NODE_NAME, else
 * the host's name and the address it listens on. Caller frees. */
static char *node_name(const char *listen)
{
	const char *env = getenv("COSO_NODE_NAME");
	if (env && *env)
		return xstrdup(env);
	char host[256] = "";
	gethostname(host, sizeof host - 1);
	size_t n = strlen(host) + strlen(listen) + 32;
	char *s = xmalloc(n);
	snprintf(s, n, "%s %s pid %ld", host, listen, (long)getpid());
	return s;
}

static enum app_err backfill_fn(struct dbc *c, void *arg)
{
	return ledger_backfill(c, arg);
}

/* Opens a database whose schema is exactly this binary's, or prints why not. */
static struct db *open_ready(const char *url, bool serve)
{
	struct db *db = open_db(url, serve);
	char *err = NULL;
	if (db && db_check_schema(db, &err)) {
		fprintf(stderr, "coso: %s\n", err ? err : "schema check failed");
		free(err);
		db_close(db);
		return NULL;
	}
	return db;
}

static void print_report(const struct import_report *rep)
{
	for (size_t i = 0; i < rep->nproblem; i++)
		fprintf(stderr, "dòng %d%s%s: %s\n", rep->problems[i].line, *rep->problems[i].field ? ", cột " : "",
			rep->problems[i].field, rep->problems[i].reason);
}

struct units_job {
	const char *data;           /* CSV */
	size_t len;
	struct import_report *rep;  /* problems */
	bool if_changed;            /* skip a file identical to the last one imported */
	bool skipped;               /* out: it was */
};

/* SHA-256 of a file's bytes in hex, and whether the last import of that
 * kind recorded the same hash: init loads the data shipped with the binary
 * every time, but records a public act only when it changed. */
static enum app_err same_as_last(struct dbc *c, const char *kind, const char *data, size_t len,
				 char hex[65], bool *same)
{
	crypto_sha256_hex(data, len, hex);
	struct db_stmt *s = dbc_stmt(c, STMT_EVENT_LAST_PAYLOAD);
	db_bind_text(s, 1, kind);
	bool row;
	enum app_err e = db_step(s, &row);
	*same = !e && row && strstr(db_col_text(s, 0), hex);
	db_reset(s);
	return e;
}

static enum app_err units_fn(struct dbc *c, void *arg)
{
	struct units_job *j = arg;
	char hex[65];
	bool same;
	enum app_err e0 = same_as_last(c, "units.import", j->data, j->len, hex, &same);
	if (e0)
		return e0;
	if (j->if_changed && same) {
		j->skipped = true;
		return APP_OK;
	}
	enum app_err e = units_import_csv(c, j->data, j->len, time(NULL), j->rep);
	if (e)
		return e;
	char payload[128];
	snprintf(payload, sizeof payload, "{\"sha256\":\"%s\",\"units\":%lld}", hex, (long long)j->rep->applied);
	struct event ev = {.kind = "units.import", .subject = "units", .public = true, .payload = payload};
	return events_add(c, &ev, NULL);
}

/* The disclosure catalogue: same job shape as the unit list. */
static enum app_err catalogue_fn(struct dbc *c, void *arg)
{
	struct units_job *j = arg;
	char hex[65];
	bool same;
	enum app_err e = same_as_last(c, "disclosure.catalogue", j->data, j->len, hex, &same);
	if (e)
		return e;
	if (j->if_changed && same) {
		j->skipped = true;
		return APP_OK;
	}
	int64_t added;
	if ((e = catalogue_amend(c, j->data, j->len, j->rep, 0, 0, time(NULL), &added)))
		return e;
	j->skipped = !added;
	return APP_OK;
}

static enum app_err holidays_fn(struct dbc *c, void *arg)
{
	(void)arg;
	return holidays_seed(c, 2025, 2030);
}

static enum app_err demo_fn(struct dbc *c, void *arg)
{
	const int64_t *now = arg;
	struct db_stmt *s = dbc_stmt(c, STMT_USER_BY_NAME);
	db_bind_text(s, 1, "sysadmin");
	bool row;
	enum app_err e = db_step(s, &row);
	db_reset(s);
	if (e)
		return e;
	if (row) {
		printf("Demo data already present.\n");
		return APP_OK;
	}
	return demo_fill(c, *now);
}

/* For a SQLite file, creates the folders that should hold it (mkdir -p). */
static void make_parent_dirs(const char *url)
{
	if (!strncmp(url, "postgres://", 11) || !strncmp(url, "postgresql://", 13))
		return;
	char *p = xstrdup(!strncmp(url, "sqlite:", 7) ? url + 7 : url);
	for (char *s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		mkdir(p, 0755); /* an error here shows up as "cannot open database" */
		*s = '/';
	}
	free(p);
}

/* The resolutions on measures shipped with the binary (data/resolutions). */
static const char *const shipped_resolutions[] = {"data/resolutions/bac-ninh-2025.txt",
						  "data/resolutions/na-ri-2024.txt"};

static int cmd_init(int argc, char **argv)
{
	const char *url = env_or("COSO_DB", DEFAULT_DB), *keyflag = NULL;
	const char *origin = env_or("COSO_LEDGER_ORIGIN", LEDGER_DEFAULT_ORIGIN);
	bool demo = false;
	static const struct option opts[] = {{"db", required_argument, 0, 'd'},
					     {"demo", no_argument, 0, 'D'},
					     {"ledger-key", required_argument, 0, 'k'},
					     {"ledger-origin", required_argument, 0, 'o'},
					     {"help", no_argument, 0, 'h'},
					     {0, 0, 0, 0}};
	int ch;
	while ((ch = getopt_long(argc, argv, "d:Dk:o:h", opts, NULL)) != -1) {
		if (ch == 'd')
			url = optarg;
		else if (ch == 'D')
			demo = true;
		else if (ch == 'k')
			keyflag = optarg;
		else if (ch == 'o')
			origin = optarg;
		else {
			printf("usage: coso init [--db URL] [--demo] [--ledger-key PATH] [--ledger-origin NAME]\n"
			       "  Creates the database (or applies new migrations), loads the 34 provinces and\n"
			       "  3,321 communes of Vietnam and seeds the holiday table 2025-2030. --demo adds\n"
			       "  villages, households, agencies and demo accounts for Bắc Ninh. Idempotent.\n"
			       "  --db: file path, sqlite:PATH or postgres://... (env COSO_DB, default %s)\n"
			       "  --ledger-key: the transparency ledger's signing key, created here if missing\n"
			       "    (env COSO_LEDGER_KEY; default beside a SQLite file, var/ledger.key for PostgreSQL)\n"
			       "  --ledger-origin: the log's name in its checkpoints, set once when the key is\n"
			       "    created (env COSO_LEDGER_ORIGIN, default " LEDGER_DEFAULT_ORIGIN ")\n",
			       DEFAULT_DB);
			return ch == 'h' ? 0 : 2;
		}
	}
	make_parent_dirs(url);
	char *kpath = key_path(keyflag, url);
	make_parent_dirs(kpath);
	keys_dir_setup(keyflag, url);
	char *err0 = NULL;
	enum app_err ke = ledger_key_create(kpath, origin, &err0);
	if (ke && ke != APP_ECONFLICT) {
		fprintf(stderr, "coso: %s\n", err0 ? err0 : "cannot create the ledger key");
		free(err0);
		free(kpath);
		return 1;
	}
	struct ledger_key key;
	if (ledger_key_load(kpath, &key, &err0)) {
		fprintf(stderr, "coso: %s\n", err0);
		free(err0);
		free(kpath);
		return 1;
	}
	struct db *db = open_db(url, false);
	if (!db) {
		free(kpath);
		return 1;
	}
	char *err = NULL;
	if (db_migrate(db, &err)) {
		fprintf(stderr, "coso: migration failed: %s\n", err ? err : "?");
		free(err);
		db_close(db);
		return 1;
	}
	/* the ballot box's key comes from the key file, outside the database */
	ballot_box_key_set(key.sk, sizeof key.sk);
	if (ballot_box_upgrade(db)) {
		fprintf(stderr, "coso: sealing earlier ballots failed\n");
		db_close(db);
		return 1;
	}
	if (matters_fold_backfill(db)) {
		fprintf(stderr, "coso: filling the matters' search titles failed\n");
		db_close(db);
		return 1;
	}
	const struct embed_file *f = embed_find("data/units_vn_2025.csv");
	struct arena a;
	arena_init(&a);
	struct import_report rep;
	import_report_init(&rep, &a);
	struct units_job j = {f->data, f->len, &rep, true, false};
	enum app_err e = db_write(db, units_fn, &j);
	if (e) {
		print_report(&rep);
		fprintf(stderr, "coso: loading units failed (%s)\n", app_err_code(e));
	}
	const struct embed_file *cf = embed_find("data/disclosure_items.csv");
	struct import_report crep;
	import_report_init(&crep, &a);
	struct units_job cj0 = {cf->data, cf->len, &crep, true, false};
	if (!e && (e = db_write(db, catalogue_fn, &cj0))) {
		print_report(&crep);
		fprintf(stderr, "coso: loading the disclosure catalogue failed (%s)\n", app_err_code(e));
	}
	if (!e && (e = db_write(db, holidays_fn, NULL)))
		fprintf(stderr, "coso: seeding holidays failed (%s)\n", app_err_code(e));
	int64_t now = time(NULL); /* the demo's story is told up to this instant */
	/* the resolutions shipped with the binary, each version once (issue #12) */
	for (size_t i = 0; !e && i < ARRAY_SIZE(shipped_resolutions); i++) {
		const struct embed_file *rf = embed_find(shipped_resolutions[i]);
		struct problems rp = {.a = &a};
		enum app_err re = targets_load(db, NULL, rf->data, rf->len, now, NULL, &rp);
		if (re && re != APP_ECONFLICT) {
			for (size_t k = 0; k < rp.n; k++)
				fprintf(stderr, "coso: %s: %s\n", shipped_resolutions[i], rp.v[k].message);
			e = re;
		}
	}
	if (!e && demo && (e = db_write(db, demo_fn, &now)))
		fprintf(stderr, "coso: demo data failed (%s)\n", app_err_code(e));
	if (!e && demo && (e = demo_notify_setup(db, url, now)))
		fprintf(stderr, "coso: demo notifications failed (%s)\n", app_err_code(e));
	if (!e && demo && (e = demo_disclosures(db, now)))
		fprintf(stderr, "coso: demo postings failed (%s)\n", app_err_code(e));
	if (!e && demo && (e = demo_matters(db, now)))
		fprintf(stderr, "coso: demo matters failed (%s)\n", app_err_code(e));
	if (!e && demo && (e = demo_measures(db, now)))
		fprintf(stderr, "coso: demo measures failed (%s)\n", app_err_code(e));
	if (!e && demo && (e = demo_contests(db, now)))
		fprintf(stderr, "coso: demo contest failed (%s)\n", app_err_code(e));
	if (!e && demo && (e = demo_conventions(db, now)))
		fprintf(stderr, "coso: demo conventions failed (%s)\n", app_err_code(e));
	if (!e && demo && (e = demo_cases(db, now)))
		fprintf(stderr, "coso: demo cases failed (%s)\n", app_err_code(e));
	if (!e && demo && (e = demo_consultations(db, now)))
		fprintf(stderr, "coso: demo consultations failed (%s)\n", app_err_code(e));
	if (!e && demo && (e = demo_oversight(db, now)))
		fprintf(stderr, "coso: demo oversight failed (%s)\n", app_err_code(e));
	if (!e && demo && (e = demo_signing_keys(db)))
		fprintf(stderr, "coso: demo signing keys failed (%s)\n", app_err_code(e));
	if (!e && demo && (e = demo_notify_round(db, key.sk, now)))
		fprintf(stderr, "coso: demo delivery failed (%s)\n", app_err_code(e));
	int64_t backfilled = 0;
	if (!e && (e = db_write(db, backfill_fn, &backfilled)))
		fprintf(stderr, "coso: ledger backfill failed (%s)\n", app_err_code(e));
	if (!e && backfilled)
		printf("Ledger: %lld earlier public acts recorded.\n", (long long)backfilled);
	struct checkpoint_job cj = {&key, false, NULL, 0, false, false}; /* before any server: no lease */
	if (!e && (e = db_write(db, checkpoint_fn, &cj)))
		fprintf(stderr, "coso: ledger checkpoint failed (%s)\n", app_err_code(e));
	if (!e) {
		char *vk = ledger_key_verifier(&key);
		if (j.skipped)
			printf("Database ready (schema %d): the national unit list is up to date.\n",
			       db_schema_version());
		else
			printf("Database ready (schema %d): %lld units loaded.\n", db_schema_version(),
			       (long long)rep.applied);
		printf("Ledger key %s%s; verifier key:\n  %s\n", kpath, ke == APP_ECONFLICT ? "" : " (new)", vk);
		free(vk);
	}
	sodium_memzero(&key, sizeof key);
	free(kpath);
	arena_free(&a);
	db_close(db);
	return e ? 1 : 0;
}

/* Signs a checkpoint every CHECKPOINT_SECONDS while entries arrive. */
#define CHECKPOINT_SECONDS 2

struct checkpointer {
	struct db *db;                /* database */
	const struct ledger_key *key; /* signer */
	atomic_bool stop;             /* set at shutdown */
	const char *saved;            /* the last checkpoint signed, kept outside the database, or NULL */
	_Atomic int *halted;          /* set when the log no longer extends it: signing stops */
	const char *node;             /* this node, as the signer's lease names it */
	_Atomic int *signer;          /* 1 while this node holds the lease */
};

/* Whether the log still extends the last checkpoint this signer signed (or
 * none was kept yet); the reason logged when not (issue #18: a database
 * rolled back or forked by a failover must not be signed over). */
static bool still_extends(struct checkpointer *cp, struct dbc *c)
{
	if (!cp->saved || access(cp->saved, F_OK))
		return true;
	char *report = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&report, &n);
	enum app_err e = f ? ledger_verify_saved(c, cp->key, cp->saved, f) : APP_EIO;
	if (f)
		fclose(f);
	if (e == APP_ECONFLICT)
		log_msg(LOG_ERROR, "ledger: signing stopped, the log does not extend the checkpoint this node signed last (%s): %s",
			cp->saved, report ? report : "");
	free(report);
	return e != APP_ECONFLICT;
}

static void *checkpointer_main(void *arg)
{
	struct checkpointer *cp = arg;
	while (!atomic_load(&cp->stop)) {
		for (int i = 0; i < CHECKPOINT_SECONDS * 10 && !atomic_load(&cp->stop); i++)
			usleep(100000);
		if (atomic_load(cp->halted))
			continue; /* an operator must look: /readyz and /metrics say so */
		/* read first: a write on a quiet server would empty the micro-cache */
		struct dbc *c;
		bool due = true, extends = true;
		if (!db_conn(cp->db, &c) && !dbc_begin_read(c)) {
			if (ledger_checkpoint_due(c, &due, NULL))
				due = true;
			extends = still_extends(cp, c);
			dbc_end_read(c);
		}
		if (!extends) {
			atomic_store(cp->halted, 1);
			atomic_store(cp->signer, 0);
			continue;
		}
		/* the lease renewed every round (a write no page shows), the
		 * checkpoint signed in the same transaction when one is due */
		struct checkpoint_job j = {cp->key, false, cp->node, LEDGER_LEASE_SECONDS, !due, false};
		enum app_err e = due ? db_write(cp->db, checkpoint_fn, &j) : db_write_quiet(cp->db, checkpoint_fn, &j);
		if (e)
			log_msg(LOG_ERROR, "ledger: checkpoint failed (%s)", app_err_code(e));
		int was = atomic_exchange(cp->signer, !e && j.held);
		if (!e && j.held != was)
			log_msg(LOG_INFO, j.held ? "ledger: this node (%s) signs the checkpoints now"
						 : "ledger: another node signs the checkpoints; this one (%s) serves proofs",
				cp->node);
		/* kept after the commit: a crash between leaves an older one, still extended */
		if (!e && j.made && cp->saved && !db_conn(cp->db, &c)) {
			char tmp[4200];
			snprintf(tmp, sizeof tmp, "%s.tmp", cp->saved);
			if (ledger_save_latest(c, cp->key, tmp) || rename(tmp, cp->saved))
				log_msg(LOG_ERROR, "ledger: cannot keep the checkpoint signed in %s", cp->saved);
		}
	}
	return NULL;
}

/* The templates of messages: the shipped file, or COSO_NOTIFY_TEMPLATES
 * (every problem printed, nothing served, when it is refused). */
static bool templates_load(void)
{
	const char *path = getenv("COSO_NOTIFY_TEMPLATES");
	if (!path || !*path)
		return notify_templates() != NULL;
	size_t n;
	char *text = buf_read_file(path, &n);
	if (!text) {
		fprintf(stderr, "coso: cannot read %s\n", path);
		return false;
	}
	struct arena a;
	arena_init(&a);
	struct import_report rep;
	import_report_init(&rep, &a);
	struct notify_tpls *t;
	enum app_err e = notify_tpls_parse(text, n, &t, &rep);
	free(text);
	for (size_t i = 0; i < rep.nproblem; i++)
		fprintf(stderr, "%s:%d: %s%s%s\n", path, rep.problems[i].line, rep.problems[i].field,
			*rep.problems[i].field ? ": " : "", rep.problems[i].reason);
	arena_free(&a);
	if (e)
		return false;
	notify_templates_use(t);
	return true;
}

/* What links in messages start with: the public address, else the listening one. */
static char *link_base(const char *public_url, const char *listen)
{
	if (public_url && *public_url) {
		char *u = xstrdup(public_url);
		size_t l = strlen(u);
		while (l && u[l - 1] == '/')
			u[--l] = 0;
		return u;
	}
	size_t n = strlen(listen) + 8;
	char *u = xmalloc(n);
	snprintf(u, n, "http://%s", listen);
	return u;
}

static int cmd_serve(int argc, char **argv)
{
	const char *url = env_or("COSO_DB", DEFAULT_DB), *listen = env_or("COSO_LISTEN", DEFAULT_LISTEN);
	const char *keyflag = NULL;
	long threads = strtol(env_or("COSO_THREADS", "0"), NULL, 10);
	bool secure = !strcmp(env_or("COSO_SECURE_COOKIES", "0"), "1");
	bool proxy = !strcmp(env_or("COSO_TRUST_PROXY", "0"), "1");
	const char *public_url = getenv("COSO_PUBLIC_URL");
	/* connection limits (docs/deploy.md): behind a proxy every client has the
	 * proxy's address, so the per-address limit is off unless given */
	long idle = strtol(env_or("COSO_IDLE_TIMEOUT", "75"), NULL, 10);
	long header = strtol(env_or("COSO_HEADER_TIMEOUT", "10"), NULL, 10);
	long maxc = strtol(env_or("COSO_MAX_CONNECTIONS", "4096"), NULL, 10);
	const char *per_ip_env = getenv("COSO_PER_IP_CONNECTIONS");
	long per_ip = per_ip_env ? strtol(per_ip_env, NULL, 10) : -1;
	static const struct option opts[] = {{"db", required_argument, 0, 'd'},
					     {"listen", required_argument, 0, 'l'},
					     {"idle-timeout", required_argument, 0, 'I'},
					     {"header-timeout", required_argument, 0, 'H'},
					     {"max-connections", required_argument, 0, 'M'},
					     {"per-ip-connections", required_argument, 0, 'P'},
					     {"public-url", required_argument, 0, 'u'},
					     {"threads", required_argument, 0, 't'},
					     {"secure-cookies", no_argument, 0, 's'},
					     {"trust-proxy", no_argument, 0, 'p'},
					     {"ledger-key", required_argument, 0, 'k'},
					     {"replica", required_argument, 0, 'r'},
					     {"help", no_argument, 0, 'h'},
					     {0, 0, 0, 0}};
	int ch;
	/* standbys for anonymous public reads: --replica (again for each), else COSO_REPLICAS */
	const char *replicas[8];
	int nrep = 0;
	bool rep_flag = false;
	while ((ch = getopt_long(argc, argv, "d:l:t:spk:u:hI:H:M:P:r:", opts, NULL)) != -1) {
		switch (ch) {
		case 'r':
			if (nrep < 8)
				replicas[nrep++] = optarg;
			rep_flag = true;
			break;
		case 'I': idle = strtol(optarg, NULL, 10); break;
		case 'H': header = strtol(optarg, NULL, 10); break;
		case 'M': maxc = strtol(optarg, NULL, 10); break;
		case 'P': per_ip = strtol(optarg, NULL, 10); break;
		case 'k': keyflag = optarg; break;
		case 'u': public_url = optarg; break;
		case 'd': url = optarg; break;
		case 'l': listen = optarg; break;
		case 't': threads = strtol(optarg, NULL, 10); break;
		case 's': secure = true; break;
		case 'p': proxy = true; break;
		default:
			printf("usage: coso serve [--db URL] [--listen ADDR:PORT] [--threads N]\n"
			       "                  [--secure-cookies] [--trust-proxy] [--ledger-key PATH]\n"
			       "                  [--public-url https://coso.example.gov.vn]\n"
			       "                  [--idle-timeout S] [--header-timeout S] [--max-connections N]\n"
			       "                  [--per-ip-connections N]\n"
			       "  --idle-timeout: seconds an idle keep-alive connection stays open (default 75: longer\n"
			       "    than a proxy's keep-alive to coso, see docs/deploy.md)\n"
			       "  --header-timeout: seconds a new connection has to send its request (default 10; 0 off)\n"
			       "  --max-connections: in all (default 4096; the last 1/16 only for addresses holding < 4)\n"
			       "  --per-ip-connections: per client address (default 64, 0 off; off with --trust-proxy)\n"
			       "  --replica URL: a PostgreSQL standby for anonymous public reads (again for each, at\n"
			       "    most 8; env COSO_REPLICAS, space separated), used while it is at most\n"
			       "    COSO_REPLICA_MAX_LAG seconds behind (default 5); writes and signed-in people use the primary\n"
			       "  --public-url: the address people reach (QR codes on notices, feeds); default\n"
			       "    http(s)://Host of each request\n"
			       "  env: COSO_DB (default %s), COSO_LISTEN (default %s), COSO_THREADS, COSO_PUBLIC_URL,\n"
			       "       COSO_SECURE_COOKIES=1, COSO_TRUST_PROXY=1, COSO_LOG_LEVEL=debug|info|warn|error,\n"
			       "       COSO_CACHE=0 turns off the 1-second micro-cache of anonymous public pages,\n"
			       "       COSO_IDLE_TIMEOUT, COSO_HEADER_TIMEOUT, COSO_MAX_CONNECTIONS, COSO_PER_IP_CONNECTIONS,\n"
			       "       COSO_NOTIFY_WORKER=0 (deliver with coso notify run elsewhere), COSO_NOTIFY_TEMPLATES=FILE,\n"
			       "       COSO_NOTIFY_BALLOTS=1 (each ballot also notifies its voter),\n"
			       "       COSO_SERVICE_KEY=FILE (without the ledger key on this host: serve, never sign),\n"
			       "       COSO_NODE_NAME (this node in the signer's lease), COSO_LEDGER_CHECKPOINT=FILE\n",
			       DEFAULT_DB, DEFAULT_LISTEN);
			return ch == 'h' ? 0 : 2;
		}
	}
	if (threads <= 0) {
		long n = sysconf(_SC_NPROCESSORS_ONLN);
		threads = n > 2 ? n : 2; /* one per core, as libmicrohttpd advises */
	}
	if (threads > 64)
		threads = 64;
	if (idle < 1 || idle > 3600 || header < 0 || header > 3600 || maxc < 16 || maxc > 1000000 || per_ip > 1000000) {
		fprintf(stderr, "coso: a connection limit is out of range (see coso serve --help)\n");
		return 2;
	}
	if (per_ip < 0)
		per_ip = proxy ? 0 : 64;
	/* the ledger key where this host holds it (the node may sign); else the
	 * service key a signer host made (COSO_SERVICE_KEY, issue #18): derived
	 * one way from it, so this node seals ballots and serves proofs but
	 * cannot sign. The keys stay outside the database. */
	struct ledger_key key;
	char *vkey = NULL;
	const char *svc = getenv("COSO_SERVICE_KEY");
	char *kp = key_path(keyflag, url);
	const bool can_sign = !(svc && *svc) || !access(kp, F_OK);
	free(kp);
	if (can_sign) {
		if (!load_key(keyflag, url, &key))
			return 1;
		ballot_box_key_set(key.sk, sizeof key.sk);
		notify_key_set(key.sk); /* and signs the opt-out links */
		vkey = ledger_key_verifier(&key);
	} else {
		uint8_t ballot[32], stop[32];
		char *err = NULL;
		memset(&key, 0, sizeof key);
		if (ledger_service_key_load(svc, &vkey, ballot, stop, &err)) {
			fprintf(stderr, "coso: %s\n", err);
			free(err);
			return 1;
		}
		ballot_box_master_set(ballot);
		notify_stop_key_set(stop);
		sodium_memzero(ballot, sizeof ballot);
		sodium_memzero(stop, sizeof stop);
	}
	decisions_notify_ballots(!strcmp(env_or("COSO_NOTIFY_BALLOTS", "0"), "1"));
	if (!templates_load())
		return 1;
	struct db *db = open_ready(url, true);
	if (!db)
		return 1;
	struct dbc *c;
	if (db_conn(db, &c)) { /* prepares every statement: bad SQL fails now */
		fprintf(stderr, "coso: cannot prepare statements\n");
		db_close(db);
		return 1;
	}
	if (!dbc_begin_read(c)) { /* the gateways, before the first message is written */
		notify_gateways_reload(c, true);
		dbc_end_read(c);
	}
	if (ballot_box_upgrade(db)) {
		fprintf(stderr, "coso: sealing earlier ballots failed\n");
		db_close(db);
		return 1;
	}
	if (matters_fold_backfill(db)) {
		fprintf(stderr, "coso: filling the matters' search titles failed\n");
		db_close(db);
		return 1;
	}
	char *repenv = NULL;
	if (!rep_flag && getenv("COSO_REPLICAS") && *getenv("COSO_REPLICAS")) {
		repenv = xstrdup(getenv("COSO_REPLICAS"));
		for (char *save = NULL, *t = strtok_r(repenv, " \t", &save); t && nrep < 8; t = strtok_r(NULL, " \t", &save))
			replicas[nrep++] = t;
	}
	long maxlag = strtol(env_or("COSO_REPLICA_MAX_LAG", "5"), NULL, 10);
	if (nrep && (maxlag < 1 || maxlag > 3600)) {
		fprintf(stderr, "coso: COSO_REPLICA_MAX_LAG is from 1 to 3600 seconds\n");
		free(repenv);
		db_close(db);
		return 2;
	}
	for (int i = 0; i < nrep; i++) {
		char *err = NULL;
		if (db_replica_add(db, replicas[i], &err)) {
			fprintf(stderr, "coso: --replica: %s\n", err);
			free(err);
			free(repenv);
			db_close(db);
			return 2;
		}
	}
	free(repenv); /* db_replica_add keeps copies */
	db_replicas_start(db, (int)maxlag);
	struct app *app = xcalloc(1, sizeof *app);
	app->db = db;
	app->replica_fresh_s = nrep ? (int)maxlag + 2 : 0;
	app->lim = http_default_limits;
	app->secure_cookies = secure;
	app->trust_proxy = proxy;
	if (public_url && *public_url) {
		char *u = xstrdup(public_url);
		size_t l = strlen(u);
		while (l && u[l - 1] == '/')
			u[--l] = 0;
		app->public_url = u;
	}
	app->threads = (unsigned)threads;
	app->handle = app_handle;
	app->finish = app_finish;
	app->conn = (struct conn_limits){(unsigned)maxc, (unsigned)per_ip, (unsigned)(maxc / 16), (unsigned)header,
					 (unsigned)idle};
	app->started = time(NULL);
	if (strcmp(env_or("COSO_CACHE", "1"), "0"))
		app->cache = resp_cache_new(4096);
	app->ledger_vkey = vkey;
	/* the last checkpoint this node signed, kept outside the database: beside a
	 * SQLite file, or where COSO_LEDGER_CHECKPOINT says (set it on PostgreSQL) */
	const char *cpenv = getenv("COSO_LEDGER_CHECKPOINT");
	char *cppath = NULL;
	if (cpenv && *cpenv) {
		cppath = xstrdup(cpenv);
	} else if (strncmp(url, "postgres", 8)) {
		const char *file = strncmp(url, "sqlite:", 7) ? url : url + 7;
		size_t n = strlen(file) + sizeof ".checkpoint";
		cppath = xmalloc(n);
		snprintf(cppath, n, "%s.checkpoint", file);
	}
	char *node = node_name(listen);
	struct checkpointer cp = {db, &key, false, cppath, &app->ledger_halted, node, &app->ledger_signer};
	pthread_t cpt;
	app->ledger_may_sign = can_sign;
	bool cp_on = can_sign && pthread_create(&cpt, NULL, checkpointer_main, &cp) == 0;
	if (!can_sign)
		log_msg(LOG_INFO, "ledger: no ledger key on this host (%s): this node serves proofs, never signs", node);
	/* the delivery worker, unless it runs on a host of its own (coso notify run) */
	struct notify_worker *nw = NULL;
	if (strcmp(env_or("COSO_NOTIFY_WORKER", "1"), "0")) {
		char *base = link_base(public_url, listen);
		nw = notify_worker_start(db, base, can_sign ? key.sk : NULL);
		free(base);
	}
	int rc = server_run(app, listen);
	notify_worker_stop(nw);
	atomic_store(&cp.stop, true);
	if (cp_on)
		pthread_join(cpt, NULL);
	if (atomic_load(&app->ledger_signer)) /* let the lease go: another signer takes over at once */
		db_write_quiet(db, lease_drop_fn, node);
	free(node);
	sodium_memzero(&key, sizeof key);
	free(vkey);
	free(cppath);
	resp_cache_free(app->cache);
	db_close(db);
	free((char *)app->public_url);
	free(app);
	return rc;
}


struct hh_job {
	const char *data;
	size_t len;
	struct import_report *rep;
};

static enum app_err hh_fn(struct dbc *c, void *arg)
{
	struct hh_job *j = arg;
	return households_import_csv(c, j->data, j->len, NULL, 0, 0, time(NULL), j->rep);
}

static int cmd_import(int argc, char **argv)
{
	const char *url = env_or("COSO_DB", DEFAULT_DB);
	static const struct option opts[] = {{"db", required_argument, 0, 'd'},
					     {"help", no_argument, 0, 'h'},
					     {0, 0, 0, 0}};
	int ch;
	while ((ch = getopt_long(argc, argv, "d:h", opts, NULL)) != -1) {
		if (ch == 'd')
			url = optarg;
		else
			goto usage;
	}
	if (argc - optind != 2 || (strcmp(argv[optind], "units") && strcmp(argv[optind], "households") &&
				   strcmp(argv[optind], "disclosure-items")))
		goto usage;
	const char *what = argv[optind], *path = argv[optind + 1];
	size_t n;
	char *data = buf_read_file(path, &n);
	if (!data) {
		fprintf(stderr, "coso: cannot read %s\n", path);
		return 1;
	}
	struct db *db = open_ready(url, false);
	if (!db) {
		free(data);
		return 1;
	}
	struct arena a;
	arena_init(&a);
	struct import_report rep;
	import_report_init(&rep, &a);
	enum app_err e;
	if (!strcmp(what, "units")) {
		struct units_job j = {data, n, &rep, false, false};
		e = db_write(db, units_fn, &j);
	} else if (!strcmp(what, "disclosure-items")) {
		struct units_job j = {data, n, &rep, false, false};
		e = db_write(db, catalogue_fn, &j);
	} else {
		struct hh_job j = {data, n, &rep};
		e = db_write(db, hh_fn, &j);
	}
	if (e) {
		print_report(&rep);
		fprintf(stderr, "coso: nothing imported (%zu problems)\n", rep.nproblem);
	} else {
		printf("imported %lld %s\n", (long long)rep.applied, what);
	}
	arena_free(&a);
	free(data);
	db_close(db);
	return e ? 1 : 0;
usage:
	printf("usage: coso import [--db URL] units|households|disclosure-items FILE.csv\n"
	       "  units:      province_code,province_name,commune_code,commune_name,commune_type\n"
	       "  households: Mã thôn,Mã hộ,Chủ hộ,Địa chỉ,Số nhân khẩu,Người đại diện,Điện thoại\n"
	       "    (or the earlier English header village_code,household_code,head,address,members,representative,phone)\n"
	       "  disclosure-items: scope,number,title,legal_basis,forms,deadline_days,deadline_unit,\n"
	       "    min_days,permanent,radio_days,effective_from,confirmed (amend the law's catalogue with\n"
	       "    rules effective from a date; rows already present must be unchanged)\n"
	       "  UTF-8 with or without BOM. The whole file applies or nothing does; every bad\n"
	       "  line is reported with its number and reason.\n");
	return ch == 'h' ? 0 : 2;
}

/* Reads a password from stdin without echo when it is a terminal. Caller frees. */
static char *read_password(const char *prompt)
{
	struct termios old, quiet;
	bool tty = isatty(0) && tcgetattr(0, &old) == 0;
	if (tty) {
		fprintf(stderr, "%s", prompt);
		quiet = old;
		quiet.c_lflag &= (tcflag_t)~ECHO;
		tcsetattr(0, TCSANOW, &quiet);
	}
	char line[1100];
	char *r = fgets(line, sizeof line, stdin);
	if (tty) {
		tcsetattr(0, TCSANOW, &old);
		fprintf(stderr, "\n");
	}
	if (!r)
		return NULL;
	line[strcspn(line, "\r\n")] = '\0';
	char *nfc = str_nfc(line, strlen(line));
	memset(line, 0, sizeof line);
	return nfc;
}

struct cli_user_job {
	int op;                    /* 0 add, 1 passwd, 2 token */
	const char *username, *name, *password, *role, *unit, *label, *scope;
	int days;                  /* token: valid for */
	char token[CRYPTO_TOKEN_LEN];
	const char *problem;       /* out */
};

static enum app_err cli_user_fn(struct dbc *c, void *arg)
{
	struct cli_user_job *j = arg;
	struct arena a;
	arena_init(&a);
	enum app_err e = APP_OK;
	int64_t uid = 0;
	if (j->op == 0) {
		int64_t unit_id = 0;
		const char *kinds = auth_role_unit_kinds(j->role);
		if (!auth_role_valid(j->role)) {
			j->problem = "unknown role";
			e = APP_EINVAL;
		} else if (*kinds) {
			struct unit u;
			if (!j->unit || units_get(&a, c, j->unit, &u)) {
				j->problem = "this role needs --unit CODE of an existing unit";
				e = APP_EINVAL;
			} else if (!strstr(kinds, u.kind)) {
				j->problem = "this role cannot be held at that kind of unit";
				e = APP_EINVAL;
			} else {
				unit_id = u.id;
			}
		}
		if (!e) {
			e = auth_user_add(c, j->username, j->name, j->password, 0, time(NULL), &uid);
			if (e == APP_ECONFLICT)
				j->problem = "username taken";
			else if (e == APP_EINVAL)
				j->problem = "invalid username (3-40 of a-z 0-9 . _ -), name or password (10+ characters)";
		}
		if (!e)
			e = auth_role_grant(c, uid, j->role, unit_id);
	} else {
		struct db_stmt *s = dbc_stmt(c, STMT_USER_BY_NAME);
		db_bind_text(s, 1, j->username);
		bool row;
		e = db_step(s, &row);
		uid = row ? db_col_i64(s, 0) : 0;
		db_reset(s);
		if (!e && !uid) {
			j->problem = "no such user";
			e = APP_ENOTFOUND;
		}
		if (!e && j->op == 1 && (e = auth_set_password(c, uid, j->password, (int64_t)time(NULL))))
			j->problem = "password must have at least 10 characters";
		if (!e && j->op == 2 &&
		    (e = auth_token_new(c, uid, j->label, j->scope, j->days, (int64_t)time(NULL), j->token, NULL)) == APP_EINVAL)
			j->problem = "--scope must be read, ballot or write; --days 1 to 365; --label 1 to 80 characters";
	}
	if (!e) {
		static const char *const kinds[] = {"user.create", "user.password_reset", "user.token"};
		struct event ev = {.kind = kinds[j->op], .about = "user", .about_id = uid};
		e = events_add(c, &ev, NULL);
	}
	arena_free(&a);
	return e;
}

static int cmd_user(int argc, char **argv)
{
	const char *url = env_or("COSO_DB", DEFAULT_DB);
	struct cli_user_job j = {.label = "cli", .scope = "read", .days = 90};
	static const struct option opts[] = {{"db", required_argument, 0, 'd'},
					     {"name", required_argument, 0, 'n'},
					     {"role", required_argument, 0, 'r'},
					     {"unit", required_argument, 0, 'u'},
					     {"label", required_argument, 0, 'L'},
					     {"scope", required_argument, 0, 'S'},
					     {"days", required_argument, 0, 'D'},
					     {"help", no_argument, 0, 'h'},
					     {0, 0, 0, 0}};
	int ch;
	while ((ch = getopt_long(argc, argv, "d:n:r:u:L:S:D:h", opts, NULL)) != -1) {
		switch (ch) {
		case 'S': j.scope = optarg; break;
		case 'D': j.days = (int)strtol(optarg, NULL, 10); break;
		case 'd': url = optarg; break;
		case 'n': j.name = optarg; break;
		case 'r': j.role = optarg; break;
		case 'u': j.unit = optarg; break;
		case 'L': j.label = optarg; break;
		default: goto usage;
		}
	}
	if (optind >= argc)
		goto usage;
	const char *sub = argv[optind];
	int rc = 1;
	struct db *db = open_ready(url, false);
	if (!db)
		return 1;
	if (!strcmp(sub, "list")) {
		struct dbc *c;
		if (!db_conn(db, &c)) {
			struct db_stmt *s = dbc_stmt(c, STMT_USER_LIST);
			db_bind_null(s, 1);
			db_bind_null(s, 2);
			bool row;
			struct arena a;
			arena_init(&a);
			while (!db_step(s, &row) && row) {
				printf("%-28s %-8s %s\n", db_col_text(s, 1), db_col_i64(s, 3) ? "active" : "inactive",
				       db_col_text(s, 2));
			}
			db_reset(s);
			arena_free(&a);
			rc = 0;
		}
	} else if ((!strcmp(sub, "add") || !strcmp(sub, "passwd") || !strcmp(sub, "token")) &&
		   optind + 1 < argc) {
		j.username = argv[optind + 1];
		j.op = !strcmp(sub, "add") ? 0 : !strcmp(sub, "passwd") ? 1 : 2;
		char *pw = NULL;
		if (j.op == 0 && (!j.name || !j.role)) {
			fprintf(stderr, "coso: user add needs --name and --role\n");
			db_close(db);
			return 2;
		}
		if (j.op < 2) {
			pw = read_password("Mật khẩu: ");
			if (!pw) {
				fprintf(stderr, "coso: no password given on standard input\n");
				db_close(db);
				return 2;
			}
			j.password = pw;
		}
		enum app_err e = db_write(db, cli_user_fn, &j);
		if (pw) {
			memset(pw, 0, strlen(pw));
			free(pw);
		}
		if (e)
			fprintf(stderr, "coso: %s\n", j.problem ? j.problem : app_err_code(e));
		else if (j.op == 2)
			printf("%s\n", j.token);
		else
			printf("ok\n");
		rc = e ? 1 : 0;
	} else {
		db_close(db);
		goto usage;
	}
	db_close(db);
	return rc;
usage:
	printf("usage: coso user [--db URL] add USERNAME --name \"FULL NAME\" --role ROLE [--unit CODE]\n"
	       "       coso user [--db URL] passwd USERNAME\n"
	       "       coso user [--db URL] list\n"
	       "       coso user [--db URL] token USERNAME [--label TEXT] [--scope read|ballot|write] [--days N]\n"
	       "  A token is printed once; scope read (default): GET under /api/ only; ballot: also the\n"
	       "  household's ballots; write: every API route. Valid --days (default 90, at most 365).\n"
	       "  Passwords are read from standard input (no echo on a terminal).\n"
	       "  Roles: resident village_head front_committee_head commune_officer commune_chair\n"
	       "         front_officer board_member supervisor agency_head union_officer province_admin\n"
	       "         sysadmin\n");
	return ch == 'h' ? 0 : 2;
}

int disclosure_bench_seed(struct db *db, long want, const char *unused);
int decisions_bench_seed(struct db *db, long want, const char *tokens_path);
int decisions_bench_commune(struct db *db, long per_village, const char *unused);
int contests_bench_seed(struct db *db, long entrants, const char *tokens_path);
int cases_bench_seed(struct db *db, long n, const char *codes_path);
int consult_bench_seed(struct db *db, long n, const char *unused);
int country_bench_seed(struct db *db, long households, const char *unused);
int notify_bench_seed(struct db *db, long subscribers, const char *gateway_url);
int decisions_bench_sms(struct db *db, long unused, const char *codes_path);

/* The load that make bench needs, per module. */
static const struct bench_seed {
	const char *cmd;                                   /* coso CMD bench-seed */
	int (*fn)(struct db *db, long n, const char *file);
	long n;                                            /* default count */
	const char *file;                                  /* default file argument, or NULL */
	const char *help;
} bench_seeds[] = {
	{"disclosure", disclosure_bench_seed, 200000, NULL,
	 "usage: coso disclosure [--db URL] bench-seed [COUNT]\n"
	 "  Adds published postings (default 200000 in all) over the communes of the demo\n"
	 "  province, for make bench. Not for real databases: it writes no events.\n"},
	{"decisions", decisions_bench_seed, 150000, "var/ballots.tokens",
	 "usage: coso decisions [--db URL] bench-seed [HOUSEHOLDS] [TOKENS_FILE]\n"
	 "  Makes (once) a residential group 09187-BV of HOUSEHOLDS (default 150000) households whose\n"
	 "  representatives have API tokens (written to TOKENS_FILE, default var/ballots.tokens),\n"
	 "  then opens a new online matter and prints its id. For make bench only.\n"},
	{"tally", decisions_bench_commune, 10000, NULL,
	 "usage: coso tally [--db URL] bench-seed [HOUSEHOLDS]\n"
	 "  Makes (once) a commune BENCH-XA of 50 villages of HOUSEHOLDS (default 10000) households each,\n"
	 "  then a commune-wide item-1 matter whose 50 village meetings have all met, attended by every\n"
	 "  household, and counted; prints its id (the tally is GET /api/v1/matters/ID). For make bench only.\n"},
	{"country", country_bench_seed, 270, NULL,
	 "usage: coso country [--db URL] bench-seed [HOUSEHOLDS]\n"
	 "  Makes (once) the country for make bench: 30 villages under every commune (99,630) of HOUSEHOLDS\n"
	 "  (default 270) households each, village heads, training, regulations, outreach, conventions\n"
	 "  and every province's resolution, generated in SQL. Not for real databases.\n"},
	{"smsvote", decisions_bench_sms, 0, "var/sms.codes",
	 "usage: coso smsvote [--db URL] bench-seed 0 [CODES_FILE]\n"
	 "  Opens an online vote in BENCH-TB-01 (made by coso notify bench-seed) and writes each\n"
	 "  household's number and one-time code to CODES_FILE (default var/sms.codes); prints the\n"
	 "  matter's id. For make bench only.\n"},
	{"cases", cases_bench_seed, 1000000, "var/cases.codes",
	 "usage: coso cases [--db URL] bench-seed [COUNT] [CODES_FILE]\n"
	 "  Adds (once) COUNT cases (default 1000000) over the demo province's communes, a tenth handled by\n"
	 "  canbo.lucngan (many overdue); writes 10,000 of their codes to CODES_FILE (default var/cases.codes)\n"
	 "  and prints that officer's id. For make bench only.\n"},
	{"consult", consult_bench_seed, 1000000, NULL,
	 "usage: coso consult [--db URL] bench-seed [COUNT]\n"
	 "  Publishes (once) a province-wide consultation of the demo province and adds COUNT comments\n"
	 "  (default 1000000), 100,000 of them on Article 1 clause 1, every second one answered; prints\n"
	 "  the consultation's id. For make bench only.\n"},
	{"contests", contests_bench_seed, 100000, "var/contest.tokens",
	 "usage: coso contests [--db URL] bench-seed [ENTRANTS] [TOKENS_FILE]\n"
	 "  Makes a new contest of the demo province with a round open now and ENTRANTS (default 100000)\n"
	 "  entrants who have each started an attempt; writes the attempts' tokens to TOKENS_FILE\n"
	 "  (default var/contest.tokens) and prints the contest's id. For make bench only.\n"},
};

/* coso disclosure|decisions [--db URL] bench-seed [N] [FILE] */
static int cmd_bench_seed(const struct bench_seed *b, int argc, char **argv)
{
	const char *url = env_or("COSO_DB", DEFAULT_DB);
	static const struct option opts[] = {{"db", required_argument, 0, 'd'}, {"help", no_argument, 0, 'h'}, {0, 0, 0, 0}};
	int ch;
	while ((ch = getopt_long(argc, argv, "d:h", opts, NULL)) != -1) {
		if (ch == 'd') {
			url = optarg;
			continue;
		}
		printf("%s", b->help);
		return ch == 'h' ? 0 : 2;
	}
	if (optind >= argc || strcmp(argv[optind], "bench-seed")) {
		fprintf(stderr, "%s", b->help);
		return 2;
	}
	long n = optind + 1 < argc ? strtol(argv[optind + 1], NULL, 10) : b->n;
	const char *file = optind + 2 < argc ? argv[optind + 2] : b->file;
	struct db *db = open_ready(url, false);
	if (!db)
		return 1;
	int rc = b->fn(db, n, file);
	db_close(db);
	return rc;
}

/* coso ballots [--db URL] [--ledger-key PATH] receipts MATTER [prepoll|vote]:
 * opens the sealed boxes of one step with the server's key and prints each
 * receipt and its choice in receipt order (never a household): what the
 * matter page publishes after the close, for the operator's audit. */
static int cmd_ballots(int argc, char **argv)
{
	const char *url = env_or("COSO_DB", DEFAULT_DB), *keyflag = NULL;
	static const struct option opts[] = {{"db", required_argument, 0, 'd'},
					     {"ledger-key", required_argument, 0, 'k'},
					     {"help", no_argument, 0, 'h'},
					     {0, 0, 0, 0}};
	static const char help[] = "usage: coso ballots [--db URL] [--ledger-key PATH] receipts MATTER [prepoll|vote]\n"
				   "  Prints the receipts of a matter's ballots with their choices (receipt order),\n"
				   "  opening the sealed ballot box with the server's key file.\n";
	int ch;
	while ((ch = getopt_long(argc, argv, "d:k:h", opts, NULL)) != -1) {
		if (ch == 'd')
			url = optarg;
		else if (ch == 'k')
			keyflag = optarg;
		else {
			fputs(help, ch == 'h' ? stdout : stderr);
			return ch == 'h' ? 0 : 2;
		}
	}
	int64_t matter = 0;
	const char *stage = optind + 2 < argc ? argv[optind + 2] : "vote";
	if (optind + 1 >= argc || strcmp(argv[optind], "receipts") || str_to_i64(argv[optind + 1], 1, INT64_MAX, &matter) ||
	    (strcmp(stage, "vote") && strcmp(stage, "prepoll"))) {
		fputs(help, stderr);
		return 2;
	}
	struct ledger_key key;
	if (!load_key(keyflag, url, &key))
		return 1;
	ballot_box_key_set(key.sk, sizeof key.sk);
	sodium_memzero(&key, sizeof key);
	struct db *db = open_ready(url, false);
	struct dbc *c;
	if (!db || db_conn(db, &c)) {
		if (db)
			db_close(db);
		return 1;
	}
	struct arena a;
	arena_init(&a);
	struct ballot_receipt *v;
	size_t n;
	enum app_err e = ballot_box_receipts(&a, c, matter, stage, &v, &n);
	for (size_t i = 0; !e && i < n; i++)
		printf("%s %s\n", v[i].receipt, v[i].choice);
	if (e)
		fprintf(stderr, "coso: cannot open the ballot box (%s)\n", app_err_code(e));
	arena_free(&a);
	db_close(db);
	return e ? 1 : 0;
}

static int cmd_ledger(int argc, char **argv)
{
	const char *url = env_or("COSO_DB", DEFAULT_DB), *keyflag = NULL, *remote = NULL, *saved = NULL,
		   *save = NULL;
	static const struct option opts[] = {{"db", required_argument, 0, 'd'},
					     {"ledger-key", required_argument, 0, 'k'},
					     {"url", required_argument, 0, 'u'},
					     {"checkpoint", required_argument, 0, 'c'},
					     {"save", required_argument, 0, 's'},
					     {"out", required_argument, 0, 'o'},
					     {"help", no_argument, 0, 'h'},
					     {0, 0, 0, 0}};
	int ch;
	const char *out = NULL;
	while ((ch = getopt_long(argc, argv, "d:k:u:c:s:o:h", opts, NULL)) != -1) {
		switch (ch) {
		case 'd': url = optarg; break;
		case 'k': keyflag = optarg; break;
		case 'u': remote = optarg; break;
		case 'c': saved = optarg; break;
		case 's': save = optarg; break;
		case 'o': out = optarg; break;
		default: goto usage;
		}
	}
	if (optind >= argc)
		goto usage;
	const char *sub = argv[optind];
	if (!strcmp(sub, "verify") && remote)
		return ledger_verify_remote(remote, saved, save);
	if (!strcmp(sub, "bench")) {
		long leaves = strtol(env_or("BENCH_LEAVES", "200000"), NULL, 10);
		long long tree = strtoll(env_or("BENCH_TREE", "10000000"), NULL, 10);
		return ledger_bench(optind + 1 < argc ? argv[optind + 1] : "var/ledger-bench.db", (int)leaves,
				    (uint64_t)tree);
	}
	struct ledger_key key;
	if (!load_key(keyflag, url, &key))
		return 1;
	int rc = 2;
	if (!strcmp(sub, "key")) {
		char *vk = ledger_key_verifier(&key);
		printf("%s\n", vk);
		free(vk);
		rc = 0;
	} else if (!strcmp(sub, "service-key") && out) {
		/* for the nodes that serve but do not sign (docs/deploy.md) */
		uint8_t ballot[32];
		ballot_box_master_of(key.sk, sizeof key.sk, ballot);
		notify_key_set(key.sk);
		char *vk = ledger_key_verifier(&key), *err = NULL;
		rc = ledger_service_key_write(out, vk, ballot, notify_key(), &err) ? 1 : 0;
		if (rc)
			fprintf(stderr, "coso: %s\n", err);
		else
			printf("service key written to %s (0600): give it to the nodes that do not sign\n", out);
		sodium_memzero(ballot, sizeof ballot);
		free(err);
		free(vk);
	} else if (!strcmp(sub, "verify") || !strcmp(sub, "checkpoint")) {
		struct db *db = open_ready(url, false);
		if (!db) {
			rc = 1;
		} else if (!strcmp(sub, "checkpoint")) {
			/* by hand, only while no node holds the signer's lease */
			char *me = node_name("coso ledger checkpoint");
			struct checkpoint_job j = {&key, false, me, 1, false, false};
			enum app_err e = db_write(db, checkpoint_fn, &j);
			printf("%s\n", e ? app_err_code(e)
				       : !j.held ? "not signed: a running node holds the signer's lease (it signs)"
				       : j.made  ? "new checkpoint signed"
						 : "no new entries");
			rc = e || !j.held ? 1 : 0;
			free(me);
			db_close(db);
		} else {
			struct dbc *c = NULL;
			int64_t first = -1;
			enum app_err e = db_conn(db, &c);
			if (!e)
				e = ledger_verify_db(c, &key, stdout, &first);
			/* against a checkpoint saved earlier: the log may agree with itself
			 * and still not extend what a verifier already holds */
			enum app_err es = saved && c ? ledger_verify_saved(c, &key, saved, stdout) : APP_OK;
			if (e == APP_ECONFLICT && first >= 0)
				printf("TAMPERED: the first index that differs is %lld\n", (long long)first);
			else if (e == APP_ECONFLICT)
				printf("TAMPERED: public acts are missing from the ledger\n");
			else if (e)
				printf("cannot verify: %s\n", app_err_code(e));
			else
				printf("ok: every leaf, node and checkpoint agrees\n");
			if (!e && !es && save) {
				es = ledger_save_latest(c, &key, save);
				printf(es ? "cannot save the checkpoint to %s\n" : "saved to %s\n", save);
			}
			rc = e || es ? 1 : 0;
			db_close(db);
		}
	}
	sodium_memzero(&key, sizeof key);
	if (rc != 2)
		return rc;
usage:
	printf("usage: coso ledger [--db URL] [--ledger-key PATH] verify   recompute the whole ledger from the\n"
	       "                                                          events; report the first index that differs\n"
	       "       coso ledger [--db URL] verify [--checkpoint FILE] [--save FILE]\n"
	       "                          the same, and that the log extends the checkpoint saved in FILE\n"
	       "                          (not rolled back or forked); --save keeps the latest one\n"
	       "       coso ledger verify --url URL [--checkpoint FILE] [--save FILE]\n"
	       "                          check a running server: the signed checkpoint, inclusion proofs of\n"
	       "                          its entries, and consistency with an older checkpoint saved in FILE\n"
	       "       coso ledger [--db URL] [--ledger-key PATH] key        print the verifier key\n"
	       "       coso ledger [--db URL] [--ledger-key PATH] checkpoint sign a checkpoint now (refused\n"
	       "                          while a running node holds the signer's lease)\n"
	       "       coso ledger [--ledger-key PATH] service-key --out FILE\n"
	       "                          write what a node that serves but does not sign needs (derived one\n"
	       "                          way from the ledger key; such a node runs with COSO_SERVICE_KEY=FILE)\n");
	return ch == 'h' ? 0 : 2;
}

/* coso doc verify FILE.pdf... — whether each document is genuine: its
 * signature matches its bytes, covers the whole file, and chains to a
 * trusted authority (the keys directory's ca.pem). Exit 0 when all are. */
/* coso targets load FILE | snapshot UNIT [QUARTER] — a resolution file
 * checked and stored (every problem with its line); a quarter's figures
 * stored once (by default the last quarter that ended), for cron. */
static int cmd_targets(int argc, char **argv)
{
	const char *url = env_or("COSO_DB", DEFAULT_DB);
	static const struct option opts[] = {{"db", required_argument, 0, 'd'}, {"help", no_argument, 0, 'h'}, {0, 0, 0, 0}};
	int ch;
	while ((ch = getopt_long(argc, argv, "d:h", opts, NULL)) != -1) {
		if (ch == 'd')
			url = optarg;
		else
			goto usage;
	}
	if (argc - optind < 1 || (argc - optind < 2 && strcmp(argv[optind], "rollup")))
		goto usage;
	const char *sub = argv[optind], *arg = optind + 1 < argc ? argv[optind + 1] : NULL;
	if (strcmp(sub, "load") && strcmp(sub, "snapshot") && strcmp(sub, "rollup"))
		goto usage;
	/* figures count ballots, which open with the key beside the ledger's */
	struct ledger_key key;
	if (!load_key(NULL, url, &key))
		return 1;
	ballot_box_key_set(key.sk, sizeof key.sk);
	sodium_memzero(&key, sizeof key);
	struct db *db = open_ready(url, false);
	if (!db)
		return 1;
	struct arena a;
	arena_init(&a);
	int64_t now = time(NULL);
	enum app_err e;
	if (!strcmp(sub, "rollup")) {
		e = targets_rollup_all(db, arg, now);
	} else if (!strcmp(sub, "load")) {
		size_t n;
		char *data = buf_read_file(arg, &n);
		if (!data) {
			fprintf(stderr, "coso: cannot read %s\n", arg);
			arena_free(&a);
			db_close(db);
			return 1;
		}
		struct problems pr = {.a = &a};
		int64_t id = 0;
		e = targets_load(db, NULL, data, n, now, &id, &pr);
		free(data);
		for (size_t k = 0; k < pr.n; k++)
			fprintf(stderr, "%s: %s\n", arg, pr.v[k].message);
		if (!e)
			printf("resolution %lld loaded\n", (long long)id);
	} else {
		struct dbc *c;
		struct unit u;
		e = db_conn(db, &c);
		if (!e)
			e = units_get(&a, c, arg, &u);
		int64_t qstart;
		targets_quarter_of(&a, cal_today((time_t)now), &qstart, NULL);
		const char *q = optind + 2 < argc ? argv[optind + 2] : targets_quarter_of(&a, qstart - 1, NULL, NULL);
		int64_t taken = 0;
		if (!e)
			e = targets_snapshot(db, &u, q, now, &taken);
		if (!e)
			printf("%s %s: %lld figures stored%s\n", arg, q, (long long)taken, taken ? "" : " (taken already)");
	}
	if (e)
		fprintf(stderr, "coso: targets %s failed (%s)\n", sub, app_err_code(e));
	arena_free(&a);
	db_close(db);
	return e ? 1 : 0;
usage:
	fprintf(stderr, "usage: coso targets [--db URL] load FILE\n"
			"       coso targets [--db URL] snapshot UNIT [YYYY-Qn]\n"
			"       coso targets [--db URL] rollup [YYYY-Qn]   (every province and commune, not stored; time and memory)\n");
	return 2;
}

static int cmd_doc(int argc, char **argv)
{
	const char *url = env_or("COSO_DB", DEFAULT_DB), *keyflag = NULL;
	if (argc == 2 && !strcmp(argv[1], "speak"))
		return doc_speak_child(); /* the server's reading process (audio.c) */
	if (argc < 3 || strcmp(argv[1], "verify")) {
		fprintf(argc > 1 && !strcmp(argv[1], "--help") ? stdout : stderr,
			"usage: coso doc verify FILE.pdf...\n"
			"  Checks each document's digital signature (PAdES): that it matches every byte,\n"
			"  covers the whole file and chains to a trusted authority (ca.pem of the keys\n"
			"  directory: COSO_KEYS_DIR, or unit-keys/ beside the ledger key).\n");
		return argc > 1 && !strcmp(argv[1], "--help") ? 0 : 2;
	}
	keys_dir_setup(keyflag, url);
	int bad = 0;
	for (int i = 2; i < argc; i++) {
		size_t n = 0;
		char *data = buf_read_file(argv[i], &n);
		if (!data) {
			fprintf(stderr, "%s: cannot read\n", argv[i]);
			bad = 1;
			continue;
		}
		struct doc_verdict v;
		doc_verify(data, n, &v);
		free(data);
		printf("%s: %s\n  sha256 %s\n", argv[i], v.why ? "KHÔNG HỢP LỆ" : "HỢP LỆ", v.sha256);
		if (v.signed_)
			printf("  ký bởi: %s\n  thời điểm: %s\n", v.signer, v.when);
		if (v.why) {
			printf("  %s\n", v.why);
			bad = 1;
		}
	}
	return bad;
}

struct gateway_job {
	const char *province, *channel, *name, *config;
	int64_t now;
};

static enum app_err gateway_fn(struct dbc *c, void *arg)
{
	struct gateway_job *j = arg;
	return notify_gateway_set(c, j->province, j->channel, j->name, j->config, j->now, 0);
}

/* coso notify run [--once] | gateway PROVINCE CHANNEL NAME FILE.json |
 * templates FILE — the delivery worker on its own host (or one round, for
 * cron and tests); a gateway checked and stored; a template file checked. */
static int cmd_notify(int argc, char **argv)
{
	const char *url = env_or("COSO_DB", DEFAULT_DB), *keyflag = NULL, *public_url = getenv("COSO_PUBLIC_URL");
	bool once = false, overdue = false;
	static const struct option opts[] = {{"db", required_argument, 0, 'd'},	 {"once", no_argument, 0, 'o'},
					     {"overdue", no_argument, 0, 'O'},
					     {"ledger-key", required_argument, 0, 'k'}, {"public-url", required_argument, 0, 'u'},
					     {"help", no_argument, 0, 'h'},		 {0, 0, 0, 0}};
	int ch;
	while ((ch = getopt_long(argc, argv, "d:oOk:u:h", opts, NULL)) != -1) {
		switch (ch) {
		case 'd': url = optarg; break;
		case 'o': once = true; break;
		case 'O': overdue = true; break;
		case 'k': keyflag = optarg; break;
		case 'u': public_url = optarg; break;
		default: goto usage;
		}
	}
	const char *sub = optind < argc ? argv[optind] : "";
	if (!strcmp(sub, "templates") && argc - optind == 2) {
		setenv("COSO_NOTIFY_TEMPLATES", argv[optind + 1], 1);
		if (!templates_load())
			return 1;
		printf("%s: %zu templates, each SMS at most %d segments.\n", argv[optind + 1],
		       notify_tpls_count(notify_templates()), notify_tpls_segments(notify_templates()));
		return 0;
	}
	if (!strcmp(sub, "gateway") && argc - optind == 5) {
		size_t n;
		char *config = buf_read_file(argv[optind + 4], &n);
		if (!config) {
			fprintf(stderr, "coso: cannot read %s\n", argv[optind + 4]);
			return 1;
		}
		struct arena a;
		arena_init(&a);
		struct notify_gateway g;
		const char *why = NULL;
		int rc = 1;
		if (notify_gateway_parse(&a, argv[optind + 1], argv[optind + 2], argv[optind + 3], config, &g, &why))
			fprintf(stderr, "coso: %s: %s\n", argv[optind + 4], why ? why : "?");
		else {
			struct db *db = open_ready(url, false);
			struct gateway_job j = {argv[optind + 1], argv[optind + 2], argv[optind + 3], config, (int64_t)time(NULL)};
			enum app_err e = db ? db_write(db, gateway_fn, &j) : APP_EDB;
			if (e)
				fprintf(stderr, "coso: the gateway was not stored (%s)\n", app_err_code(e));
			else {
				printf("Gateway %s: %s for %s.\n", g.name, g.channel, g.province);
				rc = 0;
			}
			if (db)
				db_close(db);
		}
		free(config);
		arena_free(&a);
		return rc;
	}
	if (!strcmp(sub, "bench-seed") && argc - optind >= 2) {
		struct db *db = open_ready(url, false);
		if (!db)
			return 1;
		long n = argc - optind >= 3 ? strtol(argv[optind + 1], NULL, 10) : 100000;
		int rc = notify_bench_seed(db, n, argv[argc - 1]);
		db_close(db);
		return rc;
	}
	if (!strcmp(sub, "digest") && argc - optind == 1) {
		struct ledger_key key; /* the inbox reads the ballot box (a household's vote) */
		if (!load_key(keyflag, url, &key))
			return 1;
		ballot_box_key_set(key.sk, sizeof key.sk);
		sodium_memzero(&key, sizeof key);
		struct db *db = open_ready(url, true);
		if (!db || !templates_load())
			return 1;
		struct dbc *c;
		if (!db_conn(db, &c) && !dbc_begin_read(c)) {
			notify_gateways_reload(c, true);
			dbc_end_read(c);
		}
		size_t n = 0;
		enum app_err e = notify_digest(db, overdue, (int64_t)time(NULL), &n);
		printf("%zu people reminded%s\n", n, e ? " (failed)" : "");
		db_close(db);
		return e ? 1 : 0;
	}
	if (!strcmp(sub, "run") && argc - optind == 1) {
		struct ledger_key key;
		if (!load_key(keyflag, url, &key) || !templates_load())
			return 1;
		struct db *db = open_ready(url, true);
		if (!db)
			return 1;
		char *base = link_base(public_url, env_or("COSO_LISTEN", DEFAULT_LISTEN));
		int rc = 0;
		if (once) {
			size_t tried = 0;
			enum app_err e = notify_deliver_once(db, base, key.sk, (int64_t)time(NULL), &tried);
			printf("%zu messages tried%s\n", tried, e ? " (recording failed)" : "");
			rc = e ? 1 : 0;
		} else {
			struct notify_worker *w = notify_worker_start(db, base, key.sk);
			sigset_t set;
			sigemptyset(&set);
			sigaddset(&set, SIGINT);
			sigaddset(&set, SIGTERM);
			pthread_sigmask(SIG_BLOCK, &set, NULL);
			int sig;
			sigwait(&set, &sig); /* until stopped */
			notify_worker_stop(w);
		}
		free(base);
		sodium_memzero(&key, sizeof key);
		db_close(db);
		return rc;
	}
usage:
	fprintf(stderr, "usage: coso notify run [--once] [--db URL] [--public-url URL] [--ledger-key PATH]\n"
			"       coso notify gateway PROVINCE|* sms|zalo|email NAME FILE.json [--db URL]\n"
			"       coso notify templates FILE\n"
			"       coso notify digest [--overdue] [--db URL]\n"
			"       coso notify bench-seed [SUBSCRIBERS] GATEWAY_URL [--db URL]   (make bench only)\n"
			"  run: the delivery worker (a thread of coso serve unless COSO_NOTIFY_WORKER=0)\n"
			"  gateway: a channel's gateway for a province, checked, stored (docs/notify.md)\n"
			"  templates: checks a file of message templates (serve reads COSO_NOTIFY_TEMPLATES)\n"
			"  digest: each person's reminders now (the worker writes them at 07:00, and the\n"
			"    overdue ones at 16:00; with --overdue only to those with something overdue)\n");
	return 2;
}

struct o311_key_job {
	const char *name;
	char key[CRYPTO_TOKEN_LEN];
};

static enum app_err o311_key_fn(struct dbc *c, void *arg)
{
	struct o311_key_job *j = arg;
	return case_o311_key_new(c, j->name, time(NULL), j->key);
}

/* coso open311 key NAME: a key for an Open311 client, printed once */
static int cmd_open311(int argc, char **argv)
{
	const char *url = env_or("COSO_DB", DEFAULT_DB);
	static const struct option opts[] = {{"db", required_argument, 0, 'd'}, {"help", no_argument, 0, 'h'}, {0, 0, 0, 0}};
	int ch;
	while ((ch = getopt_long(argc, argv, "d:h", opts, NULL)) != -1) {
		if (ch != 'd')
			goto usage;
		url = optarg;
	}
	if (argc - optind == 2 && !strcmp(argv[optind], "key") && *argv[optind + 1] && strlen(argv[optind + 1]) <= 100) {
		struct db *db = open_ready(url, false);
		struct o311_key_job j = {.name = argv[optind + 1]};
		enum app_err e = db ? db_write(db, o311_key_fn, &j) : APP_EDB;
		if (db)
			db_close(db);
		if (e) {
			fprintf(stderr, "coso: the key was not stored (%s)\n", app_err_code(e));
			return 1;
		}
		printf("%s\n", j.key);
		return 0;
	}
usage:
	fprintf(stderr, "usage: coso open311 key NAME [--db URL]\n"
			"  a key (api_key) for an Open311 client named NAME, printed once; only its hash is kept\n");
	return 2;
}

int main(int argc, char **argv)
{
	if (crypto_init()) {
		fprintf(stderr, "coso: libsodium failed to initialise\n");
		return 1;
	}
	ledger_listen(); /* public acts become ledger leaves (events.h) */
	const char *lvl = env_or("COSO_LOG_LEVEL", "info");
	log_set_level(!strcmp(lvl, "debug") ? LOG_DEBUG
		      : !strcmp(lvl, "warn") ? LOG_WARN
		      : !strcmp(lvl, "error") ? LOG_ERROR
					      : LOG_INFO);
	if (argc < 2) {
		usage_main(stderr);
		return 2;
	}
	const char *cmd = argv[1];
	argc--;
	argv++;
	if (!strcmp(cmd, "init"))
		return cmd_init(argc, argv);
	if (!strcmp(cmd, "serve"))
		return cmd_serve(argc, argv);
	if (!strcmp(cmd, "import"))
		return cmd_import(argc, argv);
	if (!strcmp(cmd, "user"))
		return cmd_user(argc, argv);
	if (!strcmp(cmd, "ledger"))
		return cmd_ledger(argc, argv);
	if (!strcmp(cmd, "ballots"))
		return cmd_ballots(argc, argv);
	if (!strcmp(cmd, "doc"))
		return cmd_doc(argc, argv);
	if (!strcmp(cmd, "targets"))
		return cmd_targets(argc, argv);
	if (!strcmp(cmd, "notify"))
		return cmd_notify(argc, argv);
	if (!strcmp(cmd, "open311"))
		return cmd_open311(argc, argv);
	for (size_t i = 0; i < sizeof bench_seeds / sizeof *bench_seeds; i++)
		if (!strcmp(cmd, bench_seeds[i].cmd))
			return cmd_bench_seed(&bench_seeds[i], argc, argv);
	if (!strcmp(cmd, "version") || !strcmp(cmd, "--version")) {
		printf("coso %s (schema %d)\n", COSO_VERSION, db_schema_version());
		return 0;
	}
	if (!strcmp(cmd, "help") || !strcmp(cmd, "--help") || !strcmp(cmd, "-h")) {
		usage_main(stdout);
		return 0;
	}
	fprintf(stderr, "coso: unknown command '%s'\n\n", cmd);
	usage_main(stderr);
	return 2;
}
