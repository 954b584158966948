// The token table of `acd serve --tokens FILE`: which clients may call the
// server, each by a bearer token (gRPC metadata "authorization: Bearer
// TOKEN"), each limited to its centers and to the adapter names it may
// speak as. The file format is documented in docs/service-security.md:
//
//   clients:
//     - name: pbx-east            # who it is, in logs
//       token_sha256: 5e88...     # hex SHA-256 of the token (or token: in clear)
//       centers: [sales]          # "*": every center
//       adapters: [pbx-east]      # optional; default [name]; "*": any name
//
// Tokens are kept only as SHA-256 digests and looked up by digest, so the
// time a lookup takes does not depend on how much of a guess is right.
//
// Thread-safety: a TokenTable is immutable once parsed; share it freely.
// Invariants: every client has a name, a token of at least 16 bytes (or a
// digest), at least one center; no two clients share a token.
#ifndef ACD_LIB_SERVICE_TOKENS_H_
#define ACD_LIB_SERVICE_TOKENS_H_

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"

namespace acd::service {

struct TokenClient {
  std::string name;
  bool all_centers = false;
  absl::flat_hash_set<std::string> centers;
  bool any_adapter = false;
  absl::flat_hash_set<std::string> adapters;

  bool MayUseCenter(std::string_view center) const;
  bool MaySpeakAs(std::string_view adapter) const;
};

class TokenTable {
 public:
  // Parses the file's text; `centers` are the names the server serves (a
  // client may not name another). Errors read "FILE:LINE: field: reason".
  static absl::StatusOr<std::shared_ptr<const TokenTable>> Parse(
      std::string_view text, std::string_view filename, const std::vector<std::string>& centers);

  // The client a token names, or null.
  const TokenClient* Find(std::string_view token) const;
  size_t size() const { return by_digest_.size(); }

 private:
  absl::flat_hash_map<std::string, TokenClient> by_digest_;  // raw SHA-256 -> client
};

// The raw 32-byte SHA-256 of `text`.
std::string Sha256(std::string_view text);

}  // namespace acd::service

#endif  // ACD_LIB_SERVICE_TOKENS_H_
