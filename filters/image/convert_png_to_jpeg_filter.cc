#include "filters/image/convert_png_to_jpeg_filter.h"

#include <cstdio>

#include "filters/image/color_profile.h"
#include "filters/image/jpeg_codec.h"
#include "filters/image/png_codec.h"

namespace pagebake::image {
namespace {

// More than 256 distinct colors: a palette cannot hold it, so it is not flat artwork.
bool ManyColors(const Pixels& p) {
  std::vector<uint32_t> seen;
  seen.reserve(257);
  size_t n = size_t{p.width} * p.height;
  uint32_t last = 0xFFFFFFFF;
  for (size_t i = 0; i < n; ++i) {
    const uint8_t* s = &p.rgba[i * 4];
    uint32_t c = uint32_t{s[0]} << 16 | uint32_t{s[1]} << 8 | s[2];
    if (c == last) continue;
    last = c;
    bool found = false;
    for (uint32_t v : seen)
      if (v == c) { found = true; break; }
    if (!found) {
      seen.push_back(c);
      if (seen.size() > 256) return true;
    }
  }
  return false;
}

}  // namespace

Result<std::string> PngToJpeg(std::string_view bytes, const Options& options,
                              std::string* note) {
  const ImageOptions& io = options.image;
  Result<std::vector<PngChunk>> chunks = SplitPngChunks(bytes);
  if (!chunks.ok()) return chunks.status();
  if (IsApng(*chunks)) return Status::Unimplemented("APNG");
  Result<DecodedPng> png = DecodePng(bytes, io.max_decoded_pixels);
  if (!png.ok()) return png.status();
  const Pixels& p = png->pixels;
  if (p.depth != 8) return Status::Unimplemented("16-bit PNG");
  PngColor color = ClassifyPngColor(png->color_chunks);
  if (color == PngColor::kOther || color == PngColor::kIcc)
    return Status::Unimplemented("color profile a JPEG would not keep");
  if (!IsOpaque(p)) return Status::Unimplemented("has transparency");
  if (!ManyColors(p)) return Status::Unimplemented("256 colors or fewer (not photographic)");
  bool gray = png->color_type == 0 || png->color_type == 4;
  JpegEncodeOptions eo;
  eo.quality = io.png_to_jpeg_quality;
  eo.subsampling = gray ? ChromaSubsampling::kGray
                   : FilterEnabled(options, "img-jpeg-subsampling") ? ChromaSubsampling::k420
                                                                    : ChromaSubsampling::k444;
  eo.progressive = true;
  Result<std::string> jpeg = EncodeJpeg(p, eo);
  if (!jpeg.ok()) return jpeg.status();
  if (jpeg->size() >= bytes.size()) return Status::Unimplemented("JPEG not smaller");
  Result<Pixels> back = DecodeJpeg(*jpeg, io.max_decoded_pixels);
  if (!back.ok()) return back.status();
  double ssim = Ssim(p, *back);
  char buf[64];
  std::snprintf(buf, sizeof(buf), "SSIM %.4f", ssim);
  if (note) *note = buf;
  if (ssim < io.min_ssim)
    return Status::Unimplemented(std::string(buf) + " below min-ssim (not photographic)");
  return jpeg;
}

Status ConvertPngToJpegFilter::RewriteResource(FilterContext& ctx, std::string& bytes) {
  if (!Admit(ctx, bytes, ContentType::kPng)) return Status::OK();
  std::string note;
  Result<std::string> jpeg = PngToJpeg(bytes, ctx.options(), &note);
  if (!jpeg.ok()) {
    if (jpeg.status().code() == StatusCode::kUnimplemented) return Status::OK();  // not a fit
    return ReportCodecStatus(ctx, jpeg.status());
  }
  if (TakeIfSmaller(ctx, bytes, std::move(jpeg.value()))) {
    ctx.new_extension = ".jpg";
    ctx.new_type = ContentType::kJpeg;
    ctx.Note("converted to JPEG, " + note);
  }
  return Status::OK();
}

}  // namespace pagebake::image
