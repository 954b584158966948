#include "tools/acd/client_security.h"

#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace acd::tools {
namespace {

absl::StatusOr<std::string> ReadWhole(const std::string& path, const std::string& flag) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::InvalidArgumentError(absl::StrCat(flag, " ", path, ": cannot open it"));
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

const char* ClientSecurityUsage() {
  return "  --token-file FILE  the bearer token (its first line) for a server started\n"
         "                   with --tokens\n"
         "  --tls-ca FILE    speak TLS, trusting this PEM CA for the server's certificate\n"
         "  --tls-cert FILE, --tls-key FILE  a PEM client certificate and key (mutual TLS)\n";
}

bool TakeClientSecurityFlag(const std::string& flag, const std::string& value,
                            ClientSecurity* security) {
  if (flag == "--token-file") {
    security->token_file = value;
  } else if (flag == "--tls-ca") {
    security->tls_ca = value;
  } else if (flag == "--tls-cert") {
    security->tls_cert = value;
  } else if (flag == "--tls-key") {
    security->tls_key = value;
  } else {
    return false;
  }
  return true;
}

absl::StatusOr<std::shared_ptr<grpc::Channel>> OpenChannel(const std::string& target,
                                                           ClientSecurity* security) {
  if (!security->token_file.empty()) {
    absl::StatusOr<std::string> text = ReadWhole(security->token_file, "--token-file");
    if (!text.ok()) return text.status();
    std::string token = text->substr(0, text->find('\n'));
    absl::StripAsciiWhitespace(&token);
    if (token.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat("--token-file ", security->token_file, ": its first line is empty"));
    }
    security->token = std::move(token);
  }
  if (security->tls_ca.empty()) {
    if (!security->tls_cert.empty() || !security->tls_key.empty()) {
      return absl::InvalidArgumentError("--tls-ca: required with a client certificate");
    }
    return grpc::CreateChannel(target, grpc::InsecureChannelCredentials());
  }
  if (security->tls_cert.empty() != security->tls_key.empty()) {
    return absl::InvalidArgumentError("--tls-cert, --tls-key: give both or neither");
  }
  grpc::SslCredentialsOptions ssl;
  absl::StatusOr<std::string> ca = ReadWhole(security->tls_ca, "--tls-ca");
  if (!ca.ok()) return ca.status();
  ssl.pem_root_certs = *std::move(ca);
  if (!security->tls_cert.empty()) {
    absl::StatusOr<std::string> cert = ReadWhole(security->tls_cert, "--tls-cert");
    if (!cert.ok()) return cert.status();
    absl::StatusOr<std::string> key = ReadWhole(security->tls_key, "--tls-key");
    if (!key.ok()) return key.status();
    ssl.pem_cert_chain = *std::move(cert);
    ssl.pem_private_key = *std::move(key);
  }
  return grpc::CreateChannel(target, grpc::SslCredentials(ssl));
}

void Authorize(const ClientSecurity& security, grpc::ClientContext* context) {
  if (!security.token.empty()) context->AddMetadata("authorization", "Bearer " + security.token);
}

}  // namespace acd::tools
