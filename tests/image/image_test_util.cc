#include "tests/image/image_test_util.h"

#include <png.h>

#include <array>
#include <csetjmp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "filters/image/gif_codec.h"
#include "filters/image/image_header.h"
#include "filters/image/jpeg_codec.h"
#include "filters/image/webp_codec.h"

namespace pagebake::image::testing {
namespace {

void WriteFn(png_structp png, png_bytep data, png_size_t n) {
  static_cast<std::string*>(png_get_io_ptr(png))->append(reinterpret_cast<char*>(data), n);
}
void FlushFn(png_structp) {}

// C-style frame: no objects with destructors between setjmp and the libpng calls.
int WriteFrame(png_structp png, png_infop info, const PngSpec* s, png_bytepp rows) {
  if (setjmp(png_jmpbuf(png))) return 0;
  png_set_IHDR(png, info, s->width, s->height, s->bit_depth, s->color_type,
               s->interlaced ? PNG_INTERLACE_ADAM7 : PNG_INTERLACE_NONE,
               PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  png_set_compression_level(png, s->zlevel);
  png_set_filter(png, 0, PNG_FILTER_NONE);
  if (!s->plte.empty())
    png_set_PLTE(png, info, reinterpret_cast<png_const_colorp>(s->plte.data()),
                 static_cast<int>(s->plte.size() / 3));
  if (!s->trns.empty()) {
    if (s->color_type == 3) {
      png_set_tRNS(png, info, reinterpret_cast<png_const_bytep>(s->trns.data()),
                   static_cast<int>(s->trns.size()), nullptr);
    } else {
      png_color_16 c{};
      uint16_t v0 = (uint8_t(s->trns[0]) << 8) | uint8_t(s->trns[1]);
      c.gray = c.red = v0;
      if (s->trns.size() >= 6) {
        c.green = (uint8_t(s->trns[2]) << 8) | uint8_t(s->trns[3]);
        c.blue = (uint8_t(s->trns[4]) << 8) | uint8_t(s->trns[5]);
      }
      png_set_tRNS(png, info, nullptr, 0, &c);
    }
  }
  png_write_info(png, info);
  png_write_image(png, rows);
  png_write_end(png, info);
  return 1;
}

}  // namespace

std::string WritePng(const PngSpec& s) {
  std::string out;
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  png_infop info = png_create_info_struct(png);
  png_set_write_fn(png, &out, WriteFn, FlushFn);
  const int channels = s.color_type == 2 ? 3 : s.color_type == 4 ? 2 : s.color_type == 6 ? 4 : 1;
  const size_t row_bytes = (size_t{s.width} * channels * s.bit_depth + 7) / 8;
  std::vector<png_bytep> rows(s.height);
  for (uint32_t y = 0; y < s.height; ++y)
    rows[y] = const_cast<png_bytep>(s.samples.data() + y * row_bytes);
  int ok = WriteFrame(png, info, &s, rows.data());
  png_destroy_write_struct(&png, &info);
  if (!ok) return {};
  // Extra chunks go right after IHDR (before PLTE/IDAT), where all of them are allowed.
  std::vector<PngChunk> chunks = SplitPngChunks(out).value();
  chunks.insert(chunks.begin() + 1, s.extra.begin(), s.extra.end());
  return JoinPngChunks(chunks);
}

Pixels Gradient(uint32_t w, uint32_t h, bool alpha, uint32_t seed) {
  Pixels p;
  p.width = w;
  p.height = h;
  p.rgba.resize(size_t{w} * h * 4);
  std::mt19937 rng(seed);
  for (uint32_t y = 0; y < h; ++y)
    for (uint32_t x = 0; x < w; ++x) {
      uint8_t* q = &p.rgba[(size_t{y} * w + x) * 4];
      int n = static_cast<int>(rng() % 7) - 3;  // sensor-like noise
      q[0] = static_cast<uint8_t>(std::clamp<int>(x * 255 / std::max(1u, w - 1) + n, 0, 255));
      q[1] = static_cast<uint8_t>(std::clamp<int>(y * 255 / std::max(1u, h - 1) + n, 0, 255));
      q[2] = static_cast<uint8_t>(std::clamp<int>(((x + y) * 127) / std::max(1u, w + h) + 64 + n, 0, 255));
      q[3] = alpha ? static_cast<uint8_t>((x * 7 + y * 3) % 256) : 255;
    }
  return p;
}

Pixels FewColors(uint32_t w, uint32_t h, int colors) {
  Pixels p;
  p.width = w;
  p.height = h;
  p.rgba.resize(size_t{w} * h * 4);
  for (uint32_t y = 0; y < h; ++y)
    for (uint32_t x = 0; x < w; ++x) {
      int c = ((x / 8) + (y / 8) * 3) % colors;
      uint8_t* q = &p.rgba[(size_t{y} * w + x) * 4];
      q[0] = static_cast<uint8_t>(c * 37);
      q[1] = static_cast<uint8_t>(255 - c * 53);
      q[2] = static_cast<uint8_t>(c * 91);
      q[3] = 255;
    }
  return p;
}

namespace {

void PutLe16(std::string& s, unsigned v) {
  s.push_back(static_cast<char>(v & 0xFF));
  s.push_back(static_cast<char>(v >> 8));
}

int TableBits(size_t entries) {
  int bits = 0;
  while ((2u << bits) < entries) ++bits;
  return bits;  // size field: 2^(bits+1) entries
}

void PutPalette(std::string& s, std::vector<uint8_t> pal, int bits) {
  pal.resize(size_t{3} << (bits + 1), 0);
  s.append(pal.begin(), pal.end());
}

// LZW with a clear code before each index: valid, trivially decodable, never smart.
void PutImageData(std::string& s, const std::vector<uint8_t>& idx, int min_code) {
  s.push_back(static_cast<char>(min_code));
  const unsigned clear = 1u << min_code, end = clear + 1;
  const int width = min_code + 1;
  std::string bytes;
  uint32_t acc = 0;
  int nbits = 0;
  auto put = [&](unsigned code) {
    acc |= code << nbits;
    nbits += width;
    while (nbits >= 8) {
      bytes.push_back(static_cast<char>(acc & 0xFF));
      acc >>= 8;
      nbits -= 8;
    }
  };
  for (uint8_t i : idx) {
    put(clear);
    put(i);
  }
  put(end);
  if (nbits) bytes.push_back(static_cast<char>(acc & 0xFF));
  for (size_t p = 0; p < bytes.size(); p += 255) {
    size_t n = std::min<size_t>(255, bytes.size() - p);
    s.push_back(static_cast<char>(n));
    s.append(bytes, p, n);
  }
  s.push_back('\0');
}

}  // namespace

std::string WriteGif(uint16_t width, uint16_t height, const std::vector<uint8_t>& palette,
                     const std::vector<GifFrame>& frames, int loop_count,
                     const std::string& comment) {
  std::string s = "GIF89a";
  PutLe16(s, width);
  PutLe16(s, height);
  int gbits = TableBits(palette.size() / 3);
  s.push_back(static_cast<char>(palette.empty() ? 0 : 0x80 | 0x70 | gbits));
  s.push_back('\0');
  s.push_back('\0');
  if (!palette.empty()) PutPalette(s, palette, gbits);
  if (loop_count >= 0) {
    s += std::string("\x21\xFF\x0BNETSCAPE2.0\x03\x01", 16);
    PutLe16(s, static_cast<unsigned>(loop_count));
    s.push_back('\0');
  }
  if (!comment.empty()) {
    s += "\x21\xFE";
    s.push_back(static_cast<char>(comment.size()));
    s += comment;
    s.push_back('\0');
  }
  for (const GifFrame& f : frames) {
    s += "\x21\xF9\x04";
    s.push_back(static_cast<char>((f.disposal << 2) | (f.transparent >= 0 ? 1 : 0)));
    PutLe16(s, static_cast<unsigned>(f.delay_cs));
    s.push_back(static_cast<char>(f.transparent >= 0 ? f.transparent : 0));
    s.push_back('\0');
    s.push_back(',');
    PutLe16(s, f.left);
    PutLe16(s, f.top);
    PutLe16(s, f.width);
    PutLe16(s, f.height);
    int lbits = TableBits(f.local_palette.size() / 3);
    s.push_back(static_cast<char>(f.local_palette.empty() ? 0 : 0x80 | lbits));
    if (!f.local_palette.empty()) PutPalette(s, f.local_palette, lbits);
    int table_bits = (f.local_palette.empty() ? gbits : lbits) + 1;
    PutImageData(s, f.indices, std::max(2, table_bits));
  }
  s.push_back(';');
  return s;
}

Pixels DecodeAny(const std::string& bytes) {
  Result<ImageHeader> h = ReadImageHeader(bytes);
  if (!h.ok()) return {};
  switch (h->type) {
    case ContentType::kPng: {
      Result<DecodedPng> d = DecodePng(bytes, UINT64_MAX);
      return d.ok() ? d->pixels : Pixels();
    }
    case ContentType::kJpeg: {
      Result<Pixels> p = DecodeJpeg(bytes, UINT64_MAX);
      return p.ok() ? p.value() : Pixels();
    }
    case ContentType::kWebp: {
      Result<Pixels> p = DecodeWebp(bytes, UINT64_MAX);
      return p.ok() ? p.value() : Pixels();
    }
    case ContentType::kGif: {
      Pixels first;
      Result<GifInfo> g = DecodeGif(bytes, {}, [&](const Pixels& c, int) {
        if (first.rgba.empty()) first = c;
        return Status::OK();
      });
      return g.ok() ? first : Pixels();
    }
    default: return {};
  }
}

std::string ReadFileOrEmpty(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void WriteFile(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

std::string TempDir(const std::string& name) {
  // One append at a time: `std::string(literal) + literal` trips GCC 12's -Warray-bounds
  // false positive once the test headers are precompiled.
  std::string d = PAGEBAKE_BINARY_DIR "/tests/image/tmp-";
  d += name;
  std::filesystem::remove_all(d);
  std::filesystem::create_directories(d);
  return d;
}

int Run(const std::string& cmd, std::string* output) {
  FILE* p = popen((cmd + " 2>&1").c_str(), "r");
  if (!p) return -1;
  std::string out;
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
  int rc = pclose(p);
  if (output) *output = out;
  return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

bool HaveTool(const std::string& name) { return Run("command -v " + name + " >/dev/null") == 0; }

Options DefaultOptions() { return Options(); }

}  // namespace pagebake::image::testing
