// JS tokenizer and minifier. Tokenizer: the tokens tile the input, even after an error, for
// classic scripts and modules. Minifier: on success never larger and idempotent; on failure the
// output is the input unchanged; an inline-script result is safe inside <script>. JSON too.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "filters/js/js_minifier.h"
#include "filters/js/js_tokenizer.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

using namespace pagebake::js;

void CheckTiles(const std::string& in, bool module) {
  JsTokenizerOptions options;
  options.module = module;
  std::vector<JsToken> tokens = TokenizeJs(in, options);
  FUZZ_CHECK(!tokens.empty());
  size_t at = 0;
  for (size_t i = 0; i + 1 < tokens.size(); ++i) {
    FUZZ_CHECK(tokens[i].begin == at);
    FUZZ_CHECK(tokens[i].end > tokens[i].begin);
    at = tokens[i].end;
  }
  FUZZ_CHECK(tokens.back().kind == JsTokenKind::kEnd);
  FUZZ_CHECK(tokens.back().begin == in.size() && tokens.back().end == in.size());
  FUZZ_CHECK(at == in.size());
}

void CheckMinify(const std::string& in, const JsMinifyOptions& options) {
  std::string once, twice;
  std::vector<JsIssue> issues;
  pagebake::Status s = MinifyJs(in, options, &once, &issues);
  if (!s.ok()) {
    FUZZ_CHECK(once == in);
    FUZZ_CHECK(!issues.empty());
    return;
  }
  FUZZ_CHECK(once.size() <= in.size());
  if (options.inline_script) FUZZ_CHECK(SafeInScriptElement(once));
  issues.clear();
  FUZZ_CHECK(MinifyJs(once, options, &twice, &issues).ok());
  FUZZ_CHECK(twice == once);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  // First byte: option bits, so one corpus covers every mode.
  const uint8_t mode = data[0];
  std::string in(reinterpret_cast<const char*>(data) + 1, size - 1);
  CheckTiles(in, false);
  CheckTiles(in, true);
  JsMinifyOptions options;
  options.module = mode & 1;
  options.inline_script = mode & 2;
  options.keep_license_comments = !(mode & 4);
  options.drop_source_map_url = mode & 8;
  CheckMinify(in, options);
  std::string json, json2;
  std::vector<JsIssue> issues;
  if (MinifyJson(in, &json, &issues).ok()) {
    FUZZ_CHECK(json.size() <= in.size());
    FUZZ_CHECK(MinifyJson(json, &json2, &issues).ok());
    FUZZ_CHECK(json2 == json);
  } else {
    FUZZ_CHECK(json == in);
  }
  return 0;
}
