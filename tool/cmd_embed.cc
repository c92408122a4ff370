// `pagebake embed SITE_DIR --namespace NS --header H --source S`
//
// The bytes never pass through the C++ compiler: the generated source holds one top-level asm()
// block whose `.incbin` directives make the assembler copy each file into .rodata, plus a small
// sorted table of string_views over those symbols. A 10 MB site then compiles about as fast as an
// empty file, where a char-array initializer of the same bytes takes the compiler minutes and
// gigabytes. (A global asm() in a .cc rather than a separate .S file: the same mechanism, without
// asking every project that calls pagebake_embed() to enable the ASM language.)
//
// The table is the manifest's file list (its paths and content types are the build's own), each
// file joined by its precompressed siblings when present. Every body gets a strong ETag from its
// own SHA-256, so the source changes — and is recompiled — whenever any embedded byte does; the
// files are rewritten only when their text changes, so an unchanged site costs no recompile.
#include "tool/cmd_embed.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "filters/core/hash.h"

namespace pagebake::tool {
namespace {

struct EmbedFlags {
  std::string site_dir, ns, header, source, include;
};

struct Body {
  bool present = false;
  std::string file;  // absolute path, for .incbin
  uint64_t size = 0;
  std::string etag;  // quoted
};

struct Entry {
  std::string path;  // "/css/site.3f9a1c0b.css"
  std::string content_type;
  bool immutable = false;  // a content-hashed name: cacheable forever
  Body identity, br, gzip;
};

bool ReadFile(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream s;
  s << in.rdbuf();
  *out = std::move(s).str();
  return static_cast<bool>(in) || in.eof();
}

// Writes `text` to `path` unless the file already holds exactly that (keeps its mtime, so Ninja's
// restat skips the recompile), through a temporary name so a reader never sees half a file.
bool WriteIfChanged(const std::string& path, const std::string& text) {
  std::string old;
  if (ReadFile(path, &old) && old == text) return true;
  std::error_code ec;
  std::filesystem::path parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  std::string tmp = path + ".tmp" + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (!out) {
      std::remove(tmp.c_str());
      return false;
    }
  }
  return std::rename(tmp.c_str(), path.c_str()) == 0;
}

// A C++ string literal (also valid inside an asm() string) for arbitrary bytes.
std::string Quote(std::string_view s) {
  std::string out = "\"";
  char buf[8];
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c >= 0x20 && c < 0x7f && c != '?') {  // '?': no trigraph surprises
      out += static_cast<char>(c);
    } else {
      std::snprintf(buf, sizeof buf, "\\%03o", c);
      out += buf;
    }
  }
  return out + "\"";
}

// Identifier-safe form of the namespace for the assembler symbols ("a::b" -> "a_b").
std::string SymbolPrefix(const std::string& ns) {
  std::string out = "pagebake_embed_";
  for (char c : ns) out += (isalnum(static_cast<unsigned char>(c)) ? c : '_');
  return out;
}

