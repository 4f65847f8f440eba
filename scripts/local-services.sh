#!/usr/bin/env bash
# Starts and stops the local services the tests and the demo need, each on a free loopback port, in a
# private directory, stopped by pid. No Docker: these are plain processes, installed from Debian's packages
# when missing.
#   scripts/local-services.sh start     -> writes $STATE_DIR/services.env:
#        MOTO_ENDPOINT, MOTO_PID                      moto_server, the AWS emulator
#        PG_PORT, PG_ADMIN_USER, PG_ADMIN_PASSWORD     PostgreSQL with pgvector (TLS on, scram passwords)
#        REDIS_PORT, REDIS_PID                         Redis 7 with TLS only (like in-transit encryption)
#        TLS_CA_FILE                                   the local CA that signed both servers' certificates
#   scripts/local-services.sh rds-master-user ENV
#        plays RDS's part that moto cannot: creates the database's master user in the local PostgreSQL with
#        the password the provisioner stored in glassbox/ENV/database (moto's Secrets Manager)
#   scripts/local-services.sh certificates
#        only the CA and server certificate (TLS_CA_FILE; server.pem/server.key beside it), for containers
#   scripts/local-services.sh moto-python
#        prints the Python interpreter moto is installed for (the moto image copies its packages)
#   scripts/local-services.sh stop | status
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

# The Python interpreter moto is installed for: python3 itself, or the one named by moto_server's first line.
moto_python() {
  local candidate
  for candidate in python3 "$(head -n 1 "$(find_moto)" 2>/dev/null | sed -n 's/^#! *//p' | awk '{print $1}')"; do
    [ -n "$candidate" ] && "$candidate" -c 'import moto.server, moto.cloudformation.parsing' 2>/dev/null \
      && { echo "$candidate"; return 0; }
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
  # ACM: a requested certificate turns ISSUED 4 s after creation, as if its DNS record had been added
  # (real ACM waits for the CNAME; moto otherwise keeps it PENDING_VALIDATION for 60 s).
  # (4 s, not less: the DNS record appears 1 s after the request, scripts/emulator/aws_delays.py, and a deploy
  # shows it while the certificate is still pending.)
  # ECS: moto runs no containers; scripts/emulator/moto_server.py rolls services out as ECS does given their images
  # (a deployment whose ECR image exists completes, one whose image is missing fails) and stops one-off tasks.
  # scripts/emulator/moto_server.py is moto_server with the gaps of KnownEmulatorGaps filled the way AWS behaves, run
  # by the Python that has moto; the tests rely on those fills, so plain moto_server is no substitute.
  local python
  python="$(moto_python)" || die "cannot find the Python that moto_server ($moto) runs on"
  local command=("$python" "$ROOT/scripts/emulator/moto_server.py")
  MOTO_IAM_LOAD_MANAGED_POLICIES=true MOTO_ACM_VALIDATION_WAIT=4 nohup "${command[@]}" \
    -H 127.0.0.1 -p "$port" >"$STATE_DIR/moto.log" 2>&1 &
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
  if [ -n "${PG_DATA:-}" ] && [ -f "$PG_DATA/postmaster.pid" ]; then
    kill -INT "$(head -n 1 "$PG_DATA/postmaster.pid")" 2>/dev/null || true  # fast shutdown
  fi
  for pid in ${MOTO_PID:-} ${REDIS_PID:-}; do
    if kill "$pid" 2>/dev/null; then
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
    fi
  done
  rm -f "$ENV_FILE"
  echo "local-services: stopped"
}

