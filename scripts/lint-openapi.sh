#!/usr/bin/env bash
# `pnpm lint:openapi`: writes the API's OpenAPI document from the app (the Node composition root on a
# temporary database, no server) and lints it with Spectral (.spectral.yaml) and Redocly
# (redocly.yaml). Any error or warning fails. Offline: neither linter fetches anything.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
DOC="$OUT/openapi.json"
pnpm exec tsx apps/api/scripts/write-openapi.ts "$DOC"
echo "lint-openapi: Spectral (spectral:oas)"
pnpm exec spectral lint "$DOC" --ruleset .spectral.yaml --fail-severity=warn
echo "lint-openapi: Redocly (recommended-strict)"
# No telemetry, no update check (the CI machine reaches no one but the package registries).
REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true pnpm exec redocly lint "$DOC" --config redocly.yaml
