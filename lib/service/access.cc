// Who may call the server and over what: bearer tokens checked on every
// call (lib/service/tokens.h), TLS credentials from PEM files, and the
// recheck of open adapter streams after the token file changes.
#include <string>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "service/adapter_stream.h"
#include "service/server_impl.h"

namespace acd::service {
namespace {

constexpr size_t kMaxTokenFileBytes = 1 << 20;
constexpr size_t kMaxPemBytes = 1 << 20;

// The token of an "authorization: Bearer TOKEN" header, or "" when none.
std::string BearerToken(const grpc::ServerContextBase& context) {
  const auto& metadata = context.client_metadata();
  auto it = metadata.find("authorization");
  if (it == metadata.end()) return "";
  const std::string value(it->second.data(), it->second.size());
  const std::string scheme = "bearer ";
  if (value.size() <= scheme.size() ||
      absl::AsciiStrToLower(value.substr(0, scheme.size())) != scheme) {
    return "";
  }
  std::string token = value.substr(scheme.size());
  absl::StripAsciiWhitespace(&token);
  return token;
}

}  // namespace

absl::StatusOr<Caller> ServerImpl::Authenticate(const grpc::ServerContextBase& context) const {
  std::shared_ptr<const TokenTable> table;
  {
    absl::MutexLock lock(&tokens_mu_);
    table = tokens_;
  }
  if (table == nullptr) return Caller{};
  Caller caller;
  caller.token = BearerToken(context);
  if (caller.token.empty()) {
    return absl::UnauthenticatedError(
        "authorization: this server requires a token (metadata \"authorization: Bearer "
        "TOKEN\")");
  }
  const TokenClient* client = table->Find(caller.token);
  if (client == nullptr) return absl::UnauthenticatedError("authorization: unknown token");
  caller.client = std::shared_ptr<const TokenClient>(table, client);  // shares the table's life
  return caller;
}

absl::StatusOr<CenterHost*> ServerImpl::HostFor(const Caller& caller, const std::string& center,
                                                const std::string* adapter) const {
  CenterHost* host = nullptr;
  if (center.empty()) {
    if (hosts_.size() != 1) {
      return absl::InvalidArgumentError(
          absl::StrCat("center: required (this server hosts ", hosts_.size(), " centers)"));
    }
    host = hosts_.front().get();
  } else {
    auto it = by_name_.find(center);
    if (it == by_name_.end()) {
      return absl::NotFoundError(absl::StrCat("center: no center named '", center, "'"));
    }
    host = it->second;
  }
  if (caller.client != nullptr) {
    if (!caller.client->MayUseCenter(host->name())) {
      return absl::PermissionDeniedError(absl::StrCat(
          "center: client '", caller.client->name, "' may not use center '", host->name(), "'"));
    }
    if (adapter != nullptr && !caller.client->MaySpeakAs(*adapter)) {
      return absl::PermissionDeniedError(absl::StrCat(
          "adapter: client '", caller.client->name, "' may not speak as adapter '", *adapter,
          "'"));
    }
  }
  return host;
}

absl::StatusOr<CenterHost*> ServerImpl::HostFor(const grpc::ServerContextBase& context,
                                                const std::string& center,
                                                const std::string* adapter) const {
  absl::StatusOr<Caller> caller = Authenticate(context);
  if (!caller.ok()) return caller.status();
  return HostFor(*caller, center, adapter);
}

absl::Status ServerImpl::StillAllowed(const Caller& caller, const std::string& center,
                                      const std::string& adapter) const {
  std::shared_ptr<const TokenTable> table;
  {
    absl::MutexLock lock(&tokens_mu_);
    table = tokens_;
  }
  if (table == nullptr) return absl::OkStatus();
  const TokenClient* client = caller.token.empty() ? nullptr : table->Find(caller.token);
  if (client == nullptr) {
    return absl::UnauthenticatedError("authorization: the token was revoked");
  }
  if (!client->MayUseCenter(center) || !client->MaySpeakAs(adapter)) {
    return absl::PermissionDeniedError(absl::StrCat(
        "client '", client->name, "' no longer covers center '", center, "' as adapter '",
        adapter, "'"));
  }
  return absl::OkStatus();
}

CenterHost* ServerImpl::HostOrFinish(grpc::CallbackServerContext* context,
                                     grpc::ServerUnaryReactor* reactor, const std::string& center,
                                     const std::string* adapter) {
  absl::StatusOr<CenterHost*> host = HostFor(*context, center, adapter);
  if (host.ok()) return *host;
  if (absl::IsUnauthenticated(host.status()) || absl::IsPermissionDenied(host.status())) {
    Log(absl::StrCat("level=warn event=access_denied peer=", context->peer(), " reason=\"",
                     host.status().message(), "\""));
  }
  reactor->Finish(ToGrpc(host.status()));
  return nullptr;
}

absl::Status ServerImpl::LoadTokens() {
  if (options_.tokens_path.empty()) return absl::OkStatus();
  Env& env = options_.env != nullptr ? *options_.env : Env::Default();
  absl::StatusOr<std::string> text = env.ReadFileToString(options_.tokens_path, kMaxTokenFileBytes);
  if (!text.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("tokens: ", options_.tokens_path, ": ", text.status().message()));
  }
  std::vector<std::string> centers;
  for (const ServedCenter& center : options_.centers) centers.push_back(center.name);
  absl::StatusOr<std::shared_ptr<const TokenTable>> table =
      TokenTable::Parse(*text, options_.tokens_path, centers);
  if (!table.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("tokens: ", table.status().message()));
  }
  const size_t clients = (*table)->size();
  {
    absl::MutexLock lock(&tokens_mu_);
    tokens_ = *std::move(table);
  }
  Log(absl::StrCat("level=info event=tokens_loaded file=", options_.tokens_path,
                   " clients=", clients));
  // Streams opened under the old table end if it no longer covers them.
  std::vector<std::shared_ptr<StreamLink>> links;
  {
    absl::MutexLock lock(&streams_mu_);
    links = streams_;
  }
  for (const auto& link : links) link->Recheck();
  return absl::OkStatus();
}

absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> ServerImpl::Credentials() const {
  const TlsFiles& tls = options_.tls;
  if (tls.cert_path.empty()) {
    if (!tls.key_path.empty() || !tls.client_ca_path.empty()) {
      return absl::InvalidArgumentError(
          "tls.cert_path: required with a key or a client CA (TLS needs the certificate)");
    }
    return grpc::InsecureServerCredentials();
  }
  if (tls.key_path.empty()) {
    return absl::InvalidArgumentError("tls.key_path: required with a certificate");
  }
  Env& env = options_.env != nullptr ? *options_.env : Env::Default();
  auto read = [&env](const std::string& path, const std::string& field,
                     const std::string& marker) -> absl::StatusOr<std::string> {
    absl::StatusOr<std::string> pem = env.ReadFileToString(path, kMaxPemBytes);
    if (!pem.ok()) return absl::InvalidArgumentError(absl::StrCat(field, ": ", pem.status().message()));
    if (!absl::StrContains(*pem, marker)) {
      return absl::InvalidArgumentError(
          absl::StrCat(field, ": ", path, ": no PEM block \"", marker, "\" in it"));
    }
    return pem;
  };
  grpc::SslServerCredentialsOptions ssl;
  absl::StatusOr<std::string> cert = read(tls.cert_path, "tls.cert_path", "-----BEGIN CERTIFICATE");
  if (!cert.ok()) return cert.status();
  absl::StatusOr<std::string> key = read(tls.key_path, "tls.key_path", "PRIVATE KEY-----");
  if (!key.ok()) return key.status();
  ssl.pem_key_cert_pairs.push_back({*std::move(key), *std::move(cert)});
  if (!tls.client_ca_path.empty()) {
    absl::StatusOr<std::string> ca =
        read(tls.client_ca_path, "tls.client_ca_path", "-----BEGIN CERTIFICATE");
    if (!ca.ok()) return ca.status();
    ssl.pem_root_certs = *std::move(ca);
    ssl.client_certificate_request =
        GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY;
  }
  return grpc::SslServerCredentials(ssl);
}

}  // namespace acd::service
