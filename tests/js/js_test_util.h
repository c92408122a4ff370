// Helpers shared by the js tests.
#ifndef PAGEBAKE_TESTS_JS_JS_TEST_UTIL_H_
#define PAGEBAKE_TESTS_JS_JS_TEST_UTIL_H_

#include <string>
#include <string_view>

#include "filters/js/js_tokenizer.h"

namespace pagebake::js::testing {

// The concatenation of all token texts (must equal the input: the tokenizer is lossless).
inline std::string Reassemble(const std::string& in, JsTokenizerOptions o = {}) {
  std::string r;
  for (const JsToken& t : TokenizeJs(in, o)) r.append(in, t.begin, t.size());
  return r;
}

}  // namespace pagebake::js::testing

#endif  // PAGEBAKE_TESTS_JS_JS_TEST_UTIL_H_
