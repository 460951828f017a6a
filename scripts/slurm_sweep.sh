#!/bin/bash
# Runs a cimsim sweep on a Slurm cluster: a job array of N tasks (one shard each,
# experiments/slurm_sweep.sh) and a merge job that starts when every task succeeded
# (sbatch --dependency=afterok) and joins the shard tables into OUT/results.csv.
#
#   scripts/slurm_sweep.sh submit   SWEEP.yaml N OUT [cimsim sweep options]
#       submits the array (tasks 0..N-1) and the merge job; prints "array JOB merge JOB"
#   scripts/slurm_sweep.sh resubmit SWEEP.yaml N OUT K [cimsim sweep options]
#       submits task K (0-based) again, e.g. after it was cancelled, preempted or timed out (it
#       resumes from its table), and a merge job after it; prints "task JOB merge JOB". Its merge
#       waits for that task only: resubmit once the array's other tasks are done.
#   scripts/slurm_sweep.sh merge    N OUT
#       what the merge job runs: cimsim merge OUT/results.csv OUT/results-*-of-N.csv
#
# Run from the repository root with cimsim built in build/ (or CIMSIM=path), on a file system the
# nodes share. SBATCH_* environment variables and extra sbatch options (SBATCH_ARGS, e.g.
# "--partition=debug --cpus-per-task=2") pass through to sbatch.
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
cimsim=${CIMSIM:-./build/cimsim}
read -r -a extra <<< "${SBATCH_ARGS:-}"

usage() {
  sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

submit_merge() {  # DEPENDENCY N OUT
  sbatch --parsable "${extra[@]}" --job-name=cimsim-merge --dependency="$1" --kill-on-invalid-dep=yes \
    --output="$3/slurm-merge-%j.out" --export=ALL,CIMSIM="$cimsim" \
    "$here/scripts/slurm_sweep.sh" merge "$2" "$3"
}

case "${1:-}" in
  submit)
    [ $# -ge 4 ] || usage
    sweep=$2 n=$3 out=$4
    shift 4
    mkdir -p "$out"
    array=$(sbatch --parsable "${extra[@]}" --array="0-$((n - 1))" --output="$out/slurm-%A_%a.out" \
      --export=ALL,CIMSIM="$cimsim" "$here/experiments/slurm_sweep.sh" "$sweep" "$n" --out "$out" "$@")
    array=${array%%;*}
    merge=$(submit_merge "afterok:$array" "$n" "$out")
    echo "array $array merge ${merge%%;*}"
    ;;
  resubmit)
    [ $# -ge 5 ] || usage
    sweep=$2 n=$3 out=$4 k=$5
    shift 5
    task=$(sbatch --parsable "${extra[@]}" --array="$k" --output="$out/slurm-%A_%a.out" \
      --export=ALL,CIMSIM="$cimsim" "$here/experiments/slurm_sweep.sh" "$sweep" "$n" --out "$out" "$@")
    task=${task%%;*}
    merge=$(submit_merge "afterok:$task" "$n" "$out")
    echo "task $task merge ${merge%%;*}"
    ;;
  merge)
    [ $# -eq 3 ] || usage
    n=$2 out=$3
    tables=()
    for k in $(seq 1 "$n"); do tables+=("$out/results-$k-of-$n.csv"); done
    exec "$cimsim" merge "$out/results.csv" "${tables[@]}"
    ;;
  *) usage ;;
esac
