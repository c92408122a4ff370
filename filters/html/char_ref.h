// Character references in attribute values: decoding (the in-attribute rules of WHATWG) and
// escaping for writing a value back. Text content is never decoded by the rewrite path: filters
// copy it as written.
#ifndef PAGEBAKE_HTML_CHAR_REF_H_
#define PAGEBAKE_HTML_CHAR_REF_H_

#include <string>
#include <string_view>

namespace pagebake::html {

// Decodes a raw attribute value. Numeric references and the common named ones are decoded
// here; a value with any other named reference is decoded by gumbo (the full WHATWG table,
// including the legacy names without ';' that attributes keep as written before [=0-9A-Za-z]).
std::string DecodeAttrValue(std::string_view raw);

// Escapes a decoded value for writing between `quote` ('"' or '\''): '&' that could start a
// reference and the quote character become references.
std::string EscapeAttrValue(std::string_view decoded, char quote);

// True when a raw (already escaped) value may be written without quotes: non-empty and no
// whitespace, '"', '\'', '=', '<', '>' or '`'.
bool CanBeUnquoted(std::string_view raw);

// Encodes a code point as UTF-8 onto `out`.
void AppendUtf8(uint32_t cp, std::string* out);

}  // namespace pagebake::html

#endif  // PAGEBAKE_HTML_CHAR_REF_H_
