// Visual verification (issue 13): render every page of a source site and of its optimized
// output in headless Chromium, compare the screenshots pixel by pixel, and report the pages
// that changed, the console errors and the failed requests that appear only after optimization.
// Bisect finds the smallest set of filters whose removal makes a differing page clean again and
// writes a per-path config override (Options::paths) that disables exactly those.
//
// How pages are rendered: SRC and OUT are each served by a small built-in HTTP/1.1 server on
// 127.0.0.1 (two ephemeral ports, so root-relative URLs work). Each worker runs one Chromium
// (Debian's `chromium --headless --no-sandbox --disable-gpu --disable-background-networking
// --hide-scrollbars`, a fresh temporary profile) driven over the DevTools protocol on a pipe
// (--remote-debugging-pipe: fds 3/4, NUL-separated JSON; no websocket). Every render gets its own
// browser context (an empty cache and storage, as a fresh profile), a fixed viewport
// (Emulation.setDeviceMetricsOverride, device scale 1), waits for the load event and web fonts,
// then "settles": it injects `*,*::before,*::after{animation:none!important;
// transition:none!important;caret-color:transparent!important}` (VerifyOptions::settle), waits
// two animation frames and settle_ms, and captures a PNG of the viewport. Host names other than
// 127.0.0.1 resolve to nothing (--host-resolver-rules), so third-party requests fail fast and
// the same way before and after. JS timers keep running: a carousel that advances every few
// seconds is captured before its first step (renders take well under a second after load).
#ifndef PAGEBAKE_VERIFY_H_
#define PAGEBAKE_VERIFY_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "pagebake/options.h"
#include "pagebake/status.h"

namespace pagebake {

struct Viewport {
  int width = 1280;
  int height = 2000;
};

// "1280x2000,390x844" -> viewports. InvalidArgument naming the bad item.
Status ParseViewports(const std::string& text, std::vector<Viewport>* out);

struct PageVerdict {
  std::string page;  // root-relative path
  Viewport viewport;
  uint64_t pixels = 0;          // of the larger screenshot
  uint64_t changed_pixels = 0;  // including any area only one screenshot has
  double changed_fraction = 0;
  // Console errors (console.error, uncaught exceptions, browser log errors) and failed requests
  // (network errors, HTTP >= 400) seen after optimization and not before. The server origin is
  // written as "ORIGIN" so the two ports compare equal.
  std::vector<std::string> new_console_errors;
  std::vector<std::string> new_failed_requests;
  double before_ms = 0;  // render times: navigation to screenshot decoded
  double after_ms = 0;
  // Relative to report_dir; empty when not written (only pages that differ get images).
  std::string before_png, after_png, diff_png;
  // A page that could not be rendered (timeout, navigation error): counts as differing.
  std::string error;
  bool differs = false;
};

struct VerifyOptions {
  std::string source_dir;
  std::string output_dir;
  // Globs on root-relative page paths ("docs/**", "*.html"); empty: every page. A page is an
  // .html/.htm file of SRC that exists at the same path in OUT.
  std::vector<std::string> pages;
  std::vector<Viewport> viewports = {{1280, 2000}, {390, 844}};
  // Parallel renders (separate Chromium processes). 0 = 2. Each process costs ~150 MB.
  int jobs = 0;
  // Where diff images and the summary (verify.html) go. Empty: nothing is written.
  std::string report_dir;
  // A pixel changed when any of R, G, B, A differs by more than this (0..255). Default 16:
  // rounding in lossless image paths never counts, a dropped style always does.
  int channel_threshold = 16;
  // A page differs when more than this fraction of its pixels changed (0 = any pixel).
  // Default 0: rendering is deterministic (measured), so one changed pixel is a difference.
  double max_changed_fraction = 0;
  // Inject the no-animation CSS after load (see above). Default true.
  bool settle = true;
  // Extra wait after load and the settle frames, in ms. Default 100.
  int settle_ms = 100;
  // Per render: navigation to screenshot, in ms. Default 30000.
  int timeout_ms = 30000;
  // The browser; empty: $PAGEBAKE_CHROMIUM, then chromium / chromium-browser /
  // google-chrome on PATH.
  std::string chromium;
  // Called after each page x viewport (from worker threads, serialized).
  std::function<void(const PageVerdict&)> on_page;
};

struct VerifyResult {
  std::vector<PageVerdict> verdicts;  // page order, then viewport order
  int pages = 0;
  int differing_pages = 0;  // pages with at least one differing viewport
  double wall_ms = 0;
  std::string summary_path;  // report_dir/verify.html when written
};

// Renders and compares. NotFound when Chromium is not installed; InvalidArgument for bad
// options; the result lists every page, so a differing page is not an error Status.
Status Verify(const VerifyOptions& options, VerifyResult* result);

// The browser Verify would use, or empty when there is none.
std::string FindChromium(const std::string& preferred = "");

struct BisectVerdict {
  std::string page;
  // The smallest set found (1-minimal: removing any one of them from the set leaves the page
  // differing) whose removal makes the page verify clean. Empty with found = false when even
  // disabling every filter does not (the difference is not the filters').
  std::vector<std::string> culprits;
  bool found = false;
  int builds = 0;  // rebuilds it took
  // After writing the override: whether the page verifies clean when built with it.
  bool override_clean = false;
};

struct BisectResult {
  std::vector<BisectVerdict> pages;
  // `build` with Options::paths extended by one rule per page that has culprits.
  Options override_options;
  // The override as pagebake.json: the build's settings plus "paths".
  std::string override_json;
  // Whether a build with override_options verifies clean (every bisected page).
  bool override_clean = false;
};

// For each page in `pages` (root-relative) at the verify options' viewports: rebuilds the site
// from `build` (its level, enables, disables, family options) into temporary directories with
// sets of filters disabled, halving (delta debugging) until the smallest set whose removal makes
// the page clean is known. Then builds once more with the override and verifies it.
// `log` gets one line per step (may be null).
Status Bisect(const Options& build, const VerifyOptions& verify,
              const std::vector<std::string>& pages, BisectResult* result,
              const std::function<void(const std::string&)>& log = nullptr);

// pagebake.json text for `options` (level, filters, disable, paths; family options unchanged
// are not written). When `base_config_json` is not empty its keys are kept and "paths" replaced.
std::string OverrideConfigJson(const Options& options, const std::string& base_config_json);

// `pagebake build --verify`: verifies the build's source against its output. Same as Verify()
// with source_dir/output_dir taken from `build`.
Status VerifyBuild(const Options& build, VerifyOptions verify, VerifyResult* result);

}  // namespace pagebake

#endif  // PAGEBAKE_VERIFY_H_
