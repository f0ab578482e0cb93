#!/usr/bin/env bash
# `make image`: the Dockerfile built with Docker where an engine answers, otherwise with buildah
# (`bud --isolation chroot`: no daemon, no runtime, the host's network). IMAGE names the result
# (wxmp-platform:<tag>; buildah stores it as localhost/wxmp-platform:<tag>).
#   IMAGE_BUILDER   auto (default), docker or buildah
#   PYTHON_IMAGE    the base: Docker's default python:3.11-slim; buildah's default the Debian base
#                   of `make image-base` (localhost/wxmp-base:bookworm), made here when missing
#   STORAGE_DRIVER  buildah's storage driver (overlay; vfs where overlay cannot mount)
#   PIP_CERT        a CA bundle pip must trust (a TLS-inspecting proxy): lent to the build as a secret
set -euo pipefail
cd "$(dirname "$0")/../.."

IMAGE=${IMAGE:?IMAGE=name:tag}
IMAGE_BUILDER=${IMAGE_BUILDER:-auto}
STORAGE_DRIVER=${STORAGE_DRIVER:-overlay}
LOCAL_BASE=localhost/wxmp-base:bookworm
# Past this, the build cache (untagged images) is pruned after a build: the next one reinstalls.
IMAGE_STORE_MAX_MB=${IMAGE_STORE_MAX_MB:-3000}
started=$(date +%s)

if [ "$IMAGE_BUILDER" = auto ]; then
  if command -v docker >/dev/null && docker info >/dev/null 2>&1; then IMAGE_BUILDER=docker; else IMAGE_BUILDER=buildah; fi
fi

# The host's pip configuration names the bundle too when the environment does not.
cert=${PIP_CERT:-$(python3 -m pip config get global.cert 2>/dev/null || true)}
secret=()
if [ -n "$cert" ] && [ -s "$cert" ]; then
  secret=(--secret "id=pip-cert,src=$cert")
  echo "image: pip trusts $cert: lent to the build as the secret pip-cert (in no layer)"
fi

if [ "$IMAGE_BUILDER" = docker ]; then
  base=${PYTHON_IMAGE:-python:3.11-slim}
  DOCKER_BUILDKIT=1 docker build --build-arg "PYTHON_IMAGE=$base" "${secret[@]}" -t "$IMAGE" .
  echo "image: $IMAGE built by Docker on $base in $(( $(date +%s) - started )) s"
  exit 0
fi

base=${PYTHON_IMAGE:-$LOCAL_BASE}
# buildah, and debootstrap for the local base: installed with apt by the Makefile when missing.
{ command -v buildah && { [ "$base" != "$LOCAL_BASE" ] || command -v debootstrap; }; } >/dev/null \
  || make --no-print-directory image-tools
buildah() { command buildah --storage-driver "$STORAGE_DRIVER" "$@"; }
if [ "$base" = "$LOCAL_BASE" ]; then
  STORAGE_DRIVER=$STORAGE_DRIVER BASE_IMAGE=$LOCAL_BASE deploy/image/base.sh
fi
name=localhost/${IMAGE#localhost/}
build_started=$(date +%s)
# --layers: each step's result is kept, so a change of the code rebuilds only the last layers.
buildah bud --isolation chroot --layers --build-arg "PYTHON_IMAGE=$base" "${secret[@]}" -t "$name" . \
  | grep -v -E '^(Copying (blob|config)|Writing manifest|Storing signatures)' || { echo "image: the build failed" >&2; exit 1; }
echo "image: $name built by buildah on $base in $(( $(date +%s) - build_started )) s"

# One image of ours in the store: the previous builds' tags go (their layers stay while cached).
for old in $(buildah images --noheading --format '{{.Name}}:{{.Tag}}' --filter "reference=${name%:*}"); do
  [ "$old" = "$name" ] || buildah rmi "$old" >/dev/null 2>&1 || true
done
store=$(buildah info --format '{{.store.GraphRoot}}' 2>/dev/null || echo /var/lib/containers/storage)
used=$(du -sm "$store" 2>/dev/null | cut -f1)
if [ "${used:-0}" -gt "$IMAGE_STORE_MAX_MB" ]; then
  echo "image: $store holds ${used} MB (over IMAGE_STORE_MAX_MB=$IMAGE_STORE_MAX_MB): pruning the build cache"
  buildah rmi --prune >/dev/null || true
fi
echo "image: done in $(( $(date +%s) - started )) s"
