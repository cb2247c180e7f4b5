#!/usr/bin/env bash
# Builds the libFuzzer drivers with clang (ASan + UBSan + coverage) and runs
# each for SECONDS seconds (default 10) from its committed corpus, which the
# run grows in a scratch copy. Usage: tests/fuzz/run.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_EACH=${1:-10}
OUT=build/fuzz
mkdir -p "$OUT"
PKGS="libsodium jansson libutf8proc sqlite3 libpq"
SRC_FORM="src/http/request.c src/util/crypto.c src/util/str.c src/util/buf.c src/util/arena.c src/util/xalloc.c"
SRC_CSV="src/util/csv.c src/util/str.c src/util/buf.c src/util/arena.c src/util/xalloc.c"
CFLAGS="-g -O1 -std=c17 -D_GNU_SOURCE -Isrc -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined $(pkg-config --cflags $PKGS)"
LIBS="$(pkg-config --libs $PKGS)"
clang $CFLAGS -o "$OUT/fuzz_form" tests/fuzz/fuzz_form.c $SRC_FORM $LIBS
clang $CFLAGS -o "$OUT/fuzz_csv" tests/fuzz/fuzz_csv.c $SRC_CSV $LIBS
SRC_XLSX="src/util/xlsx.c src/util/csv.c src/util/buf.c src/util/xalloc.c src/util/arena.c"
clang $CFLAGS $(pkg-config --cflags zlib expat) -o "$OUT/fuzz_xlsx" tests/fuzz/fuzz_xlsx.c $SRC_XLSX $(pkg-config --libs zlib expat)
SRC_DRAFT="src/consult/draft.c src/i18n/msg.c src/util/str.c src/util/buf.c src/util/arena.c src/util/xalloc.c src/util/cal.c"
clang $CFLAGS $(pkg-config --cflags libzip libxml-2.0) -o "$OUT/fuzz_draft" tests/fuzz/fuzz_draft.c $SRC_DRAFT \
  $(pkg-config --libs libzip libxml-2.0) $LIBS
SRC_LEDGER="src/ledger/ledger.c src/ledger/merkle.c src/events/events.c src/db/db.c src/db/db_sqlite.c src/db/db_pg.c src/db/migrate.c
  src/util/buf.c src/util/arena.c src/util/xalloc.c src/util/log.c src/util/str.c src/util/embed_find.c build/gen/embed.c"
clang $CFLAGS -Isrc/util -o "$OUT/fuzz_ledger" tests/fuzz/fuzz_ledger.c $SRC_LEDGER $LIBS \
  $(pkg-config --libs sqlite3 libpq) -lpthread
rc=0 ok=0 bad=0
for t in form csv xlsx draft ledger; do
  work=$OUT/corpus-$t
  rm -rf "$work"; mkdir -p "$work"; cp tests/fuzz/corpus/$t/* "$work/"
  echo "## fuzz_$t (${SECONDS_EACH}s)"
  if "$OUT/fuzz_$t" -max_total_time="$SECONDS_EACH" -max_len=4096 -timeout=5 -rss_limit_mb=1024 \
       -artifact_prefix="$OUT/crash-$t-" "$work" >"$OUT/fuzz_$t.log" 2>&1; then
    echo "fuzz_$t: $(tail -n 1 "$OUT/fuzz_$t.log")"; ok=$((ok + 1))
  else
    rc=1 bad=$((bad + 1)); echo "fuzz_$t FAILED (input saved as $OUT/crash-$t-*):"; tail -n 40 "$OUT/fuzz_$t.log"
  fi
done
echo "$ok passed, $bad failed"
exit $rc
