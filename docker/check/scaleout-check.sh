#!/usr/bin/env bash
# make scaleout-check: the scale-out parts that deploy-check does not run, shown with Debian's
# packages on loopback (no containers, no CKAN, no Solr): PostgreSQL primary + streaming standby
# (pg_basebackup -R, a replication slot) behind pgbouncer in transaction mode, then promotion;
# Redis master + replica + 3 Sentinels and a kill -9 failover; a 3-node ZooKeeper ensemble from
# the Solr jars and a kill -9 of its leader. Stopping leaves no port open and no process.
# Ports: PostgreSQL 5791/5792, pgbouncer 5793, Redis 5794/5795, Sentinels 5796-5798,
# ZooKeeper clients 5801-5803, quorum 5811-5813, election 5821-5823. Not part of make test.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
source "$ROOT/scripts/lib.sh"
source "$ROOT/docker/check/process-groups.sh"

W=/tmp/dazhou-scaleout-check
PG1=5791 PG2=5792 BOUNCER=5793 RMASTER=5794 RREPLICA=5795 SENTINELS="5796 5797 5798"
ZK_CLIENT=(5801 5802 5803) ZK_QUORUM=(5811 5812 5813) ZK_ELECT=(5821 5822 5823)
PORTS="$PG1 $PG2 $BOUNCER $RMASTER $RREPLICA $SENTINELS ${ZK_CLIENT[*]} ${ZK_QUORUM[*]} ${ZK_ELECT[*]}"
PGBIN=/usr/lib/postgresql/15/bin
SOLR_LIB="$CACHE_DIR/solr-$(sed -n 's:.*<solr.version>\(.*\)</solr.version>.*:\1:p' "$ROOT/solr/pom.xml")/lib"
FAILOVER_SECONDS=${FAILOVER_SECONDS:-60}   # bound for the Redis and ZooKeeper elections
T0=$SECONDS
declare -a TIMES=()
phase() { TIMES+=("$1 $((SECONDS - ${PHASE_START:-$T0}))s"); PHASE_START=$SECONDS; }
ok() { printf '  ok  %s\n' "$*"; }
fail() { die "scaleout-check: $*"; }

# ---- packages (as scripts/install.sh: only what is missing) --------------------------------
missing=()
for p in postgresql-15 pgbouncer redis-server openjdk-17-jdk-headless maven; do  # maven: solr.sh fetch
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" \
    >"$LOG_DIR/apt-scaleout.log" 2>&1 || fail "apt-get install failed, see $LOG_DIR/apt-scaleout.log"
fi
[ -f "$SOLR_LIB/.complete" ] || "$ROOT/scripts/solr.sh" fetch >/dev/null 2>&1 || true
[ -f "$SOLR_LIB/.complete" ] || fail "Solr jars (ZooKeeper) missing in $SOLR_LIB (run make services once)"

# ---- stop: our process groups by pid file, our PostgreSQL clusters by data dir ---------------
stop_all() {
  local d
  for d in "$W/pg1" "$W/pg2"; do
    [ -f "$d/postmaster.pid" ] && runuser -u postgres -- "$PGBIN/pg_ctl" -D "$d" -m immediate stop >/dev/null 2>&1
  done
  stop_process_groups "$W/pids"
}
if [ "${1:-}" = stop ]; then stop_all; exit 0; fi
trap stop_all EXIT
trap 'exit 130' INT TERM   # so a ^C or kill still runs stop_all

start_bg() {  # NAME CMD...: its own process group (setsid), logged to $W/log/NAME.log
  local name=$1; shift
  setsid "$@" >"$W/log/$name.log" 2>&1 </dev/null &
  echo $! >"$W/pids/$name.pid"
  disown $!   # some are killed on purpose: no "Killed" lines from bash
}
# poll CMD...: like wait_for, bounded by $WAIT_SECONDS; prints nothing
poll() { wait_for "$@"; }

stop_all   # what a broken earlier run left
for p in $PORTS; do port_open "$p" && fail "port $p is busy"; done
rm -rf "$W"; mkdir -p "$W"/{pids,log}
chmod 755 "$W"
phase setup

