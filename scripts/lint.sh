#!/usr/bin/env bash
# House-style checks that the compiler cannot make (Fossil's codecheck idea):
#  - only src/db/ calls the sqlite3 or libpq APIs;
#  - only src/html/html.c writes raw bytes into an HTML buffer;
#  - no strcpy/strcat/sprintf/gets anywhere;
#  - no rand() for anything (tokens come from libsodium);
#  - every migration has a number and the numbers have no gaps;
#  - lower layers never call up: util -> db -> http (with html, the page
#    frame) -> auth -> modules -> app; events knows no ledger; no domain
#    file of a module compares role names (capabilities, src/auth/auth.c).
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

# The include graph goes one way.
layer_check() { # dir, the directories it may not include
  local dir=$1; shift
  for up in "$@"; do
    hits=$(grep -nE "#include \"\.\./$up/" src/$dir/*.[ch] 2>/dev/null)
    [[ -z $hits ]] || fail "src/$dir/ includes the upper layer $up/:"$'\n'"$hits"
  done
  hits=$(grep -nE '#include "\.\./(module|modules|pages|app)\.h"' src/$dir/*.[ch] 2>/dev/null | grep -v '"\.\./app\.h"')
  [[ -z $hits ]] || fail "src/$dir/ includes the application:"$'\n'"$hits"
}
mods="units disclosure decisions boards ledger admin calendar documents measures contests conventions targets notify"
layer_check util db http html events auth doc $mods
layer_check db http html events auth doc $mods
layer_check http auth events $mods
layer_check html auth events $mods
layer_check events auth ledger $mods
layer_check doc auth events ledger $mods
# Roles are compared in src/auth/ only (the demo and the CLI name them to grant them).
hits=$(grep -rnE 'strcmp\([^)]*role[^)]*"(village_head|commune_officer|commune_chair|front_officer|board_member|supervisor|agency_head|union_officer|province_admin|sysadmin|resident)"' src --include='*.c' | grep -v '^src/auth/')
[[ -z $hits ]] || fail "a role name compared outside src/auth/ (use a capability):"$'\n'"$hits"

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
