// Downscaling shared by img-resize and img-responsive: decode (JPEG: shrink on load), make
// upright, rescale with libwebp's WebPPictureRescale (area-averaging, alpha premultiplied while
// it averages), and encode again in the source's format, keeping its color profile. Plus the
// naming of variants and the admission rule (which images may be resized at all).
#ifndef PAGEBAKE_IMAGE_IMAGE_RESIZE_H_
#define PAGEBAKE_IMAGE_IMAGE_RESIZE_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "filters/core/filter.h"
#include "filters/image/image_header.h"
#include "filters/image/pixels.h"
#include "pagebake/image_options.h"
#include "pagebake/status.h"

namespace pagebake::image {

// Resizing is worth doing only when the variant has at most this share of the pixels.
inline constexpr double kMinPixelShareSaved = 0.10;

// A side of `side` pixels scaled by `scale` (< 1), rounded up so the variant covers the
// declared box; 1..side.
uint32_t ScaledSide(uint32_t side, double scale);

// Whether an image of this header can be resized: a still JPEG, PNG or WebP within
// max-decoded-pixels. GIF (still or animated), SVG, APNG and animated WebP cannot.
bool Resizable(const ImageHeader& header, const ImageOptions& options);

// "img/photo.jpg" -> "img/photo.400x300.jpg" ("a" -> "a.400x300").
std::string VariantPath(std::string_view source_path, uint32_t width, uint32_t height);

// Area-averaging downscale of 8-bit RGBA pixels to width x height (never larger than the input
// on either side).
Result<Pixels> Downscale(const Pixels& in, uint32_t width, uint32_t height);

// The image `bytes` at width x height pixels (upright: EXIF orientation applied), in its own
// format: JPEG at quality min(85, estimated source quality), progressive, optimized Huffman,
// the source's chroma subsampling; PNG lossless from the resized pixels (8-bit) with the
// source's color chunks; WebP lossless when the source is, else lossy at webp-quality. ICC
// profiles are kept. Unimplemented for images Resizable() refuses; ContentError for damage.
// `pixels`, when given, receives the pixels the variant was encoded from (see ResizePixels):
// img-webp encodes those instead of decoding the variant again.
Result<std::string> ResizeImage(std::string_view bytes, uint32_t width, uint32_t height,
                                const ImageOptions& options, std::string* note = nullptr,
                                Pixels* pixels = nullptr);

// The pixels ResizeImage encodes, without encoding them: upright 8-bit RGBA, width x height,
// area-averaged. A JPEG is first decoded at 1/2, 1/4 or 1/8 scale when that is still at least
// twice the target (libjpeg's scaled IDCT; libvips shrinks on load the same way). Refuses what
// ResizeImage refuses.
Result<Pixels> ResizePixels(std::string_view bytes, uint32_t width, uint32_t height,
                            const ImageOptions& options);

// What both filters do in RewriteResource: when the resource being rewritten is a variant
// planned by this filter, replace `bytes` (a copy of its source) by the resized image. A failed
// resize leaves the bytes alone (counted as a fallback); the page pass then does not use it.
Status ResizeVariant(FilterContext& ctx, std::string& bytes);
// Plans the width x height variant of `src` for `filter` (PlanSite only): adds or finds the
// generated resource at VariantPath, marks it needs_reference, records it on `src`. nullptr
// when that name is taken by another file or by a variant of another size.
Resource* AddResizeVariant(Site& site, Resource& src, uint32_t width, uint32_t height,
                           std::string_view filter);

// Whether variant `v` was made: a resized variant whose final header has its planned size.
bool VariantReady(const Resource& v);

}  // namespace pagebake::image

#endif  // PAGEBAKE_IMAGE_IMAGE_RESIZE_H_
