#!/usr/bin/env bash
# The BP-vs-DFA study in one command: sets up the machine and builds cimsim if needed, runs every
# sweep of experiments/bp_vs_dfa/sweeps/ (an interrupted study resumes where it stopped: finished
# points are kept), then writes report.md with its plots (plots/) and the results tables behind
# them (data/).
#
#   experiments/bp_vs_dfa/run.sh                 # default size: 65 min on 2 cores (measured)
#   experiments/bp_vs_dfa/run.sh --workers 16    # the same on a bigger machine
#   experiments/bp_vs_dfa/run.sh --full          # all 60,000 training images, 10 epochs, 3 seeds
#   experiments/bp_vs_dfa/run.sh --smoke         # tiny data, 1 epoch, 1 seed: checks the pipeline
#
# Default size: each nominal's own (nominal.yaml: 20,000 training images x 3 epochs; nominal_mlp:
# 60,000 x 5; nominal_cnn: 60,000 x 1), the seeds of each sweep file, all 10,000 test images.
# --full trains every sweep on all 60,000 images for 10 epochs with 3 seeds
# (results/bp_vs_dfa_full/, report in experiments/bp_vs_dfa/full/).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
size=default
workers="$(nproc)"
while [ $# -gt 0 ]; do
  case "$1" in
    --full) size=full ;;
    --smoke) size=smoke ;;
    --workers) workers="$2"; shift ;;
    *) echo "usage: $0 [--full | --smoke] [--workers N]" >&2; exit 2 ;;
  esac
  shift
done
case "$size" in
  default) resize=(); results="$root/results/bp_vs_dfa"; report="$here" ;;
  full) resize=(--set data.train_limit=0 --set train.epochs=10 --seeds 3)
        results="$root/results/bp_vs_dfa_full"; report="$here/full" ;;
  smoke) resize=(--set data.train_limit=300 --set data.test_limit=300 --set train.epochs=1 --seeds 1)
         results="$root/results/bp_vs_dfa_smoke"; report="$root/results/bp_vs_dfa_smoke/report" ;;
esac

"$root/scripts/setup.sh"
"$root/scripts/build.sh"
cimsim="$root/build/cimsim"
cd "$root"
# $results/wall_s sums the wall time every invocation spent on the sweeps (report.py states it),
# so a study that was interrupted and resumed still reports the time it took.
mkdir -p "$results"
mark_s=$(date +%s)
add_wall() {
  local now_s before_s=0
  now_s=$(date +%s)
  [ -f "$results/wall_s" ] && before_s=$(cat "$results/wall_s")
  echo $(( before_s + now_s - mark_s )) > "$results/wall_s.tmp"
  mv "$results/wall_s.tmp" "$results/wall_s"
  mark_s=$now_s
}
trap add_wall EXIT
for sweep in "$here"/sweeps/*.yaml; do
  name="$(basename "$sweep" .yaml)"
  "$cimsim" sweep "$sweep" "${resize[@]}" --workers "$workers" --out "$results/$name" --no-plot
  add_wall
done
trap - EXIT
/usr/bin/python3 "$here/report.py" --results "$results" --out "$report" --cimsim "$cimsim" \
  --size "$size"