bool ValidNamespace(const std::string& ns) {
  if (ns.empty()) return false;
  size_t i = 0;
  while (i < ns.size()) {
    size_t e = ns.find("::", i);
    std::string part = ns.substr(i, e == std::string::npos ? std::string::npos : e - i);
    if (part.empty() || isdigit(static_cast<unsigned char>(part[0]))) return false;
    for (char c : part)
      if (!isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
    if (e == std::string::npos) break;
    i = e + 2;
  }
  return true;
}

bool LoadBody(const std::string& file, Body* body, std::string* error) {
  std::string bytes;
  if (!ReadFile(file, &bytes)) {
    *error = "cannot read " + file;
    return false;
  }
  body->present = true;
  body->file = file;
  body->size = bytes.size();
  body->etag = "\"" + Sha256Hex(bytes).substr(0, 20) + "\"";
  return true;
}

bool Exists(const std::string& path) { return ::access(path.c_str(), R_OK) == 0; }

// Reads the manifest and every file it lists (with siblings) into sorted entries.
bool LoadSite(const std::string& dir, std::vector<Entry>* entries, std::string* error) {
  std::string manifest_path = dir + "/pagebake-manifest.json", text;
  if (!ReadFile(manifest_path, &text)) {
    *error = "cannot read " + manifest_path + " (is " + dir + " a pagebake build output?)";
    return false;
  }
  nlohmann::json m = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (m.is_discarded() || !m.is_object() || !m.contains("files") || !m["files"].is_array()) {
    *error = manifest_path + ": not a pagebake manifest";
    return false;
  }
  for (const nlohmann::json& f : m["files"]) {
    if (!f.is_object() || !f.contains("path") || !f["path"].is_string()) {
      *error = manifest_path + ": a file without a \"path\"";
      return false;
    }
    Entry e;
    std::string rel = f["path"].get<std::string>();
    e.path = "/" + rel;
    e.content_type = f.value("content_type", std::string("application/octet-stream"));
    e.immutable = f.value("hashed", false);
    std::string file = dir + "/" + rel;
    if (!LoadBody(file, &e.identity, error)) return false;
    if (Exists(file + ".br") && !LoadBody(file + ".br", &e.br, error)) return false;
    if (Exists(file + ".gz") && !LoadBody(file + ".gz", &e.gzip, error)) return false;
    entries->push_back(std::move(e));
  }
  std::sort(entries->begin(), entries->end(),
            [](const Entry& a, const Entry& b) { return a.path < b.path; });
  for (size_t i = 1; i < entries->size(); ++i) {
    if ((*entries)[i].path == (*entries)[i - 1].path) {
      *error = manifest_path + ": " + (*entries)[i].path + " is listed twice";
      return false;
    }
  }
  return true;
}

std::string OpenNamespace(const std::string& ns) { return "namespace " + ns + " {\n"; }
std::string CloseNamespace(const std::string& ns) { return "}  // namespace " + ns + "\n"; }

std::string HeaderText(const EmbedFlags& f, size_t count) {
  std::string guard = "PAGEBAKE_EMBED_" + SymbolPrefix(f.ns).substr(15) + "_H_";
  for (char& c : guard) c = static_cast<char>(toupper(static_cast<unsigned char>(c)));
  std::string h;
  h += "// Generated by `pagebake embed` from " + f.site_dir + " (" + std::to_string(count) +
       " files). Do not edit.\n";
  h += "#ifndef " + guard + "\n#define " + guard + "\n\n";
  h += "#include <cstdint>\n#include <span>\n#include <string_view>\n\n";
  h += OpenNamespace(f.ns);
  h += R"(
// One representation of a file: its bytes and their strong ETag (quoted, ready for the header).
struct Body {
  std::string_view bytes;
  std::string_view etag;
  bool present() const { return !etag.empty(); }
};

struct File {
  std::string_view path;          // as in a URL: "/index.html", "/css/site.3f9a1c0b.css"
  std::string_view content_type;  // "text/html; charset=utf-8"
  bool immutable;                 // content-hashed name: "Cache-Control: max-age=31536000, immutable"
  Body identity;
  Body br;    // .br sibling; !present() when the build made none (small or incompressible)
  Body gzip;  // .gz sibling; likewise
};

// The representation to send and its Content-Encoding ("" for identity).
struct Selected {
  const Body* body;
  std::string_view content_encoding;
};

// Every file, sorted by path.
std::span<const File> Files();

// The file for a decoded URL path ("/about.html"); a path ending in '/' finds its index.html.
// nullptr when there is none.
const File* Find(std::string_view path);

// Picks the representation to send for an Accept-Encoding header value: the highest q among
// br, gzip and identity ('*' and q=0 honoured), the smaller body on a tie — so "br, gzip" gets
// br, and an absent header gets identity. Identity when nothing else is acceptable.
Selected Negotiate(const File& file, std::string_view accept_encoding);

)";
  h += CloseNamespace(f.ns);
  h += "\n#endif  // " + guard + "\n";
  return h;
}

