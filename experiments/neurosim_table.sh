#!/usr/bin/env bash
# Accuracy of in-situ training on the NeuroSim MLP set-up (configs/experiments/neurosim_agsi_bp.yaml)
# for each NeuroSim device preset, BP vs DFA, both pulse-rounding rules, next to the ideal device
# and the software baseline. Prints a Markdown table of the test accuracy after EPOCHS epochs.
# Usage: experiments/neurosim_table.sh [EPOCHS] (default 5); results under results/neurosim_table/.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
epochs="${1:-5}"
cimsim=./build/cimsim
config=configs/experiments/neurosim_agsi_bp.yaml
accuracy() {  # test accuracy (%) of the last epoch of a run folder
  tail -n 1 "$1/metrics.csv" | awk -F, '{printf "%.2f", 100 * $7}'
}
run() {  # name, then --set overrides
  local name="$1"
  shift
  "$cimsim" -q run "$config" --set train.epochs="$epochs" "$@" --out "results/neurosim_table/$name" >/dev/null
  accuracy "results/neurosim_table/$name"
}
echo "| device | BP, nearest | DFA, nearest | BP, stochastic rounding | DFA, stochastic rounding |"
echo "|---|---|---|---|---|"
for device in agsi taox_hfox pcmo alox_hfo2 epiram ideal; do
  row="| $device"
  for rounding in nearest stochastic; do
    for trainer in bp dfa; do
      row="$row | $(run "${device}_${trainer}_${rounding}" --set hardware.device.preset="$device" \
        --set train.trainer.type="$trainer" --set hardware.crossbar.pulse_rounding="$rounding")"
    done
  done
  echo "$row |" | awk -F' \\| ' '{print $1" | "$2" | "$3" | "$4" | "$5" |"}' | sed 's/| |$/|/'
done
echo "| software (float) | $(run software_bp --set hardware.array=software) | $(run software_dfa --set hardware.array=software --set train.trainer.type=dfa) | | |"
