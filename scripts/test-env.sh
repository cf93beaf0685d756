#!/usr/bin/env bash
# Runs a command (the test suite) with the services the tests need:
#  1. installs debootstrap, umoci, skopeo, docker-registry, htpasswd, rpm and chromium from Debian
#     when missing (only as root; otherwise a warning, and the tests that need them skip visibly);
#  2. builds real test images once (packages/scanner/test/images/build-images.sh), cached in
#     .cache/test-images/<hash of the build scripts> (cold ~1-2 min, warm: nothing to do);
#  3. starts docker-registry on 127.0.0.1:<free port> with htpasswd auth (user nologin, a random
#     password per run, storage in a temp dir), pushes the images, and stops it on exit.
# Exports REGSCAN_TEST_IMAGES, REGSCAN_TEST_REGISTRY, REGSCAN_TEST_REGISTRY_USER and
# REGSCAN_TEST_REGISTRY_PASSWORD, then runs "$@" and returns its exit code.
# With REGSCAN_REQUIRE_REAL_IMAGES=1 (set by .ci/run) a missing image or registry is an error, so
# CI can never pass with the real-image tests skipped.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
IMAGES_SRC="$ROOT/packages/scanner/test/images"
CACHE="$ROOT/.cache/test-images"
warn() { printf '\033[33mtest-env: %s\033[0m\n' "$*" >&2; }
info() { printf 'test-env: %s\n' "$*" >&2; }

BUILD_TOOLS=(debootstrap umoci skopeo curl npm node)
REGISTRY_TOOLS=(docker-registry htpasswd skopeo curl)
have_all() { local t; for t in "$@"; do command -v "$t" >/dev/null 2>&1 || return 1; done; }

install_tools() {
  have_all "${BUILD_TOOLS[@]}" "${REGISTRY_TOOLS[@]}" rpm && return 0
  if [ "$(id -u)" != 0 ]; then
    warn "debootstrap/umoci/skopeo/docker-registry/htpasswd/rpm missing and not root: real-image tests will skip"
    return 0
  fi
  info "installing test tools from Debian (debootstrap umoci skopeo docker-registry apache2-utils rpm)"
  if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    debootstrap umoci skopeo docker-registry apache2-utils rpm curl ca-certificates; } >/tmp/regscan-apt.log 2>&1; then
    warn "apt-get install failed (see /tmp/regscan-apt.log): real-image tests will skip"
  fi
}

# Debian's chromium, for the test that loads /docs in a headless browser with the network cut off
# (apps/api/test/docs.test.ts; it skips visibly without chromium, and fails under CI=true).
install_browser() {
  command -v chromium >/dev/null 2>&1 && return 0
  if [ "$(id -u)" != 0 ]; then
    warn "chromium missing and not root: the /docs browser test will skip"
    return 0
  fi
  info "installing chromium from Debian (for the /docs browser test)"
  if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    chromium; } >/tmp/regscan-apt-chromium.log 2>&1; then
    warn "apt-get install chromium failed (see /tmp/regscan-apt-chromium.log): the /docs browser test will skip"
  fi
}

# Prints the directory of the built images, building them when the cache is cold.
build_images() {
  local key dir tmp
  key=$(cd "$IMAGES_SRC" && find build-images.sh debian-mirror.sh oci-layout-tool.mjs fixtures/python -type f | LC_ALL=C sort |
    xargs sha256sum | sha256sum | cut -c1-16)
  dir="$CACHE/$key"
  if [ -f "$dir/images.json" ]; then echo "$dir"; return 0; fi
  if ! have_all "${BUILD_TOOLS[@]}" || [ "$(id -u)" != 0 ]; then
    warn "cannot build test images (needs root and ${BUILD_TOOLS[*]}): real-image tests will skip"
    return 0
  fi
  mkdir -p "$CACHE"
  tmp="$CACHE/.build-$key-$$"
  rm -rf "$tmp"
  info "building test images into $dir (once; log: $CACHE/build.log)"
  local start=$SECONDS
  if bash "$IMAGES_SRC/build-images.sh" "$tmp" >"$CACHE/build.log" 2>&1; then
    find "$CACHE" -mindepth 1 -maxdepth 1 -not -name "$key" -not -name '.build-*' -not -name build.log \
      -exec rm -rf {} +
    mv -T "$tmp" "$dir" 2>/dev/null || rm -rf "$tmp" # a concurrent run may have won the race
    info "test images built in $((SECONDS - start)) s"
    echo "$dir"
  else
    rm -rf "$tmp"
    warn "building test images failed (tail of $CACHE/build.log below): real-image tests will skip"
    tail -n 20 "$CACHE/build.log" >&2 || true
  fi
}

