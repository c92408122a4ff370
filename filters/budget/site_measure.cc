#include "filters/budget/site_measure.h"

#include <algorithm>
#include <cctype>
#include <deque>
#include <set>

#include <brotli/encode.h>
#include <nlohmann/json.hpp>
#include <zlib.h>

#include "filters/core/url.h"

namespace pagebake::budget {
namespace {

using nlohmann::json;

ContentType TypeOf(const std::string& path, const std::string& mime) {
  ContentType t = ContentTypeFromPath(path);
  if (t != ContentType::kOther) return t;
  // Extensionless outputs: trust the manifest's MIME type.
  static constexpr ContentType kAll[] = {
      ContentType::kHtml, ContentType::kCss, ContentType::kJs, ContentType::kJson,
      ContentType::kSvg, ContentType::kXml, ContentType::kText, ContentType::kPng,
      ContentType::kJpeg, ContentType::kGif, ContentType::kWebp, ContentType::kAvif,
      ContentType::kIco, ContentType::kPdf, ContentType::kWasm};
  for (ContentType c : kAll)
    if (!mime.empty() && MimeType(c) == mime) return c;
  return ContentType::kOther;
}

// A manifest/report load entry: "path" or {"path": ..., "type": ...}.
bool LoadPath(const json& e, std::string* out) {
  if (e.is_string()) {
    *out = e.get<std::string>();
    return true;
  }
  if (e.is_object() && e.contains("path") && e["path"].is_string()) {
    *out = e["path"].get<std::string>();
    return true;
  }
  return false;
}

Status ManifestError(const std::string& path, const std::string& msg) {
  return Status::IoError(path + ": " + msg);
}

}  // namespace

const char* LighthouseType(ContentType t) {
  switch (t) {
    case ContentType::kHtml: return "document";
    case ContentType::kCss: return "stylesheet";
    case ContentType::kJs: return "script";
    case ContentType::kFont: return "font";
    case ContentType::kMedia: return "media";
    default: return IsImage(t) ? "image" : "other";
  }
}

uint64_t BrotliSize(const std::string& bytes) {
  size_t cap = BrotliEncoderMaxCompressedSize(bytes.size());
  if (cap == 0) cap = bytes.size() + 1024;
  std::string out(cap, '\0');
  size_t n = cap;
  if (!BrotliEncoderCompress(BROTLI_MAX_QUALITY, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_GENERIC,
                             bytes.size(), reinterpret_cast<const uint8_t*>(bytes.data()), &n,
                             reinterpret_cast<uint8_t*>(out.data())))
    return bytes.size();
  return n;
}

uint64_t GzipSize(const std::string& bytes) {
  z_stream z{};
  // 15 + 16: a gzip stream (header and trailer count: they are on the wire).
  if (deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK) return bytes.size();
  std::string out(deflateBound(&z, bytes.size()) + 64, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  z.avail_in = static_cast<uInt>(bytes.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  int rc = deflate(&z, Z_FINISH);
  uint64_t n = rc == Z_STREAM_END ? z.total_out : bytes.size();
  deflateEnd(&z);
  return n;
}

std::vector<std::string> CssReferences(const std::string& css) {
  std::vector<std::string> out;
  const char* p = css.c_str();  // NUL-terminated: the loop needs no bounds checks
  const char* end = p + css.size();
  auto lower_eq = [](const char* s, const char* word) {
    for (; *word; ++s, ++word)
      if ((*s | 0x20) != *word) return false;
    return true;
  };
  auto skip_ws = [](const char* s) {
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == '\f') ++s;
    return s;
  };
  // A quoted string starting at s (on the quote); returns past it, value in *v.
  auto read_string = [&](const char* s, std::string* v) {
    char q = *s++;
    while (s < end && *s != q && *s != '\n') {
      if (*s == '\\' && s + 1 < end) ++s;
      v->push_back(*s++);
    }
    return s < end && *s == q ? s + 1 : s;
  };
  bool import_pending = false;
  while (p < end) {
    char c = *p;
    if (c == '/' && p[1] == '*') {
      const char* e = p + 2;
      while (e < end && !(e[0] == '*' && e[1] == '/')) ++e;
      p = e < end ? e + 2 : end;
    } else if (c == '"' || c == '\'') {
      std::string v;
      p = read_string(p, &v);
      if (import_pending && !v.empty()) out.push_back(v);
      import_pending = false;
    } else if (c == '@' && lower_eq(p + 1, "import")) {
      p += 7;
      import_pending = true;
    } else if ((c | 0x20) == 'u' && lower_eq(p, "url(") &&
               (p == css.c_str() || !(std::isalnum(static_cast<unsigned char>(p[-1])) ||
                                      p[-1] == '-' || p[-1] == '_'))) {
      p = skip_ws(p + 4);
      std::string v;
      if (*p == '"' || *p == '\'') {
        p = read_string(p, &v);
      } else {
        while (p < end && *p != ')' && *p != ' ' && *p != '\n' && *p != '\t') v.push_back(*p++);
      }
      while (p < end && *p != ')') ++p;
      if (p < end) ++p;
      if (!v.empty()) out.push_back(v);
      import_pending = false;
    } else {
      if (c == ';' || c == '{') import_pending = false;
      ++p;
    }
  }
  return out;
}

Status SiteMeasure::FromOutputDir(Env* env, const std::string& dir, SiteMeasure* out) {
  out->env_ = env;
  out->dir_ = dir;
  const std::string manifest_path = JoinPath(dir, "pagebake-manifest.json");
  std::string text;
  Status s = env->ReadFile(manifest_path, &text);
  if (!s.ok())
    return Status::IoError(manifest_path + ": cannot read (" + s.message() +
                           "); is " + dir + " the output of `pagebake build`?");
  json m = json::parse(text, nullptr, false);
  if (m.is_discarded() || !m.is_object()) return ManifestError(manifest_path, "not valid JSON");
  if (!m.contains("schema") || !m["schema"].is_string() ||
      m["schema"].get<std::string>().rfind("pagebake-manifest/", 0) != 0)
    return ManifestError(manifest_path, "not a pagebake-manifest/1");
  if (!m.contains("files") || !m["files"].is_array())
    return ManifestError(manifest_path, "$.files missing");
  for (const json& f : m["files"]) {
    if (!f.is_object() || !f.contains("path") || !f["path"].is_string())
      return ManifestError(manifest_path, "a file entry without \"path\"");
    MeasuredFile mf;
    mf.path = f["path"].get<std::string>();
    if (f.contains("source") && f["source"].is_string()) mf.source = f["source"].get<std::string>();
    const std::string mime =
        f.contains("content_type") && f["content_type"].is_string() ? f["content_type"].get<std::string>() : "";
    mf.type = TypeOf(mf.path, mime);
    mf.compressible = IsCompressible(mf.type, mf.path);
    FileInfo info;
    const std::string abs = JoinPath(dir, mf.path);
    Status st = env->Stat(abs, &info, /*follow=*/true);
    if (!st.ok() || info.type != FileInfo::Type::kFile)
      return Status::IoError(abs + ": listed in the manifest but not in the output (" +
                             (st.ok() ? std::string("not a file") : st.message()) + ")");
    mf.raw = info.size;
    FileInfo sib;
    if (env->Stat(abs + ".br", &sib, true).ok() && sib.type == FileInfo::Type::kFile) mf.br = sib.size;
    if (env->Stat(abs + ".gz", &sib, true).ok() && sib.type == FileInfo::Type::kFile) mf.gzip = sib.size;
    if (f.contains("loads") && f["loads"].is_array()) {
      mf.loads_known = true;
      for (const json& e : f["loads"]) {
        std::string lp;
        if (LoadPath(e, &lp)) mf.loads.push_back(lp);
      }
    }
    out->files_[mf.path] = std::move(mf);
  }
  if (m.contains("pages") && m["pages"].is_object()) {
    for (auto it = m["pages"].begin(); it != m["pages"].end(); ++it) {
      std::vector<std::string>& loads = out->pages_[it.key()];
      if (!it.value().is_array()) continue;
      for (const json& e : it.value()) {
        std::string lp;
        if (LoadPath(e, &lp)) loads.push_back(lp);
      }
    }
  }
  if (m.contains("third_party") && m["third_party"].is_object()) {
    out->third_party_known_ = true;
    for (auto it = m["third_party"].begin(); it != m["third_party"].end(); ++it) {
      auto& list = out->third_party_[it.key()];
      if (!it.value().is_array()) continue;
      for (const json& e : it.value()) {
        ThirdPartyRequest r;
        if (e.is_string()) r.url = e.get<std::string>();
        else if (e.is_object() && e.contains("url") && e["url"].is_string()) r.url = e["url"].get<std::string>();
        else continue;
        if (e.is_object() && e.contains("type") && e["type"].is_string()) r.type = e["type"].get<std::string>();
        list.push_back(std::move(r));
      }
    }
  }
  // Stylesheets the manifest gives no loads for: read what they load from the built bytes, so
  // fonts and background images count toward their pages.
  for (auto& [path, f] : out->files_) {
    if (f.type != ContentType::kCss || f.loads_known) continue;
    std::string css;
    PAGEBAKE_RETURN_IF_ERROR(env->ReadFile(JoinPath(dir, path), &css));
    std::set<std::string> seen;
    for (const std::string& url : CssReferences(css)) {
      ResolvedUrl u = ResolveUrl(path, url);
      if (u.kind != UrlKind::kLocal) continue;
      if (!out->files_.count(u.path) || !seen.insert(u.path).second) continue;
      f.loads.push_back(u.path);
    }
    f.loads_known = true;
  }
  return Status::OK();
}

SiteMeasure SiteMeasure::FromReport(const Report& report) {
  SiteMeasure out;
  for (const OutputFile& o : report.outputs) {
    MeasuredFile mf;
    mf.path = o.path;
    mf.source = o.source;
    mf.type = TypeOf(o.path, o.content_type);
    mf.compressible = IsCompressible(mf.type, mf.path);
    mf.raw = o.bytes;
    mf.gzip = o.gzip_bytes;
    mf.br = o.br_bytes;
    if (mf.type == ContentType::kHtml) out.pages_[o.path] = o.loads;
    else mf.loads = o.loads;
    mf.loads_known = !o.loads.empty() || mf.type != ContentType::kCss;
    if (!mf.loads_known) out.loads_complete_ = false;
    out.files_[o.path] = std::move(mf);
  }
  return out;
}

const MeasuredFile* SiteMeasure::Find(const std::string& path) const {
  auto it = files_.find(path);
  return it == files_.end() ? nullptr : &it->second;
}

std::optional<uint64_t> SiteMeasure::Transfer(const std::string& path, Encoding e) const {
  const MeasuredFile* f = Find(path);
  if (!f) return std::nullopt;
  if (e == Encoding::kRaw || !f->compressible) return f->raw;
  const std::optional<uint64_t>& sibling = e == Encoding::kBrotli ? f->br : f->gzip;
  if (sibling) return std::min(*sibling, f->raw);
  if (!env_) return std::nullopt;
  auto key = std::make_pair(path, e);
  auto it = computed_.find(key);
  if (it != computed_.end()) return it->second;
  std::string bytes;
  if (!env_->ReadFile(JoinPath(dir_, path), &bytes).ok()) return std::nullopt;
  uint64_t n = e == Encoding::kBrotli ? BrotliSize(bytes) : GzipSize(bytes);
  n = std::min<uint64_t>(n, f->raw);
  computed_[key] = n;
  return n;
}

std::vector<std::string> SiteMeasure::PageRequests(const std::string& page, bool* complete) const {
  if (complete) *complete = true;
  std::vector<std::string> out;
  std::set<std::string> seen;
  std::deque<std::string> queue;  // breadth-first, no recursion: @import chains may be long
  auto push = [&](const std::string& p) {
    if (seen.insert(p).second) queue.push_back(p);
  };
  push(page);
  auto it = pages_.find(page);
  if (it != pages_.end())
    for (const std::string& p : it->second) push(p);
  while (!queue.empty()) {
    std::string p = std::move(queue.front());
    queue.pop_front();
    out.push_back(p);
    const MeasuredFile* f = Find(p);
    if (!f || p == page) continue;
    if (!f->loads_known && f->type == ContentType::kCss && complete) *complete = false;
    for (const std::string& l : f->loads) push(l);
  }
  return out;
}

const std::vector<ThirdPartyRequest>* SiteMeasure::ThirdParty(const std::string& page) const {
  auto it = third_party_.find(page);
  return it == third_party_.end() ? nullptr : &it->second;
}

}  // namespace pagebake::budget
