// Helpers every image filter shares: admission (file-size and pixel limits, header sniffing),
// reporting codec statuses as diagnostics, and the "keep the input unless strictly smaller"
// rule.
#ifndef PAGEBAKE_IMAGE_IMAGE_FILTER_UTIL_H_
#define PAGEBAKE_IMAGE_IMAGE_FILTER_UTIL_H_

#include <optional>
#include <string>
#include <string_view>

#include "filters/core/filter.h"
#include "filters/image/image_header.h"
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

// Lossless WebP effort (cwebp -z) for an ImageEffort.
int WebpLosslessLevel(ImageEffort effort);

}  // namespace pagebake::image

#endif  // PAGEBAKE_IMAGE_IMAGE_FILTER_UTIL_H_
