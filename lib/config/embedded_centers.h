// The example center files compiled into the library. The definitions are
// generated at build time from examples/centers/ by embed_centers.cmake.
#ifndef ACD_LIB_CONFIG_EMBEDDED_CENTERS_H_
#define ACD_LIB_CONFIG_EMBEDDED_CENTERS_H_

#include <span>
#include <string_view>

namespace acd::config_internal {

struct EmbeddedFile {
  std::string_view name;      // "sales"
  std::string_view filename;  // "sales.yaml"
  std::string_view text;      // the file's bytes
};

// In the order given to the build; the first is the default center.
std::span<const EmbeddedFile> EmbeddedCenters();

}  // namespace acd::config_internal

#endif  // ACD_LIB_CONFIG_EMBEDDED_CENTERS_H_
