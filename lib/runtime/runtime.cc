// The Runtime: shards by center name. Control calls only; the submit path
// goes straight to a Shard.
#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "acd/runtime.h"

namespace acd {

Runtime::~Runtime() {
  absl::flat_hash_map<std::string, std::shared_ptr<Shard>> shards;
  {
    absl::MutexLock lock(&mu_);
    shards.swap(shards_);
  }
  for (auto& [name, shard] : shards) shard->Stop();
}

absl::StatusOr<std::shared_ptr<Shard>> Runtime::AddShard(const std::string& name,
                                                         CenterConfig center,
                                                         ShardOptions options) {
  absl::MutexLock lock(&mu_);
  if (shards_.contains(name)) {
    return absl::AlreadyExistsError(absl::StrCat("shard '", name, "' already exists"));
  }
  absl::StatusOr<std::unique_ptr<Shard>> shard = Shard::Start(name, std::move(center), options);
  if (!shard.ok()) return shard.status();
  std::shared_ptr<Shard> shared = std::move(*shard);
  shards_[name] = shared;
  return shared;
}

absl::StatusOr<std::shared_ptr<Shard>> Runtime::GetShard(const std::string& name) const {
  absl::MutexLock lock(&mu_);
  auto it = shards_.find(name);
  if (it == shards_.end()) return absl::NotFoundError(absl::StrCat("no shard '", name, "'"));
  return it->second;
}

absl::Status Runtime::RemoveShard(const std::string& name) {
  std::shared_ptr<Shard> shard;
  {
    absl::MutexLock lock(&mu_);
    auto it = shards_.find(name);
    if (it == shards_.end()) return absl::NotFoundError(absl::StrCat("no shard '", name, "'"));
    shard = std::move(it->second);
    shards_.erase(it);
  }
  shard->Stop();  // outside the lock: a drain can take a while
  return absl::OkStatus();
}

std::vector<std::string> Runtime::ShardNames() const {
  absl::MutexLock lock(&mu_);
  std::vector<std::string> names;
  for (const auto& [name, shard] : shards_) names.push_back(name);
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace acd
