#!/usr/bin/env bash
# `pnpm bench`: regscan sbom speed and memory on two images of real Debian packages in 5 layers,
# each served by a local docker-registry, with every cataloger on (Go binaries and Java archives
# included), the CLI run as users run it (bin/regscan.js, the esbuild bundle):
#   a: a few large files (clang-15, gcc; build-image.sh), ~330 MiB compressed / ~960 MiB
#   s: many small files (perl, python3, nodejs, node-* packages, a node_modules tree;
#      build-small-files-image.sh), ~220 MiB compressed / ~860 MiB, one layer 85% of the bytes
# For each it prints the figures and PASS/FAIL:
#   1. sbom wall time (cold layer cache) <= 0.7 x `gzip -dc` over the same blobs one after another
#   2. peak RSS of that sbom run <= 130 MiB
#   3. sbom of an image sharing all but its top layer (warm cache) <= 0.2 x the first
# and, for the cost of the Go and Java catalogers, the sbom of image g (s's first four layers, then
# a 50 MiB Go binary, a Spring Boot style fat jar and a war of Debian's jars) with a warm cache:
# only that top layer is walked. Each timing is the median of BENCH_RUNS runs (default 3); CPU
# (user + system, all threads) is printed beside wall time, and the load average, since wall
# times on a shared machine are noisy. Exits 1 when a target is missed. The images are built once
# (needs root, debootstrap, umoci, zip; ~5-10 min each) into .cache/bench/, keyed by their build
# script's hash, as is each registry's storage.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PKG=$(cd "$HERE/.." && pwd)
ROOT=$(cd "$PKG/../.." && pwd)
CACHE="$ROOT/.cache/bench"
RUNS=${BENCH_RUNS:-3}
info() { printf 'bench: %s\n' "$*" >&2; }
die() { printf 'bench: %s\n' "$*" >&2; exit 2; }

