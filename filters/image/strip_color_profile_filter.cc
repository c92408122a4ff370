#include "filters/image/strip_color_profile_filter.h"

#include "filters/image/color_profile.h"
#include "filters/image/png_codec.h"
#include "filters/image/webp_codec.h"

namespace pagebake::image {
namespace {

Result<std::string> StripPngSrgbProfile(std::string_view bytes) {
  Result<std::vector<PngChunk>> chunks = SplitPngChunks(bytes);
  if (!chunks.ok()) return chunks.status();
  std::vector<PngChunk> color;
  for (const PngChunk& c : *chunks)
    if (IsPngColorChunk(c.type)) color.push_back(c);
  if (color.empty() || ClassifyPngColor(color) != PngColor::kSrgb) return std::string(bytes);
  std::vector<PngChunk> kept;
  for (PngChunk& c : *chunks)
    if (!IsPngColorChunk(c.type)) kept.push_back(std::move(c));
  return JoinPngChunks(kept);
}

Result<std::string> StripJpegSrgbProfile(std::string_view bytes) {
  Result<JpegLayout> layout = ReadJpegLayout(bytes);
  if (!layout.ok()) return layout.status();
  std::string icc = JpegIccProfile(*layout);
  if (icc.empty() || !IsSrgbIcc(icc)) return std::string(bytes);
  std::vector<JpegSegment> kept;
  for (const JpegSegment& s : layout->segments)
    if (!(s.marker == 0xE2 && s.payload.substr(0, 12) == std::string_view("ICC_PROFILE\0", 12)))
      kept.push_back(s);
  return WriteJpegLayout(kept, bytes, layout->scan_start);
}

}  // namespace

Result<std::string> StripColorProfile(std::string_view bytes, ContentType type) {
  switch (type) {
    case ContentType::kPng:
      return StripPngSrgbProfile(bytes);
    case ContentType::kJpeg:
      return StripJpegSrgbProfile(bytes);
    case ContentType::kWebp: {
      std::string icc = WebpIccProfile(bytes);
      if (icc.empty() || !IsSrgbIcc(icc)) return std::string(bytes);
      return StripWebpChunks(bytes, /*drop_metadata=*/false, /*drop_icc=*/true);
    }
    default: return std::string(bytes);
  }
}

Status StripColorProfileFilter::RewriteResource(FilterContext& ctx, std::string& bytes) {
  std::optional<ImageHeader> h = Admit(ctx, bytes, ContentType::kOther);
  if (!h) return Status::OK();
  Result<std::string> out = StripColorProfile(bytes, h->type);
  if (!out.ok()) return ReportCodecStatus(ctx, out.status());
  // Only sRGB profiles go: the pixels and how they render stay the same.
  TakeIfSmallerSamePixels(ctx, bytes, std::move(out.value()));
  return Status::OK();
}

}  // namespace pagebake::image
