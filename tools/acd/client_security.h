// How acd's own gRPC clients (acd demo) reach a server started with
// --tokens or TLS: the flags --token-file, --tls-ca, --tls-cert, --tls-key,
// the channel they make, and the bearer token put on every call.
// Thread-safety: plain values; OpenChannel reads files.
#ifndef ACD_TOOLS_ACD_CLIENT_SECURITY_H_
#define ACD_TOOLS_ACD_CLIENT_SECURITY_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "grpcpp/grpcpp.h"

namespace acd::tools {

struct ClientSecurity {
  std::string token_file;  // its first line is the token
  std::string tls_ca;      // set: TLS, trusting this PEM CA
  std::string tls_cert;    // with tls_key: a client certificate (mutual TLS)
  std::string tls_key;
  std::string token;       // read by OpenChannel
};

// The usage lines of the four flags.
const char* ClientSecurityUsage();
// Stores the value when `flag` is one of the four; false otherwise.
bool TakeClientSecurityFlag(const std::string& flag, const std::string& value,
                            ClientSecurity* security);
// Reads the files (errors name the flag) and makes the channel.
absl::StatusOr<std::shared_ptr<grpc::Channel>> OpenChannel(const std::string& target,
                                                           ClientSecurity* security);
// Puts the bearer token, if any, on a call.
void Authorize(const ClientSecurity& security, grpc::ClientContext* context);

}  // namespace acd::tools

#endif  // ACD_TOOLS_ACD_CLIENT_SECURITY_H_
