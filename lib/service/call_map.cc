#include "service/call_map.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "acd/bytes.h"

namespace acd::service {
namespace {

constexpr uint8_t kCallRecord = 1;     // id, adapter tag, external id
constexpr uint8_t kAdapterRecord = 2;  // tag, name
constexpr size_t kMaxExternalBytes = 256;

}  // namespace

absl::StatusOr<std::unique_ptr<CallMap>> CallMap::Open(Env& env, const std::string& dir,
                                                       Options options) {
  std::unique_ptr<CallMap> map(new CallMap(env, dir, options));
  if (!dir.empty()) {
    if (absl::Status s = map->Recover(); !s.ok()) return s;
  }
  return map;
}

absl::Status CallMap::Recover() {
  absl::MutexLock lock(&mu_);
  absl::StatusOr<RecoverySummary> summary = RecoverJournal(
      env_, dir_, JournalOptions{},
      [this](uint64_t, std::string_view payload) ABSL_NO_THREAD_SAFETY_ANALYSIS {
        return ApplySnapshot(payload);
      },
      [this](const JournalRecord& record) ABSL_NO_THREAD_SAFETY_ANALYSIS {
        return ApplyRecord(record.type, record.payload);
      });
  if (!summary.ok()) {
    return absl::Status(summary.status().code(),
                        absl::StrCat("call map journal ", dir_, ": ", summary.status().message()));
  }
  absl::StatusOr<std::unique_ptr<JournalWriter>> writer =
      JournalWriter::OpenAfterRecovery(env_, dir_, JournalOptions{}, *summary);
  if (!writer.ok()) return writer.status();
  writer_ = *std::move(writer);
  records_since_snapshot_ = summary->records;
  return absl::OkStatus();
}

absl::Status CallMap::ApplySnapshot(std::string_view payload) {
  by_external_.clear();
  by_id_.clear();
  tags_.clear();
  adapters_.clear();
  ByteReader r(payload);
  r.set_field("call map snapshot");
  next_id_ = r.GetVarint();
  const uint64_t adapters = r.GetVarintAtMost(kMaxAdapters);
  for (uint64_t i = 0; i < adapters && r.ok(); ++i) {
    adapters_.push_back(r.GetString());
    tags_.emplace(adapters_.back(), static_cast<uint32_t>(adapters_.size()));
  }
  const uint64_t calls = r.GetVarintAtMost(r.remaining());
  for (uint64_t i = 0; i < calls && r.ok(); ++i) {
    const CallId id = r.GetVarint();
    const uint32_t tag = static_cast<uint32_t>(r.GetVarintAtMost(adapters));
    std::string external = r.GetString();
    if (r.ok()) AddLocked(id, std::move(external), tag);
  }
  if (r.ok() && !r.at_end()) r.Fail("bytes after the end");
  return r.status();
}

absl::Status CallMap::ApplyRecord(uint8_t type, std::string_view payload) {
  ByteReader r(payload);
  if (type == kCallRecord) {
    r.set_field("call map record");
    const CallId id = r.GetVarint();
    const uint32_t tag = static_cast<uint32_t>(r.GetVarintAtMost(adapters_.size()));
    std::string external = r.GetString();
    if (r.ok()) AddLocked(id, std::move(external), tag);
  } else if (type == kAdapterRecord) {
    r.set_field("adapter record");
    const uint64_t tag = r.GetVarint();
    std::string name = r.GetString();
    if (r.ok() && tag != adapters_.size() + 1) r.Fail("adapter tags are not consecutive");
    if (r.ok()) {
      adapters_.push_back(name);
      tags_.emplace(std::move(name), static_cast<uint32_t>(tag));
    }
  } else {
    return absl::DataLossError(absl::StrCat("call map journal: unknown record type ", type));
  }
  return r.status();
}

void CallMap::QueueLocked(uint8_t type, std::string payload) {
  if (options_.notes) {
    note_.PutU8(type);
    note_.PutBytes(payload);
    has_note_.store(true, std::memory_order_release);
  }
  pending_.emplace_back(type, std::move(payload));
}

std::string CallMap::TakeNote() {
  if (!has_note_.load(std::memory_order_acquire)) return std::string();
  absl::MutexLock lock(&mu_);
  has_note_.store(false, std::memory_order_relaxed);
  std::string note = note_.Release();
  note_.Clear();
  return note;
}

absl::Status CallMap::ApplyNote(std::string_view note) {
  absl::MutexLock lock(&mu_);
  ByteReader r(note);
  while (r.ok() && !r.at_end()) {
    r.set_field("call map note");
    const uint8_t type = r.GetU8();
    const std::string_view payload = r.GetBytes();
    if (!r.ok()) break;
    ByteReader p(payload);
    bool known = false;
    if (type == kCallRecord) {
      p.set_field("call map note: call");
      const CallId id = p.GetVarint();
      if (!p.ok()) return p.status();
      known = by_id_.contains(id) || id < next_id_;  // held, or ended and forgotten
    } else if (type == kAdapterRecord) {
      p.set_field("call map note: adapter");
      const uint64_t tag = p.GetVarint();
      const std::string_view name = p.GetBytes();
      if (!p.ok()) return p.status();
      if (tag >= 1 && tag <= adapters_.size()) {
        if (adapters_[tag - 1] != name) {
          return absl::DataLossError(absl::StrCat("call map note: adapter tag ", tag, " is '",
                                                  adapters_[tag - 1], "' here, '",
                                                  absl::string_view(name.data(), name.size()),
                                                  "' in the note"));
        }
        known = true;
      }
    }
    if (known) continue;
    if (absl::Status s = ApplyRecord(type, payload); !s.ok()) return s;
    pending_.emplace_back(type, std::string(payload));  // into the map's own journal
  }
  return r.status();
}

void CallMap::AddLocked(CallId id, std::string external, uint32_t tag) {
  by_external_[external] = id;
  by_id_[id] = Entry{std::move(external), tag, false};
  if (id >= next_id_) next_id_ = id + 1;
}

absl::StatusOr<CallId> CallMap::Resolve(absl::string_view field, absl::string_view external,
                                        absl::string_view adapter, bool create, bool* created) {
  if (created != nullptr) *created = false;
  if (external.empty()) return absl::InvalidArgumentError(absl::StrCat(field, ": empty call id"));
  if (external.size() > kMaxExternalBytes) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ": a call id of ", external.size(), " bytes (at most ",
                     kMaxExternalBytes, ")"));
  }
  absl::MutexLock lock(&mu_);
  if (auto it = by_external_.find(external); it != by_external_.end()) return it->second;
  if (!create) {
    return absl::NotFoundError(absl::StrCat(field, ": no call '", external, "'"));
  }
  auto tag_it = tags_.find(adapter);
  if (tag_it == tags_.end()) {
    return absl::FailedPreconditionError(absl::StrCat("adapter '", adapter, "' has no tag"));
  }
  const CallId id = next_id_;
  AddLocked(id, std::string(external), tag_it->second);
  ByteWriter w;
  w.PutVarint(id);
  w.PutVarint(tag_it->second);
  w.PutBytes(std::string_view(external.data(), external.size()));
  QueueLocked(kCallRecord, w.Release());
  if (created != nullptr) *created = true;
  return id;
}

