// image_perftest [--out DIR] [--repeat N] [--mode recompress|webp|resize|resize-webp]
//                [--effort fast|default|max]
//                [--jpeg-quality Q] [--min-ssim S] FILE...
// Runs the image filters' work on each file in-process N times (default 5) and prints one JSON
// object per line: {"file", "in", "out", "best_ns", "mbps", "mpps", "what", "out_file"}; mbps = in bytes
// per best_ns * 1000, mpps = megapixels per second. mode recompress (default): the lossless
// recompress filter of the file's type (GIF: still -> PNG); mode webp: the img-webp variant;
// mode resize: img-resize's 800 px wide variant (when wider; in the source's format);
// mode resize-webp: the img-webp variant of that 800 px image, made as a site build makes it
// from img-resize's pixels (ResizePixels, then MakeWebpVariant with the pixels handed off), so
// the same work as sharp's resize + webp. A site build also writes the `resize` variant (the
// <picture> fallback): its cost is the resize row's.
// With --out, writes each output to DIR/<basename> (webp mode: DIR/<basename>.webp).
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "filters/image/convert_gif_to_png_filter.h"
#include "filters/image/image_header.h"
#include "filters/image/image_resize.h"
#include "filters/image/recompress_jpeg_filter.h"
#include "filters/image/recompress_png_filter.h"
#include "filters/image/recompress_webp_filter.h"
#include "filters/image/webp_filter.h"

using namespace pagebake;
using namespace pagebake::image;

namespace {

Result<std::string> Process(const std::string& mode, std::string_view bytes,
                            const Options& options, const ImageHeader& h, std::string* what) {
  if (mode == "webp") return MakeWebpVariant(bytes, options.image, what);
  if (mode == "resize" || mode == "resize-webp") {
    // What a site build serves for an image shown 800 px wide (never enlarged).
    constexpr uint32_t kWidth = 800;
    const bool resize = h.width > kWidth && Resizable(h, options.image);
    const uint32_t height = ScaledSide(h.height, static_cast<double>(kWidth) / h.width);
    if (mode == "resize") {
      if (!resize) return Status::Unimplemented("not resized");
      return ResizeImage(bytes, kWidth, height, options.image, what);
    }
    if (!resize) return MakeWebpVariant(bytes, options.image, what);
    // img-webp gets these pixels from img-resize (HandOffPixels); the source gives the format,
    // profile and color chunks the variant keeps. Its size (the size to beat) is the source's.
    Result<Pixels> px = ResizePixels(bytes, kWidth, height, options.image);
    if (!px.ok()) return px.status();
    return MakeWebpVariant(bytes, options.image, what, {}, &*px);
  }
  switch (h.type) {
    case ContentType::kPng: return RecompressPng(bytes, options.image, what);
    case ContentType::kJpeg: return RecompressJpeg(bytes, options, what);
    case ContentType::kWebp: return RecompressWebp(bytes, options.image, what);
    case ContentType::kGif: *what = "gif->png"; return GifToPng(bytes, options.image);
    default: return Status::Unimplemented("unknown type");
  }
}

std::string JsonEscape(const std::string& s) {
  std::string o;
  for (char c : s) {
    if (c == '"' || c == '\\') o.push_back('\\');
    if (static_cast<unsigned char>(c) < 0x20) continue;
    o.push_back(c);
  }
  return o;
}

}  // namespace

int main(int argc, char** argv) {
  std::string out_dir, mode = "recompress";
  int repeat = 5;
  Options options;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) { std::fprintf(stderr, "%s needs a value\n", a.c_str()); std::exit(2); }
      return argv[++i];
    };
    if (a == "--out") out_dir = next();
    else if (a == "--repeat") repeat = std::max(1, std::atoi(next().c_str()));
    else if (a == "--mode") mode = next();
    else if (a == "--jpeg-quality") options.image.jpeg_quality = std::atoi(next().c_str());
    else if (a == "--min-ssim") options.image.min_ssim = std::atof(next().c_str());
    else if (a == "--effort") {
      std::string e = next();
      options.image.effort = e == "fast" ? ImageEffort::kFast
                             : e == "max" ? ImageEffort::kMax : ImageEffort::kDefault;
    } else files.push_back(a);
  }
  if (files.empty()) {
    std::fprintf(stderr, "usage: image_perftest [--out DIR] [--repeat N] "
                         "[--mode recompress|webp|resize|resize-webp] "
                         "[--effort fast|default|max] [--jpeg-quality Q] [--min-ssim S] FILE...\n");
    return 2;
  }
  int failures = 0;
  for (const std::string& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    std::string bytes = ss.str();
    Result<ImageHeader> h = ReadImageHeader(bytes);
    if (!in || !h.ok()) {
      std::printf("{\"file\": \"%s\", \"error\": \"%s\"}\n", JsonEscape(f).c_str(),
                  JsonEscape(h.ok() ? "unreadable" : h.status().message()).c_str());
      ++failures;
      continue;
    }
    std::string out, what;
    int64_t best = INT64_MAX;
    Status status;
    for (int r = 0; r < repeat; ++r) {
      auto t0 = std::chrono::steady_clock::now();
      Result<std::string> res = Process(mode, bytes, options, *h, &what);
      auto t1 = std::chrono::steady_clock::now();
      best = std::min<int64_t>(best, std::chrono::duration_cast<std::chrono::nanoseconds>(t1 - t0).count());
      if (res.ok()) out = std::move(res.value());
      else status = res.status();
    }
    // "Not smaller / not applicable" keeps the input, as the filter does.
    if (!status.ok()) { out = bytes; what = status.message(); }
    std::string out_file;
    if (!out_dir.empty()) {
      bool webp = mode == "webp" || mode == "resize-webp";
      out_file = out_dir + "/" + f.substr(f.find_last_of('/') + 1) + (webp ? ".webp" : "");
      std::ofstream o(out_file, std::ios::binary);
      o.write(out.data(), static_cast<std::streamsize>(out.size()));
    }
    double mbps = best > 0 ? bytes.size() / static_cast<double>(best) * 1000 : 0;
    double mpps = best > 0 ? h->pixels() / static_cast<double>(best) * 1000 : 0;
    std::printf("{\"file\": \"%s\", \"in\": %zu, \"out\": %zu, \"best_ns\": %lld, \"mbps\": %.3f, "
                "\"mpps\": %.3f, \"what\": \"%s\", \"out_file\": \"%s\"}\n",
                JsonEscape(f).c_str(), bytes.size(), out.size(), static_cast<long long>(best), mbps,
                mpps, JsonEscape(what).c_str(), JsonEscape(out_file).c_str());
    std::fflush(stdout);
  }
  return failures ? 1 : 0;
}
