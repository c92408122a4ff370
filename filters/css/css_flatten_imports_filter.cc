#include "filters/css/css_flatten_imports_filter.h"

#include <set>
#include <vector>

#include "filters/core/site.h"
#include "filters/core/url.h"
#include "filters/css/css_structure.h"
#include "filters/css/css_tokenizer.h"
#include "filters/css/css_urls.h"
#include "filters/text/position.h"

namespace pagebake::css {
namespace {

// One "@import ...;" at the top of a sheet.
struct ImportRule {
  size_t begin = 0;  // byte range of the whole rule, ';' included
  size_t end = 0;
  std::string url;
  int line = 0, col = 0;
  bool layer = false;  // "layer" or "layer(name)"
  std::string layer_name;
  std::string supports;  // the condition inside supports(...)
  std::string media;     // the media query list, as written
};

bool IsGapOrCdx(const Token& t) {
  return t.kind == TokenKind::kWhitespace || t.kind == TokenKind::kComment ||
         t.kind == TokenKind::kCdo || t.kind == TokenKind::kCdc;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && text::IsAsciiSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && text::IsAsciiSpace(s.back())) s.remove_suffix(1);
  return s;
}

// Parses the prelude tokens [b, e) of an @import. False when it has no URL.
bool ParseImportPrelude(std::string_view src, const std::vector<Token>& toks, size_t b, size_t e,
                        ImportRule* r) {
  auto text = [&](size_t k) { return src.substr(toks[k].begin, toks[k].end - toks[k].begin); };
  auto skip = [&](size_t k) {
    while (k < e && IsGapOrCdx(toks[k])) ++k;
    return k;
  };
  size_t k = skip(b);
  if (k >= e) return false;
  if (toks[k].kind == TokenKind::kString) {
    r->url = CssUnescape(text(k));
    ++k;
  } else if (toks[k].kind == TokenKind::kUrl) {
    std::string_view t = text(k);
    r->url = CssUnescape(Trim(t.substr(4, t.size() - 5)));
    ++k;
  } else if (toks[k].kind == TokenKind::kFunction && text::EqualsIgnoreCase(text(k), "url(")) {
    size_t s = skip(k + 1);
    if (s >= e || toks[s].kind != TokenKind::kString) return false;
    r->url = CssUnescape(text(s));
    k = skip(s + 1);
    if (k >= e || toks[k].kind != TokenKind::kCloseParen) return false;
    ++k;
  } else {
    return false;
  }
  k = skip(k);
  if (k < e && toks[k].kind == TokenKind::kIdent && text::EqualsIgnoreCase(text(k), "layer")) {
    r->layer = true;
    k = skip(k + 1);
  } else if (k < e && toks[k].kind == TokenKind::kFunction &&
             text::EqualsIgnoreCase(text(k), "layer(")) {
    size_t close = MatchingClose(toks, k);
    if (close >= e) return false;
    r->layer = true;
    r->layer_name = Trim(src.substr(toks[k].end, toks[close].begin - toks[k].end));
    k = skip(close + 1);
  }
  if (k < e && toks[k].kind == TokenKind::kFunction &&
      text::EqualsIgnoreCase(text(k), "supports(")) {
    size_t close = MatchingClose(toks, k);
    if (close >= e) return false;
    r->supports = Trim(src.substr(toks[k].end, toks[close].begin - toks[k].end));
    k = skip(close + 1);
  }
  if (k < e) r->media = Trim(src.substr(toks[k].begin, toks[e - 1].end - toks[k].begin));
  return true;
}

// The @import rules at the top of `src` (after @charset and @layer statements). False when the
// sheet's structure is broken.
bool LeadingImports(std::string_view src, std::vector<ImportRule>* out) {
  std::vector<Token> toks;
  Tokenize(src, &toks);
  if (!CheckStructure(src, toks, nullptr)) return false;
  size_t k = 0;
  for (;;) {
    while (k < toks.size() && IsGapOrCdx(toks[k])) ++k;
    if (k >= toks.size() || toks[k].kind != TokenKind::kAtKeyword) return true;
    std::string_view name = src.substr(toks[k].begin, toks[k].end - toks[k].begin);
    size_t end = ScanToDepth0(toks, k + 1, /*stop_at_semicolon=*/true);
    if (end >= toks.size() || toks[end].kind != TokenKind::kSemicolon) return true;
    if (text::EqualsIgnoreCase(name, "@import")) {
      ImportRule r;
      r.begin = toks[k].begin;
      r.end = toks[end].end;
      text::LineCol lc = text::LineColAt(src, r.begin);
      r.line = lc.line;
      r.col = lc.col;
      if (!ParseImportPrelude(src, toks, k + 1, end, &r)) return true;
      out->push_back(std::move(r));
    } else if (!text::EqualsIgnoreCase(name, "@charset") &&
               !text::EqualsIgnoreCase(name, "@layer")) {
      return true;
    }
    k = end + 1;
  }
}

// Does following @imports from `start` lead back to `self`? `chain` gets the path.
bool LeadsTo(Site* site, const Resource* start, const Resource* self,
             std::vector<std::string>* chain) {
  std::vector<std::pair<const Resource*, size_t>> stack{{start, 0}};
  std::set<const Resource*> seen{start};
  std::vector<std::vector<CssUrl>> urls{CollectCssUrls(start->bytes)};
  while (!stack.empty()) {
    auto& [res, next] = stack.back();
    const std::vector<CssUrl>& list = urls.back();
    if (res == self) {
      for (auto& [r, i] : stack) chain->push_back(r->path);
      return true;
    }
    if (next >= list.size()) {
      stack.pop_back();
      urls.pop_back();
      continue;
    }
    const CssUrl& u = list[next++];
    if (!u.is_import) continue;
    const Resource* t = site->TargetOfOutputUrl(*res, u.url);
    if (!t || (t != self && !seen.insert(t).second)) continue;
    stack.push_back({t, 0});
    urls.push_back(t == self ? std::vector<CssUrl>{} : CollectCssUrls(t->bytes));
  }
  return false;
}

// The imported sheet's text ready to inline into `from`: @charset dropped, relative URLs
// re-based. Empty optional with a reason when it cannot be inlined.
std::optional<std::string> Inlinable(const Resource& from, const Resource& target,
                                     std::string* why) {
  std::string_view body = target.bytes;
  std::vector<Token> toks;
  std::string copy(body);
  Tokenize(copy, &toks);
  if (!CheckStructure(copy, toks, nullptr)) {
    *why = "its syntax is broken";
    return std::nullopt;
  }
  size_t skip_to = 0;
  for (size_t k = 0; k < toks.size(); ++k) {
    if (toks[k].kind != TokenKind::kAtKeyword) continue;
    std::string_view n = std::string_view(copy).substr(toks[k].begin, toks[k].end - toks[k].begin);
    if (text::EqualsIgnoreCase(n, "@import") || text::EqualsIgnoreCase(n, "@namespace")) {
      *why = "it has its own @import or @namespace";
      return std::nullopt;
    }
    if (text::EqualsIgnoreCase(n, "@charset")) {
      size_t end = ScanToDepth0(toks, k + 1, true);
      std::string_view prelude =
          end < toks.size() ? std::string_view(copy).substr(toks[k].end, toks[end].begin - toks[k].end)
                            : std::string_view();
      if (k != 0 || end >= toks.size() ||
          !(text::EqualsIgnoreCase(Trim(prelude), "\"utf-8\"") ||
            text::EqualsIgnoreCase(Trim(prelude), "'utf-8'"))) {
        *why = "it declares a @charset other than UTF-8";
        return std::nullopt;
      }
      skip_to = toks[end].end;
    }
  }
  const std::string& from_out = from.output_path.empty() ? from.path : from.output_path;
  const std::string& target_out = target.output_path.empty() ? target.path : target.output_path;
  std::string out;
  Status s = RewriteCssUrls(
      copy.substr(skip_to),
      [&](std::string_view url, bool) -> std::optional<std::string> {
        if (url.empty() || url[0] == '/' || url[0] == '#') return std::nullopt;
        ResolvedUrl r = ResolveUrl(target_out, url);
        if (r.kind != UrlKind::kLocal) return std::nullopt;
        std::string rebased = RelativeUrl(from_out, r.path);
        if (r.directory && !r.path.empty()) rebased += '/';
        rebased += r.suffix;
        if (rebased == url) return std::nullopt;
        return rebased;
      },
      &out);
  if (!s.ok()) {
    *why = s.ToString();
    return std::nullopt;
  }
  return out;
}

}  // namespace

