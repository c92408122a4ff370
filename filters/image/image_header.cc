#include "filters/image/image_header.h"

#include <cstring>
#include <string>

#include "filters/image/byte_io.h"

namespace pagebake::image {
namespace {

Status Truncated(std::string_view what) {
  return Status::ContentError(std::string(what) + ": truncated before the image size");
}

Result<ImageHeader> ReadPngHeader(std::string_view b) {
  // Signature (8) + IHDR length/type (8) + IHDR data (13).
  if (b.size() < 33) return Truncated("png");
  if (ReadBe32(b, 8) != 13 || b.substr(12, 4) != "IHDR")
    return Status::ContentError("png: first chunk is not IHDR");
  ImageHeader h;
  h.type = ContentType::kPng;
  h.stored_width = h.width = ReadBe32(b, 16);
  h.stored_height = h.height = ReadBe32(b, 20);
  h.bit_depth = static_cast<uint8_t>(b[24]);
  int color_type = static_cast<uint8_t>(b[25]);
  h.interlaced = b[28] != 0;
  h.lossless = true;
  switch (color_type) {
    case 0: h.channels = 1; h.has_alpha = false; break;
    case 2: h.channels = 3; h.has_alpha = false; break;
    case 3: h.channels = 1; h.has_alpha = false; h.palette = true; break;
    case 4: h.channels = 2; h.has_alpha = true; break;
    case 6: h.channels = 4; h.has_alpha = true; break;
    default: return Status::ContentError("png: invalid color type " + std::to_string(color_type));
  }
  // Chunks before the first IDAT may say more: acTL (APNG), tRNS (transparency).
  size_t pos = 33;
  while (pos + 8 <= b.size()) {
    uint32_t len = ReadBe32(b, pos);
    std::string_view type = b.substr(pos + 4, 4);
    if (type == "IDAT" || type == "IEND") break;
    if (type == "acTL") h.animated = true;
    if (type == "tRNS") h.has_alpha = true;
    if (len > b.size() - pos - 8) break;  // a truncated chunk: what we have is the header
    pos += 12 + uint64_t{len};
  }
  return h;
}

// EXIF orientation from an APP1 "Exif\0\0" payload (TIFF structure); 1 when absent or broken.
int ExifOrientation(std::string_view app1) {
  if (app1.size() < 14 || app1.substr(0, 6) != std::string_view("Exif\0\0", 6)) return 1;
  return ExifOrientationFromTiff(app1.substr(6));
}

}  // namespace

int ExifOrientationFromTiff(std::string_view tiff) {
  bool le;
  if (tiff.substr(0, 2) == "II") le = true;
  else if (tiff.substr(0, 2) == "MM") le = false;
  else return 1;
  auto u16 = [&](size_t p) { return le ? ReadLe16(tiff, p) : ReadBe16(tiff, p); };
  auto u32 = [&](size_t p) { return le ? ReadLe32(tiff, p) : ReadBe32(tiff, p); };
  uint32_t ifd = u32(4);
  if (ifd > tiff.size() || tiff.size() - ifd < 2) return 1;
  unsigned count = u16(ifd);
  for (unsigned i = 0; i < count; ++i) {
    size_t e = ifd + 2 + size_t{i} * 12;
    if (e + 12 > tiff.size()) return 1;
    if (u16(e) == 0x0112) {  // Orientation, SHORT, count 1, value inline
      unsigned v = u16(e + 8);
      return v >= 1 && v <= 8 ? static_cast<int>(v) : 1;
    }
  }
  return 1;
}

namespace {

Result<ImageHeader> ReadJpegHeader(std::string_view b) {
  ImageHeader h;
  h.type = ContentType::kJpeg;
  h.has_alpha = false;
  size_t pos = 2;
  while (true) {
    // Markers may be preceded by fill bytes 0xFF.
    while (pos < b.size() && static_cast<uint8_t>(b[pos]) == 0xFF &&
           pos + 1 < b.size() && static_cast<uint8_t>(b[pos + 1]) == 0xFF)
      ++pos;
    if (pos + 4 > b.size()) return Truncated("jpeg");
    if (static_cast<uint8_t>(b[pos]) != 0xFF)
      return Status::ContentError("jpeg: expected a marker at byte " + std::to_string(pos));
    uint8_t m = static_cast<uint8_t>(b[pos + 1]);
    if (m == 0xD8 || (m >= 0xD0 && m <= 0xD7) || m == 0x01) {  // no length
      pos += 2;
      continue;
    }
    if (m == 0xD9 || m == 0xDA) return Status::ContentError("jpeg: no frame header before scan");
    uint32_t len = ReadBe16(b, pos + 2);
    if (len < 2) return Status::ContentError("jpeg: bad segment length");
    std::string_view seg = b.substr(pos + 4, std::min<size_t>(len - 2, b.size() - pos - 4));
    if (m == 0xE1 && h.orientation == 1) h.orientation = ExifOrientation(seg);
    bool sof = m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
    if (sof) {
      if (seg.size() < 6) return Truncated("jpeg");
      h.bit_depth = static_cast<uint8_t>(seg[0]);
      h.stored_height = ReadBe16(seg, 1);
      h.stored_width = ReadBe16(seg, 3);
      h.channels = static_cast<uint8_t>(seg[5]);
      h.interlaced = m == 0xC2 || m == 0xC6 || m == 0xCA || m == 0xCE;
      h.lossless = m == 0xC3 || m == 0xC7 || m == 0xCB || m == 0xCF;
      bool swap = h.orientation >= 5;
      h.width = swap ? h.stored_height : h.stored_width;
      h.height = swap ? h.stored_width : h.stored_height;
      // A height of 0 means "defined by DNL later"; browsers handle it rarely, we refuse.
      return h;
    }
    pos += 2 + uint64_t{len};
  }
}

// Skips GIF data sub-blocks starting at pos; returns the position after the terminator, or
// npos when the data ends first.
size_t SkipSubBlocks(std::string_view b, size_t pos) {
  while (pos < b.size()) {
    uint8_t n = static_cast<uint8_t>(b[pos]);
    if (n == 0) return pos + 1;
    pos += 1 + size_t{n};
  }
  return std::string_view::npos;
}

Result<ImageHeader> ReadGifHeader(std::string_view b) {
  if (b.size() < 13) return Truncated("gif");
  ImageHeader h;
  h.type = ContentType::kGif;
  h.stored_width = h.width = ReadLe16(b, 6);
  h.stored_height = h.height = ReadLe16(b, 8);
  h.channels = 1;
  h.palette = true;
  h.lossless = true;
  h.has_alpha = false;
  uint8_t flags = static_cast<uint8_t>(b[10]);
  size_t pos = 13;
  if (flags & 0x80) pos += 3u << ((flags & 7) + 1);
  int images = 0;
  // Walk the blocks (lengths only, no LZW decoding) until the second image or the trailer.
  while (pos < b.size()) {
    uint8_t intro = static_cast<uint8_t>(b[pos]);
    if (intro == 0x3B) break;
    if (intro == 0x21) {
      if (pos + 2 > b.size()) break;
      uint8_t label = static_cast<uint8_t>(b[pos + 1]);
      if (label == 0xF9 && pos + 4 < b.size() && (static_cast<uint8_t>(b[pos + 3]) & 1))
        h.has_alpha = true;
      pos = SkipSubBlocks(b, pos + 2);
    } else if (intro == 0x2C) {
      if (++images > 1) {
        h.animated = true;
        break;
      }
      if (pos + 10 > b.size()) break;
      uint8_t iflags = static_cast<uint8_t>(b[pos + 9]);
      if (iflags & 0x40) h.interlaced = true;
      pos += 10;
      if (iflags & 0x80) pos += 3u << ((iflags & 7) + 1);
      pos = SkipSubBlocks(b, pos + 1);  // + LZW minimum code size byte
    } else {
      break;  // garbage: browsers stop here too
    }
  }
  return h;
}

Result<ImageHeader> ReadWebpHeader(std::string_view b) {
  if (b.size() < 30) return Truncated("webp");
  ImageHeader h;
  h.type = ContentType::kWebp;
  std::string_view fourcc = b.substr(12, 4);
  std::string_view d = b.substr(20);
  if (fourcc == "VP8X") {
    uint8_t flags = static_cast<uint8_t>(d[0]);
    h.has_alpha = (flags & 0x10) != 0;
    h.animated = (flags & 0x02) != 0;
    h.width = h.stored_width = 1 + (ReadLe32(d, 4) & 0xFFFFFF);
    h.height = h.stored_height = 1 + (ReadLe32(d, 7) & 0xFFFFFF);
    h.channels = h.has_alpha.value() ? 4 : 3;
    // Lossless-ness is in the first image chunk after VP8X (ICCP/ANIM may come first).
    size_t pos = 12;
    while (pos + 8 <= b.size()) {
      std::string_view t = b.substr(pos, 4);
      if (t == "VP8L") { h.lossless = true; break; }
      if (t == "VP8 " || t == "ANMF") break;
      uint64_t len = ReadLe32(b, pos + 4);
      pos += 8 + len + (len & 1);
    }
  } else if (fourcc == "VP8L") {
    if (static_cast<uint8_t>(d[0]) != 0x2F) return Status::ContentError("webp: bad VP8L signature");
    uint32_t bits = ReadLe32(d, 1);
    h.width = h.stored_width = 1 + (bits & 0x3FFF);
    h.height = h.stored_height = 1 + ((bits >> 14) & 0x3FFF);
    h.has_alpha = ((bits >> 28) & 1) != 0;
    h.channels = h.has_alpha.value() ? 4 : 3;
    h.lossless = true;
  } else if (fourcc == "VP8 ") {
    // Frame tag (3) + start code 9d 01 2a + 14-bit sizes.
    if (d.substr(3, 3) != "\x9d\x01\x2a") return Status::ContentError("webp: bad VP8 start code");
    h.width = h.stored_width = ReadLe16(d, 6) & 0x3FFF;
    h.height = h.stored_height = ReadLe16(d, 8) & 0x3FFF;
    h.has_alpha = false;
    h.channels = 3;
  } else {
    return Status::ContentError("webp: unknown first chunk '" + std::string(fourcc) + "'");
  }
  return h;
}

}  // namespace

Result<ImageHeader> ReadImageHeader(std::string_view b) {
  Result<ImageHeader> r = Status::ContentError("not a PNG, JPEG, GIF or WebP image");
  if (b.size() >= 8 && b.substr(0, 8) == "\x89PNG\r\n\x1a\n") r = ReadPngHeader(b);
  else if (b.size() >= 3 && b.substr(0, 3) == "\xFF\xD8\xFF") r = ReadJpegHeader(b);
  else if (b.size() >= 6 && (b.substr(0, 6) == "GIF87a" || b.substr(0, 6) == "GIF89a"))
    r = ReadGifHeader(b);
  else if (b.size() >= 12 && b.substr(0, 4) == "RIFF" && b.substr(8, 4) == "WEBP")
    r = ReadWebpHeader(b);
  if (r.ok() && (r->width == 0 || r->height == 0))
    return Status::ContentError(std::string(ContentTypeName(r->type)) + ": zero width or height");
  return r;
}

}  // namespace pagebake::image