# ---- 1. PostgreSQL: primary, streaming standby, pgbouncer, promotion ------------------------
pg_as() { runuser -u postgres -- "$@"; }
sql() {  # PORT DB SQL: one value, unaligned
  psql -X -q -At -h 127.0.0.1 -p "$1" -U postgres -d "$2" -v ON_ERROR_STOP=1 -c "$3"
}
mkdir -p "$W/pg1" "$W/pg2" "$W/pgbouncer" && chown postgres "$W/pg1" "$W/pg2" "$W/pgbouncer" "$W/log"
chmod 700 "$W/pg2"
pg_as "$PGBIN/initdb" -D "$W/pg1" -U postgres -E UTF8 --locale C.UTF-8 --auth=trust >"$W/log/initdb.log"
# pg_hba (trust) lets loopback in, replication connections included: no password needed here
pg_start() {  # DIR PORT
  pg_as "$PGBIN/pg_ctl" -D "$1" -l "$W/log/$(basename "$1").log" \
    -o "-p $2 -k $1 -c listen_addresses=127.0.0.1 -c fsync=off -c hot_standby=on" -w start >/dev/null
}
pg_start "$W/pg1" $PG1
sql $PG1 postgres "select pg_create_physical_replication_slot('standby1')" >/dev/null
sql $PG1 postgres "create database scaleout" >/dev/null
pg_as "$PGBIN/pg_basebackup" -h 127.0.0.1 -p $PG1 -U postgres -D "$W/pg2" -R -S standby1 -X stream -c fast \
  >"$W/log/basebackup.log" 2>&1 || fail "pg_basebackup failed, see $W/log/basebackup.log"
[ -f "$W/pg2/standby.signal" ] && grep -q "primary_conninfo" "$W/pg2/postgresql.auto.conf" \
  || fail "pg_basebackup -R wrote no standby.signal / primary_conninfo"
pg_start "$W/pg2" $PG2

# pgbouncer in transaction mode in front of the primary (it refuses to run as root)
cat >"$W/pgbouncer/pgbouncer.ini" <<EOF
[databases]
scaleout = host=127.0.0.1 port=$PG1 dbname=scaleout
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $BOUNCER
unix_socket_dir =
auth_type = trust
auth_file = $W/pgbouncer/userlist.txt
admin_users = postgres
pool_mode = transaction
default_pool_size = 5
EOF
echo '"postgres" ""' >"$W/pgbouncer/userlist.txt"
chown -R postgres "$W/pgbouncer"
start_bg pgbouncer runuser -u postgres -- /usr/sbin/pgbouncer "$W/pgbouncer/pgbouncer.ini"
WAIT_SECONDS=20 poll port_open $BOUNCER || fail "pgbouncer did not start, see $W/log/pgbouncer.log"
bouncer_admin() { psql -X -q -At -F'|' -h 127.0.0.1 -p $BOUNCER -U postgres -d pgbouncer -c "$1"; }
[ "$(bouncer_admin 'show config' | awk -F'|' '$1=="pool_mode"{print $2}')" = transaction ] \
  || fail "pgbouncer pool_mode is not transaction"
ok "pgbouncer on $BOUNCER pools the primary in transaction mode"

sql $BOUNCER scaleout "create table city_note (id int primary key, body text not null)" >/dev/null
sql $BOUNCER scaleout "insert into city_note values (1, '达州 primary')" >/dev/null
ok "table created and row inserted through pgbouncer"
on_standby() { [ "$(sql $PG2 scaleout "select count(*) from city_note where id = $1" 2>/dev/null)" = 1 ]; }
WAIT_SECONDS=30 poll on_standby 1 || fail "the row written through pgbouncer never reached the standby"
[ "$(sql $PG2 scaleout "select body from city_note where id = 1")" = "达州 primary" ] || fail "standby row differs"
ok "the row is on the standby (streamed)"
streaming=$(sql $PG1 postgres "select count(*) from pg_stat_replication where state = 'streaming'")
[ "$streaming" = 1 ] || fail "pg_stat_replication shows $streaming streaming standbys, want 1"
[ "$(sql $PG1 postgres "select active from pg_replication_slots where slot_name = 'standby1'")" = t ] \
  || fail "replication slot standby1 is not active"
