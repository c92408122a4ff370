// What a page's CSS may do to an element's box, as html-collapse-whitespace needs to know it:
// make it inline-level (display: inline, inline-block, contents, a var() ...), take it out of
// the flow (float, position: absolute/fixed), hide it (display: none), give it generated
// inline content at its edges (::before/::after with content, a list-item marker), or keep its
// whitespace (white-space: pre*, break-spaces). The filter drops whitespace between
// block-level elements only where no stylesheet can turn them into inline boxes (between
// inline-block menu items that whitespace is a visible gap), and whitespace at the start or end
// of a line only where the block that starts or ends the line is certainly in the flow and no
// generated content sits beside it.
//
// A deliberately rough reading, always erring towards "may": for every rule whose declarations
// set `display` to anything but a block-level value (block, flex, grid, table, list-item,
// flow-root, table-*, none), `float` to anything but none, `position` to anything but static/
// relative/sticky, `white-space` to pre*/break-spaces (or `white-space-collapse` to anything but
// collapse), or (for ::before/::after) `content` to anything but none/normal, the subject
// compound of each selector (after the last combinator) is kept as type / classes / id with
// what the rule may do; pseudo-classes, attribute selectors, media queries and the rest of the
// selector are ignored (they only narrow what matches). A subject that names no type, class or
// id (`*`, `:hover`) is kept with the compound before it when the combinator is `>` or
// whitespace (`.path > *`: children of a `.path` element; `.menu *`: anything inside one);
// after `+` or `~`, or with no such compound, it makes every element "may". So does a selector
// with `&`, escapes or anything unreadable, and an @import the caller cannot read (no
// ImportReader, a remote or missing sheet). Classes are matched against the markup as written:
// a script that adds a class at runtime is not seen (the filter's risk statement says so).
#ifndef PAGEBAKE_HTML_INLINE_LEVEL_RULES_H_
#define PAGEBAKE_HTML_INLINE_LEVEL_RULES_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace pagebake::html {

class InlineLevelRules {
 public:
  // What a rule may do to the box of the elements it matches (a bit set).
  enum Kind : uint8_t {
    kInline = 1,     // an inline-level display
    kOutOfFlow = 2,  // float, position: absolute/fixed
    kDecorated = 4,  // ::before/::after content, or a list-item marker
    kHidden = 8,     // display: none (the content around it then shares a line)
    kPre = 16,       // white-space: pre, pre-wrap, pre-line, break-spaces (inherited)
    kAll = 31,
    // What a sheet that cannot be read is taken to possibly do: anything but kPre. Assuming
    // it may set white-space: pre* on any element would keep every space of the page; the
    // filter's risk statement names that assumption instead.
    kUnknown = kAll & ~kPre,
  };
  // What an @import brings in: the rules of the sheet at `url` (as written, unquoted), or
  // nullptr when it cannot be read.
  using ImportReader = std::function<const InlineLevelRules*(std::string_view url)>;
  // Reads one stylesheet (or <style> text), and through `read_import` the sheets it imports.
  void AddStylesheet(std::string_view css, const ImportReader& read_import = {});
  // Some CSS of the page could not be read (a remote or missing sheet): anything may happen
  // (kUnknown).
  void SetUnknown() {
    classified_.clear();
    anything_ |= kUnknown;
    present_ |= kUnknown;
    read_all_ = false;
  }
  // Whether every sheet the page uses was read (no SetUnknown, no unreadable @import): then
  // what Kinds says of kPre is all the CSS says, and text outside kPre elements renders under
  // white-space normal or nowrap, where a newline is a space.
  bool read_all() const { return read_all_; }
  // Adds what another set (a sheet read once for many pages) says.
  void Merge(const InlineLevelRules& other);

  // Whether an element with this (lowercase) tag name, class attribute value and id may be
  // made inline-level by the rules read.
  bool MayBeInline(std::string_view tag, std::string_view class_attr, std::string_view id) const {
    return Kinds(tag, class_attr, id) & kInline;
  }
  // Whether any rule read may do one of `kinds` to some element.
  bool Mentions(uint8_t kinds) const { return present_ & kinds; }
  // Every Kind the rules read may give an element with this tag name, class and id.
  uint8_t Kinds(std::string_view tag, std::string_view class_attr, std::string_view id) const;

  // What a declaration list (a style="" value) may do: the Kinds of its display, float and
  // position (never kDecorated but for display: list-item).
  static uint8_t DeclarationKinds(std::string_view declarations);
  static bool DeclarationsMayBeInline(std::string_view declarations) {
    return DeclarationKinds(declarations) & kInline;
  }

