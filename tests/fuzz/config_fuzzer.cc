// The config parser: any text either loads or is refused with a Status, never an exception or
// a crash (nlohmann throws on type mismatches; the library must catch them). A config that
// loads loads the same way twice.
#include <cstddef>
#include <cstdint>
#include <string>

#include "pagebake/pagebake.h"
#include "tests/fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  pagebake::Options a, b;
  pagebake::Status s = pagebake::LoadConfigJson(text, "fuzz.json", &a);
  if (!s.ok()) {
    FUZZ_CHECK(!s.ToString().empty());
    return 0;
  }
  FUZZ_CHECK(pagebake::LoadConfigJson(text, "fuzz.json", &b).ok());
  return 0;
}
