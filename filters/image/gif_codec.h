// GIF shim over giflib: decodes frame by frame (never the whole file at once, so an LZW bomb
// costs one frame of memory), composites each frame on an RGBA canvas the way browsers do
// (local palettes, transparency, disposal none/background/previous; "background" clears to
// transparent, as every browser does), and hands each composited canvas to a callback.
#ifndef PAGEBAKE_IMAGE_GIF_CODEC_H_
#define PAGEBAKE_IMAGE_GIF_CODEC_H_

#include <functional>
#include <string_view>

#include "filters/image/pixels.h"
#include "pagebake/status.h"

namespace pagebake::image {

struct GifInfo {
  uint32_t width = 0, height = 0;  // logical screen
  int frames = 0;
  // NETSCAPE2.0 loop count: 0 = forever; 1 when the extension is absent (browsers play such
  // a GIF once).
  int loop_count = 1;
};

struct GifLimits {
  uint64_t max_pixels = UINT64_MAX;  // per canvas and per frame
  int max_frames = 10000;
};

// Called with the composited canvas after each frame and its display time in milliseconds
// (delays of 0 or 10 ms become 100 ms, as browsers and gif2webp do). A non-OK status stops.
using GifFrameFn = std::function<Status(const Pixels& canvas, int duration_ms)>;

// ContentError on damaged data inside a frame; missing trailing bytes after a complete frame
// are accepted (browsers show such files).
Result<GifInfo> DecodeGif(std::string_view bytes, const GifLimits& limits,
                          const GifFrameFn& on_frame);

}  // namespace pagebake::image

#endif  // PAGEBAKE_IMAGE_GIF_CODEC_H_
