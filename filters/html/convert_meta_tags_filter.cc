#include "filters/html/convert_meta_tags_filter.h"

#include "filters/html/tokenizer.h"

namespace pagebake::html {

Status ConvertMetaTagsFilter::RewriteHtml(FilterContext& ctx, Document& doc) {
  doc.http_equiv().clear();
  for (NodeId id = doc.NextInOrder(doc.root()); id != kNoNode; id = doc.NextInOrder(id)) {
    if (!doc.IsHtml(id, Tag::kMeta) || doc.node(id).attr_count == 0) continue;
    std::optional<std::string> name = doc.AttrValue(id, "http-equiv");
    std::optional<std::string> content = doc.AttrValue(id, "content");
    if (!name || !content) continue;
    std::string n;
    for (char c : *name)
      if (!IsHtmlSpace(static_cast<unsigned char>(c))) n += text::AsciiLower(c);
    if (n.empty() || n == "refresh" || n == "set-cookie") continue;
    // A header value cannot hold a line break.
    if (content->find_first_of("\r\n") != std::string::npos) continue;
    doc.http_equiv().emplace_back(n, *content);
    ++ctx.counters().rewrites;
  }
  return Status::OK();
}

}  // namespace pagebake::html