Status CssFlattenImportsFilter::RewriteResource(FilterContext& ctx, std::string& bytes) {
  Site* site = ctx.site();
  const Resource* self = ctx.resource();
  if (!site || !self) return Status::OK();
  std::vector<ImportRule> imports;
  if (!LeadingImports(bytes, &imports) || imports.empty()) return Status::OK();
  // The text each import becomes, or nullopt; then the longest flattenable trailing run.
  std::vector<std::optional<std::string>> inlined(imports.size());
  for (size_t i = 0; i < imports.size(); ++i) {
    const ImportRule& r = imports[i];
    const Resource* t = site->TargetOfOutputUrl(*self, r.url);
    if (!t) {
      if (ResolveUrl(self->path, r.url).kind == UrlKind::kLocal)
        ctx.Warning(r.line, r.col, "css: @import target not found: " + r.url);
      continue;
    }
    std::vector<std::string> chain;
    if (t == self || LeadsTo(site, t, self, &chain)) {
      std::string path = self->path;
      for (const std::string& c : chain) path += " -> " + c;
      if (t == self) path += " -> " + self->path;
      ctx.Warning(r.line, r.col, "css: @import cycle, not flattened: " + path);
      continue;
    }
    int wrappers = (!r.media.empty()) + r.layer + (!r.supports.empty());
    if (wrappers > 1) continue;  // nesting order of layer/supports/media is not ours to pick
    std::string why;
    std::optional<std::string> body = Inlinable(*self, *t, &why);
    if (!body) {
      ctx.Note("css: " + t->path + " not flattened into " + self->path + ": " + why);
      continue;
    }
    ctx.extra_bytes_read += t->bytes.size();
    if (!r.media.empty()) *body = "@media " + r.media + "{" + *body + "}";
    else if (!r.supports.empty()) *body = "@supports (" + r.supports + "){" + *body + "}";
    else if (r.layer)
      *body = (r.layer_name.empty() ? "@layer{" : "@layer " + r.layer_name + "{") + *body + "}";
    inlined[i] = std::move(body);
  }
  size_t first = imports.size();
  while (first > 0 && inlined[first - 1]) --first;
  // Within the size limit: give up on the earliest ones first (they stay @imports).
  for (;;) {
    if (first == imports.size()) return Status::OK();
    uint64_t size = bytes.size();
    for (size_t i = first; i < imports.size(); ++i)
      size += inlined[i]->size() - (imports[i].end - imports[i].begin);
    if (size <= options_.flatten_max_bytes) break;
    ++first;
  }
  std::string out = bytes.substr(0, imports[first].begin);
  for (size_t i = first; i < imports.size(); ++i) {
    out += *inlined[i];
    size_t next = i + 1 < imports.size() ? imports[i + 1].begin : bytes.size();
    out.append(bytes, imports[i].end, next - imports[i].end);
  }
  bytes = std::move(out);
  ctx.counters().rewrites += imports.size() - first;
  return Status::OK();
}

}  // namespace pagebake::css
