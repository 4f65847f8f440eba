#!/usr/bin/env bash
# Checks what the build, the tests and the demo need on this machine, and says how to get what is missing.
#   scripts/prerequisites.sh [local|containers]
# local (the default): Java 17+, Maven, Python 3, curl, moto_server; PostgreSQL and Redis are installed from
# Debian's packages by local-services.sh when missing, which needs root (else they are named here).
# containers: Java 17+, Maven and a Docker daemon (Testcontainers starts moto, pgvector and Redis); where there is
# none, scripts/container-engine.sh starts Podman's Docker API instead (scripts/test.sh does it by itself).
# Prints one line per missing prerequisite, with how to get it, and exits non-zero if any is missing.
mode="${1:-local}"
missing=0
tell() { echo "missing prerequisite: $1 — $2" >&2; missing=1; }
need() { # command, how to get it
  command -v "$1" >/dev/null 2>&1 || tell "$1" "$2"
}
need java "install a JDK 17 or newer (Debian: apt-get install openjdk-17-jdk-headless; elsewhere: https://adoptium.net)"
need mvn "install Apache Maven 3.8+ (Debian: apt-get install maven; elsewhere: https://maven.apache.org/download.cgi)"
if command -v java >/dev/null 2>&1; then
  java_major=$(java -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
  if [ -n "$java_major" ] && [ "${java_major%%.*}" -lt 17 ]; then
    tell "Java 17 or newer" "found Java $java_major; install a JDK 17+ and put it first on PATH (or set JAVA_HOME)"
  fi
fi

case "$mode" in
  local)
    need python3 "install Python 3 (Debian: apt-get install python3); the scripts use it to find free ports"
    need curl "install curl (Debian: apt-get install curl)"
    moto_found=""
    for candidate in "$(command -v moto_server 2>/dev/null)" "$HOME/.pyenv/shims/moto_server" \
        /usr/local/bin/moto_server "$HOME/.local/bin/moto_server"; do
      [ -n "$candidate" ] && [ -x "$candidate" ] && moto_found=1
    done
    [ -n "$moto_found" ] || tell moto_server "the AWS emulator: pip install 'moto[server]' (moto 5.x)"
    if [ "$EUID" -ne 0 ]; then  # as root, local-services.sh installs these itself
      compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null \
        || tell PostgreSQL "apt-get install postgresql (and postgresql-NN-pgvector), or run the tests as root so they install it"
      need redis-server "apt-get install redis-server (Redis 7 with TLS), or run the tests as root so they install it"
    fi
    ;;
  containers)
    if ! command -v docker >/dev/null 2>&1 && [ -z "${DOCKER_HOST:-}" ] && [ ! -S /var/run/docker.sock ]; then
      tell Docker "the container run needs a container engine: scripts/container-engine.sh start (Podman, as root) and set DOCKER_HOST as it says, or install Docker Engine (https://docs.docker.com/engine/install/)"
    elif command -v docker >/dev/null 2>&1 && ! docker info >/dev/null 2>&1; then
      tell "a running Docker daemon" "\`docker info\` failed: start Docker (systemctl start docker) or check DOCKER_HOST and your permissions"
    fi
    ;;
  *) echo "usage: $0 [local|containers]" >&2; exit 2 ;;
esac
[ "$missing" -eq 0 ] || exit 1
