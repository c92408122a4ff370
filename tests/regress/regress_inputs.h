// The inputs the fuzzers found, stored under tests/regress/<family>/ each beside a note (.md)
// saying what broke and how it was fixed: the regress tests replay them.
#ifndef PAGEBAKE_TESTS_REGRESS_REGRESS_INPUTS_H_
#define PAGEBAKE_TESTS_REGRESS_REGRESS_INPUTS_H_

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace pagebake::testing {

struct RegressInput {
  std::string name;  // file name, e.g. "collapse_attribute_without_separator.html"
  std::string bytes;
};

// The files of tests/regress/`family` whose extension is `ext` (".html"), in name order.
inline std::vector<RegressInput> RegressInputs(const std::string& family, const std::string& ext) {
  std::vector<RegressInput> inputs;
  const std::filesystem::path dir =
      std::filesystem::path(PAGEBAKE_SOURCE_DIR) / "tests" / "regress" / family;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    if (e.path().extension() != ext) continue;
    std::ifstream f(e.path(), std::ios::binary);
    inputs.push_back({e.path().filename().string(),
                      std::string(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>())});
  }
  std::sort(inputs.begin(), inputs.end(),
            [](const RegressInput& a, const RegressInput& b) { return a.name < b.name; });
  return inputs;
}

}  // namespace pagebake::testing

#endif  // PAGEBAKE_TESTS_REGRESS_REGRESS_INPUTS_H_
