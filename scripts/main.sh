#!/usr/bin/env bash
# The main job: set up the machine, fetch the data, build, and run the default experiment, which
# trains on MNIST and prints its accuracy and cost report.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/setup.sh"
"$root/scripts/build.sh"
cd "$root"
exec ./build/cimsim run configs/experiments/default.yaml "$@"
