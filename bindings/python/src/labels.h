// Label names in Python (acd/labels.h, issue 12). An event built in Python
// does not know the center of the engine it will be given to, so its
// reason or intent holds a process-wide id: the built-in ids as in C++,
// then every other label name in the order this process first met it.
// acd.Engine translates these ids to its center's by name on the way in
// (refusing a name its center does not declare, the engine unchanged) and
// back on the way out (commands, views). Python sees names only.
//
// Thread-safety: call with the GIL held. Invariant: an interned name keeps
// its id for the life of the process; at most 255 names of each kind.
#ifndef ACD_BINDINGS_PYTHON_LABELS_H_
#define ACD_BINDINGS_PYTHON_LABELS_H_

#include <string>

#include <pybind11/pybind11.h>

#include "acd/labels.h"
#include "acd/types.h"

namespace acd::python {

namespace py = pybind11;

// Codec of a label: a name (str) in, the name out. Load refuses a str that
// is neither a built-in name nor a possible label name.
template <typename Label>
struct LabelCodec {
  static Label Load(py::handle value, const std::string& field);
  static py::object Dump(Label v);
};

// The center's id for a process-wide id; raises acd.InvalidArgument naming
// `field` when the center does not declare the name.
NotReadyReason ToCenter(NotReadyReason id, const CenterLabels& labels, const std::string& field);
Intent ToCenter(Intent id, const CenterLabels& labels, const std::string& field);

// The process-wide id for a center's id.
NotReadyReason FromCenter(NotReadyReason id, const CenterLabels& labels);
Intent FromCenter(Intent id, const CenterLabels& labels);

}  // namespace acd::python

#endif  // ACD_BINDINGS_PYTHON_LABELS_H_
