# The sweep commands of the executable: a bad --shard exits 2 with its message, a dry run lists
# every point of a shipped sweep without running anything, and stops before listing anything when
# the check of the axis values fails (a bad --set fails the first point, 0000, whatever the
# shard), a bad plot kind exits 2.
execute_process(COMMAND ${CIMSIM} sweep ${SOURCE}/../../configs/sweeps/example_small.yaml --shard 3/2
                RESULT_VARIABLE code ERROR_VARIABLE err)
string(FIND "${err}" "--shard 3/2: expected K/N with 1 <= K <= N, got \"3/2\"" pos)
if(NOT code EQUAL 2 OR pos EQUAL -1)
  message(FATAL_ERROR "bad --shard not reported: ${code} ${err}")
endif()
execute_process(COMMAND ${CIMSIM} sweep ${SOURCE}/../../configs/sweeps/example_small.yaml --dry-run
                        --shard 2/3 --out ${WORK}/cli_sweep_dry
                RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
string(FIND "${out}" "sweep example_small: 12 points, 4 in this shard, 4 to run" pos)
if(NOT code EQUAL 0 OR pos EQUAL -1)
  message(FATAL_ERROR "dry run: ${code} ${out} ${err}")
endif()
if(EXISTS ${WORK}/cli_sweep_dry)
  message(FATAL_ERROR "a dry run must write nothing")
endif()
execute_process(COMMAND ${CIMSIM} sweep ${SOURCE}/../../configs/sweeps/example_small.yaml --dry-run
                        --shard 2/3 --set train.epochs=0 --out ${WORK}/cli_sweep_dry
                RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
string(FIND "${err}" "example_small.yaml: sweep point 0000-" pos)
if(NOT code EQUAL 2 OR pos EQUAL -1 OR NOT out STREQUAL "")
  message(FATAL_ERROR "dry run of bad points: ${code} ${out} ${err}")
endif()
execute_process(COMMAND ${CIMSIM} plot ${SOURCE}/../../configs/sweeps/example_small.yaml --kind pie --y x
                RESULT_VARIABLE code ERROR_VARIABLE err)
string(FIND "${err}" "--kind: expected one of: line, bars, pareto, curves, got \"pie\"" pos)
if(NOT code EQUAL 2 OR pos EQUAL -1)
  message(FATAL_ERROR "bad plot kind not reported: ${code} ${err}")
endif()
