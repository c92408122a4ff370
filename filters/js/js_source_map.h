// Source maps v3 for minified JS: the minifier records, for every token it writes, where the
// token starts in its output and in its input (two byte offsets); Render() turns the pairs into
// a map in one merged pass over both texts. Columns count UTF-16 code units, as browsers' dev
// tools read them; lines end at \n, \r\n or \r. The original text is embedded
// (sourcesContent) so the map works without the source tree, which is never published.
#ifndef PAGEBAKE_JS_JS_SOURCE_MAP_H_
#define PAGEBAKE_JS_JS_SOURCE_MAP_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace pagebake::js {

class SourceMapBuilder {
 public:
  // Offsets must not decrease from one call to the next (the minifier writes in order).
  void Add(size_t generated_offset, size_t original_offset) {
    pairs_.push_back({generated_offset, original_offset});
  }
  size_t size() const { return pairs_.size(); }
  // Forgets pairs at or after `generated_offset` (the minifier took back a `;`).
  void TruncateGenerated(size_t generated_offset) {
    while (!pairs_.empty() && pairs_.back().generated >= generated_offset) pairs_.pop_back();
  }

  // The map as JSON: {"version":3,"file":...,"sources":[source_name],"sourcesContent":[...],
  // "names":[],"mappings":...}.
  std::string Render(std::string_view generated, std::string_view original,
                     std::string_view file, std::string_view source_name) const;

 private:
  struct Pair {
    size_t generated;
    size_t original;
  };
  std::vector<Pair> pairs_;
};

// Base64 VLQ of one value, appended to *out (exposed for tests).
void AppendVlq(int64_t value, std::string* out);

}  // namespace pagebake::js

#endif  // PAGEBAKE_JS_JS_SOURCE_MAP_H_
