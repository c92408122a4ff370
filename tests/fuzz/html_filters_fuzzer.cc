// Each HTML filter pass over a fuzzed page. The minification passes (the ones that only drop
// bytes) must be idempotent and never grow the page; every pass, minifying or not, must leave
// a tree that serializes to bytes which parse back to the same bytes. The first input byte
// picks the filter, so one corpus reaches them all.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "filters/core/diagnostics.h"
#include "filters/core/filter.h"
#include "filters/core/filter_table.h"
#include "filters/html/document.h"
#include "filters/html/html_filters.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

struct Pass {
  const char* id;
  bool minifies;  // idempotent and never larger
};

constexpr Pass kPasses[] = {
    {"html-remove-comments", true},     {"html-collapse-whitespace", true},
    {"html-elide-attributes", true},    {"html-remove-quotes", true},
    {"html-add-head", false},           {"html-convert-meta-tags", false},
    {"html-rewrite-domains", false},    {"html-lazyload-images", false},
    {"html-defer-javascript", false},   {"html-insert-dns-prefetch", false},
    {"html-trim-urls", false},
};

// nullptr when the pass is not built (CreateFilter's contract for unfinished filters).
std::unique_ptr<pagebake::Filter> Make(const char* id, const pagebake::Options& options) {
  const pagebake::FilterInfo* info = pagebake::FindFilter(id);
  if (!info) return nullptr;
  return pagebake::html::CreateFilter(*info, options);
}

// One pass on `in`; false when the filter is not built.
bool RunPass(const char* id, const pagebake::Options& options, const std::string& in,
             std::string* out) {
  std::unique_ptr<pagebake::Filter> f = Make(id, options);
  if (!f) return false;
  auto doc = pagebake::html::Document::Parse(in);
  pagebake::DiagnosticSink sink;
  pagebake::FilterContext ctx(options, nullptr, nullptr, &sink, id);
  FUZZ_CHECK(f->RewriteHtml(ctx, *doc).ok());
  *out = doc->Serialize();
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const Pass& pass = kPasses[data[0] % (sizeof(kPasses) / sizeof(kPasses[0]))];
  std::string in(reinterpret_cast<const char*>(data) + 1, size - 1);
  pagebake::Options options;
  options.html.base_url = "https://example.com";
  options.html.rewrite_domains["https://old.example.com"] = "https://example.com";

  std::string once;
  if (!RunPass(pass.id, options, in, &once)) return 0;
  // The output is a well-formed token stream of its own.
  FUZZ_CHECK(pagebake::html::Document::Parse(once)->Serialize() == once);
  if (!pass.minifies) return 0;
  FUZZ_CHECK(once.size() <= in.size());
  std::string twice;
  RunPass(pass.id, options, once, &twice);
  FUZZ_CHECK(twice == once);
  return 0;
}
