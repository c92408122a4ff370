// A small static HTTP/1.1 server on 127.0.0.1 for pagebake verify: serves one directory to the
// local browser. GET and HEAD only; one thread per connection, keep-alive; content types from
// the library's table (filters/core/content_type.h); a directory serves its index.html. It
// refuses every path that is not plainly inside the root: a ".." or "." segment, a backslash,
// a NUL, or a real path (symlinks resolved) outside the root is 403. Plain files only: no
// directory listings, no .br/.gz negotiation. Not a production server: loopback, test sizes.
#ifndef PAGEBAKE_VERIFY_STATIC_SERVER_H_
#define PAGEBAKE_VERIFY_STATIC_SERVER_H_

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "pagebake/status.h"

namespace pagebake::verify {

class StaticServer {
 public:
  StaticServer() = default;
  ~StaticServer();  // Stop()
  StaticServer(const StaticServer&) = delete;
  StaticServer& operator=(const StaticServer&) = delete;

  // Binds 127.0.0.1 on an ephemeral port and starts serving `root`.
  Status Start(const std::string& root);
  // Closes the listener and every connection; joins all threads.
  void Stop();
  int port() const { return port_; }
  // "http://127.0.0.1:PORT"
  std::string origin() const;
  uint64_t requests() const { return requests_.load(); }

 private:
  void AcceptLoop();
  void Serve(int fd);
  // Status line, headers and body for one request target; `head` omits the body.
  std::string Respond(const std::string& method, const std::string& target, bool keep_alive);

  std::string root_;  // real path, no trailing '/'
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<uint64_t> requests_{0};
  std::thread acceptor_;
  std::mutex mu_;
  std::condition_variable idle_;
  std::vector<int> open_fds_;  // connections being served (each by a detached thread)
};

}  // namespace pagebake::verify

#endif  // PAGEBAKE_VERIFY_STATIC_SERVER_H_
