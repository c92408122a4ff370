#include "filters/core/hash.h"

#include <openssl/evp.h>

namespace pagebake {
namespace {

std::string Digest(const EVP_MD* md, std::string_view bytes) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(bytes.data(), bytes.size(), out, &len, md, nullptr);
  return std::string(reinterpret_cast<char*>(out), len);
}

}  // namespace

std::string Sha256Hex(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string d = Digest(EVP_sha256(), bytes);
  std::string hex;
  hex.reserve(d.size() * 2);
  for (unsigned char c : d) {
    hex += kHex[c >> 4];
    hex += kHex[c & 15];
  }
  return hex;
}

std::string Sha384(std::string_view bytes) { return Digest(EVP_sha384(), bytes); }

std::string Base64(std::string_view in) {
  static constexpr char kTab[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    unsigned v = (unsigned char)in[i] << 16 | (unsigned char)in[i + 1] << 8 |
                 (unsigned char)in[i + 2];
    out += kTab[v >> 18];
    out += kTab[(v >> 12) & 63];
    out += kTab[(v >> 6) & 63];
    out += kTab[v & 63];
  }
  if (i < in.size()) {
    unsigned v = (unsigned char)in[i] << 16;
    if (i + 1 < in.size()) v |= (unsigned char)in[i + 1] << 8;
    out += kTab[v >> 18];
    out += kTab[(v >> 12) & 63];
    out += i + 1 < in.size() ? kTab[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

std::string SriSha384(std::string_view bytes) { return "sha384-" + Base64(Sha384(bytes)); }

}  // namespace pagebake
