# docs/config.md is generated: it must equal `cimsim list config --markdown`.
execute_process(COMMAND ${CIMSIM} list config --markdown RESULT_VARIABLE code
                OUTPUT_VARIABLE generated ERROR_VARIABLE err)
if(NOT code EQUAL 0)
  message(FATAL_ERROR "list config --markdown failed (${code}): ${err}")
endif()
file(READ ${DOC} checked_in)
if(NOT generated STREQUAL checked_in)
  message(FATAL_ERROR "${DOC} differs from `cimsim list config --markdown`; regenerate it with "
                      "build/cimsim list config --markdown > docs/config.md")
endif()
if(NOT generated MATCHES "## `hardware.cost.electricals`")
  message(FATAL_ERROR "the generated reference lacks hardware.cost.electricals")
endif()
