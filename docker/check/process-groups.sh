# Sourced by the checks: stop the process groups whose leaders' pids are in DIR/*.pid.
# TERM first; JVMs take a few seconds, so whatever is still alive after 15 s gets KILL.
stop_process_groups() {
  local dir=$1 f deadline alive
  for f in "$dir"/*.pid; do
    [ -f "$f" ] || continue
    kill -- "-$(cat "$f")" 2>/dev/null || kill "$(cat "$f")" 2>/dev/null || true
  done
  deadline=$((SECONDS + 15))
  while :; do
    alive=""
    for f in "$dir"/*.pid; do [ -f "$f" ] && kill -0 -- "-$(cat "$f")" 2>/dev/null && alive=1; done
    [ -z "$alive" ] || [ $SECONDS -ge $deadline ] && break
    sleep 0.5
  done
  for f in "$dir"/*.pid; do [ -f "$f" ] && { kill -9 -- "-$(cat "$f")" 2>/dev/null || true; rm -f "$f"; }; done
  return 0
}
