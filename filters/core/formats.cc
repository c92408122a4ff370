#include "filters/core/formats.h"

#include "filters/css/css_urls.h"
#include "filters/html/document.h"
#include "filters/html/dom_compare.h"

namespace pagebake {

std::shared_ptr<html::Document> ParseHtml(std::string bytes) {
  return std::shared_ptr<html::Document>(html::Document::Parse(std::move(bytes)));
}

std::string SerializeHtml(const html::Document& doc) { return doc.Serialize(); }

void CollectHtmlRefs(html::Document& doc, std::vector<RawRef>* out, std::string* base_href) {
  for (const html::UrlRef& u : html::CollectUrls(doc)) {
    if (u.is_base) continue;
    out->push_back({u.url, u.kind, u.line, u.col});
  }
  if (auto b = html::BaseHref(doc)) *base_href = *b;
  // url()s inside <style> and style="": positions reported at the fragment's start line.
  html::ForEachInline(doc, [&](InlineKind kind, std::string& text, int line, int col) {
    if (kind != InlineKind::kStyleSheet && kind != InlineKind::kStyleAttribute) return;
    std::vector<RawRef> refs;
    CollectCssRefs(text, &refs);
    for (RawRef& r : refs) {
      r.col = r.line == 1 ? col + r.col - 1 : r.col;
      r.line = line + r.line - 1;
      out->push_back(std::move(r));
    }
  });
}

void ForEachHtmlInline(html::Document& doc,
                       const std::function<void(InlineKind, std::string&, int, int)>& fn) {
  html::ForEachInline(doc, fn);
}

void RewriteHtmlUrls(html::Document& doc, const UrlRewriteFn& fn) {
  html::RewriteUrls(doc, [&](std::string_view url, RefKind) { return fn(url); });
  html::ForEachInline(doc, [&](InlineKind kind, std::string& text, int, int) {
    if (kind != InlineKind::kStyleSheet && kind != InlineKind::kStyleAttribute) return;
    std::string out;
    if (RewriteCssUrls(text, fn, &out)) text = std::move(out);
  });
}

std::vector<std::pair<std::string, std::string>> HtmlHttpEquiv(const html::Document& doc) {
  return doc.http_equiv();
}

void CollectCssRefs(std::string_view css, std::vector<RawRef>* out) {
  for (const auto& u : css::CollectCssUrls(css)) {
    RefKind kind = u.is_import ? RefKind::kStylesheet : u.in_font_face ? RefKind::kFont
                                                                       : RefKind::kImage;
    out->push_back({std::string(u.url), kind, u.line, u.col});
  }
}

bool RewriteCssUrls(std::string_view css, const UrlRewriteFn& fn, std::string* out,
                    std::vector<text::TextEdit>* edits) {
  std::string result;
  Status s = css::RewriteCssUrlsEx(
      css, [&](const css::CssUrl& u) { return fn(u.url); }, &result, edits);
  if (!s.ok() || result == css) return false;
  *out = std::move(result);
  return true;
}

Status VerifyHtmlRewrite(std::string_view before, std::string_view after,
                         const std::vector<std::string>& enabled_ids) {
  std::string diff;
  Status s = html::VerifyHtml(before, after, enabled_ids, &diff);
  if (!s.ok()) return s;  // ContentError: a difference; Unimplemented: cannot judge these filters
  if (!diff.empty()) return Status::ContentError(diff);
  return Status::OK();
}

}  // namespace pagebake
