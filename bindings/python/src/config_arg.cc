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

namespace {

// acd.Center: a loaded, validated center; immutable and shared.
struct CenterObj {
  std::shared_ptr<const PlanningCenter> planning;
  std::shared_ptr<const CenterConfig> center;  // planning's
};

CenterObj MakeCenterObj(std::shared_ptr<const PlanningCenter> planning) {
  std::shared_ptr<const CenterConfig> center(planning, &planning->center);
  return CenterObj{std::move(planning), std::move(center)};
}

PlanningCenter LoadCenter(py::handle config) {
  py::object fspath = py::module_::import("os").attr("PathLike");
  if (py::isinstance(config, fspath)) {
    const std::string path = py::str(py::module_::import("os").attr("fspath")(config));
    return Check(LoadPlanningCenterFile(path));
  }
  if (py::isinstance<py::dict>(config)) {
    // JSON is YAML: the dict reads exactly as a YAML file would.
    const std::string text = py::str(py::module_::import("json").attr("dumps")(config));
    return Check(LoadPlanningCenterYaml(text, "config"));
  }
  if (!py::isinstance<py::str>(config)) {
    RaiseInvalid(absl::StrCat("config: expected a path, YAML or JSON text, an embedded center's "
                              "name or a dict, got ",
                              DescribeValue(config)));
  }
  const std::string text = py::str(config);
  const size_t first = text.find_first_not_of(" \t\r\n");
  if (first != std::string::npos && text[first] == '{') {
    return Check(LoadPlanningCenterJson(text, "config"));
  }
  if (text.find('\n') != std::string::npos) return Check(LoadPlanningCenterYaml(text, "config"));
  std::error_code ec;
  if (std::filesystem::exists(text, ec)) return Check(LoadPlanningCenterFile(text));
  if (EmbeddedCenterYaml(text)) return Check(LoadEmbeddedPlanningCenter(text));
  if (text.find(':') != std::string::npos) return Check(LoadPlanningCenterYaml(text, "config"));
  std::vector<std::string> names;
  for (std::string_view name : EmbeddedCenterNames()) names.emplace_back(name);
  Raise(absl::NotFoundError(absl::StrCat("config: no file '", text,
                                         "' and no embedded center of that name (embedded: ",
                                         absl::StrJoin(names, ", "), ")")));
}

}  // namespace

std::shared_ptr<const PlanningCenter> LoadPlanningConfig(py::handle config) {
  if (py::isinstance<CenterObj>(config)) return config.cast<const CenterObj&>().planning;
  return std::make_shared<const PlanningCenter>(LoadCenter(config));
}

std::shared_ptr<const CenterConfig> LoadConfig(py::handle config) {
  if (py::isinstance<CenterObj>(config)) return config.cast<const CenterObj&>().center;
  std::shared_ptr<const PlanningCenter> planning = LoadPlanningConfig(config);
  return std::shared_ptr<const CenterConfig>(planning, &planning->center);
}

void RegisterConfig(py::module_& m) {
  py::class_<CenterObj>(m, "Center",
                        "A center's configuration, loaded and checked once (acd.load_center); "
                        "accepted wherever a config is.")
      .def_property_readonly("queue_names",
                             [](const CenterObj& c) {
                               py::list names;
                               for (const QueueConfig& q : c.center->queues) names.append(q.name);
                               return names;
                             })
      .def_property_readonly("skill_names",
                             [](const CenterObj& c) {
                               py::list names;
                               for (const std::string& s : c.center->skills) names.append(s);
                               return names;
                             })
      .def_property_readonly("agent_ids",
                             [](const CenterObj& c) {
                               py::list ids;
                               for (const AgentConfig& a : c.center->agents) ids.append(a.id);
                               return ids;
                             })
      .def("__repr__", [](const CenterObj& c) {
        return absl::StrCat("Center(queues=", c.center->queues.size(),
                            ", agents=", c.center->agents.size(), ", skills=",
                            c.center->skills.size(), ")");
      });
  m.def(
      "load_center", [](py::handle config) { return MakeCenterObj(LoadPlanningConfig(config)); },
      py::arg("config"),
      "Loads and checks a center once: a path, YAML or JSON text, an embedded center's name "
      "('sales', 'sales-direct') or a dict shaped like the YAML file.");
}

}  // namespace acd::python
