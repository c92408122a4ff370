#include "filters/image/image_filter_util.h"

#include <algorithm>
#include <vector>

#include "filters/core/filter_table.h"

namespace pagebake::image {

bool FilterEnabled(const Options& options, std::string_view id) {
  const FilterInfo* info = FindFilter(id);
  if (!info) return false;
  auto listed = [&](const std::vector<std::string>& v) {
    return std::find(v.begin(), v.end(), id) != v.end();
  };
  return (InLevel(*info, options.level) || listed(options.enable)) && !listed(options.disable);
}

std::optional<ImageHeader> Admit(FilterContext& ctx, std::string_view bytes,
                                 ContentType expected) {
  const ImageOptions& o = ctx.options().image;
  if (bytes.size() > o.max_file_bytes) {
    ctx.Warning(0, 0, "image of " + std::to_string(bytes.size()) +
                          " bytes is larger than max-file-bytes; copied unchanged");
    ++ctx.counters().fallbacks;
    return std::nullopt;
  }
  Result<ImageHeader> h = ReadImageHeader(bytes);
  if (!h.ok()) {
    ctx.ContentError(0, 0, h.status().message());
    return std::nullopt;
  }
  if (expected != ContentType::kOther && h->type != expected) return std::nullopt;
  if (h->pixels() > o.max_decoded_pixels) {
    ctx.Warning(0, 0, std::to_string(h->stored_width) + "x" + std::to_string(h->stored_height) +
                          " is more than max-decoded-pixels; copied unchanged");
    ++ctx.counters().fallbacks;
    return std::nullopt;
  }
  return h.value();
}

Status ReportCodecStatus(FilterContext& ctx, const Status& s) {
  if (s.ok()) return s;
  if (s.code() == StatusCode::kLimitExceeded) {
    ctx.Warning(0, 0, s.message() + "; copied unchanged");
    ++ctx.counters().fallbacks;
    return Status::OK();
  }
  if (s.code() == StatusCode::kContentError) {
    ctx.ContentError(0, 0, s.message());
    return Status::OK();
  }
  return s;
}

bool TakeIfSmaller(FilterContext& ctx, std::string& bytes, std::string candidate) {
  if (candidate.empty() || candidate.size() >= bytes.size()) return false;
  bytes = std::move(candidate);
  ++ctx.counters().rewrites;
  return true;
}

namespace {

struct Handoff {
  std::vector<std::string> keys;  // byte strings known to show `pixels` (usually 1 or 2)
  Pixels pixels;
};

// One per worker thread: a resource's filters all run on one thread (see the header), so the
// slot never crosses resources of two threads and needs no lock. It holds one variant at most.
Handoff& Slot() {
  thread_local Handoff slot;
  return slot;
}

bool HasKey(const Handoff& h, std::string_view bytes) {
  return std::find(h.keys.begin(), h.keys.end(), bytes) != h.keys.end();
}

}  // namespace

bool TakeIfSmallerSamePixels(FilterContext& ctx, std::string& bytes, std::string candidate) {
  Handoff& h = Slot();
  const bool keyed = HasKey(h, bytes);
  if (!TakeIfSmaller(ctx, bytes, std::move(candidate))) return false;
  // The pipeline may still refuse this rewrite: both byte strings stay keys.
  if (keyed) h.keys.push_back(bytes);
  return true;
}

void HandOffPixels(std::string_view bytes, Pixels pixels) {
  Handoff& h = Slot();
  h.keys.assign(1, std::string(bytes));
  h.pixels = std::move(pixels);
}

std::optional<Pixels> TakeHandedOffPixels(std::string_view bytes) {
  Handoff& h = Slot();
  if (!HasKey(h, bytes)) return std::nullopt;
  std::optional<Pixels> out(std::move(h.pixels));
  h = Handoff{};
  return out;
}

int WebpLosslessLevel(ImageEffort effort) {
  switch (effort) {
    case ImageEffort::kFast: return 2;
    case ImageEffort::kDefault: return 6;
    case ImageEffort::kMax: return 9;
  }
  return 6;
}

}  // namespace pagebake::image
