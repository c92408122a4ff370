// MinifyJson: validated by nlohmann-json's SAX parser (which reports the failing byte), then
// whitespace outside strings dropped by a byte loop that copies strings verbatim (escapes and
// all), so numbers and strings keep their exact spelling.
#include <nlohmann/json.hpp>

#include "filters/js/js_minifier.h"
#include "filters/text/position.h"

namespace pagebake::js {
namespace {

// Accepts every event; remembers where parsing failed.
struct ErrorOnlySax : nlohmann::json_sax<nlohmann::json> {
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return true; }
  bool key(string_t&) override { return true; }
  bool end_object() override { return true; }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t position, const std::string&,
                   const nlohmann::detail::exception& ex) override {
    failed = true;
    offset = position > 0 ? position - 1 : 0;
    message = ex.what();
    return false;
  }
  bool failed = false;
  size_t offset = 0;
  std::string message;
};

}  // namespace

Status MinifyJson(std::string_view in, std::string* out, std::vector<JsIssue>* issues) {
  ErrorOnlySax sax;
  nlohmann::json::sax_parse(in.begin(), in.end(), &sax, nlohmann::json::input_format_t::json,
                            /*strict=*/true, /*ignore_comments=*/false);
  if (sax.failed) {
    text::LineCol lc = text::LineColAt(in, sax.offset);
    std::string msg = "invalid JSON: " + sax.message;
    if (issues) issues->push_back(JsIssue{sax.offset, lc.line, lc.col, msg});
    out->assign(in.data(), in.size());
    return Status::ContentError(std::to_string(lc.line) + ":" + std::to_string(lc.col) + ": " +
                                msg);
  }
  std::string r;
  r.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
    if (c != '"') {
      r.push_back(c);
      continue;
    }
    size_t j = i + 1;
    while (j < in.size() && in[j] != '"') j += in[j] == '\\' ? 2 : 1;
    r.append(in.substr(i, j + 1 - i));
    i = j;
  }
  *out = std::move(r);
  return Status::OK();
}

}  // namespace pagebake::js
