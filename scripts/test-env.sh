#!/usr/bin/env bash
# Runs a command (the test suite) with the services the tests need. Filled in by the scanner work.
set -euo pipefail
exec "$@"
