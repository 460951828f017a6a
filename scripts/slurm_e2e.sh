#!/bin/bash
# End-to-end test of the Slurm path (scripts/slurm_sweep.sh) against a real Slurm: installs
# Debian's slurm-wlm and munge if missing (apt-get; run as root), starts a single-node cluster on
# this machine (munged, slurmctld and slurmd with a generated slurm.conf on localhost, state in a
# temporary folder), submits a 40-point training sweep as a 4-task job array with its merge job,
# cancels one task while it runs, resubmits it, lets the merge job join the shard tables, and
# checks the merged table equals a local run of the same sweep row for row (all columns but
# wall_s). Stops every daemon it started. Exits 0 when the check passes.
#   scripts/slurm_e2e.sh [--keep]    # --keep: leave the work folder for inspection
# Needs build/cimsim; fetches MNIST into data/ if missing (scripts/fetch_data.sh). About a minute
# on 2 cores once the packages are installed.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
keep=0
[ "${1:-}" = --keep ] && keep=1
cimsim="$root/build/cimsim"
[ -x "$cimsim" ] || { echo "slurm_e2e: build cimsim first (scripts/build.sh)" >&2; exit 2; }
"$root/scripts/fetch_data.sh"  # MNIST in data/mnist (does nothing when it is there)
log() { echo "slurm_e2e: $(date +%T) $*"; }

if ! command -v slurmctld > /dev/null || ! command -v munged > /dev/null; then
  log "installing slurm-wlm and munge"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q slurm-wlm munge > /dev/null
fi

work=$(mktemp -d /tmp/cimsim_slurm_e2e.XXXXXX)
pids=()
cleanup() {
  set +e
  if [ -f "$work/slurm.conf" ]; then SLURM_CONF="$work/slurm.conf" scancel --user=root > /dev/null 2>&1; fi
  for pid in "${pids[@]}"; do kill "$pid" 2> /dev/null; done
  for pid in "${pids[@]}"; do wait "$pid" 2> /dev/null; done
  [ "$keep" = 1 ] && echo "slurm_e2e: work folder kept: $work" || rm -rf "$work"
}
trap cleanup EXIT

# munge: its own key, socket and state in the work folder (no system service touched).
mkdir -p "$work/munge" "$work/spool" "$work/state" "$work/log"
chmod 700 "$work/munge"
dd if=/dev/urandom bs=1 count=1024 of="$work/munge/munge.key" status=none
chmod 400 "$work/munge/munge.key"
socket="$work/munge/munge.socket"
munged --force --foreground --key-file="$work/munge/munge.key" --socket="$socket" \
  --pid-file="$work/munge/munged.pid" --seed-file="$work/munge/seed" \
  --log-file="$work/log/munged.log" > "$work/log/munged.out" 2>&1 &
pids+=($!)

