// Bounds-checked little/big-endian reads and writes over byte strings, for the container
// parsers (PNG chunks, JPEG markers, GIF blocks, RIFF). A read past the end yields 0, so a
// truncated file reads as zeros and the caller's range checks reject it.
#ifndef PAGEBAKE_IMAGE_BYTE_IO_H_
#define PAGEBAKE_IMAGE_BYTE_IO_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace pagebake::image {

inline uint8_t ByteAt(std::string_view b, size_t p) {
  return p < b.size() ? static_cast<uint8_t>(b[p]) : 0;
}
inline uint32_t ReadBe16(std::string_view b, size_t p) {
  return (uint32_t{ByteAt(b, p)} << 8) | ByteAt(b, p + 1);
}
inline uint32_t ReadLe16(std::string_view b, size_t p) {
  return (uint32_t{ByteAt(b, p + 1)} << 8) | ByteAt(b, p);
}
inline uint32_t ReadBe32(std::string_view b, size_t p) {
  return (ReadBe16(b, p) << 16) | ReadBe16(b, p + 2);
}
inline uint32_t ReadLe32(std::string_view b, size_t p) {
  return (ReadLe16(b, p + 2) << 16) | ReadLe16(b, p);
}
inline void PutBe16(std::string& out, uint32_t v) {
  out.push_back(static_cast<char>(v >> 8));
  out.push_back(static_cast<char>(v));
}
inline void PutBe32(std::string& out, uint32_t v) {
  PutBe16(out, v >> 16);
  PutBe16(out, v & 0xFFFF);
}
inline void PutLe16(std::string& out, uint32_t v) {
  out.push_back(static_cast<char>(v));
  out.push_back(static_cast<char>(v >> 8));
}
inline void PutLe32(std::string& out, uint32_t v) {
  PutLe16(out, v & 0xFFFF);
  PutLe16(out, v >> 16);
}

}  // namespace pagebake::image

#endif  // PAGEBAKE_IMAGE_BYTE_IO_H_
