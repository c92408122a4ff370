#include "filters/image/strip_metadata_filter.h"

#include "filters/image/byte_io.h"
#include "filters/image/color_profile.h"
#include "filters/image/jpeg_codec.h"
#include "filters/image/png_codec.h"
#include "filters/image/webp_codec.h"

namespace pagebake::image {
namespace {

// Ancillary PNG chunks that change what a browser shows (or animate it).
bool PngChunkRenders(std::string_view t) {
  if (t[0] >= 'A' && t[0] <= 'Z') return true;  // critical: IHDR PLTE IDAT IEND (and unknown)
  return t == "tRNS" || IsPngColorChunk(t) || t == "acTL" || t == "fcTL" || t == "fdAT";
}

std::string MinimalTiffOrientation(int orientation) {
  return MinimalExifOrientation(orientation).substr(6);  // eXIf holds no "Exif\0\0"
}

Result<std::string> StripPngMetadata(std::string_view bytes) {
  Result<std::vector<PngChunk>> chunks = SplitPngChunks(bytes);
  if (!chunks.ok()) return chunks.status();
  std::vector<PngChunk> kept;
  for (PngChunk& c : *chunks) {
    if (PngChunkRenders(c.type)) {
      kept.push_back(std::move(c));
    } else if (c.type == "eXIf") {
      // Browsers that honor eXIf rotate by it: keep the orientation only.
      int o = ExifOrientationFromTiff(c.data);
      if (o != 1) kept.push_back({"eXIf", MinimalTiffOrientation(o)});
    }
  }
  return JoinPngChunks(kept);
}

Result<std::string> StripJpegMetadata(std::string_view bytes) {
  Result<JpegLayout> layout = ReadJpegLayout(bytes);
  if (!layout.ok()) return layout.status();
  std::vector<JpegSegment> kept;
  std::string exif;
  for (const JpegSegment& s : layout->segments) {
    const bool app = s.marker >= 0xE0 && s.marker <= 0xEF;
    if (s.marker == 0xFE) continue;  // COM
    if (!app) {
      kept.push_back(s);
      continue;
    }
    std::string_view p = s.payload;
    if ((s.marker == 0xE0 && p.substr(0, 5) == std::string_view("JFIF\0", 5)) ||
        (s.marker == 0xE2 && p.substr(0, 12) == std::string_view("ICC_PROFILE\0", 12)) ||
        (s.marker == 0xEE && p.substr(0, 5) == "Adobe")) {
      // JFIF/Adobe tell decoders the color transform; ICC the colors.
      kept.push_back(s);
    } else if (s.marker == 0xE1 && p.substr(0, 6) == std::string_view("Exif\0\0", 6) &&
               exif.empty()) {
      int o = ExifOrientationFromTiff(p.substr(6));
      if (o != 1) {
        exif = MinimalExifOrientation(o);
        kept.push_back({0xE1, exif});
      }
    }
  }
  return WriteJpegLayout(kept, bytes, layout->scan_start);
}

// Copies GIF data sub-blocks from pos; returns the position after the terminator, or npos.
size_t CopySubBlocks(std::string_view b, size_t pos, std::string* out) {
  size_t start = pos;
  while (pos < b.size()) {
    uint8_t n = ByteAt(b, pos);
    if (n == 0) {
      if (out) out->append(b.substr(start, pos + 1 - start));
      return pos + 1;
    }
    pos += 1 + size_t{n};
  }
  return std::string_view::npos;
}

Result<std::string> StripGif(std::string_view b) {
  if (b.size() < 13) return Status::ContentError("gif: truncated header");
  size_t pos = 13;
  uint8_t flags = ByteAt(b, 10);
  if (flags & 0x80) pos += 3u << ((flags & 7) + 1);
  if (pos > b.size()) return Status::ContentError("gif: truncated color table");
  std::string out(b.substr(0, pos));
  auto broken = [&] {
    return Status::ContentError("gif: block structure broken at byte " + std::to_string(pos));
  };
  while (true) {
    if (pos >= b.size()) return broken();
    uint8_t intro = ByteAt(b, pos);
    if (intro == 0x3B) {
      out.push_back(';');
      return out;
    }
    if (intro == 0x21) {
      uint8_t label = ByteAt(b, pos + 1);
      bool keep = label != 0xFE;
      if (label == 0xFF) {
        std::string_view id = b.substr(std::min(b.size(), pos + 3), 11);
        keep = id == "NETSCAPE2.0" || id == "ANIMEXTS1.0";
      }
      if (keep) out.append(b.substr(pos, 2));
      size_t next = CopySubBlocks(b, pos + 2, keep ? &out : nullptr);
      if (next == std::string_view::npos) return broken();
      pos = next;
    } else if (intro == 0x2C) {
      if (pos + 11 > b.size()) return broken();
      uint8_t iflags = ByteAt(b, pos + 9);
      size_t end = pos + 10 + ((iflags & 0x80) ? (3u << ((iflags & 7) + 1)) : 0) + 1;
      if (end > b.size()) return broken();
      out.append(b.substr(pos, end - pos));
      size_t next = CopySubBlocks(b, end, &out);
      if (next == std::string_view::npos) return broken();
      pos = next;
    } else {
      return broken();
    }
  }
}

}  // namespace

Result<std::string> StripMetadata(std::string_view bytes, ContentType type) {
  switch (type) {
    case ContentType::kPng:
      return StripPngMetadata(bytes);
    case ContentType::kJpeg:
      return StripJpegMetadata(bytes);
    case ContentType::kGif: return StripGif(bytes);
    case ContentType::kWebp: return StripWebpChunks(bytes, /*drop_metadata=*/true, /*drop_icc=*/false);
    default: return std::string(bytes);
  }
}

Status StripMetadataFilter::RewriteResource(FilterContext& ctx, std::string& bytes) {
  std::optional<ImageHeader> h = Admit(ctx, bytes, ContentType::kOther);
  if (!h) return Status::OK();
  Result<std::string> out = StripMetadata(bytes, h->type);
  if (!out.ok()) return ReportCodecStatus(ctx, out.status());
  TakeIfSmallerSamePixels(ctx, bytes, std::move(out.value()));  // container edits only
  return Status::OK();
}

}  // namespace pagebake::image
