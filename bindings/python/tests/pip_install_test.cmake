# python.pip_install: `pip install ./bindings/python` into a scratch
# --target, offline (--no-index) with Debian's setuptools
# (--no-build-isolation), then imports the installed package from there
# alone. Reuses this build directory (ACD_BUILD_DIR) so that only the
# module target is built; setuptools' own files go to WORK_DIR, not the
# source tree.
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})
execute_process(
  COMMAND ${CMAKE_COMMAND} -E env ACD_BUILD_DIR=${BUILD_DIR}
          ACD_PYTHON_BUILD_BASE=${WORK_DIR}/setuptools
          ${PYTHON} -m pip install --no-build-isolation --no-index --no-deps
          --break-system-packages --target ${WORK_DIR}/site ${SOURCE_DIR}/bindings/python
  RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "pip install ./bindings/python failed (${rc})")
endif()
execute_process(
  COMMAND ${CMAKE_COMMAND} -E env PYTHONPATH=${WORK_DIR}/site ${PYTHON} -c
          "import acd, sys; assert acd.__file__.startswith(sys.argv[1]), acd.__file__; e = acd.Engine('sales'); print('installed', acd.__file__, acd.erlang_c(120, 180, 8)['service_level'], hex(e.state_hash()))"
          ${WORK_DIR}/site
  WORKING_DIRECTORY ${WORK_DIR}
  RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "the installed package does not import (${rc})")
endif()
