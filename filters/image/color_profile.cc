#include "filters/image/color_profile.h"

#include <zlib.h>

#include <map>

#include "filters/image/byte_io.h"

namespace pagebake::image {

bool IsSrgbIcc(std::string_view icc) {
  if (icc.size() < 132 || ReadBe32(icc, 0) != icc.size()) return false;
  if (icc.substr(16, 4) != "RGB ") return false;
  uint32_t count = ReadBe32(icc, 128);
  for (uint32_t i = 0; i < count && 132 + size_t{i} * 12 + 12 <= icc.size(); ++i) {
    size_t e = 132 + size_t{i} * 12;
    if (icc.substr(e, 4) != "desc") continue;
    uint32_t off = ReadBe32(icc, e + 4), len = ReadBe32(icc, e + 8);
    if (off > icc.size() || len > icc.size() - off) return false;
    std::string_view tag = icc.substr(off, len);
    // 'desc' (v2) holds ASCII; 'mluc' (v4) UTF-16BE.
    return tag.find("sRGB") != std::string_view::npos ||
           tag.find(std::string_view("\0s\0R\0G\0B", 8)) != std::string_view::npos;
  }
  return false;
}

std::string PngIccProfile(const PngChunk& iccp) {
  size_t nul = iccp.data.find('\0');
  if (nul == std::string::npos || nul + 2 > iccp.data.size() || iccp.data[nul + 1] != 0)
    return {};
  std::string_view z = std::string_view(iccp.data).substr(nul + 2);
  z_stream s{};
  if (inflateInit(&s) != Z_OK) return {};
  std::string out;
  char buf[16384];
  s.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(z.data()));
  s.avail_in = static_cast<uInt>(z.size());
  int rc = Z_OK;
  while (rc == Z_OK && out.size() < (16u << 20)) {
    s.next_out = reinterpret_cast<Bytef*>(buf);
    s.avail_out = sizeof(buf);
    rc = inflate(&s, Z_NO_FLUSH);
    out.append(buf, sizeof(buf) - s.avail_out);
    if (rc == Z_BUF_ERROR && s.avail_in == 0) break;
  }
  inflateEnd(&s);
  return rc == Z_STREAM_END ? out : std::string();
}

PngColor ClassifyPngColor(const std::vector<PngChunk>& chunks) {
  const PngChunk *gama = nullptr, *chrm = nullptr, *iccp = nullptr;
  bool srgb = false;
  for (const PngChunk& c : chunks) {
    if (c.type == "sRGB") srgb = true;
    if (c.type == "gAMA") gama = &c;
    if (c.type == "cHRM") chrm = &c;
    if (c.type == "iCCP") iccp = &c;
  }
  // Precedence as in the PNG spec and browsers: iCCP, then sRGB, then gAMA/cHRM.
  if (iccp) return IsSrgbIcc(PngIccProfile(*iccp)) ? PngColor::kSrgb : PngColor::kIcc;
  if (srgb) return PngColor::kSrgb;
  if (!gama && !chrm) return PngColor::kUntagged;
  if (gama && gama->data.size() == 4) {
    uint32_t g = ReadBe32(gama->data, 0);
    bool srgb_gamma = g >= 45000 && g <= 46000;  // 1/2.2 = 45455, allowing writers' rounding
    bool srgb_chrm = true;
    if (chrm) {
      // White point and primaries x,y * 100000 of sRGB / Rec. 709.
      static constexpr uint32_t kSrgb[8] = {31270, 32900, 64000, 33000,
                                            30000, 60000, 15000, 6000};
      srgb_chrm = chrm->data.size() == 32;
      for (int i = 0; i < 8 && srgb_chrm; ++i) {
        int64_t d = int64_t{ReadBe32(chrm->data, i * 4)} - kSrgb[i];
        srgb_chrm = d >= -1000 && d <= 1000;
      }
    }
    if (srgb_gamma && srgb_chrm) return PngColor::kSrgb;
  }
  return PngColor::kOther;
}

Result<JpegLayout> ReadJpegLayout(std::string_view b) {
  if (b.size() < 4 || ByteAt(b, 0) != 0xFF || ByteAt(b, 1) != 0xD8)
    return Status::ContentError("jpeg: no SOI marker");
  JpegLayout layout;
  size_t pos = 2;
  while (true) {
    while (pos + 1 < b.size() && ByteAt(b, pos) == 0xFF && ByteAt(b, pos + 1) == 0xFF) ++pos;
    if (pos + 4 > b.size()) return Status::ContentError("jpeg: truncated before the scan");
    if (ByteAt(b, pos) != 0xFF)
      return Status::ContentError("jpeg: expected a marker at byte " + std::to_string(pos));
    uint8_t m = ByteAt(b, pos + 1);
    if (m == 0xDA) {
      layout.scan_start = pos;
      return layout;
    }
    if (m == 0xD8 || m == 0xD9 || (m >= 0xD0 && m <= 0xD7))
      return Status::ContentError("jpeg: unexpected marker before the scan");
    uint32_t len = ReadBe16(b, pos + 2);
    if (len < 2 || len > b.size() - pos - 2)
      return Status::ContentError("jpeg: segment at byte " + std::to_string(pos) +
                                  " runs past the end");
    layout.segments.push_back({m, b.substr(pos + 4, len - 2)});
    pos += 2 + size_t{len};
  }
}

std::string WriteJpegLayout(const std::vector<JpegSegment>& segments, std::string_view bytes,
                            size_t scan_start) {
  std::string out("\xFF\xD8");
  for (const JpegSegment& s : segments) {
    out.push_back('\xFF');
    out.push_back(static_cast<char>(s.marker));
    PutBe16(out, static_cast<uint32_t>(s.payload.size() + 2));
    out.append(s.payload);
  }
  out.append(bytes.substr(scan_start));
  return out;
}

std::string JpegIccProfile(const JpegLayout& layout) {
  std::map<int, std::string_view> parts;
  for (const JpegSegment& s : layout.segments)
    if (s.marker == 0xE2 && s.payload.size() > 14 &&
        s.payload.substr(0, 12) == std::string_view("ICC_PROFILE\0", 12))
      parts[ByteAt(s.payload, 12)] = s.payload.substr(14);
  std::string icc;
  for (auto& [seq, data] : parts) icc.append(data);
  return icc;
}

}  // namespace pagebake::image
