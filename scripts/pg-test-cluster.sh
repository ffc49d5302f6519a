#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# A private, throw-away PostgreSQL cluster for the tests and benchmarks: initdb under a temporary
# folder, pg_ctl on a free local port, trust authentication on 127.0.0.1 only.
#
#   eval "$(scripts/pg-test-cluster.sh start)"   # starts it, prints: export SCANBASE_TEST_PG=...
#   scripts/pg-test-cluster.sh env               # prints that line again for a running cluster
#   scripts/pg-test-cluster.sh stop              # stops it and deletes its folder
#
# Test data is thrown away, so the server runs without fsync; SCANBASE_PG_DURABLE=1 keeps the
# default durability (fsync, synchronous commit) for benchmarks.
# The folder is $SCANBASE_PG_DIR (default ${TMPDIR:-/tmp}/scanbase-pg-test-$(id -u)). PostgreSQL
# refuses to run as root, so under root the cluster runs as the unprivileged user `nobody`.
# Needs the Debian package postgresql (initdb and pg_ctl under /usr/lib/postgresql/<v>/bin).
set -euo pipefail

dir="${SCANBASE_PG_DIR:-${TMPDIR:-/tmp}/scanbase-pg-test-$(id -u)}"
state="$dir/url"

bin_dir() {
  # Debian keeps the server tools off PATH, under /usr/lib/postgresql/<version>/bin
  local newest
  newest="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
  if [ -z "$newest" ] && command -v initdb >/dev/null; then
    newest="$(dirname "$(readlink -f "$(command -v initdb)")")"
  fi
  if [ -z "$newest" ] || [ ! -x "$newest/initdb" ]; then
    echo "pg-test-cluster: no initdb/pg_ctl found; install PostgreSQL (apt-get install postgresql)" >&2
    exit 1
  fi
  echo "$newest"
}

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u nobody -- "$@"; else "$@"; fi
}

free_port() {
  local port
  for port in $(seq 54329 54529); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
  echo "pg-test-cluster: no free port in 54329-54529" >&2
  exit 1
}

case "${1:-}" in
  start)
    if [ -f "$state" ]; then
      echo "pg-test-cluster: already running ($dir); printing its environment" >&2
      echo "export SCANBASE_TEST_PG=$(cat "$state")"
      exit 0
    fi
    bin="$(bin_dir)"
    port="$(free_port)"
    mkdir -p "$dir"
    chmod 755 "$dir"
    [ "$(id -u)" = 0 ] && chown nobody "$dir"
    as_owner "$bin/initdb" -D "$dir/data" -U scanbase -A trust -E UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    # socket in the cluster folder, TCP on loopback only; throw-away data: no fsync
    options="-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=200 -c shared_buffers=256MB"
    if [ "${SCANBASE_PG_DURABLE:-0}" != 1 ]; then
      options="$options -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    fi
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start -o "$options" >/dev/null \
      || { cat "$dir/server.log" >&2; exit 1; }
    as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U scanbase scanbase_test
    echo "postgresql://scanbase@127.0.0.1:$port/scanbase_test" >"$state"
    echo "export SCANBASE_TEST_PG=$(cat "$state")"
    ;;
  env)
    [ -f "$state" ] || { echo "pg-test-cluster: not running (no $state)" >&2; exit 1; }
    echo "export SCANBASE_TEST_PG=$(cat "$state")"
    ;;
  stop)
    if [ -d "$dir/data" ]; then
      as_owner "$(bin_dir)/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start|stop|env" >&2
    exit 2
    ;;
esac