ok "pg_stat_replication: 1 standby streaming, slot standby1 active"
[ "$(sql $PG2 postgres "select pg_is_in_recovery()")" = t ] || fail "standby is not in recovery"
if err=$(sql $PG2 scaleout "insert into city_note values (2, 'x')" 2>&1); then
  fail "the standby accepted a write"
fi
grep -q "read-only transaction" <<<"$err" || fail "standby refused the write for another reason: $err"
ok "the standby refuses writes ($err)"

pg_as "$PGBIN/pg_ctl" -D "$W/pg1" -m fast -w stop >/dev/null
port_open $PG1 && fail "primary still listening after stop"
pg_as "$PGBIN/pg_ctl" -D "$W/pg2" -w promote >/dev/null || fail "pg_ctl promote failed"
[ "$(sql $PG2 postgres "select pg_is_in_recovery()")" = f ] || fail "promoted standby still in recovery"
sql $PG2 scaleout "insert into city_note values (2, '达州 promoted')" >/dev/null || fail "promoted standby refused a write"
ok "primary stopped, standby promoted, it accepts writes"
# the application's URL stays the pgbouncer one: repoint pgbouncer and RELOAD
sed -i "s/port=$PG1 dbname/port=$PG2 dbname/" "$W/pgbouncer/pgbouncer.ini"
bouncer_admin "reload" >/dev/null
sql $BOUNCER scaleout "insert into city_note values (3, 'through pgbouncer after failover')" >/dev/null \
  || fail "write through pgbouncer after repointing it failed"
[ "$(sql $PG2 scaleout "select count(*) from city_note")" = 3 ] || fail "promoted primary lacks rows"
ok "pgbouncer repointed (RELOAD) at the new primary: the same client URL writes again, 3 rows"
phase postgresql

# ---- 2. Redis: master, replica, 3 Sentinels, kill -9 failover --------------------------------
rcli() { redis-cli -h 127.0.0.1 -p "$@"; }
for name in master replica; do mkdir -p "$W/redis-$name"; done
start_bg redis-master redis-server --port $RMASTER --bind 127.0.0.1 --save '' --appendonly no --dir "$W/redis-master"
start_bg redis-replica redis-server --port $RREPLICA --bind 127.0.0.1 --save '' --appendonly no \
  --dir "$W/redis-replica" --replicaof 127.0.0.1 $RMASTER
i=0
for port in $SENTINELS; do
  i=$((i + 1)); mkdir -p "$W/sentinel$i"
  # a Sentinel rewrites its own file (what it learnt about replicas and other sentinels)
  cat >"$W/sentinel$i/sentinel.conf" <<EOF
port $port
bind 127.0.0.1
dir $W/sentinel$i
sentinel monitor dzredis 127.0.0.1 $RMASTER 2
sentinel down-after-milliseconds dzredis 2000
sentinel failover-timeout dzredis 10000
sentinel parallel-syncs dzredis 1
EOF
  start_bg "sentinel$i" redis-server "$W/sentinel$i/sentinel.conf" --sentinel
done
for port in $RMASTER $RREPLICA $SENTINELS; do
  WAIT_SECONDS=20 poll port_open "$port" || fail "redis on $port did not start, see $W/log/"
done
replica_linked() { rcli $RREPLICA info replication | grep -q 'master_link_status:up'; }
WAIT_SECONDS=30 poll replica_linked || fail "the Redis replica did not sync with the master"
field() { rcli "$1" sentinel master dzredis | awk -v k="$2" 'f{print; exit} $0==k{f=1}'; }
sentinels_ready() {  # every sentinel sees the replica and the two other sentinels
  local p
  for p in $SENTINELS; do
    [ "$(field "$p" num-slaves)" = 1 ] && [ "$(field "$p" num-other-sentinels)" = 2 ] || return 1
  done
}
WAIT_SECONDS=60 poll sentinels_ready || fail "the sentinels did not discover the replica and each other"
master_of() { rcli "$1" sentinel get-master-addr-by-name dzredis | paste -sd: -; }
for p in $SENTINELS; do
  [ "$(master_of "$p")" = "127.0.0.1:$RMASTER" ] || fail "sentinel $p names $(master_of "$p") as master"
