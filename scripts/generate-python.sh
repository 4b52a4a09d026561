#!/usr/bin/env bash
# Generates the Python stubs of clients/python (package grpc_clients.proto) from proto/ with Debian's
# protoc 3.21 and grpc_python_plugin (Debian's python3-grpc-tools bundles protoc 3.5, which rejects
# proto3 `optional`). The output is checked in; scripts/test-python.sh fails when it is not current.
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in protoc grpc_python_plugin; do
  command -v "$tool" >/dev/null || { echo "$tool missing: apt-get install protobuf-compiler protobuf-compiler-grpc" >&2; exit 1; }
done

out=clients/python/grpc_clients/proto
rm -rf "$out"
mkdir -p "$out"
mapfile -t files < <(cd proto && find isa grpc/health -name '*.proto' | LC_ALL=C sort)
(cd proto && protoc -I . --python_out="../$out" --pyi_out="../$out" \
  --grpc_out="../$out" --plugin=protoc-gen-grpc="$(command -v grpc_python_plugin)" "${files[@]}")

# Generated modules import each other by their proto path ("from isa.minio.v1 import ..."); inside the
# package that path lives under grpc_clients.proto, so the imports are rewritten to it.
find "$out" -name '*.py' -o -name '*.pyi' | LC_ALL=C sort | while read -r f; do
  sed -i -E 's/^from (isa|grpc\.health)(\.[a-z0-9_.]+)? import/from grpc_clients.proto.\1\2 import/' "$f"
done
find "$out" -type d | while read -r d; do : > "$d/__init__.py"; done

# The usage guide's module names (`from grpc_clients.proto import duckdb_service_pb2`).
for svc in minio duckdb mqtt loki redis nats supabase; do
  for suffix in pb2 pb2_grpc; do
    cat > "$out/${svc}_service_${suffix}.py" <<PY
"""The usage guide's name for isa/${svc}/v1/${svc}.proto's generated module (generated, do not edit)."""
from grpc_clients.proto.isa.${svc}.v1.${svc}_${suffix} import *  # noqa: F401,F403
PY
  done
done
echo "generated $(find "$out" -name '*_pb2*.py' | wc -l) modules in $out"
