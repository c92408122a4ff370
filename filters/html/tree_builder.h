// Builds the light tree from the token stream (see document.h): the subset of WHATWG tree
// construction that decides context — void elements, implied end tags (p, li, dd/dt, options,
// table rows and cells, headings), head/body placement, RAWTEXT/RCDATA/script data/plaintext
// switching, foreign content with its integration points and breakout tags. Misnested
// formatting end tags that would need the adoption agency are kept as stray end tags, so an
// element that encloses text (pre, textarea) is never closed early: the tree errs on the side of
// "still inside". Iterative; the open-element stack is a vector.
#ifndef PAGEBAKE_HTML_TREE_BUILDER_H_
#define PAGEBAKE_HTML_TREE_BUILDER_H_

#include <array>
#include <string_view>
#include <vector>

#include "filters/html/document.h"
#include "filters/html/tokenizer.h"

namespace pagebake::html {

class TreeBuilder {
 public:
  explicit TreeBuilder(Document* doc) : doc_(*doc), buf_(doc->source_) {}
  void Run();

 private:
  NodeId Append(NodeType type, size_t begin, size_t end);
  void AddText(size_t begin, size_t end, bool raw);
  size_t StartTag(const TagToken& tok);
  void EndTag(const TagToken& tok);
  void Push(NodeId id);
  void Pop();
  // How many HTML-namespace elements with tag `t` are open (on stack_).
  uint32_t Open(Tag t) const { return open_[static_cast<size_t>(t)]; }
  void PopTo(size_t stack_index);
  void CloseWith(size_t stack_index, const TagToken& tok);
  void CloseP();
  bool CurrentIsForeignForStartTag(Tag t, const TagToken& tok) const;
  bool IsIntegrationPoint(NodeId id) const;
  NodeId Top() const { return stack_.back(); }
  bool NameIs(NodeId id, const TagToken& tok) const;
  // Index in stack_ of the nearest open element with tag `t` (HTML namespace), stopping at
  // elements with any property in `stop_props` or a tag in `stop_tags`; 0 when not found.
  size_t FindInScope(Tag t, uint32_t stop_props) const;

  Document& doc_;
  std::string_view buf_;
  std::vector<NodeId> stack_;
  // Open HTML elements per tag, kept by Push/Pop. The scope searches below walk the stack of
  // open elements; when the tag they look for is not open at all they return at once, so a
  // document of 100 000 nested <div>s costs O(n), not O(n^2) (tests/regress/html).
  std::array<uint32_t, static_cast<size_t>(Tag::kCount)> open_{};
  TagToken tok_;
  NodeId head_ = kNoNode;
  bool head_open_ = false;
  bool seen_html_ = false;
  bool seen_head_ = false;
  bool seen_body_ = false;  // <body> or content that implies it
};

}  // namespace pagebake::html

#endif  // PAGEBAKE_HTML_TREE_BUILDER_H_