TOOLS=(debootstrap umoci skopeo docker-registry gzip curl zip)
missing=()
for t in "${TOOLS[@]}"; do command -v "$t" >/dev/null || missing+=("$t"); done
[ -x /usr/bin/time ] || missing+=(time)
if [ ${#missing[@]} -gt 0 ]; then
  [ "$(id -u)" = 0 ] || die "missing ${missing[*]} (install: apt-get install debootstrap umoci skopeo docker-registry time curl zip)"
  info "installing debootstrap umoci skopeo docker-registry time curl zip from Debian"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    debootstrap umoci skopeo docker-registry time curl zip ca-certificates >/dev/null
fi

# 0. Advisory matching: 1,000 packages against 100,000 generated advisories (import < 60 s, match <= 1 s),
#    then against 10,000 to show memory does not grow with the number of advisories.
bench_status=0
info "match bench: 100,000 advisories"
(cd "$PKG" && node --expose-gc --import tsx bench/match-bench.ts 100000 1000) || bench_status=1
info "match bench: 10,000 advisories (RSS growth should be about the same)"
(cd "$PKG" && node --expose-gc --import tsx bench/match-bench.ts 10000 1000) || bench_status=1

RUNDIR=$(mktemp -d /tmp/regscan-bench-run.XXXXXX)
# serve() runs in a command substitution (a subshell): it records its registry's pid in a file.
REGISTRY_PIDS="$RUNDIR/registry.pids"
cleanup() {
  local pid
  if [ -f "$REGISTRY_PIDS" ]; then
    while read -r pid; do
      kill "$pid" 2>/dev/null || true
      while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
    done <"$REGISTRY_PIDS"
  fi
  rm -rf "$RUNDIR"
}
trap cleanup EXIT

# 1. Images (built once, keyed by the build script's hash) and a registry over each one's storage.
image_dir() { # SCRIPT -> prints the built image's directory
  local script=$HERE/$1 key dir
  key=$(sha256sum "$script" | cut -c1-16)
  dir="$CACHE/$key"
  if [ ! -f "$dir/oci/index.json" ]; then
    [ "$(id -u)" = 0 ] || die "building the bench images needs root (debootstrap, chroot)"
    mkdir -p "$CACHE"
    rm -rf "$CACHE/.build-$key"
    info "building $1 into $dir (once, ~5-10 min; log $CACHE/build-$key.log)"
    bash "$script" "$CACHE/.build-$key" >"$CACHE/build-$key.log" 2>&1 ||
      { tail -n 20 "$CACHE/build-$key.log" >&2; die "build failed"; }
    mv -T "$CACHE/.build-$key" "$dir"
  fi
  echo "$dir"
}
serve() { # IMAGE_DIR TAGS... -> prints HOST:PORT/bench
  local img=$1 port
  shift
  port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
  cat >"$RUNDIR/registry-$port.yml" <<YAML
version: 0.1
log: { level: error, accesslog: { disabled: true } }
storage: { filesystem: { rootdirectory: $img/registry } }
http: { addr: "127.0.0.1:$port" }
YAML
  docker-registry serve "$RUNDIR/registry-$port.yml" >"$RUNDIR/registry-$port.log" 2>&1 &
  echo "$!" >>"$REGISTRY_PIDS"
  for _ in $(seq 1 50); do curl -sf -o /dev/null "http://127.0.0.1:$port/v2/" && break; sleep 0.1; done
  for tag in "$@"; do
    if ! skopeo inspect --tls-verify=false "docker://127.0.0.1:$port/bench/img:$tag" >/dev/null 2>&1; then
      info "pushing $tag to the bench registry (once)"
      skopeo copy -q --dest-tls-verify=false "oci:$img/oci:$tag" "docker://127.0.0.1:$port/bench/img:$tag" >&2
    fi
  done
  echo "127.0.0.1:$port/bench"
}
IMG_A=$(image_dir build-image.sh)
IMG_S=$(image_dir build-small-files-image.sh)
REG_A=$(serve "$IMG_A" a b)
REG_S=$(serve "$IMG_S" s t g)

# 2. The CLI as shipped: the esbuild bundle (the launcher rebuilds it now if a source is newer, not
#    inside a timed run).
node "$PKG/bin/regscan.js" --version >/dev/null

blobs() { # OCI_DIR TAG -> layer blob paths, base first (the same bytes the registry serves)
  node -e '
    const fs = require("fs"), [dir, tag] = process.argv.slice(1);
    const blob = (d) => `${dir}/blobs/${d.replace(":", "/")}`;
    const index = JSON.parse(fs.readFileSync(`${dir}/index.json`));
    const m = index.manifests.find((x) => x.annotations?.["org.opencontainers.image.ref.name"] === tag);
    for (const l of JSON.parse(fs.readFileSync(blob(m.digest))).layers) console.log(blob(l.digest));
  ' "$1" "$2"
}
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
load() { cut -d' ' -f1 /proc/loadavg; }
timed() { # OUTPUT COMMAND... -> "wall cpu maxrss_kib" (cpu = user + system of all threads)
  local out=$1
  shift
  /usr/bin/time -f "%e %U %S %M" -o "$RUNDIR/time" "$@" >"$out"
  awk '{print $1, $2 + $3, $4}' "$RUNDIR/time"
}
gunzip_all() { for b in "$@"; do gzip -dc "$b"; done; }
export -f gunzip_all
sbom() { # CACHE_DIR REF OUTPUT -> the sbom command line (for timed)
  SBOM=(env REGSCAN_CACHE_DIR="$1" node "$PKG/bin/regscan.js" sbom --insecure -q -f json -o "$3" "$2")
}

# 3. One image: gzip -dc vs cold sbom, its peak RSS, and the rescan of its sibling.
#    Sets the globals RESULT_CACHE (a warm cache of the last run) and appends to SUMMARY.
SUMMARY=()
bench_image() { # NAME IMAGE_DIR REGISTRY TAG RESCAN_TAG
  local name=$1 img=$2 reg=$3 tag=$4 rescan=$5 run t c m
  local -a blobs_=() gz=() gzc=() cold=() coldc=() rss=() warm=() warmc=()
  mapfile -t blobs_ < <(blobs "$img/oci" "$tag")
  local compressed uncompressed
  compressed=$(du -cb "${blobs_[@]}" | tail -n1 | cut -f1)
  for b in "${blobs_[@]}"; do cat "$b" >/dev/null; done # page cache warm for both sides
  uncompressed=$(gunzip_all "${blobs_[@]}" | wc -c)
  info "image $name: load average $(load) at the start"
  for run in $(seq 1 "$RUNS"); do
    read -r t c _ < <(timed /dev/null bash -c 'gunzip_all "$@"' _ "${blobs_[@]}")
    gz+=("$t") gzc+=("$c")
    RESULT_CACHE="$RUNDIR/cache-$name-$run"
    sbom "$RESULT_CACHE" "$reg/img:$tag" "$RUNDIR/sbom-$tag.json"
    read -r t c m < <(timed /dev/null "${SBOM[@]}")
    cold+=("$t") coldc+=("$c") rss+=("$m")
    sbom "$RESULT_CACHE" "$reg/img:$rescan" "$RUNDIR/sbom-$rescan.json"
    read -r t c _ < <(timed /dev/null "${SBOM[@]}")
    warm+=("$t") warmc+=("$c")
    info "$name run $run: gzip -dc ${gz[-1]} s (cpu ${gzc[-1]}), sbom ${cold[-1]} s (cpu ${coldc[-1]}, ${rss[-1]} KiB), rescan ${warm[-1]} s (cpu ${warmc[-1]}); load $(load)"
  done
  local GZ GZC COLD COLDC RSS WARM WARMC
  GZ=$(printf '%s\n' "${gz[@]}" | median) GZC=$(printf '%s\n' "${gzc[@]}" | median)
  COLD=$(printf '%s\n' "${cold[@]}" | median) COLDC=$(printf '%s\n' "${coldc[@]}" | median)
  RSS=$(printf '%s\n' "${rss[@]}" | sort -n | tail -n1)
  WARM=$(printf '%s\n' "${warm[@]}" | median) WARMC=$(printf '%s\n' "${warmc[@]}" | median)
  awk -v name="$name" -v gz="$GZ" -v gzc="$GZC" -v cold="$COLD" -v coldc="$COLDC" -v rss="$RSS" -v warm="$WARM" \
    -v warmc="$WARMC" -v c="$compressed" -v u="$uncompressed" -v n="${#blobs_[@]}" -v load="$(load)" 'BEGIN {
    mib = 1048576; fail = 0
    printf "image %s: %d layers, %.0f MiB compressed, %.0f MiB uncompressed (load average %s at the end)\n", name, n, c / mib, u / mib, load
    printf "  gzip -dc (sequential)   %6.2f s  (cpu %5.2f s)\n", gz, gzc
    printf "  regscan sbom (cold)     %6.2f s  (cpu %5.2f s)  peak RSS %.0f MiB\n", cold, coldc, rss / 1024
    printf "  regscan sbom (rescan)   %6.2f s  (cpu %5.2f s)\n", warm, warmc
    r1 = cold / gz; r2 = rss / 1024; r3 = warm / cold
    printf "  sbom / gzip -dc         %6.2f   (<= 0.70)  %s\n", r1, r1 <= 0.7 ? "PASS" : "FAIL"; fail += r1 > 0.7
    printf "  peak RSS                %6.0f MiB (<= 130) %s\n", r2, r2 <= 130 ? "PASS" : "FAIL"; fail += r2 > 130
    printf "  rescan / first scan     %6.2f   (<= 0.20)  %s\n", r3, r3 <= 0.2 ? "PASS" : "FAIL"; fail += r3 > 0.2
    exit fail > 0
  }' || bench_status=1
}

bench_image a "$IMG_A" "$REG_A" a b
# Sanity: the inventory is real (dpkg packages, clang from layer 4, less only in b).
node -e '
  const fs = require("fs");
  const a = JSON.parse(fs.readFileSync(process.argv[1])), b = JSON.parse(fs.readFileSync(process.argv[2]));
  const clang = a.packages.find((p) => p.name === "clang-15");
  if (a.packages.length < 150 || !clang || clang.layer !== a.artifact.layers[3].diffId) throw new Error("unexpected inventory of a");
  if (!b.packages.some((p) => p.name === "less") || b.packages.some((p) => p.name === "jq")) throw new Error("unexpected inventory of b");
  console.error(`bench: a has ${a.packages.length} packages, b ${b.packages.length}`);
' "$RUNDIR/sbom-a.json" "$RUNDIR/sbom-b.json"

bench_image s "$IMG_S" "$REG_S" s t
node -e '
  const fs = require("fs");
  const s = JSON.parse(fs.readFileSync(process.argv[1])), t = JSON.parse(fs.readFileSync(process.argv[2]));
  const npm = s.packages.filter((p) => p.type === "npm" && p.path.startsWith("/srv/web/node_modules/"));
  if (npm.length < 500 || !s.packages.some((p) => p.name === "python3-botocore")) throw new Error("unexpected inventory of s");
  if (!t.packages.some((p) => p.name === "less") || t.packages.some((p) => p.name === "jq")) throw new Error("unexpected inventory of t");
  console.error(`bench: s has ${s.packages.length} packages (${npm.length} npm in /srv/web/node_modules), t ${t.packages.length}`);
' "$RUNDIR/sbom-s.json" "$RUNDIR/sbom-t.json"

# 4. The Go and Java catalogers: image g with s's cache warm, so only its top layer is walked.
mapfile -t G_BLOBS < <(blobs "$IMG_S/oci" g)
G_TOP=${G_BLOBS[-1]}
gz=() gzc=() gs=() gsc=()
for run in $(seq 1 "$RUNS"); do
  read -r t c _ < <(timed /dev/null gzip -dc "$G_TOP")
  gz+=("$t") gzc+=("$c")
  rm -rf "$RUNDIR/cache-g" && cp -a "$RESULT_CACHE" "$RUNDIR/cache-g"
  sbom "$RUNDIR/cache-g" "$REG_S/img:g" "$RUNDIR/sbom-g.json"
  read -r t c m < <(timed /dev/null "${SBOM[@]}")
  gs+=("$t") gsc+=("$c")
  info "g run $run: gzip -dc of its top layer ${gz[-1]} s (cpu ${gzc[-1]}), sbom ${gs[-1]} s (cpu ${gsc[-1]}, $m KiB); load $(load)"
done
node -e '
  const fs = require("fs");
  const g = JSON.parse(fs.readFileSync(process.argv[1]));
  const go = g.packages.filter((p) => p.type === "golang" && p.path === "/usr/bin/hugo");
  const jar = g.packages.filter((p) => p.type === "maven" && p.path.startsWith("/srv/app/app.jar:BOOT-INF/lib/"));
  const war = g.packages.filter((p) => p.type === "maven" && p.path.startsWith("/srv/app/app.war:WEB-INF/lib/"));
  if (!go.some((p) => p.name === "stdlib") || jar.length < 20 || war.length < 10) throw new Error("unexpected inventory of g");
  console.error(`bench: g has ${go.length} Go packages in /usr/bin/hugo, ${jar.length} Maven packages in app.jar, ${war.length} in app.war`);
' "$RUNDIR/sbom-g.json"
awk -v gz="$(printf '%s\n' "${gz[@]}" | median)" -v gzc="$(printf '%s\n' "${gzc[@]}" | median)" \
  -v gs="$(printf '%s\n' "${gs[@]}" | median)" -v gsc="$(printf '%s\n' "${gsc[@]}" | median)" \
  -v c="$(stat -c %s "$G_TOP")" 'BEGIN {
  printf "image g, top layer only (hugo, app.jar, app.war: %.0f MiB compressed)\n", c / 1048576
  printf "  gzip -dc                %6.2f s  (cpu %5.2f s)\n", gz, gzc
  printf "  regscan sbom (warm)     %6.2f s  (cpu %5.2f s)   ratio %.2f (no target: the cost of the Go and Java catalogers)\n", gs, gsc, gs / gz
}'
exit "$bench_status"
