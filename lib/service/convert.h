// Conversions between the service's messages (proto/acd/v1/acd_service.proto)
// and the engine's values: names to ids on the way in, ids to names on the
// way out. Stateless apart from the call map, which an arrival (or a
// callback request) extends with the new call's id.
//
// Thread-safety: the functions are; CenterNames is immutable, CallMap is
// thread-safe.
// Invariant: a conversion that fails creates no call-map entry (every other
// field is checked before the new call's id is made), and its error names
// the field ("event.call_enqueue.queue: no queue named 'x'").
#ifndef ACD_LIB_SERVICE_CONVERT_H_
#define ACD_LIB_SERVICE_CONVERT_H_

#include <string_view>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "acd/command.h"
#include "acd/engine.h"
#include "acd/event.h"
#include "acd/runtime.h"
#include "acd/v1/acd_service.pb.h"
#include "service/call_map.h"
#include "service/center_names.h"

namespace acd::service {

// The engine's body for an adapter's event. `adapter` owns the calls it
// creates.
absl::StatusOr<EventBody> ToEngine(const v1::Event& in, const CenterNames& names,
                                   const CenterConfig& center, CallMap& calls,
                                   absl::string_view adapter);

// The PBX's call id an event names ("" for an agent event): an engine
// error about the call is reported with it.
std::string ExternalCallOf(const v1::Event& event);

// The external call id a command is about (0 when it is about an agent).
CallId CommandCall(const Command& command);

void ToProto(const SequencedCommand& in, absl::string_view cause_adapter,
             uint64_t cause_event_id, const CenterNames& names, const CallMap& calls,
             v1::Command* out);
void ToProto(const CallView& in, const CenterNames& names, const CallMap& calls,
             v1::CallInfo* out);
void ToProto(const QueueSnapshot& in, v1::QueueFigures* out);
void ToProto(const AgentView& in, const CenterNames& names, v1::AgentFigures* out);

}  // namespace acd::service

#endif  // ACD_LIB_SERVICE_CONVERT_H_
