// The JS whitespace minifier: removes comments and whitespace (no renaming, no rewriting of
// expressions), plus a few rewrites that keep every token's meaning and need no parser:
//  - literals in a shorter spelling of the same value (js_literals.h): `1.0` -> `1`, `0.5` ->
//    `.5`, `1000` -> `1e3`, `0xFF` -> `255`; `\t` -> a tab in strings, line continuations
//    removed, the quote that needs fewer escapes;
//  - punctuation a later token makes redundant: `;` before `}` (not an empty statement body),
//    a trailing `,` before `)`, `]`, `}` (not an array hole: `[a,,]` keeps both), `()` of
//    `new X.y()` when the next token cannot continue the callee or call its result (`;`, `,`,
//    closers, `:`, `?`, most binary operators; never before `.`, `?.`, `[`, `(`, templates);
//  - `{a: a}` -> `{a}` in object literals and patterns, but only once the input itself shows it
//    needs an engine newer than shorthand properties (module code, a class, `?.`, `??`, `**`),
//    so ES5 code stays ES5; not for `__proto__` (which would stop setting the prototype),
//    reserved words, `yield`/`await`/`let`, escaped or non-ASCII names.
// One-shot calls, as brotli's BrotliEncoderCompress.
//
// What it keeps, and why:
//  - a line break wherever the removed whitespace held one and automatic semicolon insertion
//    (ASI) or a restricted production could depend on it: after `return`/`throw`/`break`/
//    `continue`/`yield`/`await`/`async`/`let`, before `++`/`--`, after the `}` of an arrow
//    body, and in general between a token that can end a statement and one that can start a
//    new one. Being conservative costs a byte per kept line break; being wrong breaks pages.
//  - a space between tokens that would otherwise fuse into different ones: `a + +b`,
//    `a - -b`, `x / /re/`, `1 .toString()`, `a in b`, `/re/ in x`, `a < !--b`, `\n-- >`.
//  - legal comments (`/*!`, `@license`, `@preserve`, `@cc_on`) when asked to, the hashbang,
//    and `//# sourceMappingURL=` / `//# sourceURL=` comments.
// Tokens that touched in the input stay touching (a space is added where a shorter literal
// would fuse: `1.0.toFixed()` -> `1 .toFixed()`), so a valid program keeps its tokens. `-->`
// after a postfix `--` is written without a space unless the `--` starts a line (only there is
// it an HTML-like comment). Source maps point a rewritten literal at the original's start.
// On a tokenizer error (unterminated string, template, regex or comment) the output is the
// input unchanged and the issue carries its line:col.
#ifndef PAGEBAKE_JS_JS_MINIFIER_H_
#define PAGEBAKE_JS_JS_MINIFIER_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "filters/text/source_map.h"
#include "pagebake/status.h"

namespace pagebake::js {

struct JsMinifyOptions {
  // Keep /*! */, @license, @preserve and @cc_on comments. Default true: licenses often
  // require it, and they are a few hundred bytes.
  bool keep_license_comments = true;
  // Module code: no HTML-like comments. Default false (classic script).
  bool module = false;
  // The text sits inside an HTML <script> element: the output must not end the element early
  // (`</script`) nor leave the HTML parser in the "double escaped" state (`<!--` ... `<script`),
  // else the input is returned unchanged with an issue. Default false.
  bool inline_script = false;
  // Drop `//# sourceMappingURL=` comments (the caller writes a new map and its own comment).
  // Default false: they are kept.
  bool drop_source_map_url = false;
};

struct JsIssue {
  size_t offset = 0;  // byte offset in the input
  int line = 0;       // 1-based
  int col = 0;        // 1-based, in bytes
  std::string message;
};

// Minifies `in` into `*out`. OK with the minified code; ContentError (and *out == in, the issue
// appended to *issues when non-null) when the input cannot be tokenized or the result would be
// unsafe in an inline script.
Status MinifyJs(std::string_view in, const JsMinifyOptions& options, std::string* out,
                std::vector<JsIssue>* issues);

// As MinifyJs, and when `map` is non-null records where every output token came from.
Status MinifyJsWithMap(std::string_view in, const JsMinifyOptions& options, std::string* out,
                       text::SourceMapBuilder* map, std::vector<JsIssue>* issues);

// JSON (`.json` files, <script type=application/json|ld+json|importmap>): whitespace outside
// strings removed, after checking the input is valid JSON. Invalid JSON: ContentError, *out ==
// in, issue with line:col.
Status MinifyJson(std::string_view in, std::string* out, std::vector<JsIssue>* issues);

// True when `text` can be the content of an HTML <script> element without ending it early or
// swallowing the real end tag (HTML's script data, escaped and double escaped states).
bool SafeInScriptElement(std::string_view text);

}  // namespace pagebake::js

#endif  // PAGEBAKE_JS_JS_MINIFIER_H_
