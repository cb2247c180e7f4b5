#!/usr/bin/env bash
# Prints the schema a fresh `coso init` produces, for reading in one place
# (sql/schema.sql, sql/schema.pg.sql) and for the test that keeps those files
# equal to what the migrations make.
#   tools/schema.sh sqlite            [BIN]
#   tools/schema.sh pg POSTGRES_BASE  [BIN]   (postgresql://user@host:port, a server to use)
set -euo pipefail
kind=${1:?sqlite or pg}
tmp=$(mktemp -d /tmp/coso-schema.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
export COSO_LEDGER_KEY=$tmp/ledger.key COSO_LOG_LEVEL=error
case $kind in
  sqlite)
    bin=${2:-build/coso}
    "$bin" init --db "$tmp/s.db" >/dev/null
    echo "-- The schema a fresh \`coso init\` makes on SQLite (migrations 0001-$(printf %04d "$(sqlite3 "$tmp/s.db" 'SELECT MAX(version) FROM schema_migrations')")),"
    echo "-- kept by tools/schema.sh; a test fails when the migrations and this file differ. Read-only:"
    echo "-- change the schema with a new migration in sql/migrations/, then \`make schema\`."
    sqlite3 "$tmp/s.db" .schema
    ;;
  pg)
    base=${2:?the PostgreSQL base URL}
    bin=${3:-build/coso}
    db=schema_$$_$RANDOM
    psql -X -q -d "$base/postgres" -c "CREATE DATABASE $db" >/dev/null
    trap 'psql -X -q -d "$base/postgres" -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1; rm -rf "$tmp"' EXIT
    "$bin" init --db "$base/$db" >/dev/null
    v=$(psql -X -q -t -A -d "$base/$db" -c 'SELECT MAX(version) FROM schema_migrations')
    echo "-- The schema a fresh \`coso init\` makes on PostgreSQL (migrations 0001-$(printf %04d "$v")),"
    echo "-- kept by tools/schema.sh; a test fails when the migrations and this file differ. Read-only:"
    echo "-- change the schema with a new migration in sql/migrations/, then \`make schema\`."
    # pg_dump's comments and its per-run \restrict key vary between runs: left out
    pg_dump --schema-only --no-owner --no-privileges -d "$base/$db" | grep -v -e '^--' -e '^\\restrict' -e '^\\unrestrict' | cat -s
    ;;
  *) echo "usage: $0 sqlite [BIN] | pg BASE [BIN]" >&2; exit 2 ;;
esac
