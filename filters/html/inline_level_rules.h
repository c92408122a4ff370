// Which elements a page's CSS may make inline-level (display: inline, inline-block, contents,
// a var() ...): html-collapse-whitespace drops whitespace between block-level elements only
// where no stylesheet can turn them into inline boxes, because between inline-block menu items
// that whitespace is a visible gap.
//
// A deliberately rough reading, always erring towards "may be inline": for every rule whose
// declarations set `display` to anything but a block-level value (block, flex, grid, table,
// list-item, flow-root, table-*, none), the subject compound of each selector (after the last
// combinator) is kept as type / classes / id; pseudo-classes, attribute selectors, media
// queries and the rest of the selector are ignored (they only narrow what matches). A subject
// that names no type, class or id (`*`, `:hover`) is kept with the compound before it when
// the combinator is `>` or whitespace (`.path > *`: children of a `.path` element; `.menu *`:
// anything inside one); after `+` or `~`, or with no such compound, it makes every element
// "may be inline". So does a selector with `&`, escapes or anything unreadable, and an @import
// the caller cannot read (no ImportReader, a remote or missing sheet). Classes are matched
// against the markup as written: a script that adds a class at runtime is not seen (the
// filter's risk statement says so).
#ifndef PAGEBAKE_HTML_INLINE_LEVEL_RULES_H_
#define PAGEBAKE_HTML_INLINE_LEVEL_RULES_H_

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace pagebake::html {

class InlineLevelRules {
 public:
  // What an @import brings in: the rules of the sheet at `url` (as written, unquoted), or
  // nullptr when it cannot be read.
  using ImportReader = std::function<const InlineLevelRules*(std::string_view url)>;
  // Reads one stylesheet (or <style> text), and through `read_import` the sheets it imports.
  void AddStylesheet(std::string_view css, const ImportReader& read_import = {});
  // Some CSS of the page could not be read (a remote or missing sheet): anything may be inline.
  void SetUnknown() { anything_ = true; }
  // Adds what another set (a sheet read once for many pages) says.
  void Merge(const InlineLevelRules& other);

  // Whether an element with this (lowercase) tag name, class attribute value and id may be
  // made inline-level by the rules read.
  bool MayBeInline(std::string_view tag, std::string_view class_attr, std::string_view id) const;

  // Whether a declaration list (a style="" value) sets an inline-level display.
  static bool DeclarationsMayBeInline(std::string_view declarations);

  // Rules whose subject is any element under a context (`.path > *`, `.menu *`): asked about
  // each ancestor of an element, with `parent` true for its parent. True when such a rule may
  // make the element inline-level because of that ancestor.
  bool has_context_rules() const { return !under_.empty(); }
  bool MayMakeInlineUnder(std::string_view tag, std::string_view class_attr, std::string_view id,
                          bool parent) const;

 private:
  struct Compound {
    std::string type;  // lowercase; empty: any
    std::vector<std::string> classes;
    std::string id;
  };
  void AddSelectorList(std::string_view selectors);
  void AddImport(std::string_view url, const ImportReader& read_import);
  bool AddUnder(std::string_view before);
  static bool Matches(const Compound& c, std::string_view tag, std::string_view class_attr,
                      std::string_view id);
  // Reads one compound selector into *out; false for something this reading does not know.
  static bool ParseCompound(std::string_view comp, Compound* out, bool* pseudo_element);
  bool anything_ = false;
  // Subjects with a type selector, and those without one (which then have a class or an id:
  // an element with neither skips them).
  std::vector<Compound> typed_, untyped_;
  // `context > *` (child_only) and `context *`: any element whose parent, or any ancestor,
  // matches the context compound.
  struct Under {
    Compound context;
    bool child_only;
  };
  std::vector<Under> under_;
};

}  // namespace pagebake::html

#endif  // PAGEBAKE_HTML_INLINE_LEVEL_RULES_H_