// The lookup functions, the same for every site (written into each generated source so the
// generated pair needs nothing from pagebake at build or run time).
constexpr const char kLookupCode[] = R"(
std::span<const File> Files() { return {kFiles.data(), kFiles.size()}; }

const File* Find(std::string_view path) {
  std::string key(path);
  if (!key.empty() && key.back() == '/') key += "index.html";
  auto it = std::lower_bound(kFiles.begin(), kFiles.end(), key,
                             [](const File& f, const std::string& k) { return f.path < k; });
  return it != kFiles.end() && it->path == key ? &*it : nullptr;
}

namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool EqualsNoCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

// q of one coding in an Accept-Encoding value, in thousandths ("br;q=0.5" -> 500); when the
// value does not name it, the q of '*' if `star` and '*' is there, else -1.
int QualityOf(std::string_view header, std::string_view coding, bool star_applies = true) {
  int star = -1;
  while (!header.empty()) {
    size_t comma = header.find(',');
    std::string_view item = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
    size_t semi = item.find(';');
    std::string_view name = Trim(item.substr(0, semi));
    int q = 1000;
    if (semi != std::string_view::npos) {
      std::string_view param = Trim(item.substr(semi + 1));
      if (param.size() >= 3 && (param[0] == 'q' || param[0] == 'Q') && param[1] == '=') {
        // qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )
        std::string_view v = param.substr(2);
        q = v[0] == '1' ? 1000 : 0;
        for (size_t i = 2, scale = 100; v[0] == '0' && v.size() > 1 && v[1] == '.' &&
                                        i < v.size() && i < 5 && v[i] >= '0' && v[i] <= '9';
             ++i, scale /= 10)
          q += (v[i] - '0') * static_cast<int>(scale);
      }
    }
    if (EqualsNoCase(name, coding)) return q;
    if (name == "*" && star_applies) star = q;
  }
  return star;
}

}  // namespace

Selected Negotiate(const File& file, std::string_view accept_encoding) {
  // Identity competes with its own q only when the header names it; otherwise it is the
  // fallback for when nothing else is acceptable (RFC 9110 12.5.3 makes it acceptable, not
  // preferred), so "gzip;q=0.5" still gets gzip.
  Selected best{&file.identity, ""};
  int best_q = std::max(QualityOf(accept_encoding, "identity", /*star_applies=*/false), 0);
  // Highest q wins; on equal q, the smaller body.
  auto consider = [&](const Body& body, std::string_view coding) {
    int q = body.present() ? QualityOf(accept_encoding, coding) : 0;
    if (q <= 0) return;
    if (q > best_q || (q == best_q && body.bytes.size() < best.body->bytes.size())) {
      best = {&body, coding};
      best_q = q;
    }
  };
  consider(file.br, "br");
  consider(file.gzip, "gzip");
  return best;
}
)";

std::string BodyInit(const Body& b, const std::string& symbol) {
  if (!b.present) return "{{}, {}}";
  return "{{" + symbol + ", " + std::to_string(b.size) + "}, " + Quote(b.etag) + "}";
}

