#!/usr/bin/env bash
# Checks that every C++ file in the repository is formatted by .clang-format (Debian's
# clang-format, installed by scripts/setup.sh --format). With --fix, formats them in place.
# Usage: scripts/check_format.sh [--fix]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
command -v clang-format >/dev/null 2>&1 || "$root/scripts/setup.sh" --no-data --format
cd "$root"
mapfile -t files < <(git ls-files '*.cpp' '*.hpp')
if [ "${1:-}" = "--fix" ]; then
  clang-format -i "${files[@]}"
else
  clang-format --dry-run -Werror "${files[@]}"
  echo "clang-format: ${#files[@]} files formatted"
fi
