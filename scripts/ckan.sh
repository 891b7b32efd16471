#!/usr/bin/env bash
# setup|start|stop the development CKAN (config .dev/ckan.ini, http://127.0.0.1:$CKAN_PORT).
#   setup: config, database migrations, sysadmin, API token, demo data (each step idempotent)
#   start: the web server in the background (pid file)
#   init-test-db: migrations on the test database (test.ini)
source "$(dirname "$0")/lib.sh"

INI="$DEV_DIR/ckan.ini"
PIDFILE="$RUN_DIR/ckan.pid"
CKAN="$VENV/bin/ckan"
ADMIN_USER=admin
ADMIN_EMAIL=admin@data.dazhou.gov.cn
ADMIN_PASSWORD_FILE="$DEV_DIR/admin-password"
TOKEN_FILE="$DEV_DIR/api-token"
DEMO_STAMP="$DEV_DIR/demo-loaded"
INDEX_STAMP="$DEV_DIR/index-built"
DEMO_FILE="$ROOT/ckanext-dazhou/ckanext/dazhou/demo/catalog.json"

ckan_cli() { "$CKAN" -c "$INI" "$@"; }

write_config() {
  if [ ! -f "$INI" ]; then
    say "writing $INI"
    "$CKAN" generate config "$INI" >/dev/null
  fi
  # Re-merged every time, so edits to config/dev-options.ini reach an existing checkout.
  "$CKAN" config-tool "$INI" -f "$ROOT/config/dev-options.ini" >/dev/null
  mkdir -p "$DEV_DIR/storage"
}

migrate() {
  local ini=$1
  say "migrating the database of $(basename "$ini")"
  "$CKAN" -c "$ini" db init >"$LOG_DIR/db-init.log" 2>&1 || die "ckan db init failed, see $LOG_DIR/db-init.log"
  "$CKAN" -c "$ini" db pending-migrations --apply >>"$LOG_DIR/db-init.log" 2>&1 \
    || die "plugin migrations failed, see $LOG_DIR/db-init.log"
  datastore_permissions "$ini"
}

# The DataStore's grants (read-only role, _table_metadata, full-text trigger) for the
# databases named in INI; run as the PostgreSQL superuser, idempotent.
datastore_permissions() {
  "$CKAN" -c "$1" datastore set-permissions 2>>"$LOG_DIR/db-init.log" \
    | as_postgres psql -p "$PG_PORT" -X -q -v ON_ERROR_STOP=1 >>"$LOG_DIR/db-init.log" 2>&1 \
    || die "datastore permissions failed, see $LOG_DIR/db-init.log"
}

ensure_sysadmin() {
  [ -f "$ADMIN_PASSWORD_FILE" ] || "$VENV/bin/python" -c 'import secrets; print("Dz-" + secrets.token_urlsafe(12))' >"$ADMIN_PASSWORD_FILE"
  if ! ckan_cli user show "$ADMIN_USER" 2>/dev/null | grep -q "name=$ADMIN_USER"; then
    say "creating sysadmin $ADMIN_USER"
    ckan_cli user add "$ADMIN_USER" email="$ADMIN_EMAIL" password="$(cat "$ADMIN_PASSWORD_FILE")" \
      fullname="平台管理员" >>"$LOG_DIR/ckan-setup.log" 2>&1 || die "cannot create sysadmin, see $LOG_DIR/ckan-setup.log"
  fi
  ckan_cli sysadmin add "$ADMIN_USER" >>"$LOG_DIR/ckan-setup.log" 2>&1 || true
}

ensure_token() {
  if [ -s "$TOKEN_FILE" ] && curl -sf -H "Authorization: $(cat "$TOKEN_FILE")" \
      "http://127.0.0.1:$CKAN_PORT/api/3/action/dashboard_new_activities_count" >/dev/null 2>&1; then
    return 0
  fi
  ckan_cli user token add "$ADMIN_USER" dev 2>>"$LOG_DIR/ckan-setup.log" | tail -1 | tr -d '[:space:]' >"$TOKEN_FILE"
  [ -s "$TOKEN_FILE" ] || die "cannot create an API token, see $LOG_DIR/ckan-setup.log"
}

load_demo() {
  # the catalog and its generated data files (demo/files, uploaded by the loader)
  local want; want=$(find "$DEMO_FILE" "$(dirname "$DEMO_FILE")/files" -type f | sort | xargs cat | sha256sum | cut -d' ' -f1)
  [ -f "$DEMO_STAMP" ] && [ "$(cat "$DEMO_STAMP")" = "$want" ] && return 0
  say "loading demo data"
  DAZHOU_DEMO_PASSWORD="$(cat "$ADMIN_PASSWORD_FILE")" ckan_cli dazhou demo load 2>>"$LOG_DIR/ckan-setup.log" || die "demo data failed, see $LOG_DIR/ckan-setup.log"
  echo "$want" >"$DEMO_STAMP"
}

