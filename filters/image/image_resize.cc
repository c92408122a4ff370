#include "filters/image/image_resize.h"

#include <webp/encode.h>

#include <algorithm>
#include <cmath>

#include "filters/core/site.h"
#include "filters/image/color_profile.h"
#include "filters/image/image_filter_util.h"
#include "filters/image/jpeg_codec.h"
#include "filters/image/png_codec.h"
#include "filters/image/webp_codec.h"

namespace pagebake::image {
namespace {

constexpr int kMaxJpegQuality = 85;  // pagespeed's image quality

Pixels To8Bit(Pixels px) {
  if (px.depth == 8) return px;
  Pixels out;
  out.width = px.width;
  out.height = px.height;
  out.rgba.resize(px.rgba.size() / 2);
  for (size_t i = 0; i < out.rgba.size(); ++i) {
    uint32_t v = (uint32_t{px.rgba[i * 2]} << 8) | px.rgba[i * 2 + 1];
    out.rgba[i] = static_cast<uint8_t>((v * 255 + 32767) / 65535);
  }
  return out;
}

// Checks that do not need the pixels, so ResizePixels and ResizeImage refuse the same files.
Status CheckResizable(std::string_view bytes, const ImageHeader& h, uint32_t w, uint32_t ht,
                      const ImageOptions& o) {
  if (!Resizable(h, o)) return Status::Unimplemented("not a still JPEG, PNG or WebP");
  if (w > h.width || ht > h.height) return Status::Unimplemented("would upscale");
  if (h.type == ContentType::kPng) {
    Result<std::vector<PngChunk>> chunks = SplitPngChunks(bytes);
    if (!chunks.ok()) return chunks.status();
    if (IsApng(*chunks)) return Status::Unimplemented("animated PNG");
  }
  return Status::OK();
}

Result<Pixels> JpegPixels(std::string_view bytes, const JpegInfo& info, uint32_t w, uint32_t h,
                          const ImageOptions& o) {
  if (info.cmyk) return Status::Unimplemented("CMYK JPEG");
  // Orientations 5-8 swap the sides: the stored image must cover h x w.
  const bool swapped = info.orientation >= 5 && info.orientation <= 8;
  const int denom = JpegShrinkOnLoad(info.width, info.height, swapped ? h : w, swapped ? w : h);
  Result<Pixels> px = DecodeJpeg(bytes, o.max_decoded_pixels, denom);
  if (!px.ok()) return px.status();
  // The variant is written upright and without EXIF: browsers and decoders agree on it.
  return Downscale(ApplyOrientation(*px, info.orientation), w, h);
}

Result<std::string> ResizeJpeg(std::string_view bytes, uint32_t w, uint32_t h,
                               const ImageOptions& o, std::string* note, Pixels* pixels) {
  Result<JpegInfo> info = ReadJpegInfo(bytes, o.max_decoded_pixels);
  if (!info.ok()) return info.status();
  Result<Pixels> small = JpegPixels(bytes, *info, w, h, o);
  if (!small.ok()) return small.status();
  JpegEncodeOptions eo;
  eo.quality = info->quality > 0 ? std::min(kMaxJpegQuality, info->quality) : kMaxJpegQuality;
  switch (info->subsampling) {
    case ChromaSubsampling::k444:
    case ChromaSubsampling::k422:
    case ChromaSubsampling::kGray:
      eo.subsampling = info->subsampling;
      break;
    default:
      eo.subsampling = ChromaSubsampling::k420;
  }
  eo.progressive = true;
  if (Result<JpegLayout> layout = ReadJpegLayout(bytes); layout.ok())
    eo.icc = JpegIccProfile(*layout);
  if (note) *note = "jpeg q" + std::to_string(eo.quality);
  Result<std::string> out = EncodeJpeg(*small, eo);
  if (out.ok() && pixels) *pixels = std::move(small.value());
  return out;
}

Result<std::string> ResizePng(std::string_view bytes, uint32_t w, uint32_t h,
                              const ImageOptions& o, std::string* note, Pixels* pixels) {
  Result<DecodedPng> png = DecodePng(bytes, o.max_decoded_pixels);
  if (!png.ok()) return png.status();
  Result<Pixels> small = Downscale(To8Bit(std::move(png->pixels)), w, h);
  if (!small.ok()) return small.status();
  PngEncodeOptions eo;
  eo.effort = o.effort;
  eo.zopfli_seconds = o.zopfli_seconds;
  if (note) *note = "png lossless";
  Result<std::string> out = EncodePng(*small, png->color_chunks, eo);
  if (out.ok() && pixels) *pixels = std::move(small.value());
  return out;
}

Result<std::string> ResizeWebp(std::string_view bytes, const ImageHeader& header, uint32_t w,
                               uint32_t h, const ImageOptions& o, std::string* note,
                               Pixels* pixels) {
  Result<Pixels> px = DecodeWebp(bytes, o.max_decoded_pixels);
  if (!px.ok()) return px.status();
  Result<Pixels> small = Downscale(*px, w, h);
  if (!small.ok()) return small.status();
  WebpEncodeOptions eo;
  eo.lossless = header.lossless;
  eo.quality = o.webp_quality;
  eo.lossless_level = WebpLosslessLevel(o.effort);
  eo.icc = WebpIccProfile(bytes);
  if (note) *note = header.lossless ? "webp lossless" : "webp q" + std::to_string(eo.quality);
  Result<std::string> out = EncodeWebp(*small, eo);
  if (out.ok() && pixels) *pixels = std::move(small.value());
  return out;
}

}  // namespace

uint32_t ScaledSide(uint32_t side, double scale) {
  double v = std::ceil(side * scale - 1e-6);
  if (!(v >= 1)) return 1;
  return v >= side ? side : static_cast<uint32_t>(v);
}

bool Resizable(const ImageHeader& h, const ImageOptions& o) {
  if (h.animated || h.pixels() > o.max_decoded_pixels) return false;
  return h.type == ContentType::kJpeg || h.type == ContentType::kPng ||
         h.type == ContentType::kWebp;
}

std::string VariantPath(std::string_view path, uint32_t width, uint32_t height) {
  size_t slash = path.find_last_of('/');
  size_t dot = path.find_last_of('.');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash) ||
      dot == (slash == std::string_view::npos ? 0 : slash + 1))
    dot = path.size();
  return std::string(path.substr(0, dot)) + "." + std::to_string(width) + "x" +
         std::to_string(height) + std::string(path.substr(dot));
}

