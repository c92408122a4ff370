// Scripts the js fuzzer found (tests/regress/js/*.js), replayed with its invariants. The first
// byte of each file is the fuzzer's option byte (bit 0 module, bit 1 inline script), kept so
// that the file replays in the fuzzer as it is: tokens tile the input; a minified result is
// never larger, safe inline when asked, and idempotent; a failure leaves the input unchanged.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "filters/js/js_minifier.h"
#include "filters/js/js_tokenizer.h"
#include "tests/regress/regress_inputs.h"

namespace pagebake::js {
namespace {

TEST_CASE("regress: fuzzer-found scripts", "[regress]") {
  int files = 0;
  for (const pagebake::testing::RegressInput& script :
       pagebake::testing::RegressInputs("js", ".js")) {
    INFO(script.name);
    REQUIRE(!script.bytes.empty());
    ++files;
    const uint8_t mode = uint8_t(script.bytes[0]);
    const std::string in = script.bytes.substr(1);
    JsMinifyOptions options;
    options.module = mode & 1;
    options.inline_script = mode & 2;

    JsTokenizerOptions tokenizer_options;
    tokenizer_options.module = options.module;
    size_t at = 0;
    for (const JsToken& t : TokenizeJs(in, tokenizer_options)) {
      CHECK(t.begin == at);
      at = t.end;
    }
    CHECK(at == in.size());

    std::string once, twice;
    std::vector<JsIssue> issues;
    if (!MinifyJs(in, options, &once, &issues).ok()) {
      CHECK(once == in);
      CHECK(!issues.empty());
      continue;
    }
    CHECK(once.size() <= in.size());
    if (options.inline_script) CHECK(SafeInScriptElement(once));
    REQUIRE(MinifyJs(once, options, &twice, &issues).ok());
    CHECK(twice == once);
  }
  CHECK(files >= 1);
}

}  // namespace
}  // namespace pagebake::js
