// ForEachInline, CollectUrls, RewriteUrls, BaseHref: the page's embedded fragments and
// references, the interface the pipeline and the CSS/JS families use.
#include <optional>

#include "filters/html/char_ref.h"
#include "filters/html/document.h"
#include "filters/html/tokenizer.h"
#include "filters/html/url_attrs.h"

namespace pagebake::html {
namespace {

// What kind of script element `id` is, or nullopt when its text is not ours to touch.
std::optional<InlineKind> ScriptKind(const Document& doc, NodeId id) {
  if (doc.GetAttr(id, "src")) return std::nullopt;  // the text never runs
  const Attr* type = doc.GetAttr(id, "type");
  std::string type_value;
  if (type && type->has_value) {
    type_value = DecodeAttrValue(type->value);
  } else if (!type) {
    const Attr* lang = doc.GetAttr(id, "language");
    if (lang && lang->has_value && !lang->value.empty())
      type_value = "text/" + DecodeAttrValue(lang->value);
  }
  std::string_view t = TrimHtmlSpace(type_value);
  if (t.empty() || IsJavaScriptMimeType(t)) return InlineKind::kClassicScript;
  if (text::EqualsIgnoreCase(t, "module")) return InlineKind::kModuleScript;
  if (text::EqualsIgnoreCase(t, "application/json") ||
      text::EqualsIgnoreCase(t, "application/ld+json") || text::EqualsIgnoreCase(t, "importmap"))
    return InlineKind::kJsonScript;
  return std::nullopt;
}

bool IsCssStyleElement(const Document& doc, NodeId id) {
  const Attr* type = doc.GetAttr(id, "type");
  if (!type || !type->has_value) return true;
  std::string t = DecodeAttrValue(type->value);
  std::string_view v = TrimHtmlSpace(t);
  return v.empty() || text::EqualsIgnoreCase(v, "text/css");
}

// New raw text for a <script>/<style> is accepted only when the element still ends exactly
// where the text ends.
bool RawTextKeepsBoundary(std::string_view new_text, bool script) {
  if (script) {
    std::string probe(new_text);
    probe += "</script>";
    return FindScriptDataEnd(probe, 0) == new_text.size();
  }
  std::string probe(new_text);
  return FindRawTextEnd(probe, 0, "style") == probe.size();
}

// A <style>/<script> element whose text is ours to rewrite: its kind and its single text child.
struct ElementText {
  InlineKind kind;
  NodeId child;
  bool script;
};

// nullopt for any other node: not an HTML <style>/<script> (or only <script>s when
// `scripts_only`), an external script, an unknown type, no text or text split by the parser.
std::optional<ElementText> TextOfElement(const Document& doc, NodeId id, bool scripts_only) {
  const Node& n = doc.node(id);
  if (n.type != NodeType::kElement || (n.flags & kIgnoredTag) || n.ns != Namespace::kHtml)
    return std::nullopt;
  std::optional<InlineKind> kind;
  if (n.tag == Tag::kScript) kind = ScriptKind(doc, id);
  else if (n.tag == Tag::kStyle && !scripts_only && IsCssStyleElement(doc, id))
    kind = InlineKind::kStyleSheet;
  NodeId child = n.first_child;
  if (!kind || child == kNoNode || doc.type(child) != NodeType::kText ||
      doc.next_sibling(child) != kNoNode)
    return std::nullopt;
  return ElementText{*kind, child, n.tag == Tag::kScript};
}

// Hands the element's text to `rewrite` (in `text`) and keeps what it wrote when the element
// still ends where the text ends.
template <typename Rewrite>
void RewriteElementText(Document& doc, const ElementText& e, std::string& text,
                        Rewrite&& rewrite) {
  std::string_view raw = doc.RawText(e.child);
  text.assign(raw);
  rewrite(text);
  if (text != raw && RawTextKeepsBoundary(text, e.script)) doc.SetRawText(e.child, text);
}

}  // namespace

bool IsJavaScriptMimeType(std::string_view t) {
  static constexpr std::string_view kJs[] = {
      "application/ecmascript", "application/javascript", "application/x-ecmascript",
      "application/x-javascript", "text/ecmascript", "text/javascript", "text/javascript1.0",
      "text/javascript1.1", "text/javascript1.2", "text/javascript1.3", "text/javascript1.4",
      "text/javascript1.5", "text/jscript", "text/livescript", "text/x-ecmascript",
      "text/x-javascript"};
  for (std::string_view j : kJs)
    if (text::EqualsIgnoreCase(t, j)) return true;
  return false;
}

void ForEachScriptText(Document& doc, const std::function<void(InlineKind, std::string&)>& fn) {
  std::string text;
  for (NodeId id = doc.NextInOrder(doc.root()); id != kNoNode; id = doc.NextInOrder(id)) {
    std::optional<ElementText> e = TextOfElement(doc, id, /*scripts_only=*/true);
    if (e) RewriteElementText(doc, *e, text, [&](std::string& t) { fn(e->kind, t); });
  }
}

void ForEachInline(Document& doc,
                   const std::function<void(InlineKind kind, std::string& text, int line,
                                            int col)>& fn) {
  LineTracker lines(doc.source());
  std::string text;
  for (NodeId id = doc.NextInOrder(doc.root()); id != kNoNode; id = doc.NextInOrder(id)) {
    const Node& n = doc.node(id);
    if (n.type != NodeType::kElement || (n.flags & kIgnoredTag)) continue;
    // style="" on any element (HTML or foreign: the same CSS declarations).
    int si = n.attr_count ? doc.FindAttr(id, "style") : -1;
    if (si >= 0 && doc.attributes(id)[si].has_value) {
      const Attr& a = doc.attributes(id)[si];
      text = DecodeAttrValue(a.value);
      std::string before = text;
      long off = ValueOffset(doc, id, a);
      text::LineCol lc = off >= 0 ? lines.At(off) : text::LineCol{0, 0};
      fn(InlineKind::kStyleAttribute, text, lc.line, lc.col);
      if (text != before) doc.SetAttrValue(id, si, text);
    }
    std::optional<ElementText> e = TextOfElement(doc, id, /*scripts_only=*/false);
    if (!e) continue;
    const Node& c = doc.node(e->child);
    text::LineCol lc = (c.flags & kCreated) ? text::LineCol{0, 0} : lines.At(c.begin);
    RewriteElementText(doc, *e, text, [&](std::string& t) { fn(e->kind, t, lc.line, lc.col); });
  }
}

std::vector<UrlRef> CollectUrls(const Document& doc) {
  std::vector<UrlRef> refs;
  LineTracker lines(doc.source());
  std::vector<UrlAttr> attrs;
  std::vector<std::pair<size_t, size_t>> spans;
  for (NodeId id = doc.NextInOrder(doc.root()); id != kNoNode; id = doc.NextInOrder(id)) {
    if (doc.type(id) != NodeType::kElement || doc.node(id).attr_count == 0) continue;
    UrlAttrsOf(doc, id, &attrs);
    for (const UrlAttr& ua : attrs) {
      const Attr& a = doc.attributes(id)[ua.index];
      std::string value = DecodeAttrValue(a.value);
      UrlSpans(value, ua.syntax, &spans);
      long off = ValueOffset(doc, id, a);
      text::LineCol lc = off >= 0 ? lines.At(off) : text::LineCol{0, 0};
      for (auto [b, e] : spans) {
        UrlRef r{value.substr(b, e - b), ua.kind, lc.line, lc.col, ua.is_base};
        // Position of the URL itself when the raw value has no references before it.
        if (off >= 0 && value.size() == a.value.size()) r.col = lc.col + static_cast<int>(b);
        refs.push_back(std::move(r));
      }
    }
  }
  return refs;
}

void RewriteUrls(Document& doc,
                 const std::function<std::optional<std::string>(std::string_view url,
                                                                RefKind kind)>& fn) {
  std::vector<UrlAttr> attrs;
  std::vector<std::pair<size_t, size_t>> spans;
  for (NodeId id = doc.NextInOrder(doc.root()); id != kNoNode; id = doc.NextInOrder(id)) {
    if (doc.type(id) != NodeType::kElement || doc.node(id).attr_count == 0) continue;
    UrlAttrsOf(doc, id, &attrs);
    for (const UrlAttr& ua : attrs) {
      const Attr& a = doc.attributes(id)[ua.index];
      std::string value = DecodeAttrValue(a.value);
      UrlSpans(value, ua.syntax, &spans);
      std::string out;
      size_t copied = 0;
      bool changed = false;
      for (auto [b, e] : spans) {
        std::optional<std::string> r = fn(std::string_view(value).substr(b, e - b), ua.kind);
        if (!r || *r == std::string_view(value).substr(b, e - b)) continue;
        out.append(value, copied, b - copied);
        out += *r;
        copied = e;
        changed = true;
      }
      if (!changed) continue;
      out.append(value, copied, std::string::npos);
      doc.SetAttrValue(id, ua.index, out);
    }
  }
}

std::optional<std::string> BaseHref(const Document& doc) {
  for (NodeId id = doc.NextInOrder(doc.root()); id != kNoNode; id = doc.NextInOrder(id)) {
    if (!doc.IsHtml(id, Tag::kBase)) continue;
    if (std::optional<std::string> v = doc.AttrValue(id, "href")) {
      std::string_view t = TrimHtmlSpace(*v);
      return std::string(t);
    }
  }
  return std::nullopt;
}

}  // namespace pagebake::html
