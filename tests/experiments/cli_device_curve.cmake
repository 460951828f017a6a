# `cimsim device-curve`: CSV files with one row per device and pulse, and both plots.
set(out ${WORK}/device_curve)
file(REMOVE_RECURSE ${out})
execute_process(COMMAND ${CIMSIM} device-curve agsi --devices 2 --pulses 20 --out ${out}
                RESULT_VARIABLE code ERROR_VARIABLE err OUTPUT_VARIABLE text)
if(NOT code EQUAL 0)
  message(FATAL_ERROR "device-curve failed (${code}): ${err}")
endif()
foreach(f curve.csv update_size.csv device_curve.png update_size.png device_curve.svg update_size.svg)
  if(NOT EXISTS ${out}/${f})
    message(FATAL_ERROR "device-curve did not write ${f}: ${text}")
  endif()
endforeach()
# Readable plots: at least 1200 px wide (the PNG header's IHDR width, bytes 16-19); they were
# 368 x 248 px with ~5 pt text.
foreach(f device_curve.png update_size.png)
  file(READ ${out}/${f} width HEX OFFSET 16 LIMIT 4)
  math(EXPR width "0x${width}")
  if(width LESS 1200)
    message(FATAL_ERROR "${f} is ${width} px wide, expected at least 1200")
  endif()
endforeach()
file(STRINGS ${out}/curve.csv rows)
list(LENGTH rows count)
# Header + 2 devices x (20 LTP + 20 LTD pulses + the starting point) rows at least.
if(count LESS 81)
  message(FATAL_ERROR "curve.csv has ${count} lines")
endif()
execute_process(COMMAND ${CIMSIM} device-curve no_such_preset --out ${out}
                RESULT_VARIABLE code ERROR_VARIABLE err)
string(FIND "${err}" "no_such_preset" pos)
if(code EQUAL 0 OR pos EQUAL -1)
  message(FATAL_ERROR "unknown preset not reported: ${code} ${err}")
endif()
