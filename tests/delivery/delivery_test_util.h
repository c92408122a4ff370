// Helpers of the delivery tests: independent decoders (zlib and the brotli decoder, not the
// encoders' own libraries' round trips), SRI computed by the openssl CLI, and building a site
// through the pipeline in a temp dir.
#ifndef PAGEBAKE_TESTS_DELIVERY_DELIVERY_TEST_UTIL_H_
#define PAGEBAKE_TESTS_DELIVERY_DELIVERY_TEST_UTIL_H_

#include <brotli/decode.h>
#include <zlib.h>

#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "filters/core/cost.h"
#include "filters/core/pipeline.h"
#include "tests/core/test_util.h"

namespace pagebake::testing {

inline std::optional<std::string> BrotliDecode(std::string_view in) {
  BrotliDecoderState* s = BrotliDecoderCreateInstance(nullptr, nullptr, nullptr);
  std::string out;
  const uint8_t* next_in = reinterpret_cast<const uint8_t*>(in.data());
  size_t avail_in = in.size();
  BrotliDecoderResult r;
  do {
    uint8_t buf[65536];
    uint8_t* next_out = buf;
    size_t avail_out = sizeof buf;
    r = BrotliDecoderDecompressStream(s, &avail_in, &next_in, &avail_out, &next_out, nullptr);
    out.append(reinterpret_cast<char*>(buf), sizeof buf - avail_out);
  } while (r == BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT);
  BrotliDecoderDestroyInstance(s);
  if (r != BROTLI_DECODER_RESULT_SUCCESS || avail_in != 0) return std::nullopt;
  return out;
}

// zlib's inflate in gzip mode (windowBits 16+15): a decoder independent of libdeflate/zopfli.
inline std::optional<std::string> GunzipZlib(std::string_view in) {
  z_stream z{};
  if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK) return std::nullopt;
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  std::string out;
  int r;
  do {
    char buf[65536];
    z.next_out = reinterpret_cast<Bytef*>(buf);
    z.avail_out = sizeof buf;
    r = inflate(&z, Z_NO_FLUSH);
    out.append(buf, sizeof buf - z.avail_out);
  } while (r == Z_OK);
  bool ok = r == Z_STREAM_END && z.avail_in == 0;
  inflateEnd(&z);
  if (!ok) return std::nullopt;
  return out;
}

// Output of a shell command (stdout), or nullopt when it failed.
inline std::optional<std::string> Shell(const std::string& cmd) {
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) return std::nullopt;
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  if (::pclose(p) != 0) return std::nullopt;
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return out;
}

// "sha384-..." of a file, by the openssl CLI.
inline std::optional<std::string> OpensslSri(const std::string& file) {
  auto b64 = Shell("openssl dgst -sha384 -binary '" + file + "' | openssl base64 -A");
  if (!b64) return std::nullopt;
  return "sha384-" + *b64;
}

struct BuildRun {
  Status status;
  BuildResult result;
  std::vector<Diagnostic> diagnostics;
};

inline BuildRun RunPipeline(const Options& o) {
  BuildRun run;
  auto env = NewPosixEnv(o.io);
  CostMeter meter;
  Pipeline p(o, env.get(), &meter);
  run.status = p.Run(&run.result, {});
  run.diagnostics = p.diagnostics();
  return run;
}

}  // namespace pagebake::testing

#endif  // PAGEBAKE_TESTS_DELIVERY_DELIVERY_TEST_UTIL_H_
