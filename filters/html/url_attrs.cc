#include "filters/html/url_attrs.h"

#include "filters/html/tokenizer.h"

namespace pagebake::html {
namespace {

bool Space(char c) { return IsHtmlSpace(static_cast<unsigned char>(c)); }

// rel is a space-separated token list.
bool HasToken(std::string_view list, std::string_view token) {
  size_t i = 0;
  while (i < list.size()) {
    while (i < list.size() && Space(list[i])) ++i;
    size_t b = i;
    while (i < list.size() && !Space(list[i])) ++i;
    if (i > b && text::EqualsIgnoreCase(list.substr(b, i - b), token)) return true;
  }
  return false;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && Space(s.front())) s.remove_prefix(1);
  while (!s.empty() && Space(s.back())) s.remove_suffix(1);
  return s;
}

RefKind LinkKind(const Document& doc, NodeId id) {
  const Attr* rel = doc.GetAttr(id, "rel");
  std::string_view r = rel ? rel->value : std::string_view();
  if (HasToken(r, "stylesheet")) return RefKind::kStylesheet;
  if (HasToken(r, "icon") || HasToken(r, "apple-touch-icon") ||
      HasToken(r, "apple-touch-icon-precomposed") || HasToken(r, "mask-icon"))
    return RefKind::kImage;
  if (HasToken(r, "modulepreload")) return RefKind::kScript;
  if (HasToken(r, "preload") || HasToken(r, "prefetch")) {
    const Attr* as = doc.GetAttr(id, "as");
    std::string_view v = as ? Trim(as->value) : std::string_view();
    if (text::EqualsIgnoreCase(v, "style")) return RefKind::kStylesheet;
    if (text::EqualsIgnoreCase(v, "script")) return RefKind::kScript;
    if (text::EqualsIgnoreCase(v, "image")) return RefKind::kImage;
    if (text::EqualsIgnoreCase(v, "font")) return RefKind::kFont;
  }
  return RefKind::kLink;
}

}  // namespace

void UrlAttrsOf(const Document& doc, NodeId id, std::vector<UrlAttr>* out) {
  out->clear();
  const Node& n = doc.node(id);
  if (n.type != NodeType::kElement || n.attr_count == 0 || (n.flags & kIgnoredTag)) return;
  auto add = [&](std::string_view name, RefKind kind, UrlSyntax syntax = UrlSyntax::kPlain,
                 bool is_base = false) {
    int i = doc.FindAttr(id, name);
    if (i >= 0 && doc.attributes(id)[i].has_value)
      out->push_back(UrlAttr{i, kind, syntax, is_base});
  };
  if (n.ns == Namespace::kSvg) {
    if (n.tag == Tag::kImage) {
      add("href", RefKind::kImage);
      add("xlink:href", RefKind::kImage);
    }
    return;
  }
  if (n.ns != Namespace::kHtml) return;
  switch (n.tag) {
    case Tag::kA:
    case Tag::kArea:
      add("href", RefKind::kLink);
      break;
    case Tag::kLink:
      add("href", LinkKind(doc, id));
      break;
    case Tag::kImg:
      add("src", RefKind::kImage);
      add("srcset", RefKind::kImage, UrlSyntax::kSrcset);
      break;
    case Tag::kScript:
      add("src", RefKind::kScript);
      break;
    case Tag::kIframe:
    case Tag::kFrame:
      add("src", RefKind::kFrame);
      break;
    case Tag::kEmbed:
    case Tag::kTrack:
    case Tag::kAudio:
      add("src", RefKind::kLink);
      break;
    case Tag::kVideo:
      add("src", RefKind::kLink);
      add("poster", RefKind::kImage);
      break;
    case Tag::kSource: {
      bool in_picture = n.parent != kNoNode && doc.IsHtml(n.parent, Tag::kPicture);
      add("src", in_picture ? RefKind::kImage : RefKind::kLink);
      add("srcset", RefKind::kImage, UrlSyntax::kSrcset);
      break;
    }
    case Tag::kInput: {
      const Attr* type = doc.GetAttr(id, "type");
      if (type && text::EqualsIgnoreCase(Trim(type->value), "image")) add("src", RefKind::kImage);
      add("formaction", RefKind::kLink);
      break;
    }
    case Tag::kButton:
      add("formaction", RefKind::kLink);
      break;
    case Tag::kObject:
      add("data", RefKind::kLink);
      break;
    case Tag::kForm:
      add("action", RefKind::kLink);
      break;
    case Tag::kBlockquote:
    case Tag::kQ:
    case Tag::kIns:
    case Tag::kDel:
      add("cite", RefKind::kLink);
      break;
    case Tag::kBase:
      add("href", RefKind::kLink, UrlSyntax::kPlain, true);
      break;
    case Tag::kMeta: {
      const Attr* equiv = doc.GetAttr(id, "http-equiv");
      if (equiv && text::EqualsIgnoreCase(Trim(equiv->value), "refresh")) {
        add("content", RefKind::kLink, UrlSyntax::kMetaRefresh);
        break;
      }
      const Attr* prop = doc.GetAttr(id, "property");
      if (!prop) prop = doc.GetAttr(id, "name");
      if (prop) {
        std::string_view p = Trim(prop->value);
        if (text::EqualsIgnoreCase(p, "og:image") || text::EqualsIgnoreCase(p, "og:image:url") ||
            text::EqualsIgnoreCase(p, "og:image:secure_url") ||
            text::EqualsIgnoreCase(p, "twitter:image") ||
            text::EqualsIgnoreCase(p, "twitter:image:src"))
          add("content", RefKind::kImage);
      }
      break;
    }
    default:
      break;
  }
}

