#!/usr/bin/env bash
# CI for the VS Code extension: install, typecheck, lint, unit tests, package,
# then check the .vsix contents. Run from anywhere; takes about a minute.
set -euo pipefail
cd "$(dirname "$0")"

step() { echo; echo "== $* ($(date +%T))"; }
bounded() { local t="$1"; shift; timeout --kill-after=10 "$t" "$@"; }

step "npm ci"
bounded 300 npm ci --no-audit --no-fund
step "typecheck"
bounded 120 npm run typecheck
step "lint"
bounded 120 npm run lint
step "test"
bounded 120 npm test
step "package"
rm -f graphwarden.vsix
bounded 180 npm run package

step "check graphwarden.vsix"
[ -f graphwarden.vsix ] || { echo "FAIL: graphwarden.vsix was not produced"; exit 1; }
listing="$(unzip -l graphwarden.vsix)"
echo "$listing"
fail=0
# vsce renames README.md -> readme.md, LICENSE -> LICENSE.txt
for f in extension/package.json extension/dist/extension.js extension/readme.md extension/LICENSE.txt; do
  grep -qiE "[[:space:]]$f\$" <<<"$listing" || { echo "FAIL: $f missing from the vsix"; fail=1; }
done
if grep -qE "extension/(node_modules|src|out)/" <<<"$listing"; then
  echo "FAIL: node_modules/, src/ or out/ packaged into the vsix"; fail=1
fi
if grep -qE "extension/.*\.(map|tsbuildinfo)\$|extension/.*[^d]\.ts\$" <<<"$listing"; then
  echo "FAIL: source maps or TypeScript sources packaged"; fail=1
fi
files="$(awk 'END{print $2}' <<<"$listing")"
size="$(stat -c %s graphwarden.vsix)"
echo "vsix: $files files, $size bytes"
if [ "$files" -gt 30 ]; then echo "FAIL: too many files in the vsix ($files)"; fail=1; fi
if [ "$size" -gt 2000000 ]; then echo "FAIL: vsix larger than 2 MB ($size bytes)"; fail=1; fi
# the bundle must load the language client without node_modules at run time
if ! grep -q "vscode-languageclient\|LanguageClient" dist/extension.js; then
  echo "FAIL: dist/extension.js does not bundle vscode-languageclient"; fail=1
fi
[ "$fail" -eq 0 ] || exit 1
echo "vsix ok"
