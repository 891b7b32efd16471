#!/usr/bin/env bash
# start|stop Debian's PostgreSQL cluster, and create the project's role and databases.
# `stop` stops the cluster only if our `start` started it (marker file), nothing else.
source "$(dirname "$0")/lib.sh"

MARKER="$RUN_DIR/postgresql.started"
DATABASES=(ckan_dev ckan_test datastore_dev datastore_test)
# the DataStore's read-only role (datastore_search_sql runs as it; scripts/ckan.sh grants it)
DS_READ_USER=datastore_default
DS_READ_PASS=datastore_default

cluster_online() { pg_lsclusters -h 2>/dev/null | awk -v v=$PG_VERSION -v c=$PG_CLUSTER '$1==v && $2==c {print $4}' | grep -q online; }
psql_admin() { as_postgres psql -p "$PG_PORT" -X -q -v ON_ERROR_STOP=1 "$@"; }

start() {
  command -v pg_ctlcluster >/dev/null || die "postgres: pg_ctlcluster not found (install postgresql)"
  pg_lsclusters -h | grep -q "^$PG_VERSION $PG_CLUSTER " \
    || pg_createcluster "$PG_VERSION" "$PG_CLUSTER" >/dev/null \
    || die "postgres: cannot create cluster $PG_VERSION/$PG_CLUSTER"
  if ! cluster_online; then
    say "starting PostgreSQL $PG_VERSION/$PG_CLUSTER"
    pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" start || die "postgres: cannot start cluster $PG_VERSION/$PG_CLUSTER"
    echo "$PG_VERSION/$PG_CLUSTER" >"$MARKER"
  fi
  WAIT_SECONDS=30 wait_for psql_admin -c 'select 1' || die "postgres: not answering on port $PG_PORT"
  psql_admin -tAc "select 1 from pg_roles where rolname='$DB_USER'" | grep -q 1 \
    || psql_admin -c "create role $DB_USER login password '$DB_PASS'"
  psql_admin -tAc "select 1 from pg_roles where rolname='$DS_READ_USER'" | grep -q 1 \
    || psql_admin -c "create role $DS_READ_USER login password '$DS_READ_PASS' nosuperuser nocreatedb nocreaterole"
  for db in "${DATABASES[@]}"; do
    psql_admin -tAc "select 1 from pg_database where datname='$db'" | grep -q 1 \
      || psql_admin -c "create database $db owner $DB_USER encoding 'UTF8' template template0"
  done
  # test databases: a commit need not wait for the disk (a crash loses only test data), so the
  # suite's thousands of commits do not queue behind fsync on a busy or slow disk
  for db in ckan_test datastore_test; do
    psql_admin -c "alter database $db set synchronous_commit = off"
  done
}

stop() {
  [ -f "$MARKER" ] || return 0
  pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" stop 2>/dev/null && say "stopped PostgreSQL $PG_VERSION/$PG_CLUSTER"
  rm -f "$MARKER"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) die "usage: $0 start|stop" ;;
esac
