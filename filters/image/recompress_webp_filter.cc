#include "filters/image/recompress_webp_filter.h"

#include "filters/image/webp_codec.h"

namespace pagebake::image {

Result<std::string> RecompressWebp(std::string_view bytes, const ImageOptions& options,
                                   std::string* note) {
  Result<ImageHeader> h = ReadImageHeader(bytes);
  if (!h.ok()) return h.status();
  Result<std::string> stripped = StripWebpChunks(bytes, /*drop_metadata=*/true, /*drop_icc=*/false);
  if (!stripped.ok()) return stripped.status();
  std::string best = std::move(stripped.value());
  if (note) *note = "metadata";
  if (h->lossless && !h->animated) {
    Result<Pixels> px = DecodeWebp(bytes, options.max_decoded_pixels);
    if (!px.ok()) return px.status();
    WebpEncodeOptions eo;
    eo.lossless = true;
    eo.lossless_level = WebpLosslessLevel(options.effort);
    eo.icc = WebpIccProfile(bytes);
    Result<std::string> out = EncodeWebp(*px, eo);
    if (!out.ok()) return out.status();
    if (out->size() < best.size()) {
      best = std::move(out.value());
      if (note) *note = "lossless -z " + std::to_string(eo.lossless_level);
    }
  }
  if (best.size() >= bytes.size()) return std::string(bytes);
  return best;
}

Status RecompressWebpFilter::RewriteResource(FilterContext& ctx, std::string& bytes) {
  if (!Admit(ctx, bytes, ContentType::kWebp)) return Status::OK();
  Result<std::string> out = RecompressWebp(bytes, ctx.options().image);
  if (!out.ok()) return ReportCodecStatus(ctx, out.status());
  TakeIfSmaller(ctx, bytes, std::move(out.value()));
  return Status::OK();
}

}  // namespace pagebake::image
