#include "filters/js/js_minify_filter.h"

#include <vector>

#include "filters/core/site.h"

namespace pagebake::js {
namespace {

// .mjs files are modules; .js files may be either, and the only difference that matters to
// the tokenizer (HTML-like comments) is decided the safe way round: a classic script keeps
// `<!--` as a comment, so read `.js` as classic.
bool IsModulePath(const Resource* r) {
  return r != nullptr && r->path.size() >= 4 && r->path.ends_with(".mjs");
}

}  // namespace

JsMinifyFilter::JsMinifyFilter(const FilterInfo* info, const JsOptions& options)
    : Filter(info), options_(options) {}

bool JsMinifyFilter::HandlesResource(ContentType t) const {
  return t == ContentType::kJs || t == ContentType::kJson;
}

bool JsMinifyFilter::HandlesInline(InlineKind k) const {
  return k == InlineKind::kClassicScript || k == InlineKind::kModuleScript ||
         k == InlineKind::kJsonScript;
}

Status JsMinifyFilter::Apply(FilterContext& ctx, const Status& s,
                             const std::vector<JsIssue>& issues, std::string& bytes,
                             std::string& out) {
  if (s.IsContentError()) {
    for (const JsIssue& i : issues) ctx.ContentError(i.line, i.col, i.message);
    return Status::OK();  // bytes stay as they were
  }
  if (!s.ok()) return s;
  if (out.size() < bytes.size()) {
    bytes.swap(out);
    ++ctx.counters().rewrites;
  }
  return Status::OK();
}

Status JsMinifyFilter::RewriteResource(FilterContext& ctx, std::string& bytes) {
  std::vector<JsIssue> issues;
  std::string out;
  const Resource* r = ctx.resource();
  if (r != nullptr && r->type == ContentType::kJson) {
    Status s = MinifyJson(bytes, &out, &issues);
    return Apply(ctx, s, issues, bytes, out);
  }
  JsMinifyOptions o;
  o.keep_license_comments = options_.keep_license_comments;
  o.module = IsModulePath(r);
  if (options_.source_maps && ctx.site() != nullptr && r != nullptr)
    return RewriteWithSourceMap(ctx, o, bytes);
  Status s = MinifyJs(bytes, o, &out, &issues);
  return Apply(ctx, s, issues, bytes, out);
}

// The map is written beside the script (`app.js` -> `app.js.map`) and replaces any
// sourceMappingURL comment the input had: that map described the input, not our output.
Status JsMinifyFilter::RewriteWithSourceMap(FilterContext& ctx, JsMinifyOptions o,
                                            std::string& bytes) {
  const Resource* r = ctx.resource();
  o.drop_source_map_url = true;
  std::vector<JsIssue> issues;
  std::string out;
  text::SourceMapBuilder map;
  Status s = MinifyJsWithMap(bytes, o, &out, &map, &issues);
  if (!s.ok()) return Apply(ctx, s, issues, bytes, out);
  const std::string name = r->path.substr(r->path.find_last_of('/') + 1);
  // Pessimistic size check before adding the map: the comment must still leave a win.
  const std::string_view kComment = "\n//# sourceMappingURL=";
  if (out.size() + kComment.size() + name.size() + 16 >= bytes.size()) {
    ++ctx.counters().fallbacks;
    return Status::OK();
  }
  std::string json = map.Render(out, bytes, name, "pagebake:///" + r->path);
  Resource* m = ctx.site()->AddGenerated(r->path + ".map", ContentType::kSourceMap,
                                         std::move(json), {r->path});
  out += kComment;
  out += ctx.site()->OutputUrl(*r, *m);
  return Apply(ctx, s, issues, bytes, out);
}

Status JsMinifyFilter::RewriteInline(FilterContext& ctx, InlineKind kind, std::string& text) {
  std::vector<JsIssue> issues;
  std::string out;
  if (kind == InlineKind::kJsonScript) {
    Status s = MinifyJson(text, &out, &issues);
    if (s.ok() && !SafeInScriptElement(out)) return Status::OK();
    return Apply(ctx, s, issues, text, out);
  }
  JsMinifyOptions o;
  o.keep_license_comments = options_.keep_license_comments;
  o.module = kind == InlineKind::kModuleScript;
  o.inline_script = true;
  Status s = MinifyJs(text, o, &out, &issues);
  return Apply(ctx, s, issues, text, out);
}

}  // namespace pagebake::js