free_port() {
  node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

REGISTRY_PID=""
REGISTRY_DIR=""
cleanup() {
  if [ -n "$REGISTRY_PID" ]; then kill "$REGISTRY_PID" 2>/dev/null || true; wait "$REGISTRY_PID" 2>/dev/null || true; fi
  if [ -n "$REGISTRY_DIR" ]; then rm -rf "$REGISTRY_DIR"; fi
}
trap cleanup EXIT

# Starts docker-registry with htpasswd auth and pushes the test images into it.
start_registry() {
  local images=$1 port password auth
  have_all "${REGISTRY_TOOLS[@]}" || { warn "docker-registry/htpasswd/skopeo missing: registry tests will skip"; return 0; }
  REGISTRY_DIR=$(mktemp -d /tmp/regscan-registry.XXXXXX)
  port=$(free_port)
  # A UUID, like a Scaleway secret key: the API tests store it as a credential's key and pull with it.
  password=$(cat /proc/sys/kernel/random/uuid)
  htpasswd -Bbn nologin "$password" >"$REGISTRY_DIR/htpasswd" 2>/dev/null
  cat >"$REGISTRY_DIR/config.yml" <<YAML
version: 0.1
log: { level: error, accesslog: { disabled: true } }
storage: { filesystem: { rootdirectory: $REGISTRY_DIR/data }, delete: { enabled: true } }
http: { addr: "127.0.0.1:$port" }
auth: { htpasswd: { realm: regscan-test, path: $REGISTRY_DIR/htpasswd } }
YAML
  docker-registry serve "$REGISTRY_DIR/config.yml" >"$REGISTRY_DIR/registry.log" 2>&1 &
  REGISTRY_PID=$!
  local i
  for i in $(seq 1 50); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/v2/")" = 401 ] && break
    sleep 0.1
  done
  auth=$(printf 'nologin:%s' "$password" | base64 -w0)
  printf '{"auths":{"127.0.0.1:%s":{"auth":"%s"}}}' "$port" "$auth" >"$REGISTRY_DIR/auth.json"
  local dest="docker://127.0.0.1:$port/regscan" copy=(skopeo copy -q --dest-tls-verify=false --dest-authfile "$REGISTRY_DIR/auth.json")
  if "${copy[@]}" "oci:$images/oci:base" "$dest/base:latest" &&
    "${copy[@]}" --format v2s2 "oci:$images/oci:base" "$dest/base:v2s2" &&
    "${copy[@]}" "oci:$images/oci:app" "$dest/app:latest" &&
    "${copy[@]}" --all "oci:$images/oci:multi" "$dest/multi:latest" &&
    "${copy[@]}" --all --format v2s2 "oci:$images/oci:multi" "$dest/multi:v2s2"; then
    export REGSCAN_TEST_REGISTRY="127.0.0.1:$port" REGSCAN_TEST_REGISTRY_USER=nologin
    export REGSCAN_TEST_REGISTRY_PASSWORD="$password"
    info "registry on 127.0.0.1:$port (regscan/base:latest, base:v2s2, app:latest, multi:latest, multi:v2s2)"
  else
    warn "pushing test images to docker-registry failed: registry tests will skip"
  fi
}

install_tools
install_browser
IMAGES=$(build_images)
if [ -n "$IMAGES" ]; then
  export REGSCAN_TEST_IMAGES="$IMAGES"
  start_registry "$IMAGES"
fi
if [ "${REGSCAN_REQUIRE_REAL_IMAGES:-}" = 1 ] && [ -z "${REGSCAN_TEST_REGISTRY:-}" ]; then
  printf 'test-env: REGSCAN_REQUIRE_REAL_IMAGES=1 but the test images or registry are not available (see the warnings above)\n' >&2
  exit 1
fi
status=0
"$@" || status=$?
exit "$status"
