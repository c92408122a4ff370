#include "filters/html/elide_attributes_filter.h"

#include <algorithm>
#include <optional>
#include <string>

#include "filters/html/char_ref.h"
#include "filters/html/document.h"
#include "filters/html/tokenizer.h"

namespace pagebake::html {
namespace {

bool IsJsLanguage(std::string_view lang) {
  if (lang.empty()) return true;  // an empty language attribute is ignored
  std::string t = "text/";
  t += lang;
  return IsJavaScriptMimeType(t);
}

}  // namespace

bool IsXhtml(const Document& doc) {
  for (NodeId id = doc.first_child(doc.root()); id != kNoNode; id = doc.next_sibling(id)) {
    NodeType t = doc.type(id);
    if (t == NodeType::kText) continue;
    if (t == NodeType::kBogusComment && doc.RawText(id).starts_with("<?xml")) return true;
    if (t == NodeType::kDoctype) {
      std::string_view d = doc.RawText(id);
      for (size_t i = 0; i + 5 <= d.size(); ++i)
        if (text::EqualsIgnoreCase(d.substr(i, 5), "xhtml")) return true;
      return false;
    }
    if (t == NodeType::kComment) continue;
    return false;
  }
  return false;
}

namespace {
constexpr std::string_view kBool[] = {
      "allowfullscreen", "async", "autofocus", "autoplay", "checked", "compact", "controls",
      "declare", "default", "defer", "disabled", "formnovalidate", "hidden", "inert", "ismap",
      "itemscope", "loop", "multiple", "muted", "nohref", "nomodule", "noresize", "noshade",
      "novalidate", "nowrap", "open", "playsinline", "readonly", "required", "reversed",
      "selected"};

// (first letter, length) pairs that some boolean attribute has: most names are rejected here.
struct BoolIndex {
  bool possible[26][20] = {};
  BoolIndex() {
    for (std::string_view b : kBool) possible[b[0] - 'a'][b.size()] = true;
  }
};
const BoolIndex kBoolIndex;

// Attribute names with a default some element states (type, method, ...).
bool MayHaveDefault(std::string_view n) {
  switch (n.size()) {
    case 4: return n[0] == 't' || n[0] == 's' || n[0] == 'T' || n[0] == 'S';  // type, span
    case 5: return n[0] == 's' || n[0] == 'S';                                  // shape
    case 6: return n[0] == 'm' || n[0] == 'M';                                  // method
    case 7: return true;  // enctype, colspan, rowspan
    case 8: return n[0] == 'l' || n[0] == 'L';                                  // language
    case 9: return n[0] == 's' || n[0] == 'S';                                  // scrolling
    case 11: return n[0] == 'f' || n[0] == 'F';                                 // frameborder
    default: return false;
  }
}

}  // namespace

bool ElideAttributesFilter::IsBooleanAttribute(std::string_view n) {
  if (n.empty() || n.size() >= 20) return false;
  unsigned c = static_cast<unsigned char>(text::AsciiLower(n[0])) - 'a';
  if (c >= 26 || !kBoolIndex.possible[c][n.size()]) return false;
  for (std::string_view b : kBool)
    if (b.size() == n.size() && text::EqualsIgnoreCase(n, b)) return true;
  return false;
}

bool ElideAttributesFilter::IsDefaultValue(Tag t, std::string_view name, std::string_view raw,
                                           const HtmlOptions& opts) {
  std::string_view v = TrimHtmlSpace(raw);
  switch (t) {
    case Tag::kScript:
      return name == "type" && IsJavaScriptMimeType(v);
    case Tag::kStyle:
      return name == "type" && text::EqualsIgnoreCase(v, "text/css");
    case Tag::kLink:
      return name == "type" && text::EqualsIgnoreCase(v, "text/css");
    case Tag::kForm:
      return (name == "method" && text::EqualsIgnoreCase(v, "get")) ||
             (name == "enctype" && text::EqualsIgnoreCase(v, "application/x-www-form-urlencoded"));
    case Tag::kInput:
      return opts.elide_input_type_text && name == "type" && text::EqualsIgnoreCase(v, "text");
    case Tag::kButton:
      return name == "type" && text::EqualsIgnoreCase(v, "submit");
    case Tag::kArea:
    case Tag::kA:
      return name == "shape" && text::EqualsIgnoreCase(v, "rect");
    case Tag::kTd:
    case Tag::kTh:
      return (name == "colspan" || name == "rowspan") && v == "1";
    case Tag::kCol:
    case Tag::kColgroup:
      return name == "span" && v == "1";
    case Tag::kFrame:
    case Tag::kIframe:
      return (name == "frameborder" && v == "1") ||
             (name == "scrolling" && text::EqualsIgnoreCase(v, "auto"));
    default:
      return false;
  }
}

std::optional<std::string> ElideAttributesFilter::ShorterViewport(std::string_view content) {
  // The viewport list: `key=value` pairs separated by commas or whitespace, with optional
  // whitespace around '='. A ';' (an error browsers treat differently) or a key without a
  // value keeps the list as written.
  if (content.find(';') != std::string_view::npos) return std::nullopt;
  auto sep = [](char c) { return c == ',' || IsHtmlSpace(static_cast<unsigned char>(c)); };
  std::string out;
  size_t i = 0;
  const size_t n = content.size();
  while (true) {
    while (i < n && sep(content[i])) ++i;
    if (i >= n) break;
    const size_t k = i;
    while (i < n && !sep(content[i]) && content[i] != '=') ++i;
    std::string_view key = content.substr(k, i - k);
    while (i < n && IsHtmlSpace(static_cast<unsigned char>(content[i]))) ++i;
    if (key.empty() || i >= n || content[i] != '=') return std::nullopt;
    ++i;
    while (i < n && IsHtmlSpace(static_cast<unsigned char>(content[i]))) ++i;
    const size_t v = i;
    while (i < n && !sep(content[i]) && content[i] != '=') ++i;
    std::string_view value = content.substr(v, i - v);
    if (value.empty()) return std::nullopt;
    // A plain decimal keeps its value without trailing zeros: 1.0 -> 1, 0.50 -> 0.5.
    const size_t dot = value.find('.');
    if (dot != std::string_view::npos && dot > 0 &&
        std::all_of(value.begin(), value.end(),
                    [](char c) { return c == '.' || (c >= '0' && c <= '9'); }) &&
        value.find('.', dot + 1) == std::string_view::npos) {
      while (value.back() == '0') value.remove_suffix(1);
      if (value.back() == '.') value.remove_suffix(1);
    }
    if (!out.empty()) out.push_back(',');
    out.append(key);
    out.push_back('=');
    out.append(value);
  }
  if (out.empty() || out.size() >= content.size()) return std::nullopt;
  return out;
}

Status ElideAttributesFilter::RewriteHtml(FilterContext& ctx, Document& doc) {
  const bool xhtml = IsXhtml(doc);
  std::string lower;
  for (NodeId id = doc.NextInOrder(doc.root()); id != kNoNode; id = doc.NextInOrder(id)) {
    const Node& n = doc.node(id);
    if (n.type != NodeType::kElement || n.attr_count == 0 || n.ns != Namespace::kHtml ||
        n.tag == Tag::kUnknown || (n.flags & (kDuplicateAttrs | kIgnoredTag)))
      continue;
    const Attr* name = n.tag == Tag::kMeta ? doc.GetAttr(id, "name") : nullptr;
    const int content = name ? doc.FindAttr(id, "content") : -1;
    if (content >= 0 && text::EqualsIgnoreCase(TrimHtmlSpace(name->value), "viewport")) {
      const Attr& c = doc.attributes(id)[content];
      // Quoted only: written back unquoted, a value with '=' would be quoted again (and grow).
      std::optional<std::string> shorter;
      if (c.quote != 0 && c.value.find('&') == std::string_view::npos)
        shorter = ShorterViewport(c.value);
      if (shorter) {
        doc.SetAttrValue(id, content, *shorter);
        ++ctx.counters().rewrites;
      }
    }
    for (int i = static_cast<int>(n.attr_count) - 1; i >= 0; --i) {
      const Attr& a = doc.attributes(id)[i];
      if (!MayHaveDefault(a.name) && (xhtml || !IsBooleanAttribute(a.name))) continue;
      lower.assign(a.name);
      for (char& c : lower) c = text::AsciiLower(c);
      if (!a.has_value) continue;
      if (a.value.find('&') != std::string_view::npos) continue;  // leave encoded values alone
      if (IsDefaultValue(n.tag, lower, a.value, options())) {
        if (n.tag == Tag::kScript && lower == "type") {
          // Without type, a non-JS language attribute would start to count.
          const Attr* lang = doc.GetAttr(id, "language");
          if (lang && !IsJsLanguage(TrimHtmlSpace(lang->value))) continue;
        }
        doc.RemoveAttr(id, i);
        ++ctx.counters().rewrites;
        continue;
      }
      if (n.tag == Tag::kScript && lower == "language") {
        // Ignored when a type is present; equal to the default when it names JavaScript.
        if (doc.GetAttr(id, "type") || IsJsLanguage(TrimHtmlSpace(a.value))) {
          doc.RemoveAttr(id, i);
          ++ctx.counters().rewrites;
        }
        continue;
      }
      if (!xhtml && IsBooleanAttribute(lower) &&
          (a.value.empty() || text::EqualsIgnoreCase(a.value, lower))) {
        doc.SetAttrNoValue(id, i);
        ++ctx.counters().rewrites;
      }
    }
  }
  return Status::OK();
}

}  // namespace pagebake::html
