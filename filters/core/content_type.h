// Content types: by extension first, then by sniffing the first bytes (a PNG named .jpg is a
// PNG). One enum for the whole library.
#ifndef PAGEBAKE_CORE_CONTENT_TYPE_H_
#define PAGEBAKE_CORE_CONTENT_TYPE_H_

#include <string_view>

namespace pagebake {

enum class ContentType {
  kHtml, kCss, kJs, kJson, kSourceMap, kSvg, kXml, kText,
  kPng, kJpeg, kGif, kWebp, kAvif, kIco,
  kFont,   // woff, woff2, ttf, otf, eot
  kMedia,  // audio/video
  kPdf, kWasm, kOther,
};

// From the file name's extension (case-insensitive); kOther when unknown.
ContentType ContentTypeFromPath(std::string_view path);
// From the leading bytes; kOther when nothing is recognised. Cheap: looks at <= 512 bytes.
ContentType SniffContentType(std::string_view bytes);
// The extension's type, corrected by sniffing when the bytes clearly say otherwise (images and
// HTML) — so a PNG named .jpg is treated as a PNG.
ContentType ClassifyContent(std::string_view path, std::string_view bytes);
std::string_view MimeType(ContentType t);
std::string_view ContentTypeName(ContentType t);  // "html", "css", "png", ...
bool IsImage(ContentType t);
// Text types worth precompressing.
bool IsCompressible(ContentType t);
// The same for a file: fonts are one type, but TrueType/OpenType/EOT files are uncompressed
// tables that brotli and gzip shrink by 40-60%, while WOFF/WOFF2 are already compressed.
bool IsCompressible(ContentType t, std::string_view path);

}  // namespace pagebake

#endif  // PAGEBAKE_CORE_CONTENT_TYPE_H_
