#!/usr/bin/env bash
# The whole test command (`npm test`): backends up, generated code current, lint, types, then every test.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-backends.sh

echo "== generated code is current"
npx buf generate
if [ -n "$(git status --porcelain -- packages/api/src/gen 2>/dev/null)" ]; then
  git --no-pager diff --stat -- packages/api/src/gen
  echo "packages/api/src/gen is out of date: run 'npm run generate' and commit the result" >&2
  exit 1
fi

echo "== lint (buf, biome)"
npx buf lint
npx biome check .

echo "== type-check"
npx tsc -p .

echo "== tests"
npx vitest run "$@"

bash scripts/test-python.sh
