// One headless Chromium process driven over the DevTools protocol on a pipe
// (--remote-debugging-pipe: we write commands to its fd 3 and read replies and events from its
// fd 4, each message JSON followed by a NUL; no websocket). A Browser renders one page at a time
// in a fresh browser context (its own cache and storage) and returns a PNG screenshot of the
// viewport plus the console errors and failed requests of that load. Launching costs ~0.6 s, so
// a worker keeps one Browser for all its pages. Not thread-safe: one Browser per thread.
#ifndef PAGEBAKE_VERIFY_BROWSER_H_
#define PAGEBAKE_VERIFY_BROWSER_H_

#include <sys/types.h>

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pagebake/status.h"
#include "pagebake/verify.h"

namespace pagebake::verify {

struct RenderOptions {
  Viewport viewport;
  bool settle = true;
  int settle_ms = 100;
  int timeout_ms = 30000;
};

struct Rendering {
  std::string png;                            // the viewport, PNG bytes
  std::vector<std::string> console_errors;    // in order of arrival, deduplicated
  std::vector<std::string> failed_requests;   // "404 http://...", "net::ERR_... http://..."
  bool load_timed_out = false;                // captured anyway, after timeout_ms
  double ms = 0;                              // navigation to screenshot received
};

class Browser {
 public:
  // Starts `chromium` with a fresh profile under a temporary directory (removed by the
  // destructor). IoError when it cannot be started or does not answer.
  static Result<std::unique_ptr<Browser>> Launch(const std::string& chromium, int timeout_ms);
  ~Browser();  // Browser.close, then SIGKILL if it does not exit within 5 s
  Browser(const Browser&) = delete;
  Browser& operator=(const Browser&) = delete;

  Result<Rendering> Render(const std::string& url, const RenderOptions& options);

 private:
  Browser() = default;
  // Sends a command (browser-level when session is empty) and waits for its reply, queueing
  // events that arrive meanwhile. The reply's "result", or an error naming the method.
  Result<nlohmann::json> Call(const std::string& method, const nlohmann::json& params,
                              const std::string& session, int64_t deadline_ns);
  // Next message from the browser; IoError on EOF or when the deadline passes.
  Result<nlohmann::json> Receive(int64_t deadline_ns);
  // Waits for `method` on `session` (events already queued count). false on timeout.
  Result<bool> WaitEvent(const std::string& method, const std::string& session,
                         int64_t deadline_ns);
  void Collect(const nlohmann::json& event, Rendering* out);

  pid_t pid_ = -1;
  int to_browser_ = -1;
  int from_browser_ = -1;
  std::string profile_dir_;
  std::string buffer_;
  int64_t next_id_ = 1;
  std::deque<nlohmann::json> events_;
  std::string session_;  // the current render's page session
  // Per render: request id -> URL (Network.loadingFailed names only the id).
  std::map<std::string, std::string> request_urls_;
};

}  // namespace pagebake::verify

#endif  // PAGEBAKE_VERIFY_BROWSER_H_
