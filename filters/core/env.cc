#include "filters/core/env.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>

namespace pagebake {
namespace {

thread_local EnvOpCounts tls_ops;

Status Errno(std::string_view what, const std::string& path, int err = errno) {
  return Status::IoError(std::string(what) + " " + path + ": " + std::strerror(err));
}

FileInfo::Type ModeType(mode_t m) {
  if (S_ISREG(m)) return FileInfo::Type::kFile;
  if (S_ISDIR(m)) return FileInfo::Type::kDirectory;
  if (S_ISLNK(m)) return FileInfo::Type::kSymlink;
  return FileInfo::Type::kOther;
}

class PosixEnv : public Env {
 public:
  explicit PosixEnv(IoStrategy io) : io_(io) {}

  Status ReadFile(const std::string& path, std::string* out) override {
    EnvOpCounts& ops = tls_ops;
    ++ops[EnvOp::kOpen];
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) return Errno("open", path);
    struct stat st;
    ++ops[EnvOp::kStat];
    if (::fstat(fd, &st) != 0) {
      Status s = Errno("stat", path);
      ::close(fd);
      return s;
    }
    if (!S_ISREG(st.st_mode)) {
      ::close(fd);
      return Status::IoError("read " + path + ": not a regular file");
    }
    size_t size = static_cast<size_t>(st.st_size);
    Status s;
    if (io_ == IoStrategy::kMmap && size > 0) {
      ++ops[EnvOp::kMmap];
      void* p = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
      if (p == MAP_FAILED) {
        s = Errno("mmap", path);
      } else {
        out->assign(static_cast<const char*>(p), size);
        ::munmap(p, size);
        ops.bytes_read += size;
      }
    } else {
      out->resize(size);
      size_t got = 0;
      // One read of the known size; loop only on short reads. A file that grew since fstat is
      // read as of fstat (we never read past the size we saw).
      while (got < size) {
        ++ops[EnvOp::kRead];
        ssize_t n = ::read(fd, out->data() + got, size - got);
        if (n < 0) {
          if (errno == EINTR) continue;
          s = Errno("read", path);
          break;
        }
        if (n == 0) break;
        got += static_cast<size_t>(n);
      }
      out->resize(got);
      ops.bytes_read += got;
    }
    ::close(fd);
    return s;
  }

  Status Stat(const std::string& path, FileInfo* info, bool follow) override {
    ++tls_ops[EnvOp::kStat];
    struct stat st;
    int rc = follow ? ::stat(path.c_str(), &st) : ::lstat(path.c_str(), &st);
    if (rc != 0) {
      if (errno == ENOENT || errno == ENOTDIR) return Status::NotFound(path);
      return Errno("stat", path);
    }
    info->type = ModeType(st.st_mode);
    info->size = static_cast<uint64_t>(st.st_size);
    info->mtime_ns = int64_t(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
    info->dev = st.st_dev;
    info->ino = st.st_ino;
    return Status::OK();
  }

  Status ListDir(const std::string& path, std::vector<DirEntry>* out) override {
    out->clear();
    ++tls_ops[EnvOp::kOpen];
    DIR* d = ::opendir(path.c_str());
    if (!d) return Errno("opendir", path);
    ++tls_ops[EnvOp::kReaddir];
    errno = 0;
    while (struct dirent* e = ::readdir(d)) {
      if (std::strcmp(e->d_name, ".") == 0 || std::strcmp(e->d_name, "..") == 0) continue;
      DirEntry de;
      de.name = e->d_name;
      switch (e->d_type) {
        case DT_REG: de.type = FileInfo::Type::kFile; break;
        case DT_DIR: de.type = FileInfo::Type::kDirectory; break;
        case DT_LNK: de.type = FileInfo::Type::kSymlink; break;
        default: de.type = FileInfo::Type::kOther; break;
      }
      out->push_back(std::move(de));
    }
    int err = errno;
    ::closedir(d);
    if (err) return Errno("readdir", path, err);
    std::sort(out->begin(), out->end(),
              [](const DirEntry& a, const DirEntry& b) { return a.name < b.name; });
    return Status::OK();
  }

  Status RealPath(const std::string& path, std::string* out) override {
    ++tls_ops[EnvOp::kStat];
    char buf[PATH_MAX];
    if (!::realpath(path.c_str(), buf)) {
      if (errno == ENOENT) return Status::NotFound(path);
      return Errno("realpath", path);
    }
    *out = buf;
    return Status::OK();
  }

  Status WriteFile(const std::string& path, std::string_view bytes, int64_t mtime_ns) override {
    EnvOpCounts& ops = tls_ops;
    std::string tmp = path + ".pagebake-tmp";
    ++ops[EnvOp::kOpen];
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOCTTY, 0644);
    if (fd < 0) return Errno("open", tmp);
    size_t done = 0;
    while (done < bytes.size()) {
      ++ops[EnvOp::kWrite];
      ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
      if (n < 0) {
        if (errno == EINTR) continue;
        Status s = Errno("write", path);
        ::close(fd);
        ::unlink(tmp.c_str());
        return s;
      }
      done += static_cast<size_t>(n);
    }
    ops.bytes_written += done;
    if (mtime_ns > 0) {
      struct timespec ts[2];
      ts[0].tv_sec = 0;
      ts[0].tv_nsec = UTIME_OMIT;
      ts[1].tv_sec = mtime_ns / 1000000000;
      ts[1].tv_nsec = mtime_ns % 1000000000;
      ::futimens(fd, ts);
    }
    if (::close(fd) != 0) {
      Status s = Errno("close", path);
      ::unlink(tmp.c_str());
      return s;
    }
    ++ops[EnvOp::kRename];
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
      Status s = Errno("rename", path);
      ::unlink(tmp.c_str());
      return s;
    }
    return Status::OK();
  }

