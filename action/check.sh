#!/usr/bin/env bash
# The work of the graphwarden GitHub Action (action.yml runs it; tests run it locally).
#
# Two checks of the same store: the first writes SARIF and never fails (code
# scanning must get the report either way), the second prints GitHub
# annotations and exits 1 on violations at or above GRAPHWARDEN_FAIL_ON. The
# second reuses the first's index and cached results, so it costs little.
#
# Environment: GRAPHWARDEN_PATH, GRAPHWARDEN_FAIL_ON, GRAPHWARDEN_SARIF,
# GRAPHWARDEN_NEW_SINCE (optional), GITHUB_OUTPUT (set by the runner).
set -uo pipefail
path=${GRAPHWARDEN_PATH:-.}
fail_on=${GRAPHWARDEN_FAIL_ON:-error}
sarif=${GRAPHWARDEN_SARIF:-graphwarden.sarif}
since=${GRAPHWARDEN_NEW_SINCE:-}
output=${GITHUB_OUTPUT:-/dev/null}

args=(check "$path")
if [ -n "$since" ]; then
  args+=(--new-since "$since")
fi

graphwarden "${args[@]}" --format sarif --output "$sarif" --fail-on never
status=$?
if [ "$status" -ne 0 ]; then
  # A usage or configuration error (exit 2): graphwarden said why on stderr.
  echo "::error title=graphwarden::graphwarden could not check $path (exit $status)"
  echo "exit-code=$status" >>"$output"
  exit "$status"
fi
echo "sarif-file=$sarif" >>"$output"

graphwarden "${args[@]}" --format github --fail-on "$fail_on"
status=$?
echo "exit-code=$status" >>"$output"
exit "$status"
