#include "filters/image/jpeg_codec.h"

// jpeglib.h needs size_t and FILE declared first.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <csetjmp>
#include <jpeglib.h>
#include <jerror.h>
#include <turbojpeg.h>

#include "filters/image/byte_io.h"
#include "filters/image/image_header.h"

namespace pagebake::image {
namespace {

// ---------------------------------------------------------------------------------------------
// C-style part: plain structs and functions whose frames hold no C++ objects with destructors,
// because libjpeg reports errors with longjmp.

struct ErrorMgr {
  jpeg_error_mgr pub;
  jmp_buf jump;
  char message[JMSG_LENGTH_MAX];
  int limit_exceeded;
};

void ErrorExit(j_common_ptr cinfo) {
  ErrorMgr* e = reinterpret_cast<ErrorMgr*>(cinfo->err);
  (*cinfo->err->format_message)(cinfo, e->message);
  longjmp(e->jump, 1);
}

// Warnings (msg_level -1) mean corrupt data: fail rather than transcode libjpeg's filler.
void EmitMessage(j_common_ptr cinfo, int msg_level) {
  if (msg_level < 0) ErrorExit(cinfo);
}

void OutputMessage(j_common_ptr) {}

// Progressive files with thousands of scans are a known CPU bomb (libjpeg-turbo's
// "tjexample"/fuzzing advice): refuse more than this many.
constexpr int kMaxScans = 500;

void ProgressMonitor(j_common_ptr cinfo) {
  if (cinfo->is_decompressor) {
    j_decompress_ptr d = reinterpret_cast<j_decompress_ptr>(cinfo);
    if (d->input_scan_number > kMaxScans) {
      ErrorMgr* e = reinterpret_cast<ErrorMgr*>(cinfo->err);
      std::snprintf(e->message, sizeof(e->message), "more than %d scans", kMaxScans);
      longjmp(e->jump, 1);
    }
  }
}

void InitErrorMgr(ErrorMgr* e) {
  jpeg_std_error(&e->pub);
  e->pub.error_exit = ErrorExit;
  e->pub.emit_message = EmitMessage;
  e->pub.output_message = OutputMessage;
  e->message[0] = '\0';
  e->limit_exceeded = 0;
}

// In-memory destination that the caller owns (freed with free() on every path).
struct MemDest {
  jpeg_destination_mgr pub;
  unsigned char* buffer;
  size_t size;  // bytes written
  size_t capacity;
};

void DestInit(j_compress_ptr c) {
  MemDest* d = reinterpret_cast<MemDest*>(c->dest);
  if (!d->buffer) {
    d->capacity = 64 * 1024;
    d->buffer = static_cast<unsigned char*>(std::malloc(d->capacity));
    if (!d->buffer) ERREXIT1(c, JERR_OUT_OF_MEMORY, 10);
  }
  d->size = 0;
  d->pub.next_output_byte = d->buffer;
  d->pub.free_in_buffer = d->capacity;
}

boolean DestEmpty(j_compress_ptr c) {
  MemDest* d = reinterpret_cast<MemDest*>(c->dest);
  size_t used = d->capacity;
  size_t cap = d->capacity * 2;
  unsigned char* b = static_cast<unsigned char*>(std::realloc(d->buffer, cap));
  if (!b) ERREXIT1(c, JERR_OUT_OF_MEMORY, 11);
  d->buffer = b;
  d->capacity = cap;
  d->pub.next_output_byte = b + used;
  d->pub.free_in_buffer = cap - used;
  return TRUE;
}

void DestTerm(j_compress_ptr c) {
  MemDest* d = reinterpret_cast<MemDest*>(c->dest);
  d->size = d->capacity - d->pub.free_in_buffer;
}

void InitMemDest(MemDest* d) {
  d->pub.init_destination = DestInit;
  d->pub.empty_output_buffer = DestEmpty;
  d->pub.term_destination = DestTerm;
  d->buffer = nullptr;
  d->size = d->capacity = 0;
}

struct InfoJob {
  const unsigned char* in;
  size_t in_size;
  unsigned long long max_pixels;
  ErrorMgr err;
  // results
  unsigned width, height;
  int components, color_space, progressive, arithmetic, has_icc;
  int h_samp[3], v_samp[3];
  unsigned short luma_q[64];
  int have_luma_q;
};

int InfoFrame(InfoJob* job) {
  jpeg_decompress_struct src;
  volatile int created = 0;
  InitErrorMgr(&job->err);
  src.err = &job->err.pub;
  if (setjmp(job->err.jump)) {
    if (created) jpeg_destroy_decompress(&src);
    return 0;
  }
  jpeg_create_decompress(&src);
  created = 1;
  jpeg_mem_src(&src, job->in, static_cast<unsigned long>(job->in_size));
  jpeg_save_markers(&src, JPEG_APP0 + 2, 0xFFFF);
  jpeg_read_header(&src, TRUE);
  job->width = src.image_width;
  job->height = src.image_height;
  job->components = src.num_components;
  job->color_space = src.jpeg_color_space;
  job->progressive = src.progressive_mode;
  job->arithmetic = src.arith_code;
  for (int i = 0; i < 3 && i < src.num_components; ++i) {
    job->h_samp[i] = src.comp_info[i].h_samp_factor;
    job->v_samp[i] = src.comp_info[i].v_samp_factor;
  }
  job->have_luma_q = src.quant_tbl_ptrs[0] != nullptr;
  if (job->have_luma_q)
    for (int i = 0; i < 64; ++i) job->luma_q[i] = src.quant_tbl_ptrs[0]->quantval[i];
  job->has_icc = 0;
  for (jpeg_saved_marker_ptr m = src.marker_list; m; m = m->next)
    if (m->marker == JPEG_APP0 + 2 && m->data_length >= 14 &&
        std::memcmp(m->data, "ICC_PROFILE", 12) == 0)
      job->has_icc = 1;
  jpeg_destroy_decompress(&src);
  return 1;
}

struct TranscodeJob {
  const unsigned char* in;
  size_t in_size;
  int progressive;
  int keep_icc;
  const unsigned char* exif;
  unsigned exif_size;
  unsigned long long max_pixels;
  ErrorMgr err;
  MemDest dest;
};

int TranscodeFrame(TranscodeJob* job) {
  jpeg_decompress_struct src;
  jpeg_compress_struct dst;
  jpeg_progress_mgr progress;
  volatile int src_created = 0, dst_created = 0;
  InitErrorMgr(&job->err);
  InitMemDest(&job->dest);
  src.err = &job->err.pub;
  dst.err = &job->err.pub;
  if (setjmp(job->err.jump)) {
    if (dst_created) jpeg_destroy_compress(&dst);
    if (src_created) jpeg_destroy_decompress(&src);
    return 0;
  }
  jpeg_create_decompress(&src);
  src_created = 1;
  jpeg_create_compress(&dst);
  dst_created = 1;
  progress.progress_monitor = ProgressMonitor;
  src.progress = &progress;
  jpeg_mem_src(&src, job->in, static_cast<unsigned long>(job->in_size));
  if (job->keep_icc) jpeg_save_markers(&src, JPEG_APP0 + 2, 0xFFFF);
  jpeg_read_header(&src, TRUE);
  if (static_cast<unsigned long long>(src.image_width) * src.image_height > job->max_pixels) {
    job->err.limit_exceeded = 1;
    std::snprintf(job->err.message, sizeof(job->err.message), "%ux%u is more than the limit",
                  src.image_width, src.image_height);
    longjmp(job->err.jump, 1);
  }
  jvirt_barray_ptr* coefficients = jpeg_read_coefficients(&src);
  // A progressive file that ends before its refinement scans renders through libjpeg's block
  // smoothing (browsers decode it so): rewritten as complete scans, the same coefficients
  // would decode to other pixels. coef_bits holds each coefficient's last Al (-1: never sent).
  if (src.progressive_mode && src.coef_bits)
    for (int c = 0; c < src.num_components; ++c)
      for (int k = 0; k < DCTSIZE2; ++k)
        if (src.coef_bits[c][k] != 0) {
          std::snprintf(job->err.message, sizeof(job->err.message),
                        "progressive scans stop before full precision (component %d, "
                        "coefficient %d): the file renders as a partial image",
                        c + 1, k);
          longjmp(job->err.jump, 1);
        }
  jpeg_copy_critical_parameters(&src, &dst);
  dst.optimize_coding = TRUE;
  dst.arith_code = FALSE;
  if (job->progressive) jpeg_simple_progression(&dst);
  // EXIF must come first; browsers do not need JFIF's density fields.
  if (job->exif) dst.write_JFIF_header = FALSE;
  dst.dest = &job->dest.pub;
  jpeg_write_coefficients(&dst, coefficients);
  if (job->exif) jpeg_write_marker(&dst, JPEG_APP0 + 1, job->exif, job->exif_size);
  if (job->keep_icc)
    for (jpeg_saved_marker_ptr m = src.marker_list; m; m = m->next)
      if (m->marker == JPEG_APP0 + 2 && m->data_length >= 12 &&
          std::memcmp(m->data, "ICC_PROFILE", 12) == 0)
        jpeg_write_marker(&dst, m->marker, m->data, m->data_length);
  jpeg_finish_compress(&dst);
  jpeg_finish_decompress(&src);
  jpeg_destroy_compress(&dst);
  jpeg_destroy_decompress(&src);
  return 1;
}

struct EncodeJob {
  const unsigned char* samples;  // width * height * components, packed
  unsigned width, height;
  int components;  // 1 or 3
  int quality, h_samp, v_samp, progressive;
  const unsigned char* icc;
  unsigned icc_size;
  const unsigned char* exif;
  unsigned exif_size;
  ErrorMgr err;
  MemDest dest;
};

int EncodeFrame(EncodeJob* job) {
  jpeg_compress_struct dst;
  volatile int created = 0;
  InitErrorMgr(&job->err);
  InitMemDest(&job->dest);
  dst.err = &job->err.pub;
  if (setjmp(job->err.jump)) {
    if (created) jpeg_destroy_compress(&dst);
    return 0;
  }
  jpeg_create_compress(&dst);
  created = 1;
  dst.image_width = job->width;
  dst.image_height = job->height;
  dst.input_components = job->components;
  dst.in_color_space = job->components == 1 ? JCS_GRAYSCALE : JCS_RGB;
  jpeg_set_defaults(&dst);
  jpeg_set_quality(&dst, job->quality, TRUE);
  dst.dct_method = JDCT_ISLOW;
  dst.optimize_coding = TRUE;
  if (job->components == 3) {
    dst.comp_info[0].h_samp_factor = job->h_samp;
    dst.comp_info[0].v_samp_factor = job->v_samp;
  }
  if (job->progressive) jpeg_simple_progression(&dst);
  if (job->exif) dst.write_JFIF_header = FALSE;
  dst.dest = &job->dest.pub;
  jpeg_start_compress(&dst, TRUE);
  if (job->exif) jpeg_write_marker(&dst, JPEG_APP0 + 1, job->exif, job->exif_size);
  if (job->icc) jpeg_write_icc_profile(&dst, job->icc, job->icc_size);
  const size_t stride = size_t{job->width} * job->components;
  while (dst.next_scanline < dst.image_height) {
    JSAMPROW row = const_cast<JSAMPROW>(job->samples + dst.next_scanline * stride);
    jpeg_write_scanlines(&dst, &row, 1);
  }
  jpeg_finish_compress(&dst);
  jpeg_destroy_compress(&dst);
  return 1;
}

// ---------------------------------------------------------------------------------------------

// The IJG standard luminance table (natural order), as scaled by jpeg_set_quality.
constexpr unsigned kStdLuma[64] = {
    16, 11, 10, 16, 24,  40,  51,  61,  12, 12, 14, 19, 26,  58,  60,  55,
    14, 13, 16, 24, 40,  57,  69,  56,  14, 17, 22, 29, 51,  87,  80,  62,
    18, 22, 37, 56, 68,  109, 103, 77,  24, 35, 55, 64, 81,  104, 113, 92,
    49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99};

int EstimateQuality(const unsigned short* q) {
  int best_q = 0;
  uint64_t best = UINT64_MAX;
  for (int quality = 1; quality <= 100; ++quality) {
    int scale = quality < 50 ? 5000 / quality : 200 - quality * 2;
    uint64_t diff = 0;
    for (int i = 0; i < 64; ++i) {
      long t = (static_cast<long>(kStdLuma[i]) * scale + 50) / 100;
      t = t < 1 ? 1 : t > 255 ? 255 : t;
      diff += static_cast<uint64_t>(std::labs(t - static_cast<long>(q[i])));
    }
    if (diff < best) { best = diff; best_q = quality; }
  }
  return best_q;
}

std::string TakeDest(MemDest* d) {
  std::string s(reinterpret_cast<const char*>(d->buffer), d->size);
  std::free(d->buffer);
  d->buffer = nullptr;
  return s;
}

}  // namespace

Result<JpegInfo> ReadJpegInfo(std::string_view bytes, uint64_t max_pixels) {
  InfoJob job{};
  job.in = reinterpret_cast<const unsigned char*>(bytes.data());
  job.in_size = bytes.size();
  job.max_pixels = max_pixels;
  if (!InfoFrame(&job)) return Status::ContentError(std::string("jpeg: ") + job.err.message);
  PAGEBAKE_RETURN_IF_ERROR(CheckPixelLimit(job.width, job.height, max_pixels, "jpeg"));
  JpegInfo info;
  info.width = job.width;
  info.height = job.height;
  info.components = job.components;
  info.cmyk = job.color_space == JCS_CMYK || job.color_space == JCS_YCCK;
  info.progressive = job.progressive;
  info.arithmetic = job.arithmetic;
  info.has_icc = job.has_icc;
  if (job.have_luma_q) info.quality = EstimateQuality(job.luma_q);
  if (job.components == 1) {
    info.subsampling = ChromaSubsampling::kGray;
  } else if (job.components == 3 && job.h_samp[1] == 1 && job.v_samp[1] == 1 &&
             job.h_samp[2] == 1 && job.v_samp[2] == 1) {
    if (job.h_samp[0] == 1 && job.v_samp[0] == 1) info.subsampling = ChromaSubsampling::k444;
    else if (job.h_samp[0] == 2 && job.v_samp[0] == 1) info.subsampling = ChromaSubsampling::k422;
    else if (job.h_samp[0] == 2 && job.v_samp[0] == 2) info.subsampling = ChromaSubsampling::k420;
  }
  Result<ImageHeader> h = ReadImageHeader(bytes);
  if (h.ok()) info.orientation = h->orientation;
  return info;
}

std::string MinimalExifOrientation(int orientation) {
  std::string s("Exif\0\0II*\0", 10);
  PutLe32(s, 8);    // IFD0 offset
  PutLe16(s, 1);    // one entry
  PutLe16(s, 0x0112);
  PutLe16(s, 3);    // SHORT
  PutLe32(s, 1);    // count
  PutLe16(s, static_cast<uint32_t>(orientation));
  PutLe16(s, 0);
  PutLe32(s, 0);    // no next IFD
  return s;
}

Result<std::string> TranscodeJpeg(std::string_view bytes, const JpegTranscodeOptions& o) {
  std::string exif = o.orientation != 1 ? MinimalExifOrientation(o.orientation) : std::string();
  TranscodeJob job{};
  job.in = reinterpret_cast<const unsigned char*>(bytes.data());
  job.in_size = bytes.size();
  job.progressive = o.progressive;
  job.keep_icc = o.keep_icc;
  job.exif = exif.empty() ? nullptr : reinterpret_cast<const unsigned char*>(exif.data());
  job.exif_size = static_cast<unsigned>(exif.size());
  job.max_pixels = o.max_pixels;
  int ok = TranscodeFrame(&job);
  if (!ok) {
    std::free(job.dest.buffer);
    std::string msg = std::string("jpeg: ") + job.err.message;
    if (job.err.limit_exceeded) return Status::LimitExceeded(msg);
    return Status::ContentError(msg);
  }
  return TakeDest(&job.dest);
}

int JpegShrinkOnLoad(uint32_t width, uint32_t height, uint32_t target_width,
                     uint32_t target_height) {
  // libvips' thumbnail rule: the area-averaging after the scaled IDCT must still shrink by 2
  // or more. Measured on the bench photos (1900 -> 800 px, a 2.4x shrink): decoding at 1/2 and
  // averaging the last 1.19x lost 0.004-0.015 SSIM against sharp's resize, so that is not done.
  for (int d : {8, 4, 2}) {
    // TJSCALED rounds up: the decoded side is ceil(side / d).
    if ((width + d - 1) / d >= 2 * uint64_t{target_width} &&
        (height + d - 1) / d >= 2 * uint64_t{target_height})
      return d;
  }
  return 1;
}

Result<Pixels> DecodeJpeg(std::string_view bytes, uint64_t max_pixels, int scale_denom) {
  if (scale_denom != 1 && scale_denom != 2 && scale_denom != 4 && scale_denom != 8)
    return Status::InvalidArgument("jpeg: scale must be 1/1, 1/2, 1/4 or 1/8");
  tjhandle tj = tjInitDecompress();
  if (!tj) return Status::Internal("jpeg: tjInitDecompress failed");
  struct Closer {
    tjhandle h;
    ~Closer() { tjDestroy(h); }
  } closer{tj};
  auto* in = reinterpret_cast<const unsigned char*>(bytes.data());
  int w = 0, h = 0, subsamp = 0, colorspace = 0;
  if (tjDecompressHeader3(tj, in, bytes.size(), &w, &h, &subsamp, &colorspace) != 0)
    return Status::ContentError(std::string("jpeg: ") + tjGetErrorStr2(tj));
  PAGEBAKE_RETURN_IF_ERROR(CheckPixelLimit(w, h, max_pixels, "jpeg"));
  if (colorspace == TJCS_CMYK || colorspace == TJCS_YCCK)
    return Status::ContentError("jpeg: CMYK image (not converted to RGB)");
  const tjscalingfactor scale{1, scale_denom};
  const int sw = TJSCALED(w, scale), sh = TJSCALED(h, scale);
  Pixels p;
  p.width = sw;
  p.height = sh;
  p.rgba.resize(size_t{p.width} * p.height * 4);
  if (tjDecompress2(tj, in, bytes.size(), p.rgba.data(), sw, 0, sh, TJPF_RGBA,
                    TJFLAG_ACCURATEDCT | TJFLAG_STOPONWARNING) != 0)
    return Status::ContentError(std::string("jpeg: ") + tjGetErrorStr2(tj));
  return p;
}

Result<std::string> EncodeJpeg(const Pixels& p, const JpegEncodeOptions& o) {
  if (p.depth != 8) return Status::Internal("EncodeJpeg: 8-bit pixels only");
  const bool gray = o.subsampling == ChromaSubsampling::kGray;
  const int components = gray ? 1 : 3;
  std::vector<unsigned char> samples(size_t{p.width} * p.height * components);
  const size_t n = size_t{p.width} * p.height;
  for (size_t i = 0; i < n; ++i)
    for (int c = 0; c < components; ++c) samples[i * components + c] = p.rgba[i * 4 + c];
  std::string exif = o.orientation != 1 ? MinimalExifOrientation(o.orientation) : std::string();
  EncodeJob job{};
  job.samples = samples.data();
  job.width = p.width;
  job.height = p.height;
  job.components = components;
  job.quality = o.quality < 1 ? 1 : o.quality > 100 ? 100 : o.quality;
  job.h_samp = o.subsampling == ChromaSubsampling::k444 ? 1 : 2;
  job.v_samp = o.subsampling == ChromaSubsampling::k420 ? 2 : 1;
  job.progressive = o.progressive;
  job.icc = o.icc.empty() ? nullptr : reinterpret_cast<const unsigned char*>(o.icc.data());
  job.icc_size = static_cast<unsigned>(o.icc.size());
  job.exif = exif.empty() ? nullptr : reinterpret_cast<const unsigned char*>(exif.data());
  job.exif_size = static_cast<unsigned>(exif.size());
  if (!EncodeFrame(&job)) {
    std::free(job.dest.buffer);
    return Status::ContentError(std::string("jpeg encode: ") + job.err.message);
  }
  return TakeDest(&job.dest);
}

Pixels ApplyOrientation(const Pixels& in, int orientation) {
  if (orientation < 2 || orientation > 8) return in;
  const bool swap = orientation >= 5;
  Pixels out;
  out.depth = in.depth;
  out.width = swap ? in.height : in.width;
  out.height = swap ? in.width : in.height;
  const size_t bpp = in.bytes_per_pixel();
  out.rgba.resize(in.rgba.size());
  for (uint32_t y = 0; y < out.height; ++y) {
    for (uint32_t x = 0; x < out.width; ++x) {
      // (x, y) in the output comes from (sx, sy) in the stored image (EXIF 2.32 table).
      uint32_t sx = x, sy = y;
      const uint32_t W = out.width - 1, H = out.height - 1;
      switch (orientation) {
        case 2: sx = W - x; break;
        case 3: sx = W - x; sy = H - y; break;
        case 4: sy = H - y; break;
        case 5: sx = y; sy = x; break;
        case 6: sx = y; sy = W - x; break;
        case 7: sx = H - y; sy = W - x; break;
        case 8: sx = H - y; sy = x; break;
      }
      std::memcpy(&out.rgba[(size_t{y} * out.width + x) * bpp],
                  &in.rgba[(size_t{sy} * in.width + sx) * bpp], bpp);
    }
  }
  return out;
}

}  // namespace pagebake::image
