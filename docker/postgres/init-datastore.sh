#!/bin/bash
# First start of the official postgres image (/docker-entrypoint-initdb.d): the DataStore
# database and its read-only role; passwords from the environment. CKAN's init step then
# applies `ckan datastore set-permissions` (docker/README.md).
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" <<SQL
CREATE ROLE datastore_ro LOGIN PASSWORD '${DATASTORE_RO_PASSWORD}';
CREATE DATABASE datastore OWNER ${POSTGRES_USER} ENCODING 'UTF8';
SQL