std::optional<CallMap::Owner> CallMap::Find(CallId id) const {
  absl::MutexLock lock(&mu_);
  auto it = by_id_.find(id);
  if (it == by_id_.end()) return std::nullopt;
  const uint32_t tag = it->second.adapter_tag;
  return Owner{it->second.external, tag >= 1 && tag <= adapters_.size() ? adapters_[tag - 1] : ""};
}

absl::StatusOr<uint32_t> CallMap::AdapterTag(absl::string_view adapter) {
  absl::MutexLock lock(&mu_);
  if (auto it = tags_.find(adapter); it != tags_.end()) return it->second;
  if (adapters_.size() >= kMaxAdapters) {
    return absl::ResourceExhaustedError(
        absl::StrCat("adapter: this center already knows ", kMaxAdapters, " adapters"));
  }
  adapters_.emplace_back(adapter);
  const uint32_t tag = static_cast<uint32_t>(adapters_.size());
  tags_.emplace(std::string(adapter), tag);
  ByteWriter w;
  w.PutVarint(tag);
  w.PutBytes(std::string_view(adapter.data(), adapter.size()));
  QueueLocked(kAdapterRecord, w.Release());
  return tag;
}

std::string CallMap::AdapterName(uint32_t tag) const {
  absl::MutexLock lock(&mu_);
  return tag >= 1 && tag <= adapters_.size() ? adapters_[tag - 1] : std::string();
}