done
ok "3 sentinels agree: master 127.0.0.1:$RMASTER, 1 replica, 2 other sentinels each"
rcli $RMASTER set dazhou:before-failover kept >/dev/null
replicated() { [ "$(rcli $RREPLICA get dazhou:before-failover)" = kept ]; }
WAIT_SECONDS=20 poll replicated || fail "a key set on the master did not reach the replica"

t_kill=$SECONDS
kill -9 "$(cat "$W/pids/redis-master.pid")"; rm -f "$W/pids/redis-master.pid"
WAIT_SECONDS=10 poll bash -c "! (exec 3<>/dev/tcp/127.0.0.1/$RMASTER)" || fail "Redis master survived kill -9"
failed_over() {
  local p
  for p in $SENTINELS; do [ "$(master_of "$p")" = "127.0.0.1:$RREPLICA" ] || return 1; done
  rcli $RREPLICA info replication | grep -q '^role:master'
}
WAIT_SECONDS=$FAILOVER_SECONDS poll failed_over \
  || fail "no Redis failover within ${FAILOVER_SECONDS}s (sentinels say: $(for p in $SENTINELS; do master_of "$p"; done | paste -sd' '))"
redis_failover=$((SECONDS - t_kill))
[ "$(rcli $RREPLICA set dazhou:after-failover written)" = OK ] || fail "write to the new Redis master failed"
[ "$(rcli $RREPLICA get dazhou:before-failover)" = kept ] || fail "the key set before the failover is gone"
ok "kill -9 of the master: all 3 sentinels name 127.0.0.1:$RREPLICA after ${redis_failover}s (bound ${FAILOVER_SECONDS}s), it is role:master, takes writes, kept the earlier key"
# the old master comes back empty-handed: the sentinels make it a replica of the new one
start_bg redis-master redis-server --port $RMASTER --bind 127.0.0.1 --save '' --appendonly no --dir "$W/redis-master"
rejoined() {
  rcli $RMASTER info replication | grep -q '^role:slave' && rcli $RMASTER info replication | grep -q "^master_port:$RREPLICA" \
    && [ "$(rcli $RMASTER get dazhou:after-failover)" = written ]
}
WAIT_SECONDS=$FAILOVER_SECONDS poll rejoined || fail "the restarted old master did not become a replica of :$RREPLICA"
ok "the restarted old master is turned into a replica of the new master by the sentinels (and has its data)"
phase redis

# ---- 3. ZooKeeper ensemble of 3 (QuorumPeerMain), kill -9 of the leader ----------------------
servers=""
for n in 1 2 3; do servers+="server.$n=127.0.0.1:${ZK_QUORUM[n-1]}:${ZK_ELECT[n-1]}"$'\n'; done
for n in 1 2 3; do
  mkdir -p "$W/zk$n/data"; echo $n >"$W/zk$n/data/myid"
  cat >"$W/zk$n/zoo.cfg" <<EOF
tickTime=500
initLimit=20
syncLimit=10
dataDir=$W/zk$n/data
clientPort=${ZK_CLIENT[n-1]}
clientPortAddress=127.0.0.1
admin.enableServer=false
4lw.commands.whitelist=srvr,mntr,ruok
$servers
EOF
  start_bg "zk$n" nice -n 19 java -Xmx128m -Dzookeeper.log.dir="$W/log" -cp "$SOLR_LIB/*" \
    org.apache.zookeeper.server.quorum.QuorumPeerMain "$W/zk$n/zoo.cfg"
