// The light HTML document: a lossless token stream arranged as a mutable tree.
//
// Parse() tokenizes per the WHATWG states that matter for rewriting (tags with their attributes
// and original quoting, character references left as written, comments, bogus comments,
// doctype, CDATA in foreign content, RAWTEXT/RCDATA/script data with its escaped states,
// plaintext) and builds a tree with just enough of the tree-construction rules (implied end
// tags, void elements, head/body, foreign content and its integration points) to know the
// context of every node: inside pre/textarea/script/style/svg/math/template. Every input byte
// belongs to exactly one node, so Serialize() of an unedited document is the input, byte for
// byte, even when the input is malformed. Edited nodes are written from their new values;
// untouched nodes are copied from the source in as few runs as possible.
//
// The tree is stored in one vector of nodes linked by index (NodeId); nothing in it recurses,
// so a 100 000-deep document costs memory, not stack. Removed nodes stay in the vector,
// detached. Strings that filters set live in the document's pool, so views stay valid as long
// as the document does.
#ifndef PAGEBAKE_HTML_DOCUMENT_H_
#define PAGEBAKE_HTML_DOCUMENT_H_

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "filters/core/filter.h"
#include "filters/core/site.h"
#include "filters/html/tags.h"
#include "filters/text/position.h"

namespace pagebake::html {

using NodeId = uint32_t;
inline constexpr NodeId kNoNode = 0xFFFFFFFFu;

enum class NodeType : uint8_t {
  kDocument,      // the root (id 0); no bytes of its own
  kElement,       // start tag [+ children] [+ end tag]
  kText,          // character data as written (references undecoded); in RAWTEXT/RCDATA too
  kComment,       // <!-- ... -->
  kBogusComment,  // <!x>, <?x>, </1>: a comment in the DOM, kept verbatim by every filter
  kDoctype,       // <!DOCTYPE ...>
  kCData,         // <![CDATA[ ... ]]> in foreign content
  kEndTag,        // an end tag that closes nothing we track (</p> without <p>, </body>, </br>)
  kRaw,           // bytes outside the DOM: "</>", a tag cut off by the end of the file;
                  // also markup inserted by filters as one opaque piece
};

enum class Namespace : uint8_t { kHtml, kSvg, kMathMl };

enum NodeFlag : uint16_t {
  kSelfClosing = 1u << 0,     // written "<x/>"
  kDirtyStartTag = 1u << 1,   // attributes edited: the start tag is regenerated
  kDirtyText = 1u << 2,       // text/comment replaced: written from `text`
  kCreated = 1u << 3,         // made by a filter: no source bytes
  kHasEndTag = 1u << 4,       // the source has an end tag for it
  kWriteEndTag = 1u << 5,     // a created element: write "</name>" after its children
  kIgnoredTag = 1u << 6,      // a start tag the DOM merges or drops (2nd <body>, <head> late)
  kDuplicateAttrs = 1u << 7,  // some attribute name repeats (the DOM keeps the first)
  kDetached = 1u << 8,        // removed from the tree
  kInRawText = 1u << 9,       // text inside RAWTEXT/RCDATA/script data/plaintext
  kTightSpacing = 1u << 10,   // start tag written with minimal whitespace (NormalizeTagSpacing)
};

// An attribute as written. `value` is the raw text between the quotes (or the unquoted run),
// character references undecoded. Views point into the source or into the document's pool.
struct Attr {
  std::string_view name;
  std::string_view value;
  uint32_t begin = 0;  // original bytes, leading whitespace included; begin == end: created
  uint32_t end = 0;
  char quote = 0;      // '"', '\'' or 0 (unquoted, or no value)
  bool has_value = false;
  bool dirty = false;  // written from name/value instead of the original bytes
};

struct Node {
  NodeType type = NodeType::kDocument;
  Namespace ns = Namespace::kHtml;
  Tag tag = Tag::kUnknown;  // elements and kEndTag: the tag, when known
  uint16_t flags = 0;
  NodeId parent = kNoNode, first_child = kNoNode, last_child = kNoNode;
  NodeId prev = kNoNode, next = kNoNode;
  uint32_t begin = 0, end = 0;   // source bytes of the start tag / the whole token
  uint32_t tail = 0;             // elements: where the bytes after the last attribute start
  uint32_t end_tag_begin = 0, end_tag_end = 0;  // kHasEndTag: the end tag's bytes
  uint32_t attr_first = 0, attr_count = 0;      // into Document's attribute vector
  std::string_view name;  // elements, kEndTag: the name as written
  std::string_view text;  // kDirtyText / created leaf nodes: the bytes to write
};

class Document {
 public:
  // Tokenizes and builds the light tree. Never fails: malformed input still round-trips.
  // The Document owns `bytes`.
  static std::unique_ptr<Document> Parse(std::string bytes);
  // Untouched nodes are copied from their original bytes: with no edits, == the input exactly.
  std::string Serialize() const;
  const std::string& source() const { return source_; }
  bool modified() const { return modified_; }

