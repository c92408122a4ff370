#include "filters/css/css_inline_import_to_link_filter.h"

#include <string>
#include <vector>

#include "filters/css/css_structure.h"
#include "filters/css/css_tokenizer.h"
#include "filters/css/css_urls.h"
#include "filters/html/document.h"
#include "filters/text/position.h"

namespace pagebake::css {
namespace {

struct Import {
  std::string url;
  std::string media;
};

// The imports of `css` when it holds nothing else; false otherwise.
bool OnlyImports(const std::string& css, std::vector<Import>* imports) {
  std::vector<Token> toks;
  if (!TokenizeBalanced(css, &toks)) return false;
  auto text = [&](size_t k) {
    return std::string_view(css).substr(toks[k].begin, toks[k].end - toks[k].begin);
  };
  auto gap = [&](size_t k) {
    return toks[k].kind == TokenKind::kWhitespace || toks[k].kind == TokenKind::kComment ||
           toks[k].kind == TokenKind::kCdo || toks[k].kind == TokenKind::kCdc;
  };
  size_t k = 0;
  while (true) {
    while (k < toks.size() && gap(k)) ++k;
    if (k >= toks.size()) return !imports->empty();
    if (toks[k].kind != TokenKind::kAtKeyword || !text::EqualsIgnoreCase(text(k), "@import"))
      return false;
    size_t end = ScanToDepth0(toks, k + 1, /*stop_at_semicolon=*/true);
    if (end < toks.size() && toks[end].kind != TokenKind::kSemicolon) return false;
    size_t p = k + 1;
    while (p < end && gap(p)) ++p;
    if (p >= end) return false;
    Import imp;
    if (toks[p].kind == TokenKind::kString) {
      imp.url = CssUnescape(text(p));
    } else if (toks[p].kind == TokenKind::kUrl) {
      std::string_view t = text(p);
      std::string_view inner = t.substr(4, t.size() - 5);
      while (!inner.empty() && text::IsAsciiSpace(inner.front())) inner.remove_prefix(1);
      while (!inner.empty() && text::IsAsciiSpace(inner.back())) inner.remove_suffix(1);
      imp.url = CssUnescape(inner);
    } else {
      return false;  // url("...") and anything else: rare enough to leave
    }
    ++p;
    while (p < end && gap(p)) ++p;
    for (size_t q = p; q < end; ++q) {
      // layer, layer(), supports(): no link equivalent. Comments inside: keep it simple.
      if (toks[q].kind == TokenKind::kFunction || toks[q].kind == TokenKind::kComment ||
          (toks[q].kind == TokenKind::kIdent && text::EqualsIgnoreCase(text(q), "layer")))
        return false;
    }
    if (p < end) {
      size_t last = end;
      while (last > p && gap(last - 1)) --last;
      imp.media = css.substr(toks[p].begin, toks[last - 1].end - toks[p].begin);
    }
    if (imp.url.empty()) return false;
    imports->push_back(std::move(imp));
    k = end < toks.size() ? end + 1 : end;
  }
}

}  // namespace

Status CssInlineImportToLinkFilter::RewriteHtml(FilterContext& ctx, html::Document& doc) {
  for (html::NodeId id = doc.NextInOrder(doc.root()); id != html::kNoNode;) {
    if (!doc.IsHtml(id, html::Tag::kStyle)) {
      id = doc.IsHtml(id, html::Tag::kTemplate) ? doc.NextSkippingChildren(id)
                                                 : doc.NextInOrder(id);
      continue;
    }
    // Computed for <style> only: per node it would make deep nesting quadratic.
    html::NodeId next = doc.NextSkippingChildren(id);
    bool plain = true;
    for (const html::Attr& a : doc.attributes(id)) {
      std::optional<std::string> type = doc.AttrValue(id, "type");
      if (!text::EqualsIgnoreCase(a.name, "type") || !type ||
          !text::EqualsIgnoreCase(*type, "text/css"))
        plain = false;
    }
    html::NodeId child = doc.first_child(id);
    std::vector<Import> imports;
    if (!plain || child == html::kNoNode || doc.next_sibling(child) != html::kNoNode ||
        doc.type(child) != html::NodeType::kText ||
        !OnlyImports(std::string(doc.RawText(child)), &imports)) {
      id = next;
      continue;
    }
    for (const Import& imp : imports) {
      html::NodeId link = doc.CreateElement("link", /*write_end_tag=*/false);
      doc.SetAttr(link, "rel", "stylesheet");
      doc.SetAttr(link, "href", imp.url);
      if (!imp.media.empty()) doc.SetAttr(link, "media", imp.media);
      doc.InsertBefore(doc.parent(id), link, id);
    }
    doc.Remove(id);
    doc.MarkModified();
    ctx.counters().rewrites += imports.size();
    id = next;
  }
  return Status::OK();
}

}  // namespace pagebake::css
