// ValidateCenter: every field of a CenterConfig, with the field path in
// the message. All errors are reported at once, one per line.
#include <algorithm>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "acd/center.h"

namespace acd {
namespace {

class Errors {
 public:
  template <typename... Args>
  void Add(const Args&... args) {
    lines_.push_back(absl::StrCat(args...));
  }
  absl::Status ToStatus() const {
    if (lines_.empty()) return absl::OkStatus();
    return absl::InvalidArgumentError(absl::StrJoin(lines_, "\n"));
  }

 private:
  std::vector<std::string> lines_;
};

void CheckAction(const CenterConfig& c, const std::string& path, const OverflowAction& a,
                 Errors& errors) {
  if (a.kind == OverflowKind::kQueue && a.queue >= c.queues.size()) {
    errors.Add(path, ".queue: ", a.queue, " does not exist (the center has ", c.queues.size(),
               " queues)");
  }
}

void CheckQueue(const CenterConfig& c, size_t i, Errors& errors) {
  const QueueConfig& q = c.queues[i];
  const std::string path = absl::StrCat("queues[", i, "]");
  if (q.name.empty()) errors.Add(path, ".name: must not be empty");
  if (q.ring_timeout_ms <= 0) errors.Add(path, ".ring_timeout_ms: must be > 0, got ", q.ring_timeout_ms);
  if (q.wrapup_ms < 0) errors.Add(path, ".wrapup_ms: must be >= 0, got ", q.wrapup_ms);
  if (q.max_misses < 0) errors.Add(path, ".max_misses: must be >= 0, got ", q.max_misses);
  if (!(q.wait_weight > 0)) errors.Add(path, ".wait_weight: must be > 0, got ", q.wait_weight);
  if (q.priority < -1000 || q.priority > 1000) {
    errors.Add(path, ".priority: ", q.priority, " is outside -1000..1000");
  }
  if (q.has_skill && q.skill >= c.skills.size()) {
    errors.Add(path, ".skill: ", q.skill, " does not exist (the center has ", c.skills.size(),
               " skills)");
  }
  if (q.max_wait_ms < 0) errors.Add(path, ".max_wait_ms: must be >= 0, got ", q.max_wait_ms);
  if (q.max_wait_ms > 0 && q.on_max_wait.kind == OverflowKind::kNone) {
    errors.Add(path, ".on_max_wait: an action is required when max_wait_ms is set");
  }
  if (q.max_length == 0) errors.Add(path, ".max_length: must be > 0");
  if (q.on_full.kind == OverflowKind::kNone) {
    errors.Add(path, ".on_full: an action is required (a full queue must overflow)");
  }
  if (q.ring_all_max == 0) errors.Add(path, ".ring_all_max: must be > 0");
  CheckAction(c, path + ".on_max_wait", q.on_max_wait, errors);
  CheckAction(c, path + ".on_full", q.on_full, errors);
}

void CheckAgent(const CenterConfig& c, size_t i, absl::flat_hash_set<AgentId>& ids,
                std::vector<absl::flat_hash_set<TimeMs>>& delays, Errors& errors) {
  const AgentConfig& a = c.agents[i];
  const std::string path = absl::StrCat("agents[", i, "]");
  if (a.id == 0) errors.Add(path, ".id: must not be 0");
  if (a.id != 0 && !ids.insert(a.id).second) errors.Add(path, ".id: ", a.id, " is used twice");
  if (a.capacity == 0) errors.Add(path, ".capacity: must be >= 1");
  absl::flat_hash_set<QueueId> queues;
  for (size_t m = 0; m < a.queues.size(); ++m) {
    const Membership& mem = a.queues[m];
    const std::string mpath = absl::StrCat(path, ".queues[", m, "]");
    if (mem.queue >= c.queues.size()) {
      errors.Add(mpath, ".queue: ", mem.queue, " does not exist (the center has ",
                 c.queues.size(), " queues)");
      continue;
    }
    if (!queues.insert(mem.queue).second) {
      errors.Add(mpath, ".queue: '", c.queues[mem.queue].name, "' is listed twice");
    }
    if (mem.level < kMinLevel || mem.level > kMaxLevel) {
      errors.Add(mpath, ".level: ", mem.level, " is outside 1..10");
    }
    if (mem.delay_ms < 0) errors.Add(mpath, ".delay_ms: must be >= 0, got ", mem.delay_ms);
    if (!(mem.weight > 0)) errors.Add(mpath, ".weight: must be > 0, got ", mem.weight);
    delays[mem.queue].insert(mem.delay_ms);
  }
  absl::flat_hash_set<SkillId> skills;
  for (size_t s = 0; s < a.skills.size(); ++s) {
    const SkillLevel& sk = a.skills[s];
    const std::string spath = absl::StrCat(path, ".skills[", s, "]");
    if (sk.skill >= c.skills.size()) {
      errors.Add(spath, ".skill: ", sk.skill, " does not exist (the center has ",
                 c.skills.size(), " skills)");
    } else if (!skills.insert(sk.skill).second) {
      errors.Add(spath, ".skill: '", c.skills[sk.skill], "' is listed twice");
    }
    if (sk.level < kMinLevel || sk.level > kMaxLevel) {
      errors.Add(spath, ".level: ", sk.level, " is outside 1..10");
    }
  }
}

// Queue-to-queue overflow must not loop: a call would never end.
void CheckOverflowLoops(const CenterConfig& c, Errors& errors) {
  const size_t n = c.queues.size();
  std::vector<int> color(n, 0);  // 0 new, 1 on the path, 2 done
  std::vector<std::vector<std::pair<size_t, std::string>>> edges(n);
  for (size_t i = 0; i < n; ++i) {
    const QueueConfig& q = c.queues[i];
    if (q.on_max_wait.kind == OverflowKind::kQueue && q.on_max_wait.queue < n) {
      edges[i].push_back({q.on_max_wait.queue, "on_max_wait"});
    }
    if (q.on_full.kind == OverflowKind::kQueue && q.on_full.queue < n) {
      edges[i].push_back({q.on_full.queue, "on_full"});
    }
  }
  for (size_t start = 0; start < n; ++start) {
    if (color[start] != 0) continue;
    std::vector<std::pair<size_t, size_t>> stack{{start, 0}};
    color[start] = 1;
    while (!stack.empty()) {
      auto& [v, next] = stack.back();
      if (next == edges[v].size()) {
        color[v] = 2;
        stack.pop_back();
        continue;
      }
      const auto& [w, field] = edges[v][next++];
      if (color[w] == 1) {
        errors.Add("queues[", v, "].", field, ".queue: overflow to '", c.queues[w].name,
                   "' closes a loop; a call could move between queues forever");
      } else if (color[w] == 0) {
        color[w] = 1;
        stack.push_back({w, 0});
      }
    }
  }
}

}  // namespace

absl::Status ValidateCenter(const CenterConfig& center) {
  Errors errors;
  absl::flat_hash_set<std::string> skill_names;
  for (size_t i = 0; i < center.skills.size(); ++i) {
    if (center.skills[i].empty()) errors.Add("skills[", i, "]: must not be empty");
    if (!skill_names.insert(center.skills[i]).second) {
      errors.Add("skills[", i, "]: '", center.skills[i], "' is listed twice");
    }
  }
  absl::flat_hash_set<std::string> queue_names;
  for (size_t i = 0; i < center.queues.size(); ++i) {
    CheckQueue(center, i, errors);
    if (!center.queues[i].name.empty() && !queue_names.insert(center.queues[i].name).second) {
      errors.Add("queues[", i, "].name: '", center.queues[i].name, "' is used twice");
    }
  }
  absl::flat_hash_set<AgentId> ids;
  std::vector<absl::flat_hash_set<TimeMs>> delays(center.queues.size());
  for (size_t i = 0; i < center.agents.size(); ++i) CheckAgent(center, i, ids, delays, errors);
  for (size_t q = 0; q < delays.size(); ++q) {
    delays[q].insert(0);
    if (delays[q].size() > static_cast<size_t>(kMaxDelayClasses)) {
      errors.Add("queues[", q, "]: members use ", delays[q].size() - 1,
                 " distinct delay_ms values besides 0; at most ", kMaxDelayClasses - 1);
    }
  }
  CheckOverflowLoops(center, errors);
  if (center.max_live_calls == 0) errors.Add("max_live_calls: must be > 0");
  if (center.dedupe_window == 0) errors.Add("dedupe_window: must be > 0");
  if (center.ended_calls_window == 0) errors.Add("ended_calls_window: must be > 0");
  return errors.ToStatus();
}

}  // namespace acd
