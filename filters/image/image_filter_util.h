// Helpers every image filter shares: admission (file-size and pixel limits, header sniffing),
// reporting codec statuses as diagnostics, the "keep the input unless strictly smaller"
// rule, and the resize -> img-webp pixel handoff.
#ifndef PAGEBAKE_IMAGE_IMAGE_FILTER_UTIL_H_
#define PAGEBAKE_IMAGE_IMAGE_FILTER_UTIL_H_

#include <optional>
#include <string>
#include <string_view>

#include "filters/core/filter.h"
#include "filters/image/image_header.h"
#include "filters/image/pixels.h"
#include "pagebake/options.h"

namespace pagebake::image {

// Whether filter `id` is selected by these options: the level's set, plus enable, minus
// disable (the rule options.h states). Lets a filter adapt to a sibling (img-jpeg-subsampling)
// instead of making a second lossy generation.
bool FilterEnabled(const Options& options, std::string_view id);

// The header of `bytes` when a filter of `ctx` should work on it: within max-file-bytes and
// max-decoded-pixels, and of type `expected` (kOther: any image). Otherwise reports why
// (warning for limits, content error for damage) and returns nullopt.
std::optional<ImageHeader> Admit(FilterContext& ctx, std::string_view bytes,
                                 ContentType expected);

// A codec status as a diagnostic: content problems and limits leave the bytes as they were
// (a fallback); only internal errors are returned.
Status ReportCodecStatus(FilterContext& ctx, const Status& status);

// Replaces `bytes` with `candidate` when it is strictly smaller and counts a rewrite.
bool TakeIfSmaller(FilterContext& ctx, std::string& bytes, std::string candidate);

// Like TakeIfSmaller, for a rewrite that keeps every decoded pixel (a lossless transcode, a
// dropped chunk): pixels handed off for the old bytes stay valid for the new ones.
bool TakeIfSmallerSamePixels(FilterContext& ctx, std::string& bytes, std::string candidate);

// Pixel handoff from img-resize / img-responsive to img-webp. Without it img-webp decodes the
// variant the resize filter has just encoded from pixels it already had: a decode per variant,
// and (JPEG) a WebP made from JPEG-degraded pixels instead of the resized ones. The pipeline
// runs every filter of one resource on one worker thread, in table order, so each thread keeps
// one slot: the resize filter offers the pixels with the bytes it wrote, filters that rewrite
// those bytes without changing pixels (TakeIfSmallerSamePixels) add their output as a new key,
// and img-webp takes the pixels only when the resource still holds one of those byte strings.
// Any other rewrite in between (a lossy re-encode) leaves no match: img-webp decodes as before.
// `pixels`: what `bytes` were encoded from, upright, 8-bit RGBA.
void HandOffPixels(std::string_view bytes, Pixels pixels);
// The pixels handed off for exactly these bytes on this thread (the slot is emptied), or
// nullopt.
std::optional<Pixels> TakeHandedOffPixels(std::string_view bytes);

// Lossless WebP effort (cwebp -z) for an ImageEffort.
int WebpLosslessLevel(ImageEffort effort);

}  // namespace pagebake::image

#endif  // PAGEBAKE_IMAGE_IMAGE_FILTER_UTIL_H_