void UrlSpans(std::string_view v, UrlSyntax syntax,
              std::vector<std::pair<size_t, size_t>>* spans) {
  spans->clear();
  const size_t n = v.size();
  if (syntax == UrlSyntax::kPlain) {
    size_t b = 0, e = n;
    while (b < e && Space(v[b])) ++b;
    while (e > b && Space(v[e - 1])) --e;
    if (e > b) spans->emplace_back(b, e);
    return;
  }
  if (syntax == UrlSyntax::kMetaRefresh) {
    // WHATWG "shared declarative refresh steps".
    size_t i = 0;
    while (i < n && Space(v[i])) ++i;
    size_t digits = i;
    while (i < n && v[i] >= '0' && v[i] <= '9') ++i;
    if (i == digits && !(i < n && v[i] == '.')) return;
    while (i < n && ((v[i] >= '0' && v[i] <= '9') || v[i] == '.')) ++i;
    if (i >= n) return;
    if (!(v[i] == ';' || v[i] == ',' || Space(v[i]))) return;
    while (i < n && Space(v[i])) ++i;
    if (i < n && (v[i] == ';' || v[i] == ',')) ++i;
    while (i < n && Space(v[i])) ++i;
    if (i >= n) return;
    size_t url_start = i;
    if (n - i >= 3 && text::StartsWithIgnoreCase(v.substr(i), "url")) {
      size_t j = i + 3;
      while (j < n && Space(v[j])) ++j;
      if (j < n && v[j] == '=') {
        ++j;
        while (j < n && Space(v[j])) ++j;
        url_start = j;
      }
    }
    i = url_start;
    size_t e = n;
    if (i < n && (v[i] == '"' || v[i] == '\'')) {
      char q = v[i];
      ++i;
      size_t close = v.find(q, i);
      if (close != std::string_view::npos) e = close;
    }
    while (e > i && Space(v[e - 1])) --e;
    if (e > i) spans->emplace_back(i, e);
    return;
  }
  // srcset: WHATWG "parse a srcset attribute".
  size_t i = 0;
  while (i < n) {
    while (i < n && (Space(v[i]) || v[i] == ',')) ++i;
    if (i >= n) break;
    size_t b = i;
    while (i < n && !Space(v[i])) ++i;
    size_t e = i;
    if (v[e - 1] == ',') {
      while (e > b && v[e - 1] == ',') --e;
      if (e > b) spans->emplace_back(b, e);
      continue;
    }
    spans->emplace_back(b, e);
    // Descriptors run to a ',' outside parentheses.
    bool in_parens = false;
    while (i < n) {
      char c = v[i];
      if (c == '(') in_parens = true;
      else if (c == ')') in_parens = false;
      else if (c == ',' && !in_parens) break;
      ++i;
    }
  }
}

text::LineCol LineTracker::At(size_t offset) {
  if (offset > buf_.size()) offset = buf_.size();
  if (offset < off_) {
    off_ = 0;
    line_start_ = 0;
    line_ = 1;
  }
  for (size_t i = off_; i < offset; ++i) {
    char c = buf_[i];
    if (c == '\n' || (c == '\r' && (i + 1 >= buf_.size() || buf_[i + 1] != '\n'))) {
      ++line_;
      line_start_ = i + 1;
    }
  }
  off_ = offset;
  return text::LineCol{line_, static_cast<int>(offset - line_start_) + 1};
}

long ValueOffset(const Document& doc, NodeId id, const Attr& a) {
  const std::string& src = doc.source();
  if (a.value.data() >= src.data() && a.value.data() <= src.data() + src.size())
    return a.value.data() - src.data();
  const Node& n = doc.node(id);
  if (n.flags & kCreated) return -1;
  return n.begin;
}

}  // namespace pagebake::html
