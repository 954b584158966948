// Conversions for adapters that hold engine values (the simulator playing a
// PBX, the load generator): an engine Event to the service's Event, and the
// service's Command back to an engine Command. Calls are named by their
// engine id in decimal ("17"), agents, queues and skills by the center's
// names, so the server's decisions can be compared with an in-process
// engine's, command for command.
//
// Thread-safety: stateless; CenterNames is immutable.
#ifndef ACD_LIB_SERVICE_CLIENT_CONVERT_H_
#define ACD_LIB_SERVICE_CLIENT_CONVERT_H_

#include "absl/status/statusor.h"
#include "acd/center.h"
#include "acd/command.h"
#include "acd/event.h"
#include "acd/v1/acd_service.pb.h"
#include "service/center_names.h"

namespace acd::service {

// InvalidArgument for an event the service's vocabulary cannot carry (a
// skill expression given as a compiled tree: the service takes text).
absl::StatusOr<v1::Event> EventToProto(const EventBody& body, const CenterConfig& center,
                                       const CenterNames& names);

// InvalidArgument naming the field for a name the center does not have or
// a call that is not a decimal id.
absl::StatusOr<Command> CommandFromProto(const v1::Command& command, const CenterNames& names);

}  // namespace acd::service

#endif  // ACD_LIB_SERVICE_CLIENT_CONVERT_H_
