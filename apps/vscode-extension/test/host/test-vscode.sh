#!/usr/bin/env bash
# pnpm test:vscode (run under scripts/test-env.sh, which serves the test images from a local
# docker-registry): installs code-server + chromium once (.cache/vscode-host/), then runs the
# integration suite inside code-server's real extension host. Closing line: `N passed, M failed`.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../../../.." && pwd)
CODE_SERVER_DIR=$(bash "$HERE/install-code-server.sh")
cd "$ROOT"
exec node --import tsx "$HERE/run-code-server.ts" "$CODE_SERVER_DIR"
