#!/usr/bin/env bash
# The README's main-job command, run locally: builds the jar, starts the local services (moto_server as AWS,
# PostgreSQL with pgvector, Redis with TLS), deploys the staging environment into the emulator, runs the data
# plane (database extensions, Redis readiness) against the local servers through the tunnel options, prints
# the outputs, then runs plan to show that nothing is left to change. Everything stops when the demo ends.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/prerequisites.sh local

echo "==> Building provisioner/target/provisioner.jar"
mvn -B -ntp -q -DskipTests package

GLASSBOX_SERVICES_DIR="$(mktemp -d -t glassbox-demo.XXXXXX)"
export GLASSBOX_SERVICES_DIR
trap 'bash scripts/local-services.sh stop >/dev/null 2>&1 || true; rm -rf "$GLASSBOX_SERVICES_DIR"' EXIT
bash scripts/local-services.sh start
set -a
# shellcheck disable=SC1091
. "$GLASSBOX_SERVICES_DIR/services.env"
set +a

# The emulator accepts any credentials; these never leave this machine.
export AWS_ACCESS_KEY_ID=demo AWS_SECRET_ACCESS_KEY=demo AWS_REGION=us-east-1
export AWS_ENDPOINT_URL="$MOTO_ENDPOINT"
provisioner() { java -jar provisioner/target/provisioner.jar "$@"; }

echo
echo "==> provisioner --env staging --skip-data-plane   (deploy is the default command; AWS resources first)"
provisioner --env staging --skip-data-plane
echo
echo "==> moto cannot run PostgreSQL: create the RDS master user in the local PostgreSQL from the secret"
bash scripts/local-services.sh rds-master-user staging
echo
echo "==> provisioner --env staging --database-tunnel ... --cache-tunnel ...   (the data plane, through 'tunnels')"
provisioner --env staging --database-tunnel "127.0.0.1:$PG_PORT" --cache-tunnel "127.0.0.1:$REDIS_PORT" \
  --cache-ca-file "$TLS_CA_FILE"
echo
echo "==> extensions in the local PostgreSQL:"
PGPASSWORD="$PG_ADMIN_PASSWORD" "$PG_BIN/psql" -X -A -t -h 127.0.0.1 -p "$PG_PORT" -U "$PG_ADMIN_USER" -d glassbox \
  -c "SELECT extname || ' ' || extversion FROM pg_extension WHERE extname IN ('uuid-ossp','pgcrypto','vector') ORDER BY 1"
echo
echo "==> provisioner outputs --env staging"
provisioner outputs --env staging
echo
echo "==> provisioner plan --env staging --detailed-exitcode   (expect: no changes, exit 0)"
provisioner plan --env staging --detailed-exitcode
echo "plan exit code: $?"