  // --- Navigation (all O(1)) ---
  NodeId root() const { return 0; }
  size_t node_count() const { return nodes_.size(); }
  const Node& node(NodeId id) const { return nodes_[id]; }
  NodeType type(NodeId id) const { return nodes_[id].type; }
  NodeId parent(NodeId id) const { return nodes_[id].parent; }
  NodeId first_child(NodeId id) const { return nodes_[id].first_child; }
  NodeId last_child(NodeId id) const { return nodes_[id].last_child; }
  NodeId next_sibling(NodeId id) const { return nodes_[id].next; }
  NodeId prev_sibling(NodeId id) const { return nodes_[id].prev; }
  // Pre-order successor (document order), kNoNode at the end.
  NodeId NextInOrder(NodeId id) const;
  // Pre-order successor that skips `id`'s subtree.
  NodeId NextSkippingChildren(NodeId id) const;
  // An HTML-namespace element with tag `t`.
  bool IsHtml(NodeId id, Tag t) const {
    const Node& n = nodes_[id];
    return n.type == NodeType::kElement && n.tag == t && n.ns == Namespace::kHtml;
  }
  bool IsElement(NodeId id) const { return nodes_[id].type == NodeType::kElement; }
  // The nearest HTML-namespace ancestor (or self) with tag `t`, kNoNode if none. O(depth).
  NodeId FindAncestor(NodeId id, Tag t) const;
  // First <head>/<body> element of the tree (not ignored duplicates), kNoNode when absent.
  NodeId FindFirst(Tag t) const;

  // --- Attributes ---
  std::span<const Attr> attributes(NodeId id) const {
    const Node& n = nodes_[id];
    return {attrs_.data() + n.attr_first, n.attr_count};
  }
  // Index of the first attribute named `lower_name` (ASCII case-insensitive), -1 if none.
  int FindAttr(NodeId id, std::string_view lower_name) const;
  const Attr* GetAttr(NodeId id, std::string_view lower_name) const {
    int i = FindAttr(id, lower_name);
    return i < 0 ? nullptr : &attrs_[nodes_[id].attr_first + i];
  }
  // The value with character references decoded; nullopt when the attribute is absent.
  std::optional<std::string> AttrValue(NodeId id, std::string_view lower_name) const;
  // Replaces attribute `index`'s raw value (already escaped for `quote`; quote 0 = unquoted).
  void SetAttrRaw(NodeId id, int index, std::string_view raw_value, char quote);
  // Sets a value given decoded: escapes it and picks quoting (keeps the original quote when
  // it can). Adds the attribute at the end when absent.
  void SetAttr(NodeId id, std::string_view name, std::string_view decoded_value);
  // Sets attribute `index` from a decoded value (escaped, original quoting kept when possible).
  void SetAttrValue(NodeId id, int index, std::string_view decoded_value);
  // Turns `name="x"` into a bare `name` (boolean attribute form).
  void SetAttrNoValue(NodeId id, int index);
  void RemoveAttr(NodeId id, int index);
  // Writes attribute `index` without quotes, keeping its raw value (the caller checked
  // CanBeUnquoted). No allocation.
  void UnquoteAttr(NodeId id, int index);
  // Regenerates the start tag with minimal spacing: one space before each attribute (none
  // when the tag has none), nothing before '>' (one space before "/>" after an unquoted value).
  void NormalizeTagSpacing(NodeId id);
  // Whether rewriting attrs[i], a bare name, must write it name="": the next attribute's name
  // starts with '=' (lang/="" holds `lang` and an attribute named `=""`), which a bare name
  // would take as its value, with or without whitespace between.
  static bool BareNameNeedsEmptyValue(std::span<const Attr> attrs, size_t i) {
    return !attrs[i].has_value && i + 1 < attrs.size() && !attrs[i + 1].name.empty() &&
           attrs[i + 1].name[0] == '=';
  }

  // --- Character data ---
  // The bytes a leaf node writes: text as written, the whole comment "<!--x-->", ...
  std::string_view RawText(NodeId id) const {
    const Node& n = nodes_[id];
    if (n.flags & (kDirtyText | kCreated)) return n.text;
    return std::string_view(source_).substr(n.begin, n.end - n.begin);
  }
  // Replaces the bytes of a leaf node (text: raw HTML text, references as they should appear).
  void SetRawText(NodeId id, std::string_view raw);
  // A comment's text between "<!--" and "-->" (or to the end of the file when unterminated).
  std::string_view CommentText(NodeId id) const;

