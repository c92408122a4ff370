#include "filters/text/source_map.h"

#include <nlohmann/json.hpp>

namespace pagebake::text {
namespace {

constexpr char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

// A line/column cursor that only moves forward through a text.
struct Cursor {
  std::string_view text;
  size_t offset = 0;
  int64_t line = 0;
  int64_t col = 0;  // UTF-16 code units

  void AdvanceTo(size_t target) {
    for (; offset < target && offset < text.size(); ++offset) {
      const unsigned char c = text[offset];
      if (c == '\n' || (c == '\r' && (offset + 1 >= text.size() || text[offset + 1] != '\n'))) {
        ++line;
        col = 0;
      } else if (c == '\r') {
        // first half of \r\n: the \n ends the line
      } else if ((c & 0xC0) != 0x80) {
        col += c >= 0xF0 ? 2 : 1;  // 4-byte sequences are surrogate pairs in UTF-16
      }
    }
  }
};

}  // namespace

void AppendVlq(int64_t value, std::string* out) {
  uint64_t v = value < 0 ? ((uint64_t(-value) << 1) | 1) : (uint64_t(value) << 1);
  do {
    unsigned digit = v & 31;
    v >>= 5;
    if (v) digit |= 32;
    out->push_back(kBase64[digit]);
  } while (v);
}

void SourceMapBuilder::ApplyEdits(const std::vector<TextEdit>& edits) {
  size_t e = 0;
  int64_t shift = 0;
  for (Pair& p : pairs_) {
    while (e < edits.size() && edits[e].offset + edits[e].old_size <= p.generated &&
           !(edits[e].old_size == 0 && edits[e].offset == p.generated)) {
      shift += int64_t(edits[e].new_size) - int64_t(edits[e].old_size);
      ++e;
    }
    size_t g = p.generated;
    if (e < edits.size() && edits[e].offset < g && g < edits[e].offset + edits[e].old_size)
      g = edits[e].offset;  // inside a replaced span
    p.generated = size_t(int64_t(g) + shift);
  }
}

std::string SourceMapBuilder::Render(std::string_view generated, std::string_view original,
                                     std::string_view file, std::string_view source_name) const {
  std::string mappings;
  Cursor gen{generated}, src{original};
  int64_t line = 0, prev_gen_col = 0, prev_src_line = 0, prev_src_col = 0;
  bool first_in_line = true;
  for (const Pair& p : pairs_) {
    gen.AdvanceTo(p.generated);
    src.AdvanceTo(p.original);
    while (line < gen.line) {
      mappings.push_back(';');
      ++line;
      prev_gen_col = 0;
      first_in_line = true;
    }
    if (!first_in_line) mappings.push_back(',');
    first_in_line = false;
    AppendVlq(gen.col - prev_gen_col, &mappings);
    AppendVlq(0, &mappings);  // the only source
    AppendVlq(src.line - prev_src_line, &mappings);
    AppendVlq(src.col - prev_src_col, &mappings);
    prev_gen_col = gen.col;
    prev_src_line = src.line;
    prev_src_col = src.col;
  }
  nlohmann::ordered_json j;
  j["version"] = 3;
  j["file"] = std::string(file);
  j["sources"] = {std::string(source_name)};
  // Invalid UTF-8 in the source is replaced rather than failing the build.
  j["sourcesContent"] = {std::string(original)};
  j["names"] = nlohmann::json::array();
  j["mappings"] = std::move(mappings);
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace pagebake::text
