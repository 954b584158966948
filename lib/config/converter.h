// The conversion of an acd.v1.Center into an acd::CenterConfig, split over
// proto_to_center.cc (queues, agents, bounds), rules_to_center.cc (overflow
// and entry rules, callbacks, announcements) and calendar_to_center.cc
// (time zone, business hours, times of day, dates).
#ifndef ACD_LIB_CONFIG_CONVERTER_H_
#define ACD_LIB_CONFIG_CONVERTER_H_

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "acd/center.h"
#include "acd/v1/center.pb.h"
#include "config/errors.h"

namespace acd::config_internal {

// Stands in for a name that matched nothing, once the error is recorded:
// out of range, so that acd::ValidateCenter's own complaint about it lands
// on the same field path (and is dropped as a repeat) and no other check
// mistakes it for a real queue or skill.
inline constexpr uint32_t kUnresolved = std::numeric_limits<uint32_t>::max();

// Names of one kind (queues or skills) and their indexes. Not thread-safe.
// Invariant: ids_ maps each distinct non-empty name to its first index.
class NameTable {
 public:
  explicit NameTable(std::string_view what) : what_(what) {}

  // Adds the name at the next index. Empty and repeated names are left to
  // acd::ValidateCenter; lookups find the first.
  void Add(const std::string& name);
  // The index of `name`, or an error at `path` and kUnresolved.
  uint32_t Find(const std::string& name, const std::string& path,
                ErrorList* errors) const;

 private:
  std::string what_;
  std::vector<std::string> names_;
  absl::flat_hash_map<std::string, uint32_t> ids_;
};

// One conversion. Not thread-safe; used once. Each problem it can see
// without the whole config (a name that matches nothing, a malformed time,
// a field the chosen kind does not use) becomes one error at its path;
// ranges and cross-field checks are acd::ValidateCenter's.
class Converter {
 public:
  Converter(const v1::Center& proto, ErrorList* errors)
      : proto_(proto), errors_(errors), queues_("queue"), skills_("skill") {}

  CenterConfig Convert();

 private:
  // proto_to_center.cc
  QueueConfig Queue(const v1::Queue& in, const std::string& path);
  std::vector<SkillWeight> Weights(const v1::Queue& in, const std::string& path);
  OverflowAction Action(const v1::OverflowAction& in, const std::string& path);
  AgentConfig Agent(const v1::Agent& in, const std::string& path);
  void Bounds(const v1::Bounds& in, CenterConfig* out);
  // channels_to_center.cc: an agent's channels (Agent.channels), in Media
  // order, and its capacity when the file leaves it to them.
  void Channels(const v1::Agent& in, const std::string& path, AgentConfig* out);

  // rules_to_center.cc
  void QueueRules(const v1::Queue& in, const std::string& path,
                  QueueConfig* out);
  // join_empty / leave_when_empty factor names as EmptyFactor bits; each
  // unknown or repeated name is an error at path[i].
  uint8_t EmptyFactors(const google::protobuf::RepeatedPtrField<std::string>& names,
                       const std::string& path);
  OverflowRule Rule(const v1::OverflowRule& in, const std::string& path);
  CallbackPolicy Callback(const v1::CallbackPolicy& in,
                          const std::string& path);
  EntryRule Entry(const v1::EntryRule& in, const std::string& path);
  EntryMatch Match(const v1::EntryMatch& in, const std::string& path);
  void EntryRules(CenterConfig* out);

  // calendar_to_center.cc
  void TimeZone(BusinessCalendar* out);
  void Calendar(const v1::Calendar& in, BusinessCalendar* out);
  // `weekdays_used`: false for a holiday's hours, where days are an error.
  TimeWindow Window(const v1::TimeWindow& in, const std::string& path,
                    bool weekdays_used);
  std::vector<TimeWindow> Windows(
      const google::protobuf::RepeatedPtrField<v1::TimeWindow>& in,
      const std::string& path, bool weekdays_used);
  Holiday HolidayOf(const v1::Holiday& in, const std::string& path);

  const v1::Center& proto_;
  ErrorList* errors_;
  NameTable queues_;
  NameTable skills_;
  std::vector<std::string> skill_names_;  // for skill expressions
  std::vector<std::string> intent_names_;  // built-in and declared, for entry rules
};

}  // namespace acd::config_internal

#endif  // ACD_LIB_CONFIG_CONVERTER_H_
