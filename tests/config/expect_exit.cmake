# Runs `PROGRAM check-config [FILE]` and checks its exit status and output.
#   -DPROGRAM=path -DFILE=path (optional) -DEXPECT_EXIT=n -DEXPECT_OUTPUT=regex
set(args check-config)
if(DEFINED FILE)
  list(APPEND args "${FILE}")
endif()
execute_process(COMMAND "${PROGRAM}" ${args}
  RESULT_VARIABLE exit_code
  OUTPUT_VARIABLE out
  ERROR_VARIABLE err)
message("${out}${err}")
if(NOT exit_code STREQUAL "${EXPECT_EXIT}")
  message(FATAL_ERROR "exit status ${exit_code}, expected ${EXPECT_EXIT}")
endif()
if(NOT "${out}${err}" MATCHES "${EXPECT_OUTPUT}")
  message(FATAL_ERROR "output does not match: ${EXPECT_OUTPUT}")
endif()
