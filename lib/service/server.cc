#include "acd/server.h"

#include <utility>

#include "service/server_impl.h"

namespace acd {

Server::Server(std::unique_ptr<service::ServerImpl> impl) : impl_(std::move(impl)) {}
Server::~Server() = default;

absl::StatusOr<std::unique_ptr<Server>> Server::Start(ServerOptions options) {
  auto impl = std::make_unique<service::ServerImpl>(std::move(options));
  if (absl::Status s = impl->Start(); !s.ok()) {
    impl->Shutdown();
    return s;
  }
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

int Server::port() const { return impl_->port(); }
absl::Status Server::ReloadFromFiles() { return impl_->ReloadFromFiles(); }
void Server::Shutdown() { impl_->Shutdown(); }
void Server::Wait() { impl_->Wait(); }

}  // namespace acd
