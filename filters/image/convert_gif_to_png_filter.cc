#include "filters/image/convert_gif_to_png_filter.h"

#include "filters/image/gif_codec.h"
#include "filters/image/png_codec.h"

namespace pagebake::image {

Result<std::string> GifToPng(std::string_view bytes, const ImageOptions& options) {
  Result<ImageHeader> h = ReadImageHeader(bytes);
  if (!h.ok()) return h.status();
  if (h->animated) return Status::Unimplemented("animated GIF (img-webp handles those)");
  Pixels still;
  GifLimits limits{options.max_decoded_pixels, 1};
  Result<GifInfo> info = DecodeGif(bytes, limits, [&](const Pixels& canvas, int) {
    still = canvas;
    return Status::OK();
  });
  if (!info.ok()) return info.status();
  PngEncodeOptions eo;
  eo.effort = options.effort;
  eo.zopfli_seconds = options.zopfli_seconds;
  return EncodePng(still, {}, eo);
}

Status ConvertGifToPngFilter::RewriteResource(FilterContext& ctx, std::string& bytes) {
  std::optional<ImageHeader> h = Admit(ctx, bytes, ContentType::kGif);
  if (!h || h->animated) return Status::OK();
  Result<std::string> png = GifToPng(bytes, ctx.options().image);
  if (!png.ok()) return ReportCodecStatus(ctx, png.status());
  if (TakeIfSmaller(ctx, bytes, std::move(png.value()))) {
    ctx.new_extension = ".png";
    ctx.new_type = ContentType::kPng;
  }
  return Status::OK();
}

}  // namespace pagebake::image
