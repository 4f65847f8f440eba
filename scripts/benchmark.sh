#!/usr/bin/env bash
# Issue 6's benchmark: deploys staging and production into a private moto_server under a latency model
# (NAT gateway 2 min, ALB 2 min, RDS 3.5 / 17.5 min, ElastiCache 9 / 13.5 min, ECS service 1.25 min; by default
# one minute of AWS is one second here) and prints, per environment, the deploy's wall time against the
# critical-path lower bound, stack-by-stack and sequential times, then calls and wall time of plan and a no-op
# deploy (in process and as the jar) with the JVM's share. Prints figures; asserts nothing.
#
#   bash scripts/benchmark.sh [--seconds-per-minute S] [--env staging|production]...
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/prerequisites.sh >/dev/null || exit 1

GLASSBOX_SERVICES_DIR="$(mktemp -d -t glassbox-bench.XXXXXX)"
export GLASSBOX_SERVICES_DIR
cleanup() {
  bash scripts/local-services.sh stop >/dev/null 2>&1 || true
  rm -rf "$GLASSBOX_SERVICES_DIR"
}
trap cleanup EXIT

echo "benchmark: building (tests skipped) ..."
# The jar, the test classes and the test classpath (written by maven-dependency-plugin).
mvn -B -ntp -q -DskipTests package \
  org.apache.maven.plugins:maven-dependency-plugin:3.9.0:build-classpath \
  -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
bash scripts/local-services.sh start >/dev/null
set -a
# shellcheck disable=SC1091
. "$GLASSBOX_SERVICES_DIR/services.env"
set +a

cd verification
java -Dprovisioner.jar="$ROOT/provisioner/target/provisioner.jar" \
  -cp "target/test-classes:$ROOT/provisioner/target/classes:$(cat target/test.classpath)" \
  io.glassbox.verification.benchmark.DeployBenchmark "$@"
