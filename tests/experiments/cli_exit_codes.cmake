# The exit-code table of README "Exit codes" (experiments/cli/exit_codes.hpp), command by command:
# 0 ok, 1 runtime failure, 2 usage or config error. (130, interrupted, is checked by
# SweepTest.SigtermStops... and 3, diverged, by the runner tests' status.)
set(cfg ${SOURCE}/../../configs/experiments/neurosim_agsi_bp.yaml)
set(sweep ${SOURCE}/../../configs/sweeps/example_small.yaml)
set(work ${WORK}/cli_exit_codes)
file(REMOVE_RECURSE ${work})
file(MAKE_DIRECTORY ${work}/cwd)
file(WRITE ${work}/a_file "not a folder\n")
file(WRITE ${work}/cwd/results "a file where the results folder would go\n")

# expect(CODE TEXT-IN-STDERR-OR-STDOUT args...)
function(expect code text)
  execute_process(COMMAND ${CIMSIM} ${ARGN} WORKING_DIRECTORY ${work}/cwd
                  RESULT_VARIABLE got OUTPUT_VARIABLE out ERROR_VARIABLE err)
  string(FIND "${out}${err}" "${text}" pos)
  if(NOT got EQUAL code OR pos EQUAL -1)
    message(FATAL_ERROR "cimsim ${ARGN}: expected exit ${code} and \"${text}\", got ${got}:\n${out}${err}")
  endif()
endfunction()

# Usage errors: 2, for every command.
expect(2 "usage: cimsim")
expect(2 "unknown command" frobnicate)
expect(2 "unknown option" --frob)
expect(2 "missing CONFIG; usage: cimsim run CONFIG [options]" run)
expect(2 "missing CONFIG" validate)
expect(2 "missing CONFIG" cost)
expect(2 "missing FILE" sweep)
expect(2 "missing PRESET|CONFIG" device-curve)
expect(2 "missing WHAT" list)
expect(2 "missing RESULTS.csv" plot --kind line --y x)
expect(2 "missing IN.csv; usage: cimsim merge OUT.csv IN.csv" merge)
foreach(command run validate cost sweep device-curve list plot merge)
  expect(2 "bad arguments: unrecognised option '--frob'" ${command} x --frob)
endforeach()
expect(2 "cimsim list: unknown list \"bogus\"" list bogus)
expect(2 "--devices must be at least 1" device-curve agsi --devices 0)
expect(2 "these curves need an estimated" device-curve agsi --devices 100000000)
expect(2 "--devices 1000000 --pulses 1000000: these curves need an estimated" device-curve agsi --devices 1000000 --pulses 1000000 --no-plot)
expect(2 "--shard 3/2" sweep ${sweep} --shard 3/2)
# Output paths: refused before anything is loaded or run, naming the option or the key.
expect(2 "--out ${work}/a_file/run: cannot write here: ${work}/a_file exists and is not a folder"
       run ${cfg} --out ${work}/a_file/run)
expect(2 "name: results folder results/neurosim_agsi_bp cannot be written: results exists and is not a folder"
       run ${cfg})
expect(2 "name: results folder results/example_small cannot be written" sweep ${sweep} --dry-run)
expect(2 "--json ${work}/a_file/c.json: cannot write here" cost ${cfg} --json ${work}/a_file/c.json)
expect(2 "--out ${work}/a_file/d: cannot write here" device-curve agsi --out ${work}/a_file/d)
expect(2 "--out ${work}/a_file/s: cannot write here" sweep ${sweep} --out ${work}/a_file/s --dry-run)
string(REPEAT "n" 300 long)
expect(2 "name: expected a folder name of at most 255 bytes, got 300" validate ${cfg} --set name=${long})
# Config errors: 2.
expect(2 "train.epochs: expected an integer in [1, 1000000]" validate ${cfg} --set train.epochs=0)
file(WRITE ${work}/twice.yaml "name: a\nseed: 1\nseed: 2\n")
expect(2 "twice.yaml:3:1: seed: duplicate key \"seed\", first given at ${work}/twice.yaml:2:1" validate ${work}/twice.yaml)
# Runtime failures: 1.
expect(1 "no_such_table.csv" merge ${work}/merged.csv ${work}/no_such_table.csv)
# Success and help: 0; run --help shows --set examples.
expect(0 "--set train.trainer.type=bp" run --help)
expect(0 "--set data.train_limit=2000" validate --help)
expect(0 "exit codes: 0 ok, 1 runtime failure, 2 usage or config error" --help)
expect(0 "name: neurosim_agsi_bp" validate ${cfg})
