#include "filters/core/content_type.h"

#include <cstring>
#include <string>

#include "filters/text/position.h"

namespace pagebake {
namespace {

struct ExtEntry {
  const char* ext;
  ContentType type;
};
constexpr ExtEntry kExts[] = {
    {"html", ContentType::kHtml},   {"htm", ContentType::kHtml},
    {"xhtml", ContentType::kHtml},  {"css", ContentType::kCss},
    {"js", ContentType::kJs},       {"mjs", ContentType::kJs},
    {"cjs", ContentType::kJs},      {"json", ContentType::kJson},
    {"webmanifest", ContentType::kJson}, {"map", ContentType::kSourceMap},
    {"svg", ContentType::kSvg},     {"xml", ContentType::kXml},
    {"txt", ContentType::kText},    {"md", ContentType::kText},
    {"png", ContentType::kPng},     {"apng", ContentType::kPng},
    {"jpg", ContentType::kJpeg},    {"jpeg", ContentType::kJpeg},
    {"jpe", ContentType::kJpeg},    {"gif", ContentType::kGif},
    {"webp", ContentType::kWebp},   {"avif", ContentType::kAvif},
    {"ico", ContentType::kIco},     {"woff", ContentType::kFont},
    {"woff2", ContentType::kFont},  {"ttf", ContentType::kFont},
    {"otf", ContentType::kFont},    {"eot", ContentType::kFont},
    {"mp4", ContentType::kMedia},   {"webm", ContentType::kMedia},
    {"mp3", ContentType::kMedia},   {"ogg", ContentType::kMedia},
    {"wav", ContentType::kMedia},   {"pdf", ContentType::kPdf},
    {"wasm", ContentType::kWasm},
};

bool StartsWith(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(0, p.size()) == p;
}

}  // namespace

ContentType ContentTypeFromPath(std::string_view path) {
  size_t slash = path.find_last_of('/');
  std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  size_t dot = name.find_last_of('.');
  if (dot == std::string_view::npos || dot == 0) return ContentType::kOther;
  std::string_view ext = name.substr(dot + 1);
  for (const auto& e : kExts)
    if (text::EqualsIgnoreCase(ext, e.ext)) return e.type;
  return ContentType::kOther;
}

ContentType SniffContentType(std::string_view b) {
  if (StartsWith(b, "\x89PNG\r\n\x1a\n")) return ContentType::kPng;
  if (StartsWith(b, "\xFF\xD8\xFF")) return ContentType::kJpeg;
  if (StartsWith(b, "GIF87a") || StartsWith(b, "GIF89a")) return ContentType::kGif;
  if (b.size() >= 12 && StartsWith(b, "RIFF") && b.substr(8, 4) == "WEBP")
    return ContentType::kWebp;
  if (b.size() >= 12 && b.substr(4, 8) == "ftypavif") return ContentType::kAvif;
  if (StartsWith(b, std::string_view("\0\0\1\0", 4))) return ContentType::kIco;
  if (StartsWith(b, "wOFF") || StartsWith(b, "wOF2")) return ContentType::kFont;
  if (StartsWith(b, "%PDF-")) return ContentType::kPdf;
  if (StartsWith(b, std::string_view("\0asm", 4))) return ContentType::kWasm;
  // Text: skip a BOM and leading whitespace, then look for markup.
  std::string_view t = b.substr(0, 512);
  if (StartsWith(t, "\xEF\xBB\xBF")) t.remove_prefix(3);
  while (!t.empty() && text::IsAsciiSpace(t.front())) t.remove_prefix(1);
  if (text::StartsWithIgnoreCase(t, "<!doctype html") || text::StartsWithIgnoreCase(t, "<html") ||
      text::StartsWithIgnoreCase(t, "<head") || text::StartsWithIgnoreCase(t, "<body"))
    return ContentType::kHtml;
  if (StartsWith(t, "<svg") || (StartsWith(t, "<?xml") && t.find("<svg") != t.npos))
    return ContentType::kSvg;
  if (StartsWith(t, "<?xml")) return ContentType::kXml;
  return ContentType::kOther;
}

ContentType ClassifyContent(std::string_view path, std::string_view bytes) {
  ContentType by_ext = ContentTypeFromPath(path);
  ContentType sniffed = SniffContentType(bytes);
  // Binary signatures are unambiguous: trust them over the name.
  if (IsImage(sniffed) || sniffed == ContentType::kPdf || sniffed == ContentType::kWasm)
    return sniffed;
  // A file claiming to be an image whose bytes are not that image is not an image.
  if (IsImage(by_ext) && by_ext != ContentType::kSvg && sniffed != by_ext)
    return sniffed == ContentType::kOther ? ContentType::kOther : sniffed;
  if (by_ext == ContentType::kOther) return sniffed;
  return by_ext;
}

bool IsImage(ContentType t) {
  switch (t) {
    case ContentType::kPng: case ContentType::kJpeg: case ContentType::kGif:
    case ContentType::kWebp: case ContentType::kAvif: case ContentType::kIco:
    case ContentType::kSvg:
      return true;
    default:
      return false;
  }
}

bool IsCompressible(ContentType t) {
  switch (t) {
    case ContentType::kHtml: case ContentType::kCss: case ContentType::kJs:
    case ContentType::kJson: case ContentType::kSourceMap: case ContentType::kSvg:
    case ContentType::kXml: case ContentType::kText: case ContentType::kIco:
    case ContentType::kWasm:
      return true;
    default:
      return false;
  }
}

bool IsCompressible(ContentType t, std::string_view path) {
  if (t != ContentType::kFont) return IsCompressible(t);
  const size_t dot = path.rfind('.');
  if (dot == std::string_view::npos) return false;
  std::string ext(path.substr(dot + 1));
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext == "ttf" || ext == "otf" || ext == "eot";
}

std::string_view MimeType(ContentType t) {
  switch (t) {
    case ContentType::kHtml: return "text/html; charset=utf-8";
    case ContentType::kCss: return "text/css; charset=utf-8";
    case ContentType::kJs: return "text/javascript; charset=utf-8";
    case ContentType::kJson: return "application/json";
    case ContentType::kSourceMap: return "application/json";
    case ContentType::kSvg: return "image/svg+xml";
    case ContentType::kXml: return "application/xml";
    case ContentType::kText: return "text/plain; charset=utf-8";
    case ContentType::kPng: return "image/png";
    case ContentType::kJpeg: return "image/jpeg";
    case ContentType::kGif: return "image/gif";
    case ContentType::kWebp: return "image/webp";
    case ContentType::kAvif: return "image/avif";
    case ContentType::kIco: return "image/x-icon";
    case ContentType::kFont: return "font/woff2";
    case ContentType::kMedia: return "application/octet-stream";
    case ContentType::kPdf: return "application/pdf";
    case ContentType::kWasm: return "application/wasm";
    case ContentType::kOther: return "application/octet-stream";
  }
  return "application/octet-stream";
}

std::string_view ContentTypeName(ContentType t) {
  switch (t) {
    case ContentType::kHtml: return "html";
    case ContentType::kCss: return "css";
    case ContentType::kJs: return "js";
    case ContentType::kJson: return "json";
    case ContentType::kSourceMap: return "sourcemap";
    case ContentType::kSvg: return "svg";
    case ContentType::kXml: return "xml";
    case ContentType::kText: return "text";
    case ContentType::kPng: return "png";
    case ContentType::kJpeg: return "jpeg";
    case ContentType::kGif: return "gif";
    case ContentType::kWebp: return "webp";
    case ContentType::kAvif: return "avif";
    case ContentType::kIco: return "ico";
    case ContentType::kFont: return "font";
    case ContentType::kMedia: return "media";
    case ContentType::kPdf: return "pdf";
    case ContentType::kWasm: return "wasm";
    case ContentType::kOther: return "other";
  }
  return "other";
}

}  // namespace pagebake