  // --- Structure ---
  // Detached new nodes; insert them with InsertBefore.
  NodeId CreateElement(std::string_view lower_name, bool write_end_tag);
  NodeId CreateText(std::string_view raw);
  NodeId CreateRaw(std::string_view markup);
  // Inserts detached `child` under `parent` before `before` (kNoNode: append).
  void InsertBefore(NodeId parent, NodeId child, NodeId before);
  // Detaches `id` with its subtree. Its bytes are no longer written.
  void Remove(NodeId id);
  void Replace(NodeId old_node, NodeId new_node);

  // --- Positions (original bytes; created nodes report 0/0) ---
  text::LineCol Position(uint32_t offset) const;

  // Strings set by filters; stable for the document's lifetime.
  std::string_view Intern(std::string_view s);
  void MarkModified() { modified_ = true; }

  // Per-page facts filters record for later stages (html-convert-meta-tags stores the
  // <meta http-equiv> name/value pairs here; the delivery family reads them).
  std::vector<std::pair<std::string, std::string>>& http_equiv() { return http_equiv_; }
  const std::vector<std::pair<std::string, std::string>>& http_equiv() const {
    return http_equiv_;
  }

  Node& mutable_node(NodeId id) { return nodes_[id]; }

 private:
  friend class TreeBuilder;
  Document() = default;
  void MakeStartTagDirty(NodeId id);
  void WriteStartTag(NodeId id, std::string* out) const;

  std::string source_;
  std::vector<Node> nodes_;
  std::vector<Attr> attrs_;
  std::deque<std::string> pool_;
  bool modified_ = false;
  std::vector<std::pair<std::string, std::string>> http_equiv_;
};

// Calls fn for every inline fragment: the text of <style> (kStyleSheet), every style="" value
// (kStyleAttribute, value decoded from character references; re-encoded when written back),
// the text of <script> with kClassicScript (no type / JS MIME types), kModuleScript
// (type=module), kJsonScript (application/json, application/ld+json, importmap); unknown script
// types are skipped, and so are scripts with a src (their text never runs) and <style>/<script>
// of SVG/MathML (their text is markup, not raw text). Fragments inside <template> are included:
// template content runs once it is cloned. line/col: 1-based position in the page where the
// fragment text starts. If fn changes `text`, the change is written back into the tree
// (escaping/quoting as needed); a new <script>/<style> text that would end the element early or
// change how the parser reads it ("</script", "<!--" + "<script") is refused and the old text
// kept.
void ForEachInline(Document& doc,
                   const std::function<void(InlineKind kind, std::string& text, int line,
                                            int col)>& fn);
// The same for the text of classic, module and JSON <script> elements only, without positions
// (cheaper when nothing is reported).
void ForEachScriptText(Document& doc,
                       const std::function<void(InlineKind kind, std::string& text)>& fn);

// Every URL-bearing attribute of the page, in document order (see CollectUrls). Inside
// <template> too: its content is live markup once cloned. `is_base` marks <base href>, which
// changes how every other URL of the page resolves (see BaseHref).
struct UrlRef {
  std::string url;
  RefKind kind;
  int line;
  int col;
  bool is_base = false;
};
// a/area/link href, src of img/script/iframe/frame/embed/source/track/audio/video/
// input[type=image], srcset candidates of img/source (one entry per candidate), poster, object
// data, <link rel=icon|preload|modulepreload|manifest|stylesheet|...> href, <meta
// http-equiv=refresh content="N;url=...">, <meta property|name=og:image|twitter:image content>,
// form action, button formaction, blockquote/q/ins/del cite, <base href>, and SVG <image>
// href/xlink:href. Kinds: kStylesheet for link rel=stylesheet (and preload as=style), kScript for
// script src (and modulepreload, preload as=script), kImage for img/source in picture/srcset/
// poster/icons/og:image/svg image, kFont for preload as=font, kFrame for iframe/frame, kLink
// otherwise. URLs are decoded from character references; empty values are skipped.
std::vector<UrlRef> CollectUrls(const Document& doc);

// Rewrites URL-bearing attributes (the same set): fn gets the URL as written (decoded from
// character references) and returns the replacement or std::nullopt to keep it. srcset is
// rewritten candidate by candidate, keeping descriptors.
void RewriteUrls(Document& doc,
                 const std::function<std::optional<std::string>(std::string_view url,
                                                                RefKind kind)>& fn);

// The HTML standard's "JavaScript MIME type essence match" (ASCII case-insensitive; the caller
// strips whitespace and parameters).
bool IsJavaScriptMimeType(std::string_view essence);

// The page's <base href> as written (decoded), the first one as browsers use; nullopt if none.
std::optional<std::string> BaseHref(const Document& doc);

}  // namespace pagebake::html

#endif  // PAGEBAKE_HTML_DOCUMENT_H_
