/*
 * migrate.c — schema migrations. Each migration is an embedded file
 * sql/migrations/NNNN_name.sql, portable where it can be; where the dialects
 * differ, NNNN_name.pg.sql beside it is used on PostgreSQL instead. Applied in
 * order, each in its own transaction, recorded in schema_migrations.
 * Migrations only go forward.
 */
#include "db_int.h"
#include "../util/embed.h"
#include "../util/log.h"
#include "../util/xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MIG_PREFIX "sql/migrations/"

/* The migration file for version v on this backend, or NULL. */
static const struct embed_file *find_migration(enum db_kind kind, int v)
{
	const struct embed_file *portable = NULL;
	char num[16];
	snprintf(num, sizeof num, "%04d_", v);
	for (const struct embed_file *f = embed_files; f->name; f++) {
		if (strncmp(f->name, MIG_PREFIX, strlen(MIG_PREFIX)) != 0)
			continue;
		const char *base = f->name + strlen(MIG_PREFIX);
		if (strncmp(base, num, 5) != 0)
			continue;
		bool pg = strstr(base, ".pg.sql") != NULL;
		if (pg && kind == DB_PG)
			return f;
		if (!pg)
			portable = f;
	}
	return portable;
}

int db_schema_version(void)
{
	int v = 0;
	while (find_migration(DB_SQLITE, v + 1))
		v++;
	return v;
}

static const char *create_table =
	"CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY,"
	" name TEXT NOT NULL, applied_at BIGINT NOT NULL)";

enum app_err db_schema_version_of(struct dbc *c, int64_t *v)
{
	enum app_err r = c->be->query_int(c, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations", v);
	return r == APP_ENOTFOUND ? (*v = 0, APP_OK) : r;
}

enum app_err db_migrate(struct db *db, char **err)
{
	struct dbc *c = pthread_getspecific(db->tls);
	*err = NULL;
	enum app_err r = c->be->exec(c, create_table, err);
	if (r)
		return r;
	int64_t cur;
	if ((r = db_schema_version_of(c, &cur)))
		return r;
	int want = db_schema_version();
	if (cur > want) {
		char tmp[160];
		snprintf(tmp, sizeof tmp, "database schema version %lld is newer than this binary's (%d)",
			 (long long)cur, want);
		*err = xstrdup(tmp);
		return APP_ECONFLICT;
	}
	for (int v = (int)cur + 1; v <= want; v++) {
		const struct embed_file *f = find_migration(db->kind, v);
		if ((r = c->be->exec(c, "BEGIN", err)))
			return r;
		r = c->be->exec(c, f->data, err);
		if (!r) {
			char ver[16], at[24];
			snprintf(ver, sizeof ver, "%d", v);
			snprintf(at, sizeof at, "%lld", (long long)time(NULL));
			const char *vals[] = {ver, f->name + strlen(MIG_PREFIX), at};
			r = c->be->exec_params(c,
					       "INSERT INTO schema_migrations(version, name, applied_at)"
					       " VALUES (CAST(?1 AS INTEGER), ?2, CAST(?3 AS BIGINT))",
					       3, vals);
		}
		if (!r)
			r = c->be->exec(c, "COMMIT", err);
		if (r) {
			c->be->exec(c, "ROLLBACK", NULL);
			return r;
		}
		log_msg(LOG_INFO, "db: applied migration %s", f->name);
	}
	return APP_OK;
}

enum app_err db_check_schema(struct db *db, char **err)
{
	struct dbc *c = pthread_getspecific(db->tls);
	*err = NULL;
	int64_t cur = 0;
	enum app_err r = db_schema_version_of(c, &cur);
	int want = db_schema_version();
	char tmp[200];
	if (r == APP_EDB || r == APP_ENOTFOUND || cur == 0) {
		snprintf(tmp, sizeof tmp, "the database has no coso schema: run `coso init` first");
		*err = xstrdup(tmp);
		return APP_ENOTFOUND;
	}
	if (cur > want) {
		snprintf(tmp, sizeof tmp,
			 "database schema version %lld is newer than this binary's (%d): refusing to serve",
			 (long long)cur, want);
		*err = xstrdup(tmp);
		return APP_ECONFLICT;
	}
	if (cur < want) {
		snprintf(tmp, sizeof tmp,
			 "database schema version %lld is older than this binary's (%d): run `coso init` to migrate",
			 (long long)cur, want);
		*err = xstrdup(tmp);
		return APP_ECONFLICT;
	}
	return APP_OK;
}
