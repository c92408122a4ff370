// The cheap path: what an image is (type, size, animation, alpha, depth, orientation) from its
// first bytes, without decoding pixels or allocating for them. Used by
// html-insert-image-dimensions, budgets, and by every image filter to check limits
// (ImageOptions::max_decoded_pixels) before any decoder allocates.
//
// Stable API: other families depend on it. Add fields, never change the meaning of one.
#ifndef PAGEBAKE_IMAGE_IMAGE_HEADER_H_
#define PAGEBAKE_IMAGE_IMAGE_HEADER_H_

#include <cstdint>
#include <optional>
#include <string_view>

#include "filters/core/content_type.h"
#include "pagebake/status.h"

namespace pagebake::image {

struct ImageHeader {
  ContentType type = ContentType::kOther;  // kPng, kJpeg, kGif or kWebp
  // The size a browser lays the image out at: for JPEG with an EXIF orientation of 5..8 the
  // stored width and height are swapped here (as browsers do with image-orientation:
  // from-image, the default). For GIF: the logical screen.
  uint32_t width = 0;
  uint32_t height = 0;
  // As stored in the file, before any EXIF rotation.
  uint32_t stored_width = 0;
  uint32_t stored_height = 0;
  // APNG (acTL before IDAT), GIF with more than one image, WebP with the animation flag.
  bool animated = false;
  // Whether the image can have transparent pixels, when the header tells (PNG: color type or
  // tRNS; GIF: a transparent color in a graphic control extension; WebP: VP8X/VP8L flag).
  // Absent when only decoding would tell. JPEG: always false.
  std::optional<bool> has_alpha;
  // Bits per sample (PNG 1..16, JPEG 8 or 12, GIF/WebP 8).
  int bit_depth = 8;
  // Samples per pixel as stored (PNG palette = 1, JPEG 1/3/4 (CMYK), 0 when unknown).
  int channels = 0;
  // EXIF orientation 1..8 (JPEG, from APP1 before the first frame); 1 when absent.
  int orientation = 1;
  // PNG interlaced (Adam7) or progressive JPEG.
  bool interlaced = false;
  // PNG palette image.
  bool palette = false;
  // WebP: the bitstream is VP8L (lossless). PNG/GIF: true. JPEG: false.
  bool lossless = false;

  uint64_t pixels() const { return uint64_t{stored_width} * stored_height; }
};

// Reads the header of a PNG, JPEG, GIF or WebP file. Looks at as few bytes as it can (PNG
// chunks up to IDAT, JPEG markers up to the first SOF, GIF blocks skipped by length, WebP
// chunk headers). ContentError when the bytes are not one of those formats or are truncated
// before the size is known; a zero width or height is a ContentError too.
Result<ImageHeader> ReadImageHeader(std::string_view bytes);

// The Orientation tag (1..8) of IFD0 of an EXIF TIFF structure ("II*\0..." or "MM\0*...",
// without JPEG's "Exif\0\0" prefix); 1 when absent or unreadable.
int ExifOrientationFromTiff(std::string_view tiff);

}  // namespace pagebake::image

#endif  // PAGEBAKE_IMAGE_IMAGE_HEADER_H_
