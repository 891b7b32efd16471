#!/bin/sh
# Fills the listener and the upstream servers into nginx.conf and runs nginx in the foreground.
set -eu
servers=""
for s in ${CKAN_UWSGI:-ckan-web:3031}; do servers="$servers server $s max_fails=2 fail_timeout=10s;"; done
sed -e "s|@LISTEN@|${NGINX_LISTEN:-8080}|" -e "s|@SERVERS@|$servers|" /etc/nginx/dazhou.conf.in >/tmp/nginx.conf
exec nginx -c /tmp/nginx.conf -g 'daemon off;'
