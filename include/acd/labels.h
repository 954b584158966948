// Center labels: the not-ready reasons and caller intents a center file
// declares beyond the built-in ones of types.h (issue 12). NotReadyReason
// and Intent are open label ids: the built-in names keep their values
// (kBreak, kBuy, ...), and a center's own labels take the ids that follow,
// in the order the file lists them. A label id means something only
// together with its center: names are resolved against the center at every
// edge (center files, gRPC, Python, trace files) and go out by name.
//
// Thread-safety: CenterLabels is a plain value; the functions are pure.
// Invariants (ValidateCenter): at most kMaxCenterLabels of each kind, each
// a lower-case name ([a-z][a-z0-9_]*, at most 64 characters), distinct from
// the other labels of its kind and from the built-in names. Every id a
// center knows fits the one-byte encoding of the codecs.
#ifndef ACD_LABELS_H_
#define ACD_LABELS_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "acd/types.h"

namespace acd {

struct CenterLabels {
  std::vector<std::string> not_ready_reasons;  // ids kBuiltinNotReadyReasons + index
  std::vector<std::string> intents;            // ids kBuiltinIntents + index
  bool operator==(const CenterLabels&) const = default;
};

inline constexpr int kBuiltinNotReadyReasons = 7;  // kNone .. kNoAnswer
inline constexpr int kBuiltinIntents = 6;          // kUnknown .. kOther
inline constexpr size_t kMaxCenterLabels = 64;     // per kind
inline constexpr size_t kMaxLabelName = 64;        // characters

// The largest id a center may give (the codecs read no larger one).
inline constexpr NotReadyReason kMaxNotReadyReasonId =
    static_cast<NotReadyReason>(kBuiltinNotReadyReasons + kMaxCenterLabels - 1);
inline constexpr Intent kMaxIntentId = static_cast<Intent>(kBuiltinIntents + kMaxCenterLabels - 1);

// Whether `name` has a label's form: [a-z][a-z0-9_]*, at most
// kMaxLabelName characters.
bool IsLabelName(std::string_view name);

// Whether the center knows the id (a built-in one, or one it declares).
bool KnowsLabel(const CenterLabels& labels, NotReadyReason reason);
bool KnowsLabel(const CenterLabels& labels, Intent intent);

// The id's name: the built-in name, the center's label, or "#<id>" for an
// id the center does not know.
std::string LabelName(const CenterLabels& labels, NotReadyReason reason);
std::string LabelName(const CenterLabels& labels, Intent intent);

// The id of a name (a built-in name or a declared label). An unknown name
// is InvalidArgument naming `field`: "agents[3].reason: 'coffee' is not a
// not-ready reason of this center; it declares unspecified, break, ...".
absl::StatusOr<NotReadyReason> ResolveNotReadyReason(const CenterLabels& labels,
                                                     std::string_view field,
                                                     std::string_view name);
absl::StatusOr<Intent> ResolveIntent(const CenterLabels& labels, std::string_view field,
                                     std::string_view name);

// Every name of the kind the center knows, in id order (built-ins first).
std::vector<std::string> NotReadyReasonNames(const CenterLabels& labels);
std::vector<std::string> IntentNames(const CenterLabels& labels);

// The problems of the declared labels, one "labels.intents[2]: ..." line
// each (ValidateCenter reports them); empty when the labels are valid.
std::vector<std::string> CheckLabels(const CenterLabels& labels);

}  // namespace acd

#endif  // ACD_LABELS_H_
