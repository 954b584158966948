// A CenterConfig as text, every field on its own line ("queues[1].rules[0]
// .after_ms=20000"), so that two configs compare field by field and a
// difference shows where it is.
#ifndef ACD_TESTS_CONFIG_CENTER_DUMP_H_
#define ACD_TESTS_CONFIG_CENTER_DUMP_H_

#include <string>
#include <vector>

#include "acd/center.h"

namespace acd::testing {

// One "path=value" line per field, in declaration order.
std::vector<std::string> DumpCenter(const CenterConfig& center);

}  // namespace acd::testing

#endif  // ACD_TESTS_CONFIG_CENTER_DUMP_H_
