#include "service/tokens.h"

#include <openssl/sha.h>

#include <string>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "config/yaml_tree.h"

namespace acd::service {
namespace {

using config_internal::YamlNode;

constexpr size_t kMinTokenBytes = 16;
constexpr size_t kMaxNameBytes = 128;

class Parser {
 public:
  Parser(std::string_view filename, const std::vector<std::string>& centers)
      : filename_(std::string(filename)), centers_(centers.begin(), centers.end()) {}

  absl::Status Error(const YamlNode& node, const std::string& field, const std::string& reason) {
    const std::string where =
        node.line == 0 ? filename_ : absl::StrCat(filename_, ":", node.line);
    return absl::InvalidArgumentError(absl::StrCat(where, ": ", field, ": ", reason));
  }

  // A list of names, or "*" (alone) for every one.
  absl::Status Names(const YamlNode& node, const std::string& field, bool* all,
                     absl::flat_hash_set<std::string>* names) {
    if (!node.IsSequence() || node.items.empty()) {
      return Error(node, field, "a non-empty list of names is required (\"*\" for every one)");
    }
    for (size_t i = 0; i < node.items.size(); ++i) {
      const std::string item = absl::StrCat(field, "[", i, "]");
      const YamlNode& entry = node.items[i];
      if (!entry.IsScalar() || entry.scalar.empty()) return Error(entry, item, "a name is required");
      const std::string& name = entry.scalar;
      if (name == "*") {
        *all = true;
      } else {
        names->insert(name);
      }
    }
    if (*all && !names->empty()) return Error(node, field, "\"*\" stands alone: it means every one");
    return absl::OkStatus();
  }

  absl::Status Client(const YamlNode& node, const std::string& field, std::string* digest,
                      TokenClient* client) {
    if (!node.IsMap()) return Error(node, field, "a map with name, token and centers is required");
    for (size_t i = 0; i + 1 < node.items.size(); i += 2) {
      const YamlNode& key = node.items[i];
      if (!key.IsScalar() || (key.scalar != "name" && key.scalar != "token" &&
                              key.scalar != "token_sha256" && key.scalar != "centers" &&
                              key.scalar != "adapters")) {
        return Error(key, absl::StrCat(field, ".", key.IsScalar() ? key.scalar : "?"),
                     "unknown field (name, token, token_sha256, centers, adapters)");
      }
    }
    const YamlNode* name = node.Find("name");
    if (name == nullptr || !name->IsScalar() || name->scalar.empty() ||
        name->scalar.size() > kMaxNameBytes) {
      return Error(name != nullptr ? *name : node, field + ".name",
                   "a name of 1 to 128 bytes is required");
    }
    client->name = name->scalar;
    const YamlNode* token = node.Find("token");
    const YamlNode* hashed = node.Find("token_sha256");
    if ((token != nullptr) == (hashed != nullptr)) {
      return Error(node, field, "exactly one of token and token_sha256 is required");
    }
    if (token != nullptr) {
      if (!token->IsScalar() || token->scalar.size() < kMinTokenBytes) {
        return Error(*token, field + ".token", "a token of at least 16 bytes is required");
      }
      if (token->scalar.find_first_of(" \t\r\n") != std::string::npos) {
        return Error(*token, field + ".token", "a token holds no white space");
      }
      *digest = Sha256(token->scalar);
    } else {
      const std::string hex = hashed->IsScalar() ? absl::AsciiStrToLower(hashed->scalar) : "";
      if (hex.size() != 64 || hex.find_first_not_of("0123456789abcdef") != std::string::npos) {
        return Error(*hashed, field + ".token_sha256", "64 hexadecimal digits are required");
      }
      *digest = absl::HexStringToBytes(hex);
    }
    const YamlNode* centers = node.Find("centers");
    if (centers == nullptr) return Error(node, field + ".centers", "required");
    if (absl::Status s = Names(*centers, field + ".centers", &client->all_centers, &client->centers);
        !s.ok()) {
      return s;
    }
    for (const std::string& center : client->centers) {
      if (!centers_.contains(center)) {
        return Error(*centers, field + ".centers",
                     absl::StrCat("this server serves no center named '", center, "'"));
      }
    }
    const YamlNode* adapters = node.Find("adapters");
    if (adapters != nullptr) {
      return Names(*adapters, field + ".adapters", &client->any_adapter, &client->adapters);
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
  config_internal::YamlTree tree(nullptr);  // the whole document kept
  if (!tree.Read(text, 1)) {
    const config_internal::YamlError& error = *tree.error();
    return absl::InvalidArgumentError(
        absl::StrCat(std::string(filename), ":", error.line, ": not YAML: ", error.reason));
  }
  if (tree.documents() > 1) {
    return absl::InvalidArgumentError(absl::StrCat(
        std::string(filename), ":", tree.second_line(), ": expected one YAML document"));
  }
  if (tree.overflowed()) {
    return absl::InvalidArgumentError(absl::StrCat(std::string(filename), ": too many values"));
  }
  const YamlNode empty;
  const YamlNode& root = tree.root() != nullptr ? *tree.root() : empty;
  auto table = std::make_shared<TokenTable>();
  if (!root.IsMap()) return parser.Error(root, "clients", "the file must be a map with a clients list");
  for (size_t i = 0; i + 1 < root.items.size(); i += 2) {
    const YamlNode& key = root.items[i];
    if (!key.IsScalar() || key.scalar != "clients") {
      return parser.Error(key, key.IsScalar() ? key.scalar : "?", "unknown field (clients)");
    }
  }
  const YamlNode* clients = root.Find("clients");
  if (clients == nullptr || !clients->IsSequence() || clients->items.empty()) {
    return parser.Error(clients != nullptr ? *clients : root, "clients",
                        "a non-empty list is required");
  }
  absl::flat_hash_set<std::string> names;
  for (size_t i = 0; i < clients->items.size(); ++i) {
    const YamlNode& item = clients->items[i];
    const std::string field = absl::StrCat("clients[", i, "]");
    std::string digest;
    TokenClient client;
    if (absl::Status s = parser.Client(item, field, &digest, &client); !s.ok()) return s;
    if (!names.insert(client.name).second) {
      return parser.Error(item, field + ".name", absl::StrCat("'", client.name, "' is named twice"));
    }
    if (!table->by_digest_.emplace(std::move(digest), std::move(client)).second) {
      return parser.Error(item, field, "another client has the same token");
    }
  }
  return std::shared_ptr<const TokenTable>(std::move(table));
}

const TokenClient* TokenTable::Find(std::string_view token) const {
  auto it = by_digest_.find(Sha256(token));  // by digest: no early exit on a prefix
  return it == by_digest_.end() ? nullptr : &it->second;
}

}  // namespace acd::service
