#!/usr/bin/env bash
# Builds the images of the container-backed run without a registry (GLASSBOX_IMAGES=local), into the engine's
# store, each only when it is missing or its inputs changed (a label holds their hash), and prints how long each
# took:
#   localhost/glassbox-base:bookworm      Debian 12, debootstrap --variant=minbase, imported (podman import); the
#                                         root filesystem's tarball is cached in ~/.cache/glassbox/
#   localhost/glassbox-postgres:15-pgvector  scripts/images/postgres (Debian's postgresql-15 and pgvector)
#   localhost/glassbox-redis:7             scripts/images/redis (Debian's redis-server 7, TLS built in)
#   localhost/glassbox-moto:5.2.1          scripts/images/moto (Debian's python3 and the machine's own moto[server])
# Needs the engine started (scripts/container-engine.sh start) and Debian's package mirror.
#   scripts/container-images.sh [build]   builds what is missing (the default)
#   scripts/container-images.sh rebuild   builds all four anew
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ENGINE_DIR="${GLASSBOX_ENGINE_DIR:-$ROOT/.container-engine}"
CACHE_DIR="${XDG_CACHE_HOME:-$HOME/.cache}/glassbox"
MIRROR="${GLASSBOX_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
BASE=localhost/glassbox-base:bookworm
LABEL=glassbox.inputs

die() { echo "container-images: $*" >&2; exit 1; }

[ -f "$ENGINE_DIR/engine.env" ] || die "start the engine first: scripts/container-engine.sh start"
export CONTAINERS_CONF="$ENGINE_DIR/containers.conf"
force="${1:-build}"

label_of() { podman image inspect --format "{{ index .Labels \"$LABEL\" }}" "$1" 2>/dev/null || true; }

timed() { # name command...: runs the command, says how long it took, returns its status
  local start=$SECONDS status=0
  "${@:2}" || status=$?
  [ "$status" -eq 0 ] && echo "container-images: $1 built in $((SECONDS - start)) s"
  return "$status"
}

base_image() {
  local inputs="bookworm minbase $MIRROR"
  local hash
  hash="$(printf '%s' "$inputs" | sha256sum | cut -c1-16)"
  if [ "$force" != rebuild ] && [ "$(label_of "$BASE")" = "$hash" ]; then
    echo "container-images: $BASE cached"
    return
  fi
  local start=$SECONDS
  command -v debootstrap >/dev/null 2>&1 || DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
    debootstrap >/dev/null || die "apt-get install debootstrap failed"
  mkdir -p "$CACHE_DIR"
  local tarball="$CACHE_DIR/base-bookworm-$hash.tar"
  if [ ! -s "$tarball" ] || [ "$force" = rebuild ]; then
    local rootfs
    rootfs="$(mktemp -d -t glassbox-rootfs.XXXXXX)"
    debootstrap --variant=minbase bookworm "$rootfs" "$MIRROR" >"$CACHE_DIR/debootstrap.log" 2>&1 \
      || { rm -rf "$rootfs"; die "debootstrap failed; see $CACHE_DIR/debootstrap.log"; }
    rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
    tar -C "$rootfs" -cf "$tarball.part" . && mv "$tarball.part" "$tarball"
    rm -rf "$rootfs"
  fi
  podman import --change "LABEL $LABEL=$hash" --change 'CMD ["/bin/bash"]' "$tarball" "$BASE" >/dev/null 2>&1 \
    || die "podman import of $tarball failed"
  echo "container-images: $BASE built in $((SECONDS - start)) s"
}

# The moto[server] packages of the machine's own Python, with everything they require, for the moto image: one
# path (a package's directory or module) per line.
moto_packages() {
  local python
  python="$(bash "$ROOT/scripts/local-services.sh" moto-python)" || die "no Python with moto found (pip install 'moto[server]')"
  "$python" - <<'PY'
import importlib.metadata as md, os
from packaging.requirements import Requirement
seen, todo = {}, [("moto", {"server"})]
while todo:
    name, extras = todo.pop()
    key = name.lower().replace("_", "-")
    if key in seen and extras <= seen[key]:
        continue
    seen.setdefault(key, set()).update(extras)
    for text in md.distribution(name).requires or []:
        req = Requirement(text)
        if req.marker and not any(req.marker.evaluate({"extra": e}) for e in (extras or {""})):
            continue
        todo.append((req.name, set(req.extras)))
paths = set()
for key in seen:
    dist = md.distribution(key)
    for top in {str(f).split("/")[0] for f in dist.files or []}:
        if top not in ("..", "bin") and not top.endswith(".pth"):
            path = os.path.join(dist.locate_file(""), top)
            if os.path.exists(path):
                paths.add(path)
print("\n".join(sorted(paths)))
PY
}

build_logged() { # log podman-build-arguments...
  podman build --pull=never --network host "${@:2}" >"$1" 2>&1
}

# An image's inputs are its directory's files and, for moto, the packages it copies: hashed where they are, and
# copied into a build context only when the image is built.
build_image() { # name dir
  local name="$1" dir="$ROOT/scripts/images/$2" context hash
  local -a packages=()
  if [ "$2" = moto ]; then mapfile -t packages < <(moto_packages); [ "${#packages[@]}" -gt 0 ] || die "no moto packages"; fi
  hash="$( (label_of "$BASE"; cat "$dir"/*; [ "${#packages[@]}" -eq 0 ] || find "${packages[@]}" -type f \
    -not -path '*/__pycache__/*' -printf '%p %s\n' | sort) | sha256sum | cut -c1-16)"
  if [ "$force" != rebuild ] && [ "$(label_of "$name")" = "$hash" ]; then
    echo "container-images: $name cached"
    return
  fi
  context="$(mktemp -d -t glassbox-image.XXXXXX)"
  cp -a "$dir/." "$context/"
  if [ "${#packages[@]}" -gt 0 ]; then
    mkdir "$context/site-packages"
    cp -a "${packages[@]}" "$context/site-packages/"
    find "$context/site-packages" -name __pycache__ -prune -exec rm -rf {} +
  fi
  timed "$name" build_logged "$ENGINE_DIR/build-$2.log" --label "$LABEL=$hash" -t "$name" -f "$context/Containerfile" \
    "$context" || { rm -rf "$context"; die "building $name failed; see $ENGINE_DIR/build-$2.log"; }
  rm -rf "$context"
}

start=$SECONDS
base_image
build_image localhost/glassbox-postgres:15-pgvector postgres
build_image localhost/glassbox-redis:7 redis
build_image localhost/glassbox-moto:5.2.1 moto
# The pgvector build stage is only needed again when its inputs change.
podman image prune -f >/dev/null 2>&1 || true
echo "container-images: all images ready in $((SECONDS - start)) s"
