#!/usr/bin/env bash
# start|stop|run|migrate the Big Data Bureau's admin app (flask_admin_app) on 127.0.0.1:$ADMIN_PORT.
#   migrate: alembic migrations of the schema dazhou_admin (database ckan_dev by default)
#   start:   migrate, then the server in the background (pid file); run: the same in the foreground
# Settings: DAZHOU_ADMIN_DATABASE_URL, DAZHOU_CKAN_URL, DAZHOU_CKAN_TOKEN, DAZHOU_REVIEW_THRESHOLD_YUAN,
# DAZHOU_BUREAU_ORG, SECRET_KEY (see flask_admin_app/README.md).
source "$(dirname "$0")/lib.sh"

ADMIN_PORT="${ADMIN_PORT:-5050}"
PIDFILE="$RUN_DIR/admin.pid"
PY="$VENV/bin/python"
# The dev server speaks plain http: secure-only cookies would never come back.
export DAZHOU_ADMIN_SECURE_COOKIES="${DAZHOU_ADMIN_SECURE_COOKIES:-0}"

admin_ready() { curl -sf -o /dev/null "http://127.0.0.1:$ADMIN_PORT/login"; }

migrate() {
  (cd "$ROOT" && "$PY" -m flask_admin_app.migrate) >>"$LOG_DIR/admin-migrate.log" 2>&1 \
    || die "admin app migrations failed, see $LOG_DIR/admin-migrate.log"
}

start() {
  stop_pidfile admin  # always restart, so the server runs the code of the checkout
  port_open "$ADMIN_PORT" && die "admin: port $ADMIN_PORT is busy (another process, not started by us)"
  migrate
  say "starting the admin app on http://127.0.0.1:$ADMIN_PORT"
  cd "$ROOT"
  setsid "$PY" -m flask_admin_app --host 127.0.0.1 --port "$ADMIN_PORT" >"$LOG_DIR/admin.log" 2>&1 </dev/null &
  echo $! >"$PIDFILE"
  WAIT_SECONDS=30 wait_for admin_ready || die "admin: not answering after 30 s, see $LOG_DIR/admin.log"
}

run() {
  migrate
  cd "$ROOT" && exec "$PY" -m flask_admin_app --host 127.0.0.1 --port "$ADMIN_PORT"
}

case "${1:-}" in
  start) start ;;
  stop) stop_pidfile admin ;;
  run) run ;;
  migrate) migrate ;;
  *) die "usage: $0 start|stop|run|migrate" ;;
esac
