#!/usr/bin/env bash
# The BP-vs-DFA study in one command: sets up the machine and builds cimsim if needed, runs every
# sweep of experiments/bp_vs_dfa/sweeps/ (an interrupted study resumes where it stopped: finished
# points are kept), then writes report.md with its plots (plots/) and the results tables behind
# them (data/).
#
#   experiments/bp_vs_dfa/run.sh                 # default size: 55 min on 2 cores (measured)
#   experiments/bp_vs_dfa/run.sh --workers 16    # the same on a bigger machine
#   experiments/bp_vs_dfa/run.sh --full          # all 60,000 training images, trained to converge
#   experiments/bp_vs_dfa/run.sh --smoke         # tiny data, 1 epoch, 1 seed: checks the pipeline
#   experiments/bp_vs_dfa/run.sh --full --dry-run --cimsim build/cimsim
#                                                # validate every point of that size, run nothing
#
# Default size: each nominal's own (nominal.yaml: 20,000 training images x 3 epochs; nominal_mlp:
# 60,000 x 5; nominal_cnn: 60,000 x 1), the seeds of each sweep file, all 10,000 test images.
# --full: all 60,000 training images, one seed, each nominal for the epochs its chips take to
# converge (results/bp_vs_dfa_full/, report in experiments/bp_vs_dfa/full/). The epochs come from
# training each nominal chip on 60,000 images for 20 epochs, seed 1 (test accuracy, BP / DFA):
# NeuroSim 96.4 / 95.2 % after 10 epochs, 96.9 / 95.7 % after 20; MLP 96.0 / 95.8 % after 10,
# 96.2 / 96.4 % after 20; CNN 98.5 / 95.5 % after 5, 98.7 / 95.5 % after 20 (with its constant
# learning rate the later epochs are noisier, not better: DFA 93.6-96.3 %, BP down to 95.9 % once).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
size=default
workers="$(nproc)"
cimsim=""
dry_run=0
while [ $# -gt 0 ]; do
  case "$1" in
    --full) size=full ;;
    --smoke) size=smoke ;;
    --workers) workers="$2"; shift ;;
    --cimsim) cimsim="$2"; shift ;;
    --dry-run) dry_run=1 ;;
    *) echo "usage: $0 [--full | --smoke] [--workers N] [--cimsim BINARY] [--dry-run]" >&2; exit 2 ;;
  esac
  shift
done
results_of() { echo "$root/results/bp_vs_dfa$([ "$1" = default ] || echo "_$1")"; }
results="$(results_of "$size")"
case "$size" in
  default) report="$here"; other=full ;;
  full) report="$here/full"; other=default ;;
  smoke) report="$results/report"; other="" ;;
esac
# The --set/--seeds options that give one sweep file this size.
resize() {
  case "$size" in
    default) ;;
    smoke) echo --set data.train_limit=300 --set data.test_limit=300 --set train.epochs=1 --seeds 1 ;;
    full)
      local base epochs
      base="$(sed -n 's/^base: *//p' "$1")"
      case "$base" in
        ../nominal.yaml | ../nominal_mlp.yaml) epochs=10 ;;
        ../nominal_cnn.yaml) epochs=5 ;;
        *) echo "run.sh: $1: no --full size for base '$base'" >&2; return 1 ;;
      esac
      echo --set data.train_limit=0 --set train.epochs=$epochs --seeds 1 ;;
  esac
}

if [ -z "$cimsim" ]; then
  "$root/scripts/setup.sh"
  "$root/scripts/build.sh"
  cimsim="$root/build/cimsim"
fi
cd "$root"
if [ "$dry_run" = 1 ]; then
  for sweep in "$here"/sweeps/*.yaml; do
    options="$(resize "$sweep")"
    # shellcheck disable=SC2086  # options are words without spaces
    "$cimsim" sweep "$sweep" $options --dry-run --out "$results/$(basename "$sweep" .yaml)"
  done
  exit 0
fi
# $results/wall_s sums the wall time every invocation spent on the sweeps (report.py states it),
# so a study that was interrupted and resumed still reports the time it took.
mkdir -p "$results"
rm -f "$results/complete"
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
  options="$(resize "$sweep")"
  # shellcheck disable=SC2086  # options are words without spaces
  "$cimsim" sweep "$sweep" $options --workers "$workers" --out "$results/$(basename "$sweep" .yaml)" \
    --no-plot
  add_wall
done
trap - EXIT
touch "$results/complete"  # every sweep ran: report.py may set this study beside the other size
compare=()
if [ -n "$other" ] && [ -f "$(results_of "$other")/complete" ]; then
  compare=(--compare "$other" "$(results_of "$other")")
fi
/usr/bin/python3 "$here/report.py" --results "$results" --out "$report" --cimsim "$cimsim" \
  --size "$size" "${compare[@]}"
