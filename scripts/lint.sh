#!/usr/bin/env bash
# House-style checks that the compiler cannot make (Fossil's codecheck idea):
#  - only src/db/ calls the sqlite3 or libpq APIs;
#  - only src/html/html.c writes raw bytes into an HTML buffer;
#  - no strcpy/strcat/sprintf/gets anywhere;
#  - no rand() for anything (tokens come from libsodium);
#  - every migration has a number and the numbers have no gaps.
set -uo pipefail
cd "$(dirname "$0")/.."
bad=0
fail() { echo "lint: $*" >&2; bad=1; }

hits=$(grep -rnE '\b(sqlite3_[a-z_]+|PQ[a-zA-Z]+)\s*\(' src --include='*.c' | grep -v '^src/db/')
[[ -z $hits ]] || fail "database API outside src/db/:"$'\n'"$hits"

hits=$(grep -rnE '\b(strcpy|strcat|sprintf|vsprintf|gets)\s*\(' src tools --include='*.c')
[[ -z $hits ]] || fail "unsafe string function:"$'\n'"$hits"

hits=$(grep -rnE '\brand\s*\(|\bsrand\s*\(' src --include='*.c')
[[ -z $hits ]] || fail "rand() used:"$'\n'"$hits"

# Raw appends into the HTML writer's buffer outside html.c and the template runner.
hits=$(grep -rnE '(buf_(puts|append|printf|putc)\s*\(\s*(w|h)->b\b)|html_trusted\s*\(' src --include='*.c' \
  | grep -vE '^src/html/(html|layout)\.c:')
[[ -z $hits ]] || fail "raw HTML write outside src/html/:"$'\n'"$hits"

n=1
for f in $(ls sql/migrations/*.sql | grep -v '\.pg\.sql$' | sort); do
  printf -v want '%04d_' "$n"
  [[ $(basename "$f") == ${want}* ]] || fail "migration numbering gap at $f (expected ${want}...)"
  n=$((n + 1))
done
for f in sql/migrations/*.pg.sql; do
  [[ -e $f ]] || continue
  [[ -e ${f%.pg.sql}.sql ]] || fail "$f has no portable twin"
done
exit $bad