  Status CreateDirs(const std::string& path) override {
    if (path.empty()) return Status::OK();
    ++tls_ops[EnvOp::kMkdir];
    if (::mkdir(path.c_str(), 0755) == 0 || errno == EEXIST) {
      if (errno == EEXIST) {
        struct stat st;
        ++tls_ops[EnvOp::kStat];
        if (::stat(path.c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
          return Status::IoError("mkdir " + path + ": exists and is not a directory");
      }
      return Status::OK();
    }
    if (errno != ENOENT) return Errno("mkdir", path);
    std::string parent = DirName(path);
    if (parent == path || parent.empty()) return Errno("mkdir", path);
    PAGEBAKE_RETURN_IF_ERROR(CreateDirs(parent));
    ++tls_ops[EnvOp::kMkdir];
    if (::mkdir(path.c_str(), 0755) != 0 && errno != EEXIST) return Errno("mkdir", path);
    return Status::OK();
  }

  Status Rename(const std::string& from, const std::string& to) override {
    ++tls_ops[EnvOp::kRename];
    if (::rename(from.c_str(), to.c_str()) != 0) return Errno("rename", from + " -> " + to);
    return Status::OK();
  }

  Status Exchange(const std::string& a, const std::string& b) override {
    ++tls_ops[EnvOp::kRename];
    if (::renameat2(AT_FDCWD, a.c_str(), AT_FDCWD, b.c_str(), RENAME_EXCHANGE) != 0)
      return Errno("renameat2(RENAME_EXCHANGE)", a + " <-> " + b);
    return Status::OK();
  }

  Status Link(const std::string& existing, const std::string& new_path) override {
    ++tls_ops[EnvOp::kLink];
    if (::link(existing.c_str(), new_path.c_str()) != 0) return Errno("link", new_path);
    return Status::OK();
  }

  Status RemoveAll(const std::string& path) override {
    // Iterative post-order walk: no recursion proportional to depth.
    std::vector<std::pair<std::string, bool>> stack{{path, false}};
    while (!stack.empty()) {
      auto [p, expanded] = stack.back();
      struct stat st;
      ++tls_ops[EnvOp::kStat];
      if (::lstat(p.c_str(), &st) != 0) {
        stack.pop_back();
        if (errno == ENOENT) continue;
        return Errno("stat", p);
      }
      if (S_ISDIR(st.st_mode) && !expanded) {
        stack.back().second = true;
        std::vector<DirEntry> entries;
        PAGEBAKE_RETURN_IF_ERROR(ListDir(p, &entries));
        for (auto& e : entries) stack.push_back({JoinPath(p, e.name), false});
        continue;
      }
      stack.pop_back();
      ++tls_ops[EnvOp::kUnlink];
      int rc = S_ISDIR(st.st_mode) ? ::rmdir(p.c_str()) : ::unlink(p.c_str());
      if (rc != 0 && errno != ENOENT) return Errno("remove", p);
    }
    return Status::OK();
  }

 private:
  IoStrategy io_;
};

}  // namespace

std::string_view EnvOpName(EnvOp op) {
  switch (op) {
    case EnvOp::kOpen: return "open";
    case EnvOp::kRead: return "read";
    case EnvOp::kWrite: return "write";
    case EnvOp::kStat: return "stat";
    case EnvOp::kMmap: return "mmap";
    case EnvOp::kRename: return "rename";
    case EnvOp::kReaddir: return "readdir";
    case EnvOp::kMkdir: return "mkdir";
    case EnvOp::kUnlink: return "unlink";
    case EnvOp::kLink: return "link";
    case EnvOp::kCount: break;
  }
  return "?";
}

EnvOpCounts& EnvOpCounts::operator+=(const EnvOpCounts& o) {
  for (int i = 0; i < int(EnvOp::kCount); ++i) ops[i] += o.ops[i];
  bytes_read += o.bytes_read;
  bytes_written += o.bytes_written;
  return *this;
}

EnvOpCounts EnvOpCounts::operator-(const EnvOpCounts& o) const {
  EnvOpCounts r;
  for (int i = 0; i < int(EnvOp::kCount); ++i) r.ops[i] = ops[i] - o.ops[i];
  r.bytes_read = bytes_read - o.bytes_read;
  r.bytes_written = bytes_written - o.bytes_written;
  return r;
}

EnvOpCounts& ThreadEnvOps() { return tls_ops; }

std::unique_ptr<Env> NewPosixEnv(IoStrategy io) { return std::make_unique<PosixEnv>(io); }

std::string JoinPath(std::string_view a, std::string_view b) {
  if (a.empty()) return std::string(b);
  std::string r(a);
  if (r.back() != '/') r += '/';
  r += b;
  return r;
}

std::string DirName(std::string_view path) {
  size_t s = path.find_last_of('/');
  if (s == std::string_view::npos) return "";
  if (s == 0) return "/";
  return std::string(path.substr(0, s));
}

// ---- FakeEnv ----

void FakeEnv::AddFile(const std::string& path, std::string bytes, int64_t mtime_ns) {
  std::lock_guard<std::mutex> l(mu_);
  files_[path] = {std::move(bytes), mtime_ns};
  for (std::string d = DirName(path); !d.empty() && d != "/"; d = DirName(d)) dirs_.insert(d);
}

bool FakeEnv::Exists(const std::string& path) const {
  std::lock_guard<std::mutex> l(mu_);
  return files_.count(path) || dirs_.count(path);
}

std::string FakeEnv::Contents(const std::string& path) const {
  std::lock_guard<std::mutex> l(mu_);
  auto it = files_.find(path);
  return it == files_.end() ? std::string() : it->second.bytes;
}

int64_t FakeEnv::Mtime(const std::string& path) const {
  std::lock_guard<std::mutex> l(mu_);
  auto it = files_.find(path);
  return it == files_.end() ? 0 : it->second.mtime_ns;
}

std::vector<std::string> FakeEnv::reads() const {
  std::lock_guard<std::mutex> l(mu_);
  return reads_;
}

std::vector<std::string> FakeEnv::writes() const {
  std::lock_guard<std::mutex> l(mu_);
  return writes_;
}

Status FakeEnv::ReadFile(const std::string& path, std::string* out) {
  std::lock_guard<std::mutex> l(mu_);
  auto it = files_.find(path);
  if (it == files_.end()) return Status::IoError("open " + path + ": No such file or directory");
  if (path == fail_read_) return Status::IoError("read " + path + ": Permission denied");
  reads_.push_back(path);
  *out = it->second.bytes;
  ++tls_ops[EnvOp::kOpen];
  ++tls_ops[EnvOp::kRead];
  tls_ops.bytes_read += out->size();
  return Status::OK();
}

Status FakeEnv::Stat(const std::string& path, FileInfo* info, bool) {
  std::lock_guard<std::mutex> l(mu_);
  ++tls_ops[EnvOp::kStat];
  if (auto it = files_.find(path); it != files_.end()) {
    info->type = FileInfo::Type::kFile;
    info->size = it->second.bytes.size();
    info->mtime_ns = it->second.mtime_ns;
    info->ino = std::hash<std::string>()(path);
    return Status::OK();
  }
  if (dirs_.count(path)) {
    info->type = FileInfo::Type::kDirectory;
    info->size = 0;
    info->ino = std::hash<std::string>()(path);
    return Status::OK();
  }
  return Status::NotFound(path);
}

Status FakeEnv::ListDir(const std::string& path, std::vector<DirEntry>* out) {
  std::lock_guard<std::mutex> l(mu_);
  out->clear();
  if (!dirs_.count(path)) return Status::IoError("opendir " + path + ": No such directory");
  std::string prefix = path + "/";
  std::set<std::string> seen;
  auto consider = [&](const std::string& p, FileInfo::Type type) {
    if (p.compare(0, prefix.size(), prefix) != 0) return;
    std::string rest = p.substr(prefix.size());
    size_t slash = rest.find('/');
    std::string name = rest.substr(0, slash);
    if (name.empty() || !seen.insert(name).second) return;
    out->push_back({name, slash == std::string::npos ? type : FileInfo::Type::kDirectory});
  };
  for (auto& [p, f] : files_) consider(p, FileInfo::Type::kFile);
  for (auto& d : dirs_) consider(d, FileInfo::Type::kDirectory);
  std::sort(out->begin(), out->end(),
            [](const DirEntry& a, const DirEntry& b) { return a.name < b.name; });
  return Status::OK();
}

Status FakeEnv::RealPath(const std::string& path, std::string* out) {
  std::string norm;
  // Paths in the fake are already absolute and canonical.
  *out = path;
  (void)norm;
  std::lock_guard<std::mutex> l(mu_);
  if (!files_.count(path) && !dirs_.count(path)) return Status::NotFound(path);
  return Status::OK();
}

Status FakeEnv::WriteFile(const std::string& path, std::string_view bytes, int64_t mtime_ns) {
  std::lock_guard<std::mutex> l(mu_);
  if (!fail_prefix_.empty() && path.compare(0, fail_prefix_.size(), fail_prefix_) == 0)
    return Status::IoError("open " + path + ": Permission denied");
  writes_.push_back(path);
  files_[path] = {std::string(bytes), mtime_ns > 0 ? mtime_ns : 1};
  ++tls_ops[EnvOp::kOpen];
  ++tls_ops[EnvOp::kWrite];
  ++tls_ops[EnvOp::kRename];
  tls_ops.bytes_written += bytes.size();
  return Status::OK();
}

Status FakeEnv::CreateDirs(const std::string& path) {
  std::lock_guard<std::mutex> l(mu_);
  for (std::string d = path; !d.empty() && d != "/"; d = DirName(d)) dirs_.insert(d);
  return Status::OK();
}

Status FakeEnv::Rename(const std::string& from, const std::string& to) {
  std::lock_guard<std::mutex> l(mu_);
  std::map<std::string, File> moved;
  std::string fp = from + "/";
  for (auto it = files_.begin(); it != files_.end();) {
    if (it->first == from) {
      moved[to] = it->second;
      it = files_.erase(it);
    } else if (it->first.compare(0, fp.size(), fp) == 0) {
      moved[to + "/" + it->first.substr(fp.size())] = it->second;
      it = files_.erase(it);
    } else {
      ++it;
    }
  }
  std::set<std::string> nd;
  for (auto it = dirs_.begin(); it != dirs_.end();) {
    if (*it == from || it->compare(0, fp.size(), fp) == 0) {
      nd.insert(to + it->substr(from.size()));
      it = dirs_.erase(it);
    } else {
      ++it;
    }
  }
  files_.insert(moved.begin(), moved.end());
  dirs_.insert(nd.begin(), nd.end());
  return Status::OK();
}

Status FakeEnv::Exchange(const std::string& a, const std::string& b) {
  PAGEBAKE_RETURN_IF_ERROR(Rename(a, a + ".xchg"));
  PAGEBAKE_RETURN_IF_ERROR(Rename(b, a));
  return Rename(a + ".xchg", b);
}

Status FakeEnv::Link(const std::string& existing, const std::string& new_path) {
  std::lock_guard<std::mutex> l(mu_);
  auto it = files_.find(existing);
  if (it == files_.end()) return Status::IoError("link " + existing + ": No such file");
  files_[new_path] = it->second;
  return Status::OK();
}

Status FakeEnv::RemoveAll(const std::string& path) {
  std::lock_guard<std::mutex> l(mu_);
  std::string p = path + "/";
  for (auto it = files_.begin(); it != files_.end();)
    it = (it->first == path || it->first.compare(0, p.size(), p) == 0) ? files_.erase(it) : ++it;
  for (auto it = dirs_.begin(); it != dirs_.end();)
    it = (*it == path || it->compare(0, p.size(), p) == 0) ? dirs_.erase(it) : ++it;
  return Status::OK();
}

}  // namespace pagebake
