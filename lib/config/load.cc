// Loading center files: the stages described in acd/config.h.
#include <string>
#include <string_view>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "acd/config.h"
#include "acd/config_proto.h"
#include "config/embedded_centers.h"
#include "config/errors.h"
#include "config/json_lines.h"
#include "config/overflow_graph.h"
#include "config/proto_to_center.h"
#include "config/yaml_to_proto.h"
#include "google/protobuf/util/json_util.h"

namespace acd {
namespace {

using config_internal::ErrorList;
using config_internal::SourceMap;

// acd::ValidateCenter names CenterConfig's fields; the file keeps the
// bounds in a block of their own. Returns the error lines with file paths.
std::string ToFilePaths(absl::string_view validator_errors) {
  std::string out;
  for (absl::string_view line : absl::StrSplit(validator_errors, '\n')) {
    const bool bound = absl::StartsWith(line, "max_live_calls:") ||
                       absl::StartsWith(line, "dedupe_window:") ||
                       absl::StartsWith(line, "ended_calls_window:");
    absl::StrAppend(&out, out.empty() ? "" : "\n", bound ? "bounds." : "",
                    line);
  }
  return out;
}

// Stages 2 and 3 on a parsed message; `errors` may carry line numbers.
absl::StatusOr<PlanningCenter> Check(const v1::Center& proto, ErrorList* errors) {
  PlanningCenter loaded;
  loaded.center = config_internal::ProtoToCenter(proto, errors);
  const absl::Status valid = ValidateCenter(loaded.center);
  if (!valid.ok()) errors->AddPathLines(ToFilePaths(valid.message()));
  if (errors->empty()) loaded.sellers = config_internal::SellersFromProto(proto, loaded.center, errors);
  if (!errors->empty()) return errors->ToStatus();
  config_internal::CheckOverflowGraph(loaded.center, errors);
  if (!errors->empty()) return errors->ToStatus();
  return loaded;
}

// The engine's part of a loaded center.
absl::StatusOr<CenterConfig> CenterOnly(absl::StatusOr<PlanningCenter> loaded) {
  if (!loaded.ok()) return loaded.status();
  return std::move(loaded->center);
}

absl::StatusOr<PlanningCenter> PlanningFromProto(const v1::Center& proto,
                                                 std::string_view filename) {
  ErrorList errors(std::string(filename), nullptr);
  return Check(proto, &errors);
}

// Rewords protobuf's JSON parse error into this library's form:
//   "(queues[0]) colour: Cannot find field."
//     -> queues[0].colour: unknown field "colour"
//   "(queues[0].priority): invalid value ..."
//     -> queues[0].priority: invalid value ...
//   "invalid value \"high\" for type TYPE_INT32"
//     -> invalid value "high" (expected a whole number)
//   "Root element must be a message." -> the file must hold one JSON object
// Other messages keep their first line (protobuf adds a context snippet).
std::string PlainWords(absl::string_view message) {
  static constexpr std::pair<absl::string_view, absl::string_view> kTypes[] = {
      {"TYPE_STRING", "a string"},      {"TYPE_BOOL", "true or false"},
      {"TYPE_DOUBLE", "a number"},      {"TYPE_FLOAT", "a number"},
      {"TYPE_ENUM", "one of its names"}, {"TYPE_MESSAGE", "an object {...}"},
      {"TYPE_BYTES", "base64 bytes"},
  };
  constexpr absl::string_view kForType = " for type ";
  const size_t at = message.find(kForType);
  if (at != absl::string_view::npos) {
    const absl::string_view type = message.substr(at + kForType.size());
    absl::string_view words = "a whole number";  // the integer types
    for (const auto& [name, plain] : kTypes) {
      if (type == name) words = plain;
    }
    return absl::StrCat(message.substr(0, at), " (expected ", words, ")");
  }
  if (absl::StrContains(message, "Root element must be a message")) {
    return "the file must hold one JSON object {...} (the center), not a list or a value";
  }
  return std::string(message);
}

// `syntax`: where JsonLines found the text not to be JSON; its words and
// line replace protobuf's for a syntax error.
void AddJsonError(absl::string_view full_message, const config_internal::JsonSyntax& syntax,
                  ErrorList* errors) {
  const std::string plain = PlainWords(full_message.substr(0, full_message.find('\n')));
  const absl::string_view message = plain;
  std::string path;
  absl::string_view rest = message;
  const size_t close = message.find(')');
  if (absl::StartsWith(message, "(") && close != absl::string_view::npos) {
    path = std::string(message.substr(1, close - 1));
    rest = absl::StripLeadingAsciiWhitespace(
        absl::StripPrefix(message.substr(close + 1), ":"));
  }
  constexpr absl::string_view kNoField = ": Cannot find field.";
  if (absl::EndsWith(rest, kNoField)) {
    const std::string field(rest.substr(0, rest.size() - kNoField.size()));
    errors->Add(config_internal::JoinPath(path, field),
                absl::StrCat("unknown field \"", field, "\""));
  } else if (path.empty() && syntax.line > 0) {
    errors->AddAtLine(syntax.line, "",
                      absl::StrCat("invalid JSON at column ", syntax.column, ": ", syntax.reason));
  } else if (path.empty()) {
    errors->Add("", absl::StrCat("invalid JSON: ", rest));
  } else {
    errors->Add(path, std::string(rest));
  }
}

}  // namespace

absl::StatusOr<v1::Center> ParseCenterYaml(std::string_view text,
                                           std::string_view filename) {
  SourceMap lines;
  ErrorList errors(std::string(filename), &lines);
  v1::Center proto;
  config_internal::YamlToProto(text, &proto, &lines, &errors);
  if (!errors.empty()) return errors.ToStatus();
  return proto;
}

absl::StatusOr<v1::Center> ParseCenterJson(std::string_view text,
                                           std::string_view filename) {
  v1::Center proto;
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = false;
  const auto status = google::protobuf::util::JsonStringToMessage(
      google::protobuf::StringPiece(text.data(), text.size()), &proto, options);
  if (!status.ok()) {
    // The lines are looked for only now: a good file is parsed once.
    SourceMap lines;
    const config_internal::JsonSyntax syntax = config_internal::JsonLines(text, &lines);
    ErrorList errors(std::string(filename), &lines);
    AddJsonError(
        absl::string_view(status.message().data(), status.message().size()), syntax,
        &errors);
    return errors.ToStatus();
  }
  return proto;
}

absl::StatusOr<CenterConfig> CenterFromProto(const v1::Center& proto,
                                             std::string_view filename) {
  return CenterOnly(PlanningFromProto(proto, filename));
}

absl::StatusOr<PlanningCenter> LoadPlanningCenterYaml(std::string_view text,
                                                      std::string_view filename) {
  SourceMap lines;
  ErrorList errors(std::string(filename), &lines);
  v1::Center proto;
  config_internal::YamlToProto(text, &proto, &lines, &errors);
  if (!errors.empty()) return errors.ToStatus();
  return Check(proto, &errors);
}

absl::StatusOr<PlanningCenter> LoadPlanningCenterJson(std::string_view text,
                                                      std::string_view filename) {
  absl::StatusOr<v1::Center> proto = ParseCenterJson(text, filename);
  if (!proto.ok()) return proto.status();
  absl::StatusOr<PlanningCenter> center = PlanningFromProto(*proto, filename);
  if (center.ok()) return center;
  // Checked again with the fields' lines, found only now: a good file
  // costs no scan for them.
  SourceMap lines;
  config_internal::JsonLines(text, &lines);
  ErrorList errors(std::string(filename), &lines);
  return Check(*proto, &errors);
}

absl::StatusOr<PlanningCenter> LoadEmbeddedPlanningCenter(std::string_view name) {
  for (const auto& file : config_internal::EmbeddedCenters()) {
    if (file.name == name) {
      return LoadPlanningCenterYaml(
          file.text, absl::StrCat(config_internal::AbslView(file.filename),
                                  " (embedded)"));
    }
  }
  return absl::NotFoundError(absl::StrCat(
      "no embedded center named \"", config_internal::AbslView(name), "\""));
}

absl::StatusOr<CenterConfig> LoadCenterYaml(std::string_view text,
                                            std::string_view filename) {
  return CenterOnly(LoadPlanningCenterYaml(text, filename));
}

absl::StatusOr<CenterConfig> LoadCenterJson(std::string_view text,
                                            std::string_view filename) {
  return CenterOnly(LoadPlanningCenterJson(text, filename));
}

absl::StatusOr<CenterConfig> LoadCenterFile(const std::string& path, Env& env) {
  return CenterOnly(LoadPlanningCenterFile(path, env));
}

absl::StatusOr<PlanningCenter> LoadPlanningCenterFile(const std::string& path, Env& env) {
  const size_t dot = path.find_last_of("./");
  const std::string extension = dot == std::string::npos || path[dot] != '.'
                                    ? ""
                                    : absl::AsciiStrToLower(path.substr(dot));
  if (extension != ".yaml" && extension != ".yml" && extension != ".json") {
    return absl::InvalidArgumentError(absl::StrCat(
        path, ": unknown file type (expected .yaml, .yml or .json)"));
  }
  absl::StatusOr<std::string> text = env.ReadFileToString(path, kMaxCenterFileBytes);
  if (!text.ok()) return text.status();
  if (extension == ".json") return LoadPlanningCenterJson(*text, path);
  return LoadPlanningCenterYaml(*text, path);
}

std::string_view DefaultCenterYaml() {
  return config_internal::EmbeddedCenters().front().text;
}

absl::StatusOr<CenterConfig> DefaultCenter() {
  return LoadEmbeddedCenter(config_internal::EmbeddedCenters().front().name);
}

absl::StatusOr<PlanningCenter> DefaultPlanningCenter() {
  return LoadEmbeddedPlanningCenter(config_internal::EmbeddedCenters().front().name);
}

std::vector<std::string_view> EmbeddedCenterNames() {
  std::vector<std::string_view> names;
  for (const auto& file : config_internal::EmbeddedCenters()) {
    names.push_back(file.name);
  }
  return names;
}

std::optional<std::string_view> EmbeddedCenterYaml(std::string_view name) {
  for (const auto& file : config_internal::EmbeddedCenters()) {
    if (file.name == name) return file.text;
  }
  return std::nullopt;
}

absl::StatusOr<CenterConfig> LoadEmbeddedCenter(std::string_view name) {
  return CenterOnly(LoadEmbeddedPlanningCenter(name));
}

}  // namespace acd