Result<Pixels> Downscale(const Pixels& in, uint32_t width, uint32_t height) {
  if (in.depth != 8 || width == 0 || height == 0 || width > in.width || height > in.height)
    return Status::InvalidArgument("downscale: bad size");
  if (width == in.width && height == in.height) return in;  // shrink-on-load hit the target
  WebPPicture pic;
  if (!WebPPictureInit(&pic)) return Status::Internal("libwebp version mismatch");
  pic.use_argb = 1;
  pic.width = static_cast<int>(in.width);
  pic.height = static_cast<int>(in.height);
  Pixels out;
  bool ok = WebPPictureImportRGBA(&pic, in.rgba.data(), static_cast<int>(in.row_bytes())) &&
            WebPPictureRescale(&pic, static_cast<int>(width), static_cast<int>(height));
  if (ok) {
    out.width = width;
    out.height = height;
    out.rgba.resize(size_t{width} * height * 4);
    for (uint32_t y = 0; y < height; ++y) {
      const uint32_t* row = pic.argb + size_t{y} * pic.argb_stride;
      uint8_t* dst = out.rgba.data() + size_t{y} * width * 4;
      for (uint32_t x = 0; x < width; ++x) {
        uint32_t p = row[x];
        dst[x * 4 + 0] = static_cast<uint8_t>(p >> 16);
        dst[x * 4 + 1] = static_cast<uint8_t>(p >> 8);
        dst[x * 4 + 2] = static_cast<uint8_t>(p);
        dst[x * 4 + 3] = static_cast<uint8_t>(p >> 24);
      }
    }
  }
  WebPPictureFree(&pic);
  if (!ok) return Status::Internal("libwebp could not rescale (out of memory)");
  return out;
}