APT_UPDATED=""
apt_install() { # packages...
  command -v apt-get >/dev/null 2>&1 || die "cannot install $* here: no apt-get. Install them by hand."
  [ "$(id -u)" -eq 0 ] || die "installing $* needs root (apt-get); run as root or install them by hand"
  if [ -z "$APT_UPDATED" ]; then apt-get update -qq >/dev/null; APT_UPDATED=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

postgres_bin() {
  local dir
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  [ -n "$dir" ] && [ -x "$dir/initdb" ] && echo "$dir"
}

ensure_postgres() {
  if [ -z "$(postgres_bin)" ]; then
    echo "local-services: installing PostgreSQL (Debian package postgresql)"
    apt_install postgresql
  fi
  PG_BIN="$(postgres_bin)" || die "PostgreSQL is not installed (apt-get install postgresql)"
  PG_MAJOR="$(basename "$(dirname "$PG_BIN")")"
  [ -f "/usr/share/postgresql/$PG_MAJOR/extension/vector.control" ] || install_pgvector
}

# Debian 13 packages pgvector; Debian 12 does not, so there it is built from Debian's own source package
# (from trixie) against the server's headers: about 20 s.
install_pgvector() {
  echo "local-services: installing pgvector for PostgreSQL $PG_MAJOR"
  if apt_install "postgresql-$PG_MAJOR-pgvector" 2>/dev/null; then return; fi
  apt_install "postgresql-server-dev-$PG_MAJOR" dpkg-dev make gcc
  local list=/etc/apt/sources.list.d/glassbox-pgvector-src.list
  [ -f "$list" ] || { echo "deb-src http://deb.debian.org/debian trixie main" >"$list"; apt-get update -qq >/dev/null; }
  local build; build="$(mktemp -d)"
  (cd "$build" && apt-get source -qq pgvector >/dev/null 2>&1) || die "cannot fetch pgvector's source package"
  (cd "$build"/pgvector-*/ && make -s PG_CONFIG="$PG_BIN/pg_config" OPTFLAGS="" >/dev/null \
    && make -s PG_CONFIG="$PG_BIN/pg_config" install >/dev/null) || die "building pgvector failed"
  rm -rf "$build"
}

ensure_redis() {
  command -v redis-server >/dev/null 2>&1 || { echo "local-services: installing Redis (Debian package redis-server)"; apt_install redis-server; }
  command -v redis-cli >/dev/null 2>&1 || apt_install redis-tools
  command -v openssl >/dev/null 2>&1 || apt_install openssl
}

# A throwaway CA and one server certificate for 127.0.0.1/localhost, used by PostgreSQL and Redis.
make_certificates() {
  local tls="$STATE_DIR/tls"
  mkdir -p "$tls"
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=glassbox local CA" \
    -keyout "$tls/ca.key" -out "$tls/ca.pem" >/dev/null 2>&1
  openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" -keyout "$tls/server.key" -out "$tls/server.csr" >/dev/null 2>&1
  printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\n' >"$tls/ext.cnf"
  openssl x509 -req -in "$tls/server.csr" -CA "$tls/ca.pem" -CAkey "$tls/ca.key" -CAcreateserial -days 2 \
    -extfile "$tls/ext.cnf" -out "$tls/server.pem" >/dev/null 2>&1
  echo "TLS_CA_FILE=$tls/ca.pem" >>"$ENV_FILE"
}

start_postgres() {
  ensure_postgres
  local pg="$STATE_DIR/pg" port password
  rm -rf "$pg"  # a throwaway cluster: a fresh one per start (stop leaves the old data directory behind)
  mkdir -p "$pg/socket"
  cp "$STATE_DIR/tls/server.pem" "$STATE_DIR/tls/server.key" "$pg/"
  port="$(free_port)"
  password="$(python3 -c 'import secrets; print(secrets.token_urlsafe(24))')"
  printf '%s\n' "$password" >"$pg/pwfile"
  chmod 711 "$STATE_DIR"
  chmod 600 "$pg/server.key"
  local run=()
  if [ "$(id -u)" -eq 0 ]; then  # initdb refuses to run as root
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql postgres
    chown -R postgres "$pg"
    run=(runuser -u postgres --)
  fi
  "${run[@]}" "$PG_BIN/initdb" -D "$pg/data" -U postgres --pwfile="$pg/pwfile" \
    --auth-local=scram-sha-256 --auth-host=scram-sha-256 >"$pg/initdb.log" 2>&1 \
    || die "initdb failed; see $pg/initdb.log"
  rm -f "$pg/pwfile"
  "${run[@]}" "$PG_BIN/pg_ctl" -D "$pg/data" -l "$pg/postgres.log" -w -t "$STARTUP_SECONDS" start \
    -o "-p $port -k $pg/socket -c listen_addresses=127.0.0.1 -c ssl=on -c ssl_cert_file=$pg/server.pem -c ssl_key_file=$pg/server.key" \
    >/dev/null || die "PostgreSQL did not start; see $pg/postgres.log"
  {
    echo "PG_PORT=$port"
    echo "PG_ADMIN_USER=postgres"
    echo "PG_ADMIN_PASSWORD=$password"
    echo "PG_DATA=$pg/data"
    echo "PG_BIN=$PG_BIN"
  } >>"$ENV_FILE"
  echo "local-services: PostgreSQL $PG_MAJOR with pgvector on 127.0.0.1:$port (TLS)"
}

start_redis() {
  ensure_redis
  local dir="$STATE_DIR/redis" port
  mkdir -p "$dir"
  port="$(free_port)"
  # TLS only, as with ElastiCache in-transit encryption; clients need no certificate of their own.
  redis-server --bind 127.0.0.1 --port 0 --tls-port "$port" --dir "$dir" --save "" --appendonly no \
    --tls-cert-file "$STATE_DIR/tls/server.pem" --tls-key-file "$STATE_DIR/tls/server.key" \
    --tls-ca-cert-file "$STATE_DIR/tls/ca.pem" --tls-auth-clients no >"$dir/redis.log" 2>&1 &
  local pid=$!
  local deadline=$((SECONDS + STARTUP_SECONDS))
  until redis-cli --tls --cacert "$STATE_DIR/tls/ca.pem" -h 127.0.0.1 -p "$port" ping >/dev/null 2>&1; do
    [ $SECONDS -lt $deadline ] || { kill "$pid" 2>/dev/null; die "Redis did not start; see $dir/redis.log"; }
    sleep 0.2
  done
  echo "REDIS_PORT=$port" >>"$ENV_FILE"
  echo "REDIS_PID=$pid" >>"$ENV_FILE"
  echo "local-services: Redis $(redis-server --version | sed 's/.*v=\([^ ]*\).*/\1/') on 127.0.0.1:$port (TLS)"
}

# moto cannot run PostgreSQL, so this plays RDS's part: the master user, with the password the provisioner
# generated and stored in the database secret, owning the database (superuser stands in for rds_superuser,
# which may create untrusted extensions such as vector).
rds_master_user() {
  local env="${1:?usage: $0 rds-master-user ENV}"
  [ -f "$ENV_FILE" ] || die "no local services are running"
  # shellcheck disable=SC1090
  . "$ENV_FILE"
  local credentials
  credentials="$(MOTO_ENDPOINT="$MOTO_ENDPOINT" ENV_NAME="$env" python3 - <<'PY'
import json, os, boto3
client = boto3.client("secretsmanager", endpoint_url=os.environ["MOTO_ENDPOINT"], region_name="us-east-1",
                      aws_access_key_id="local", aws_secret_access_key="local")
secret = json.loads(client.get_secret_value(SecretId="glassbox/%s/database" % os.environ["ENV_NAME"])["SecretString"])
print(secret["username"]); print(secret["password"]); print(secret["dbname"])
PY
)" || die "cannot read glassbox/$env/database from the emulator (deploy the Database stack first)"
  local user password dbname
  user="$(sed -n 1p <<<"$credentials")"; password="$(sed -n 2p <<<"$credentials")"; dbname="$(sed -n 3p <<<"$credentials")"
  local psql=(env PGPASSWORD="$PG_ADMIN_PASSWORD" "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U "$PG_ADMIN_USER" -d postgres)
  "${psql[@]}" -v user="$user" -v password="$password" <<'SQL' >/dev/null
SELECT format('CREATE ROLE %I LOGIN SUPERUSER PASSWORD %L', :'user', :'password')
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'user') \gexec
SELECT format('ALTER ROLE %I PASSWORD %L', :'user', :'password') \gexec
SQL
  "${psql[@]}" -v user="$user" -v db="$dbname" <<'SQL' >/dev/null
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'user')
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'db') \gexec
SQL
  echo "local-services: master user '$user' and database '$dbname' ready in the local PostgreSQL"
}

case "${1:-}" in
  start)
    mkdir -p "$STATE_DIR"
    [ -f "$ENV_FILE" ] && stop_all >/dev/null
    : >"$ENV_FILE"
    start_moto
    make_certificates
    start_postgres
    start_redis
    ;;
  rds-master-user) rds_master_user "${2:-}" ;;
  certificates)
    # Only the throwaway CA and server certificate (for the Testcontainers run, which mounts them).
    mkdir -p "$STATE_DIR"
    command -v openssl >/dev/null 2>&1 || die "openssl is missing (Debian: apt-get install openssl)"
    : >"$ENV_FILE"
    make_certificates
    ;;
  moto-python) moto_python || die "no Python with moto found (pip install 'moto[server]')" ;;
  stop) stop_all ;;
  status)
    [ -f "$ENV_FILE" ] && cat "$ENV_FILE" || echo "local-services: nothing running"
    ;;
  *) die "usage: $0 start|stop|status|rds-master-user ENV|certificates|moto-python" ;;
esac
