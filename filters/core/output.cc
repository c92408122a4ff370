#include "filters/core/output.h"

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <climits>

#include "filters/core/url.h"

namespace pagebake {
namespace {

bool Inside(const std::string& parent, const std::string& p) {
  return p.size() > parent.size() && p.compare(0, parent.size(), parent) == 0 &&
         (parent == "/" || p[parent.size()] == '/');
}

std::string Absolute(const std::string& p) {
  if (!p.empty() && p[0] == '/') return p;
  char buf[PATH_MAX];
  if (!::getcwd(buf, sizeof buf)) return p;
  return JoinPath(buf, p);
}

// Lexical normalization of an absolute path.
std::string NormalizeAbs(const std::string& abs) {
  std::string norm;
  if (!NormalizePath(abs.substr(1), &norm)) norm.clear();  // "/.." is "/"
  if (!norm.empty() && norm.back() == '/') norm.pop_back();
  return "/" + norm;
}

// The real path of `abs`, resolving the deepest existing ancestor and appending the rest.
std::string RealOrLexical(Env* env, const std::string& abs) {
  std::string existing = abs, rest;
  for (;;) {
    std::string real;
    if (env->RealPath(existing, &real).ok()) return rest.empty() ? real : JoinPath(real, rest);
    if (existing == "/" || existing.empty()) return abs;
    size_t s = existing.find_last_of('/');
    std::string name = existing.substr(s + 1);
    rest = rest.empty() ? name : name + "/" + rest;
    existing = s == 0 ? "/" : existing.substr(0, s);
  }
}

// Lists files (not directories) under `dir`, relative to it. Iterative.
void ListTree(Env* env, const std::string& dir, std::vector<std::string>* out) {
  std::vector<std::string> stack{""};
  while (!stack.empty()) {
    std::string rel = stack.back();
    stack.pop_back();
    std::vector<DirEntry> entries;
    if (!env->ListDir(rel.empty() ? dir : JoinPath(dir, rel), &entries).ok()) continue;
    for (auto& e : entries) {
      std::string r = rel.empty() ? e.name : rel + "/" + e.name;
      FileInfo info;
      if (e.type == FileInfo::Type::kDirectory) {
        stack.push_back(r);
      } else if (e.type == FileInfo::Type::kFile) {
        out->push_back(r);
      } else if (env->Stat(JoinPath(dir, r), &info, false).ok()) {
        if (info.type == FileInfo::Type::kDirectory) stack.push_back(r);
        else if (info.type == FileInfo::Type::kFile) out->push_back(r);
      }
    }
  }
}

}  // namespace

Status CheckLocations(Env* env, const std::string& source_dir, const std::string& output_dir,
                      OutputLocation* out) {
  if (source_dir.empty()) return Status::InvalidArgument("no source directory given");
  if (output_dir.empty()) return Status::InvalidArgument("no output directory given (-o)");
  FileInfo info;
  Status s = env->Stat(source_dir, &info, true);
  if (!s.ok()) return Status::InvalidArgument("source directory " + source_dir + " does not exist");
  if (info.type != FileInfo::Type::kDirectory)
    return Status::InvalidArgument("source " + source_dir + " is not a directory");
  PAGEBAKE_RETURN_IF_ERROR(env->RealPath(source_dir, &out->source_real));
  std::string out_abs = NormalizeAbs(Absolute(output_dir));
  std::string out_real = RealOrLexical(env, out_abs);
  if (out_real == out->source_real)
    return Status::InvalidArgument("the output directory " + output_dir +
                                   " is the source directory; choose another one");
  if (Inside(out->source_real, out_real))
    return Status::InvalidArgument("the output directory " + output_dir +
                                   " is inside the source directory " + source_dir +
                                   "; pagebake never writes inside the source");
  if (Inside(out_real, out->source_real))
    return Status::InvalidArgument("the output directory " + output_dir +
                                   " contains the source directory " + source_dir);
  if (out_real == "/") return Status::InvalidArgument("refusing to use / as the output directory");
  out->output = out_real;
  std::string parent = DirName(out_real);
  std::string name = out_real.substr(out_real.find_last_of('/') + 1);
  out->staging = JoinPath(parent, "." + name + ".pagebake-staging-" + std::to_string(::getpid()));
  return Status::OK();
}

void RemoveStaleStaging(Env* env, const OutputLocation& loc) {
  std::string parent = DirName(loc.output);
  std::string name = loc.output.substr(loc.output.find_last_of('/') + 1);
  std::string prefix = "." + name + ".pagebake-staging-";
  std::vector<DirEntry> entries;
  if (!env->ListDir(parent, &entries).ok()) return;
  for (auto& e : entries) {
    if (e.name.compare(0, prefix.size(), prefix) != 0) continue;
    long pid = std::strtol(e.name.c_str() + prefix.size(), nullptr, 10);
    if (pid > 0 && pid != ::getpid() && ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH)
      (void)env->RemoveAll(JoinPath(parent, e.name));
  }
}

Status CommitStaging(Env* env, const OutputLocation& loc, const std::set<std::string>& written,
                     bool clean) {
  FileInfo info;
  bool had_output = env->Stat(loc.output, &info, false).ok();
  if (had_output && info.type != FileInfo::Type::kDirectory)
    return Status::IoError(loc.output + " exists and is not a directory");
  if (!had_output) {
    PAGEBAKE_RETURN_IF_ERROR(env->CreateDirs(DirName(loc.output)));
    return env->Rename(loc.staging, loc.output);
  }
  if (!clean) {
    std::vector<std::string> old;
    ListTree(env, loc.output, &old);
    for (const std::string& rel : old) {
      if (written.count(rel)) continue;
      std::string dst = JoinPath(loc.staging, rel);
      PAGEBAKE_RETURN_IF_ERROR(env->CreateDirs(DirName(dst)));
      PAGEBAKE_RETURN_IF_ERROR(env->Link(JoinPath(loc.output, rel), dst));
    }
  }
  Status s = env->Exchange(loc.staging, loc.output);
  if (!s.ok()) {
    // Filesystems without RENAME_EXCHANGE: two renames; the window is one rename long.
    std::string old = loc.staging + ".old";
    PAGEBAKE_RETURN_IF_ERROR(env->Rename(loc.output, old));
    Status r = env->Rename(loc.staging, loc.output);
    if (!r.ok()) {
      (void)env->Rename(old, loc.output);
      return r;
    }
    return env->RemoveAll(old);
  }
  return env->RemoveAll(loc.staging);  // now holds the previous output
}

std::string EscapeDepfilePath(const std::string& path) {
  std::string out;
  for (char c : path) {
    if (c == ' ' || c == '#') out += '\\';
    if (c == '$') out += '$';
    out += c;
  }
  return out;
}

std::string DepfileContents(const std::string& target, const std::vector<std::string>& deps) {
  std::string out = EscapeDepfilePath(target) + ":";
  for (const std::string& d : deps) {
    out += " \\\n  ";
    out += EscapeDepfilePath(d);
  }
  out += "\n";
  return out;
}

}  // namespace pagebake
