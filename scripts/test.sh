#!/usr/bin/env bash
# The README's test command: builds everything, starts the local services (moto_server, PostgreSQL with
# pgvector, Redis; installed first when missing; or containers, see below), runs every
# test (unit tests, then the verification suite against the emulator), stops the services, and returns the
# tests' result.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# GLASSBOX_SERVICES=containers runs the same suite on Docker containers (Testcontainers: moto, or LocalStack
# with LOCALSTACK_AUTH_TOKEN; pgvector; Redis). Without Docker that run is skipped, saying why, and the local
# run goes on.
if [ "${GLASSBOX_SERVICES:-local}" = containers ]; then
  if bash scripts/prerequisites.sh containers; then
    echo "test: services from Docker containers (GLASSBOX_SERVICES=containers)"
    exec mvn -B -ntp package -Dglassbox.services=containers
  fi
  echo "test: container-backed run skipped (see above); running on the local services instead" >&2
fi
export GLASSBOX_SERVICES=local
bash scripts/prerequisites.sh local || exit 1

# A private services directory per run, so a developer's own running services are never disturbed.
GLASSBOX_SERVICES_DIR="$(mktemp -d -t glassbox-services.XXXXXX)"
export GLASSBOX_SERVICES_DIR
cleanup() {
  bash scripts/local-services.sh stop >/dev/null 2>&1 || true
  rm -rf "$GLASSBOX_SERVICES_DIR"
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
mvn -B -ntp package
status=$?
exit $status
