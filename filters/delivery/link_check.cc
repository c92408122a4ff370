#include "filters/delivery/link_check.h"

#include <algorithm>
#include <set>

#include "filters/core/content_type.h"
#include "filters/core/url.h"
#include "filters/css/css_urls.h"
#include "filters/html/document.h"

namespace pagebake::delivery {
namespace {

struct Ref {
  std::string url;
  int line;
  int col;
};

// Every file under `root` (root-relative paths); symlinked directories are not entered (loops),
// a symlink to a file counts as that file.
Status ListTree(Env* env, const std::string& root, std::set<std::string>* files) {
  std::vector<std::string> stack{""};
  std::vector<DirEntry> entries;
  while (!stack.empty()) {
    std::string rel = std::move(stack.back());
    stack.pop_back();
    PAGEBAKE_RETURN_IF_ERROR(env->ListDir(rel.empty() ? root : JoinPath(root, rel), &entries));
    for (const DirEntry& e : entries) {
      std::string p = rel.empty() ? e.name : rel + "/" + e.name;
      FileInfo::Type type = e.type;
      if (type == FileInfo::Type::kOther || type == FileInfo::Type::kSymlink) {
        FileInfo info;
        if (!env->Stat(JoinPath(root, p), &info, /*follow=*/true).ok()) continue;  // dangling
        type = info.type == FileInfo::Type::kDirectory && e.type == FileInfo::Type::kSymlink
                   ? FileInfo::Type::kSymlink
                   : info.type;
      }
      if (type == FileInfo::Type::kDirectory) stack.push_back(p);
      else if (type == FileInfo::Type::kFile) files->insert(p);
    }
  }
  return Status::OK();
}

void HtmlRefs(std::string bytes, std::vector<Ref>* out, std::string* base_href) {
  std::unique_ptr<html::Document> doc = html::Document::Parse(std::move(bytes));
  for (const html::UrlRef& u : html::CollectUrls(*doc))
    if (!u.is_base) out->push_back({u.url, u.line, u.col});
  if (auto b = html::BaseHref(*doc)) *base_href = *b;
  html::ForEachInline(*doc, [&](InlineKind kind, std::string& text, int line, int col) {
    if (kind != InlineKind::kStyleSheet && kind != InlineKind::kStyleAttribute) return;
    for (const css::CssUrl& u : css::CollectCssUrls(text))
      out->push_back({u.url, line + u.line - 1, u.line == 1 ? col + u.col - 1 : u.col});
  });
}

}  // namespace

Status CheckLinks(const std::string& out_dir, std::vector<Diagnostic>* problems,
                  LinkCheckStats* stats, Env* env, const std::string& site_origin) {
  std::unique_ptr<Env> owned;
  if (!env) {
    owned = NewPosixEnv(IoStrategy::kRead);
    env = owned.get();
  }
  FileInfo root_info;
  if (!env->Stat(out_dir, &root_info, true).ok() ||
      root_info.type != FileInfo::Type::kDirectory)
    return Status::NotFound("no output directory '" + out_dir + "'");
  std::set<std::string> files;
  PAGEBAKE_RETURN_IF_ERROR(ListTree(env, out_dir, &files));
  LinkCheckStats local;
  std::vector<Diagnostic> found;
  for (const std::string& path : files) {
    ContentType type = ContentTypeFromPath(path);
    if (type != ContentType::kHtml && type != ContentType::kCss) continue;
    std::string bytes;
    PAGEBAKE_RETURN_IF_ERROR(env->ReadFile(JoinPath(out_dir, path), &bytes));
    ++local.files;
    std::vector<Ref> refs;
    std::string base_href;
    if (type == ContentType::kHtml) {
      HtmlRefs(std::move(bytes), &refs, &base_href);
    } else {
      for (const css::CssUrl& u : css::CollectCssUrls(bytes)) refs.push_back({u.url, u.line, u.col});
    }
    std::string base = path;
    bool external_base = false;
    if (!base_href.empty()) {
      ResolvedUrl b = ResolveUrl(path, base_href, site_origin);
      if (b.kind == UrlKind::kLocal)
        base = b.directory ? (b.path.empty() ? "" : b.path + "/") + "index.html" : b.path;
      else if (b.kind == UrlKind::kExternal)
        external_base = true;
    }
    for (const Ref& ref : refs) {
      if (external_base && !(ref.url.size() > 1 && ref.url[0] == '/' && ref.url[1] != '/'))
        continue;  // relative to a remote <base>: not in this output
      ResolvedUrl u = ResolveUrl(base, ref.url, site_origin);
      std::string why;
      if (u.kind == UrlKind::kLocal) {
        ++local.references;
        // "docs/" names docs/index.html; "docs" (a directory) is redirected there by servers.
        std::string index = (u.path.empty() ? "" : u.path + "/") + "index.html";
        if (u.directory ? files.count(index) > 0 : files.count(u.path) || files.count(index))
          continue;
        why = "no such file '" + u.path + "' in the output";
      } else if (u.kind == UrlKind::kOutsideRoot) {
        why = "it leaves the site root";
      } else if (u.kind == UrlKind::kInvalid) {
        why = "it is not a valid file URL";
      } else {
        continue;
      }
      found.push_back({Severity::kError, path, ref.line, ref.col, "check",
                       "broken reference '" + ref.url + "': " + why});
    }
  }
  problems->insert(problems->end(), found.begin(), found.end());
  if (stats) *stats = local;
  return Status::OK();
}

}  // namespace pagebake::delivery
