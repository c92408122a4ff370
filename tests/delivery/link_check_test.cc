// The output link checker: each row is one output tree and the broken references it must (not)
// find.
#include <catch2/catch.hpp>

#include "filters/delivery/link_check.h"
#include "tests/core/test_util.h"

namespace pagebake::delivery {
namespace {

using testing::TempDir;

struct File {
  const char* path;
  const char* bytes;
};

std::vector<std::string> Check(const std::vector<File>& files) {
  TempDir t;
  for (const File& f : files) testing::WriteFile(t / f.path, f.bytes);
  std::vector<Diagnostic> problems;
  REQUIRE(CheckLinks(t.path(), &problems).ok());
  std::vector<std::string> out;
  for (const Diagnostic& d : problems) {
    CHECK(d.severity == Severity::kError);
    out.push_back(d.path + ":" + std::to_string(d.line) + ":" + std::to_string(d.col) + " " +
                  d.message);
  }
  return out;
}

using Strings = std::vector<std::string>;

TEST_CASE("link checker") {
  struct Row {
    const char* name;
    std::vector<File> files;
    Strings want;
  };
  const Row rows[] = {
      {"all resolve",
       {{"index.html", "<link rel=stylesheet href=css/a.css><img srcset=\"i.png 1x, i.png 2x\">"
                       "<a href=docs/>d</a><a href=docs>d</a><a href=#top>t</a>"
                       "<a href=\"index.html?x=1#y\">self</a><a href=https://x.example/>x</a>"
                       "<img src=\"data:image/png;base64,AA==\">"},
        {"docs/index.html", "<a href=../index.html>home</a>"},
        {"css/a.css", "@import 'b.css'; body{background:url(../i.png)}"},
        {"css/b.css", "x{}"},
        {"i.png", "png"}},
       {}},
      {"broken page link with its position",
       {{"index.html", "<p>\n  <a href=gone.html>x</a>"}},
       {"index.html:2:11 broken reference 'gone.html': no such file 'gone.html' in the output"}},
      {"broken url() in a stylesheet and in style=\"\"",
       {{"a.css", "\n\nb{background:url(nope.png)}"},
        {"index.html", "<div style=\"background:url(x.png)\"></div>"}},
       {"a.css:3:14 broken reference 'nope.png': no such file 'nope.png' in the output",
        "index.html:1:24 broken reference 'x.png': no such file 'x.png' in the output"}},
      {"broken @import", {{"a.css", "@import url(other.css);"}},
       {"a.css:1:9 broken reference 'other.css': no such file 'other.css' in the output"}},
      {"directory without index.html",
       {{"index.html", "<a href=docs/>x</a>"}, {"docs/other.html", ""}},
       {"index.html:1:9 broken reference 'docs/': no such file 'docs' in the output"}},
      {"leaves the root", {{"index.html", "<img src=../../etc/passwd>"}},
       {"index.html:1:10 broken reference '../../etc/passwd': it leaves the site root"}},
      {"<base href> changes resolution",
       {{"index.html", "<base href=sub/><img src=a.png>"}, {"sub/a.png", ""}}, {}},
      {"meta refresh target", {{"index.html", "<meta http-equiv=refresh content=\"0; url=new.html\">"}},
       {"index.html:1:42 broken reference 'new.html': no such file 'new.html' in the output"}},
      {"precompressed siblings and other files are not read",
       {{"a.css.gz", "url(x)"}, {"notes.txt", "<a href=nope>"}}, {}},
  };
  for (const Row& row : rows) {
    DYNAMIC_SECTION(row.name) {
      Strings got = Check(row.files);
      // Positions point at the URL itself: the attribute value, the url( token, the url= part
      // of a meta refresh.
      CHECK(got == row.want);
    }
  }
}

TEST_CASE("link checker: a missing output directory is NotFound") {
  std::vector<Diagnostic> problems;
  Status s = CheckLinks("/nonexistent/pagebake/out", &problems);
  CHECK(s.IsNotFound());
}

}  // namespace
}  // namespace pagebake::delivery
