#!/usr/bin/env bash
# Makes sure the Debian packages the Python client needs are installed: runtime (python3-grpcio,
# python3-protobuf, python3-tenacity, python3-consul2), build and test tooling (python3-venv,
# python3-pip, python3-setuptools, python3-pytest, python3-pyflakes) and the stub generator (protoc 3.21 and
# grpc_python_plugin). Installs what is missing with apt (as root, or with sudo).
set -euo pipefail

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi

missing=()
for module in grpc:python3-grpcio google.protobuf:python3-protobuf tenacity:python3-tenacity \
  consul:python3-consul2 pytest:python3-pytest pyflakes:python3-pyflakes setuptools:python3-setuptools pip:python3-pip; do
  /usr/bin/python3 -c "import ${module%%:*}" 2>/dev/null || missing+=("${module#*:}")
done
/usr/bin/python3 -c 'import ensurepip, venv' 2>/dev/null || missing+=(python3-venv)
command -v protoc >/dev/null || missing+=(protobuf-compiler)
command -v grpc_python_plugin >/dev/null || missing+=(protobuf-compiler-grpc)
if [ ${#missing[@]} -gt 0 ]; then
  echo "[ensure-python] installing: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
