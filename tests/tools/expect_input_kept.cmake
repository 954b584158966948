# cmake -P script: copies SOURCE to WORK, runs PROGRAM with ARGS (a ;-list in
# which @WORK@ stands for the copy), checks the exit status and that the
# output matches every regular expression in EXPECT, and that WORK still
# holds exactly SOURCE's bytes (@WORK_DIR@ is its directory, @LINK@ a
# symbolic link to it): a command refused, or ran, without writing
# over its input.
#   -DPROGRAM=... -DSOURCE=file -DWORK=file -DARGS=a;@WORK@ -DEXPECT_EXIT=2 -DEXPECT=re
cmake_minimum_required(VERSION 3.25)
foreach(var PROGRAM SOURCE WORK EXPECT_EXIT)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "expect_input_kept.cmake: -D${var} is required")
  endif()
endforeach()
get_filename_component(work_dir "${WORK}" DIRECTORY)
file(REMOVE_RECURSE "${work_dir}")
file(MAKE_DIRECTORY "${work_dir}")
file(COPY_FILE "${SOURCE}" "${WORK}")
file(CREATE_LINK "${WORK}" "${work_dir}/link" SYMBOLIC)
string(REPLACE "@WORK@" "${WORK}" args "${ARGS}")
string(REPLACE "@LINK@" "${work_dir}/link" args "${args}")
string(REPLACE "@WORK_DIR@" "${work_dir}" args "${args}")
execute_process(COMMAND ${PROGRAM} ${args}
  RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
set(all "${out}${err}")
if(NOT "${status}" STREQUAL "${EXPECT_EXIT}")
  message(FATAL_ERROR "'${PROGRAM} ${args}' exited with ${status}, expected ${EXPECT_EXIT}:\n${all}")
endif()
foreach(re IN LISTS EXPECT)
  if(NOT all MATCHES "${re}")
    message(FATAL_ERROR "output of '${PROGRAM} ${args}' does not match '${re}':\n${all}")
  endif()
endforeach()
execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files "${SOURCE}" "${WORK}"
  RESULT_VARIABLE differs)
if(differs)
  message(FATAL_ERROR "'${PROGRAM} ${args}' changed its input ${WORK}")
endif()
file(GLOB leftovers "${work_dir}/*.tmp")
list(REMOVE_ITEM leftovers "${WORK}")
if(leftovers)
  message(FATAL_ERROR "'${PROGRAM} ${args}' left temp files behind: ${leftovers}")
endif()
message(STATUS "ok: '${PROGRAM} ${args}' exited ${status}, input kept")
