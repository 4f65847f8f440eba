#!/usr/bin/env bash
# The README's main-job command, run locally: builds the jar, starts a local AWS emulator (moto_server),
# deploys the staging environment into it, prints the outputs, then runs plan to show that nothing is left
# to change. Everything stops when the demo ends.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/prerequisites.sh

echo "==> Building provisioner/target/provisioner.jar"
mvn -B -ntp -q -DskipTests package

GLASSBOX_SERVICES_DIR="$(mktemp -d -t glassbox-demo.XXXXXX)"
export GLASSBOX_SERVICES_DIR
trap 'bash scripts/local-services.sh stop >/dev/null 2>&1 || true; rm -rf "$GLASSBOX_SERVICES_DIR"' EXIT
bash scripts/local-services.sh start
# shellcheck disable=SC1091
. "$GLASSBOX_SERVICES_DIR/services.env"

# The emulator accepts any credentials; these never leave this machine.
export AWS_ACCESS_KEY_ID=demo AWS_SECRET_ACCESS_KEY=demo AWS_REGION=us-east-1
export AWS_ENDPOINT_URL="$MOTO_ENDPOINT"
provisioner() { java -jar provisioner/target/provisioner.jar "$@"; }

echo
echo "==> provisioner --env staging   (deploy is the default command)"
provisioner --env staging
echo
echo "==> provisioner outputs --env staging"
provisioner outputs --env staging
echo
echo "==> provisioner plan --env staging --detailed-exitcode   (expect: no changes, exit 0)"
provisioner plan --env staging --detailed-exitcode
echo "plan exit code: $?"
