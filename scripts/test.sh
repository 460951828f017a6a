#!/usr/bin/env bash
# Builds cimsim and runs the whole test suite (unit tests use small data they generate).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/setup.sh" --no-data
"$root/scripts/build.sh" -DCIMSIM_WERROR=ON
cd "$root/build"
ctest --output-on-failure -j"$(nproc)"
