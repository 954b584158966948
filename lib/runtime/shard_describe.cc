// One-line renderings of the shard's inputs and a recovery summary, for the
// runtime's log and `acd journal dump` / `check`.
#include <type_traits>
#include <variant>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"
#include "acd/center_codec.h"
#include "acd/shard_journal.h"

namespace acd {
namespace {

std::string CenterText(const CenterConfig& center) {
  return absl::StrCat(center.queues.size(), " queues, ", center.agents.size(), " agents, ",
                      center.skills.size(), " skills, fingerprint ",
                      absl::Hex(CenterFingerprint(center), absl::kZeroPad16));
}

}  // namespace

std::string DescribeShardRecord(const ShardRecord& input) {
  return std::visit([](const auto& r) -> std::string {
    using T = std::decay_t<decltype(r)>;
    if constexpr (std::is_same_v<T, ShardOpen>) {
      return absl::StrCat("open seed=", r.seed, " center: ", CenterText(r.center));
    } else if constexpr (std::is_same_v<T, Event>) {
      return absl::StrCat("event ", DescribeEvent(r));
    } else if constexpr (std::is_same_v<T, ShardAdvance>) {
      return absl::StrCat("advance to @", r.time_ms);
    } else if constexpr (std::is_same_v<T, ShardNote>) {
      return absl::StrCat("note of ", r.bytes.size(), " bytes (the journal owner's, not an input)");
    } else {
      return absl::StrCat("reconfigure center: ", CenterText(r.center));
    }
  }, input);
}

std::string ShardRecoverySummary::ToString() const {
  std::string out = journal.ToString();
  if (!out.empty() && out.back() != '\n') out += "\n";
  absl::StrAppend(&out, "inputs replayed: ", opens, " open, ", events, " events (",
                  events_rejected, " rejected, as when first applied), ", advances,
                  " advances, ", reconfigures, " reconfigures (", reconfigures_refused,
                  " refused), ", notes, " notes\n");
  if (first_time_ms) {
    absl::StrAppend(&out, "input times: @", *first_time_ms, " .. @", *last_time_ms, "\n");
  }
  if (last_event) {
    absl::StrAppend(&out, "last event: ", DescribeShardRecord(*last_event), "\n");
  }
  absl::StrAppend(&out, "seed ", seed, ", state hash ", absl::Hex(state_hash, absl::kZeroPad16),
                  "\n");
  return out;
}

}  // namespace acd
