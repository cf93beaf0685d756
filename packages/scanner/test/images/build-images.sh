#!/usr/bin/env bash
# Builds the real test images from real Debian packages into OUT (an empty directory).
# Needs root, debootstrap, umoci, skopeo, curl, npm, jq. Called by scripts/test-env.sh, which caches
# OUT by a hash of this folder. Layout of OUT:
#   oci/                      OCI layout; tags base, app, arm64, multi (an index: base + arm64)
#   base.docker.tar, app.docker.tar   the same images as docker-archive tarballs (skopeo)
#   expected/<image>.dpkg.tsv `dpkg-query -W` (Package\tVersion\tArchitecture) of the final rootfs
#   expected/app.layerN.dpkg.tsv      the same after layer N (0 = base)
#   expected/app.npm.tsv      name\tversion\tpath of installed npm packages (root package excluded)
#   expected/app.pypi.tsv     name\tversion\tpath of Python packages not owned by dpkg
#   expected/app.dpkg-python.tsv      dist-info / egg-info paths owned by dpkg (not PyPI packages)
#   schema1.manifest.json     the arm64 image as a signed Docker schema 1 manifest (skopeo)
#   images.json               manifest digests and diffIDs per tag
set -euo pipefail

OUT=${1:?usage: build-images.sh OUT}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
WORK=$(mktemp -d /tmp/regscan-images.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
OCI="$OUT/oci"
mkdir -p "$OUT/expected"
SUITE=bookworm
APT_PACKAGES="ca-certificates curl python3-six"

. "$(dirname "${BASH_SOURCE[0]}")/debian-mirror.sh"
MIRROR=$(debian_mirror)

dpkg_tsv() { # ROOTFS OUTFILE
  dpkg-query -W -f='${Package}\t${Version}\t${Architecture}\n' --admindir="$1/var/lib/dpkg" | LC_ALL=C sort >"$2"
}
repack() { # BUNDLE TAG COMMENT
  umoci repack --refresh-bundle --history.comment "$3" --image "$OCI:$2" "$1"
}

echo "== debootstrap --variant=minbase $SUITE from $MIRROR"
debootstrap --variant=minbase "$SUITE" "$WORK/rootfs" "$MIRROR" >"$WORK/debootstrap.log" 2>&1 ||
  { tail -n 30 "$WORK/debootstrap.log"; exit 1; }
rm -rf "$WORK/rootfs/var/cache/apt/archives/"*.deb "$WORK/rootfs/var/lib/apt/lists/"*_Packages

echo "== base image (one layer)"
umoci init --layout "$OCI"
umoci new --image "$OCI:base"
umoci config --image "$OCI:base" --config.cmd /bin/bash --author regscan-tests
umoci unpack --image "$OCI:base" "$WORK/bundle"
cp -a "$WORK/rootfs/." "$WORK/bundle/rootfs/"
repack "$WORK/bundle" base "debootstrap --variant=minbase $SUITE"
dpkg_tsv "$WORK/bundle/rootfs" "$OUT/expected/base.dpkg.tsv"
cp "$OUT/expected/base.dpkg.tsv" "$OUT/expected/app.layer0.dpkg.tsv"

echo "== app image: layer 1, apt-get install $APT_PACKAGES"
umoci tag --image "$OCI:base" app
R="$WORK/bundle/rootfs"
cp /etc/resolv.conf "$R/etc/resolv.conf"
chroot "$R" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive \
  sh -c "apt-get update -qq && apt-get install -y -qq --no-install-recommends $APT_PACKAGES" \
  >"$WORK/apt.log" 2>&1 || { tail -n 30 "$WORK/apt.log"; exit 1; }
rm -rf "$R/var/lib/apt/lists/"* "$R/var/cache/apt/"*.bin "$R/var/cache/apt/archives/"*.deb
repack "$WORK/bundle" app "apt-get install $APT_PACKAGES"
dpkg_tsv "$R" "$OUT/expected/app.layer1.dpkg.tsv"

echo "== app image: layer 2, npm packages under /app and pip-style dist-info"
mkdir -p "$WORK/npm" "$R/app/node_modules/debug/node_modules"
(cd "$WORK/npm" && npm pack --silent ms@2.1.3 ms@2.1.2 debug@4.3.4 >/dev/null)
tar -xzf "$WORK/npm/ms-2.1.3.tgz" -C "$WORK/npm" && mv "$WORK/npm/package" "$R/app/node_modules/ms"
tar -xzf "$WORK/npm/debug-4.3.4.tgz" -C "$WORK/npm" && mv "$WORK/npm/package" "$R/app/node_modules/debug"
mkdir -p "$R/app/node_modules/debug/node_modules"
tar -xzf "$WORK/npm/ms-2.1.2.tgz" -C "$WORK/npm" && mv "$WORK/npm/package" "$R/app/node_modules/debug/node_modules/ms"
cat >"$R/app/package.json" <<'JSON'
{ "name": "regscan-test-app", "version": "1.0.0", "private": true, "dependencies": { "debug": "4.3.4", "ms": "2.1.3" } }
JSON
SITE="$R/usr/local/lib/python3.11/dist-packages"
for whl in wheel-0.43.0 pip-24.2; do
  mkdir -p "$SITE/$whl.dist-info"
  cp "$HERE/fixtures/python/$whl.METADATA" "$SITE/$whl.dist-info/METADATA"
  echo pip >"$SITE/$whl.dist-info/INSTALLER"
done
repack "$WORK/bundle" app "add /app (npm) and pip dist-info"
dpkg_tsv "$R" "$OUT/expected/app.layer2.dpkg.tsv"

echo "== app image: layer 3, deletions (dpkg --purge curl, rm node_modules/debug) -> .wh. files"
chroot "$R" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin dpkg --purge curl >"$WORK/purge.log" 2>&1 ||
  { cat "$WORK/purge.log"; exit 1; }
rm -rf "$R/app/node_modules/debug"
repack "$WORK/bundle" app "dpkg --purge curl; rm -rf /app/node_modules/debug"
dpkg_tsv "$R" "$OUT/expected/app.layer3.dpkg.tsv"

echo "== app image: layer 4, opaque dist-packages holding only wheel -> .wh..wh..opq"
mkdir -p "$WORK/site"
cp -a "$SITE/wheel-0.43.0.dist-info" "$WORK/site/"
umoci insert --image "$OCI:app" --opaque "$WORK/site" /usr/local/lib/python3.11/dist-packages
rm -rf "$SITE/pip-24.2.dist-info"
cp "$OUT/expected/app.layer3.dpkg.tsv" "$OUT/expected/app.layer4.dpkg.tsv"
cp "$OUT/expected/app.layer4.dpkg.tsv" "$OUT/expected/app.dpkg.tsv"
printf 'ms\t2.1.3\t/app/node_modules/ms/package.json\n' >"$OUT/expected/app.npm.tsv"
printf 'wheel\t0.43.0\t/usr/local/lib/python3.11/dist-packages/wheel-0.43.0.dist-info/METADATA\n' \
  >"$OUT/expected/app.pypi.tsv"
(cd "$R" && find usr/lib/python3* -maxdepth 3 \( -name '*.dist-info' -o -name '*.egg-info' \) | sed 's|^|/|' |
  LC_ALL=C sort) >"$OUT/expected/app.dpkg-python.tsv"

echo "== arm64 image: base-files:arm64 unpacked from the real .deb, one dpkg status stanza"
BF_VERSION=$(awk -F'\t' '$1 == "base-files" {print $2}' "$OUT/expected/base.dpkg.tsv")
curl -fsSL -o "$WORK/base-files.deb" "$MIRROR/pool/main/b/base-files/base-files_${BF_VERSION}_arm64.deb"
mkdir -p "$WORK/arm64/var/lib/dpkg"
dpkg-deb -x "$WORK/base-files.deb" "$WORK/arm64"
{ echo "Package: base-files"; echo "Status: install ok installed"
  dpkg-deb -f "$WORK/base-files.deb" | grep -v '^Package:'; echo; } >"$WORK/arm64/var/lib/dpkg/status"
umoci new --image "$OCI:arm64"
umoci config --image "$OCI:arm64" --architecture arm64 --os linux --author regscan-tests
umoci unpack --image "$OCI:arm64" "$WORK/bundle-arm64"
cp -a "$WORK/arm64/." "$WORK/bundle-arm64/rootfs/"
repack "$WORK/bundle-arm64" arm64 "base-files:arm64"
dpkg_tsv "$WORK/bundle-arm64/rootfs" "$OUT/expected/arm64.dpkg.tsv"

echo "== multi: OCI index over base (linux/amd64) and arm64 (linux/arm64/v8)"
node "$HERE/oci-layout-tool.mjs" index "$OCI" multi base:linux/amd64 arm64:linux/arm64/v8

echo "== docker-archive exports"
for tag in base app; do
  skopeo copy -q "oci:$OCI:$tag" "docker-archive:$OUT/$tag.docker.tar:regscan/$tag:latest"
done
# A real signed schema 1 manifest (registries here refuse schema 1 pushes; a test server serves it).
skopeo copy -q --format v2s1 "oci:$OCI:arm64" "dir:$WORK/schema1"
cp "$WORK/schema1/manifest.json" "$OUT/schema1.manifest.json"
node "$HERE/oci-layout-tool.mjs" describe "$OCI" >"$OUT/images.json"
echo "== done"
