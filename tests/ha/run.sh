#!/usr/bin/env bash
# The failover test of issue #18 (docs/deploy.md): builds on this machine's
# loopback a three-member PostgreSQL 15 cluster under Patroni and etcd, then
#   1. tests/ha/failover.test.mjs: two coso nodes behind nginx, a write load,
#      the primary killed (short) — and, with "full", the synchronous
#      standby's WAL stream cut before the primary is killed;
#   2. the end-to-end files of the ballot box and of disclosure against the
#      cluster, every server reached through nginx.
# Usage: tests/ha/run.sh short|full [FIGURES_FILE]. Needs build/coso,
# COSO_LEDGER_KEY (the key the template was made with is made here when unset).
set -uo pipefail
cd "$(dirname "$0")/../.."
mode=${1:-short}
figs=${2:-}
BIN=${COSO_BIN:-build/coso}
TMP=$(mktemp -d /tmp/coso-ha.XXXXXX)
chmod 755 "$TMP"
# above the ephemeral ports (32768-60999) the nodes and clients are given
BASE=$(( 61000 + (RANDOM % 78) * 50 ))
export COSO_LEDGER_KEY=${COSO_LEDGER_KEY:-$TMP/ledger.key}
cleanup() { node tests/ha/cluster.mjs stop "$TMP/cluster" >/dev/null 2>&1; rm -rf "$TMP"; }
trap cleanup EXIT
url=$(node tests/ha/cluster.mjs start "$TMP/cluster" "$BASE") || exit 1
echo "cluster: $url"
PG=${url%/postgres*}
PARAMS="?${url#*\?}"
psql -X -q -d "$PG/postgres$PARAMS" -c "CREATE DATABASE coso_template" >/dev/null || exit 1
"$BIN" init --db "$PG/coso_template$PARAMS" --demo >"$TMP/init.log" 2>&1 || { tail -20 "$TMP/init.log"; exit 1; }
export COSO_BIN=$BIN COSO_TEST_BACKEND=pg COSO_TEST_PG=$PG COSO_TEST_PG_PARAMS=$PARAMS
rc=0
HA_DIR=$TMP/cluster HA_BASE=$BASE HA_MODE=$mode HA_FIGURES=${figs:-$TMP/figures.txt} \
  node --test --test-concurrency=1 --test-reporter=spec tests/ha/failover.test.mjs tests/ha/replicas.test.mjs || rc=1
[[ -n $figs ]] || cat "$TMP/figures.txt" 2>/dev/null
# the ballot box and disclosure through nginx on the cluster (after the failover
# above); HA_E2E=0 (make bench) leaves them out
if [[ ${HA_E2E:-1} != 0 ]]; then
  COSO_TEST_PROXY=1 node --test --test-concurrency=2 --test-reporter=spec \
    tests/e2e/11-disclosures.test.mjs tests/e2e/12-matters.test.mjs tests/e2e/14-ballot-secrecy.test.mjs || rc=1
fi
exit $rc
