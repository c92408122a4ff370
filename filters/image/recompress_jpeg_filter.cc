#include "filters/image/recompress_jpeg_filter.h"

#include "filters/image/color_profile.h"
#include "filters/image/jpeg_codec.h"

namespace pagebake::image {
namespace {

constexpr size_t kProgressiveAbove = 10 * 1024;

ChromaSubsampling LossySubsampling(const JpegInfo& info, const Options& options) {
  if (info.subsampling == ChromaSubsampling::kGray) return ChromaSubsampling::kGray;
  if (FilterEnabled(options, "img-jpeg-subsampling")) return ChromaSubsampling::k420;
  if (info.subsampling == ChromaSubsampling::kOther) return ChromaSubsampling::k420;
  return info.subsampling;
}

}  // namespace

Result<std::string> RecompressJpeg(std::string_view bytes, const Options& options,
                                   std::string* note) {
  const ImageOptions& io = options.image;
  Result<JpegInfo> info = ReadJpegInfo(bytes, io.max_decoded_pixels);
  if (!info.ok()) return info.status();
  JpegTranscodeOptions to;
  to.progressive = bytes.size() > kProgressiveAbove;
  to.orientation = info->orientation;
  to.max_pixels = io.max_decoded_pixels;
  Result<std::string> lossless = TranscodeJpeg(bytes, to);
  if (!lossless.ok()) return lossless.status();
  std::string best = std::move(lossless.value());
  if (note) *note = "lossless";
  if (io.jpeg_quality > 0 && !info->cmyk && info->quality > io.jpeg_quality) {
    Result<Pixels> px = DecodeJpeg(bytes, io.max_decoded_pixels);
    if (px.ok()) {
      JpegEncodeOptions eo;
      eo.quality = io.jpeg_quality;
      eo.subsampling = LossySubsampling(*info, options);
      eo.progressive = to.progressive;
      eo.orientation = info->orientation;
      Result<JpegLayout> layout = ReadJpegLayout(bytes);
      if (layout.ok()) eo.icc = JpegIccProfile(*layout);
      Result<std::string> lossy = EncodeJpeg(*px, eo);
      if (lossy.ok() && lossy->size() < best.size()) {
        best = std::move(lossy.value());
        if (note) *note = "lossy q" + std::to_string(io.jpeg_quality) + " (source ~q" +
                          std::to_string(info->quality) + ")";
      }
    }
  }
  if (best.size() >= bytes.size()) return std::string(bytes);
  return best;
}

Status RecompressJpegFilter::RewriteResource(FilterContext& ctx, std::string& bytes) {
  if (!Admit(ctx, bytes, ContentType::kJpeg)) return Status::OK();
  std::string note;
  Result<std::string> out = RecompressJpeg(bytes, ctx.options(), &note);
  if (!out.ok()) return ReportCodecStatus(ctx, out.status());
  // Only the transcode keeps the DCT coefficients (so the pixels); a lossy re-encode does not.
  if (note == "lossless")
    TakeIfSmallerSamePixels(ctx, bytes, std::move(out.value()));
  else
    TakeIfSmaller(ctx, bytes, std::move(out.value()));
  return Status::OK();
}

}  // namespace pagebake::image
