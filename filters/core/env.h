// Env: every file operation the pipeline performs goes through this interface (as leveldb's and
// ninja's), so it can be counted for the cost report and faked in tests. PosixEnv uses the fewest
// syscalls that do the job: a whole-file read is open + fstat + one read(2) of the known size +
// close (or open + fstat + mmap + close with IoStrategy::kMmap); a write is one open of a
// temporary name, write(2)s, optional futimens, close, rename.
#ifndef PAGEBAKE_CORE_ENV_H_
#define PAGEBAKE_CORE_ENV_H_

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "pagebake/options.h"
#include "pagebake/status.h"

namespace pagebake {

enum class EnvOp { kOpen, kRead, kWrite, kStat, kMmap, kRename, kReaddir, kMkdir, kUnlink, kLink,
                   kCount };
std::string_view EnvOpName(EnvOp op);

// Counts of Env operations (syscall-level: one kRead per read(2) call) and bytes moved.
struct EnvOpCounts {
  uint64_t ops[static_cast<int>(EnvOp::kCount)] = {};
  uint64_t bytes_read = 0;
  uint64_t bytes_written = 0;
  uint64_t& operator[](EnvOp op) { return ops[static_cast<int>(op)]; }
  uint64_t operator[](EnvOp op) const { return ops[static_cast<int>(op)]; }
  EnvOpCounts& operator+=(const EnvOpCounts& o);
  EnvOpCounts operator-(const EnvOpCounts& o) const;
};
// The calling thread's running totals; the cost meter takes deltas of these.
EnvOpCounts& ThreadEnvOps();

struct FileInfo {
  enum class Type { kFile, kDirectory, kSymlink, kOther };
  Type type = Type::kOther;
  uint64_t size = 0;
  int64_t mtime_ns = 0;
  uint64_t dev = 0;
  uint64_t ino = 0;
};

struct DirEntry {
  std::string name;
  FileInfo::Type type = FileInfo::Type::kOther;  // from d_type; kOther when unknown
};

class Env {
 public:
  virtual ~Env() = default;
  virtual Status ReadFile(const std::string& path, std::string* out) = 0;
  // follow=false: lstat.
  virtual Status Stat(const std::string& path, FileInfo* info, bool follow) = 0;
  // Entries except "." and "..", sorted by name.
  virtual Status ListDir(const std::string& path, std::vector<DirEntry>* out) = 0;
  virtual Status RealPath(const std::string& path, std::string* out) = 0;
  // Writes via "<path>.pagebake-tmp" + rename: readers never see a partial file. mtime_ns > 0
  // sets the file's mtime (copies keep their source's).
  virtual Status WriteFile(const std::string& path, std::string_view bytes, int64_t mtime_ns) = 0;
  // mkdir -p.
  virtual Status CreateDirs(const std::string& path) = 0;
  virtual Status Rename(const std::string& from, const std::string& to) = 0;
  // Atomically swaps two existing directories (renameat2 RENAME_EXCHANGE); falls back to
  // NotFound-style failure when the filesystem cannot.
  virtual Status Exchange(const std::string& a, const std::string& b) = 0;
  virtual Status Link(const std::string& existing, const std::string& new_path) = 0;
  // Removes a file, or a directory tree (no symlinks followed).
  virtual Status RemoveAll(const std::string& path) = 0;
};

// The real filesystem. Counts every operation into ThreadEnvOps().
std::unique_ptr<Env> NewPosixEnv(IoStrategy io);

// An in-memory Env for tests: files and directories in a map; records every path read and
// written (in order) so tests can assert what the pipeline touched.
class FakeEnv : public Env {
 public:
  void AddFile(const std::string& path, std::string bytes, int64_t mtime_ns = 1);
  bool Exists(const std::string& path) const;
  std::string Contents(const std::string& path) const;
  int64_t Mtime(const std::string& path) const;
  std::vector<std::string> reads() const;
  std::vector<std::string> writes() const;
  // Make writes under this prefix fail with an IO error (unwritable output).
  void FailWritesUnder(std::string prefix) { fail_prefix_ = std::move(prefix); }
  // Make reads of this one file fail with an IO error (an unreadable source file).
  void FailReadsOf(std::string path) { fail_read_ = std::move(path); }

  Status ReadFile(const std::string& path, std::string* out) override;
  Status Stat(const std::string& path, FileInfo* info, bool follow) override;
  Status ListDir(const std::string& path, std::vector<DirEntry>* out) override;
  Status RealPath(const std::string& path, std::string* out) override;
  Status WriteFile(const std::string& path, std::string_view bytes, int64_t mtime_ns) override;
  Status CreateDirs(const std::string& path) override;
  Status Rename(const std::string& from, const std::string& to) override;
  Status Exchange(const std::string& a, const std::string& b) override;
  Status Link(const std::string& existing, const std::string& new_path) override;
  Status RemoveAll(const std::string& path) override;

 private:
  struct File {
    std::string bytes;
    int64_t mtime_ns = 1;
  };
  mutable std::mutex mu_;
  std::map<std::string, File> files_;
  std::set<std::string> dirs_;
  std::vector<std::string> reads_, writes_;
  std::string fail_prefix_, fail_read_;
};

// "a/b" + "c" -> "a/b/c".
std::string JoinPath(std::string_view a, std::string_view b);
std::string DirName(std::string_view path);

}  // namespace pagebake

#endif  // PAGEBAKE_CORE_ENV_H_
