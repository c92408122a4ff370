// HTML tokenizer + tree + serializer: an unedited document serializes to its input byte for
// byte (document.h's promise: every input byte belongs to exactly one node).
#include <cstddef>
#include <cstdint>
#include <string>

#include "filters/html/document.h"
#include "tests/fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string in(reinterpret_cast<const char*>(data), size);
  auto doc = pagebake::html::Document::Parse(in);
  FUZZ_CHECK(doc != nullptr);
  FUZZ_CHECK(doc->Serialize() == in);
  return 0;
}
