// PosixEnv against the real filesystem (counted operations) and FakeEnv's records.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include "filters/core/env.h"
#include "tests/core/test_util.h"

namespace pagebake {
namespace {

using testing::TempDir;

TEST_CASE("PosixEnv reads whole files with read and with mmap, counting ops") {
  TempDir tmp;
  std::string big(300000, 'x');
  testing::WriteFile(tmp / "big.txt", big);
  testing::WriteFile(tmp / "empty.txt", "");
  for (IoStrategy io : {IoStrategy::kRead, IoStrategy::kMmap}) {
    DYNAMIC_SECTION((io == IoStrategy::kRead ? "read" : "mmap")) {
      auto env = NewPosixEnv(io);
      EnvOpCounts before = ThreadEnvOps();
      std::string got;
      REQUIRE(env->ReadFile(tmp / "big.txt", &got).ok());
      CHECK(got == big);
      EnvOpCounts d = ThreadEnvOps() - before;
      CHECK(d[EnvOp::kOpen] == 1);
      CHECK(d[EnvOp::kStat] == 1);
      CHECK(d.bytes_read == big.size());
      if (io == IoStrategy::kRead) {
        CHECK(d[EnvOp::kRead] == 1);  // one read(2) of the known size
        CHECK(d[EnvOp::kMmap] == 0);
      } else {
        CHECK(d[EnvOp::kRead] == 0);
        CHECK(d[EnvOp::kMmap] == 1);
      }
      REQUIRE(env->ReadFile(tmp / "empty.txt", &got).ok());
      CHECK(got.empty());
    }
  }
}

TEST_CASE("PosixEnv errors name the file") {
  auto env = NewPosixEnv(IoStrategy::kRead);
  std::string got;
  Status s = env->ReadFile("/nonexistent/pagebake/x.css", &got);
  CHECK(s.IsIoError());
  CHECK(s.message().find("/nonexistent/pagebake/x.css") != std::string::npos);
  TempDir tmp;
  s = env->ReadFile(tmp.path(), &got);  // a directory
  CHECK(s.IsIoError());
}

TEST_CASE("PosixEnv writes atomically and sets mtime") {
  TempDir tmp;
  auto env = NewPosixEnv(IoStrategy::kRead);
  REQUIRE(env->CreateDirs(tmp / "a/b/c").ok());
  REQUIRE(env->WriteFile(tmp / "a/b/c/f.txt", "hello", 1'500'000'000'123'456'789).ok());
  CHECK(testing::ReadFile(tmp / "a/b/c/f.txt") == "hello");
  CHECK_FALSE(testing::Exists(tmp / "a/b/c/f.txt.pagebake-tmp"));
  FileInfo info;
  REQUIRE(env->Stat(tmp / "a/b/c/f.txt", &info, true).ok());
  CHECK(info.mtime_ns == 1'500'000'000'123'456'789);
  CHECK(env->Stat(tmp / "nope", &info, true).IsNotFound());
}

TEST_CASE("PosixEnv write into a missing directory fails with an IO error") {
  auto env = NewPosixEnv(IoStrategy::kRead);
  Status s = env->WriteFile("/nonexistent/pagebake/out.txt", "x", 0);
  CHECK(s.IsIoError());
}

TEST_CASE("PosixEnv exchange and remove") {
  TempDir tmp;
  auto env = NewPosixEnv(IoStrategy::kRead);
  testing::WriteFile(tmp / "a/x", "A");
  testing::WriteFile(tmp / "b/x", "B");
  REQUIRE(env->Exchange(tmp / "a", tmp / "b").ok());
  CHECK(testing::ReadFile(tmp / "a/x") == "B");
  CHECK(testing::ReadFile(tmp / "b/x") == "A");
  REQUIRE(env->RemoveAll(tmp / "a").ok());
  CHECK_FALSE(testing::Exists(tmp / "a"));
}

TEST_CASE("RemoveAll handles a deep tree without recursion") {
  TempDir tmp;
  auto env = NewPosixEnv(IoStrategy::kRead);
  std::string p = tmp / "d";
  for (int i = 0; i < 200; ++i) p += "/d";
  REQUIRE(env->CreateDirs(p).ok());
  testing::WriteFile(p + "/leaf", "x");
  REQUIRE(env->RemoveAll(tmp / "d").ok());
  CHECK_FALSE(testing::Exists(tmp / "d"));
}

TEST_CASE("FakeEnv records reads and writes") {
  FakeEnv env;
  env.AddFile("/s/a.css", "a{}");
  std::string got;
  REQUIRE(env.ReadFile("/s/a.css", &got).ok());
  REQUIRE(env.WriteFile("/o/a.css", "a{}", 0).ok());
  CHECK(env.reads() == std::vector<std::string>{"/s/a.css"});
  CHECK(env.writes() == std::vector<std::string>{"/o/a.css"});
  env.FailWritesUnder("/o");
  CHECK(env.WriteFile("/o/b.css", "b", 0).IsIoError());
  std::vector<DirEntry> entries;
  REQUIRE(env.ListDir("/s", &entries).ok());
  REQUIRE(entries.size() == 1);
  CHECK(entries[0].name == "a.css");
}

}  // namespace
}  // namespace pagebake
