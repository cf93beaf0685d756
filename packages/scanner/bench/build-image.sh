#!/usr/bin/env bash
# Builds the benchmark images from real Debian packages into OUT (an empty directory), as an OCI
# layout with two tags sharing their first four layers:
#   a: 1 debootstrap --variant=minbase bookworm, 2 perl + python3, 3 gcc + g++,
#      4 clang-15 (libllvm15, libclang-cpp15, headers), 5 jq (small top layer)
#   b: layers 1-4 of a, then 5' less (another small top layer)
# About 300 MiB compressed / 800 MiB uncompressed. Needs root, debootstrap, umoci (~3-6 min).
set -euo pipefail

OUT=${1:?usage: build-image.sh OUT}
WORK=$(mktemp -d /tmp/regscan-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
OCI="$OUT/oci"
SUITE=bookworm

. "$(dirname "${BASH_SOURCE[0]}")/../test/images/debian-mirror.sh"

R="$WORK/bundle/rootfs"
apt_install() { # PACKAGES...
  chroot "$R" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends "$@" >"$WORK/apt.log" 2>&1 || { tail -n 30 "$WORK/apt.log"; exit 1; }
  rm -rf "$R/var/cache/apt/archives/"*.deb "$R/var/cache/apt/"*.bin
}
repack() { # TAG COMMENT
  umoci repack --refresh-bundle --history.comment "$2" --image "$OCI:$1" "$WORK/bundle"
}

echo "== layer 1: debootstrap --variant=minbase $SUITE"
debootstrap --variant=minbase "$SUITE" "$WORK/rootfs" "$(debian_mirror)" >"$WORK/debootstrap.log" 2>&1 ||
  { tail -n 30 "$WORK/debootstrap.log"; exit 1; }
rm -rf "$WORK/rootfs/var/cache/apt/archives/"*.deb
umoci init --layout "$OCI"
umoci new --image "$OCI:a"
umoci unpack --image "$OCI:a" "$WORK/bundle"
cp -a "$WORK/rootfs/." "$R/"
cp /etc/resolv.conf "$R/etc/resolv.conf"
chroot "$R" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin apt-get update -qq >"$WORK/apt.log" 2>&1 ||
  { tail -n 30 "$WORK/apt.log"; exit 1; }
repack a "debootstrap"

echo "== layer 2: perl python3"
apt_install perl python3
repack a "perl python3"
echo "== layer 3: gcc g++"
apt_install gcc g++
repack a "gcc g++"
echo "== layer 4: clang-15"
apt_install clang-15
repack a "clang-15"

echo "== image b: layers 1-4, top layer less"
umoci tag --image "$OCI:a" b
rm -rf "$WORK/bundle-b"
umoci unpack --image "$OCI:b" "$WORK/bundle-b"
chroot "$WORK/bundle-b/rootfs" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive \
  apt-get install -y -qq --no-install-recommends less >"$WORK/apt.log" 2>&1 || { tail -n 30 "$WORK/apt.log"; exit 1; }
rm -rf "$WORK/bundle-b/rootfs/var/cache/apt/archives/"*.deb "$WORK/bundle-b/rootfs/var/cache/apt/"*.bin
umoci repack --refresh-bundle --history.comment "less" --image "$OCI:b" "$WORK/bundle-b"

echo "== image a: top layer jq"
apt_install jq
repack a "jq"
umoci gc --layout "$OCI"
du -sh "$OCI"
