// The verify family without a browser: the static server (what it serves, what it refuses),
// viewport parsing, per-path config rules and the test-filter registry.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "filters/verify/static_server.h"
#include "pagebake/pagebake.h"
#include "pagebake/verify.h"
#include "tests/core/test_util.h"
#include "tests/verify/verify_test_util.h"

namespace pagebake {
namespace {

using testing::FixtureSite;
using testing::ReadFile;
using testing::TempDir;
using testing::WriteFile;

// One raw HTTP exchange (the browser would normalize "..", so the tests speak bytes).
std::string Exchange(int port, const std::string& request) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<uint16_t>(port));
  REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0);
  REQUIRE(::send(fd, request.data(), request.size(), 0) == ssize_t(request.size()));
  std::string reply;
  char buf[4096];
  ssize_t n;
  while ((n = ::recv(fd, buf, sizeof(buf), 0)) > 0) reply.append(buf, size_t(n));
  ::close(fd);
  return reply;
}

std::string Get(int port, const std::string& target, const char* method = "GET") {
  return Exchange(port, std::string(method) + " " + target +
                            " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
}

std::string StatusLine(const std::string& reply) { return reply.substr(0, reply.find("\r\n")); }

TEST_CASE("static server serves the root and refuses paths outside it") {
  TempDir tmp;
  WriteFile(tmp / "root/index.html", "<p>home</p>");
  WriteFile(tmp / "root/a b/page.html", "<p>spaced</p>");
  WriteFile(tmp / "root/style.css", "p{}");
  WriteFile(tmp / "secret.txt", "outside");
  REQUIRE(::symlink((tmp / "secret.txt").c_str(), (tmp / "root/link.txt").c_str()) == 0);
  verify::StaticServer server;
  REQUIRE(server.Start(tmp / "root").ok());
  const int port = server.port();
  struct Row {
    const char* name;
    const char* method;
    const char* target;
    const char* status;
  };
  const Row rows[] = {
      {"root serves index.html", "GET", "/", "HTTP/1.1 200 OK"},
      {"a file", "GET", "/style.css", "HTTP/1.1 200 OK"},
      {"percent-escaped name", "GET", "/a%20b/page.html", "HTTP/1.1 200 OK"},
      {"query ignored", "GET", "/index.html?x=1", "HTTP/1.1 200 OK"},
      {"HEAD", "HEAD", "/index.html", "HTTP/1.1 200 OK"},
      {"directory without slash redirects", "GET", "/a%20b", "HTTP/1.1 301 Moved Permanently"},
      {"missing file", "GET", "/nope.html", "HTTP/1.1 404 Not Found"},
      {"dot-dot", "GET", "/../secret.txt", "HTTP/1.1 403 Forbidden"},
      {"escaped dot-dot", "GET", "/%2e%2e/secret.txt", "HTTP/1.1 403 Forbidden"},
      {"inner dot-dot", "GET", "/a%20b/../../secret.txt", "HTTP/1.1 403 Forbidden"},
      {"backslash", "GET", "/..%5csecret.txt", "HTTP/1.1 403 Forbidden"},
      {"NUL", "GET", "/index.html%00.css", "HTTP/1.1 403 Forbidden"},
      {"symlink out of the root", "GET", "/link.txt", "HTTP/1.1 403 Forbidden"},
      {"absolute-form target", "GET", "http://evil/secret.txt", "HTTP/1.1 400 Bad Request"},
      {"POST", "POST", "/index.html", "HTTP/1.1 405 Method Not Allowed"},
  };
  for (const Row& row : rows) {
    DYNAMIC_SECTION(row.name) {
      std::string reply = Get(port, row.target, row.method);
      CHECK(StatusLine(reply) == row.status);
      CHECK(reply.find("outside\n") == std::string::npos);
      CHECK(reply.find("\r\n\r\noutside") == std::string::npos);
    }
  }
  SECTION("content types and bodies") {
    std::string html = Get(port, "/index.html");
    CHECK(html.find("Content-Type: text/html") != std::string::npos);
    CHECK(html.substr(html.find("\r\n\r\n") + 4) == "<p>home</p>");
    CHECK(Get(port, "/style.css").find("Content-Type: text/css") != std::string::npos);
    std::string head = Get(port, "/index.html", "HEAD");
    CHECK(head.find("Content-Length: 11") != std::string::npos);
    CHECK(head.substr(head.find("\r\n\r\n") + 4).empty());
  }
  SECTION("keep-alive: two requests on one connection") {
    std::string reply = Exchange(port,
                                 "GET /style.css HTTP/1.1\r\nHost: x\r\n\r\n"
                                 "GET /index.html HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    CHECK(reply.find("p{}") != std::string::npos);
    CHECK(reply.find("<p>home</p>") != std::string::npos);
  }
  server.Stop();
  CHECK(server.requests() > 0);
}

TEST_CASE("viewports parse and bad ones are refused by name") {
  std::vector<Viewport> v;
  REQUIRE(ParseViewports("1280x2000,390x844", &v).ok());
  REQUIRE(v.size() == 2);
  CHECK((v[1].width == 390 && v[1].height == 844));
  for (const char* bad : {"", "1280", "1280x", "x800", "10x10", "1280x800x2", "1280x800,abc",
                          "99999x10"}) {
    DYNAMIC_SECTION("bad: " << bad) {
      Status s = ParseViewports(bad, &v);
      CHECK(s.code() == StatusCode::kInvalidArgument);
    }
  }
}

TEST_CASE("config paths: parsed, and errors name their JSON path") {
  Options o;
  REQUIRE(LoadConfigJson(R"({"paths": [{"match": "docs/*.html", "disable": ["css-inline"]},
                                       {"match": "index.html", "disable": []}]})",
                         "cfg", &o)
              .ok());
  REQUIRE(o.paths.size() == 2);
  CHECK(o.paths[0].match == "docs/*.html");
  CHECK(o.paths[0].disable == std::vector<std::string>{"css-inline"});
  struct Row {
    const char* json;
    const char* message;
  };
  const Row rows[] = {
      {R"({"paths": {}})", "cfg: paths: expected an array"},
      {R"({"paths": [1]})", "cfg: paths[0]: expected an object"},
      {R"({"paths": [{"disable": []}]})", "cfg: paths[0]: missing \"match\""},
      {R"({"paths": [{"match": ""}]})", "cfg: paths[0].match: expected a non-empty glob"},
      {R"({"paths": [{"match": "a", "disable": "x"}]})", "cfg: paths[0].disable: expected an array"},
      {R"({"paths": [{"match": "a", "disable": [3]}]})", "cfg: paths[0].disable[0]: expected a string"},
      {R"({"paths": [{"match": "a", "what": 1}]})", "cfg: paths[0].what: unknown option"},
  };
  for (const Row& row : rows) {
    DYNAMIC_SECTION(row.json) {
      Options p;
      Status s = LoadConfigJson(row.json, "cfg", &p);
      CHECK(s.code() == StatusCode::kInvalidArgument);
      CHECK_THAT(s.message(), Catch::StartsWith(row.message));
    }
  }
}

TEST_CASE("a per-path rule switches a filter off for matching pages only") {
  testing::RegisterBrokenFilter();
  TempDir tmp;
  Options o;
  o.source_dir = FixtureSite();
  o.output_dir = tmp / "out";
  o.level = Level::kPassthrough;
  o.jobs = 2;
  o.enable = {testing::kBrokenFilterId};
  o.paths = {{"index.html", {testing::kBrokenFilterId}}};
  BuildResult r;
  REQUIRE(Build(o, &r).ok());
  CHECK(ReadFile(tmp / "out/index.html") == ReadFile(FixtureSite() + "/index.html"));
  CHECK(ReadFile(tmp / "out/about.html").find("href=\"css/theme.css\"") == std::string::npos);
  CHECK(ReadFile(FixtureSite() + "/about.html").find("href=\"css/theme.css\"") != std::string::npos);

  SECTION("an unknown id in a rule is refused like --disable's") {
    o.paths = {{"*.html", {"css-inlien"}}};
    Status s = Build(o, &r);
    CHECK(s.code() == StatusCode::kInvalidArgument);
    CHECK_THAT(s.message(), Catch::Contains("did you mean 'css-inline'"));
  }
}

TEST_CASE("test filters run only when named and are not in any level") {
  testing::RegisterBrokenFilter();
  for (const FilterDescription& d : ListFilters()) CHECK(d.id != testing::kBrokenFilterId);
  TempDir tmp;
  Options o;
  o.source_dir = FixtureSite();
  o.output_dir = tmp / "out";
  o.level = Level::kAll;
  o.jobs = 1;
  BuildResult r;
  REQUIRE(Build(o, &r).ok());
  CHECK(ReadFile(tmp / "out/about.html").find("css/theme") != std::string::npos);
}

}  // namespace
}  // namespace pagebake
