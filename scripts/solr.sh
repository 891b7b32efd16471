#!/usr/bin/env bash
# start|stop a real Solr 9 on 127.0.0.1:$SOLR_PORT with the cores "ckan" (dev) and
# "ckan_test" (tests), assembled from Maven Central (see solr/README.md).
source "$(dirname "$0")/lib.sh"

SOLR_VERSION=$(sed -n 's:.*<solr.version>\(.*\)</solr.version>.*:\1:p' "$ROOT/solr/pom.xml")
SOLR_LIB="$CACHE_DIR/solr-$SOLR_VERSION/lib"
SOLR_HOME="$DEV_DIR/solr"
CORES=(ckan ckan_test)
PIDFILE="$RUN_DIR/solr.pid"
SOLR_ADMIN="http://127.0.0.1:$SOLR_PORT/solr/admin/cores"

fetch_jars() {
  [ -f "$SOLR_LIB/.complete" ] && return 0
  say "fetching Solr $SOLR_VERSION from Maven Central into $SOLR_LIB"
  rm -rf "$SOLR_LIB"; mkdir -p "$SOLR_LIB"
  mvn -q -B -f "$ROOT/solr/pom.xml" dependency:copy-dependencies \
      -DincludeScope=runtime -DoutputDirectory="$SOLR_LIB" >"$LOG_DIR/maven.log" 2>&1 \
    || die "solr: cannot fetch Solr $SOLR_VERSION from Maven Central: $(grep -m1 'ERROR' "$LOG_DIR/maven.log" || tail -1 "$LOG_DIR/maven.log")"
  ls "$SOLR_LIB"/solr-core-*.jar >/dev/null 2>&1 || die "solr: solr-core jar missing in $SOLR_LIB"
  touch "$SOLR_LIB/.complete"
}

write_conf() {  # CORE...: the core's conf/ from solr/ (schema by make_schema.py)
  local ckan_schema core
  ckan_schema=$("$VENV/bin/python" -c 'import ckan, os; print(os.path.join(os.path.dirname(ckan.__file__), "config/solr/schema.xml"))')
  [ -f "$ckan_schema" ] || die "solr: CKAN's schema.xml not found (is .venv installed?)"
  for core in "$@"; do
    mkdir -p "$SOLR_HOME/$core/conf"
    cp "$ROOT"/solr/conf/{solrconfig.xml,protwords.txt,synonyms.txt} "$SOLR_HOME/$core/conf/"
    "$VENV/bin/python" "$ROOT/solr/make_schema.py" "$ckan_schema" "$SOLR_HOME/$core/conf/schema.xml"
  done
}

write_home() {
  local core
  mkdir -p "$SOLR_HOME"
  echo '<solr></solr>' >"$SOLR_HOME/solr.xml"
  for core in "${CORES[@]}"; do
    mkdir -p "$SOLR_HOME/$core"
    echo "name=$core" >"$SOLR_HOME/$core/core.properties"
  done
  write_conf "${CORES[@]}"
}

# After a change in solr/ (new fields): rewrite the running cores' conf and RELOAD them;
# their documents need `ckan search-index rebuild` to fill new fields.
refresh() {
  local core old_version
  [ $# -gt 0 ] || set -- "${CORES[@]}"
  solr_ready || die "solr: not running"
  for core in "$@"; do
    old_version=$(version_field "$core")
    write_conf "$core"
    if [ "$old_version" = "$(version_field "$core")" ]; then
      curl -sf "$SOLR_ADMIN?action=RELOAD&core=$core" >/dev/null \
        || die "solr: core $core did not reload (see $LOG_DIR/solr.log)"
      say "solr: core $core reloaded"
    else
      recreate_empty "$core"
    fi
  done
}

version_field() { grep -o '<field name="_version_"[^>]*>' "$SOLR_HOME/$1/conf/schema.xml" 2>/dev/null || true; }

# Lucene refuses documents whose _version_ is indexed unlike the existing segments' (string →
# plong), even deletes: such a core is emptied and made again; the dev core is then re-indexed.
recreate_empty() {
  local core=$1
  curl -sf "$SOLR_ADMIN?action=UNLOAD&core=$core&deleteIndex=true&deleteDataDir=true" >/dev/null \
    || die "solr: core $core did not unload (see $LOG_DIR/solr.log)"
  curl -sf "$SOLR_ADMIN?action=CREATE&name=$core&instanceDir=$core" >/dev/null \
    || die "solr: core $core was not created again (see $LOG_DIR/solr.log)"
  say "solr: core $core made again, empty (its _version_ field changed)"
  if [ "$core" = ckan ] && [ -f "$DEV_DIR/ckan.ini" ]; then
    say "solr: re-indexing the dev catalog"
    "$VENV/bin/ckan" -c "$DEV_DIR/ckan.ini" search-index rebuild >>"$LOG_DIR/ckan-setup.log" 2>&1 \
      || say "warning: dev re-index failed, see $LOG_DIR/ckan-setup.log"
  fi
}

solr_ready() { curl -sf "http://127.0.0.1:$SOLR_PORT/solr/ckan/admin/ping" >/dev/null; }

# A running Solr whose cores' conf no longer matches solr/ (schema changed since it started)
# gets the new conf, so make test and test-env.sh never search an old schema.
refresh_changed() {
  local core tmp changed=()
  tmp=$(mktemp -d)
  for core in "${CORES[@]}"; do
    SOLR_HOME="$tmp" write_conf "$core"
    diff -rq "$tmp/$core/conf" "$SOLR_HOME/$core/conf" >/dev/null 2>&1 || changed+=("$core")
  done
  rm -rf "$tmp"
  [ ${#changed[@]} -eq 0 ] || refresh "${changed[@]}"
}

start() {
  if pid_alive "$PIDFILE" && solr_ready; then refresh_changed; return 0; fi
  port_open "$SOLR_PORT" && die "solr: port $SOLR_PORT is busy (another process, not started by us)"
  command -v java >/dev/null || die "solr: java not found"
  fetch_jars
  write_home
  say "starting Solr $SOLR_VERSION on 127.0.0.1:$SOLR_PORT"
  : >"$LOG_DIR/solr.out"
  setsid java -Xms256m -Xmx1g -Dsolr.log.dir="$LOG_DIR" \
      -Dlog4j2.configurationFile="$ROOT/solr/log4j2.xml" \
      -cp "$SOLR_LIB/*" "$ROOT/solr/Launcher.java" "$SOLR_HOME" "$SOLR_PORT" \
      >"$LOG_DIR/solr.out" 2>&1 </dev/null &
  echo $! >"$PIDFILE"
  local deadline=$((SECONDS + 120))
  until grep -q 'solr: ready' "$LOG_DIR/solr.out"; do
    if ! pid_alive "$PIDFILE"; then
      rm -f "$PIDFILE"
      die "$(grep -m1 '^solr: ' "$LOG_DIR/solr.out" || echo "solr: exited during start-up, see $LOG_DIR/solr.out")"
    fi
    [ $SECONDS -lt $deadline ] || { stop_pidfile solr; die "solr: not ready after 120 s, see $LOG_DIR/solr.log"; }
    sleep 0.5
  done
  solr_ready || die "solr: core ckan does not answer ping"
}

case "${1:-}" in
  start) start ;;
  stop) stop_pidfile solr ;;
  refresh) shift; refresh "$@" ;;
  *) die "usage: $0 start|stop|refresh [CORE...]" ;;
esac
