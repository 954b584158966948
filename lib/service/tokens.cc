#include "service/tokens.h"

#include <openssl/sha.h>

#include <string>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "yaml-cpp/yaml.h"

namespace acd::service {
namespace {

constexpr size_t kMinTokenBytes = 16;
constexpr size_t kMaxNameBytes = 128;

class Parser {
 public:
  Parser(std::string_view filename, const std::vector<std::string>& centers)
      : filename_(std::string(filename)), centers_(centers.begin(), centers.end()) {}

  absl::Status Error(const YAML::Node& node, const std::string& field, const std::string& reason) {
    const YAML::Mark mark = node.Mark();
    const std::string where =
        mark.is_null() ? filename_ : absl::StrCat(filename_, ":", mark.line + 1);
    return absl::InvalidArgumentError(absl::StrCat(where, ": ", field, ": ", reason));
  }

  // A list of names, or "*" (alone) for every one.
  absl::Status Names(const YAML::Node& node, const std::string& field, bool* all,
                     absl::flat_hash_set<std::string>* names) {
    if (!node.IsSequence() || node.size() == 0) {
      return Error(node, field, "a non-empty list of names is required (\"*\" for every one)");
    }
    for (size_t i = 0; i < node.size(); ++i) {
      const std::string item = absl::StrCat(field, "[", i, "]");
      if (!node[i].IsScalar() || node[i].Scalar().empty()) {
        return Error(node[i], item, "a name is required");
      }
      const std::string& name = node[i].Scalar();
      if (name == "*") {
        *all = true;
      } else {
        names->insert(name);
      }
    }
    if (*all && !names->empty()) return Error(node, field, "\"*\" stands alone: it means every one");
    return absl::OkStatus();
  }

  absl::Status Client(const YAML::Node& node, const std::string& field, std::string* digest,
                      TokenClient* client) {
    if (!node.IsMap()) return Error(node, field, "a map with name, token and centers is required");
    for (const auto& entry : node) {
      const std::string key = entry.first.as<std::string>();
      if (key != "name" && key != "token" && key != "token_sha256" && key != "centers" &&
          key != "adapters") {
        return Error(entry.first, absl::StrCat(field, ".", key),
                     "unknown field (name, token, token_sha256, centers, adapters)");
      }
    }
    const YAML::Node name = node["name"];
    if (!name.IsScalar() || name.Scalar().empty() || name.Scalar().size() > kMaxNameBytes) {
      return Error(name.IsDefined() ? name : node, field + ".name",
                   "a name of 1 to 128 bytes is required");
    }
    client->name = name.Scalar();
    const YAML::Node token = node["token"];
    const YAML::Node hashed = node["token_sha256"];
    if (token.IsDefined() == hashed.IsDefined()) {
      return Error(node, field, "exactly one of token and token_sha256 is required");
    }
    if (token.IsDefined()) {
      if (!token.IsScalar() || token.Scalar().size() < kMinTokenBytes) {
        return Error(token, field + ".token", "a token of at least 16 bytes is required");
      }
      if (token.Scalar().find_first_of(" \t\r\n") != std::string::npos) {
        return Error(token, field + ".token", "a token holds no white space");
      }
      *digest = Sha256(token.Scalar());
    } else {
      const std::string hex = hashed.IsScalar() ? absl::AsciiStrToLower(hashed.Scalar()) : "";
      if (hex.size() != 64 || hex.find_first_not_of("0123456789abcdef") != std::string::npos) {
        return Error(hashed, field + ".token_sha256", "64 hexadecimal digits are required");
      }
      *digest = absl::HexStringToBytes(hex);
    }
    const YAML::Node centers = node["centers"];
    if (!centers.IsDefined()) return Error(node, field + ".centers", "required");
    if (absl::Status s = Names(centers, field + ".centers", &client->all_centers, &client->centers);
        !s.ok()) {
      return s;
    }
    for (const std::string& center : client->centers) {
      if (!centers_.contains(center)) {
        return Error(centers, field + ".centers",
                     absl::StrCat("this server serves no center named '", center, "'"));
      }
    }
    const YAML::Node adapters = node["adapters"];
    if (adapters.IsDefined()) {
      return Names(adapters, field + ".adapters", &client->any_adapter, &client->adapters);
    }
    client->adapters.insert(client->name);
    return absl::OkStatus();
  }

 private:
  const std::string filename_;
  const absl::flat_hash_set<std::string> centers_;
};

}  // namespace

bool TokenClient::MayUseCenter(std::string_view center) const {
  return all_centers || centers.contains(std::string(center));
}

bool TokenClient::MaySpeakAs(std::string_view adapter) const {
  return any_adapter || adapters.contains(std::string(adapter));
}

std::string Sha256(std::string_view text) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(text.data()), text.size(), digest);
  return std::string(reinterpret_cast<const char*>(digest), sizeof digest);
}

absl::StatusOr<std::shared_ptr<const TokenTable>> TokenTable::Parse(
    std::string_view text, std::string_view filename, const std::vector<std::string>& centers) {
  Parser parser(filename, centers);
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    return absl::InvalidArgumentError(
        absl::StrCat(std::string(filename), ":", e.mark.line + 1, ": not YAML: ", e.msg));
  }
  auto table = std::make_shared<TokenTable>();
  try {
    if (!root.IsMap()) return parser.Error(root, "clients", "the file must be a map with a clients list");
    for (const auto& entry : root) {
      const std::string key = entry.first.as<std::string>();
      if (key != "clients") return parser.Error(entry.first, key, "unknown field (clients)");
    }
    const YAML::Node clients = root["clients"];
    if (!clients.IsSequence() || clients.size() == 0) {
      return parser.Error(clients.IsDefined() ? clients : root, "clients",
                          "a non-empty list is required");
    }
    absl::flat_hash_set<std::string> names;
    for (size_t i = 0; i < clients.size(); ++i) {
      const std::string field = absl::StrCat("clients[", i, "]");
      std::string digest;
      TokenClient client;
      if (absl::Status s = parser.Client(clients[i], field, &digest, &client); !s.ok()) return s;
      if (!names.insert(client.name).second) {
        return parser.Error(clients[i], field + ".name",
                            absl::StrCat("'", client.name, "' is named twice"));
      }
      if (!table->by_digest_.emplace(std::move(digest), std::move(client)).second) {
        return parser.Error(clients[i], field, "another client has the same token");
      }
    }
  } catch (const YAML::Exception& e) {
    return absl::InvalidArgumentError(
        absl::StrCat(std::string(filename), ":", e.mark.line + 1, ": ", e.msg));
  }
  return std::shared_ptr<const TokenTable>(std::move(table));
}

const TokenClient* TokenTable::Find(std::string_view token) const {
  auto it = by_digest_.find(Sha256(token));  // by digest: no early exit on a prefix
  return it == by_digest_.end() ? nullptr : &it->second;
}

}  // namespace acd::service
