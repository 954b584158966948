# cmake -P script: install the acd build at ACD_BUILD_DIR into a fresh prefix
# under WORK_DIR, then build and run consumer projects against it.
#   EXAMPLE_DIR   examples/find_package (links acd::core, prints an offer)
#   CONSUMER_DIR  links every exported target, so each one's dependencies
#                 must be found by acdConfig.cmake
cmake_minimum_required(VERSION 3.25)

foreach(var ACD_BUILD_DIR EXAMPLE_DIR CONSUMER_DIR WORK_DIR GENERATOR CXX_COMPILER)
  if(NOT DEFINED ${var} OR "${${var}}" STREQUAL "")
    message(FATAL_ERROR "install_test.cmake: -D${var}=... is required")
  endif()
endforeach()
if(NOT BUILD_TYPE)
  set(BUILD_TYPE RelWithDebInfo)
endif()

# Runs a command; stops with its output when it fails.
function(run step)
  execute_process(COMMAND ${ARGN}
    RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT result EQUAL 0)
    message(FATAL_ERROR "${step} failed (${result}):\n${ARGN}\n${out}\n${err}")
  endif()
  set(last_output "${out}" PARENT_SCOPE)
endfunction()

set(prefix "${WORK_DIR}/prefix")
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")

run("install" ${CMAKE_COMMAND} --install "${ACD_BUILD_DIR}" --prefix "${prefix}")
message(STATUS "installed acd into ${prefix}")

# Configures, builds and runs one consumer project; the program's output is
# left in last_output.
function(build_and_run name source_dir program)
  set(build_dir "${WORK_DIR}/${name}")
  run("${name}: configure" ${CMAKE_COMMAND} -S "${source_dir}" -B "${build_dir}"
      -G "${GENERATOR}" -DCMAKE_CXX_COMPILER=${CXX_COMPILER}
      -DCMAKE_BUILD_TYPE=${BUILD_TYPE} -DCMAKE_PREFIX_PATH=${prefix})
  run("${name}: build" ${CMAKE_COMMAND} --build "${build_dir}")
  run("${name}: run" "${build_dir}/${program}")
  set(last_output "${last_output}" PARENT_SCOPE)
endfunction()

build_and_run(example "${EXAMPLE_DIR}" acd_find_package_example)
message(STATUS "example printed: ${last_output}")
if(NOT last_output MATCHES "offer call 100 to agent 1 in queue 0, ring 10000 ms")
  message(FATAL_ERROR "unexpected example output:\n${last_output}")
endif()

build_and_run(consumer "${CONSUMER_DIR}" acd_install_consumer)
message(STATUS "consumer printed: ${last_output}")
