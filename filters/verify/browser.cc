// Chromium over the DevTools pipe (see browser.h).
#include "filters/verify/browser.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <set>

extern char** environ;

namespace pagebake::verify {
namespace {

using nlohmann::json;

int64_t NowNs() {
  timespec ts;
  ::clock_gettime(CLOCK_MONOTONIC, &ts);
  return int64_t(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

// Writes all of `data`; EPIPE (the browser died) is an error, never a SIGPIPE: the signal is
// blocked on this thread for the write and a pending one is consumed.
bool WriteAll(int fd, std::string_view data) {
  sigset_t pipe_set, old;
  sigemptyset(&pipe_set);
  sigaddset(&pipe_set, SIGPIPE);
  pthread_sigmask(SIG_BLOCK, &pipe_set, &old);
  bool ok = true;
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      ok = false;
      if (errno == EPIPE) {
        timespec zero{0, 0};
        sigtimedwait(&pipe_set, nullptr, &zero);
      }
      break;
    }
    data.remove_prefix(static_cast<size_t>(n));
  }
  pthread_sigmask(SIG_SETMASK, &old, nullptr);
  return ok;
}

std::string Base64Decode(std::string_view in) {
  static const auto table = [] {
    std::array<int8_t, 256> t;
    t.fill(-1);
    const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int i = 0; i < 64; ++i) t[static_cast<unsigned char>(alphabet[i])] = int8_t(i);
    return t;
  }();
  std::string out;
  out.reserve(in.size() / 4 * 3);
  uint32_t acc = 0;
  int bits = 0;
  for (char c : in) {
    int v = table[static_cast<unsigned char>(c)];
    if (v < 0) continue;  // '=' padding, whitespace
    acc = (acc << 6) | uint32_t(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((acc >> bits) & 0xFF));
    }
  }
  return out;
}

// Moves `fd` to a number >= 10 (close-on-exec), so dup2 onto 3/4 in the child cannot collide.
int HighFd(int fd) {
  int hi = ::fcntl(fd, F_DUPFD_CLOEXEC, 10);
  ::close(fd);
  return hi;
}

// The settle step, run in the page after load: no animations or transitions (VerifyOptions::
// settle), web fonts loaded (at most 3 s), two frames painted, then settle_ms.
std::string SettleScript(bool settle, int settle_ms) {
  std::string js = "(async () => {";
  // A page with a short meta refresh is a redirect stub: wait for the navigation (it ends this
  // script's context; Render then settles the next page) instead of racing it. 5 s at most.
  // The script may run in the document a redirect just started loading (the stub navigated
  // between its load event and this call): wait for that document's own load first.
  js += "if (document.readyState !== 'complete') await Promise.race([new Promise(r =>"
        " addEventListener('load', r, {once: true})), new Promise(r => setTimeout(r, 10000))]);";
  js += "const m = document.querySelector('meta[http-equiv=\"refresh\" i]');"
        "if (m && /^\\s*[0-5](\\.\\d*)?\\s*([;,]|$)/.test(m.content || '') &&"
        " /url\\s*=/i.test(m.content || ''))"
        " await new Promise(r => setTimeout(r, 5000));";
  if (settle)
    js += "const s = document.createElement('style');"
          "s.textContent = '*,*::before,*::after{animation:none!important;"
          "transition:none!important;caret-color:transparent!important}';"
          "(document.head || document.documentElement).appendChild(s);";
  js += "try { await Promise.race([document.fonts.ready,"
        " new Promise(r => setTimeout(r, 3000))]); } catch (e) {}"
        "await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));"
        "await new Promise(r => setTimeout(r, " + std::to_string(settle_ms) + "));"
        "return 1; })()";
  return js;
}

// The browser fetches /favicon.ico by itself, at a moment that varies (before or after the
// screenshot): its failure says nothing about the page and would make runs differ.
bool IsImplicitFavicon(std::string_view url) {
  size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return false;
  size_t path = url.find('/', scheme + 3);
  return path != std::string_view::npos && url.substr(path) == "/favicon.ico";
}

void AddUnique(std::vector<std::string>* v, std::string s) {
  for (const std::string& e : *v)
    if (e == s) return;
  v->push_back(std::move(s));
}

