#!/usr/bin/env bash
# Installs the Debian packages coso needs, only those missing. Idempotent and quiet
# when everything is present. Usage: scripts/deps.sh [run|test|bench]
set -euo pipefail
what=${1:-run}

run_pkgs=(build-essential pkg-config libmicrohttpd-dev libsqlite3-dev libpq-dev
  libsodium-dev libjansson-dev libutf8proc-dev zlib1g-dev libcurl4-openssl-dev libexpat1-dev
  libcmark-dev libmagic-dev libmagic-mgc libxlsxwriter-dev libzip-dev libxml2-dev libcairo2-dev libpango1.0-dev libqrencode-dev
  fonts-dejavu-core fonts-liberation2 libssl-dev libespeak-ng-dev libvorbis-dev)
test_pkgs=(sqlite3 libcmocka-dev postgresql-15 postgresql-client-15 tidy chromium nodejs npm
  libclang-rt-14-dev clang poppler-utils zbar-tools nginx-light vorbis-tools
  libxml2-utils python3-jsonschema patroni etcd-server procps curl)
bench_pkgs=(nginx-light wrk sqlite3 postgresql-15 postgresql-client-15 patroni etcd-server nodejs)

pkgs=("${run_pkgs[@]}")
case $what in
  test) pkgs+=("${test_pkgs[@]}") ;;
  bench) pkgs+=("${bench_pkgs[@]}") ;;
  run) ;;
  *) echo "usage: $0 [run|test|bench]" >&2; exit 2 ;;
esac

missing=()
for p in "${pkgs[@]}"; do
  # nodejs/npm may come from elsewhere on a developer machine; accept a working binary.
  case $p in
    nodejs) command -v node >/dev/null 2>&1 && continue ;;
    npm) command -v npm >/dev/null 2>&1 && continue ;;
  esac
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
((${#missing[@]})) || exit 0

echo "deps: installing ${missing[*]}" >&2
SUDO=
[[ $(id -u) -eq 0 ]] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
