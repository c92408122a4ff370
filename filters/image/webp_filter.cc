#include "filters/image/webp_filter.h"

#include <cstdio>
#include <optional>

#include "filters/core/site.h"
#include "filters/image/color_profile.h"
#include "filters/image/gif_codec.h"
#include "filters/image/jpeg_codec.h"
#include "filters/image/png_codec.h"
#include "filters/image/webp_codec.h"
#include "filters/image/webp_serve.h"

namespace pagebake::image {
namespace {

Result<std::string> FromJpeg(std::string_view bytes, const ImageOptions& o, const Deadline& deadline,
                             std::string* note, const Pixels* given) {
  Pixels decoded;
  if (!given) {
    Result<JpegInfo> info = ReadJpegInfo(bytes, o.max_decoded_pixels);
    if (!info.ok()) return info.status();
    Result<Pixels> px = DecodeJpeg(bytes, o.max_decoded_pixels);
    if (!px.ok()) return px.status();
    // WebP has no EXIF orientation browsers agree on: bake it into the pixels.
    decoded = ApplyOrientation(*px, info->orientation);
  }
  const Pixels& upright = given ? *given : decoded;
  WebpEncodeOptions eo;
  eo.deadline = &deadline;
  eo.lossless = false;
  eo.quality = o.webp_quality;
  Result<JpegLayout> layout = ReadJpegLayout(bytes);
  if (layout.ok()) eo.icc = JpegIccProfile(*layout);
  // The same guard as the other lossy paths: a variant visibly worse than the JPEG is not
  // served (a silent loss for WebP-capable browsers only). q80 misses SSIM 0.98 on most
  // photos of the corpus (0.93-0.98), so step the quality up until it passes; the variant
  // must still be smaller than the JPEG (checked by the caller).
  std::string tried;
  int last_q = -1;
  for (int q : {o.webp_quality, std::max(o.webp_quality, 90), std::max(o.webp_quality, 95)}) {
    if (q == last_q) continue;  // the same encode again
    last_q = q;
    eo.quality = q;
    Result<std::string> webp = EncodeWebp(upright, eo);
    if (!webp.ok()) return webp;
    if (webp->size() >= bytes.size()) break;  // higher qualities only grow
    if (o.min_ssim <= 0) {  // no floor asked for: no decode and SSIM to check it against
      if (note) note->assign("lossy q").append(std::to_string(q));
      return webp;
    }
    Result<Pixels> back = DecodeWebp(*webp, o.max_decoded_pixels);
    if (!back.ok()) return back.status();
    double ssim = Ssim(upright, *back);
    char buf[64];
    std::snprintf(buf, sizeof(buf), "q%d SSIM %.4f", q, ssim);
    tried = buf;
    if (ssim >= o.min_ssim) {
      if (note) note->assign("lossy ").append(tried);
      return webp;
    }
    if (q == std::max(o.webp_quality, 95)) break;
  }
  return Status::Unimplemented("no lossy WebP smaller than the JPEG with SSIM >= min-ssim (" +
                               tried + ")");
}

Result<std::string> FromPng(std::string_view bytes, const ImageOptions& o, const Deadline& deadline,
                             std::string* note, const Pixels* given) {
  Result<std::vector<PngChunk>> chunks = SplitPngChunks(bytes);
  if (!chunks.ok()) return chunks.status();
  if (IsApng(*chunks)) return Status::Unimplemented("APNG");
  // Handed-off pixels need no decode; the color rules below read the same chunks.
  Result<DecodedPng> png = DecodedPng{};
  if (given) {
    for (const PngChunk& c : *chunks)
      if (IsPngColorChunk(c.type)) png->color_chunks.push_back(c);
  } else {
    png = DecodePng(bytes, o.max_decoded_pixels);
    if (!png.ok()) return png.status();
  }
  WebpEncodeOptions eo;
  eo.deadline = &deadline;
  eo.lossless = true;
  eo.lossless_level = WebpLosslessLevel(o.effort);
  switch (ClassifyPngColor(png->color_chunks)) {
    case PngColor::kUntagged:
    case PngColor::kSrgb:
      break;  // WebP without a profile renders as sRGB
    case PngColor::kIcc:
      for (const PngChunk& c : png->color_chunks)
        if (c.type == "iCCP") eo.icc = PngIccProfile(c);
      if (eo.icc.empty()) return Status::Unimplemented("unreadable iCCP");
      break;
    case PngColor::kOther:
      // The issue-7 gAMA pitfall: WebP cannot say "gamma 1.0"; the pixels would look different.
      return Status::Unimplemented("gAMA/cHRM other than sRGB (WebP cannot carry them)");
  }
  if (note) *note = "lossless -z " + std::to_string(eo.lossless_level);
  if (given) return EncodeWebp(*given, eo);
  Pixels px = std::move(png->pixels);
  if (px.depth == 16) {
    for (size_t i = 0; i < px.rgba.size(); i += 2)
      if (px.rgba[i] != px.rgba[i + 1])
        return Status::Unimplemented("16-bit samples (WebP is 8-bit: not exact)");
    Pixels p8;
    p8.width = px.width;
    p8.height = px.height;
    p8.rgba.resize(px.rgba.size() / 2);
    for (size_t i = 0; i < p8.rgba.size(); ++i) p8.rgba[i] = px.rgba[i * 2];
    px = std::move(p8);
  }
  return EncodeWebp(px, eo);
}

Result<std::string> FromGif(std::string_view bytes, const ImageOptions& o, const Deadline& deadline,
                             std::string* note) {
  Result<ImageHeader> h = ReadImageHeader(bytes);
  if (!h.ok()) return h.status();
  GifLimits limits{o.max_decoded_pixels, o.max_animation_frames};
  const int level = WebpLosslessLevel(o.effort);
  if (!h->animated) {
    Pixels still;
    Result<GifInfo> info = DecodeGif(bytes, limits, [&](const Pixels& canvas, int) {
      still = canvas;
      return Status::OK();
    });
    if (!info.ok()) return info.status();
    WebpEncodeOptions eo;
    eo.deadline = &deadline;
    eo.lossless = true;
    eo.lossless_level = level;
    if (note) *note = "lossless";
    return EncodeWebp(still, eo);
  }
  // The loop count is only known after the first frames; encode with a placeholder and fix
  // it at the end (Finish sets what DecodeGif reported).
  std::unique_ptr<WebpAnimationEncoder> enc;
  Result<GifInfo> info = DecodeGif(bytes, limits, [&](const Pixels& canvas, int ms) {
    if (deadline.Passed()) return Status::ContentError("webp: encode stopped (max_file_seconds)");
    if (!enc) enc = std::make_unique<WebpAnimationEncoder>(canvas.width, canvas.height, 0, level);
    return enc->AddFrame(canvas, ms);
  });
  if (!info.ok()) return info.status();
  enc->SetLoopCount(info->loop_count);
  if (note) *note = "animated, " + std::to_string(info->frames) + " frames";
  return enc->Finish();
}

}  // namespace

Result<std::string> MakeWebpVariant(std::string_view bytes, const ImageOptions& options,
                                    std::string* note, const Deadline& deadline,
                                    const Pixels* pixels) {
  Result<ImageHeader> h = ReadImageHeader(bytes);
  if (!h.ok()) return h.status();
  if (pixels && pixels->depth != 8) return Status::Internal("MakeWebpVariant: 8-bit pixels only");
  switch (h->type) {
    case ContentType::kJpeg: return FromJpeg(bytes, options, deadline, note, pixels);
    case ContentType::kPng: return FromPng(bytes, options, deadline, note, pixels);
    case ContentType::kGif: return FromGif(bytes, options, deadline, note);
    default: return Status::Unimplemented("not a JPEG, PNG or GIF");
  }
}

Status WebpFilter::RewriteResource(FilterContext& ctx, std::string& bytes) {
  if (ctx.resource() && ctx.resource()->type == ContentType::kCss) {
    if (ctx.options().image.webp_mode != WebpMode::kReplace) return Status::OK();
    // The variant's URL is longer than the original's: kMayGrow (replace mode) lets it stand.
    return ReplaceWebpInCss(ctx, bytes);
  }
  if (!Admit(ctx, bytes, ContentType::kOther)) return Status::OK();
  std::string note;
  // A resized variant comes with the pixels it was encoded from (no decode, no JPEG loss).
  std::optional<Pixels> resized = TakeHandedOffPixels(bytes);
  Result<std::string> webp = MakeWebpVariant(bytes, ctx.options().image, &note, ctx.deadline,
                                             resized ? &*resized : nullptr);
  if (!webp.ok()) {
    if (webp.status().code() == StatusCode::kUnimplemented) {
      ctx.Note("no WebP variant: " + webp.status().message());
      return Status::OK();
    }
    return ReportCodecStatus(ctx, webp.status());
  }
  // The issue-7 gif2webp pitfall: a variant that is not smaller is not written.
  if (webp->size() >= bytes.size()) return Status::OK();
  if (ctx.site() && ctx.resource()) {
    const Resource& r = *ctx.resource();
    Resource* v = ctx.site()->AddGenerated(r.path + ".webp", ContentType::kWebp, std::move(webp.value()),
                             {r.path});
    if (v) v->needs_reference = true;  // written only when a page or sheet serves it
    ++ctx.counters().rewrites;
  }
  return Status::OK();
}

Status WebpFilter::RewriteHtml(FilterContext& ctx, html::Document& doc) {
  return ServeWebpInPage(ctx, doc, ctx.options().image.webp_mode);
}

}  // namespace pagebake::image