# What the index is built from: the dev core's schema, the index hooks and the vocabularies
# they read (synonyms, pinyin). When any changed since the last build, the dev index is
# rebuilt, so an upgraded checkout searches like a fresh one.
index_inputs_digest() {
  cat "$DEV_DIR/solr/ckan/conf/schema.xml" "$ROOT"/ckanext-dazhou/ckanext/dazhou/search/*.py \
      "$ROOT"/ckanext-dazhou/ckanext/dazhou/access/index_fields.py \
      "$ROOT"/vocab/dazhou_vocab/schemes/*.ttl 2>/dev/null | sha256sum | cut -d' ' -f1
}

reindex_if_changed() {
  local want; want=$(index_inputs_digest)
  [ -f "$INDEX_STAMP" ] && [ "$(cat "$INDEX_STAMP")" = "$want" ] && return 0
  say "rebuilding the search index (schema or index code changed)"
  ckan_cli search-index rebuild >>"$LOG_DIR/ckan-setup.log" 2>&1 || die "search-index rebuild failed, see $LOG_DIR/ckan-setup.log"
  echo "$want" >"$INDEX_STAMP"
}

server_ready() { curl -sf "http://127.0.0.1:$CKAN_PORT/api/3/action/status_show" >/dev/null; }

start() {
  stop_pidfile ckan  # always restart, so the server runs the code of the checkout
  port_open "$CKAN_PORT" && die "ckan: port $CKAN_PORT is busy (another process, not started by us)"
  say "starting CKAN on http://127.0.0.1:$CKAN_PORT"
  # uWSGI as in production (config/uwsgi.ini); its HTTP router serves 127.0.0.1 and code
  # changes reload the workers (py-autoreload checks module times every 2 s)
  CKAN_INI="$INI" setsid "$VENV/bin/uwsgi" --ini "$ROOT/config/uwsgi.ini" --http "127.0.0.1:$CKAN_PORT" \
      --py-autoreload 2 --virtualenv "$VENV" >"$LOG_DIR/ckan.log" 2>&1 </dev/null &
  echo $! >"$PIDFILE"
  WAIT_SECONDS=90 wait_for server_ready || die "ckan: not answering after 90 s, see $LOG_DIR/ckan.log"
}

# Background processes production runs beside the web server (supervisord there): CKAN's job
# worker (city-wide spreadsheets, remind --enqueue, index reconcile), the harvest gather and fetch consumers, and
# `ckan harvester run` every minute (cron there), which starts queued jobs and closes finished ones.
WORKERS=(jobs-worker harvest-gather harvest-fetch harvest-run)

start_one_worker() {
  local name=$1; shift
  stop_pidfile "$name"
  setsid "$@" >"$LOG_DIR/$name.log" 2>&1 </dev/null &
  echo $! >"$RUN_DIR/$name.pid"
}

start_workers() {
  say "starting the job worker and the harvest consumers"
  start_one_worker jobs-worker "$CKAN" -c "$INI" jobs worker
  # The worker's first job brings the search index in line with the database (a process killed
  # between commit and indexing), then repeats every ckanext.dazhou.index_reconcile_minutes.
  ckan_cli dazhou index reconcile --enqueue >>"$LOG_DIR/jobs-worker.log" 2>&1 \
    || say "warning: index reconciliation not queued, see $LOG_DIR/jobs-worker.log"
  start_one_worker harvest-gather "$CKAN" -c "$INI" harvester gather-consumer
  start_one_worker harvest-fetch "$CKAN" -c "$INI" harvester fetch-consumer
  # and every fifth minute the use figures counted in Redis go to the database and the index
  start_one_worker harvest-run bash -c "i=0; while sleep 60; do '$CKAN' -c '$INI' harvester run; i=\$((i+1)); [ \$((i % 5)) = 0 ] && '$CKAN' -c '$INI' dazhou usage flush; done"
}

stop_workers() { for name in "${WORKERS[@]}"; do stop_pidfile "$name"; done; }

case "${1:-}" in
  setup) write_config; migrate "$INI"; ensure_sysadmin; load_demo; reindex_if_changed ;;
  start) start; ensure_token; start_workers ;;
  stop) stop_workers; stop_pidfile ckan ;;
  init-test-db) migrate "$ROOT/test.ini" ;;
  *) die "usage: $0 setup|start|stop|init-test-db" ;;
esac
