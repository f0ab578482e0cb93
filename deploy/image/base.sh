#!/usr/bin/env bash
# `make image-base`: a Debian bookworm base image (Debian's python3 is 3.11) made from Debian's own
# packages, for hosts that reach Debian's mirrors but not Docker Hub: debootstrap --variant=minbase,
# Debian's security updates, the docs and caches removed, imported as an image with
# `buildah from scratch` + mount + commit. Kept between runs: made again only when this recipe
# changes or the image is older than BASE_MAX_AGE_DAYS (security updates), or with FORCE=1.
set -euo pipefail

BASE_IMAGE=${BASE_IMAGE:-localhost/wxmp-base:bookworm}
STORAGE_DRIVER=${STORAGE_DRIVER:-overlay}
DEBIAN_MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
DEBIAN_SECURITY_MIRROR=${DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security}
BASE_MAX_AGE_DAYS=${BASE_MAX_AGE_DAYS:-7}
PACKAGES=python3,python3-venv,python-is-python3,ca-certificates

buildah() { command buildah --storage-driver "$STORAGE_DRIVER" "$@"; }
recipe=$(sha256sum <"$0" | cut -c1-16)

if [ -z "${FORCE:-}" ] && buildah inspect --type image "$BASE_IMAGE" >/dev/null 2>&1; then
  made=$(buildah inspect --type image --format '{{index .ImageAnnotations "wxmp.base.made"}}' "$BASE_IMAGE")
  built_by=$(buildah inspect --type image --format '{{index .ImageAnnotations "wxmp.base.recipe"}}' "$BASE_IMAGE")
  age_days=$(( ($(date +%s) - ${made:-0}) / 86400 ))
  if [ "$built_by" = "$recipe" ] && [ "$age_days" -lt "$BASE_MAX_AGE_DAYS" ]; then
    echo "image-base: $BASE_IMAGE is current (made ${age_days} d ago; FORCE=1 makes it again)"
    exit 0
  fi
fi

started=$(date +%s)
step=$started
took() { local now; now=$(date +%s); echo "image-base: $1: $(( now - step )) s"; step=$now; }
work=$(mktemp -d /var/tmp/wxmp-base.XXXXXX)
container=
cleanup() {
  if [ -n "$container" ]; then buildah rm "$container" >/dev/null 2>&1 || true; fi
  # A second stage that failed may leave the target's /proc or /sys mounted: never delete through them.
  for mounted in proc sys; do umount -l "$work/rootfs/$mounted" 2>/dev/null || true; done
  rm -rf --one-file-system "$work"
}
trap cleanup EXIT
rootfs=$work/rootfs

echo "image-base: debootstrap --variant=minbase bookworm ($PACKAGES) from $DEBIAN_MIRROR"
log=$work/debootstrap.log
# Two stages, to configure dpkg in between: no fsync per file (the tree is packed up right after)
# and none of the docs python:3.11-slim leaves out either (for any later apt-get install too).
debootstrap --foreign --variant=minbase --include="$PACKAGES" bookworm "$rootfs" "$DEBIAN_MIRROR" >"$log" 2>&1 \
  || { tail -n 30 "$log" >&2; exit 1; }
mkdir -p "$rootfs/etc/dpkg/dpkg.cfg.d"
echo force-unsafe-io >"$rootfs/etc/dpkg/dpkg.cfg.d/wxmp-unsafe-io"
cat >"$rootfs/etc/dpkg/dpkg.cfg.d/wxmp-slim" <<'CFG'
path-exclude=/usr/share/doc/*
path-include=/usr/share/doc/*/copyright
path-exclude=/usr/share/man/*
path-exclude=/usr/share/info/*
path-exclude=/usr/share/locale/*
path-exclude=/usr/share/lintian/*
CFG
chroot "$rootfs" /debootstrap/debootstrap --second-stage >>"$log" 2>&1 || { tail -n 30 "$log" >&2; exit 1; }
took debootstrap
cat >"$rootfs/etc/apt/sources.list" <<LIST
deb $DEBIAN_MIRROR bookworm main
deb $DEBIAN_MIRROR bookworm-updates main
deb $DEBIAN_SECURITY_MIRROR bookworm-security main
LIST
echo "image-base: security updates (bookworm-updates, bookworm-security)"
chroot "$rootfs" sh -c 'apt-get -qq update && DEBIAN_FRONTEND=noninteractive apt-get -qq -y upgrade && apt-get clean' \
  >"$work/upgrade.log" 2>&1 || { tail -n 30 "$work/upgrade.log" >&2; exit 1; }
rm "$rootfs/etc/dpkg/dpkg.cfg.d/wxmp-unsafe-io"
took "security updates"
find "$rootfs/usr/share/doc" -mindepth 1 -not -name copyright -not -type d -delete
find "$rootfs/usr/share/doc" -mindepth 1 -type d -empty -delete
rm -rf "$rootfs"/usr/share/{man,info,locale,lintian}/* "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/*.bin \
  "$rootfs"/var/log/* "$rootfs"/tmp/* "$rootfs"/var/tmp/*
# The build host's own files that debootstrap copies in.
rm -f "$rootfs/etc/resolv.conf" "$rootfs/etc/hostname"

size=$(du -sm "$rootfs" | cut -f1)
echo "image-base: importing as $BASE_IMAGE"
container=$(buildah from scratch)
mountpoint=$(buildah mount "$container")
tar --numeric-owner --xattrs -C "$rootfs" -cf - . | tar --numeric-owner --xattrs -C "$mountpoint" -xpf -
buildah umount "$container" >/dev/null
buildah config --os linux --arch "$(dpkg --print-architecture)" \
  --env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin --env LANG=C.UTF-8 \
  --cmd python3 --label org.opencontainers.image.title=wxmp-base \
  --label org.opencontainers.image.description="Debian bookworm minbase with python3 (debootstrap)" \
  --annotation "wxmp.base.recipe=$recipe" --annotation "wxmp.base.made=$(date +%s)" "$container"
buildah commit --quiet --rm "$container" "$BASE_IMAGE" >/dev/null
container=
took import
rm -rf --one-file-system "$work"
echo "image-base: $BASE_IMAGE made in $(( $(date +%s) - started )) s (${size} MB)"
