#!/usr/bin/env bash
# Creates a private test environment NAME for parallel work on one machine: database
# ckan_test_NAME, Solr core ckan_NAME, its own Redis database (2-15, from the name) and
# .dev/test-NAME.ini (test.ini pointing at them).
# Run tests there with: scripts/test-env.sh NAME && .venv/bin/pytest --ckan-ini=.dev/test-NAME.ini ...
# `make test` and CI always use test.ini itself.
source "$(dirname "$0")/lib.sh"

name=${1:?usage: $0 NAME}
[[ $name =~ ^[a-z0-9_]+$ ]] || die "NAME: lowercase letters, digits and _ only"
db="ckan_test_$name"; ds_db="datastore_test_$name"; core="ckan_$name"; ini="$DEV_DIR/test-$name.ini"
redis_db=$(( 2 + $(printf '%s' "$name" | cksum | cut -d' ' -f1) % 14 ))

"$ROOT/scripts/services.sh" start >/dev/null
as_postgres psql -X -q -tAc "select 1 from pg_database where datname='$db'" | grep -q 1 \
  || as_postgres psql -X -q -c "create database $db owner $DB_USER encoding 'UTF8' template template0"
as_postgres psql -X -q -tAc "select 1 from pg_database where datname='$ds_db'" | grep -q 1 \
  || as_postgres psql -X -q -c "create database $ds_db owner $DB_USER encoding 'UTF8' template template0"
for d in "$db" "$ds_db"; do  # as scripts/postgres.sh does for the test databases
  as_postgres psql -X -q -c "alter database $d set synchronous_commit = off"
done
if ! curl -sf "http://127.0.0.1:$SOLR_PORT/solr/$core/admin/ping" >/dev/null; then
  mkdir -p "$DEV_DIR/solr/$core"
  cp -r "$DEV_DIR/solr/ckan_test/conf" "$DEV_DIR/solr/$core/"
  curl -sf "http://127.0.0.1:$SOLR_PORT/solr/admin/cores?action=CREATE&name=$core&instanceDir=$core" >/dev/null \
    || die "cannot create Solr core $core"
fi
sed -e "/^sqlalchemy.url/s#/ckan_test\$#/$db#" -e "/^solr_url/s#solr/ckan_test\$#solr/$core#" \
    -e "/^ckan.redis.url/s#/1\$#/$redis_db#" \
    -e "/^ckan.datastore.[a-z]*_url/s#/datastore_test\$#/$ds_db#" \
    -e "/^ckanext.xloader.jobs_db.uri/s#/ckan_test\$#/$db#" \
    -e "s#ckan.storage_path = .*#ckan.storage_path = /tmp/dazhou-test-storage-$name#" "$ROOT/test.ini" >"$ini"
"$VENV/bin/ckan" -c "$ini" db init >/dev/null 2>&1 && "$VENV/bin/ckan" -c "$ini" db pending-migrations --apply >/dev/null 2>&1 \
  || die "migrations failed on $db"
"$VENV/bin/ckan" -c "$ini" datastore set-permissions 2>/dev/null \
  | as_postgres psql -X -q -v ON_ERROR_STOP=1 >/dev/null 2>&1 || die "datastore permissions failed on $ds_db"
echo "$ini"