  // Rules whose subject is any element under a context (`.path > *`, `.menu *`): asked about
  // each ancestor of an element, with `parent` true for its parent. True when such a rule may
  // make the element inline-level because of that ancestor.
  bool has_context_rules() const { return !under_child_.empty() || !under_any_.empty(); }
  bool MayMakeInlineUnder(std::string_view tag, std::string_view class_attr, std::string_view id,
                          bool parent) const {
    return KindsUnder(tag, class_attr, id, parent) & kInline;
  }
  uint8_t KindsUnder(std::string_view tag, std::string_view class_attr, std::string_view id,
                     bool parent) const;

  // The three questions at once, for one element: Kinds (`self`), and what context rules
  // matching it may do to its children (`children`: KindsUnder with parent) and to its other
  // descendants (`descendants`: KindsUnder without). Remembered by (tag, class) wherever the id
  // cannot matter (no rule names an id, or the element has none), so a site's repeated
  // elements cost one lookup (at most kClassifiedCap answers are kept).
  struct ElementKinds {
    uint8_t self = 0, children = 0, descendants = 0;
  };
  ElementKinds Classify(std::string_view tag, std::string_view class_attr,
                        std::string_view id) const;
  static constexpr size_t kClassifiedCap = 1 << 16;

 private:
  struct KeyHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  struct Compound {
    std::string type;  // lowercase; empty: any
    std::vector<std::string> classes;
    std::string id;
    uint8_t kinds = 0;  // what the rule may do to a matching element
  };
  // Which pseudo-element a compound ends with.
  enum class Pseudo { kNone, kBeforeAfter, kOther };
  // The rules of `selectors` may do `element` to the elements they match, and `generated` to
  // them through their ::before/::after.
  void AddSelectorList(std::string_view selectors, uint8_t element, uint8_t generated);
  void AddImport(std::string_view url, const ImportReader& read_import);
  bool AddUnder(std::string_view before, uint8_t kinds);
  static bool Matches(const Compound& c, std::string_view tag, std::string_view class_attr,
                      std::string_view id);
  // Reads one compound selector into *out; false for something this reading does not know.
  static bool ParseCompound(std::string_view comp, Compound* out, Pseudo* pseudo);
  uint8_t anything_ = 0;  // Kinds any element may get
  uint8_t present_ = 0;   // Kinds some element may get
  bool read_all_ = true;  // no sheet was unreadable
  // Compounds looked up by an element's type, classes and id instead of tried one by one
  // (rustdoc's sheets give hundreds, and every element is asked).
  class CompoundSet {
   public:
    void Add(Compound c);
    void Append(const CompoundSet& other);
    bool empty() const { return typed_.empty() && untyped_.empty(); }
    // `kinds` with those of every compound matching the element added.
    uint8_t Kinds(std::string_view tag, std::string_view class_attr, std::string_view id,
                  uint8_t kinds) const;
    // Compounds with a type selector, and those without one (which then have a class or an
    // id: an element with neither skips them).
    std::vector<Compound> typed_, untyped_;
    bool names_an_id_ = false;  // some compound has an id
    bool names_an_id() const { return names_an_id_; }

   private:
    // Indices into typed_ by type, into untyped_ by first class (or by id when a compound has
    // no class). Built on the first question after a change; owning keys, so copies stay
    // valid, looked up by string_view (a transparent hash: no key copy per question).
    using Lists =
        std::unordered_map<std::string, std::vector<uint32_t>, KeyHash, std::equal_to<>>;
    struct Index {
      Lists by_type, by_class, by_id;
      bool built = false;
    };
    mutable Index index_;
    void BuildIndex() const;
  };
  // Rule subjects, by their own compound.
  CompoundSet subjects_;
  // `context > *` and `context *`: the context compounds, with what the rule may do to any
  // element whose parent (under_child_), or any ancestor (under_any_), matches.
  CompoundSet under_child_, under_any_;
  // Classify's answers by tag + '\1' + class attribute; dropped whenever the rules change.
  mutable std::unordered_map<std::string, ElementKinds, KeyHash, std::equal_to<>> classified_;
  mutable std::string classify_key_;
  bool NamesAnId() const {
    return subjects_.names_an_id() || under_child_.names_an_id() || under_any_.names_an_id();
  }
};

}  // namespace pagebake::html

#endif  // PAGEBAKE_HTML_INLINE_LEVEL_RULES_H_
