#!/usr/bin/env bash
# start|stop a Redis server on 127.0.0.1:$REDIS_PORT (no persistence; CKAN uses it as a cache and queue).
source "$(dirname "$0")/lib.sh"

PIDFILE="$RUN_DIR/redis.pid"
redis_ping() { redis-cli -p "$REDIS_PORT" ping | grep -q PONG; }

start() {
  if pid_alive "$PIDFILE"; then return 0; fi
  command -v redis-server >/dev/null || die "redis: redis-server not found (install redis-server)"
  if port_open "$REDIS_PORT"; then
    redis_ping || die "redis: port $REDIS_PORT is busy with something that is not Redis"
    say "reusing the Redis already on port $REDIS_PORT (not ours: make stop leaves it)"
    return 0
  fi
  say "starting Redis on 127.0.0.1:$REDIS_PORT"
  redis-server --daemonize yes --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no \
    --pidfile "$PIDFILE" --logfile "$LOG_DIR/redis.log" --dir "$RUN_DIR" || die "redis: cannot start"
  WAIT_SECONDS=15 wait_for redis_ping || die "redis: not answering on port $REDIS_PORT"
}

case "${1:-}" in
  start) start ;;
  stop) stop_pidfile redis ;;
  *) die "usage: $0 start|stop" ;;
esac
