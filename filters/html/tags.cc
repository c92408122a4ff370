#include "filters/html/tags.h"

#include <algorithm>
#include <array>
#include <cstring>

#include "filters/text/position.h"

namespace pagebake::html {
namespace {

constexpr std::string_view kNames[] = {
    "",
#define PAGEBAKE_TAG_NAME(e, s) s,
    PAGEBAKE_HTML_TAGS(PAGEBAKE_TAG_NAME)
#undef PAGEBAKE_TAG_NAME
};
constexpr size_t kCount = static_cast<size_t>(Tag::kCount);
static_assert(std::size(kNames) == kCount);

inline uint32_t HashLower(const char* s, size_t n) {
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < n; ++i) h = (h ^ static_cast<unsigned char>(s[i])) * 16777619u;
  return h;
}

struct Tables {
  static constexpr size_t kSlots = 1024;  // open addressing, load < 0.2
  std::array<Tag, kSlots> slots{};
  std::array<uint32_t, kCount> props{};
  size_t max_len = 0;

  void Set(std::initializer_list<Tag> tags, uint32_t bits) {
    for (Tag t : tags) props[static_cast<size_t>(t)] |= bits;
  }

  Tables() {
    for (size_t i = 1; i < kCount; ++i) {
      max_len = std::max(max_len, kNames[i].size());
      size_t slot = HashLower(kNames[i].data(), kNames[i].size()) & (kSlots - 1);
      while (slots[slot] != Tag::kUnknown) slot = (slot + 1) & (kSlots - 1);
      slots[slot] = static_cast<Tag>(i);
    }
    using T = Tag;
    Set({T::kArea, T::kBase, T::kBasefont, T::kBgsound, T::kBr, T::kCol, T::kEmbed, T::kFrame,
         T::kHr, T::kImage, T::kImg, T::kInput, T::kKeygen, T::kLink, T::kMeta, T::kParam,
         T::kSource, T::kTrack, T::kWbr},
        kVoid);
    Set({T::kAddress, T::kApplet, T::kArea, T::kArticle, T::kAside, T::kBase, T::kBasefont,
         T::kBgsound, T::kBlockquote, T::kBody, T::kBr, T::kButton, T::kCaption, T::kCenter,
         T::kCol, T::kColgroup, T::kDd, T::kDetails, T::kDir, T::kDiv, T::kDl, T::kDt, T::kEmbed,
         T::kFieldset, T::kFigcaption, T::kFigure, T::kFooter, T::kForm, T::kFrame, T::kFrameset,
         T::kH1, T::kH2, T::kH3, T::kH4, T::kH5, T::kH6, T::kHead, T::kHeader, T::kHgroup, T::kHr,
         T::kHtml, T::kIframe, T::kImg, T::kInput, T::kKeygen, T::kLi, T::kLink, T::kListing,
         T::kMain, T::kMarquee, T::kMenu, T::kMeta, T::kNav, T::kNoembed, T::kNoframes,
         T::kNoscript, T::kObject, T::kOl, T::kP, T::kParam, T::kPlaintext, T::kPre, T::kScript,
         T::kSearch, T::kSection, T::kSelect, T::kSource, T::kStyle, T::kSummary, T::kTable,
         T::kTbody, T::kTd, T::kTemplate, T::kTextarea, T::kTfoot, T::kTh, T::kThead, T::kTitle,
         T::kTr, T::kTrack, T::kUl, T::kWbr, T::kXmp},
        kSpecial);
    Set({T::kA, T::kB, T::kBig, T::kCode, T::kEm, T::kFont, T::kI, T::kNobr, T::kS, T::kSmall,
         T::kStrike, T::kStrong, T::kTt, T::kU},
        kFormatting);
    Set({T::kAddress, T::kArticle, T::kAside, T::kBlockquote, T::kCenter, T::kDetails,
         T::kDialog, T::kDir, T::kDiv, T::kDl, T::kFieldset, T::kFigcaption, T::kFigure,
         T::kFooter, T::kHeader, T::kHgroup, T::kMain, T::kMenu, T::kNav, T::kOl, T::kP,
         T::kSearch, T::kSection, T::kSummary, T::kUl, T::kH1, T::kH2, T::kH3, T::kH4, T::kH5,
         T::kH6, T::kPre, T::kListing, T::kForm, T::kPlaintext, T::kTable, T::kHr, T::kXmp},
        kClosesP);
    Set({T::kApplet, T::kCaption, T::kHtml, T::kTable, T::kTd, T::kTh, T::kMarquee, T::kObject,
         T::kTemplate},
        kScopeBoundary);
    Set({T::kDd, T::kDt, T::kLi, T::kOptgroup, T::kOption, T::kP, T::kRb, T::kRp, T::kRt,
         T::kRtc},
        kImpliedEnd);
    Set({T::kBase, T::kBasefont, T::kBgsound, T::kLink, T::kMeta, T::kTitle, T::kNoscript,
         T::kNoframes, T::kStyle, T::kScript, T::kTemplate},
        kHeadContent);
    Set({T::kStyle, T::kXmp, T::kIframe, T::kNoembed, T::kNoframes}, kRawText);
    Set({T::kTitle, T::kTextarea}, kRcData);
    Set({T::kB, T::kBig, T::kBlockquote, T::kBody, T::kBr, T::kCenter, T::kCode, T::kDd,
         T::kDiv, T::kDl, T::kDt, T::kEm, T::kEmbed, T::kH1, T::kH2, T::kH3, T::kH4, T::kH5,
         T::kH6, T::kHead, T::kHr, T::kI, T::kImg, T::kLi, T::kListing, T::kMenu, T::kMeta,
         T::kNobr, T::kOl, T::kP, T::kPre, T::kRuby, T::kS, T::kSmall, T::kSpan, T::kStrong,
         T::kStrike, T::kSub, T::kSup, T::kTable, T::kTt, T::kU, T::kUl, T::kVar},
        kBreaksOutOfForeign);
    Set({T::kPre, T::kTextarea, T::kListing, T::kPlaintext, T::kXmp, T::kScript, T::kStyle},
        kPreformatted);
    Set({T::kA, T::kAbbr, T::kAudio, T::kB, T::kBdi, T::kBdo, T::kBig, T::kBr, T::kButton,
         T::kCanvas, T::kCite, T::kCode, T::kData, T::kDatalist, T::kDel, T::kDfn, T::kEm,
         T::kEmbed, T::kFont, T::kI, T::kIframe, T::kImage, T::kImg, T::kInput, T::kIns, T::kKbd,
         T::kKeygen, T::kLabel, T::kMap, T::kMark, T::kMath, T::kMeter, T::kNobr, T::kObject,
         T::kOutput, T::kPicture, T::kProgress, T::kQ, T::kRuby, T::kRb, T::kRp, T::kRt, T::kRtc,
         T::kS, T::kSamp, T::kScript, T::kSelect, T::kSlot, T::kSmall, T::kSpan, T::kStrike,
         T::kStrong, T::kSub, T::kSup, T::kSvg, T::kTemplate, T::kTextarea, T::kTime, T::kTt,
         T::kU, T::kVar, T::kVideo, T::kWbr, T::kNoscript},
        kInline);
  }
};

// Built before main; nothing looks tags up during static initialization.
const Tables kTables;
inline const Tables& GetTables() { return kTables; }

}  // namespace

Tag LookupTag(std::string_view name) {
  const Tables& t = GetTables();
  if (name.empty() || name.size() > t.max_len) return Tag::kUnknown;
  char buf[32];
  for (size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    buf[i] = (c >= 'A' && c <= 'Z') ? char(c + 32) : c;
  }
  std::string_view lower(buf, name.size());
  size_t slot = HashLower(buf, name.size()) & (Tables::kSlots - 1);
  for (;;) {
    Tag tag = t.slots[slot];
    if (tag == Tag::kUnknown) return Tag::kUnknown;
    if (kNames[static_cast<size_t>(tag)] == lower) return tag;
    slot = (slot + 1) & (Tables::kSlots - 1);
  }
}

std::string_view TagName(Tag t) { return kNames[static_cast<size_t>(t)]; }

uint32_t TagProperties(Tag t) { return GetTables().props[static_cast<size_t>(t)]; }

bool SvgKeepsTextByName(std::string_view name) {
  static constexpr std::string_view kKeep[] = {
      "text", "tspan", "textpath", "title", "desc", "style", "script", "metadata", "foreignobject"};
  for (std::string_view k : kKeep)
    if (text::EqualsIgnoreCase(name, k)) return true;
  return false;
}

}  // namespace pagebake::html
