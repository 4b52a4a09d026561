#!/usr/bin/env bash
# The Python client's part of `npm test`: Debian packages present, generated stubs current, the package
# installed into a fresh virtual environment (Debian's python3 with --system-site-packages: no download),
# then pytest (unit, integration and the usage guide's code blocks against a real stack).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-python.sh

echo "== Python stubs are current"
bash scripts/generate-python.sh >/dev/null
if [ -n "$(git status --porcelain -- clients/python/grpc_clients/proto 2>/dev/null)" ]; then
  git --no-pager status --short -- clients/python/grpc_clients/proto | head -20
  echo "clients/python/grpc_clients/proto is out of date: run 'npm run generate:python' and commit the result" >&2
  exit 1
fi

echo "== Python lint (pyflakes)"
/usr/bin/python3 -m pyflakes clients/python/grpc_clients/*.py clients/python/tests/*.py

echo "== Python client (pytest)"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
venv="${ISA_PYTHON_VENV:-$scratch/venv}"
/usr/bin/python3 -m venv --system-site-packages "$venv"
"$venv/bin/python" -m pip install --quiet --no-build-isolation --no-index ./clients/python
# Run from the tests folder so the installed package, not the source tree, is what the tests import.
rm -rf clients/python/build clients/python/*.egg-info
(cd clients/python/tests && "$venv/bin/python" -m pytest -q -p no:cacheprovider "$@")
