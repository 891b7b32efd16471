#!/bin/bash
# One image, one role per container (the command):
#   web       uWSGI: uwsgi protocol on :3031 (UWSGI_SOCKET) for nginx, HTTP on :8080 (HTTP_SOCKET)
#   worker    CKAN's job worker (spreadsheets, reminders, xloader), after queueing index reconcile
#   gather    harvest gather consumer (one)        fetch   harvest fetch consumer (scale these)
#   periodic  `ckan harvester run` every HARVEST_RUN_SECONDS (60), `ckan dazhou remind --enqueue`
#             once a day from REMIND_HOUR (8) Asia/Shanghai, `ckan dazhou usage flush` every
#             USAGE_FLUSH_SECONDS (300): the cron of a classic install
#   init      migrations (CKAN, plugins) and, with SOLR_INIT_URL, the Solr configset and collection
#   ckan ARGS any CKAN command;  anything else is run as given
set -euo pipefail
cd /srv/app
python3 envconfig.py ckan.ini production-options.ini "$CKAN_INI"

periodic() {
  local last_remind="" last_flush=0
  while true; do
    ckan -c "$CKAN_INI" harvester run || echo "periodic: harvester run failed" >&2
    if [ $(( $(date +%s) - last_flush )) -ge "${USAGE_FLUSH_SECONDS:-300}" ]; then
      ckan -c "$CKAN_INI" dazhou usage flush && last_flush=$(date +%s)
    fi
    local day hour
    day=$(TZ=Asia/Shanghai date +%F); hour=$(TZ=Asia/Shanghai date +%-H)
    if [ "$day" != "$last_remind" ] && [ "$hour" -ge "${REMIND_HOUR:-8}" ]; then
      ckan -c "$CKAN_INI" dazhou remind --enqueue && last_remind=$day
    fi
    sleep "${HARVEST_RUN_SECONDS:-60}"
  done
}

case "${1:-web}" in
  web) exec uwsgi --ini uwsgi.ini --socket "${UWSGI_SOCKET:-:3031}" --http-socket "${HTTP_SOCKET:-:8080}" ;;
  worker)
    ckan -c "$CKAN_INI" dazhou index reconcile --enqueue
    exec ckan -c "$CKAN_INI" jobs worker ;;
  gather) exec ckan -c "$CKAN_INI" harvester gather-consumer ;;
  fetch) exec ckan -c "$CKAN_INI" harvester fetch-consumer ;;
  periodic) periodic ;;
  init)
    ckan -c "$CKAN_INI" db init
    ckan -c "$CKAN_INI" db pending-migrations --apply
    if [ -n "${SOLR_INIT_URL:-}" ]; then
      python3 solr_init.py "$SOLR_INIT_URL" "${SOLR_COLLECTION:-ckan}" "${SOLR_SHARDS:-2}" "${SOLR_REPLICAS:-2}"
    fi ;;
  ckan) shift; exec ckan -c "$CKAN_INI" "$@" ;;
  *) exec "$@" ;;
esac