done
four() {  # PORT WORD: a ZooKeeper four-letter word over bash's /dev/tcp
  (exec 3<>"/dev/tcp/127.0.0.1/$1" && printf '%s' "$2" >&3 && timeout 5 cat <&3) 2>/dev/null
}
mode() { four "$1" srvr | sed -n 's/^Mode: //p'; }
modes() { local p; for p in "$@"; do mode "$p"; done | sort | paste -sd' ' -; }
ensemble_up() { [ "$(modes "${ZK_CLIENT[@]}")" = "follower follower leader" ]; }
WAIT_SECONDS=120 poll ensemble_up || fail "no ZooKeeper leader + 2 followers (modes: $(modes "${ZK_CLIENT[@]}")), see $W/log/zk*.log"
ok "ZooKeeper ensemble: 1 leader, 2 followers ($(four ${ZK_CLIENT[0]} mntr | sed -n 's/^zk_version\t//p' | cut -d- -f1))"
zkcli() {  # PORT CMD...: ZooKeeper's own CLI from the jars, one command
  nice -n 19 java -Xmx64m -cp "$SOLR_LIB/*" org.apache.zookeeper.ZooKeeperMain -server "127.0.0.1:$1" "${@:2}" 2>&1
}
zkcli ${ZK_CLIENT[0]} create /dazhou-scaleout "written-before-failover" >"$W/log/zkcli-create.log"
zkcli ${ZK_CLIENT[1]} get /dazhou-scaleout | grep -qx "written-before-failover" \
  || fail "znode written through node 1 not readable through node 2, see $W/log/zkcli-create.log"
ok "znode /dazhou-scaleout written through node 1, read through node 2"
leader=""
for n in 1 2 3; do [ "$(mode ${ZK_CLIENT[n-1]})" = leader ] && leader=$n; done
t_kill=$SECONDS
kill -9 "$(cat "$W/pids/zk$leader.pid")"; rm -f "$W/pids/zk$leader.pid"
rest=(); for n in 1 2 3; do [ $n = "$leader" ] || rest+=("${ZK_CLIENT[n-1]}"); done
reelected() { [ "$(modes "${rest[@]}")" = "follower leader" ]; }
WAIT_SECONDS=$FAILOVER_SECONDS poll reelected \
  || fail "no new ZooKeeper leader within ${FAILOVER_SECONDS}s (modes: $(modes "${rest[@]}"))"
zk_failover=$((SECONDS - t_kill))
for p in "${rest[@]}"; do
  zkcli "$p" get /dazhou-scaleout | grep -qx "written-before-failover" || fail "znode lost on node :$p after the leader died"
done
zkcli "${rest[0]}" create /dazhou-after "written-after-failover" >"$W/log/zkcli-after.log"
zkcli "${rest[1]}" get /dazhou-after | grep -qx "written-after-failover" || fail "the 2-node ensemble takes no writes"
ok "kill -9 of leader zk$leader: a new leader in ${zk_failover}s (bound ${FAILOVER_SECONDS}s); the znode is readable on both survivors, a new one is written"
# a majority is needed: with the new leader killed too, the last node stops serving
newleader=""
for p in "${rest[@]}"; do [ "$(mode "$p")" = leader ] && newleader=$p; done
for n in 1 2 3; do [ "${ZK_CLIENT[n-1]}" = "$newleader" ] && kill -9 "$(cat "$W/pids/zk$n.pid")" && rm -f "$W/pids/zk$n.pid"; done
last=$([ "${rest[0]}" = "$newleader" ] && echo "${rest[1]}" || echo "${rest[0]}")
not_serving() { four "$last" srvr | grep -q 'not currently serving requests'; }
WAIT_SECONDS=30 poll not_serving || fail "the last ZooKeeper node still serves without a quorum (srvr: $(four "$last" srvr | head -1))"
ok "with 2 of 3 nodes gone the last one stops serving (no quorum): why the ensemble is 3"
phase zookeeper

# ---- 4. stop: nothing may be left --------------------------------------------------------------
trap - EXIT
stop_all
for p in $PORTS; do port_open "$p" && fail "port $p still open after stop"; done
for d in "$W/pg1" "$W/pg2"; do [ -f "$d/postmaster.pid" ] && fail "PostgreSQL of $d still running"; done
left=$(pgrep -f "$W" || true)
[ -z "$left" ] || fail "processes still running: $(ps -o pid=,args= -p "${left//$'\n'/,}")"
ok "stopped: no port open, no process left"
phase stop
say "scaleout-check passed in $((SECONDS - T0)) s: ${TIMES[*]}"
