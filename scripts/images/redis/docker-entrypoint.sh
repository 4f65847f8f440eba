#!/bin/sh
# As the official redis image's entrypoint: a server started with its options on the command line runs with
# protected mode off, since the container's port is the only way in (protected mode would refuse every client
# that is not on the container's own loopback).
set -e
if [ "${1:-}" = redis-server ]; then
  shift
  exec redis-server "$@" --protected-mode no
fi
exec "$@"
