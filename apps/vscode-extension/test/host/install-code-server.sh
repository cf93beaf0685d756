#!/usr/bin/env bash
# Installs what the integration suite needs to run INSIDE a real VS Code extension host, offline:
# code-server 4.100.3 (= VS Code 1.100.3, its real Node extension host) from npm, and Debian's
# chromium to open its workbench (driven by playwright-core, a devDependency). Prints the folder of
# the install: .cache/vscode-host/code-server-<version> (kept between runs; ~2 min cold, ~340 MB).
# Recipe adapted from the team's verified notes on running VS Code extension tests in code-server.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../../.." && pwd)
CS_VERSION=4.100.3
# @vscode/ripgrep's postinstall downloads rg from GitHub; code-server 4.100.3 pins @vscode/ripgrep
# 1.15.11, whose cache file name is below. The npm package @vscode/ripgrep-linux-x64 ships the binary.
RG_CACHE_NAME=vscode-ripgrep-cache-1.15.11
RG_ARCHIVE=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz
RG_PACKAGE_VERSION=1.18.0
DIR="$ROOT/.cache/vscode-host/code-server-$CS_VERSION"
info() { printf 'vscode-host: %s\n' "$*" >&2; }

# 1. system packages: chromium (the browser), libkrb5-dev + a compiler (code-server's native modules)
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need+=(libkrb5-dev)
{ command -v g++ && command -v make; } >/dev/null 2>&1 || need+=(build-essential)
command -v python3 >/dev/null 2>&1 || need+=(python3)
if [ ${#need[@]} -gt 0 ]; then
  [ "$(id -u)" = 0 ] || { info "missing ${need[*]} and not root: install them first"; exit 1; }
  info "installing ${need[*]} from Debian"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}"; } >/tmp/regscan-vscode-apt.log 2>&1 ||
    { tail -20 /tmp/regscan-vscode-apt.log >&2; exit 1; }
fi

# 2. code-server from npm, once (a finished install leaves .complete; a half one is started over)
if [ ! -f "$DIR/.complete" ]; then
  start=$SECONDS
  info "installing code-server $CS_VERSION into $DIR (once)"
  rm -rf "$DIR"
  mkdir -p "$DIR/tmp/$RG_CACHE_NAME" "$DIR/rgpkg"
  (
    cd "$DIR"
    echo '{"name":"vscode-host","private":true}' >package.json
    export TMPDIR="$DIR/tmp"
    # Run under pnpm, the environment carries pnpm's npm_config_* (npm_config_user_agent=pnpm/...):
    # npm would take them as its own config, and code-server's postinstall then refuses "pnpm".
    while IFS= read -r var; do unset "$var"; done < <(env | sed -n 's/^\(npm_[A-Za-z0-9_]*\)=.*/\1/p')
    npm pack --silent --pack-destination rgpkg "@vscode/ripgrep-linux-x64@$RG_PACKAGE_VERSION" >/dev/null
    tar xzf "rgpkg/vscode-ripgrep-linux-x64-$RG_PACKAGE_VERSION.tgz" -C rgpkg
    tar czf "tmp/$RG_CACHE_NAME/$RG_ARCHIVE" -C rgpkg/package/bin rg
    # unsafe_perm: code-server's postinstall refuses root without it; yes: node-pty's postinstall
    # runs `npx node-gyp`, which otherwise waits for a confirmation that never comes.
    npm_config_unsafe_perm=true npm_config_yes=true npm install --no-audit --no-fund --no-save \
      "code-server@$CS_VERSION" >install.log 2>&1 || { tail -40 install.log >&2; exit 1; }
    rm -rf rgpkg
  )
  [ -x "$DIR/node_modules/.bin/code-server" ] || { info "code-server did not install (see $DIR/install.log)"; exit 1; }
  touch "$DIR/.complete"
  info "code-server installed in $((SECONDS - start)) s"
fi
echo "$DIR"