std::string Str(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

Result<std::unique_ptr<Browser>> Browser::Launch(const std::string& chromium, int timeout_ms) {
  std::unique_ptr<Browser> b(new Browser());
  std::string tmpl = (std::getenv("TMPDIR") && *std::getenv("TMPDIR") ? std::getenv("TMPDIR")
                                                                       : "/tmp");
  tmpl += "/pagebake-chromium-XXXXXX";
  if (!::mkdtemp(tmpl.data()))
    return Status::IoError("mkdtemp " + tmpl + ": " + std::strerror(errno));
  b->profile_dir_ = tmpl;
  int to[2], from[2];
  if (::pipe2(to, O_CLOEXEC) != 0 || ::pipe2(from, O_CLOEXEC) != 0)
    return Status::IoError(std::string("pipe: ") + std::strerror(errno));
  const int child_in = HighFd(to[0]), child_out = HighFd(from[1]);
  b->to_browser_ = to[1];
  b->from_browser_ = from[0];

  std::vector<std::string> args = {
      chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
      "--hide-scrollbars", "--remote-debugging-pipe", "--user-data-dir=" + b->profile_dir_,
      "--no-first-run", "--no-default-browser-check", "--mute-audio", "--disable-extensions",
      "--disable-sync", "--disable-component-update", "--force-color-profile=srgb",
      "--disable-features=Translate,MediaRouter,OptimizationHints,InterestFeedContentSuggestions",
      // Only the loopback servers exist: third-party requests fail at once, the same way
      // before and after.
      "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1", "about:blank"};
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_adddup2(&fa, child_in, 3);
  posix_spawn_file_actions_adddup2(&fa, child_out, 4);
  int rc = ::posix_spawnp(&b->pid_, chromium.c_str(), &fa, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  ::close(child_in);
  ::close(child_out);
  if (rc != 0) {
    b->pid_ = -1;
    return Status::IoError("cannot start " + chromium + ": " + std::strerror(rc));
  }
  Result<json> v = b->Call("Browser.getVersion", json::object(), "",
                           NowNs() + int64_t(timeout_ms) * 1000000);
  if (!v.ok())
    return Status::IoError(chromium + " did not answer on the DevTools pipe: " +
                           v.status().message());
  return b;
}

Browser::~Browser() {
  if (pid_ > 0 && to_browser_ >= 0)
    (void)Call("Browser.close", json::object(), "", NowNs() + 3'000'000'000);
  if (to_browser_ >= 0) ::close(to_browser_);
  if (from_browser_ >= 0) ::close(from_browser_);
  if (pid_ > 0) {
    int status;
    int64_t until = NowNs() + 5'000'000'000;
    while (::waitpid(pid_, &status, WNOHANG) == 0) {
      if (NowNs() > until) {
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, &status, 0);
        break;
      }
      ::usleep(20000);
    }
  }
  if (!profile_dir_.empty()) {
    std::error_code ec;
    std::filesystem::remove_all(profile_dir_, ec);
  }
}

Result<json> Browser::Receive(int64_t deadline_ns) {
  for (;;) {
    size_t nul = buffer_.find('\0');
    if (nul != std::string::npos) {
      json m = json::parse(std::string_view(buffer_).substr(0, nul), nullptr, false);
      buffer_.erase(0, nul + 1);
      if (m.is_discarded()) continue;  // never seen; a bad message is skipped, not fatal
      return m;
    }
    int64_t left_ms = (deadline_ns - NowNs()) / 1000000;
    if (left_ms <= 0) return Status::LimitExceeded("timed out waiting for the browser");
    pollfd p{from_browser_, POLLIN, 0};
    int n = ::poll(&p, 1, static_cast<int>(std::min<int64_t>(left_ms, 1 << 30)));
    if (n < 0 && errno == EINTR) continue;
    if (n == 0) continue;
    char chunk[1 << 16];
    ssize_t r = ::read(from_browser_, chunk, sizeof(chunk));
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) return Status::IoError("the browser closed the DevTools pipe (crashed?)");
    buffer_.append(chunk, static_cast<size_t>(r));
  }
}

Result<json> Browser::Call(const std::string& method, const json& params,
                           const std::string& session, int64_t deadline_ns) {
  const int64_t id = next_id_++;
  json msg = {{"id", id}, {"method", method}, {"params", params}};
  if (!session.empty()) msg["sessionId"] = session;
  std::string text = msg.dump();
  text.push_back('\0');
  if (!WriteAll(to_browser_, text))
    return Status::IoError("the browser closed the DevTools pipe (crashed?)");
  for (;;) {
    Result<json> m = Receive(deadline_ns);
    if (!m.ok()) return Status(m.status().code() == StatusCode::kLimitExceeded
                                   ? Status::LimitExceeded(method + ": timed out")
                                   : m.status());
    json& j = *m;
    auto it = j.find("id");
    if (it != j.end() && it->is_number_integer() && it->get<int64_t>() == id) {
      if (j.contains("error"))
        return Status::Internal(method + ": " + j["error"].value("message", std::string("?")));
      return j.contains("result") ? j["result"] : json::object();
    }
    if (j.contains("method")) events_.push_back(std::move(j));
  }
}

Result<bool> Browser::WaitEvent(const std::string& method, const std::string& session,
                                int64_t deadline_ns) {
  for (const json& e : events_)
    if (Str(e, "method") == method && Str(e, "sessionId") == session) return true;
  for (;;) {
    Result<json> m = Receive(deadline_ns);
    if (!m.ok()) {
      if (m.status().code() == StatusCode::kLimitExceeded) return false;
      return m.status();
    }
    bool hit = Str(*m, "method") == method && Str(*m, "sessionId") == session;
    if (m->contains("method")) events_.push_back(std::move(*m));
    if (hit) return true;
  }
}

void Browser::Collect(const json& e, Rendering* out) {
  if (Str(e, "sessionId") != session_ || !e.contains("params")) return;
  const std::string method = Str(e, "method");
  const json& p = e["params"];
  if (method == "Runtime.consoleAPICalled" && (Str(p, "type") == "error" || Str(p, "type") == "assert")) {
    std::string text = "console." + Str(p, "type") + ":";
    if (p.contains("args") && p["args"].is_array())
      for (const json& a : p["args"]) {
        std::string v = a.contains("value") && a["value"].is_string() ? a["value"].get<std::string>()
                        : a.contains("value") ? a["value"].dump()
                        : !Str(a, "description").empty() ? Str(a, "description") : Str(a, "type");
        text += " " + v;
      }
    AddUnique(&out->console_errors, text);
  } else if (method == "Runtime.exceptionThrown" && p.contains("exceptionDetails")) {
    const json& d = p["exceptionDetails"];
    std::string text = d.contains("exception") ? Str(d["exception"], "description") : "";
    if (text.empty()) text = Str(d, "text");
    AddUnique(&out->console_errors, "uncaught: " + text.substr(0, text.find('\n')));
  } else if (method == "Log.entryAdded" && p.contains("entry") &&
             Str(p["entry"], "level") == "error") {
    const json& en = p["entry"];
    std::string url = Str(en, "url");
    if (IsImplicitFavicon(url)) return;
    AddUnique(&out->console_errors, "log: " + Str(en, "text") + (url.empty() ? "" : " " + url));
  } else if (method == "Network.requestWillBeSent" && p.contains("request")) {
    request_urls_[Str(p, "requestId")] = Str(p["request"], "url");
  } else if (method == "Network.responseReceived" && p.contains("response")) {
    const json& r = p["response"];
    int status = r.value("status", 0);
    if (status >= 400 && !IsImplicitFavicon(Str(r, "url"))) AddUnique(&out->failed_requests, std::to_string(status) + " " + Str(r, "url"));
  } else if (method == "Network.loadingFailed") {
    if (p.value("canceled", false)) return;  // the page aborted it (navigation, abort())
    std::string url = request_urls_[Str(p, "requestId")];
    if (IsImplicitFavicon(url)) return;
    AddUnique(&out->failed_requests, Str(p, "errorText") + " " + url);
  }
}

Result<Rendering> Browser::Render(const std::string& url, const RenderOptions& o) {
  const int64_t deadline = NowNs() + int64_t(o.timeout_ms) * 1000000;
  Rendering out;
  Result<json> ctx = Call("Target.createBrowserContext", json::object(), "", deadline);
  if (!ctx.ok()) return ctx.status();
  const std::string context_id = Str(*ctx, "browserContextId");
  std::string target_id;
  // Whatever happens below, the page and its context go (a later render starts clean).
  auto cleanup = [&] {
    int64_t d = NowNs() + 5'000'000'000;
    if (!target_id.empty()) (void)Call("Target.closeTarget", {{"targetId", target_id}}, "", d);
    (void)Call("Target.disposeBrowserContext", {{"browserContextId", context_id}}, "", d);
    events_.clear();
    request_urls_.clear();
  };
  auto fail = [&](const Status& s) -> Result<Rendering> {
    cleanup();
    return s;
  };
  Result<json> target = Call("Target.createTarget",
                             {{"url", "about:blank"}, {"browserContextId", context_id}}, "",
                             deadline);
  if (!target.ok()) return fail(target.status());
  target_id = Str(*target, "targetId");
  Result<json> attached =
      Call("Target.attachToTarget", {{"targetId", target_id}, {"flatten", true}}, "", deadline);
  if (!attached.ok()) return fail(attached.status());
  session_ = Str(*attached, "sessionId");
  events_.clear();
  for (const char* domain : {"Page.enable", "Runtime.enable", "Log.enable", "Network.enable"}) {
    Result<json> r = Call(domain, json::object(), session_, deadline);
    if (!r.ok()) return fail(r.status());
  }
  Result<json> metrics = Call("Emulation.setDeviceMetricsOverride",
                              {{"width", o.viewport.width}, {"height", o.viewport.height},
                               {"deviceScaleFactor", 1}, {"mobile", false}},
                              session_, deadline);
  if (!metrics.ok()) return fail(metrics.status());
  if (o.settle) {  // libraries that honour it skip their JS animations (CSS ones are cut below)
    Result<json> media = Call("Emulation.setEmulatedMedia",
                              {{"features", json::array({{{"name", "prefers-reduced-motion"},
                                                          {"value", "reduce"}}})}},
                              session_, deadline);
    if (!media.ok()) return fail(media.status());
  }
  const int64_t start = NowNs();
  Result<json> nav = Call("Page.navigate", {{"url", url}}, session_, deadline);
  if (!nav.ok()) return fail(nav.status());
  if (!Str(*nav, "errorText").empty())
    return fail(Status::ContentError("navigation to " + url + " failed: " + Str(*nav, "errorText")));
  // A page that redirects itself (meta refresh, location = ...: mdBook's moved-chapter stubs)
  // destroys the context the settle script runs in; then wait for the next page's load event
  // and settle that one. At most kMaxRedirects hops.
  constexpr int kMaxRedirects = 5;
  int64_t settle_deadline = deadline;
  for (int hop = 0;; ++hop) {
    Result<bool> loaded = WaitEvent("Page.loadEventFired", session_, deadline);
    if (!loaded.ok()) return fail(loaded.status());
    out.load_timed_out = !*loaded;
    // A page that never fires load (a hanging request) is still captured, with time to settle.
    settle_deadline = out.load_timed_out ? NowNs() + 10'000'000'000 : deadline;
    Result<json> settled = Call("Runtime.evaluate",
                                {{"expression", SettleScript(o.settle, o.settle_ms)},
                                 {"awaitPromise", true}, {"returnByValue", true}},
                                session_, settle_deadline);
    if (settled.ok()) break;
    if (hop == kMaxRedirects ||
        settled.status().message().find("navigated or closed") == std::string::npos)
      return fail(settled.status());
    // Forget the load event already seen, so the wait above is for the new page's.
    std::erase_if(events_, [&](const json& e) { return Str(e, "method") == "Page.loadEventFired"; });
  }
  Result<json> shot = Call("Page.captureScreenshot",
                           {{"format", "png"}, {"optimizeForSpeed", true}, {"fromSurface", true}},
                           session_, settle_deadline);
  if (!shot.ok()) return fail(shot.status());
  out.png = Base64Decode(Str(*shot, "data"));
  out.ms = double(NowNs() - start) / 1e6;
  for (const json& e : events_) Collect(e, &out);
  cleanup();
  if (out.png.empty()) return Status::Internal("Page.captureScreenshot returned no image");
  return out;
}

}  // namespace pagebake::verify
