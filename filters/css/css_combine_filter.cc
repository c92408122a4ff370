#include "filters/css/css_combine_filter.h"

#include <optional>

#include "filters/core/site.h"
#include "filters/css/css_generated.h"
#include "filters/css/css_inline_filter.h"
#include "filters/css/css_tokenizer.h"
#include "filters/text/position.h"

namespace pagebake::css {
namespace {

std::string NormalizeMedia(std::string_view media) {
  while (!media.empty() && text::IsAsciiSpace(media.front())) media.remove_prefix(1);
  while (!media.empty() && text::IsAsciiSpace(media.back())) media.remove_suffix(1);
  std::string out;
  for (char c : media) out.push_back(text::AsciiLower(c));
  return out == "all" ? std::string() : out;
}

using SheetShape = CssCombineFilter::SheetShape;

SheetShape ShapeOf(std::string_view css) {
  std::vector<Token> toks;
  if (!TokenizeBalanced(css, &toks)) return SheetShape::kUnsafe;
  bool top_only = false;
  int depth = 0;
  TokenKind last = TokenKind::kSemicolon;  // an empty sheet ends cleanly
  for (const Token& t : toks) {
    switch (t.kind) {
      case TokenKind::kWhitespace: case TokenKind::kComment: case TokenKind::kCdo:
      case TokenKind::kCdc:
        continue;
      case TokenKind::kOpenCurly: case TokenKind::kOpenParen: case TokenKind::kOpenSquare:
      case TokenKind::kFunction:
        ++depth;
        break;
      case TokenKind::kCloseCurly: case TokenKind::kCloseParen: case TokenKind::kCloseSquare:
        --depth;
        break;
      case TokenKind::kAtKeyword:
        if (depth == 0) {
          std::string_view name = css.substr(t.begin + 1, t.end - t.begin - 1);
          top_only |= text::EqualsIgnoreCase(name, "import") ||
                      text::EqualsIgnoreCase(name, "charset") ||
                      text::EqualsIgnoreCase(name, "namespace");
        }
        break;
      default:
        break;
    }
    if (depth == 0) last = t.kind;
  }
  if (last != TokenKind::kSemicolon && last != TokenKind::kCloseCurly) return SheetShape::kUnsafe;
  return top_only ? SheetShape::kTopOnly : SheetShape::kAnywhere;
}

bool IsBlankText(std::string_view t) {
  return t.find_first_not_of(" \t\r\n\f") == std::string_view::npos;
}

// Whitespace and plain comments may sit between members; conditional comments may not (the
// sheets on either side load in different browsers).
bool IsGap(const html::Document& doc, html::NodeId n) {
  if (doc.type(n) == html::NodeType::kText) return IsBlankText(doc.RawText(n));
  if (doc.type(n) != html::NodeType::kComment) return false;
  std::string_view c = doc.CommentText(n);
  return c.find("[if") == std::string_view::npos && c.find("[endif") == std::string_view::npos;
}

}  // namespace

bool CssCombineFilter::AsMember(FilterContext& ctx, const html::Document& doc,
                                html::NodeId link, Member* m) {
  if (!doc.IsHtml(link, html::Tag::kLink) || (doc.node(link).flags & html::kDuplicateAttrs) ||
      doc.FindAncestor(link, html::Tag::kTemplate) != html::kNoNode)
    return false;
  for (const html::Attr& a : doc.attributes(link)) {
    bool known = text::EqualsIgnoreCase(a.name, "rel") || text::EqualsIgnoreCase(a.name, "href") ||
                 text::EqualsIgnoreCase(a.name, "media") || text::EqualsIgnoreCase(a.name, "type");
    if (!known) return false;
  }
  std::optional<std::string> rel = doc.AttrValue(link, "rel");
  std::optional<std::string> href = doc.AttrValue(link, "href");
  std::optional<std::string> type = doc.AttrValue(link, "type");
  if (!rel || !IsStylesheetRel(*rel) || !href || href->empty()) return false;
  if (type && !type->empty() && !text::EqualsIgnoreCase(*type, "text/css")) return false;
  const Resource* sheet = ctx.site()->Target(*ctx.resource(), *href);
  if (!sheet || sheet->type != ContentType::kCss || sheet->skipped) return false;
  auto [it, added] = shapes_.try_emplace(sheet, SheetShape::kUnsafe);
  if (added) it->second = ShapeOf(sheet->bytes);
  const SheetShape shape = it->second;
  if (shape == SheetShape::kUnsafe) return false;
  m->link = link;
  m->sheet = sheet;
  m->media = NormalizeMedia(doc.AttrValue(link, "media").value_or(""));
  m->top_only = shape == SheetShape::kTopOnly;
  return true;
}

void CssCombineFilter::Combine(FilterContext& ctx, html::Document& doc,
                               const std::vector<Member>& group) {
  const Resource& page = *ctx.resource();
  // Re-basing depends only on the directory, so it can run before the hash names the file.
  const std::string dir = DirOf(OutputPathOf(*group[0].sheet));
  const std::string placeholder = dir + "combined.css";
  std::string bytes;
  std::vector<std::string> sources;
  for (const Member& m : group) {
    bytes += RebaseCssUrls(m.sheet->bytes, OutputPathOf(*m.sheet), placeholder);
    sources.push_back(m.sheet->path);
    ctx.extra_bytes_read += m.sheet->bytes.size();
  }
  const Resource* combined =
      AddHashedSheet(ctx.site(), dir, "combined", std::move(bytes), std::move(sources));
  if (!combined) {
    ++ctx.counters().fallbacks;
    return;
  }
  doc.SetAttr(group[0].link, "href", ctx.site()->OutputUrl(page, *combined));
  for (size_t i = 1; i < group.size(); ++i) {
    html::NodeId link = group[i].link;
    html::NodeId before = doc.prev_sibling(link);
    if (before != html::kNoNode && doc.type(before) == html::NodeType::kText &&
        IsBlankText(doc.RawText(before)))
      doc.Remove(before);
    doc.Remove(link);
  }
  doc.MarkModified();
  ++ctx.counters().rewrites;
}

Status CssCombineFilter::RewriteHtml(FilterContext& ctx, html::Document& doc) {
  if (!ctx.site() || !ctx.resource() || html::BaseHref(doc)) return Status::OK();
  for (html::NodeId id = doc.NextInOrder(doc.root()); id != html::kNoNode;) {
    Member first;
    if (!AsMember(ctx, doc, id, &first)) {
      id = doc.NextInOrder(id);
      continue;
    }
    std::vector<Member> group{first};
    html::NodeId n = doc.next_sibling(id);
    for (; n != html::kNoNode; n = doc.next_sibling(n)) {
      if (IsGap(doc, n)) continue;
      Member m;
      if (!AsMember(ctx, doc, n, &m) || m.top_only || m.media != first.media) break;
      group.push_back(m);
    }
    if (group.size() >= 2) Combine(ctx, doc, group);
    // Resume at the node that ended the group (never removed): it may start the next group.
    id = n != html::kNoNode ? n : doc.NextSkippingChildren(id);
  }
  return Status::OK();
}

}  // namespace pagebake::css
