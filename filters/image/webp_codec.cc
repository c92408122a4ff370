#include "filters/image/webp_codec.h"

#include <webp/decode.h>
#include <webp/encode.h>
#include <webp/mux.h>

#include <cstring>

namespace pagebake::image {
namespace {

struct MuxCloser {
  WebPMux* mux;
  ~MuxCloser() { WebPMuxDelete(mux); }
};

std::string TakeData(WebPData* d) {
  std::string s(reinterpret_cast<const char*>(d->bytes), d->size);
  WebPDataClear(d);
  return s;
}

Result<std::string> SetIcc(std::string webp, const std::string& icc) {
  if (icc.empty()) return webp;
  WebPData in{reinterpret_cast<const uint8_t*>(webp.data()), webp.size()};
  MuxCloser m{WebPMuxCreate(&in, 0)};
  if (!m.mux) return Status::Internal("webp: mux create failed");
  WebPData profile{reinterpret_cast<const uint8_t*>(icc.data()), icc.size()};
  if (WebPMuxSetChunk(m.mux, "ICCP", &profile, 1) != WEBP_MUX_OK)
    return Status::Internal("webp: cannot set ICCP");
  WebPData out{};
  if (WebPMuxAssemble(m.mux, &out) != WEBP_MUX_OK) return Status::Internal("webp: assemble");
  return TakeData(&out);
}

int Writer(const uint8_t* data, size_t size, const WebPPicture* pic) {
  static_cast<std::string*>(pic->custom_ptr)->append(reinterpret_cast<const char*>(data), size);
  return 1;
}

}  // namespace

Result<Pixels> DecodeWebp(std::string_view bytes, uint64_t max_pixels) {
  WebPBitstreamFeatures f;
  auto* in = reinterpret_cast<const uint8_t*>(bytes.data());
  if (WebPGetFeatures(in, bytes.size(), &f) != VP8_STATUS_OK)
    return Status::ContentError("webp: bad header");
  if (f.has_animation) return Status::ContentError("webp: animated (not decoded)");
  PAGEBAKE_RETURN_IF_ERROR(CheckPixelLimit(f.width, f.height, max_pixels, "webp"));
  Pixels p;
  p.width = f.width;
  p.height = f.height;
  p.rgba.resize(size_t{p.width} * p.height * 4);
  if (!WebPDecodeRGBAInto(in, bytes.size(), p.rgba.data(), p.rgba.size(), p.row_bytes()))
    return Status::ContentError("webp: damaged image data");
  return p;
}

Result<std::string> EncodeWebp(const Pixels& p, const WebpEncodeOptions& o) {
  if (p.depth != 8) return Status::Internal("EncodeWebp: 8-bit pixels only");
  if (p.width > WEBP_MAX_DIMENSION || p.height > WEBP_MAX_DIMENSION)
    return Status::ContentError("webp: image too large for WebP (16383 px max)");
  WebPConfig config;
  if (o.lossless) {
    if (!WebPConfigInit(&config) || !WebPConfigLosslessPreset(&config, o.lossless_level))
      return Status::Internal("webp: config");
  } else {
    if (!WebPConfigPreset(&config, WEBP_PRESET_DEFAULT, static_cast<float>(o.quality)))
      return Status::Internal("webp: config");
  }
  WebPPicture pic;
  if (!WebPPictureInit(&pic)) return Status::Internal("webp: picture init");
  pic.use_argb = o.lossless;
  pic.width = static_cast<int>(p.width);
  pic.height = static_cast<int>(p.height);
  std::string out;
  pic.writer = Writer;
  pic.custom_ptr = &out;
  if (o.deadline && o.deadline->limited()) {
    pic.user_data = const_cast<Deadline*>(o.deadline);
    pic.progress_hook = [](int, const WebPPicture* picture) {
      return static_cast<const Deadline*>(picture->user_data)->Passed() ? 0 : 1;
    };
  }
  bool opaque = IsOpaque(p);
  int ok = opaque ? WebPPictureImportRGBX(&pic, p.rgba.data(), static_cast<int>(p.row_bytes()))
                  : WebPPictureImportRGBA(&pic, p.rgba.data(), static_cast<int>(p.row_bytes()));
  if (!ok) {
    WebPPictureFree(&pic);
    return Status::Internal("webp: import failed (out of memory)");
  }
  ok = WebPEncode(&config, &pic);
  int error = pic.error_code;
  WebPPictureFree(&pic);
  if (!ok && error == VP8_ENC_ERROR_USER_ABORT)
    return Status::ContentError("webp: encode stopped (max_file_seconds)");
  if (!ok) return Status::ContentError("webp: encode failed (" + std::to_string(error) + ")");
  return SetIcc(std::move(out), o.icc);
}

struct WebpAnimationEncoder::Impl {
  WebPAnimEncoder* enc = nullptr;
  WebPConfig config;
  int timestamp_ms = 0;
  int loop_count = 0;
  Status status;
};

WebpAnimationEncoder::WebpAnimationEncoder(uint32_t width, uint32_t height, int loop_count,
                                           int lossless_level)
    : impl_(std::make_unique<Impl>()) {
  WebPAnimEncoderOptions ao;
  WebPAnimEncoderOptionsInit(&ao);
  ao.minimize_size = 1;
  ao.allow_mixed = 0;
  impl_->loop_count = loop_count;
  WebPConfigInit(&impl_->config);
  WebPConfigLosslessPreset(&impl_->config, lossless_level);
  if (width > WEBP_MAX_DIMENSION || height > WEBP_MAX_DIMENSION) {
    impl_->status = Status::ContentError("webp: animation too large for WebP");
    return;
  }
  impl_->enc = WebPAnimEncoderNew(static_cast<int>(width), static_cast<int>(height), &ao);
  if (!impl_->enc) impl_->status = Status::Internal("webp: WebPAnimEncoderNew failed");
}

WebpAnimationEncoder::~WebpAnimationEncoder() {
  if (impl_->enc) WebPAnimEncoderDelete(impl_->enc);
}

Status WebpAnimationEncoder::AddFrame(const Pixels& canvas, int duration_ms) {
  if (!impl_->status.ok()) return impl_->status;
  WebPPicture pic;
  WebPPictureInit(&pic);
  pic.use_argb = 1;
  pic.width = static_cast<int>(canvas.width);
  pic.height = static_cast<int>(canvas.height);
  if (!WebPPictureImportRGBA(&pic, canvas.rgba.data(), static_cast<int>(canvas.row_bytes()))) {
    WebPPictureFree(&pic);
    return impl_->status = Status::Internal("webp: import failed");
  }
  int ok = WebPAnimEncoderAdd(impl_->enc, &pic, impl_->timestamp_ms, &impl_->config);
  WebPPictureFree(&pic);
  if (!ok)
    return impl_->status = Status::ContentError(std::string("webp anim: ") +
                                                WebPAnimEncoderGetError(impl_->enc));
  impl_->timestamp_ms += duration_ms;
  return Status::OK();
}

void WebpAnimationEncoder::SetLoopCount(int loop_count) { impl_->loop_count = loop_count; }

Result<std::string> WebpAnimationEncoder::Finish() {
  if (!impl_->status.ok()) return impl_->status;
  if (!WebPAnimEncoderAdd(impl_->enc, nullptr, impl_->timestamp_ms, nullptr))
    return Status::ContentError(std::string("webp anim: ") + WebPAnimEncoderGetError(impl_->enc));
  WebPData data{};
  if (!WebPAnimEncoderAssemble(impl_->enc, &data))
    return Status::ContentError(std::string("webp anim: ") + WebPAnimEncoderGetError(impl_->enc));
  // WebPAnimEncoder writes loop_count 0 (forever); set what the GIF said.
  MuxCloser m{WebPMuxCreate(&data, 1)};
  WebPDataClear(&data);
  if (!m.mux) return Status::Internal("webp anim: mux");
  WebPMuxAnimParams params;
  if (WebPMuxGetAnimationParams(m.mux, &params) != WEBP_MUX_OK) {
    // A single frame comes out as a still image: nothing to loop.
    WebPData out{};
    if (WebPMuxAssemble(m.mux, &out) != WEBP_MUX_OK) return Status::Internal("webp: assemble");
    return TakeData(&out);
  }
  params.loop_count = impl_->loop_count;
  if (WebPMuxSetAnimationParams(m.mux, &params) != WEBP_MUX_OK)
    return Status::Internal("webp anim: params");
  WebPData out{};
  if (WebPMuxAssemble(m.mux, &out) != WEBP_MUX_OK) return Status::Internal("webp anim: assemble");
  return TakeData(&out);
}

Result<std::string> StripWebpChunks(std::string_view bytes, bool drop_metadata,
                                    bool drop_icc) {
  WebPData in{reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()};
  MuxCloser m{WebPMuxCreate(&in, 0)};
  if (!m.mux) return Status::ContentError("webp: damaged container");
  bool changed = false;
  for (const char* id : {"EXIF", "XMP ", "ICCP"}) {
    bool icc = std::strcmp(id, "ICCP") == 0;
    if (icc ? !drop_icc : !drop_metadata) continue;
    if (WebPMuxDeleteChunk(m.mux, id) == WEBP_MUX_OK) changed = true;
  }
  if (!changed) return std::string(bytes);
  WebPData out{};
  if (WebPMuxAssemble(m.mux, &out) != WEBP_MUX_OK)
    return Status::ContentError("webp: cannot reassemble");
  return TakeData(&out);
}

std::string WebpIccProfile(std::string_view bytes) {
  WebPData in{reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()};
  MuxCloser m{WebPMuxCreate(&in, 0)};
  if (!m.mux) return {};
  WebPData icc{};
  if (WebPMuxGetChunk(m.mux, "ICCP", &icc) != WEBP_MUX_OK) return {};
  return std::string(reinterpret_cast<const char*>(icc.bytes), icc.size);
}

}  // namespace pagebake::image
