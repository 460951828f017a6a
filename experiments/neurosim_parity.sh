#!/usr/bin/env bash
# cimsim's side of the NeuroSim parity table (docs/neurosim_parity.md): configs/experiments/
# neurosim_mlp_v3.yaml on each NeuroSim device preset, seeds 1..SEEDS (default 2), EPOCHS epochs
# (default 3).
# Prints per device and seed the test accuracy after every epoch, the NeuroSim-view cost per epoch
# (results/<run>/neurosim_view.json: the recorded events of all epochs averaged per epoch; each
# epoch on its own in neurosim_epochs.csv, tabulated by experiments/neurosim_parity_cost.py, accuracy
# by experiments/neurosim_parity_accuracy.py; reads of
# the training forward passes, as NeuroSim prints them) and the
# wall time per epoch. EpiRAM runs with the 64 levels of the NeuroSim V3.0 manual's device table.
# Seed labels 1..SEEDS as in docs/neurosim_reference.md: label L runs cimsim with seed L - 1, the
# NS_SEED of NeuroSim's run L, so that (train.sampling: neurosim_c_rand) both train on the same
# images in the same order.
# Usage: experiments/neurosim_parity.sh [EPOCHS] [SEEDS]; results under results/neurosim_parity/.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
epochs="${1:-3}"
seeds="${2:-2}"
echo "| device | seed | test accuracy per epoch (%) | read s | read J | write s | write J | synaptic core m^2 | neuron periphery m^2 | wall s per epoch |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for device in agsi taox_hfox pcmo alox_hfo2 epiram; do
  extra=()
  if [ "$device" = epiram ]; then extra=(--set hardware.device.levels_ltp=64 --set hardware.device.levels_ltd=64); fi
  for seed in $(seq 1 "$seeds"); do
    out="results/neurosim_parity/${device}_s${seed}"
    ./build/cimsim -q run configs/experiments/neurosim_mlp_v3.yaml --set train.epochs="$epochs" \
      --set hardware.device.preset="$device" --set seed="$((seed - 1))" "${extra[@]}" --out "$out" >/dev/null
    acc=$(awk -F, 'NR>1{printf "%s%.2f", (NR>2?" / ":""), 100*$7}' "$out/metrics.csv")
    wall=$(awk -F, 'NR>1{s+=$8; n++} END{printf "%.2f", s/n}' "$out/metrics.csv")
    view=$(python3 -c "import json,sys; v=json.load(open('$out/neurosim_view.json')); print(' | '.join('%.3g' % v[k] for k in ('read_latency_per_epoch_s','read_energy_per_epoch_j','write_latency_per_epoch_s','write_energy_per_epoch_j','synaptic_core_area_m2','neuron_periphery_area_m2')))")
    echo "| $device | $seed | $acc | $view | $wall |"
  done
done
