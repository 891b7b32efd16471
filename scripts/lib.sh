# Shared settings and helpers for the service scripts. Source it; do not run it.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DEV_DIR="$ROOT/.dev"                 # git-ignored state of this checkout
RUN_DIR="$DEV_DIR/run"               # pid files of what we started
LOG_DIR="$DEV_DIR/log"
VENV="$ROOT/.venv"
CACHE_DIR="${DAZHOU_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/dazhou}"  # outside the checkout

SOLR_PORT="${SOLR_PORT:-8983}"
REDIS_PORT="${REDIS_PORT:-6379}"
CKAN_PORT="${CKAN_PORT:-5000}"
PG_VERSION=15
PG_CLUSTER=main
PG_PORT=5432
DB_USER=ckan_default
DB_PASS=ckan_default

mkdir -p "$RUN_DIR" "$LOG_DIR"

say() { printf '==> %s\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# pid_alive FILE: the pid recorded in FILE is a live process.
pid_alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

# port_open PORT: something accepts TCP connections on 127.0.0.1:PORT.
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# wait_for CMD... : retry CMD for up to $WAIT_SECONDS (default 60) seconds.
wait_for() {
  local deadline=$((SECONDS + ${WAIT_SECONDS:-60}))
  until "$@" >/dev/null 2>&1; do
    [ $SECONDS -lt $deadline ] || return 1
    sleep 0.5
  done
}

# stop_pidfile NAME: stop the process recorded in $RUN_DIR/NAME.pid and its group, if ours.
stop_pidfile() {
  local file="$RUN_DIR/$1.pid" pid
  [ -f "$file" ] || return 0
  pid=$(cat "$file")
  if kill -0 "$pid" 2>/dev/null; then
    kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -9 -- "-$pid" 2>/dev/null || kill -9 "$pid" 2>/dev/null || true
    say "stopped $1 (pid $pid)"
  fi
  rm -f "$file"
}

# A command as the postgres user, from / (it cannot enter a private checkout such as one made
# with `mktemp -d`, and psql then warns "could not change directory" on every call)
as_postgres() { (cd / && runuser -u postgres -- "$@"); }
