#!/usr/bin/env bash
# The OpenAPI document against Redocly's `recommended` rules (npm @redocly/cli, pinned in
# package-lock.json here; `npm ci` by scripts/test.sh): passes with no error and no warning.
# Offline: Redocly's telemetry and update check are off, the document has no remote $ref.
# Usage: lint.sh OPENAPI_DUMP NODE
set -euo pipefail
dump=$1 node=$2
here=$(cd "$(dirname "$0")" && pwd)
cli=$here/node_modules/@redocly/cli/bin/cli.js
if [ ! -f "$cli" ]; then
  echo "no $cli: run 'npm ci' in tests/openapi (scripts/test.sh does)" >&2
  exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$dump" "$work/openapi.json"
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true NO_COLOR=1
# The rules of redocly.yaml (recommended, with every exception justified there).
cd "$here"
set +e
"$node" "$cli" lint --config "$here/redocly.yaml" --format stylish "$work/openapi.json" \
  >"$work/lint.txt" 2>&1
status=$?
set -e
cat "$work/lint.txt"
[ "$status" -eq 0 ] || exit "$status"
# Warnings do not fail redocly itself (exit 0, "valid … You have 1 warning."): they fail this
# test. A problem line of the stylish format is "  LINE:COL  warning|error  rule  message".
if grep -Eq '^ *[0-9]+:[0-9]+ +(warning|error) ' "$work/lint.txt" ||
  grep -Eq 'You have [0-9]+ warning' "$work/lint.txt"; then
  echo "redocly lint reported problems" >&2
  exit 1
fi
