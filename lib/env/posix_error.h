// PosixError: the one mapping from an errno to an absl::Status for lib/env,
// so that every message reads "<path>: cannot <verb>: <strerror>".
#ifndef ACD_LIB_ENV_POSIX_ERROR_H_
#define ACD_LIB_ENV_POSIX_ERROR_H_

#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace acd::env_internal {

// NotFound, PermissionDenied, AlreadyExists, ResourceExhausted ("disk full: "
// first) or Internal, by `error` (an errno value).
absl::Status PosixError(absl::string_view path, absl::string_view verb, int error);

}  // namespace acd::env_internal

#endif  // ACD_LIB_ENV_POSIX_ERROR_H_
