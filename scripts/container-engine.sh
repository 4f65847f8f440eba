#!/usr/bin/env bash
# A Docker-compatible container engine for the container-backed run (GLASSBOX_SERVICES=containers) on a machine
# without Docker: Podman from Debian's packages, run as root, its Docker API served on a private socket.
#   scripts/container-engine.sh start   -> installs podman and runc when missing (apt-get, as root), starts
#        `podman system service` on $STATE_DIR/podman.sock, and writes $STATE_DIR/engine.env:
#        DOCKER_HOST                      the socket, for Testcontainers (and `docker -H`)
#        TESTCONTAINERS_RYUK_DISABLED     true: Ryuk's image comes from Docker Hub, which is not reachable here;
#                                         `stop` removes the containers instead
#        TESTCONTAINERS_HOST_OVERRIDE     localhost: the published ports are on this host's loopback, where the test
#                                         certificates are valid (Testcontainers would name the bridge's gateway)
#        CONTAINERS_CONF                  the engine settings below, for `podman` run by hand against the same store
#        PODMAN_PID
#   scripts/container-engine.sh stop    -> removes the containers Testcontainers started, stops the service by pid
#   scripts/container-engine.sh env     -> prints engine.env (after start)
# STATE_DIR defaults to .container-engine/ at the repository root (GLASSBOX_ENGINE_DIR overrides it).
#
# Why these settings (each found by running it here, see the README's "Containers" section):
# - runc, not crun: these machines mount cgroup v1 with a cgroup v2 hierarchy beside it that has a controller
#   (hybrid mode); crun 1.8 refuses that ("cgroups in hybrid mode not supported"), runc runs.
# - default ulimits no higher than this process's hard limits: without CAP_SYS_RESOURCE the runtime cannot raise
#   RLIMIT_NOFILE/RLIMIT_NPROC to Podman's defaults (1048576), and every container fails to start.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE_DIR="${GLASSBOX_ENGINE_DIR:-$ROOT/.container-engine}"
ENV_FILE="$STATE_DIR/engine.env"
STARTUP_SECONDS=60

die() { echo "container-engine: $*" >&2; exit 1; }

install_engine() {
  command -v podman >/dev/null 2>&1 && command -v runc >/dev/null 2>&1 && return 0
  [ "$EUID" -eq 0 ] || die "podman and runc are missing: apt-get install podman runc (as root)"
  echo "container-engine: installing podman and runc from Debian's packages"
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends podman runc uidmap >/dev/null \
    || { apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
         podman runc uidmap >/dev/null; } || die "apt-get install podman runc failed"
}

write_conf() {
  local nofile nproc
  nofile="$(ulimit -Hn)"; [ "$nofile" = unlimited ] && nofile=1048576
  nproc="$(ulimit -Hu)"; [ "$nproc" = unlimited ] && nproc=65536
  # nproc counts every process of the user (root), so keep the containers' share well below the hard limit.
  [ "$nproc" -gt 4096 ] && nproc=4096
  cat >"$STATE_DIR/containers.conf" <<EOF
[containers]
default_ulimits = ["nofile=$nofile:$nofile", "nproc=$nproc:$nproc"]
[engine]
runtime = "runc"
EOF
}

start() {
  [ "$EUID" -eq 0 ] || die "the container run uses rootful Podman: run it as root"
  install_engine
  mkdir -p "$STATE_DIR"
  if [ -f "$ENV_FILE" ] && kill -0 "$(sed -n 's/^PODMAN_PID=//p' "$ENV_FILE")" 2>/dev/null; then
    echo "container-engine: already running ($ENV_FILE)"
    return 0
  fi
  write_conf
  local socket="$STATE_DIR/podman.sock"
  rm -f "$socket"
  CONTAINERS_CONF="$STATE_DIR/containers.conf" nohup podman system service --time=0 "unix://$socket" \
    >"$STATE_DIR/podman.log" 2>&1 &
  local pid=$!
  local deadline=$((SECONDS + STARTUP_SECONDS))
  until curl -fsS --unix-socket "$socket" -o /dev/null http://d/_ping 2>/dev/null; do
    if [ $SECONDS -ge $deadline ] || ! kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      die "podman system service did not answer on $socket within ${STARTUP_SECONDS}s; see $STATE_DIR/podman.log"
    fi
    sleep 0.2
  done
  cat >"$ENV_FILE" <<EOF
DOCKER_HOST=unix://$socket
TESTCONTAINERS_RYUK_DISABLED=true
TESTCONTAINERS_HOST_OVERRIDE=localhost
CONTAINERS_CONF=$STATE_DIR/containers.conf
PODMAN_PID=$pid
EOF
  echo "container-engine: podman $(podman --version | awk '{print $3}') serving the Docker API on $socket (pid $pid)"
}

stop() {
  [ -f "$ENV_FILE" ] || return 0
  local pid
  pid="$(sed -n 's/^PODMAN_PID=//p' "$ENV_FILE")"
  # Without Ryuk nothing else removes what Testcontainers started.
  CONTAINERS_CONF="$STATE_DIR/containers.conf" podman ps -aq --filter label=org.testcontainers=true \
    | xargs -r podman rm -f >/dev/null 2>&1 || true
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
  rm -f "$ENV_FILE" "$STATE_DIR/podman.sock"
  echo "container-engine: stopped"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  env) cat "$ENV_FILE" ;;
  *) echo "usage: $0 start|stop|env" >&2; exit 2 ;;
esac
