// The test-side reading of a v3 source map: decodes "mappings" without the builder's code and
// checks that every mapping points at the same text in the output and in the source. Shared by
// the JS and CSS source map tests (filters/text/source_map.h is the writer).
#ifndef PAGEBAKE_TESTS_TEXT_SOURCE_MAP_JUDGE_H_
#define PAGEBAKE_TESTS_TEXT_SOURCE_MAP_JUDGE_H_

#include <catch2/catch.hpp>

#include <cctype>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace pagebake::testing {

struct Mapping {
  int gen_line, gen_col, src_line, src_col;
};

// Decodes "mappings" (4-field segments, one source).
inline std::vector<Mapping> DecodeMappings(const std::string& m) {
  const std::string b64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::vector<Mapping> r;
  int line = 0, gcol = 0, sline = 0, scol = 0, src = 0;
  std::vector<int> fields;
  int value = 0, shift = 0;
  auto flush = [&] {
    if (fields.empty()) return;
    REQUIRE(fields.size() == 4);
    gcol += fields[0];
    src += fields[1];
    sline += fields[2];
    scol += fields[3];
    CHECK(src == 0);
    r.push_back({line, gcol, sline, scol});
    fields.clear();
  };
  for (char c : m) {
    if (c == ';' || c == ',') {
      flush();
      if (c == ';') {
        ++line;
        gcol = 0;
      }
      continue;
    }
    int d = int(b64.find(c));
    REQUIRE(d >= 0);
    value += (d & 31) << shift;
    shift += 5;
    if (!(d & 32)) {
      fields.push_back(value & 1 ? -(value >> 1) : value >> 1);
      value = shift = 0;
    }
  }
  flush();
  return r;
}

// Byte offsets of 0-based line:col positions (columns in UTF-16 units, lines end at \n) for
// positions that never move backwards: linear over a whole map. npos when not in the text.
class Positions {
 public:
  explicit Positions(const std::string& s) : s_(s) {}
  size_t OffsetOf(int line, int col) {
    if (line < line_ || (line == line_ && col < col_)) {
      line_ = col_ = 0;  // went back: start over
      off_ = 0;
    }
    while (line_ < line) {
      off_ = s_.find('\n', off_);
      if (off_ == std::string::npos) {
        line_ = col_ = 0;
        off_ = 0;
        return std::string::npos;
      }
      ++off_;
      ++line_;
      col_ = 0;
    }
    while (col_ < col) {
      if (off_ >= s_.size() || s_[off_] == '\n') return std::string::npos;
      const unsigned char c = s_[off_];
      col_ += c >= 0xF0 ? 2 : 1;
      off_ += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    }
    return col_ == col ? off_ : std::string::npos;
  }

 private:
  const std::string& s_;
  size_t off_ = 0;
  int line_ = 0, col_ = 0;
};

// One position, from the start (for a few lookups).
inline size_t OffsetOf(const std::string& s, int line, int col) {
  return Positions(s).OffsetOf(line, col);
}

// Every mapping of `map_json` lands on a token start with the same first character and the same
// run of identifier characters in `out` and `in` (ASCII case folded when fold_case: the CSS
// minifier lowercases names). Returns the number of mappings.
inline size_t CheckMappingsPointAtSameText(const std::string& map_json, const std::string& out,
                                           const std::string& in, bool fold_case) {
  auto j = nlohmann::json::parse(map_json);
  CHECK(j["version"] == 3);
  CHECK(j["sourcesContent"][0] == in);
  std::vector<Mapping> ms = DecodeMappings(j["mappings"]);
  auto fold = [&](char c) {
    return fold_case ? static_cast<char>(std::tolower(static_cast<unsigned char>(c))) : c;
  };
  auto word = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
  };
  size_t bad = 0;
  Positions out_pos(out), in_pos(in);
  for (const Mapping& m : ms) {
    const size_t g = out_pos.OffsetOf(m.gen_line, m.gen_col);
    const size_t s = in_pos.OffsetOf(m.src_line, m.src_col);
    bool ok = g < out.size() && s < in.size() && fold(out[g]) == fold(in[s]);
    for (size_t n = 1; ok && g + n < out.size() && word(out[g + n - 1]) && word(out[g + n]); ++n)
      ok = s + n < in.size() && fold(out[g + n]) == fold(in[s + n]);
    if (!ok && ++bad <= 5) {
      INFO(m.gen_line << ":" << m.gen_col << " -> " << m.src_line << ":" << m.src_col << " out '"
                      << out.substr(g < out.size() ? g : 0, 24) << "' in '"
                      << in.substr(s < in.size() ? s : 0, 24) << "'");
      CHECK(ok);
    }
  }
  CHECK(bad == 0);
  return ms.size();
}

}  // namespace pagebake::testing

#endif  // PAGEBAKE_TESTS_TEXT_SOURCE_MAP_JUDGE_H_
