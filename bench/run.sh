#!/usr/bin/env bash
# make bench: wrk against coso and, as the reference in the same run, a small
# nginx answering a static response. Prints requests/s, p50/p99 latency and
# the ratio to nginx for: /healthz, a unit page, the unit JSON lookup, the
# units search API.
# Env: DURATION (s, default 10), CONNS (default 64), THREADS (wrk threads, 2).
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-10} CONNS=${CONNS:-64} THREADS=${THREADS:-2}
scripts/deps.sh bench
make --no-print-directory all >/dev/null
mkdir -p var
DB=var/bench.db
[[ -f $DB ]] || build/coso init --db "$DB" --demo >/dev/null
build/coso init --db "$DB" >/dev/null 2>&1

TMP=$(mktemp -d /tmp/coso-bench.XXXXXX)
NGINX_PORT=$((30000 + RANDOM % 10000)) COSO_PORT=$((40000 + RANDOM % 10000))
cat >"$TMP/nginx.conf" <<NGX
worker_processes 2;
pid $TMP/nginx.pid;
error_log $TMP/nginx-error.log;
daemon off;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $TMP; proxy_temp_path $TMP; fastcgi_temp_path $TMP;
  uwsgi_temp_path $TMP; scgi_temp_path $TMP;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location / { default_type text/plain; return 200 "ok\n"; }
  }
}
NGX
nginx -c "$TMP/nginx.conf" &
NGINX_PID=$!
build/coso serve --db "$DB" --listen "127.0.0.1:$COSO_PORT" 2>"$TMP/coso.log" &
COSO_PID=$!
cleanup() { kill "$NGINX_PID" "$COSO_PID" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$TMP"; }
trap cleanup EXIT
for i in $(seq 100); do
  curl -sf "http://127.0.0.1:$COSO_PORT/healthz" >/dev/null && curl -sf "http://127.0.0.1:$NGINX_PORT/" >/dev/null && break
  sleep 0.1
done

# run NAME URL -> "rps p50 p99"
run() {
  local out
  out=$(wrk -t"$THREADS" -c"$CONNS" -d"${DURATION}s" --latency "$2")
  local rps p50 p99 errs
  rps=$(awk '/^Requests\/sec/{print $2}' <<<"$out")
  p50=$(awk '$1=="50%"{print $2}' <<<"$out")
  p99=$(awk '$1=="99%"{print $2}' <<<"$out")
  errs=$(awk '/Non-2xx or 3xx/{print $5}' <<<"$out")
  [[ -z $errs ]] || echo "warning: $1 had $errs non-2xx answers" >&2
  echo "$rps $p50 $p99"
}

printf '%-28s %12s %10s %10s %8s\n' target req/s p50 p99 ratio
read -r ref p50 p99 < <(run nginx "http://127.0.0.1:$NGINX_PORT/")
printf '%-28s %12.0f %10s %10s %8s\n' "nginx static (reference)" "$ref" "$p50" "$p99" "1.00"
for t in "healthz /healthz" "unit-page /units/09187" "api-unit /api/v1/units/09187" "api-search /api/v1/units?q=bac%20ninh&limit=20"; do
  name=${t%% *} path=${t#* }
  read -r rps p50 p99 < <(run "$name" "http://127.0.0.1:$COSO_PORT$path")
  ratio=$(awk -v a="$rps" -v b="$ref" 'BEGIN{printf "%.2f", a/b}')
  printf '%-28s %12.0f %10s %10s %8s\n' "coso $path" "$rps" "$p50" "$p99" "${ratio}x"
done
echo "(wrk -t$THREADS -c$CONNS -d${DURATION}s on $(nproc) cores; nginx 2 workers; coso $(build/coso version))"
