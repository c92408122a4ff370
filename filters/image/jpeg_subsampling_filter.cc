#include "filters/image/jpeg_subsampling_filter.h"

#include <algorithm>
#include <cstdio>

#include "filters/image/color_profile.h"
#include "filters/image/jpeg_codec.h"

namespace pagebake::image {

Result<std::string> SubsampleJpeg(std::string_view bytes, const Options& options,
                                  std::string* note) {
  const ImageOptions& io = options.image;
  if (io.jpeg_quality <= 0) return Status::Unimplemented("lossy output not allowed");
  Result<JpegInfo> info = ReadJpegInfo(bytes, io.max_decoded_pixels);
  if (!info.ok()) return info.status();
  if (info->cmyk || (info->subsampling != ChromaSubsampling::k444 &&
                     info->subsampling != ChromaSubsampling::k422))
    return Status::Unimplemented("already subsampled, gray or CMYK");
  Result<Pixels> px = DecodeJpeg(bytes, io.max_decoded_pixels);
  if (!px.ok()) return px.status();
  JpegEncodeOptions eo;
  eo.quality = std::min(io.jpeg_quality, info->quality > 0 ? info->quality : io.jpeg_quality);
  eo.subsampling = ChromaSubsampling::k420;
  eo.progressive = bytes.size() > 10 * 1024;
  eo.orientation = info->orientation;
  Result<JpegLayout> layout = ReadJpegLayout(bytes);
  if (layout.ok()) eo.icc = JpegIccProfile(*layout);
  Result<std::string> out = EncodeJpeg(*px, eo);
  if (!out.ok()) return out.status();
  if (out->size() >= bytes.size()) return Status::Unimplemented("not smaller");
  Result<Pixels> back = DecodeJpeg(*out, io.max_decoded_pixels);
  if (!back.ok()) return back.status();
  double ssim = Ssim(*px, *back);
  char buf[64];
  std::snprintf(buf, sizeof(buf), "SSIM %.4f", ssim);
  if (note) *note = buf;
  if (ssim < io.min_ssim) return Status::Unimplemented(std::string(buf) + " below min-ssim");
  return out;
}

Status JpegSubsamplingFilter::RewriteResource(FilterContext& ctx, std::string& bytes) {
  if (!Admit(ctx, bytes, ContentType::kJpeg)) return Status::OK();
  Result<std::string> out = SubsampleJpeg(bytes, ctx.options());
  if (!out.ok()) {
    if (out.status().code() == StatusCode::kUnimplemented) return Status::OK();
    return ReportCodecStatus(ctx, out.status());
  }
  TakeIfSmaller(ctx, bytes, std::move(out.value()));
  return Status::OK();
}

}  // namespace pagebake::image
