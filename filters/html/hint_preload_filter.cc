#include "filters/html/hint_preload_filter.h"

#include <set>
#include <string>
#include <vector>

#include "filters/core/site.h"
#include "filters/html/tokenizer.h"
#include "filters/text/position.h"

namespace pagebake::html {
namespace {

bool RenderBlocking(const Document& doc, NodeId id) {
  if (!doc.IsHtml(id, Tag::kLink) || !IsStylesheetElement(doc, id)) return false;
  std::optional<std::string> rel = doc.AttrValue(id, "rel");
  if (HasToken(*rel, "alternate") || doc.GetAttr(id, "disabled")) return false;
  std::optional<std::string> media = doc.AttrValue(id, "media");
  if (!media) return true;
  std::string_view m = TrimHtmlSpace(*media);
  return m.empty() || text::EqualsIgnoreCase(m, "all") || text::EqualsIgnoreCase(m, "screen");
}

struct Hint {
  const Resource* target;
  bool font;
};

// The late discoveries of sheet `css`: its @imports (and theirs, breadth-first, each sheet
// once) and the fonts of all of them, in reference order.
void CollectLate(Site& site, const Resource* css, std::set<const Resource*>* seen,
                 std::vector<Hint>* out) {
  std::vector<const Resource*> queue{css};
  for (size_t i = 0; i < queue.size(); ++i) {
    for (const Reference& ref : queue[i]->references) {
      if (ref.path.empty()) continue;
      const Resource* t = site.Find(ref.path);
      if (!t || !seen->insert(t).second) continue;
      if (ref.kind == RefKind::kStylesheet && t->type == ContentType::kCss) {
        out->push_back(Hint{t, false});
        queue.push_back(t);
      } else if (ref.kind == RefKind::kFont && t->output_path.ends_with(".woff2")) {
        out->push_back(Hint{t, true});
      }
    }
  }
}

}  // namespace

Status HintPreloadFilter::RewriteHtml(FilterContext& ctx, Document& doc) {
  NodeId head = HeadOf(doc);
  if (head == kNoNode || !ctx.site() || !ctx.resource() || options().preload_max <= 0)
    return Status::OK();
  Site& site = *ctx.site();
  // What the page already loads or preloads needs no hint.
  std::set<const Resource*> seen;
  std::vector<const Resource*> blocking;
  for (NodeId id = doc.NextInOrder(doc.root()); id != kNoNode; id = doc.NextInOrder(id)) {
    if (!doc.IsHtml(id, Tag::kLink)) continue;
    std::optional<std::string> href = doc.AttrValue(id, "href");
    std::optional<std::string> rel = doc.AttrValue(id, "rel");
    if (!href || !rel) continue;
    const Resource* t = site.Target(*ctx.resource(), *href);
    if (!t) continue;
    if (HasToken(*rel, "preload") || HasToken(*rel, "stylesheet")) seen.insert(t);
    if (RenderBlocking(doc, id) && doc.FindAncestor(id, Tag::kHead) == head &&
        doc.FindAncestor(id, Tag::kNoscript) == kNoNode && t->type == ContentType::kCss)
      blocking.push_back(t);
  }
  std::vector<Hint> hints;
  for (const Resource* css : blocking) CollectLate(site, css, &seen, &hints);
  if (hints.size() > static_cast<size_t>(options().preload_max))
    hints.resize(options().preload_max);
  NodeId at = HeadInsertionPoint(doc, head);
  for (const Hint& h : hints) {
    NodeId link = CreateLink(doc, "preload", site.OutputUrl(*ctx.resource(), *h.target));
    if (h.font) {
      doc.SetAttr(link, "as", "font");
      doc.SetAttr(link, "type", "font/woff2");
      doc.SetAttr(link, "crossorigin", "");
      doc.SetAttrNoValue(link, doc.FindAttr(link, "crossorigin"));
    } else {
      doc.SetAttr(link, "as", "style");
    }
    doc.InsertBefore(head, link, at);
    ++ctx.counters().rewrites;
  }
  return Status::OK();
}

}  // namespace pagebake::html
