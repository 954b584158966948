// LoadConfig (config_arg.h).
#include "config_arg.h"

#include <filesystem>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "acd/config.h"
#include "codec.h"
#include "errors.h"

namespace acd::python {

CenterConfig LoadConfig(py::handle config) {
  py::object fspath = py::module_::import("os").attr("PathLike");
  if (py::isinstance(config, fspath)) {
    const std::string path = py::str(py::module_::import("os").attr("fspath")(config));
    return Check(LoadCenterFile(path));
  }
  if (py::isinstance<py::dict>(config)) {
    // JSON is YAML: the dict reads exactly as a YAML file would.
    const std::string text = py::str(py::module_::import("json").attr("dumps")(config));
    return Check(LoadCenterYaml(text, "config"));
  }
  if (!py::isinstance<py::str>(config)) {
    RaiseInvalid(absl::StrCat("config: expected a path, YAML or JSON text, an embedded center's "
                              "name or a dict, got ",
                              DescribeValue(config)));
  }
  const std::string text = py::str(config);
  const size_t first = text.find_first_not_of(" \t\r\n");
  if (first != std::string::npos && text[first] == '{') return Check(LoadCenterJson(text, "config"));
  if (text.find('\n') != std::string::npos) return Check(LoadCenterYaml(text, "config"));
  std::error_code ec;
  if (std::filesystem::exists(text, ec)) return Check(LoadCenterFile(text));
  if (EmbeddedCenterYaml(text)) return Check(LoadEmbeddedCenter(text));
  if (text.find(':') != std::string::npos) return Check(LoadCenterYaml(text, "config"));
  std::vector<std::string> names;
  for (std::string_view name : EmbeddedCenterNames()) names.emplace_back(name);
  Raise(absl::NotFoundError(absl::StrCat("config: no file '", text,
                                         "' and no embedded center of that name (embedded: ",
                                         absl::StrJoin(names, ", "), ")")));
}

}  // namespace acd::python
