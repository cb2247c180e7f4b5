#!/usr/bin/env bash
# Runs every test of coso (called by `make test`, after the build):
#   1. unit tests (cmocka), DB layer on SQLite and on a throwaway PostgreSQL 15
#   2. end-to-end tests (node:test) against the real binary, on SQLite then PostgreSQL
#   3. a Patroni cluster: failover under load, and e2e files through nginx on it
#      (tests/ha/run.sh short); the browser test (playwright-core + chromium + axe-core)
#   4. the unit and e2e suites again on an ASan+UBSan build
#   5. libFuzzer on the request parsers and the CSV reader (10 s each)
# Prints one closing line "N passed, N failed" and exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=$ROOT/test-output
mkdir -p "$OUT"
JOBS=${JOBS:-2}
passed=0 failed=0
failures=()

log() { printf '\n=== %s\n' "$*"; }

# Adds the counts of a finished suite from its log; a suite that did not
# report counts but failed counts as one failure.
count() { # name rc logfile
  local name=$1 rc=$2 f=$3 p=0 q=0
  if grep -q '^ℹ pass' "$f"; then
    p=$(awk '/^ℹ pass/{s+=$3} END{print s+0}' "$f"); q=$(awk '/^ℹ fail/{s+=$3} END{print s+0}' "$f")
  elif grep -q 'PASSED  \]' "$f"; then
    p=$(grep -h 'PASSED  \]' "$f" | awk '{s+=$4} END{print s+0}')
    q=$(grep -h 'FAILED  \].*listed below' "$f" | awk '{s+=$4} END{print s+0}')
  elif grep -qE '^[0-9]+ passed, [0-9]+ failed$' "$f"; then
    p=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$f" | awk '{s+=$1} END{print s+0}')
    q=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$f" | awk '{s+=$3} END{print s+0}')
  fi
  if [[ $rc -ne 0 && $q -eq 0 ]]; then q=1; fi
  passed=$((passed + p)); failed=$((failed + q))
  if [[ $q -gt 0 ]]; then failures+=("$name"); echo "--- $name FAILED ($f):"; tail -n 60 "$f"; fi
  echo "$name: $p passed, $q failed"
}

# ---- Node packages (test-only), from the committed lock file ----
if [[ ! -d node_modules/playwright-core || package-lock.json -nt node_modules/.package-lock.json ]]; then
  npm ci --no-audit --no-fund --loglevel=error >"$OUT/npm.log" 2>&1 || { cat "$OUT/npm.log"; exit 1; }
fi

# ---- builds ----
log "build (sanitizers)"
make --no-print-directory -j"$JOBS" B=build/asan OPT="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined" \
  EXTRA_LDFLAGS="-fsanitize=address,undefined" build/asan/coso build/asan/libcoso.a >"$OUT/build-asan.log" 2>&1 \
  || { tail -n 40 "$OUT/build-asan.log"; exit 1; }
make --no-print-directory build/libcoso.a >/dev/null

# ---- throwaway PostgreSQL cluster ----
TMP=$(mktemp -d /tmp/coso-test.XXXXXX)
chmod 755 "$TMP"
PGDIR=$TMP/pg
PGPORT=$(( 20000 + RANDOM % 20000 ))
cleanup() { tests/pg.sh stop "$PGDIR" >/dev/null 2>&1; rm -rf "$TMP"; }
trap cleanup EXIT
log "PostgreSQL 15 cluster on 127.0.0.1:$PGPORT"
tests/pg.sh start "$PGDIR" "$PGPORT" || exit 1
PGBASE="postgresql://coso@127.0.0.1:$PGPORT"

# ---- demo templates, made once, copied per test file ----
# one ledger key for both templates and every copy of them
export COSO_LEDGER_KEY=$TMP/ledger.key
log "demo templates"
build/coso init --db "$TMP/template.db" --demo >"$OUT/init-sqlite.log" 2>&1 || { cat "$OUT/init-sqlite.log"; exit 1; }
psql -X -q -d "$PGBASE/postgres" -c "CREATE DATABASE coso_template" >/dev/null || exit 1
build/coso init --db "$PGBASE/coso_template" --demo >"$OUT/init-pg.log" 2>&1 || { cat "$OUT/init-pg.log"; exit 1; }

export COSO_TEST_TEMPLATE=$TMP/template.db COSO_TEST_PG=$PGBASE

run_unit() { # build-dir label
  log "unit tests ($2)"
  COSO_TEST_PG_URL="$PGBASE" tests/unit/run.sh "$1" >"$OUT/unit-$2.log" 2>&1
  count "unit ($2)" $? "$OUT/unit-$2.log"
}

run_e2e() { # binary backend label
  log "e2e ($3)"
  # a bound, so that a test file that never ends makes the suite red, not late
  COSO_BIN=$1 COSO_TEST_BACKEND=$2 timeout --kill-after=10 "${SUITE_TIMEOUT:-1200}" node --test --test-concurrency="$JOBS" --test-reporter=spec tests/e2e/ \
    >"$OUT/e2e-$3.log" 2>&1
  local rc=$?
  if [[ $rc -eq 124 || $rc -eq 137 ]]; then echo "timed out after ${SUITE_TIMEOUT:-1200} s" >>"$OUT/e2e-$3.log"; fi
  count "e2e ($3)" $rc "$OUT/e2e-$3.log"
}

run_unit build plain
run_e2e build/coso sqlite sqlite
run_e2e build/coso pg pg

# a three-member cluster under Patroni and etcd, two nodes behind nginx: the
# primary killed under load; the ballot box's and disclosure's e2e files
# through nginx on the cluster (issue #18; tests/ha/run.sh, the full one in make bench)
log "high availability (Patroni, etcd, nginx)"
COSO_BIN=build/coso tests/ha/run.sh short >"$OUT/ha.log" 2>&1
count "ha" $? "$OUT/ha.log"

log "browser (chromium)"
COSO_BIN=build/coso COSO_TEST_BACKEND=sqlite timeout --kill-after=10 "${SUITE_TIMEOUT:-1200}" node --test --test-reporter=spec tests/browser/ >"$OUT/browser.log" 2>&1
count "browser" $? "$OUT/browser.log"

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:halt_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export LSAN_OPTIONS=suppressions=$ROOT/tests/lsan.supp:print_suppressions=0
run_unit build/asan asan
run_e2e build/asan/coso sqlite asan-sqlite
run_e2e build/asan/coso pg asan-pg

log "fuzzing (libFuzzer, ${FUZZ_SECONDS:-10}s per parser)"
tests/fuzz/run.sh "${FUZZ_SECONDS:-10}" >"$OUT/fuzz.log" 2>&1
count "fuzz" $? "$OUT/fuzz.log"

echo
if ((${#failures[@]})); then echo "failed suites: ${failures[*]}"; fi
echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