host=$(hostname -s)
cpus=$(nproc)
memory_mb=$(($(awk '/MemTotal/ {print $2}' /proc/meminfo) / 1024 / 2))
cat > "$work/slurm.conf" <<CONF
ClusterName=cimsime2e
SlurmctldHost=$host(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$socket
CryptoType=crypto/munge
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/log/slurmctld.log
SlurmdLogFile=$work/log/slurmd.log
SlurmctldPort=16817
SlurmdPort=16818
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
MpiDefault=none
ReturnToService=2
KillWait=5
SlurmdTimeout=60
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$memory_mb State=UNKNOWN
PartitionName=e2e Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$work/slurm.conf"
sleep 1
slurmctld -D -i -f "$SLURM_CONF" > "$work/log/slurmctld.out" 2>&1 &
pids+=($!)
slurmd -D -f "$SLURM_CONF" > "$work/log/slurmd.out" 2>&1 &
pids+=($!)
for _ in $(seq 60); do
  sinfo -h -o %T 2> /dev/null | grep -q idle && break
  sleep 1
done
sinfo -h -o "%P %D %T %C" | sed 's/^/slurm_e2e: sinfo: /'
sinfo -h -o %T | grep -q idle || { log "the node did not come up"; tail -20 "$work"/log/*; exit 1; }

# A 40-point training sweep (10 learning rates x 4 seeds) on 1500 MNIST images: long enough
# (about a second a point) to cancel a task mid-run.
cat > "$work/e2e.yaml" <<YAML
name: slurm_e2e
base: $root/configs/experiments/neurosim_agsi_bp.yaml
set: {data.train_limit: 1500, data.test_limit: 500, train.epochs: 2}
seeds: 4
axes:
  - {key: train.learning_rate, range: {start: 0.05, stop: 0.5, num: 10}}
YAML
out="$work/slurm_out"
export SBATCH_ARGS="--cpus-per-task=1"
start=$(date +%s)
read -r _ array _ merge < <(CIMSIM="$cimsim" scripts/slurm_sweep.sh submit "$work/e2e.yaml" 4 "$out")
log "submitted array $array (4 tasks) and merge job $merge (afterok:$array)"

# Cancel task 2 once its table has a row (it is running), as a preemption would.
table3="$out/results-3-of-4.csv"
for _ in $(seq 600); do
  [ -f "$table3" ] && [ "$(wc -l < "$table3")" -ge 2 ] && break
  sleep 0.2
done
scancel "${array}_2"
log "cancelled task ${array}_2 with $(($(wc -l < "$table3") - 1)) of 10 rows in its table"
# The merge job can never run now (afterok of a cancelled task): Slurm drops it.
for _ in $(seq 120); do
  [ -z "$(squeue -h -j "$array" 2> /dev/null)" ] && break
  sleep 1
done
squeue -h -j "$merge" -o "%i %T %r" 2> /dev/null | sed 's/^/slurm_e2e: old merge job: /' || true
scancel "$merge" 2> /dev/null || true
read -r _ task _ merge2 < <(CIMSIM="$cimsim" scripts/slurm_sweep.sh resubmit "$work/e2e.yaml" 4 "$out" 2)
log "resubmitted task 2 as job $task, merge job $merge2 (afterok:$task)"
for _ in $(seq 900); do
  state=$(scontrol show job "$merge2" 2> /dev/null | sed -n 's/.*JobState=\([A-Z_]*\).*/\1/p')
  case "$state" in COMPLETED | FAILED | CANCELLED | TIMEOUT) break ;; esac
  sleep 1
done
log "merge job $merge2: $state after $(($(date +%s) - start)) s"
cat "$out"/slurm-merge-"$merge2".out | sed 's/^/slurm_e2e: merge: /'
[ "$state" = COMPLETED ] || { tail -5 "$out"/slurm-*.out; exit 1; }
grep -h "sweep slurm_e2e: ran" "$out"/slurm-*_*.out | sed 's/^/slurm_e2e: task: /' || true

log "running the same sweep locally"
"$cimsim" -q sweep "$work/e2e.yaml" --workers "$cpus" --out "$work/local_out" > /dev/null
/usr/bin/python3 - "$out/results.csv" "$work/local_out/results.csv" <<'PY'
import csv, sys
def rows(path):
    with open(path, newline="") as f:
        table = list(csv.reader(f))
    header, body = table[0], table[1:]
    wall = header.index("wall_s")
    ident = header.index("point_id")
    out = {}
    for row in body:
        row[wall] = ""
        assert row[ident] not in out, f"{path}: point {row[ident]} twice"
        out[row[ident]] = row
    return header, out
h1, merged = rows(sys.argv[1])
h2, local = rows(sys.argv[2])
assert h1 == h2, "headers differ"
assert len(merged) == 40, f"merged table has {len(merged)} points, expected 40"
assert merged == local, "rows differ: " + ", ".join(k for k in sorted(set(merged) | set(local)) if merged.get(k) != local.get(k))
print(f"slurm_e2e: PASS: merged table of {len(merged)} points equals the local run row for row (all but wall_s)")
PY
