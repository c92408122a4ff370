// The verify summary: one self-contained HTML page (inline CSS, no script, every string
// escaped) listing each page x viewport with its changed fraction, new console errors, new
// failed requests and render times, and linking the before/after/diff images written beside it.
#ifndef PAGEBAKE_VERIFY_SUMMARY_HTML_H_
#define PAGEBAKE_VERIFY_SUMMARY_HTML_H_

#include <string>

#include "pagebake/verify.h"

namespace pagebake::verify {

std::string SummaryHtml(const VerifyOptions& options, const VerifyResult& result);

}  // namespace pagebake::verify

#endif  // PAGEBAKE_VERIFY_SUMMARY_HTML_H_
