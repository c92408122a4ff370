#include "filters/core/url.h"

#include <vector>

#include "filters/text/position.h"

namespace pagebake {
namespace {

bool IsSchemeChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         c == '+' || c == '-' || c == '.';
}

// The scheme of `url` ("https"), or empty when it has none.
std::string_view SchemeOf(std::string_view url) {
  if (url.empty() || !((url[0] >= 'a' && url[0] <= 'z') || (url[0] >= 'A' && url[0] <= 'Z')))
    return {};
  for (size_t i = 1; i < url.size(); ++i) {
    if (url[i] == ':') return url.substr(0, i);
    if (!IsSchemeChar(url[i])) return {};
  }
  return {};
}

// What the URL parser strips: leading/trailing C0 controls and spaces, and every tab/CR/LF.
std::string CleanUrl(std::string_view in) {
  size_t b = 0, e = in.size();
  while (b < e && static_cast<unsigned char>(in[b]) <= 0x20 && in[b] != '\0') ++b;
  while (e > b && static_cast<unsigned char>(in[e - 1]) <= 0x20 && in[e - 1] != '\0') --e;
  std::string out;
  out.reserve(e - b);
  for (size_t i = b; i < e; ++i)
    if (in[i] != '\t' && in[i] != '\n' && in[i] != '\r') out += in[i];
  return out;
}

}  // namespace

bool PercentDecodePath(std::string_view in, std::string* out) {
  out->clear();
  out->reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '\0') return false;
    if (c != '%') {
      *out += c;
      continue;
    }
    int hi = i + 1 < in.size() ? text::HexDigitValue(in[i + 1]) : -1;
    int lo = i + 2 < in.size() ? text::HexDigitValue(in[i + 2]) : -1;
    if (hi < 0 || lo < 0) return false;
    char d = static_cast<char>(hi * 16 + lo);
    if (d == '/' || d == '\\' || d == '\0') return false;
    *out += d;
    i += 2;
  }
  return true;
}

