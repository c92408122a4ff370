// The container helpers and the libpng decoder. The encoder is in png_encoder.cc.
#include "filters/image/png_codec.h"

#include <png.h>
#include <zlib.h>

#include <csetjmp>
#include <cstring>
#include <memory>

#include "filters/image/byte_io.h"

namespace pagebake::image {

constexpr std::string_view kPngSignature("\x89PNG\r\n\x1a\n", 8);

Result<std::vector<PngChunk>> SplitPngChunks(std::string_view b) {
  if (b.size() < 8 || b.substr(0, 8) != kPngSignature)
    return Status::ContentError("png: bad signature");
  std::vector<PngChunk> chunks;
  size_t pos = 8;
  while (true) {
    if (b.size() - pos < 12) return Status::ContentError("png: truncated (no IEND)");
    uint32_t len = ReadBe32(b, pos);
    if (len > 0x7FFFFFFF || len > b.size() - pos - 12)
      return Status::ContentError("png: chunk at byte " + std::to_string(pos) +
                                  " runs past the end of the file");
    PngChunk c{std::string(b.substr(pos + 4, 4)), std::string(b.substr(pos + 8, len))};
    for (char ch : c.type)
      if (!((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z')))
        return Status::ContentError("png: bad chunk type at byte " + std::to_string(pos));
    pos += 12 + size_t{len};
    bool end = c.type == "IEND";
    chunks.push_back(std::move(c));
    if (end) break;
  }
  if (chunks.empty() || chunks[0].type != "IHDR")
    return Status::ContentError("png: first chunk is not IHDR");
  return chunks;
}

void AppendPngChunk(std::string& out, std::string_view type, std::string_view data) {
  PutBe32(out, static_cast<uint32_t>(data.size()));
  size_t start = out.size();
  out.append(type);
  out.append(data);
  uLong crc = crc32(0, reinterpret_cast<const Bytef*>(out.data() + start), out.size() - start);
  PutBe32(out, static_cast<uint32_t>(crc));
}

std::string JoinPngChunks(const std::vector<PngChunk>& chunks) {
  std::string out(kPngSignature);
  for (const PngChunk& c : chunks) AppendPngChunk(out, c.type, c.data);
  return out;
}

bool IsPngColorChunk(std::string_view t) {
  return t == "gAMA" || t == "cHRM" || t == "iCCP" || t == "sRGB";
}

bool IsApng(const std::vector<PngChunk>& chunks) {
  for (const PngChunk& c : chunks)
    if (c.type == "acTL") return true;
  return false;
}

namespace {

// --- C-style frames: everything below that calls libpng holds only plain data. ---

struct PngReadState {
  const unsigned char* data;
  size_t size;
  size_t pos;
  char error[256];
};

void ReadFn(png_structp png, png_bytep out, png_size_t n) {
  PngReadState* s = static_cast<PngReadState*>(png_get_io_ptr(png));
  if (n > s->size - s->pos) png_error(png, "unexpected end of file");
  std::memcpy(out, s->data + s->pos, n);
  s->pos += n;
}

void ErrorFn(png_structp png, png_const_charp msg) {
  PngReadState* s = static_cast<PngReadState*>(png_get_error_ptr(png));
  std::snprintf(s->error, sizeof(s->error), "%s", msg);
  png_longjmp(png, 1);
}

void WarningFn(png_structp, png_const_charp) {}

struct PngHeaderInfo {
  png_uint_32 width, height;
  int bit_depth, color_type, interlace;
};

// Reads up to the first IDAT and sets the transforms that give RGBA at 8 or 16 bits with the
// PNG scaling of low bit depths. Returns 0 on error (message in the read state).
int ReadHeaderFrame(png_structp png, png_infop info, PngHeaderInfo* h) {
  if (setjmp(png_jmpbuf(png))) return 0;
  png_set_read_fn(png, png_get_io_ptr(png), ReadFn);
  // Our own limit is checked by the caller; these stop libpng's internal allocations for
  // ancillary chunks (zTXt/iCCP bombs).
  png_set_user_limits(png, 0x7FFFFFFF, 0x7FFFFFFF);
  png_set_chunk_malloc_max(png, 64u << 20);
  png_read_info(png, info);
  png_get_IHDR(png, info, &h->width, &h->height, &h->bit_depth, &h->color_type, &h->interlace,
               nullptr, nullptr);
  png_set_expand(png);        // palette -> RGB, gray 1/2/4 -> 8 (scaled), tRNS -> alpha
  png_set_gray_to_rgb(png);
  png_set_add_alpha(png, 0xFFFF, PNG_FILLER_AFTER);
  png_set_interlace_handling(png);
  png_read_update_info(png, info);
  return 1;
}

int ReadRowsFrame(png_structp png, png_infop info, png_bytepp rows) {
  if (setjmp(png_jmpbuf(png))) return 0;
  png_read_image(png, rows);
  png_read_end(png, nullptr);
  (void)info;
  return 1;
}

struct PngReadHolder {
  png_structp png = nullptr;
  png_infop info = nullptr;
  ~PngReadHolder() { png_destroy_read_struct(&png, info ? &info : nullptr, nullptr); }
};

}  // namespace

Result<DecodedPng> DecodePng(std::string_view bytes, uint64_t max_pixels) {
  Result<std::vector<PngChunk>> chunks = SplitPngChunks(bytes);
  if (!chunks.ok()) return chunks.status();
  const PngChunk& ihdr = (*chunks)[0];
  if (ihdr.data.size() != 13) return Status::ContentError("png: IHDR has the wrong size");
  PAGEBAKE_RETURN_IF_ERROR(
      CheckPixelLimit(ReadBe32(ihdr.data, 0), ReadBe32(ihdr.data, 4), max_pixels, "png"));

  DecodedPng out;
  for (const PngChunk& c : *chunks)
    if (IsPngColorChunk(c.type)) out.color_chunks.push_back(c);

  PngReadState state{reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), 0, {}};
  PngReadHolder h;
  h.png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &state, ErrorFn, WarningFn);
  if (!h.png) return Status::Internal("png: cannot create read struct");
  h.info = png_create_info_struct(h.png);
  if (!h.info) return Status::Internal("png: cannot create info struct");
  png_set_read_fn(h.png, &state, ReadFn);
  PngHeaderInfo hi{};
  if (!ReadHeaderFrame(h.png, h.info, &hi))
    return Status::ContentError(std::string("png: ") + state.error);
  out.color_type = hi.color_type;
  out.bit_depth = hi.bit_depth;
  out.interlaced = hi.interlace != PNG_INTERLACE_NONE;
  Pixels& p = out.pixels;
  p.width = hi.width;
  p.height = hi.height;
  p.depth = hi.bit_depth == 16 ? 16 : 8;
  if (png_get_rowbytes(h.png, h.info) != p.row_bytes())
    return Status::Internal("png: unexpected row size after transforms");
  p.rgba.resize(p.row_bytes() * p.height);
  std::vector<png_bytep> rows(p.height);
  for (uint32_t y = 0; y < p.height; ++y) rows[y] = p.rgba.data() + y * p.row_bytes();
  if (!ReadRowsFrame(h.png, h.info, rows.data()))
    return Status::ContentError(std::string("png: ") + state.error);
  return out;
}

}  // namespace pagebake::image
