#include "filters/html/inline_level_rules.h"

#include <algorithm>

#include "filters/html/tokenizer.h"
#include "filters/text/position.h"

namespace pagebake::html {
namespace {

bool IsIdent(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || static_cast<unsigned char>(c) >= 0x80;
}

// Calls f(name) for each class of a class attribute, as written.
template <typename F>
void ForEachClass(std::string_view class_attr, F&& f) {
  for (size_t i = 0; i < class_attr.size();) {
    while (i < class_attr.size() && IsHtmlSpace(class_attr[i])) ++i;
    size_t e = i;
    while (e < class_attr.size() && !IsHtmlSpace(class_attr[e])) ++e;
    if (e > i) f(class_attr.substr(i, e - i));
    i = e;
  }
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = text::AsciiLower(c);
  return out;
}

// The CSS without comments (each becomes one space); strings kept as written.
std::string StripComments(std::string_view css) {
  std::string out;
  out.reserve(css.size());
  for (size_t i = 0; i < css.size();) {
    char c = css[i];
    if (c == '/' && i + 1 < css.size() && css[i + 1] == '*') {
      size_t end = css.find("*/", i + 2);
      i = end == std::string_view::npos ? css.size() : end + 2;
      out.push_back(' ');
    } else if (c == '"' || c == '\'') {
      size_t j = i + 1;
      while (j < css.size() && css[j] != c && css[j] != '\n') j += css[j] == '\\' ? 2 : 1;
      j = std::min(j + 1, css.size());
      out.append(css.substr(i, j - i));
      i = j;
    } else {
      out.push_back(c);
      ++i;
    }
  }
  return out;
}

// Index of the first of `stops` at bracket depth 0 from `i` (strings skipped); s.size() if none.
size_t FindTopLevel(std::string_view s, size_t i, std::string_view stops) {
  int depth = 0;
  for (; i < s.size(); ++i) {
    char c = s[i];
    if (c == '"' || c == '\'') {
      size_t j = i + 1;
      while (j < s.size() && s[j] != c && s[j] != '\n') j += s[j] == '\\' ? 2 : 1;
      i = std::min(j, s.size() - 1);
    } else if (c == '(' || c == '[') {
      ++depth;
    } else if ((c == ')' || c == ']') && depth > 0) {
      --depth;
    } else if (depth == 0 && stops.find(c) != std::string_view::npos) {
      return i;
    }
  }
  return s.size();
}

// A declaration's value, lowercased, without `!important` and with single spaces.
std::string NormalizedValue(std::string_view value) {
  std::string v = Lower(TrimHtmlSpace(value));
  if (size_t bang = v.find('!'); bang != std::string::npos)
    v = std::string(TrimHtmlSpace(v.substr(0, bang)));
  std::string norm;
  for (char c : v) {
    if (IsHtmlSpace(c)) {
      if (!norm.empty() && norm.back() != ' ') norm.push_back(' ');
    } else {
      norm.push_back(c);
    }
  }
  return norm;
}

// display values that make a block-level box (or none): anything else may be inline-level.
bool BlockLevelDisplay(std::string_view value) {
  const std::string norm = NormalizedValue(value);
  static const char* const kBlock[] = {
      "none", "block", "flex", "grid", "table", "list-item", "flow-root", "table-row-group",
      "table-header-group", "table-footer-group", "table-row", "table-cell", "table-column-group",
      "table-column", "table-caption", "block flow", "block flow-root", "block flex",
      "block grid", "block table", "block list-item", "list-item block", "flow list-item",
      "block flow list-item", "-webkit-box", "-webkit-flex", "-ms-flexbox", "-ms-grid",
      "-moz-box"};
  return std::find(std::begin(kBlock), std::end(kBlock), norm) != std::end(kBlock);
}

// What a declaration ("display: inline-block", "float: left") may do to the box of the element
// it applies to; with `generated`, to its ::before/::after (only `content` counts there: a
// pseudo-element's own display does not change the element's box).
uint8_t DeclarationKind(std::string_view decl, bool generated) {
  size_t colon = decl.find(':');
  if (colon == std::string_view::npos) return 0;
  const std::string name = Lower(TrimHtmlSpace(decl.substr(0, colon)));
  const std::string_view value = decl.substr(colon + 1);
  if (generated) {
    if (name != "content") return 0;
    const std::string v = NormalizedValue(value);
    return v == "none" || v == "normal" ? 0 : InlineLevelRules::kDecorated;
  }
  if (name == "display") {
    if (!BlockLevelDisplay(value)) return InlineLevelRules::kInline;
    const std::string v = NormalizedValue(value);
    if (v == "none") return InlineLevelRules::kHidden;
    return v.find("list-item") != std::string::npos ? InlineLevelRules::kDecorated : 0;
  }
  if (name == "float") return NormalizedValue(value) == "none" ? 0 : InlineLevelRules::kOutOfFlow;
  if (name == "white-space") {
    const std::string v = NormalizedValue(value);
    return v.find("pre") != std::string::npos || v.find("break-spaces") != std::string::npos ||
                   v.find("var(") != std::string::npos || v.find("preserve") != std::string::npos
               ? InlineLevelRules::kPre
               : 0;
  }
  if (name == "white-space-collapse")
    return NormalizedValue(value) == "collapse" ? 0 : InlineLevelRules::kPre;
  if (name == "position") {
    const std::string v = NormalizedValue(value);
    return v == "static" || v == "relative" || v == "sticky" ? 0 : InlineLevelRules::kOutOfFlow;
  }
  return 0;
}

// The URL of an `@import` statement (`@import url(a.css) screen`, `@import "a.css"`), empty
// when it is not one of those plain forms (an escape, a bad string).
std::string_view ImportUrl(std::string_view statement) {
  constexpr auto npos = std::string_view::npos;
  std::string_view s = TrimHtmlSpace(statement.substr(7));
  if (s.size() >= 4 && Lower(s.substr(0, 4)) == "url(") {
    size_t close = s.find(')');
    if (close == npos) return {};
    s = TrimHtmlSpace(s.substr(4, close - 4));
    if (!s.empty() && s.front() != '"' && s.front() != '\'')  // url(a.css)
      return s.find_first_of("\\\"'") == npos ? s : std::string_view();
  }
  if (s.size() < 2 || (s.front() != '"' && s.front() != '\'')) return {};
  size_t end = s.find(s.front(), 1);
  if (end == npos) return {};
  std::string_view url = s.substr(1, end - 1);
  return url.find_first_of("\\\n") == npos ? url : std::string_view();
}

// Where the last compound of a selector starts: after its last combinator (whitespace, >, +,
// ~) at depth 0, or 0.
size_t LastCompoundStart(std::string_view sel) {
  size_t start = 0;
  for (size_t k = 0; k < sel.size();) {
    size_t c = FindTopLevel(sel, k, " \t\n\r\f>+~");
    if (c >= sel.size()) break;
    start = c + 1;
    k = c + 1;
  }
  return start;
}

}  // namespace

uint8_t InlineLevelRules::DeclarationKinds(std::string_view declarations) {
  std::string css = StripComments(declarations);
  std::string_view s = css;
  uint8_t kinds = 0;
  for (size_t i = 0; i <= s.size();) {
    size_t j = FindTopLevel(s, i, ";");
    kinds |= DeclarationKind(s.substr(i, j - i), false);
    i = j + 1;
  }
  return kinds;
}

bool InlineLevelRules::ParseCompound(std::string_view comp, Compound* out, Pseudo* pseudo) {
  for (size_t k = 0; k < comp.size();) {
    char c = comp[k];
    if (k == 0 && (IsIdent(c) || c == '*')) {
      size_t e = k + 1;
      while (e < comp.size() && IsIdent(comp[e])) ++e;
      if (c != '*') out->type = Lower(comp.substr(k, e - k));
      k = e;
    } else if (c == '.' || c == '#') {
      size_t e = k + 1;
      while (e < comp.size() && IsIdent(comp[e])) ++e;
      std::string name(comp.substr(k + 1, e - k - 1));
      if (name.empty()) return false;
      if (c == '.') out->classes.push_back(std::move(name));
      else out->id = std::move(name);
      k = e;
    } else if (c == '[') {
      k = FindTopLevel(comp, k + 1, "]") + 1;  // past the ']' that closes this '['
    } else if (c == ':') {
      size_t e = k + 1;
      const bool double_colon = e < comp.size() && comp[e] == ':';
      if (double_colon) ++e;
      size_t name_begin = e;
      while (e < comp.size() && IsIdent(comp[e])) ++e;
      std::string name = Lower(comp.substr(name_begin, e - name_begin));
      if (name == "before" || name == "after")
        *pseudo = Pseudo::kBeforeAfter;
      else if (double_colon || name == "first-line" || name == "first-letter" ||
               name == "marker" || name == "placeholder")
        *pseudo = Pseudo::kOther;
      if (e < comp.size() && comp[e] == '(') {
        size_t close = FindTopLevel(comp, e + 1, ")");
        e = close + 1;  // past the ')' that closes this '('
      }
      k = e;
    } else {
      return false;  // something this reading does not know
    }
  }
  return true;
}

// `before` is the selector up to the subject compound (its combinator included): records the
// compound before that combinator as the context of a rule for any element. False when the
// combinator is `+` or `~` (a sibling's context is not an ancestor) or that compound names no
// type, class or id.
bool InlineLevelRules::AddUnder(std::string_view before, uint8_t kinds) {
  size_t end = before.size();
  bool child = false;
  while (end > 0) {
    const char c = before[end - 1];
    if (c == '>') child = true;
    else if (c == '+' || c == '~') return false;
    else if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f') break;
    --end;
  }
  if (end == 0) return false;
  std::string_view rest = before.substr(0, end);
  const size_t start = LastCompoundStart(rest);
  Compound context;
  Pseudo pseudo = Pseudo::kNone;
  if (!ParseCompound(TrimHtmlSpace(rest.substr(start)), &context, &pseudo) ||
      pseudo != Pseudo::kNone)
    return false;
  if (context.type.empty() && context.classes.empty() && context.id.empty()) return false;
  context.kinds = kinds;
  (child ? under_child_ : under_any_).Add(std::move(context));
  return true;
}

void InlineLevelRules::AddSelectorList(std::string_view selectors, uint8_t element,
                                       uint8_t generated) {
  if (selectors.find('\\') != std::string_view::npos ||
      selectors.find('&') != std::string_view::npos ||
      selectors.find('|') != std::string_view::npos) {
    anything_ |= element | generated;
    present_ |= element | generated;
    return;
  }
  for (size_t i = 0; i <= selectors.size();) {
    size_t j = FindTopLevel(selectors, i, ",");
    std::string_view sel = TrimHtmlSpace(selectors.substr(i, j - i));
    i = j + 1;
    if (sel.empty()) continue;
    // The subject compound: after the last combinator.
    const size_t start = LastCompoundStart(sel);
    std::string_view comp = TrimHtmlSpace(sel.substr(start));
    Compound out;
    Pseudo pseudo = Pseudo::kNone;
    if (!ParseCompound(comp, &out, &pseudo)) {
      anything_ |= element | generated;
      present_ |= element | generated;
      return;
    }
    // A pseudo-element's own box: only ::before/::after content is the element's concern.
    out.kinds = pseudo == Pseudo::kNone ? element : pseudo == Pseudo::kBeforeAfter ? generated : 0;
    present_ |= out.kinds;
    if (out.kinds == 0 || (anything_ & out.kinds) == out.kinds) continue;
    if (out.type.empty() && out.classes.empty() && out.id.empty()) {
      // "*", ":hover": any element, unless a parent or ancestor compound narrows it.
      if (!AddUnder(sel.substr(0, start), out.kinds)) anything_ |= out.kinds;
      continue;
    }
    subjects_.Add(std::move(out));
  }
}

void InlineLevelRules::AddStylesheet(std::string_view css_in, const ImportReader& read_import) {
  classified_.clear();
  if (anything_ == kAll) return;
  const std::string css = StripComments(css_in);
  const std::string_view s = css;
  enum class Block { kRules, kStyle, kSkip, kKeyframes };
  struct Open {
    Block kind;
    std::string_view selectors;  // kStyle
  };
  std::vector<Open> stack{{Block::kRules, {}}};
  for (size_t i = 0; i < s.size() && anything_ != kAll;) {
    size_t j = FindTopLevel(s, i, "{;}");
    std::string_view item = TrimHtmlSpace(s.substr(i, j - i));
    const char stop = j < s.size() ? s[j] : '}';
    const Block in = stack.back().kind;
    if (stop == '{') {
      if (in == Block::kSkip) {
        stack.push_back({Block::kSkip, {}});
      } else if (in == Block::kKeyframes) {
        stack.push_back({Block::kKeyframes, {}});
      } else if (!item.empty() && item[0] == '@') {
        size_t e = 1;
        while (e < item.size() && IsIdent(item[e])) ++e;
        std::string name = Lower(item.substr(1, e - 1));
        if (name == "media" || name == "supports" || name == "layer" || name == "container" ||
            name == "scope" || name == "document" || name == "-moz-document" ||
            name == "starting-style") {
          stack.push_back({in == Block::kStyle ? Block::kStyle : Block::kRules,
                           stack.back().selectors});
        } else if (name.find("keyframes") != std::string::npos) {
          stack.push_back({Block::kKeyframes, {}});
        } else {
          stack.push_back({Block::kSkip, {}});  // @font-face, @page, @property, unknown
        }
      } else {
        // A style rule; nested in another, its selector alone names its subject unless it
        // uses '&' (AddSelectorList then gives up).
        stack.push_back({Block::kStyle, item});
      }
    } else {
      // A statement or a declaration, ended by ';' or by the '}' of its block.
      if (in == Block::kRules && item.size() >= 7 && Lower(item.substr(0, 7)) == "@import")
        AddImport(ImportUrl(item), read_import);
      else if (in == Block::kStyle) {
        const uint8_t element = DeclarationKind(item, false);
        const uint8_t generated = DeclarationKind(item, true);
        if (element | generated) AddSelectorList(stack.back().selectors, element, generated);
      } else if (in == Block::kKeyframes) {
        anything_ |= DeclarationKind(item, false);  // an animation may switch display, float
        present_ |= anything_;
      }
      if (stop == '}') {
        if (stack.size() > 1) stack.pop_back();  // a stray top-level '}' is ignored
      }
    }
    i = j + 1;
  }
}

void InlineLevelRules::AddImport(std::string_view url, const ImportReader& read_import) {
  const InlineLevelRules* imported = url.empty() || !read_import ? nullptr : read_import(url);
  if (imported) Merge(*imported);
  else SetUnknown();  // a sheet we cannot read
}

void InlineLevelRules::Merge(const InlineLevelRules& other) {
  classified_.clear();
  anything_ |= other.anything_;
  present_ |= other.present_ | anything_;
  read_all_ = read_all_ && other.read_all_;
  if (anything_ == kAll) return;
  subjects_.Append(other.subjects_);
  under_child_.Append(other.under_child_);
  under_any_.Append(other.under_any_);
}

uint8_t InlineLevelRules::KindsUnder(std::string_view tag, std::string_view class_attr,
                                     std::string_view id, bool parent) const {
  const uint8_t kinds = under_any_.Kinds(tag, class_attr, id, 0);
  return parent ? under_child_.Kinds(tag, class_attr, id, kinds) : kinds;
}

void InlineLevelRules::CompoundSet::Add(Compound c) {
  names_an_id_ = names_an_id_ || !c.id.empty();
  (c.type.empty() ? untyped_ : typed_).push_back(std::move(c));
  index_.built = false;
}

void InlineLevelRules::CompoundSet::Append(const CompoundSet& other) {
  typed_.insert(typed_.end(), other.typed_.begin(), other.typed_.end());
  untyped_.insert(untyped_.end(), other.untyped_.begin(), other.untyped_.end());
  names_an_id_ = names_an_id_ || other.names_an_id_;
  index_.built = false;
}

InlineLevelRules::ElementKinds InlineLevelRules::Classify(std::string_view tag,
                                                          std::string_view class_attr,
                                                          std::string_view id) const {
  auto compute = [&] {
    ElementKinds k;
    k.self = Kinds(tag, class_attr, id);
    k.descendants = under_any_.Kinds(tag, class_attr, id, 0);
    k.children = under_child_.Kinds(tag, class_attr, id, k.descendants);
    return k;
  };
  if (!id.empty() && NamesAnId()) return compute();
  classify_key_.assign(tag);
  classify_key_.push_back('\1');
  classify_key_.append(class_attr);
  if (auto it = classified_.find(std::string_view(classify_key_)); it != classified_.end())
    return it->second;
  const ElementKinds k = compute();
  if (classified_.size() < kClassifiedCap) classified_.emplace(classify_key_, k);
  return k;
}

bool InlineLevelRules::Matches(const Compound& c, std::string_view tag,
                               std::string_view class_attr, std::string_view id) {
  if (!c.type.empty() && c.type != tag) return false;
  if (!c.id.empty() && c.id != id) return false;
  for (const std::string& cls : c.classes) {
    bool found = false;
    ForEachClass(class_attr, [&](std::string_view name) { found = found || name == cls; });
    if (!found) return false;
  }
  return true;
}

void InlineLevelRules::CompoundSet::BuildIndex() const {
  index_ = Index{};
  for (uint32_t i = 0; i < typed_.size(); ++i) index_.by_type[typed_[i].type].push_back(i);
  for (uint32_t i = 0; i < untyped_.size(); ++i) {
    const Compound& c = untyped_[i];
    if (!c.classes.empty())
      index_.by_class[c.classes.front()].push_back(i);
    else
      index_.by_id[c.id].push_back(i);  // untyped compounds have a class or an id
  }
  index_.built = true;
}

uint8_t InlineLevelRules::CompoundSet::Kinds(std::string_view tag, std::string_view class_attr,
                                             std::string_view id, uint8_t kinds) const {
  if (empty() || kinds == kAll) return kinds;
  if (!index_.built) BuildIndex();
  auto scan = [&](const Lists& map, std::string_view key, const std::vector<Compound>& from) {
    if (map.empty() || kinds == kAll) return;
    auto it = map.find(key);
    if (it == map.end()) return;
    for (uint32_t i : it->second) {
      const Compound& c = from[i];
      if ((c.kinds & ~kinds) && Matches(c, tag, class_attr, id)) kinds |= c.kinds;
    }
  };
  scan(index_.by_type, tag, typed_);
  // Each class of the element, as written (a repeated class only scans its list twice).
  if (!class_attr.empty() && !index_.by_class.empty())
    ForEachClass(class_attr, [&](std::string_view name) { scan(index_.by_class, name, untyped_); });
  if (!id.empty()) scan(index_.by_id, id, untyped_);
  return kinds;
}

uint8_t InlineLevelRules::Kinds(std::string_view tag, std::string_view class_attr,
                                std::string_view id) const {
  return subjects_.Kinds(tag, class_attr, id, anything_);
}

}  // namespace pagebake::html
