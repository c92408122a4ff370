// html-collapse-whitespace: every run of HTML whitespace in text becomes one character: a space, or
// a newline when the run had one and some CSS of the page could not be read (a `white-space:
// pre-line` there would render it) or the text is SVG/MathML's; with all the page's CSS read, text
// outside the elements kept below renders a newline as a space. Whitespace is never removed where
// it can separate inline content. It is dropped where the page cannot render it: whitespace-only
// text directly inside <head>, <table>/<tbody>/<thead>/<tfoot>/<tr>/<colgroup>, <select>/
// <datalist>/<optgroup>, between doctype/html/head/body/head-content at the top of the
// page, and between block-level boxes — inside a UA block element, with only comments, display:none
// elements (script, style, link, meta, template...) and other whitespace between it and a UA block
// element or the parent's edge — but only when no CSS of the page (its <style> text, the site
// sheets its links load, a style="" on those elements) may make those elements inline-level
// (InlineLevelRules: inline-block menu items keep their visible gaps); a sheet it cannot read
// (remote, missing, @import) keeps all such whitespace. Whitespace-only text inside inline SVG goes
// too, except under <text> (and its tspan/textPath), title/desc, style/script, metadata and
// foreignObject: SVG draws characters only in <text>. Start tags lose extra whitespace between
// attributes and before '>'. The whitespace at both ends of a classic, module or JSON <script>'s
// text goes (its parser skips it; kept before a leading "-->", an HTML-like comment only at line
// start). Never inside pre/textarea/listing/plaintext/xmp/script/style/code, elements with
// xml:space=preserve or a `white-space: pre*|break-spaces` style attribute or page CSS rule (and
// their descendants), or raw text. Unsafe when a stylesheet the build cannot read (remote) sets
// `white-space: pre*` on other elements, when a script adds at runtime a class that changes an
// element's display, float, position or white-space, or when scripts read whitespace in text nodes.
// Id html-collapse-whitespace, risk low.
#ifndef PAGEBAKE_HTML_COLLAPSE_WHITESPACE_FILTER_H_
#define PAGEBAKE_HTML_COLLAPSE_WHITESPACE_FILTER_H_

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "filters/html/html_filter.h"
#include "filters/html/inline_level_rules.h"
#include "filters/html/tags.h"

namespace pagebake::html {

class CollapseWhitespaceFilter : public HtmlFilter {
 public:
  CollapseWhitespaceFilter(const FilterInfo* info, const HtmlOptions& options)
      : HtmlFilter(info, options) {}
  Status RewriteHtml(FilterContext& ctx, Document& doc) override;

  // Whether the markup alone keeps whitespace inside element `id` as written (pre, textarea,
  // code, xml:space=preserve); KeepsWhitespace adds what CSS says.
  static bool PreservesWhitespace(const Document& doc, NodeId id);
  bool KeepsWhitespace(const Document& doc, NodeId id, const InlineLevelRules& rules);
  // Whether whitespace-only text under SVG element `id` may render or be read.
  static bool SvgKeepsText(const Document& doc, NodeId id);
  // Whitespace at a line's edge (see AtLineEdge in the .cc) and what the page's CSS says.
  const InlineLevelRules& PageRules(FilterContext& ctx, const Document& doc);
  uint8_t Kinds(const Document& doc, NodeId id, const InlineLevelRules& rules);
  struct NodeKinds {
    uint8_t self = 0;  // with the element's style="" and hidden attributes
    uint8_t children = 0, descendants = 0;
    bool known = false;
  };
  const NodeKinds& Classified(const Document& doc, NodeId id, const InlineLevelRules& rules);
  uint8_t DescendantKinds(const Document& doc, NodeId a, const InlineLevelRules& rules);
  bool AtLineEdge(const Document& doc, NodeId id, const InlineLevelRules& rules);
  // Trims the whitespace at both ends of every JS/JSON <script> text.
  static void TrimScripts(FilterContext& ctx, Document& doc);
  // Whether a whitespace-only text node at `id` is not rendered and may be dropped.
  // `body_started`: body content (an element that cannot sit in <head>, or text) came before.
  static bool DroppableWhitespace(const Document& doc, NodeId id, bool body_started);
  // Whether the start tag has whitespace that NormalizeTagSpacing would remove.
  static bool LooseStartTag(const Document& doc, NodeId id);

 private:
  std::string scratch_;
  // The rules of a site sheet and of the sheets it imports, read once; nullptr when an import
  // chain loops or runs deeper than kMaxImportDepth (anything may be inline then).
  const InlineLevelRules* SheetRules(const Site& site, const Resource& sheet, int depth);
  const InlineLevelRules* ImportedRules(const Site& site, const Resource& from,
                                        std::string_view url, int depth);
  static constexpr int kMaxImportDepth = 16;
  // nullopt while the sheet's imports are being read (a cycle finds it so).
  std::unordered_map<const Resource*, std::optional<InlineLevelRules>> sheet_cache_;
  const Site* sheet_cache_site_ = nullptr;
  // The merged rules of each list of linked sheets pages used, keyed by the sheets' entries in
  // sheet_cache_ (stable; nullptr: one not read).
  std::map<std::vector<const InlineLevelRules*>, std::unique_ptr<InlineLevelRules>> linked_cache_;
  InlineLevelRules page_rules_;  // a page with <style> text: its linked rules plus that text
  // What the first rendered sibling before / after a whitespace-only text is.
  enum Boundary : int8_t {
    kInlineContent = 0,   // text, an inline-level element: the line goes on
    kParentEdge = 1,      // nothing: the parent's start or end
    kInFlowBlock = 2,     // a block-level element no CSS may float or position
    kUncertainBlock = 3,  // a block-level element CSS may take out of the flow or hide
    kLineBreak = 4,       // a <br> no CSS restyles
  };
  Boundary Neighbour(const Document& doc, NodeId id, const InlineLevelRules& rules, bool forward);
  // Neighbour per document: for each node, the Boundary beyond it (-1 unknown).
  std::vector<int8_t> before_, after_;
  // Classified and DescendantKinds per node of the document (not known / -1: not yet asked).
  std::vector<NodeKinds> classified_;
  // Per open element of RewriteHtml's walk: which counters entering it raised.
  enum Opens : uint8_t { kOpensPreserve = 1, kOpensSvgText = 2, kOpensHead = 4 };
  std::vector<uint8_t> opened_;
  std::vector<int8_t> descendant_memo_;
  std::string class_buf_, id_buf_, tag_buf_;  // Classified's decoded values, custom tag name
  std::vector<NodeId> ancestors_;  // DescendantKinds' walk (Neighbour's is walked_)
  std::vector<NodeId> walked_;
};

}  // namespace pagebake::html

#endif  // PAGEBAKE_HTML_COLLAPSE_WHITESPACE_FILTER_H_
