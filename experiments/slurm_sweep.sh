#!/bin/bash
# One task of a cimsim sweep run as a Slurm job array: array task i runs shard i+1 of N, writing
# OUT/results-<i+1>-of-<N>.csv. Submit it (and the merge job) with scripts/slurm_sweep.sh:
#   scripts/slurm_sweep.sh submit configs/sweeps/neurosim_nonlinearity.yaml 8 results/nonlinearity
# or by hand (N is given explicitly, so a single task resubmitted with --array=K keeps its shard):
#   sbatch --array=0-7 experiments/slurm_sweep.sh SWEEP.yaml 8 --out results/nonlinearity
# Each task runs its points on the CPUs Slurm gives it (--cpus-per-task). A task that is
# preempted, cancelled or times out can be resubmitted as it is: it skips the points its table
# already has (Slurm's SIGTERM stops it cleanly; even a SIGKILL loses at most the running points).
#SBATCH --job-name=cimsim-sweep
#SBATCH --cpus-per-task=4
#SBATCH --time=02:00:00
#SBATCH --output=slurm-%A_%a.out
set -euo pipefail

if [ $# -lt 2 ] || [ -z "${SLURM_ARRAY_TASK_ID:-}" ]; then
  echo "usage: sbatch --array=0-(N-1) experiments/slurm_sweep.sh SWEEP.yaml N [cimsim sweep options]" >&2
  exit 2
fi
sweep_file=$1
shards=$2
shift 2
cimsim=${CIMSIM:-./build/cimsim}
shard="$((SLURM_ARRAY_TASK_ID + 1))/$shards"
# exec: Slurm's SIGTERM (scancel, preemption, time limit) reaches cimsim, which stops cleanly.
exec "$cimsim" sweep "$sweep_file" --shard "$shard" --workers "${SLURM_CPUS_PER_TASK:-1}" "$@"
