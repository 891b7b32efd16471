#!/usr/bin/env bash
# Prints where the running development site is and how to sign in.
source "$(dirname "$0")/lib.sh"
cat <<TXT

达州市公共数据开放平台 is running.
  URL:        http://127.0.0.1:$CKAN_PORT
  sysadmin:   admin / $(cat "$DEV_DIR/admin-password")
  demo users: gongan-editor, rsj-staff, rsj-editor, dsjj-staff (bureau), citizen (same password)
  admin app:  http://127.0.0.1:5050 (sign in with the CKAN API token of a sysadmin or a dz-dsjj member)
  workers:    CKAN job worker, harvest gather/fetch consumers, harvester run every minute
  API token:  $DEV_DIR/api-token
  config:     $DEV_DIR/ckan.ini
  Solr:       http://127.0.0.1:$SOLR_PORT/solr/#/ckan
  logs:       $LOG_DIR
Stop everything with: make stop
TXT
