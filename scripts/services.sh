#!/usr/bin/env bash
# start|stop PostgreSQL, Redis and Solr: the services both `make dev` and `make test` need.
source "$(dirname "$0")/lib.sh"
here=$(dirname "$0")

case "${1:-}" in
  start) "$here/postgres.sh" start; "$here/redis.sh" start; "$here/solr.sh" start ;;
  stop) "$here/solr.sh" stop; "$here/redis.sh" stop; "$here/postgres.sh" stop ;;
  *) die "usage: $0 start|stop" ;;
esac
