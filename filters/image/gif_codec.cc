#include "filters/image/gif_codec.h"

#include <gif_lib.h>

#include <cstring>
#include <string>

namespace pagebake::image {
namespace {

struct Reader {
  std::string_view bytes;
  size_t pos = 0;
};

int ReadFn(GifFileType* gif, GifByteType* out, int n) {
  Reader* r = static_cast<Reader*>(gif->UserData);
  size_t take = std::min<size_t>(static_cast<size_t>(n), r->bytes.size() - r->pos);
  std::memcpy(out, r->bytes.data() + r->pos, take);
  r->pos += take;
  return static_cast<int>(take);
}

struct GifCloser {
  GifFileType* gif;
  ~GifCloser() {
    int err = 0;
    if (gif) DGifCloseFile(gif, &err);
  }
};

Status GifError(const char* what, int code) {
  const char* msg = GifErrorString(code);
  return Status::ContentError(std::string("gif: ") + what + ": " + (msg ? msg : "error"));
}

struct FrameState {
  int disposal = DISPOSAL_UNSPECIFIED;
  int delay_cs = 0;
  int transparent = NO_TRANSPARENT_COLOR;
};

// Reads one image's indices into `indices` (row-major, de-interlaced).
bool ReadIndices(GifFileType* gif, const GifImageDesc& d, std::vector<GifByteType>& indices) {
  const int w = d.Width, h = d.Height;
  indices.assign(size_t(w) * h, 0);
  if (d.Interlace) {
    static constexpr int kStart[] = {0, 4, 2, 1}, kStep[] = {8, 8, 4, 2};
    for (int pass = 0; pass < 4; ++pass)
      for (int y = kStart[pass]; y < h; y += kStep[pass])
        if (DGifGetLine(gif, &indices[size_t(y) * w], w) != GIF_OK) return false;
  } else {
    for (int y = 0; y < h; ++y)
      if (DGifGetLine(gif, &indices[size_t(y) * w], w) != GIF_OK) return false;
  }
  return true;
}

void Composite(const GifImageDesc& d, const ColorMapObject* map, int transparent,
               const std::vector<GifByteType>& indices, Pixels& canvas) {
  for (int y = 0; y < d.Height; ++y) {
    int cy = d.Top + y;
    if (cy < 0 || cy >= static_cast<int>(canvas.height)) continue;
    for (int x = 0; x < d.Width; ++x) {
      int cx = d.Left + x;
      if (cx < 0 || cx >= static_cast<int>(canvas.width)) continue;
      int idx = indices[size_t(y) * d.Width + x];
      if (idx == transparent) continue;
      uint8_t* p = &canvas.rgba[(size_t(cy) * canvas.width + cx) * 4];
      if (idx < map->ColorCount) {
        p[0] = map->Colors[idx].Red;
        p[1] = map->Colors[idx].Green;
        p[2] = map->Colors[idx].Blue;
      } else {
        p[0] = p[1] = p[2] = 0;  // out-of-range index: black, as browsers draw it
      }
      p[3] = 255;
    }
  }
}

void ClearRect(const GifImageDesc& d, Pixels& canvas) {
  for (int y = std::max(0, d.Top); y < std::min<int>(canvas.height, d.Top + d.Height); ++y) {
    int x0 = std::max(0, d.Left), x1 = std::min<int>(canvas.width, d.Left + d.Width);
    if (x1 > x0)
      std::memset(&canvas.rgba[(size_t(y) * canvas.width + x0) * 4], 0, size_t(x1 - x0) * 4);
  }
}

// Reads one extension block: the graphic control extension sets up the next frame, the
// NETSCAPE2.0/ANIMEXTS1.0 application extension holds the loop count; others are skipped.
Status ReadExtension(GifFileType* gif, FrameState* next, GifInfo* info, bool* saw_loop) {
  int code = 0;
  GifByteType* ext = nullptr;
  if (DGifGetExtension(gif, &code, &ext) != GIF_OK) return GifError("extension", gif->Error);
  bool netscape = false;
  if (ext && code == GRAPHICS_EXT_FUNC_CODE && ext[0] >= 4) {
    // giflib refuses a block whose length is not exactly 4 and then leaves `gcb` untouched
    // (the fuzzer found the garbage delay: an int overflow). Browsers read the first four
    // bytes of a longer block, and so do we.
    GraphicsControlBlock gcb{};
    if (DGifExtensionToGCB(4, ext + 1, &gcb) != GIF_OK) return GifError("extension", gif->Error);
    next->disposal = gcb.DisposalMode;
    next->delay_cs = gcb.DelayTime;
    next->transparent = gcb.TransparentColor;
  } else if (ext && code == APPLICATION_EXT_FUNC_CODE && ext[0] == 11 &&
             (std::memcmp(ext + 1, "NETSCAPE2.0", 11) == 0 ||
              std::memcmp(ext + 1, "ANIMEXTS1.0", 11) == 0)) {
    netscape = true;
  }
  while (true) {
    if (DGifGetExtensionNext(gif, &ext) != GIF_OK) return GifError("extension", gif->Error);
    if (!ext) return Status::OK();
    if (netscape && ext[0] >= 3 && ext[1] == 1 && !*saw_loop) {
      info->loop_count = ext[2] | (ext[3] << 8);
      *saw_loop = true;
    }
  }
}

}  // namespace

Result<GifInfo> DecodeGif(std::string_view bytes, const GifLimits& limits,
                          const GifFrameFn& on_frame) {
  Reader reader{bytes};
  int err = 0;
  GifCloser closer{DGifOpen(&reader, ReadFn, &err)};
  GifFileType* gif = closer.gif;
  if (!gif) return GifError("open", err);
  GifInfo info;
  info.width = gif->SWidth;
  info.height = gif->SHeight;
  PAGEBAKE_RETURN_IF_ERROR(CheckPixelLimit(info.width, info.height, limits.max_pixels, "gif"));
  Pixels canvas, previous;
  canvas.width = info.width;
  canvas.height = info.height;
  canvas.rgba.assign(size_t{canvas.width} * canvas.height * 4, 0);
  bool saw_loop = false;
  FrameState next;
  std::vector<GifByteType> indices;
  while (true) {
    GifRecordType type;
    if (DGifGetRecordType(gif, &type) != GIF_OK) {
      if (info.frames > 0) break;  // trailing garbage or a missing trailer after a frame
      return GifError("record", gif->Error);
    }
    if (type == TERMINATE_RECORD_TYPE) break;
    if (type == EXTENSION_RECORD_TYPE) {
      PAGEBAKE_RETURN_IF_ERROR(ReadExtension(gif, &next, &info, &saw_loop));
      continue;
    }
    if (type != IMAGE_DESC_RECORD_TYPE) continue;
    if (DGifGetImageDesc(gif) != GIF_OK) return GifError("image descriptor", gif->Error);
    const GifImageDesc d = gif->Image;
    const bool empty = d.Width == 0 || d.Height == 0;
    if (!empty)
      PAGEBAKE_RETURN_IF_ERROR(CheckPixelLimit(d.Width, d.Height, limits.max_pixels, "gif frame"));
    if (++info.frames > limits.max_frames)
      return Status::LimitExceeded("gif: more than " + std::to_string(limits.max_frames) +
                                   " frames");
    const ColorMapObject* map = d.ColorMap ? d.ColorMap : gif->SColorMap;
    if (!map) return Status::ContentError("gif: frame " + std::to_string(info.frames) +
                                          " has no color table");
    if (empty) {
      // A zero-size image still shows as a frame (the GIF test suite, browsers); its data
      // blocks must be skipped by hand since there are no lines to read.
      int code_size = 0;
      GifByteType* block = nullptr;
      if (DGifGetCode(gif, &code_size, &block) != GIF_OK) return GifError("image data", gif->Error);
      while (block)
        if (DGifGetCodeNext(gif, &block) != GIF_OK) return GifError("image data", gif->Error);
      indices.clear();
    } else if (!ReadIndices(gif, d, indices)) {
      return GifError("image data", gif->Error);
    }
    if (next.disposal == DISPOSE_PREVIOUS) previous = canvas;
    Composite(d, map, next.transparent, indices, canvas);
    int ms = next.delay_cs * 10;
    if (ms <= 10) ms = 100;
    PAGEBAKE_RETURN_IF_ERROR(on_frame(canvas, ms));
    if (next.disposal == DISPOSE_BACKGROUND) ClearRect(d, canvas);
    else if (next.disposal == DISPOSE_PREVIOUS) canvas = previous;
    next = FrameState();
  }
  if (info.frames == 0) return Status::ContentError("gif: no image");
  return info;
}

}  // namespace pagebake::image
