#!/bin/sh
# What the official postgres image's entrypoint does that the tests rely on: on an empty PGDATA, initdb with
# POSTGRES_USER as superuser and POSTGRES_PASSWORD (scram), password logins from anywhere, POSTGRES_DB created
# by a temporary server (its "ready to accept connections" is the first of the two that PostgreSQLContainer
# waits for); then the server itself, as the postgres user, with the arguments given.
set -eu
if [ "${1:-}" = postgres ]; then
  shift
  user="${POSTGRES_USER:-postgres}"
  if [ ! -s "$PGDATA/PG_VERSION" ]; then
    install -d -o postgres -g postgres -m 0700 "$PGDATA"
    pwfile="$(mktemp)"
    printf '%s\n' "${POSTGRES_PASSWORD:?POSTGRES_PASSWORD is required}" >"$pwfile"
    chown postgres "$pwfile"
    setpriv --reuid=postgres --regid=postgres --init-groups initdb -D "$PGDATA" -U "$user" --pwfile="$pwfile" \
      --auth-local=trust --auth-host=scram-sha-256 >/dev/null
    rm -f "$pwfile"
    echo "host all all all scram-sha-256" >>"$PGDATA/pg_hba.conf"
    setpriv --reuid=postgres --regid=postgres --init-groups pg_ctl -D "$PGDATA" -w -o "-c listen_addresses=''" start
    db="${POSTGRES_DB:-$user}"
    if [ "$db" != postgres ]; then
      setpriv --reuid=postgres --regid=postgres --init-groups psql -v ON_ERROR_STOP=1 -U "$user" -d postgres \
        -c "CREATE DATABASE \"$db\""
    fi
    setpriv --reuid=postgres --regid=postgres --init-groups pg_ctl -D "$PGDATA" -m fast -w stop
  fi
  exec setpriv --reuid=postgres --regid=postgres --init-groups postgres -c listen_addresses='*' "$@"
fi
exec "$@"