void CallMap::MarkEnded(CallId id) {
  absl::MutexLock lock(&mu_);
  auto it = by_id_.find(id);
  if (it == by_id_.end() || it->second.ended) return;
  it->second.ended = true;
  ended_.push_back(id);
  while (ended_.size() > options_.keep_ended) {
    auto old = by_id_.find(ended_.front());
    ended_.pop_front();
    if (old == by_id_.end()) continue;
    by_external_.erase(old->second.external);
    by_id_.erase(old);
  }
}

std::vector<CallId> CallMap::LiveCalls(absl::string_view adapter) const {
  absl::MutexLock lock(&mu_);
  std::vector<CallId> out;
  auto tag = tags_.find(adapter);
  if (tag == tags_.end()) return out;
  for (const auto& [id, entry] : by_id_) {
    if (!entry.ended && entry.adapter_tag == tag->second) out.push_back(id);
  }
  return out;
}

std::vector<CallId> CallMap::AllLive() const {
  absl::MutexLock lock(&mu_);
  std::vector<CallId> out;
  for (const auto& [id, entry] : by_id_) {
    if (!entry.ended) out.push_back(id);
  }
  return out;
}

size_t CallMap::size() const {
  absl::MutexLock lock(&mu_);
  return by_id_.size();
}

std::string CallMap::SnapshotLocked() const {
  ByteWriter w;
  w.PutVarint(next_id_);
  w.PutVarint(adapters_.size());
  for (const std::string& name : adapters_) w.PutBytes(name);
  w.PutVarint(by_id_.size());
  for (const auto& [id, entry] : by_id_) {
    w.PutVarint(id);
    w.PutVarint(entry.adapter_tag);
    w.PutBytes(entry.external);
  }
  return w.Release();
}

absl::Status CallMap::Sync() {
  if (writer_ == nullptr) return absl::OkStatus();
  std::vector<std::pair<uint8_t, std::string>> records;
  {
    absl::MutexLock lock(&mu_);
    records.swap(pending_);
  }
  if (records.empty()) return absl::OkStatus();
  for (const auto& [type, payload] : records) {
    absl::StatusOr<uint64_t> seq = writer_->Append(type, payload);
    if (!seq.ok()) return seq.status();
  }
  if (absl::Status s = writer_->Sync(); !s.ok()) return s;
  records_since_snapshot_ += records.size();
  if (records_since_snapshot_ >= options_.snapshot_every) {
    // Compaction: the map as it is now covers every record appended so far
    // (entries are added to the map before their record is queued).
    std::string snapshot;
    uint64_t last_seq = writer_->next_seq() - 1;
    {
      absl::MutexLock lock(&mu_);
      if (!pending_.empty()) return absl::OkStatus();  // try again next time
      snapshot = SnapshotLocked();
    }
    if (writer_->WriteSnapshot(last_seq, snapshot).ok()) {
      records_since_snapshot_ = 0;
      writer_->DeleteObsolete(last_seq).IgnoreError();
    }
  }
  return absl::OkStatus();
}

}  // namespace acd::service
