// The adapter stream's link (adapter_stream.cc): what a center's host and
// the server hold of an open Connect stream. It forwards to the stream's
// reactor while it lives and drops messages once the stream has ended.
// Thread-safety: thread-safe; its mutex guards the reactor's state.
#ifndef ACD_LIB_SERVICE_ADAPTER_STREAM_H_
#define ACD_LIB_SERVICE_ADAPTER_STREAM_H_

#include <memory>
#include <mutex>

#include "service/center_host.h"

namespace acd::service {

class AdapterStream;

class StreamLink final : public StreamSink, public std::enable_shared_from_this<StreamLink> {
 public:
  explicit StreamLink(AdapterStream* stream) : stream_(stream) {}
  // Queues the message; writes at once, or at the end of the SendBatch
  // open on this thread (then the batch holds the link until it flushes).
  void Send(v1::ServerMessage message) override;
  // Server shutdown: the stream stops reading, answers what is in flight,
  // then closes UNAVAILABLE.
  void Drain();
  // The token table changed: the stream ends if its token no longer covers it.
  void Recheck();
  void Clear() {
    std::lock_guard<std::mutex> lock(mu_);
    stream_ = nullptr;
  }
  std::mutex& mu() { return mu_; }

 private:
  // The batch's end: what was queued meanwhile goes out (merged).
  void Flush();

  std::mutex mu_;
  AdapterStream* stream_;
  bool flush_due_ = false;  // a SendBatch will call Flush
};

}  // namespace acd::service

#endif  // ACD_LIB_SERVICE_ADAPTER_STREAM_H_
