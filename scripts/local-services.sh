#!/usr/bin/env bash
# Starts and stops the local services the tests and the demo need, each on a free loopback port, in a
# private directory, stopped by pid. No Docker: these are plain processes.
#   scripts/local-services.sh start   -> writes $STATE_DIR/services.env (MOTO_ENDPOINT=..., MOTO_PID=...)
#   scripts/local-services.sh stop
#   scripts/local-services.sh status
# STATE_DIR defaults to .local-services/ at the repository root (GLASSBOX_SERVICES_DIR overrides it).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE_DIR="${GLASSBOX_SERVICES_DIR:-$ROOT/.local-services}"
ENV_FILE="$STATE_DIR/services.env"
STARTUP_SECONDS=60

die() { echo "local-services: $*" >&2; exit 1; }

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

find_moto() {
  if command -v moto_server >/dev/null 2>&1; then command -v moto_server; return; fi
  for candidate in "$HOME/.pyenv/shims/moto_server" /usr/local/bin/moto_server "$HOME/.local/bin/moto_server"; do
    [ -x "$candidate" ] && { echo "$candidate"; return; }
  done
  return 1
}

wait_for_http() { # url seconds
  local deadline=$((SECONDS + $2))
  until curl -fsS -o /dev/null "$1" 2>/dev/null; do
    [ $SECONDS -lt $deadline ] || return 1
    sleep 0.2
  done
}

start_moto() {
  local moto port
  moto="$(find_moto)" || die "moto_server is not installed. Install it with: pip install 'moto[server]' (moto 5.x)"
  port="$(free_port)"
  # Managed IAM policies are loaded so that roles can attach AWS-managed policies like on real AWS.
  MOTO_IAM_LOAD_MANAGED_POLICIES=true nohup "$moto" -H 127.0.0.1 -p "$port" \
    >"$STATE_DIR/moto.log" 2>&1 &
  local pid=$!
  if ! wait_for_http "http://127.0.0.1:$port/moto-api/" "$STARTUP_SECONDS"; then
    kill "$pid" 2>/dev/null || true
    die "moto_server did not answer on port $port within ${STARTUP_SECONDS}s; see $STATE_DIR/moto.log"
  fi
  echo "MOTO_ENDPOINT=http://127.0.0.1:$port" >>"$ENV_FILE"
  echo "MOTO_PID=$pid" >>"$ENV_FILE"
  echo "local-services: moto_server on http://127.0.0.1:$port (pid $pid)"
}

stop_all() {
  [ -f "$ENV_FILE" ] || { echo "local-services: nothing running"; return 0; }
  # shellcheck disable=SC1090
  . "$ENV_FILE"
  for pid in ${MOTO_PID:-}; do
    if kill "$pid" 2>/dev/null; then
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
    fi
  done
  rm -f "$ENV_FILE"
  echo "local-services: stopped"
}

case "${1:-}" in
  start)
    mkdir -p "$STATE_DIR"
    [ -f "$ENV_FILE" ] && stop_all >/dev/null
    : >"$ENV_FILE"
    start_moto
    ;;
  stop) stop_all ;;
  status)
    [ -f "$ENV_FILE" ] && cat "$ENV_FILE" || echo "local-services: nothing running"
    ;;
  *) die "usage: $0 start|stop|status" ;;
esac
