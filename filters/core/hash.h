// Content hashing: SHA-256 for names and cache keys, SHA-384 for SRI (OpenSSL's libcrypto, a
// Debian package: no hand-written crypto).
#ifndef PAGEBAKE_CORE_HASH_H_
#define PAGEBAKE_CORE_HASH_H_

#include <string>
#include <string_view>

namespace pagebake {

std::string Sha256Hex(std::string_view bytes);
// Raw 48-byte digest.
std::string Sha384(std::string_view bytes);
std::string Base64(std::string_view bytes);
// "sha384-<base64>"
std::string SriSha384(std::string_view bytes);

}  // namespace pagebake

#endif  // PAGEBAKE_CORE_HASH_H_
