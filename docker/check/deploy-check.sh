#!/usr/bin/env bash
# make deploy-check: the production topology built and exercised on this machine (about 20 min cold, 8-13 warm).
# Base image by mmdebstrap, CKAN/nginx images by podman; ZooKeeper and a 2-node SolrCloud from
# the Maven jars (a 2 shards x 2 replicas collection); a private PostgreSQL cluster and Redis;
# CKAN web + worker + harvest gather/fetch + periodic containers, nginx in front; demo data;
# then the assertions of assertions.py and the Solr failover; stopping leaves nothing running.
# Ports (loopback, host network): nginx 5780, web 1 uWSGI 5781 / HTTP 5782, web 2 uWSGI 5788 /
# HTTP 5789, Solr 5783/5784, ZooKeeper 5721, PostgreSQL 5742, Redis 5779, admin app 5785, feed
# 5786, `ckan run` for the benchmark 5787. Not part of make test.
#   DEPLOY_CHECK_KEEP=1   leave everything running when a check fails (then: deploy-check.sh stop)
#   DEPLOY_CHECK_BENCH=1  after the checks, bench/wsgi_servers.py: `ckan run` in the CKAN image
#                         against nginx + the two uWSGI web containers, same data, one run
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
source "$ROOT/scripts/lib.sh"
source "$ROOT/docker/check/podman-env.sh"
source "$ROOT/docker/check/process-groups.sh"

W=/tmp/dazhou-deploy-check
NGINX=5780 UWSGI=5781 WEBHTTP=5782 SOLR1=5783 SOLR2=5784 ZK=5721 PG=5742 REDIS=5779 FEED=5786
ADMIN=5785 CKANRUN=5787 UWSGI2=5788 WEBHTTP2=5789
PORTS="$NGINX $UWSGI $WEBHTTP $UWSGI2 $WEBHTTP2 $SOLR1 $SOLR2 $ZK $PG $REDIS $FEED $ADMIN $CKANRUN"
SOLR_LIB="$CACHE_DIR/solr-$(sed -n 's:.*<solr.version>\(.*\)</solr.version>.*:\1:p' "$ROOT/solr/pom.xml")/lib"
CKAN_IMAGE=localhost/dazhou/ckan:latest NGINX_IMAGE=localhost/dazhou/nginx:latest ADMIN_IMAGE=localhost/dazhou/admin:latest
PREFIX=dzcheck
T0=$SECONDS
declare -a TIMES=()
phase() { TIMES+=("$1 $((SECONDS - ${PHASE_START:-$T0}))s"); PHASE_START=$SECONDS; }

for tool in podman buildah mmdebstrap runc; do
  command -v "$tool" >/dev/null && continue
  say "installing podman buildah mmdebstrap runc uidmap"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq podman buildah mmdebstrap runc uidmap >"$LOG_DIR/apt-deploy.log" 2>&1 \
    || die "deploy-check: apt-get install failed, see $LOG_DIR/apt-deploy.log"
  break
done

[ -f "$SOLR_LIB/.complete" ] || "$ROOT/scripts/solr.sh" fetch >/dev/null 2>&1 || true
[ -f "$SOLR_LIB/.complete" ] || die "deploy-check: Solr jars missing in $SOLR_LIB (run make services once)"

# ---- stop: containers by our name prefix, processes by our pid files ------------------------
stop_all() {
  local ids name
  # each container's output is kept beside the other logs (the containers are removed)
  for name in $(podman ps -a --format '{{.Names}}' --filter "name=^$PREFIX-" 2>/dev/null); do
    [ -d "$W/log" ] && podman logs "$name" >"$W/log/container-${name#"$PREFIX"-}.log" 2>&1 || true
  done
  ids=$(podman ps -aq --filter "name=^$PREFIX-" 2>/dev/null || true)
  [ -z "$ids" ] || podman rm -f -t 5 $ids >/dev/null 2>&1 || true
  if [ -f "$W/pg/postmaster.pid" ]; then
    runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D "$W/pg" -m immediate stop >/dev/null 2>&1 || true
  fi
  stop_process_groups "$W/pids"
}
on_exit() {
  local rc=$?
  if [ "$rc" != 0 ] && [ -n "${DEPLOY_CHECK_KEEP:-}" ]; then
    say "deploy-check: left running for inspection; stop with: $0 stop"
    return
  fi
  stop_all
}
if [ "${1:-}" = stop ]; then stop_all; exit 0; fi
trap on_exit EXIT

