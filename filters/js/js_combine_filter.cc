#include "filters/js/js_combine_filter.h"

#include <limits>
#include <optional>
#include <string>

#include "filters/core/site.h"
#include "filters/js/js_html_util.h"
#include "filters/js/js_tokenizer.h"

namespace pagebake::js {
namespace {

// A member must not start with a directive prologue containing "use strict", must tokenize,
// and must not carry a source map comment.
bool SafeToConcatenate(const std::string& text) {
  if (text.find("sourceMappingURL") != std::string::npos ||
      text.find("currentScript") != std::string::npos ||
      text.size() >= std::numeric_limits<uint32_t>::max())  // the tokenizer's offsets
    return false;
  JsTokenizer tok(text);
  bool first = true;
  for (JsToken t = tok.Next(); t.kind != JsTokenKind::kEnd; t = tok.Next()) {
    if (t.kind == JsTokenKind::kWhitespace || t.kind == JsTokenKind::kLineComment ||
        t.kind == JsTokenKind::kBlockComment || t.kind == JsTokenKind::kHtmlComment ||
        t.kind == JsTokenKind::kHashbang)
      continue;
    if (first && t.kind == JsTokenKind::kString) {
      std::string_view s = tok.text(t);
      if (s.size() >= 2 && s.substr(1, s.size() - 2) == "use strict") return false;
    }
    first = false;
  }
  return !tok.has_error();
}

// The attributes of a script apart from src, as written (decoded values).
std::string AttrsWithoutSrc(const html::Document& doc, html::NodeId id) {
  std::string key;
  for (const html::Attr& a : doc.attributes(id)) {
    std::string name;
    for (char c : a.name) name.push_back(text::AsciiLower(c));
    if (name == "src") continue;
    key += name;
    key += '=';
    key += doc.AttrValue(id, name).value_or("");
    key += '\n';
  }
  return key;
}

}  // namespace

const Resource* JsCombineFilter::Member(FilterContext& ctx, const html::Document& doc,
                                        html::NodeId script) const {
  if (!doc.IsHtml(script, html::Tag::kScript) || InTemplate(doc, script)) return nullptr;
  if (ScriptTypeOf(doc, script) != ScriptType::kClassic) return nullptr;
  for (std::string_view a : {"async", "defer", "nomodule", "integrity", "crossorigin", "onload",
                             "onerror", "blocking"})
    if (doc.FindAttr(script, a) >= 0) return nullptr;
  std::optional<std::string> src = doc.AttrValue(script, "src");
  if (!src || src->empty()) return nullptr;
  // Text inside an external script element is never run; keep such odd markup as it is.
  if (doc.first_child(script) != html::kNoNode) return nullptr;
  const Resource* target = ctx.site()->Target(*ctx.resource(), *src);
  if (target == nullptr || target->type != ContentType::kJs || target->skipped) return nullptr;
  if (target->bytes.size() > options_.combine_max_bytes) return nullptr;
  if (!SafeToConcatenate(target->bytes)) return nullptr;
  return target;
}

void JsCombineFilter::Combine(FilterContext& ctx, html::Document& doc,
                              const std::vector<html::NodeId>& group,
                              const std::vector<const Resource*>& targets, int rank) {
  const Resource& page = *ctx.resource();
  std::string bytes;
  std::vector<std::string> sources;
  for (size_t i = 0; i < targets.size(); ++i) {
    if (i > 0) bytes += "\n;\n";
    bytes += targets[i]->bytes;
    sources.push_back(targets[i]->path);
    ctx.extra_bytes_read += targets[i]->bytes.size();
  }
  const size_t dot = page.path.find_last_of('.');
  const size_t slash = page.path.find_last_of('/');
  const std::string stem = (dot != std::string::npos && (slash == std::string::npos || dot > slash))
                               ? page.path.substr(0, dot)
                               : page.path;
  Resource* js = ctx.site()->AddGenerated(stem + ".combined" + std::to_string(rank) + ".js",
                                          ContentType::kJs, std::move(bytes), std::move(sources));
  doc.SetAttr(group[0], "src", ctx.site()->OutputUrl(page, *js));
  // Remove the other members and the whitespace between them.
  html::NodeId last = group.back();
  html::NodeId n = doc.next_sibling(group[0]);
  while (n != html::kNoNode) {
    html::NodeId next = doc.next_sibling(n);
    const bool at_end = n == last;
    doc.Remove(n);
    if (at_end) break;
    n = next;
  }
  doc.MarkModified();
  ++ctx.counters().rewrites;
}

Status JsCombineFilter::RewriteHtml(FilterContext& ctx, html::Document& doc) {
  if (ctx.site() == nullptr || ctx.resource() == nullptr) return Status::OK();
  int rank = 0;
  for (html::NodeId id = doc.NextInOrder(doc.root()); id != html::kNoNode;
       id = doc.NextInOrder(id)) {
    const Resource* first = Member(ctx, doc, id);
    if (first == nullptr) continue;
    std::vector<html::NodeId> group{id};
    std::vector<const Resource*> targets{first};
    const std::string attrs = AttrsWithoutSrc(doc, id);
    uint64_t total = first->bytes.size();
    html::NodeId n = doc.next_sibling(id);
    while (n != html::kNoNode) {
      if (doc.type(n) == html::NodeType::kText) {
        std::string_view t = doc.RawText(n);
        if (t.find_first_not_of(" \t\r\n\f") != std::string_view::npos) break;
        n = doc.next_sibling(n);
        continue;
      }
      const Resource* r = Member(ctx, doc, n);
      if (r == nullptr || AttrsWithoutSrc(doc, n) != attrs ||
          total + 3 + r->bytes.size() > options_.combine_max_bytes)
        break;
      total += 3 + r->bytes.size();
      group.push_back(n);
      targets.push_back(r);
      n = doc.next_sibling(n);
    }
    if (group.size() >= 2) Combine(ctx, doc, group, targets, rank++);
    id = group[0];
  }
  return Status::OK();
}

}  // namespace pagebake::js
