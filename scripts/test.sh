#!/usr/bin/env bash
# The README's test command: builds everything, starts the local services (moto_server, PostgreSQL with
# pgvector, Redis; installed first when missing), runs every test (unit tests, then the verification suite
# against the emulator), stops the services, then runs the classes that prove the container-backed run on
# containers (see below), and returns the tests' result.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# The container-backed run: the same tests on containers (Testcontainers: moto, or LocalStack with
# LOCALSTACK_AUTH_TOKEN; PostgreSQL with pgvector; Redis 7 with TLS), on Podman where there is no Docker
# (scripts/container-engine.sh), with images built here from Debian's packages where no registry is reachable
# (scripts/container-images.sh; GLASSBOX_IMAGES=local|published chooses, by default by whether Docker Hub answers).
# GLASSBOX_SERVICES=containers runs the whole suite that way; otherwise the local run comes first and then
# CONTAINER_CLASSES on containers, which prove it end to end: the services themselves, a full deploy of both
# environments with a clean plan after it, the data plane over TLS against the containers' PostgreSQL and Redis,
# and destroy. GLASSBOX_CONTAINERS=skip leaves that second part out (for a quick local run).
CONTAINER_CLASSES="ContainerServicesIT,IdempotencyIT,DataPlaneIT,DataPlaneTaskIT,DestroyIT"
ENGINE_STARTED=""
containers_ready() {
  if [ -z "${DOCKER_HOST:-}" ] && ! { command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; }; then
    bash scripts/container-engine.sh start || return 1
    ENGINE_STARTED=1
    set -a
    # shellcheck disable=SC1091
    . "${GLASSBOX_ENGINE_DIR:-$ROOT/.container-engine}/engine.env"
    set +a
  fi
  if [ -z "${GLASSBOX_IMAGES:-}" ]; then
    # Docker Hub answers 401 to an anonymous /v2/ when it is reachable.
    if curl -s -m 5 -o /dev/null https://registry-1.docker.io/v2/; then GLASSBOX_IMAGES=published; else GLASSBOX_IMAGES=local; fi
  fi
  export GLASSBOX_IMAGES
  echo "test: containers on ${DOCKER_HOST:-the Docker daemon}, images: $GLASSBOX_IMAGES"
  if [ "$GLASSBOX_IMAGES" = local ]; then
    bash scripts/container-images.sh || return 1
  fi
}
stop_engine() {
  [ -n "$ENGINE_STARTED" ] && bash scripts/container-engine.sh stop >/dev/null 2>&1 || true
}

if [ "${GLASSBOX_SERVICES:-local}" = containers ]; then
  trap stop_engine EXIT
  containers_ready || exit 1
  bash scripts/cdk-synth.sh || exit 1
  echo "test: the whole suite on containers (GLASSBOX_SERVICES=containers)"
  mvn -B -ntp package -Dglassbox.services=containers
  exit $?
fi
export GLASSBOX_SERVICES=local
bash scripts/prerequisites.sh local || exit 1

# A private services directory per run, so a developer's own running services are never disturbed.
GLASSBOX_SERVICES_DIR="$(mktemp -d -t glassbox-services.XXXXXX)"
export GLASSBOX_SERVICES_DIR
# The tests' own temporary directory (TMPDIR for what they start, java.io.tmpdir for the test JVMs): the tests clean
# up after themselves, so anything left in it when they end fails the run.
TEST_TMP="$(mktemp -d -t glassbox-tmp.XXXXXX)"
cleanup() {
  bash scripts/local-services.sh stop >/dev/null 2>&1 || true
  rm -rf "$GLASSBOX_SERVICES_DIR" "$TEST_TMP"
  stop_engine
}
left_behind() {
  local left
  left="$(find "$TEST_TMP" -mindepth 1 -maxdepth 1 -printf '%f\n' 2>/dev/null)"
  if [ -n "$left" ]; then
    echo "test: the tests left these in the temporary directory:" >&2
    echo "$left" | sed 's/^/  /' >&2
    return 1
  fi
}
trap cleanup EXIT

# The CDK app that deployed GlassBox before us, synthesized for the migrate tests (verification/cdk-app).
bash scripts/cdk-synth.sh || exit 1
bash scripts/local-services.sh start || exit 1
# Every setting (MOTO_ENDPOINT, PG_PORT, REDIS_PORT, TLS_CA_FILE, ...) goes to the tests' environment.
set -a
# shellcheck disable=SC1091
. "$GLASSBOX_SERVICES_DIR/services.env"
set +a

# `package` runs the unit tests, builds provisioner/target/provisioner.jar, then runs the verification suite
# (which also drives that jar as a process).
TMPDIR="$TEST_TMP" mvn -B -ntp package -DargLine="-Djava.io.tmpdir=$TEST_TMP"
status=$?
left_behind || status=1

if [ "${GLASSBOX_CONTAINERS:-run}" != skip ]; then
  echo "test: $CONTAINER_CLASSES on containers"
  if containers_ready; then
    # -am rebuilds the provisioner jar the verification tests drive; the filter leaves its unit tests, run above.
    mvn -B -ntp package -pl verification -am -Dglassbox.services=containers -Dtest="$CONTAINER_CLASSES" \
      -Dsurefire.failIfNoSpecifiedTests=false -DargLine="-Djava.io.tmpdir=$TEST_TMP" || status=1
    left_behind || status=1
  else
    echo "test: the container engine or its images could not be had (see above)" >&2
    status=1
  fi
fi
exit $status
