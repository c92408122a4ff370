// Tag names the tree builder and the filters need to recognise, with the parsing properties
// WHATWG attaches to them (void, special, formatting, raw text, ...). Unknown names map to
// Tag::kUnknown and are compared by their written name.
#ifndef PAGEBAKE_HTML_TAGS_H_
#define PAGEBAKE_HTML_TAGS_H_

#include <cstdint>
#include <string_view>

namespace pagebake::html {

// X(enumerator, "lowercase name")
#define PAGEBAKE_HTML_TAGS(X)                                                                    \
  X(kA, "a") X(kAbbr, "abbr") X(kAddress, "address") X(kAnnotationXml, "annotation-xml")         \
  X(kApplet, "applet") X(kArea, "area") X(kArticle, "article") X(kAside, "aside")                \
  X(kAudio, "audio") X(kB, "b") X(kBase, "base") X(kBasefont, "basefont") X(kBdi, "bdi")         \
  X(kBdo, "bdo") X(kBgsound, "bgsound") X(kBig, "big") X(kBlockquote, "blockquote")              \
  X(kBody, "body") X(kBr, "br") X(kButton, "button") X(kCanvas, "canvas")                        \
  X(kCaption, "caption") X(kCenter, "center") X(kCite, "cite") X(kCode, "code") X(kCol, "col")   \
  X(kColgroup, "colgroup") X(kData, "data") X(kDatalist, "datalist") X(kDd, "dd")                \
  X(kDel, "del") X(kDesc, "desc") X(kDetails, "details") X(kDfn, "dfn") X(kDialog, "dialog")     \
  X(kDir, "dir") X(kDiv, "div") X(kDl, "dl") X(kDt, "dt") X(kEm, "em") X(kEmbed, "embed")        \
  X(kFieldset, "fieldset") X(kFigcaption, "figcaption") X(kFigure, "figure") X(kFont, "font")    \
  X(kFooter, "footer") X(kForeignObject, "foreignobject") X(kForm, "form") X(kFrame, "frame")    \
  X(kFrameset, "frameset") X(kH1, "h1") X(kH2, "h2") X(kH3, "h3") X(kH4, "h4") X(kH5, "h5")      \
  X(kH6, "h6") X(kHead, "head") X(kHeader, "header") X(kHgroup, "hgroup") X(kHr, "hr")           \
  X(kHtml, "html") X(kI, "i") X(kIframe, "iframe") X(kImage, "image") X(kImg, "img")             \
  X(kInput, "input") X(kIns, "ins") X(kKbd, "kbd") X(kKeygen, "keygen") X(kLabel, "label")       \
  X(kLegend, "legend") X(kLi, "li") X(kLink, "link") X(kListing, "listing") X(kMain, "main")     \
  X(kMalignmark, "malignmark") X(kMap, "map") X(kMark, "mark") X(kMarquee, "marquee")            \
  X(kMath, "math") X(kMenu, "menu") X(kMeta, "meta") X(kMeter, "meter") X(kMglyph, "mglyph")     \
  X(kMi, "mi") X(kMn, "mn") X(kMo, "mo") X(kMs, "ms") X(kMtext, "mtext") X(kNav, "nav")          \
  X(kNobr, "nobr") X(kNoembed, "noembed") X(kNoframes, "noframes") X(kNoscript, "noscript")      \
  X(kObject, "object") X(kOl, "ol") X(kOptgroup, "optgroup") X(kOption, "option")                \
  X(kOutput, "output") X(kP, "p") X(kParam, "param") X(kPicture, "picture")                      \
  X(kPlaintext, "plaintext") X(kPre, "pre") X(kProgress, "progress") X(kQ, "q") X(kRb, "rb")     \
  X(kRp, "rp") X(kRt, "rt") X(kRtc, "rtc") X(kRuby, "ruby") X(kS, "s") X(kSamp, "samp")          \
  X(kScript, "script") X(kSearch, "search") X(kSection, "section") X(kSelect, "select")          \
  X(kSlot, "slot") X(kSmall, "small") X(kSource, "source") X(kSpan, "span")                      \
  X(kStrike, "strike") X(kStrong, "strong") X(kStyle, "style") X(kSub, "sub")                    \
  X(kSummary, "summary") X(kSup, "sup") X(kSvg, "svg") X(kTable, "table") X(kTbody, "tbody")     \
  X(kTd, "td") X(kTemplate, "template") X(kTextarea, "textarea") X(kTfoot, "tfoot")              \
  X(kTh, "th") X(kThead, "thead") X(kTime, "time") X(kTitle, "title") X(kTr, "tr")               \
  X(kTrack, "track") X(kTt, "tt") X(kU, "u") X(kUl, "ul") X(kUse, "use") X(kVar, "var")          \
  X(kVideo, "video") X(kWbr, "wbr") X(kXmp, "xmp")

enum class Tag : uint16_t {
  kUnknown = 0,
#define PAGEBAKE_TAG_ENUM(e, s) e,
  PAGEBAKE_HTML_TAGS(PAGEBAKE_TAG_ENUM)
#undef PAGEBAKE_TAG_ENUM
      kCount
};

// Parsing properties (bits).
enum TagProperty : uint32_t {
  kVoid = 1u << 0,          // never has children or an end tag (HTML namespace)
  kSpecial = 1u << 1,       // WHATWG "special" category: stops "any other end tag"
  kFormatting = 1u << 2,    // adoption-agency elements
  kClosesP = 1u << 3,       // its start tag closes an open <p> in button scope
  kScopeBoundary = 1u << 4, // limits "has an element in scope"
  kImpliedEnd = 1u << 5,    // closed by "generate implied end tags"
  kHeadContent = 1u << 6,   // may stay inside <head>
  kRawText = 1u << 7,       // content is RAWTEXT
  kRcData = 1u << 8,        // content is RCDATA
  kBreaksOutOfForeign = 1u << 9,  // an HTML start tag that ends foreign content
  kPreformatted = 1u << 10, // whitespace is significant inside (pre, textarea, ...)
  kInline = 1u << 11,       // phrasing content: whitespace around it is rendered
};

// The tag for a name as written (ASCII case-insensitive); kUnknown when not in the list.
Tag LookupTag(std::string_view name);
std::string_view TagName(Tag t);  // lowercase
// Whether an SVG element of this name (any case) holds text that renders or is read: <text> and
// its tspan/textPath, title/desc, style/script, metadata, foreignObject. Elsewhere in SVG,
// whitespace-only text renders nothing (html-collapse-whitespace and its judge).
bool SvgKeepsTextByName(std::string_view name);
uint32_t TagProperties(Tag t);
inline bool HasProperty(Tag t, uint32_t p) { return (TagProperties(t) & p) != 0; }

}  // namespace pagebake::html

#endif  // PAGEBAKE_HTML_TAGS_H_
