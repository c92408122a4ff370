// The lossless PNG encoder: choose the smallest exact representation of the pixels, then the
// best filter strategy and deflater. Exactness rules (the sharp pitfalls of issue 7): a
// palette is used whenever the image has at most 256 colors (so a palette image never comes
// out wider), 16-bit samples become 8-bit only when every sample is v * 257 (the PNG
// scaling), gray bit depths below 8 only when every value is a multiple of the PNG scale.
#include <libdeflate.h>
#include <zlib.h>
#include <zopfli/zopfli.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <unordered_map>

#include "filters/image/byte_io.h"
#include "filters/image/png_codec.h"

namespace pagebake::image {
namespace {

// One candidate representation: unfiltered scanlines plus what IHDR/PLTE/tRNS say.
struct RawImage {
  int color_type = 6;
  int bit_depth = 8;
  uint32_t width = 0, height = 0;
  size_t row_bytes = 0;
  size_t bpp = 4;  // bytes per complete pixel for filtering (>= 1)
  std::vector<uint8_t> rows;  // height * row_bytes
  std::string plte, trns;
};

struct Analysis {
  bool opaque = true;
  bool gray = true;
  bool binary_alpha = true;  // every alpha is 0 or max
  // Up to 256 distinct colors (RGBA, fully transparent pixels folded into one), else empty.
  std::vector<uint32_t> palette;
  std::vector<uint64_t> counts;
};

uint32_t Pack(const uint8_t* p) {
  if (p[3] == 0) return 0;  // invisible colors are one color
  return uint32_t{p[0]} << 24 | uint32_t{p[1]} << 16 | uint32_t{p[2]} << 8 | p[3];
}

Analysis Analyze8(const Pixels& px) {
  Analysis a;
  std::unordered_map<uint32_t, uint32_t> index;
  bool palette_ok = true;
  size_t n = size_t{px.width} * px.height;
  // Pack() never yields 0x100 (alpha 0 packs to 0), so the first pixel always misses.
  uint32_t last = 0x100, last_index = 0;
  for (size_t i = 0; i < n; ++i) {
    const uint8_t* p = &px.rgba[i * 4];
    if (p[3] != 255) {
      a.opaque = false;
      if (p[3] != 0) a.binary_alpha = false;
    }
    if (p[3] != 0 && (p[0] != p[1] || p[1] != p[2])) a.gray = false;
    if (!palette_ok) continue;
    uint32_t c = Pack(p);
    if (c == last) { ++a.counts[last_index]; continue; }
    auto [it, added] = index.try_emplace(c, static_cast<uint32_t>(a.palette.size()));
    if (added) {
      if (a.palette.size() == 256) { palette_ok = false; continue; }
      a.palette.push_back(c);
      a.counts.push_back(0);
    }
    last = c;
    last_index = it->second;
    ++a.counts[last_index];
  }
  if (!palette_ok) { a.palette.clear(); a.counts.clear(); }
  return a;
}

bool Reducible16(const Pixels& px) {
  for (size_t i = 0; i < px.rgba.size(); i += 2)
    if (px.rgba[i] != px.rgba[i + 1]) return false;
  return true;
}

Pixels To8(const Pixels& px) {
  Pixels o;
  o.width = px.width;
  o.height = px.height;
  o.depth = 8;
  o.rgba.resize(px.rgba.size() / 2);
  for (size_t i = 0; i < o.rgba.size(); ++i) o.rgba[i] = px.rgba[i * 2];
  return o;
}

int DepthFor(size_t values) { return values <= 2 ? 1 : values <= 4 ? 2 : values <= 16 ? 4 : 8; }

// Packs one row of indices (0..2^depth-1) MSB first.
void PackRow(const uint8_t* idx, uint32_t w, int depth, uint8_t* out) {
  if (depth == 8) { std::memcpy(out, idx, w); return; }
  int per = 8 / depth;
  for (uint32_t x = 0; x < w; x += per) {
    uint8_t b = 0;
    for (int k = 0; k < per; ++k) {
      uint8_t v = x + k < w ? idx[x + k] : 0;
      b |= v << (8 - depth * (k + 1));
    }
    out[x / per] = b;
  }
}

// Translucent entries first so tRNS is short. Then either by frequency (common colors get
// small indices: good for low bit depths) or by value (neighbouring indices hold similar
// colors, so the PNG filters predict indices the way they predict gray levels).
RawImage MakePalette(const Pixels& px, const Analysis& a, bool by_value) {
  std::vector<uint32_t> order(a.palette.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](uint32_t x, uint32_t y) {
    bool tx = (a.palette[x] & 0xFF) != 255, ty = (a.palette[y] & 0xFF) != 255;
    if (tx != ty) return tx;
    if (by_value) return a.palette[x] < a.palette[y];
    return a.counts[x] > a.counts[y];
  });
  std::unordered_map<uint32_t, uint8_t> index;
  RawImage r;
  r.color_type = 3;
  r.bit_depth = DepthFor(order.size());
  r.width = px.width;
  r.height = px.height;
  r.row_bytes = (size_t{px.width} * r.bit_depth + 7) / 8;
  r.bpp = 1;
  int last_opaque_trns = -1;
  for (uint32_t k = 0; k < order.size(); ++k) {
    uint32_t c = a.palette[order[k]];
    index[c] = static_cast<uint8_t>(k);
    r.plte.push_back(static_cast<char>(c >> 24));
    r.plte.push_back(static_cast<char>(c >> 16));
    r.plte.push_back(static_cast<char>(c >> 8));
    if ((c & 0xFF) != 255) last_opaque_trns = static_cast<int>(k);
  }
  for (int k = 0; k <= last_opaque_trns; ++k)
    r.trns.push_back(static_cast<char>(a.palette[order[k]] & 0xFF));
  r.rows.resize(r.row_bytes * r.height);
  std::vector<uint8_t> idx(px.width);
  for (uint32_t y = 0; y < px.height; ++y) {
    const uint8_t* row = &px.rgba[size_t{y} * px.width * 4];
    for (uint32_t x = 0; x < px.width; ++x) idx[x] = index[Pack(row + x * 4)];
    PackRow(idx.data(), px.width, r.bit_depth, &r.rows[y * r.row_bytes]);
  }
  return r;
}

// Gray without alpha (or with one transparent key value): the smallest depth at which every
// value is exact under PNG scaling.
bool MakeGray(const Pixels& px, const Analysis& a, RawImage* r) {
  if (!a.gray || !(a.opaque || a.binary_alpha)) return false;
  std::array<bool, 256> used{};
  size_t n = size_t{px.width} * px.height;
  for (size_t i = 0; i < n; ++i)
    if (px.rgba[i * 4 + 3] != 0) used[px.rgba[i * 4]] = true;
  for (int depth : {1, 2, 4, 8}) {
    int scale = 255 / ((1 << depth) - 1);
    bool fits = true;
    for (int v = 0; v < 256 && fits; ++v)
      if (used[v] && v % scale != 0) fits = false;
    if (!fits) continue;
    int key = -1;
    if (!a.opaque) {
      for (int k = 0; k < (1 << depth) && key < 0; ++k)
        if (!used[k * scale]) key = k;
      if (key < 0) continue;
    }
    r->color_type = 0;
    r->bit_depth = depth;
    r->width = px.width;
    r->height = px.height;
    r->row_bytes = (size_t{px.width} * depth + 7) / 8;
    r->bpp = 1;
    if (key >= 0) PutBe16(r->trns, static_cast<uint32_t>(key));
    r->rows.resize(r->row_bytes * r->height);
    std::vector<uint8_t> idx(px.width);
    for (uint32_t y = 0; y < px.height; ++y) {
      const uint8_t* row = &px.rgba[size_t{y} * px.width * 4];
      for (uint32_t x = 0; x < px.width; ++x)
        idx[x] = row[x * 4 + 3] == 0 ? key : row[x * 4] / scale;
      PackRow(idx.data(), px.width, depth, &r->rows[y * r->row_bytes]);
    }
    return true;
  }
  return false;
}

// Byte-aligned truecolor/gray(+alpha) at 8 or 16 bits: keep the channels that carry
// information.
RawImage MakeDirect(const Pixels& px, bool gray, bool alpha) {
  RawImage r;
  r.color_type = (gray ? 0 : 2) | (alpha ? 4 : 0);
  r.bit_depth = px.depth;
  r.width = px.width;
  r.height = px.height;
  const int channels = (gray ? 1 : 3) + (alpha ? 1 : 0);
  const size_t sample = px.depth / 8;
  r.bpp = channels * sample;
  r.row_bytes = size_t{px.width} * r.bpp;
  r.rows.resize(r.row_bytes * r.height);
  uint8_t* out = r.rows.data();
  const size_t n = size_t{px.width} * px.height;
  const uint8_t* in = px.rgba.data();
  for (size_t i = 0; i < n; ++i, in += 4 * sample) {
    bool invisible = alpha && in[3 * sample] == 0 && (sample == 1 || in[3 * sample + 1] == 0);
    for (int c = 0; c < 4; ++c) {
      if ((gray && (c == 1 || c == 2)) || (!alpha && c == 3)) continue;
      for (size_t s = 0; s < sample; ++s)
        // Invisible pixels get color 0: it compresses better and does not render.
        *out++ = invisible && c < 3 ? 0 : in[c * sample + s];
    }
  }
  return r;
}

inline uint8_t Paeth(int a, int b, int c) {
  int p = a + b - c, pa = std::abs(p - a), pb = std::abs(p - b), pc = std::abs(p - c);
  return static_cast<uint8_t>(pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
}

void FilterRow(int type, const uint8_t* cur, const uint8_t* prev, size_t n, size_t bpp,
               uint8_t* out) {
  for (size_t i = 0; i < n; ++i) {
    int a = i >= bpp ? cur[i - bpp] : 0, b = prev ? prev[i] : 0;
    int c = prev && i >= bpp ? prev[i - bpp] : 0;
    int pred = 0;
    switch (type) {
      case 1: pred = a; break;
      case 2: pred = b; break;
      case 3: pred = (a + b) / 2; break;
      case 4: pred = Paeth(a, b, c); break;
      default: break;
    }
    out[i] = static_cast<uint8_t>(cur[i] - pred);
  }
}

// Filtered scanlines (filter byte + data per row). strategy 0..4: that filter on every row;
// 5: per row the filter with the smallest sum of absolute signed bytes (the libpng heuristic).
std::vector<uint8_t> FilterImage(const RawImage& r, int strategy) {
  const size_t n = r.row_bytes;
  std::vector<uint8_t> out((n + 1) * r.height);
  std::vector<uint8_t> trial(n);
  for (uint32_t y = 0; y < r.height; ++y) {
    const uint8_t* cur = &r.rows[y * n];
    const uint8_t* prev = y ? &r.rows[(y - 1) * n] : nullptr;
    uint8_t* dst = &out[y * (n + 1)];
    if (strategy < 5) {
      dst[0] = static_cast<uint8_t>(strategy);
      FilterRow(strategy, cur, prev, n, r.bpp, dst + 1);
      continue;
    }
    uint64_t best = UINT64_MAX;
    for (int t = 0; t < 5; ++t) {
      FilterRow(t, cur, prev, n, r.bpp, trial.data());
      uint64_t sum = 0;
      for (size_t i = 0; i < n; ++i) sum += std::abs(static_cast<int8_t>(trial[i]));
      if (sum < best) {
        best = sum;
        dst[0] = static_cast<uint8_t>(t);
        std::memcpy(dst + 1, trial.data(), n);
      }
    }
  }
  return out;
}

std::string DeflateLibdeflate(const std::vector<uint8_t>& in, int level) {
  libdeflate_compressor* c = libdeflate_alloc_compressor(level);
  if (!c) return {};
  std::string out(libdeflate_zlib_compress_bound(c, in.size()), '\0');
  size_t n = libdeflate_zlib_compress(c, in.data(), in.size(), out.data(), out.size());
  libdeflate_free_compressor(c);
  out.resize(n);
  return out;
}

std::string DeflateZlib(const std::vector<uint8_t>& in, int strategy) {
  z_stream z{};
  if (deflateInit2(&z, 9, Z_DEFLATED, 15, 9, strategy) != Z_OK) return {};
  std::string out(deflateBound(&z, in.size()), '\0');
  z.next_in = const_cast<Bytef*>(in.data());
  z.avail_in = static_cast<uInt>(in.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  int rc = deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return rc == Z_STREAM_END ? out : std::string();
}

std::string DeflateZopfli(const std::vector<uint8_t>& in, int iterations) {
  ZopfliOptions o;
  ZopfliInitOptions(&o);
  o.numiterations = iterations;
  unsigned char* out = nullptr;
  size_t n = 0;
  ZopfliCompress(&o, ZOPFLI_FORMAT_ZLIB, in.data(), in.size(), &out, &n);
  std::string s(reinterpret_cast<const char*>(out), n);
  std::free(out);
  return s;
}

std::string Assemble(const RawImage& r, const std::vector<PngChunk>& chunks,
                     const std::string& idat) {
  std::string out("\x89PNG\r\n\x1a\n", 8);
  std::string ihdr;
  PutBe32(ihdr, r.width);
  PutBe32(ihdr, r.height);
  ihdr.push_back(static_cast<char>(r.bit_depth));
  ihdr.push_back(static_cast<char>(r.color_type));
  ihdr.append(3, '\0');  // deflate, adaptive filtering, not interlaced
  AppendPngChunk(out, "IHDR", ihdr);
  for (const PngChunk& c : chunks) AppendPngChunk(out, c.type, c.data);
  if (!r.plte.empty()) AppendPngChunk(out, "PLTE", r.plte);
  if (!r.trns.empty()) AppendPngChunk(out, "tRNS", r.trns);
  for (size_t pos = 0; pos < idat.size() || pos == 0; pos += 1u << 30)
    AppendPngChunk(out, "IDAT", std::string_view(idat).substr(pos, 1u << 30));
  AppendPngChunk(out, "IEND", "");
  return out;
}

struct Trial {
  const RawImage* raw;
  int strategy;
  std::vector<uint8_t> filtered;
  size_t estimate;
};

std::vector<RawImage> Candidates(const Pixels& in, bool fast) {
  std::vector<RawImage> c;
  if (in.depth == 16) {
    bool opaque = IsOpaque(in), gray = true;
    size_t n = size_t{in.width} * in.height;
    for (size_t i = 0; i < n && gray; ++i)
      gray = in.Sample(i, 0) == in.Sample(i, 1) && in.Sample(i, 1) == in.Sample(i, 2);
    c.push_back(MakeDirect(in, gray, !opaque));
    return c;
  }
  Analysis a = Analyze8(in);
  if (!a.palette.empty()) {
    c.push_back(MakePalette(in, a, /*by_value=*/false));
    if (!fast) c.push_back(MakePalette(in, a, /*by_value=*/true));
  }
  RawImage gray;
  if (MakeGray(in, a, &gray)) c.push_back(std::move(gray));
  else if (a.gray) c.push_back(MakeDirect(in, true, !a.opaque));
  // Truecolor only when nothing narrower is exact: a palette image never comes out wider.
  if (c.empty()) c.push_back(MakeDirect(in, false, !a.opaque));
  return c;
}

// Every candidate x filter strategy, filtered and measured with a fast deflate, best first.
std::vector<Trial> RankedTrials(const std::vector<RawImage>& raws, bool fast) {
  std::vector<Trial> trials;
  for (const RawImage& r : raws) {
    std::vector<int> strategies;
    if (fast) strategies = {r.bit_depth < 8 ? 0 : 5};
    else if (r.bit_depth < 8) strategies = {0, 5};
    else strategies = {0, 1, 2, 3, 4, 5};
    for (int s : strategies) {
      Trial t{&r, s, FilterImage(r, s), 0};
      t.estimate = fast ? 0 : DeflateLibdeflate(t.filtered, 4).size();
      trials.push_back(std::move(t));
    }
  }
  std::sort(trials.begin(), trials.end(),
            [](const Trial& a, const Trial& b) { return a.estimate < b.estimate; });
  return trials;
}

}  // namespace

Result<std::string> EncodePng(const Pixels& pixels, const std::vector<PngChunk>& chunks,
                              const PngEncodeOptions& options, PngEncodeInfo* info) {
  if (pixels.width == 0 || pixels.height == 0 ||
      pixels.rgba.size() != pixels.row_bytes() * pixels.height)
    return Status::Internal("EncodePng: inconsistent pixel buffer");
  Pixels reduced;
  const Pixels* in = &pixels;
  if (pixels.depth == 16 && Reducible16(pixels)) {
    reduced = To8(pixels);
    in = &reduced;
  }
  const bool fast = options.effort == ImageEffort::kFast;
  std::vector<RawImage> raws = Candidates(*in, fast);

  std::vector<Trial> trials = RankedTrials(raws, fast);
  const size_t finalists = fast ? 1 : std::min<size_t>(2, trials.size());

  std::string best;
  const Trial* best_trial = nullptr;
  const char* best_deflater = "";
  auto consider = [&](const Trial& t, std::string idat, const char* name) {
    if (idat.empty()) return;
    if (best.empty() || idat.size() < best.size()) {
      best = std::move(idat);
      best_trial = &t;
      best_deflater = name;
    }
  };
  for (size_t i = 0; i < finalists; ++i) {
    const Trial& t = trials[i];
    // Noisy data (dithered photos) compresses best with Huffman coding alone or run lengths
    // (what optipng's zs=2/3 trials find); both are cheap, so always try them.
    if (!fast) {
      consider(t, DeflateZlib(t.filtered, Z_HUFFMAN_ONLY), "zlib");
      consider(t, DeflateZlib(t.filtered, Z_RLE), "zlib");
    }
    consider(t, DeflateLibdeflate(t.filtered, 6), "libdeflate");
  }
  if (!fast) {
    // libdeflate's near-optimal parser (level 12) finds the last few percent but is slow on
    // long repetitive data (9 s on a 4.6 MB striped image here): only for the winner so far,
    // and only where LZ77 matches pay at all.
    const Trial& t = *best_trial;
    if (t.estimate < t.filtered.size() / 2)
      consider(t, DeflateLibdeflate(t.filtered, t.filtered.size() <= (2u << 20) ? 12 : 10),
               "libdeflate");
  }
  bool zopfli_skipped = false;
  if (options.effort == ImageEffort::kMax) {
    // zopfli's cost grows with the data and the iterations (74 s on a 4.4 MP sprite sheet in
    // issue 7, for nothing): scale iterations to the budget, skip what cannot fit.
    const Trial& t = *best_trial;
    double mb = t.filtered.size() / 1e6;
    // Measured here: one zopfli iteration costs about 0.35 s per MB of filtered data.
    int iterations = static_cast<int>(options.zopfli_seconds / std::max(0.01, mb * 0.35));
    iterations = std::min(iterations, 15);
    if (t.filtered.size() > options.zopfli_max_raw_bytes || iterations < 1) {
      zopfli_skipped = true;
    } else {
      consider(t, DeflateZopfli(t.filtered, iterations), "zopfli");
    }
  }
  if (!best_trial) return Status::Internal("EncodePng: deflate failed");
  if (info) {
    info->color_type = best_trial->raw->color_type;
    info->bit_depth = best_trial->raw->bit_depth;
    info->filter_strategy = best_trial->strategy;
    info->deflater = best_deflater;
    info->zopfli_skipped = zopfli_skipped;
  }
  return Assemble(*best_trial->raw, chunks, best);
}

}  // namespace pagebake::image