std::string PercentEncodePath(std::string_view path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(path.size());
  for (unsigned char c : path) {
    bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                c == '/' || c == '-' || c == '_' || c == '.' || c == '~' || c == '!' ||
                c == '$' || c == '&' || c == '\'' || c == '(' || c == ')' || c == '*' ||
                c == '+' || c == ',' || c == ';' || c == '=' || c == ':' || c == '@' ||
                c >= 0x80;  // non-ASCII stays as UTF-8; browsers encode it themselves
    if (keep) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

bool NormalizePath(std::string_view in, std::string* out) {
  std::vector<std::string_view> parts;
  size_t i = 0;
  while (i <= in.size()) {
    size_t j = in.find('/', i);
    if (j == std::string_view::npos) j = in.size();
    std::string_view seg = in.substr(i, j - i);
    if (seg.empty() || seg == ".") {
      // skip
    } else if (seg == "..") {
      if (parts.empty()) return false;
      parts.pop_back();
    } else {
      parts.push_back(seg);
    }
    i = j + 1;
  }
  out->clear();
  for (size_t k = 0; k < parts.size(); ++k) {
    if (k) *out += '/';
    out->append(parts[k]);
  }
  // Keep a trailing slash: it means "the directory".
  if (!in.empty() && in.back() == '/' && !out->empty()) *out += '/';
  return true;
}

ResolvedUrl ResolveUrl(std::string_view base_path, std::string_view raw_url,
                       std::string_view site_origin) {
  ResolvedUrl r;
  std::string url = CleanUrl(raw_url);
  if (url.find('\0') != std::string::npos) return r;  // kInvalid
  if (url.empty() || url[0] == '#') {
    r.kind = UrlKind::kFragmentOnly;
    return r;
  }
  // Backslashes are slashes to a browser for http(s) documents.
  for (char& c : url)
    if (c == '\\') c = '/';
  if (url.size() >= 2 && url[0] == '/' && url[1] == '/') {
    r.kind = UrlKind::kExternal;  // protocol-relative: another host
    return r;
  }
  std::string_view scheme = SchemeOf(url);
  if (!scheme.empty()) {
    if (scheme.size() == 1) {  // "C:/x": a drive letter, i.e. an absolute file path
      r.kind = UrlKind::kOutsideRoot;
      return r;
    }
    if (text::EqualsIgnoreCase(scheme, "data")) {
      r.kind = UrlKind::kData;
      return r;
    }
    if (text::EqualsIgnoreCase(scheme, "file")) {
      r.kind = UrlKind::kOutsideRoot;
      return r;
    }
    if (!site_origin.empty() && text::StartsWithIgnoreCase(url, site_origin) &&
        (url.size() == site_origin.size() || url[site_origin.size()] == '/' ||
         url[site_origin.size()] == '?' || url[site_origin.size()] == '#')) {
      url.replace(0, site_origin.size(), 1, '/');  // the site-absolute path
    } else {
      r.kind = UrlKind::kExternal;
      return r;
    }
  }
  size_t q = url.find_first_of("?#");
  std::string_view path_part = std::string_view(url).substr(0, q);
  if (q != std::string::npos) r.suffix = url.substr(q);
  std::string decoded;
  if (!PercentDecodePath(path_part, &decoded)) return r;  // kInvalid
  std::string joined;
  if (!decoded.empty() && decoded[0] == '/') {
    joined = decoded.substr(1);
  } else {
    size_t slash = base_path.find_last_of('/');
    if (slash != std::string_view::npos) joined.assign(base_path.substr(0, slash + 1));
    joined += decoded;
    if (decoded.empty()) {  // "?x" refers to the document itself
      joined.assign(base_path);
    }
  }
  std::string norm;
  if (!NormalizePath(joined, &norm)) {
    r.kind = UrlKind::kOutsideRoot;
    return r;
  }
  r.directory = norm.empty() || norm.back() == '/';
  if (!norm.empty() && norm.back() == '/') norm.pop_back();
  r.kind = UrlKind::kLocal;
  r.path = std::move(norm);
  return r;
}

std::string RelativeUrl(std::string_view from_path, std::string_view to_path) {
  size_t from_dir_end = from_path.find_last_of('/');
  std::string_view from_dir =
      from_dir_end == std::string_view::npos ? std::string_view() : from_path.substr(0, from_dir_end + 1);
  // Common directory prefix.
  size_t common = 0;
  for (size_t i = 0; i < from_dir.size() && i < to_path.size(); ++i) {
    if (from_dir[i] != to_path[i]) break;
    if (from_dir[i] == '/') common = i + 1;
  }
  std::string out;
  for (size_t i = common; i < from_dir.size(); ++i)
    if (from_dir[i] == '/') out += "../";
  std::string rest = PercentEncodePath(to_path.substr(common));
  // A first segment with ':' would read as a scheme.
  if (out.empty()) {
    size_t colon = rest.find(':');
    size_t slash = rest.find('/');
    if (colon != std::string::npos && (slash == std::string::npos || colon < slash))
      out = "./";
  }
  out += rest;
  return out;
}

std::string UrlInWrittenForm(std::string_view written, std::string_view target_path,
                             std::string_view suffix, std::string relative) {
  std::string_view w = written;
  while (!w.empty() && (w.front() == ' ' || w.front() == '\t' || w.front() == '\n' ||
                        w.front() == '\r' || w.front() == '\f'))
    w.remove_prefix(1);
  if (w.size() > 1 && w[0] == '/' && w[1] != '/' && w[1] != '\\')
    return std::string(1, '/').append(PercentEncodePath(target_path)).append(suffix);
  if (size_t c = w.find("://"); c != std::string_view::npos && w.find_first_of("/?#") > c) {
    size_t p = w.find('/', c + 3);
    return std::string(w.substr(0, p == std::string_view::npos ? w.size() : p)) + "/" +
           PercentEncodePath(target_path) + std::string(suffix);
  }
  return relative;
}

}  // namespace pagebake