std::string SourceText(const EmbedFlags& f, const std::vector<Entry>& entries) {
  const std::string prefix = SymbolPrefix(f.ns);
  std::string asm_block, decls, table;
  size_t n = 0;
  auto add = [&](const Body& b) -> std::string {
    if (!b.present) return "";
    std::string sym = prefix + "_" + std::to_string(n++);
    asm_block += "    \"\\t.globl " + sym + "\\n\\t.hidden " + sym + "\\n\\t.type " + sym +
                 ", STT_OBJECT\\n" + sym + ":\\n\"\n";
    asm_block += "    \"\\t.incbin \" " + Quote(Quote(b.file)) + " \"\\n\\t.size " + sym +
                 ", . - " + sym + "\\n\"\n";
    decls += "extern \"C\" const char " + sym + "[];\n";
    return sym;
  };
  for (const Entry& e : entries) {
    std::string id = add(e.identity), br = add(e.br), gz = add(e.gzip);
    table += "    {" + Quote(e.path) + ", " + Quote(e.content_type) + ", " +
             (e.immutable ? "true" : "false") + ",\n     " + BodyInit(e.identity, id) + ",\n     " +
             BodyInit(e.br, br) + ",\n     " + BodyInit(e.gzip, gz) + "},\n";
  }
  std::string include = f.include.empty() ? f.header.substr(f.header.rfind('/') + 1) : f.include;
  std::string s;
  s += "// Generated by `pagebake embed` from " + f.site_dir + ". Do not edit.\n";
  s += "#include " + Quote(include) + "\n\n#include <algorithm>\n#include <array>\n#include <string>\n\n";
  s += "#if !defined(__ELF__)\n#error \"pagebake_embed: the generated data uses ELF assembler "
       "directives (.incbin, .type, .size)\"\n#endif\n\n";
  s += "// The bytes, copied in by the assembler (the compiler never parses them).\n";
  // No '@' in the directives: it starts a comment in the ARM assembler.
  s += "__asm__(\n    \"\\t.pushsection .rodata." + prefix + ", \\\"a\\\"\\n\\t.balign 16\\n\"\n";
  s += asm_block;
  s += "    \"\\t.popsection\\n\");\n\n";
  s += decls + "\n";
  s += OpenNamespace(f.ns) + "namespace {\n\nconstexpr std::array<File, " +
       std::to_string(entries.size()) + "> kFiles = {{\n" + table + "}};\n\n}  // namespace\n";
  s += kLookupCode;
  s += "\n" + CloseNamespace(f.ns);
  return s;
}

int RunEmbed(const EmbedFlags& f) {
  if (!ValidNamespace(f.ns)) {
    std::cerr << "pagebake embed: '" << f.ns << "' is not a C++ namespace name (a or a::b)\n";
    return 2;
  }
  std::vector<Entry> entries;
  std::string error;
  if (!LoadSite(f.site_dir, &entries, &error)) {
    std::cerr << "pagebake embed: " << error << "\n";
    return 3;
  }
  if (!WriteIfChanged(f.header, HeaderText(f, entries.size()))) {
    std::cerr << "pagebake embed: cannot write " << f.header << "\n";
    return 3;
  }
  if (!WriteIfChanged(f.source, SourceText(f, entries))) {
    std::cerr << "pagebake embed: cannot write " << f.source << "\n";
    return 3;
  }
  return 0;
}

std::string Absolute(const std::string& path) {
  if (path.empty() || path[0] == '/') return path;
  char buf[4096];
  if (!::getcwd(buf, sizeof buf)) return path;
  return std::string(buf) + "/" + path;
}

}  // namespace

CLI::App* AddEmbedCommand(CLI::App& app, RunFn* run) {
  auto f = std::make_shared<EmbedFlags>();
  CLI::App* cmd = app.add_subcommand(
      "embed", "Generate a C++ header + source holding a built site (and its .br/.gz) as data");
  cmd->add_option("SITE_DIR", f->site_dir, "A pagebake build output (has pagebake-manifest.json)")
      ->required();
  cmd->add_option("--namespace", f->ns, "C++ namespace of the generated API (a or a::b)")
      ->required();
  cmd->add_option("--header", f->header, "Header file to write")->required();
  cmd->add_option("--source", f->source, "Source file to write")->required();
  cmd->add_option("--include", f->include,
                  "How the source includes the header (default: the header's file name)");
  *run = [f] {
    EmbedFlags abs = *f;
    abs.site_dir = Absolute(f->site_dir);
    while (abs.site_dir.size() > 1 && abs.site_dir.back() == '/') abs.site_dir.pop_back();
    return RunEmbed(abs);
  };
  return cmd;
}

}  // namespace pagebake::tool
