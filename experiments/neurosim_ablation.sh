#!/usr/bin/env bash
# One-at-a-time ablation of configs/experiments/neurosim_mlp_v3.yaml: each NeuroSim choice set
# back to cimsim's default, the rest kept. Prints the mean test accuracy of seeds 1..SEEDS
# (default 2) after epochs 1 / 2 / 3 (docs/neurosim_parity.md).
# Usage: experiments/neurosim_ablation.sh [PRESET] [SEEDS] (default agsi, 2); results under
# results/neurosim_ablation/.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
device="${1:-agsi}"
seeds="${2:-2}"
run() {  # folder name, label, then --set overrides
  local name="$1" label="$2"
  shift 2
  for seed in $(seq 1 "$seeds"); do
    ./build/cimsim -q run configs/experiments/neurosim_mlp_v3.yaml --set hardware.device.preset="$device" \
      --set seed="$seed" "$@" --out "results/neurosim_ablation/${device}_${name}_s${seed}" >/dev/null
  done
  local means
  means=$(for seed in $(seq 1 "$seeds"); do
    awk -F, 'NR>1{print NR-1, 100*$7}' "results/neurosim_ablation/${device}_${name}_s${seed}/metrics.csv"
  done | awk '{s[$1]+=$2; n[$1]++} END{for(e=1;e in n;e++) printf "%s%.1f", (e>1?" / ":""), s[e]/n[e]}')
  echo "| $label | $means |"
}
echo "| $device: changed from neurosim_mlp_v3.yaml | mean test accuracy, epochs 1 / 2 / 3 (%) |"
echo "|---|---|"
run none_neurosim_s_choices "none (NeuroSim's choices)"
run mse_convention_half "mse_convention: half" --set model.mse_convention=half
run learning_rate_scale_1_on_layer_2 "learning_rate_scale 1 on layer 2" --set 'model.layers[1].learning_rate_scale=1.0'
run bias_true "bias: true" --set model.bias=true
run init_uniform "init: uniform" --set model.init=uniform
run normalize_unit "normalize: unit" --set data.normalize=unit
run input_scale_sample_max "input_scale: sample_max" --set hardware.crossbar.input_scale=sample_max
run adc_range_calibrated "adc_range: calibrated" --set hardware.crossbar.adc_range=calibrated
run read_gain_1 "read_gain: 1" --set hardware.crossbar.read_gain=1.0
run backward_analog "backward: analog" --set hardware.crossbar.backward=analog
run pulse_step_first_pulse "pulse_step: first_pulse" --set hardware.crossbar.pulse_step=first_pulse
run initial_conductance_exact "initial_conductance: exact" --set hardware.crossbar.initial_conductance=exact
run access_resistance_ohm_0 "access_resistance_ohm: 0" --set hardware.crossbar.access_resistance_ohm=0
run ir_drop_none "ir_drop: none (no wire resistance)" --set hardware.crossbar.ir_drop=none
run sampling_permutation "sampling: permutation of the first 8000" --set train.sampling=permutation \
  --set data.train_limit=8000 --set train.samples_per_epoch=0
run init_seed_run "init_seed: -1 (the run's seed)" --set model.init_seed=-1
run full_range_pulses_levels_minus_one "full_range_pulses: levels_minus_one" \
  --set hardware.device.full_range_pulses=levels_minus_one
run bounds_position "bounds: position" --set hardware.device.bounds=position
