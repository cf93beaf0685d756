#!/usr/bin/env bash
# Builds the bench's many-small-files images from real Debian packages into OUT (an empty
# directory), as an OCI layout with three tags sharing their first four layers:
#   s: 1 debootstrap --variant=minbase bookworm, 2 ca-certificates, 3 perl + python3 (botocore,
#      sympy, django) + nodejs, npm, typescript, eslint, webpack (Debian's node-* packages) and
#      a copy of /usr/share/nodejs as an application's /srv/web/node_modules: ~85% of the bytes,
#      tens of thousands of small files, 4 python3-yaml, 5 jq (small top layer)
#   t: layers 1-4 of s, then 5' less (the rescan)
#   g: layers 1-4 of s, then 5'' a large Go binary (Debian's hugo) and two Java archives built
#      from the jars of Debian's Java packages: /srv/app/app.jar (Spring Boot layout, nested jars
#      stored under BOOT-INF/lib/) and /srv/app/app.war (nested jars deflated under WEB-INF/lib/)
# Every apt step drops its package lists, as image builds do. About 300 MiB compressed / 800 MiB
# uncompressed. Needs root, debootstrap, umoci, zip (~5-10 min).
set -euo pipefail

OUT=${1:?usage: build-small-files-image.sh OUT}
WORK=$(mktemp -d /tmp/regscan-bench-small.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
OCI="$OUT/oci"
SUITE=bookworm

. "$(dirname "${BASH_SOURCE[0]}")/../test/images/debian-mirror.sh"

in_root() { # ROOTFS COMMAND...
  local root=$1
  shift
  chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive "$@" \
    >"$WORK/apt.log" 2>&1 || { tail -n 30 "$WORK/apt.log"; exit 1; }
}
apt_install() { # ROOTFS PACKAGES...
  local root=$1
  shift
  in_root "$root" apt-get update -qq
  in_root "$root" apt-get install -y -qq --no-install-recommends "$@"
  rm -rf "$root/var/cache/apt/archives/"*.deb "$root/var/cache/apt/"*.bin "$root/var/lib/apt/lists/"*
}
repack() { # TAG BUNDLE COMMENT
  umoci repack --refresh-bundle --history.comment "$3" --image "$OCI:$1" "$2"
}

B="$WORK/bundle"
R="$B/rootfs"
echo "== layer 1: debootstrap --variant=minbase $SUITE"
debootstrap --variant=minbase "$SUITE" "$WORK/rootfs" "$(debian_mirror)" >"$WORK/debootstrap.log" 2>&1 ||
  { tail -n 30 "$WORK/debootstrap.log"; exit 1; }
rm -rf "$WORK/rootfs/var/cache/apt/archives/"*.deb "$WORK/rootfs/var/lib/apt/lists/"*
umoci init --layout "$OCI"
umoci new --image "$OCI:s"
umoci unpack --image "$OCI:s" "$B"
cp -a "$WORK/rootfs/." "$R/"
cp /etc/resolv.conf "$R/etc/resolv.conf"
repack s "$B" "debootstrap"

echo "== layer 2: ca-certificates"
apt_install "$R" ca-certificates
repack s "$B" "ca-certificates"

echo "== layer 3: perl python3 nodejs npm and many small files"
apt_install "$R" perl python3 python3-botocore python3-sympy python3-django nodejs npm node-typescript eslint webpack
mkdir -p "$R/srv/web"
cp -a "$R/usr/share/nodejs" "$R/srv/web/node_modules"
printf '{"name":"web","version":"1.0.0","private":true}\n' >"$R/srv/web/package.json"
repack s "$B" "perl python3 nodejs npm"

echo "== layer 4: python3-yaml"
apt_install "$R" python3-yaml
repack s "$B" "python3-yaml"

for tag in t g; do umoci tag --image "$OCI:s" "$tag"; done

echo "== image t: layers 1-4, top layer less"
rm -rf "$WORK/bundle-t"
umoci unpack --image "$OCI:t" "$WORK/bundle-t"
apt_install "$WORK/bundle-t/rootfs" less
repack t "$WORK/bundle-t" "less"
rm -rf "$WORK/bundle-t"

echo "== image g: layers 1-4, top layer hugo (Go) + app.jar + app.war (Debian's jars)"
rm -rf "$WORK/bundle-g"
umoci unpack --image "$OCI:g" "$WORK/bundle-g"
G="$WORK/bundle-g/rootfs"
apt_install "$G" hugo
# The jars come from the .deb files themselves (downloaded, unpacked beside the image): only the
# two archives land in the layer, not the packages.
JARS=(libspring-core-java libspring-beans-java libspring-context-java libspring-web-java
  libjackson2-core-java libjackson2-databind-java libnetty-java libbcprov-java libjetty9-java
  liblog4j2-java libguava-java libcommons-lang3-java libcommons-io-java libtomcat10-java
  libh2-java libpostgresql-jdbc-java libslf4j-java libicu4j-java libxerces2-java)
mkdir -p "$G/tmp/debs"
in_root "$G" apt-get update -qq
in_root "$G" sh -c "cd /tmp/debs && apt-get download ${JARS[*]}"
rm -rf "$G/var/lib/apt/lists/"*
mkdir -p "$WORK/unpacked" "$WORK/jar/BOOT-INF/lib" "$WORK/jar/META-INF/maven/org.example/app" \
  "$WORK/war/WEB-INF/lib" "$WORK/war/META-INF/maven/org.example/web"
for deb in "$G/tmp/debs/"*.deb; do dpkg-deb -x "$deb" "$WORK/unpacked"; done
rm -rf "$G/tmp/debs"
find "$WORK/unpacked/usr/share/java" -name '*.jar' -type f -exec cp {} "$WORK/jar/BOOT-INF/lib/" \;
for j in "$WORK/jar/BOOT-INF/lib/"*.jar; do case "$(basename "$j")" in lib*|jackson*|guava*|commons*|slf4j*) cp "$j" "$WORK/war/WEB-INF/lib/" ;; esac; done
printf 'Manifest-Version: 1.0\nMain-Class: org.springframework.boot.loader.JarLauncher\n\n' >"$WORK/jar/META-INF/MANIFEST.MF"
printf 'Manifest-Version: 1.0\n\n' >"$WORK/war/META-INF/MANIFEST.MF"
printf 'groupId=org.example\nartifactId=app\nversion=1.0.0\n' >"$WORK/jar/META-INF/maven/org.example/app/pom.properties"
printf 'groupId=org.example\nartifactId=web\nversion=1.0.0\n' >"$WORK/war/META-INF/maven/org.example/web/pom.properties"
mkdir -p "$G/srv/app"
(cd "$WORK/jar" && zip -q -X -0 -r "$G/srv/app/app.jar" META-INF BOOT-INF)
(cd "$WORK/war" && zip -q -X -9 -r "$G/srv/app/app.war" META-INF WEB-INF)
repack g "$WORK/bundle-g" "hugo app.jar app.war"
rm -rf "$WORK/bundle-g"

echo "== image s: top layer jq"
apt_install "$R" jq
repack s "$B" "jq"
umoci gc --layout "$OCI"
du -sh "$OCI"
