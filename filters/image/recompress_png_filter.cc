#include "filters/image/recompress_png_filter.h"

#include "filters/image/jpeg_codec.h"
#include "filters/image/png_codec.h"

namespace pagebake::image {

Result<std::string> RecompressPng(std::string_view bytes, const ImageOptions& options,
                                  std::string* note) {
  Result<std::vector<PngChunk>> chunks = SplitPngChunks(bytes);
  if (!chunks.ok()) return chunks.status();
  if (IsApng(*chunks))
    return Status::Unimplemented("APNG left as is (re-encoding would drop its animation)");
  Result<DecodedPng> decoded = DecodePng(bytes, options.max_decoded_pixels);
  if (!decoded.ok()) return decoded.status();
  std::vector<PngChunk> keep = decoded->color_chunks;
  for (const PngChunk& c : *chunks) {
    // Browsers that honor eXIf rotate by it: keep the orientation, drop the rest.
    int o = c.type == "eXIf" ? ExifOrientationFromTiff(c.data) : 1;
    if (o != 1) keep.push_back({"eXIf", MinimalExifOrientation(o).substr(6)});
  }
  PngEncodeOptions eo;
  eo.effort = options.effort;
  eo.zopfli_seconds = options.zopfli_seconds;
  PngEncodeInfo info;
  Result<std::string> out = EncodePng(decoded->pixels, keep, eo, &info);
  if (!out.ok()) return out.status();
  if (note) {
    *note = "color type " + std::to_string(decoded->color_type) + "/" +
            std::to_string(decoded->bit_depth) + " -> " + std::to_string(info.color_type) + "/" +
            std::to_string(info.bit_depth) + ", filter " + std::to_string(info.filter_strategy) +
            ", " + info.deflater + (info.zopfli_skipped ? " (zopfli skipped: budget)" : "");
  }
  if (out->size() >= bytes.size()) return std::string(bytes);
  return out;
}

Status RecompressPngFilter::RewriteResource(FilterContext& ctx, std::string& bytes) {
  if (!Admit(ctx, bytes, ContentType::kPng)) return Status::OK();
  std::string note;
  Result<std::string> out = RecompressPng(bytes, ctx.options().image, &note);
  if (!out.ok()) {
    if (out.status().code() == StatusCode::kUnimplemented) {
      ctx.Note(out.status().message());
      return Status::OK();
    }
    return ReportCodecStatus(ctx, out.status());
  }
  TakeIfSmallerSamePixels(ctx, bytes, std::move(out.value()));  // pixel-exact by design
  return Status::OK();
}

}  // namespace pagebake::image