start_bg() {  # NAME CMD...: a process group of ours, logged to $W/log/NAME.log
  local name=$1; shift
  setsid "$@" >"$W/log/$name.log" 2>&1 </dev/null &
  echo $! >"$W/pids/$name.pid"
  disown $!   # the Solr nodes are killed on purpose: no "Killed" lines from bash
}

stop_all   # what a kept or broken earlier run left
for p in $PORTS; do
  port_open "$p" && die "deploy-check: port $p is busy"
done
rm -rf "$W"; mkdir -p "$W"/{pids,log,storage,feed}

# ---- images -------------------------------------------------------------------------------
"$ROOT/docker/check/base.sh"
phase base
CTX="$CHECK_CACHE/context"
rm -rf "$CTX"; mkdir -p "$CTX"
git -C "$ROOT" archive HEAD | tar -x -C "$CTX"   # what is committed is what is built
# fixed times: buildah's layer cache compares them, and git archive stamps the commit's time
find "$CTX" -exec touch -h -d @1700000000 {} +
build() {  # CONTAINERFILE TAG
  podman build --isolation chroot --network host --format docker --layers \
    --build-arg BASE=localhost/dazhou-base:bookworm --build-arg CKAN_IMAGE="$CKAN_IMAGE" \
    --build-arg PIP_CERT=/etc/ssl/host-ca.crt -v /etc/ssl/certs/ca-certificates.crt:/etc/ssl/host-ca.crt:ro \
    -f "$CTX/$1" -t "$2" "$CTX" >"$W/log/build-$(basename "$(dirname "$1")").log" 2>&1 \
    || die "deploy-check: building $2 failed, see $W/log/build-$(basename "$(dirname "$1")").log"
}
build docker/ckan/Containerfile "$CKAN_IMAGE"
build docker/nginx/Containerfile "$NGINX_IMAGE"
build docker/admin/Containerfile "$ADMIN_IMAGE"
phase images

# ---- PostgreSQL, Redis, ZooKeeper, SolrCloud -------------------------------------------------
mkdir -p "$W/pg" && chown postgres "$W/pg"
touch "$W/log/postgres.log" && chown postgres "$W/log/postgres.log"
runuser -u postgres -- /usr/lib/postgresql/15/bin/initdb -D "$W/pg" -U postgres -E UTF8 --locale C.UTF-8 >"$W/log/initdb.log"
runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D "$W/pg" -l "$W/log/postgres.log" \
  -o "-p $PG -k $W/pg -c listen_addresses=127.0.0.1 -c fsync=off" -w start >/dev/null
psql_su() { runuser -u postgres -- psql -X -q -h "$W/pg" -p "$PG" -v ON_ERROR_STOP=1 "$@"; }
psql_su -c "create role ckan login superuser password 'check-ckan'" \
        -c "create role datastore_ro login password 'check-ro'" \
        -c "create database ckan owner ckan" -c "create database datastore owner ckan"
start_bg redis redis-server --port $REDIS --bind 127.0.0.1 --save '' --appendonly no
start_bg zookeeper java -Xmx256m -cp "$SOLR_LIB/*" org.apache.zookeeper.server.ZooKeeperServerMain $ZK "$W/zk"
WAIT_SECONDS=30 wait_for port_open $ZK || die "deploy-check: ZooKeeper did not start"
solr_node() {  # N PORT
  local home="$W/solr-$1"
  mkdir -p "$home"
  cat >"$home/solr.xml" <<XML
<solr><solrcloud><str name="host">127.0.0.1</str><int name="hostPort">$2</int>
<str name="hostContext">solr</str><str name="zkHost">127.0.0.1:$ZK</str>
<int name="zkClientTimeout">15000</int></solrcloud></solr>
XML
  # the command is kept in start.sh: assertions.py restarts a node after kill -9 with it
  cat >"$home/start.sh" <<SH
exec java -Xms256m -Xmx512m -DzkHost=127.0.0.1:$ZK -Dhost=127.0.0.1 -DhostPort=$2 \\
  -Dsolr.log.dir=$home -Dlog4j2.configurationFile=$ROOT/solr/log4j2.xml \\
  -cp '$SOLR_LIB/*' $ROOT/solr/Launcher.java $home $2
SH
  start_bg "solr-$1" bash "$home/start.sh"
}
solr_up() { curl -sf "http://127.0.0.1:$1/solr/admin/info/system" >/dev/null; }
solr_node 1 $SOLR1; solr_node 2 $SOLR2
WAIT_SECONDS=120 wait_for solr_up $SOLR1 || die "deploy-check: Solr node 1 did not start, see $W/log/solr-1.log"
WAIT_SECONDS=120 wait_for solr_up $SOLR2 || die "deploy-check: Solr node 2 did not start, see $W/log/solr-2.log"
phase services

