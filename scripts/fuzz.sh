#!/usr/bin/env bash
# Builds the libFuzzer targets of fuzz/ with clang, ASan and UBSan (build-fuzz/) and runs each for
# a bounded time on its seed corpus (fuzz/corpus/<target>/, read only). New inputs go to the
# scratch corpus build-fuzz/corpus-work/<target>/, findings (crash-*, leak-*, timeout-*, oom-*)
# to build-fuzz/findings/<target>/ (emptied when the target starts), the log to
# build-fuzz/logs/<target>.log.
# Usage: scripts/fuzz.sh [seconds-per-target] [target...]   (default 60 s; every target)
# Targets: experiment, sweep, idx, lookup_csv. FUZZ_JOBS=2 runs two targets at a time.
# Exits 1 if any target found something.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-60}"
shift || true
targets=("$@")
[ "${#targets[@]}" -gt 0 ] || targets=(experiment sweep idx lookup_csv)
parallel="${FUZZ_JOBS:-1}"

"$root/scripts/setup.sh" --no-data --fuzz
build="$root/build-fuzz"
CXX=clang++ cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCIMSIM_FUZZ=ON \
      -DCIMSIM_BUILD_TESTS=OFF -DCIMSIM_BUILD_BENCH=OFF >/dev/null
cmake --build "$build" -j"$(nproc)" --target "${targets[@]/#/fuzz_}"

# Limits: 2 GiB of memory (a single larger allocation is a finding too: malloc_limit_mb follows
# rss_limit_mb), 10 s per input (the sweep target validates at most 65 points: ~0.7 s at the
# ~11 ms per point the sanitized build took when sweeps were capped at 1000 points), inputs up to
# a few times the largest seed (configs are ~1.5 KB, the shipped curve ~2 KB; IDX seeds are tiny,
# and 8 KB of gzip inflate to at most ~8 MB).
max_len() {
  case "$1" in
    experiment | sweep) echo 16384 ;;
    idx | lookup_csv) echo 8192 ;;
    *) echo "unknown fuzz target $1 (experiment, sweep, idx, lookup_csv)" >&2; exit 2 ;;
  esac
}
dict() {
  case "$1" in
    experiment | sweep) echo "-dict=$root/fuzz/yaml.dict" ;;
    lookup_csv) echo "-dict=$root/fuzz/csv.dict" ;;
  esac
}

run_target() {
  local t="$1"
  rm -rf "$build/findings/$t"
  mkdir -p "$build/corpus-work/$t" "$build/findings/$t" "$build/logs"
  # From the repository root: seeds name files relative to it (configs/devices/data/...).
  (cd "$root" && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
    "$build/fuzz/fuzz_$t" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 \
    -max_len="$(max_len "$t")" $(dict "$t") -print_final_stats=1 \
    -artifact_prefix="$build/findings/$t/" "$build/corpus-work/$t" "$root/fuzz/corpus/$t" \
    >"$build/logs/$t.log" 2>&1) || true
}

for t in "${targets[@]}"; do max_len "$t" >/dev/null; done
for t in "${targets[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$parallel" ]; do wait -n || true; done
  echo "fuzzing $t for $seconds s (log: build-fuzz/logs/$t.log)" >&2
  run_target "$t" &
done
wait

status=0
for t in "${targets[@]}"; do
  log="$build/logs/$t.log"
  runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)"
  findings="$(find "$build/findings/$t" -type f | wc -l)"
  echo "$t: ${runs:-?} executions, scratch corpus $(find "$build/corpus-work/$t" -type f | wc -l)" \
       "files, repo corpus $(find "$root/fuzz/corpus/$t" -type f | wc -l) files, findings: $findings"
  if [ "$findings" -gt 0 ] || ! grep -q '^stat::number_of_executed_units' "$log"; then
    status=1
    find "$build/findings/$t" -type f -printf '  %p\n'
    grep -m1 -E '^(==[0-9]+==ERROR|SUMMARY|.*runtime error)' "$log" | sed 's/^/  /' || true
  fi
done
exit "$status"
