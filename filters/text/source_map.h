// Source maps v3 for minified text (JS, CSS): the minifier records, for every token it writes,
// where the token starts in its output and in its input (two byte offsets); Render() turns the
// pairs into a map in one merged pass over both texts. Columns count UTF-16 code units, as browsers' dev
// tools read them; lines end at \n, \r\n or \r. The original text is embedded
// (sourcesContent) so the map works without the source tree, which is never published.
#ifndef PAGEBAKE_TEXT_SOURCE_MAP_H_
#define PAGEBAKE_TEXT_SOURCE_MAP_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pagebake::text {

// Bytes [offset, offset + old_size) of a text became new_size bytes.
struct TextEdit {
  size_t offset;
  size_t old_size;
  size_t new_size;
};

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
  // The generated text was edited after the map was made (a URL replaced): moves every pair
  // past an edit by its growth. A pair inside a replaced span points at the span's start.
  // `edits` in offset order, not overlapping.
  void ApplyEdits(const std::vector<TextEdit>& edits);

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

// A map kept beside the resource it describes (Resource::source_map), so that edits made to the
// resource after minification (the pipeline pointing url()s at final names) can move its pairs;
// the map resource at `map_path` is rendered again after each such edit.
struct AttachedSourceMap {
  SourceMapBuilder pairs;
  std::string original;     // what the minifier read (sourcesContent)
  std::string file;         // the map's "file"
  std::string source_name;  // its one source
  std::string map_path;     // the generated map resource
};

// Base64 VLQ of one value, appended to *out (exposed for tests).
void AppendVlq(int64_t value, std::string* out);

}  // namespace pagebake::text

#endif  // PAGEBAKE_TEXT_SOURCE_MAP_H_