# ---- CKAN containers ------------------------------------------------------------------------
chown 900 "$W/storage"
SECRET=$(python3 -c 'import secrets; print(secrets.token_urlsafe(32))')
ENVFILE="$W/ckan.env"   # secrets of this run only, outside the repository and the images
cat >"$ENVFILE" <<ENV
CKAN_SITE_URL=http://127.0.0.1:$NGINX
CKAN___SECRET_KEY=$SECRET
CKAN_SQLALCHEMY_URL=postgresql://ckan:check-ckan@127.0.0.1:$PG/ckan
CKAN_DATASTORE_WRITE_URL=postgresql://ckan:check-ckan@127.0.0.1:$PG/datastore
CKAN_DATASTORE_READ_URL=postgresql://datastore_ro:check-ro@127.0.0.1:$PG/datastore
CKAN___CKANEXT__XLOADER__JOBS_DB__URI=postgresql://ckan:check-ckan@127.0.0.1:$PG/ckan
CKAN_SOLR_URL=http://127.0.0.1:$SOLR1/solr/ckan
CKAN_REDIS_URL=redis://127.0.0.1:$REDIS/0
CKAN___SESSION_COOKIE_SECURE=false
CKAN___REMEMBER_COOKIE_SECURE=false
CKAN___CKANEXT__DAZHOU__HARVEST__ALLOWED_HOSTS=127.0.0.1:$FEED
HARVEST_RUN_SECONDS=5
ENV
chmod 600 "$ENVFILE"
ckan_run() {  # NAME ROLE [podman options...]: a detached CKAN container
  local name=$1 role=$2; shift 2
  # no systemd here to time the image's HEALTHCHECK; the check runs it once by hand
  podman run -d --name "$PREFIX-$name" --network host --env-file "$ENVFILE" --health-interval disable \
    -v "$W/storage:/var/lib/ckan" "$@" "$CKAN_IMAGE" "$role" >/dev/null
}
ckan_once() { podman run --rm --network host --env-file "$ENVFILE" -v "$W/storage:/var/lib/ckan" "$@"; }
ckan_once -e SOLR_INIT_URL="http://127.0.0.1:$SOLR1/solr" "$CKAN_IMAGE" init >"$W/log/init.log" 2>&1 \
  || die "deploy-check: init failed, see $W/log/init.log"
ckan_once "$CKAN_IMAGE" ckan datastore set-permissions 2>>"$W/log/init.log" | psql_su -d datastore >>"$W/log/init.log" 2>&1 \
  || die "deploy-check: datastore permissions failed, see $W/log/init.log"
# two web containers, no local state: uploads on the shared storage volume, sessions in cookies
ckan_run web web -e UWSGI_SOCKET=127.0.0.1:$UWSGI -e HTTP_SOCKET=127.0.0.1:$WEBHTTP
ckan_run web-2 web -e UWSGI_SOCKET=127.0.0.1:$UWSGI2 -e HTTP_SOCKET=127.0.0.1:$WEBHTTP2
ckan_run worker worker
ckan_run gather gather
ckan_run fetch-1 fetch
ckan_run fetch-2 fetch
ckan_run periodic periodic
podman run -d --name "$PREFIX-nginx" --network host --health-interval disable -e NGINX_LISTEN=127.0.0.1:$NGINX \
  -e CKAN_UWSGI="127.0.0.1:$UWSGI 127.0.0.1:$UWSGI2" -v "$W/storage:/var/lib/ckan:ro" "$NGINX_IMAGE" >/dev/null
# the bureau's admin app: its own port (compose publishes 5050), CKAN reached through nginx
podman run -d --name "$PREFIX-admin" --network host --health-interval disable \
  -e ADMIN_HTTP_SOCKET=127.0.0.1:$ADMIN -e SECRET_KEY="$SECRET" -e DAZHOU_ADMIN_SECURE_COOKIES=0 \
  -e DAZHOU_ADMIN_DATABASE_URL=postgresql://ckan:check-ckan@127.0.0.1:$PG/ckan \
  -e DAZHOU_CKAN_URL=http://127.0.0.1:$NGINX "$ADMIN_IMAGE" >/dev/null
web_ready() { curl -sf "http://127.0.0.1:$1/api/3/action/status_show" >/dev/null; }
for port in $WEBHTTP $WEBHTTP2 $NGINX; do
  WAIT_SECONDS=180 wait_for web_ready $port || die "deploy-check: CKAN does not answer on $port, see $W/log/container-*.log"
