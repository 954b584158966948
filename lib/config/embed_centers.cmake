# Writes a C++ file that holds the given center files as raw string literals.
# Run at build time:
#   cmake -DOUT=embedded_centers.cc -DFILES=a.yaml,b.yaml -P embed_centers.cmake
# The first file is the default center. Names are the file names without
# their extension.
if(NOT OUT OR NOT FILES)
  message(FATAL_ERROR "embed_centers.cmake: OUT and FILES are required")
endif()
string(REPLACE "," ";" files "${FILES}")
set(delimiter "acd_center")
set(body "")
set(table "")
set(index 0)
foreach(file IN LISTS files)
  file(READ "${file}" text)
  string(FIND "${text}" ")${delimiter}\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "${file} contains the literal's delimiter")
  endif()
  get_filename_component(filename "${file}" NAME)
  get_filename_component(name "${file}" NAME_WE)
  string(APPEND body "constexpr char kFile${index}[] = R\"${delimiter}(${text})${delimiter}\";\n")
  string(APPEND table "      {\"${name}\", \"${filename}\", {kFile${index}, sizeof(kFile${index}) - 1}},\n")
  math(EXPR index "${index} + 1")
endforeach()
set(content "// Generated from examples/centers/ by lib/config/embed_centers.cmake.
#include \"config/embedded_centers.h\"

namespace acd::config_internal {
namespace {

${body}
}  // namespace

std::span<const EmbeddedFile> EmbeddedCenters() {
  static constexpr EmbeddedFile kFiles[] = {
${table}  };
  return kFiles;
}

}  // namespace acd::config_internal
")
# Only touch the output when it changes, so dependents rebuild only then.
if(EXISTS "${OUT}")
  file(READ "${OUT}" old)
  if(old STREQUAL content)
    return()
  endif()
endif()
file(WRITE "${OUT}" "${content}")