Result<Pixels> ResizePixels(std::string_view bytes, uint32_t width, uint32_t height,
                            const ImageOptions& options) {
  Result<ImageHeader> h = ReadImageHeader(bytes);
  if (!h.ok()) return h.status();
  PAGEBAKE_RETURN_IF_ERROR(CheckResizable(bytes, *h, width, height, options));
  switch (h->type) {
    case ContentType::kJpeg: {
      Result<JpegInfo> info = ReadJpegInfo(bytes, options.max_decoded_pixels);
      if (!info.ok()) return info.status();
      return JpegPixels(bytes, *info, width, height, options);
    }
    case ContentType::kPng: {
      Result<DecodedPng> png = DecodePng(bytes, options.max_decoded_pixels);
      if (!png.ok()) return png.status();
      return Downscale(To8Bit(std::move(png->pixels)), width, height);
    }
    default: {
      Result<Pixels> px = DecodeWebp(bytes, options.max_decoded_pixels);
      if (!px.ok()) return px.status();
      return Downscale(*px, width, height);
    }
  }
}

Result<std::string> ResizeImage(std::string_view bytes, uint32_t width, uint32_t height,
                                const ImageOptions& options, std::string* note, Pixels* pixels) {
  Result<ImageHeader> h = ReadImageHeader(bytes);
  if (!h.ok()) return h.status();
  PAGEBAKE_RETURN_IF_ERROR(CheckResizable(bytes, *h, width, height, options));
  switch (h->type) {
    case ContentType::kJpeg: return ResizeJpeg(bytes, width, height, options, note, pixels);
    case ContentType::kPng: return ResizePng(bytes, width, height, options, note, pixels);
    default: return ResizeWebp(bytes, *h, width, height, options, note, pixels);
  }
}

Status ResizeVariant(FilterContext& ctx, std::string& bytes) {
  const Resource* r = ctx.resource();
  if (!r || !r->resize || r->resize->filter != ctx.filter_id()) return Status::OK();
  std::string note;
  // img-webp makes its WebP of this variant from the same pixels (see HandOffPixels).
  const bool hand_off = FilterEnabled(ctx.options(), "img-webp");
  Pixels pixels;
  Result<std::string> out = ResizeImage(bytes, r->resize->width, r->resize->height,
                                        ctx.options().image, &note, hand_off ? &pixels : nullptr);
  if (!out.ok()) {
    if (out.status().code() != StatusCode::kUnimplemented)
      return ReportCodecStatus(ctx, out.status());
    ++ctx.counters().fallbacks;
    ctx.Note("not resized (the pages keep the original): " + out.status().message());
    return Status::OK();
  }
  bytes = std::move(out.value());
  if (hand_off) HandOffPixels(bytes, std::move(pixels));
  ++ctx.counters().rewrites;
  return Status::OK();
}

bool VariantReady(const Resource& v) {
  if (!v.resize) return false;
  Result<ImageHeader> h = ReadImageHeader(v.bytes);
  return h.ok() && h->width == v.resize->width && h->height == v.resize->height;
}

Resource* AddResizeVariant(Site& site, Resource& src, uint32_t width, uint32_t height,
                           std::string_view filter) {
  std::string vpath = VariantPath(src.path, width, height);
  Resource* v = site.FindOrAddGenerated(vpath, src.type, src.bytes, {src.path});
  if (!v || (v->resize && (v->resize->width != width || v->resize->height != height)))
    return nullptr;
  if (!v->resize) v->resize = ResizeTarget{width, height, std::string(filter)};
  v->needs_reference = true;
  if (std::find(src.variants.begin(), src.variants.end(), vpath) == src.variants.end())
    src.variants.push_back(std::move(vpath));
  return v;
}

}  // namespace pagebake::image
