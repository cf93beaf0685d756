#!/usr/bin/env bash
# `pnpm bench`: regscan sbom speed and memory on a ~300 MiB (compressed) / ~800 MiB image of real
# Debian packages in 5 layers, served by a local docker-registry. Prints the ratios and PASS/FAIL:
#   1. sbom wall time (cold layer cache) <= 0.8 x `gzip -dc` over the same blobs one after another
#   2. peak RSS of that sbom run <= 150 MiB
#   3. sbom of an image sharing all but its top layer (warm cache) <= 0.2 x the first
# Each timing is the median of BENCH_RUNS runs (default 3). The image is built once (needs root,
# debootstrap, umoci; ~5 min) into .cache/bench/, as is the registry's storage.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PKG=$(cd "$HERE/.." && pwd)
ROOT=$(cd "$PKG/../.." && pwd)
CACHE="$ROOT/.cache/bench"
RUNS=${BENCH_RUNS:-3}
info() { printf 'bench: %s\n' "$*" >&2; }
die() { printf 'bench: %s\n' "$*" >&2; exit 2; }

TOOLS=(debootstrap umoci skopeo docker-registry gzip curl)
missing=()
for t in "${TOOLS[@]}"; do command -v "$t" >/dev/null || missing+=("$t"); done
[ -x /usr/bin/time ] || missing+=(time)
if [ ${#missing[@]} -gt 0 ]; then
  [ "$(id -u)" = 0 ] || die "missing ${missing[*]} (install: apt-get install debootstrap umoci skopeo docker-registry time curl)"
  info "installing debootstrap umoci skopeo docker-registry time from Debian"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    debootstrap umoci skopeo docker-registry time curl ca-certificates >/dev/null
fi

# 0. Advisory matching: 1,000 packages against 100,000 generated advisories (import < 60 s, match <= 1 s),
#    then against 10,000 to show memory does not grow with the number of advisories.
bench_status=0
info "match bench: 100,000 advisories"
(cd "$PKG" && node --expose-gc --import tsx bench/match-bench.ts 100000 1000) || bench_status=1
info "match bench: 10,000 advisories (RSS growth should be about the same)"
(cd "$PKG" && node --expose-gc --import tsx bench/match-bench.ts 10000 1000) || bench_status=1

# 1. The images (built once, keyed by the build script's hash).
key=$(sha256sum "$HERE/build-image.sh" | cut -c1-16)
IMG="$CACHE/$key"
if [ ! -f "$IMG/oci/index.json" ]; then
  [ "$(id -u)" = 0 ] || die "building the bench image needs root (debootstrap, chroot)"
  mkdir -p "$CACHE"
  rm -rf "$CACHE/.build-$key"
  info "building the bench images into $IMG (once, ~5 min; log $CACHE/build.log)"
  bash "$HERE/build-image.sh" "$CACHE/.build-$key" >"$CACHE/build.log" 2>&1 || { tail -n 20 "$CACHE/build.log"; die "build failed"; }
  mv -T "$CACHE/.build-$key" "$IMG"
fi

# 2. A registry over persistent storage (images pushed once).
port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
RUNDIR=$(mktemp -d /tmp/regscan-bench-run.XXXXXX)
REGISTRY_PID=""
cleanup() {
  if [ -n "$REGISTRY_PID" ]; then kill "$REGISTRY_PID" 2>/dev/null || true; wait "$REGISTRY_PID" 2>/dev/null || true; fi
  rm -rf "$RUNDIR"
}
trap cleanup EXIT
cat >"$RUNDIR/config.yml" <<YAML
version: 0.1
log: { level: error, accesslog: { disabled: true } }
storage: { filesystem: { rootdirectory: $IMG/registry } }
http: { addr: "127.0.0.1:$port" }
YAML
docker-registry serve "$RUNDIR/config.yml" >"$RUNDIR/registry.log" 2>&1 &
REGISTRY_PID=$!
for _ in $(seq 1 50); do curl -sf -o /dev/null "http://127.0.0.1:$port/v2/" && break; sleep 0.1; done
REG="127.0.0.1:$port/bench"
for tag in a b; do
  if ! skopeo inspect --tls-verify=false "docker://$REG/img:$tag" >/dev/null 2>&1; then
    info "pushing $tag to the bench registry (once)"
    skopeo copy -q --dest-tls-verify=false "oci:$IMG/oci:$tag" "docker://$REG/img:$tag"
  fi
done

# 3. The CLI as shipped: the esbuild bundle (the launcher rebuilds it now if a source is newer, not
#    inside a timed run).
node "$PKG/bin/regscan.js" --version >/dev/null

# Layer blobs of image a, base first (from the OCI layout: the same bytes the registry serves).
mapfile -t BLOBS < <(node -e '
  const fs = require("fs"), dir = process.argv[1];
  const blob = (d) => `${dir}/blobs/${d.replace(":", "/")}`;
  const index = JSON.parse(fs.readFileSync(`${dir}/index.json`));
  const m = index.manifests.find((x) => x.annotations?.["org.opencontainers.image.ref.name"] === "a");
  for (const l of JSON.parse(fs.readFileSync(blob(m.digest))).layers) console.log(blob(l.digest));
' "$IMG/oci")
compressed=$(du -cb "${BLOBS[@]}" | tail -n1 | cut -f1)
for b in "${BLOBS[@]}"; do cat "$b" >/dev/null; done # page cache warm for both sides
uncompressed=$(for b in "${BLOBS[@]}"; do gzip -dc "$b"; done | wc -c)

now() { date +%s.%N; }
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
timed_sbom() { # CACHE_DIR TAG -> "seconds maxrss_kib"
  REGSCAN_CACHE_DIR="$1" /usr/bin/time -f "%e %M" -o "$RUNDIR/time" \
    node "$PKG/bin/regscan.js" sbom --insecure -q -f json -o "$RUNDIR/sbom-$2.json" "$REG/img:$2"
  cat "$RUNDIR/time"
}

gz=() cold=() rss=() warm=()
for run in $(seq 1 "$RUNS"); do
  start=$(now)
  for b in "${BLOBS[@]}"; do gzip -dc "$b" >/dev/null; done
  gz+=("$(awk -v s="$start" -v e="$(now)" 'BEGIN {print e - s}')")
  cache="$RUNDIR/cache-$run"
  read -r t m < <(timed_sbom "$cache" a)
  cold+=("$t") rss+=("$m")
  read -r t _ < <(timed_sbom "$cache" b)
  warm+=("$t")
  info "run $run: gzip -dc ${gz[-1]} s, sbom ${cold[-1]} s (${rss[-1]} KiB), rescan ${warm[-1]} s"
done

# Sanity: the inventory is real (dpkg packages, clang from layer 4, less only in b).
node -e '
  const fs = require("fs");
  const a = JSON.parse(fs.readFileSync(process.argv[1])), b = JSON.parse(fs.readFileSync(process.argv[2]));
  const clang = a.packages.find((p) => p.name === "clang-15");
  if (a.packages.length < 150 || !clang || clang.layer !== a.artifact.layers[3].diffId) throw new Error("unexpected inventory of a");
  if (!b.packages.some((p) => p.name === "less") || b.packages.some((p) => p.name === "jq")) throw new Error("unexpected inventory of b");
  console.error(`bench: a has ${a.packages.length} packages, b ${b.packages.length}`);
' "$RUNDIR/sbom-a.json" "$RUNDIR/sbom-b.json"

GZ=$(printf '%s\n' "${gz[@]}" | median)
COLD=$(printf '%s\n' "${cold[@]}" | median)
RSS=$(printf '%s\n' "${rss[@]}" | sort -n | tail -n1)
WARM=$(printf '%s\n' "${warm[@]}" | median)
awk -v gz="$GZ" -v cold="$COLD" -v rss="$RSS" -v warm="$WARM" -v c="$compressed" -v u="$uncompressed" -v n="${#BLOBS[@]}" 'BEGIN {
  mib = 1048576; fail = 0
  printf "image: %d layers, %.0f MiB compressed, %.0f MiB uncompressed\n", n, c / mib, u / mib
  printf "gzip -dc (sequential)   %6.2f s\n", gz
  printf "regscan sbom (cold)     %6.2f s   peak RSS %.0f MiB\n", cold, rss / 1024
  printf "regscan sbom (rescan)   %6.2f s\n", warm
  r1 = cold / gz; r2 = rss / 1024; r3 = warm / cold
  printf "sbom / gzip -dc         %6.2f   (<= 0.80)  %s\n", r1, r1 <= 0.8 ? "PASS" : "FAIL"; fail += r1 > 0.8
  printf "peak RSS                %6.0f MiB (<= 150) %s\n", r2, r2 <= 150 ? "PASS" : "FAIL"; fail += r2 > 150
  printf "rescan / first scan     %6.2f   (<= 0.20)  %s\n", r3, r3 <= 0.2 ? "PASS" : "FAIL"; fail += r3 > 0.2
  exit fail > 0
}' || bench_status=1
exit "$bench_status"
