#!/usr/bin/env bash
# Builds and runs every tests/unit/test_*.c against BUILD/libcoso.a (cmocka).
# Usage: tests/unit/run.sh BUILD_DIR   (build or build/asan)
set -uo pipefail
B=${1:-build}
cd "$(dirname "$0")/../.."
PKGS="$(make -s --no-print-directory print-pkgs) cmocka"
SAN=
[[ $B == *asan* ]] && SAN="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined"
mkdir -p "$B/tests"
rc=0
for t in tests/unit/test_*.c; do
  name=$(basename "$t" .c)
  exe=$B/tests/$name
  if [[ ! -x $exe || $t -nt $exe || $B/libcoso.a -nt $exe ]]; then
    cc -std=c17 -O1 -g -D_GNU_SOURCE -Wall -Wextra -Werror -Wno-unused-parameter $SAN -Isrc \
      $(pkg-config --cflags $PKGS) -o "$exe" "$t" "$B/libcoso.a" $(pkg-config --libs $PKGS) -lpthread -lm || { rc=1; continue; }
  fi
  echo "## $name"
  "$exe" || rc=1
done
exit $rc
