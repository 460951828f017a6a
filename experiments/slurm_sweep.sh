#!/bin/bash
# Runs a cimsim sweep as a Slurm job array: task i runs shard i+1 of N, writing
# results/<sweep>/results-<i+1>-of-<N>.csv; after the array, join the shards with
#   cimsim merge results/<sweep>/results.csv results/<sweep>/results-*-of-<N>.csv
# Usage (from the repository root, with cimsim built in build/):
#   sbatch --array=0-7 experiments/slurm_sweep.sh configs/sweeps/neurosim_nonlinearity.yaml
# Each task runs its points on the CPUs Slurm gives it (--cpus-per-task); a task that is
# preempted or times out can be resubmitted as it is: it skips the points its table already has.
#SBATCH --job-name=cimsim-sweep
#SBATCH --cpus-per-task=4
#SBATCH --time=02:00:00
#SBATCH --output=slurm-%A_%a.out
set -euo pipefail

if [ $# -lt 1 ]; then
  echo "usage: sbatch --array=0-N experiments/slurm_sweep.sh SWEEP.yaml [cimsim sweep options]" >&2
  exit 2
fi
sweep_file=$1
shift
cimsim=${CIMSIM:-./build/cimsim}
shard="$((SLURM_ARRAY_TASK_ID + 1))/${SLURM_ARRAY_TASK_COUNT}"
exec "$cimsim" sweep "$sweep_file" --shard "$shard" --workers "${SLURM_CPUS_PER_TASK:-1}" "$@"
