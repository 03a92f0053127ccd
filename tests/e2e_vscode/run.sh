#!/usr/bin/env bash
# Real-client e2e test of the VS Code extension in code-server + headless chromium.
#   GRAPHWARDEN_BIN=/path/to/graphwarden tests/e2e_vscode/run.sh
#   tests/e2e_vscode/run.sh --smoke       # no server: checks the "not found" error
# Builds editors/vscode/graphwarden.vsix if it is missing (or REBUILD_VSIX=1).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
"$HERE/setup.sh" >/dev/null
VSIX="${VSIX:-$REPO/editors/vscode/graphwarden.vsix}"
if [ ! -f "$VSIX" ] || [ "${REBUILD_VSIX:-0}" = 1 ]; then
  (cd "$REPO/editors/vscode" && timeout 300 npm ci --no-audit --no-fund >/dev/null && timeout 180 npm run package >/dev/null)
fi
if [ -n "${GRAPHWARDEN_BIN:-}" ]; then export GRAPHWARDEN_BIN="$(cd "$(dirname "$GRAPHWARDEN_BIN")" && pwd)/$(basename "$GRAPHWARDEN_BIN")"; fi
export VSIX
exec timeout --kill-after=15 "$(( ${E2E_TIMEOUT_S:-300} + 60 ))" node "$HERE/run.mjs" "$@"
