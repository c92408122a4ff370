// CSS tokenizer and minifier. Tokenizer: the tokens tile the input (each begins where the last
// ended, the last ends at the end) in both Tokenize and TokenizeBalanced. Minifier, in both
// modes: never larger, idempotent (minifying the output changes nothing).
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "filters/css/css_minifier.h"
#include "filters/css/css_tokenizer.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

using pagebake::css::Token;

void CheckTiles(const std::string& in, const std::vector<Token>& tokens) {
  uint32_t at = 0;
  for (const Token& t : tokens) {
    FUZZ_CHECK(t.begin == at);
    FUZZ_CHECK(t.end > t.begin);
    FUZZ_CHECK(t.unit_begin >= t.begin && t.unit_begin <= t.end);
    at = t.end;
  }
  FUZZ_CHECK(at == in.size());
}

void CheckMinify(const std::string& in, pagebake::css::CssMinifyMode mode) {
  pagebake::css::CssMinifyOptions options;
  std::string once, twice;
  std::vector<pagebake::css::CssIssue> issues;
  FUZZ_CHECK(pagebake::css::MinifyCss(in, options, &once, mode, &issues).ok());
  FUZZ_CHECK(once.size() <= in.size());
  if (!issues.empty()) {
    FUZZ_CHECK(once == in);  // broken input passes through unchanged
    return;
  }
  FUZZ_CHECK(pagebake::css::MinifyCss(once, options, &twice, mode).ok());
  FUZZ_CHECK(twice == once);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string in(reinterpret_cast<const char*>(data), size);
  std::vector<Token> tokens;
  pagebake::css::Tokenize(in, &tokens);
  CheckTiles(in, tokens);
  tokens.clear();
  pagebake::css::TokenizeBalanced(in, &tokens);
  CheckTiles(in, tokens);
  CheckMinify(in, pagebake::css::CssMinifyMode::kStylesheet);
  CheckMinify(in, pagebake::css::CssMinifyMode::kDeclarationList);
  return 0;
}