done
admin_ready() { curl -sf "http://127.0.0.1:$ADMIN/login" >/dev/null; }
WAIT_SECONDS=120 wait_for admin_ready || die "deploy-check: the admin app does not answer, see $W/log/container-admin.log"
# the images' HEALTHCHECKs (kept by --format docker) pass, on the ports these containers were given
for name in web web-2 admin; do
  podman healthcheck run "$PREFIX-$name" >/dev/null || die "deploy-check: the HEALTHCHECK of $PREFIX-$name fails"
done
say "  ok  two web containers, nginx and the admin app answer; the images' HEALTHCHECKs pass"
phase containers

# ---- demo data, sysadmin token ---------------------------------------------------------------
PASSWORD="Dz-$(python3 -c 'import secrets; print(secrets.token_urlsafe(9))')"
ckan_once "$CKAN_IMAGE" ckan user add admin email=admin@check.invalid password="$PASSWORD" >"$W/log/demo.log" 2>&1
ckan_once "$CKAN_IMAGE" ckan sysadmin add admin >>"$W/log/demo.log" 2>&1
ckan_once -e DAZHOU_DEMO_PASSWORD="$PASSWORD" "$CKAN_IMAGE" ckan dazhou demo load >>"$W/log/demo.log" 2>&1 \
  || die "deploy-check: demo data failed, see $W/log/demo.log"
TOKEN=$(ckan_once "$CKAN_IMAGE" ckan user token add admin check 2>>"$W/log/demo.log" | tail -1 | tr -d '[:space:]')
phase demo

# a provincial feed for the harvest job (the harvester test's own feed format)
(cd "$ROOT/harvesters/tests" && python3 -c 'import province_feed as f; print(f.page([f.dataset(n) for n in (1, 2, 3)]))') >"$W/feed/catalog.ttl"
start_bg feed python3 -m http.server $FEED --bind 127.0.0.1 --directory "$W/feed"

# ---- assertions ------------------------------------------------------------------------------
DZ_BASE="http://127.0.0.1:$NGINX" DZ_TOKEN="$TOKEN" DZ_SOLR="http://127.0.0.1:$SOLR1/solr,http://127.0.0.1:$SOLR2/solr" \
DZ_FEED="http://127.0.0.1:$FEED/catalog.ttl" DZ_USER=dsjj-staff DZ_PASSWORD="$PASSWORD" \
DZ_WORK="$W" DZ_ADMIN="http://127.0.0.1:$ADMIN" DZ_WEBS="http://127.0.0.1:$WEBHTTP,http://127.0.0.1:$WEBHTTP2" \
DZ_CONTAINERS="$PREFIX-web,$PREFIX-web-2" \
  "$VENV/bin/python" "$ROOT/docker/check/assertions.py" || die "deploy-check: assertions failed (logs: $W/log)"
phase assertions

if [ -n "${DEPLOY_CHECK_BENCH:-}" ]; then
  # same image, data and Solr: only the server differs (Werkzeug `ckan run` vs nginx + uWSGI)
  podman run -d --name "$PREFIX-ckan-run" --network host --env-file "$ENVFILE" --health-interval disable -v "$W/storage:/var/lib/ckan" \
    "$CKAN_IMAGE" ckan run -H 127.0.0.1 -p $CKANRUN -r >/dev/null
  STAFF_TOKEN=$(ckan_once "$CKAN_IMAGE" ckan user token add rsj-staff bench 2>>"$W/log/demo.log" | tail -1 | tr -d '[:space:]')
  "$VENV/bin/python" "$ROOT/bench/wsgi_servers.py" --ckan-run "http://127.0.0.1:$CKANRUN" \
    --production "http://127.0.0.1:$NGINX" --token "$STAFF_TOKEN" --requests "${BENCH_REQUESTS:-20}" \
    | tee "$W/log/bench.log" || die "deploy-check: benchmark failed"
  phase bench
fi

# ---- stop: nothing may be left running ---------------------------------------------------------
trap - EXIT
stop_all
left=$(podman ps -aq --filter "name=^$PREFIX-")
[ -z "$left" ] || die "deploy-check: containers still there: $left"
for p in $PORTS; do
  port_open "$p" && die "deploy-check: port $p still open after stop"
done
# nothing of ours may outlive the check: JVMs (ZooKeeper, Solr), Redis, the feed, PostgreSQL
left=$(pgrep -f "$W" || true)
[ -z "$left" ] || die "deploy-check: processes still running: $(ps -o pid=,args= -p ${left//$'\n'/,})"
phase stop
say "deploy-check passed in $((SECONDS - T0)) s: ${TIMES[*]}"
