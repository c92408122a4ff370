#include <catch2/catch.hpp>

#include "pagebake/report_diff.h"

namespace pagebake {
namespace {

ReportRow Row(std::string name, int64_t wall, std::optional<int64_t> syscalls, uint64_t out) {
  ReportRow r;
  r.name = std::move(name);
  r.kind = "filter";
  r.cost.wall_ns = wall;
  r.cost.cpu_user_ns = wall / 2;
  r.cost.syscalls = syscalls;
  r.bytes_out = out;
  return r;
}

OutputFile Out(std::string path, std::string source, uint64_t bytes) {
  OutputFile f;
  f.path = std::move(path);
  f.source = std::move(source);
  f.bytes = bytes;
  return f;
}

const RowDiff* Find(const ReportDiff& d, const std::string& name) {
  for (const RowDiff& r : d.rows)
    if (r.name == name) return &r;
  return nullptr;
}

const OutputDiff* FindOut(const ReportDiff& d, const std::string& key) {
  for (const OutputDiff& o : d.outputs)
    if (o.key == key) return &o;
  return nullptr;
}

TEST_CASE("report diff: rows", "[report]") {
  Report a, b;
  a.rows = {Row("css-minify", 200, 10, 1000), Row("js-minify", 100, 5, 500),
            Row("img-webp", 50, std::nullopt, 300)};
  b.rows = {Row("css-minify", 100, 10, 900), Row("img-webp", 50, 8, 300),
            Row("html-minify", 10, 1, 50)};
  const ReportDiff d = DiffReports(a, b);
  REQUIRE(d.rows.size() == 4);
  // OLD's order, then rows only NEW has.
  CHECK(d.rows[0].name == "css-minify");
  CHECK(d.rows[3].name == "html-minify");

  SECTION("changed in both") {
    const RowDiff* r = Find(d, "css-minify");
    CHECK(*r->wall_ns.percent() == Approx(-50.0));
    CHECK(*r->cpu_ns.old_value == 100);
    CHECK(!r->syscalls.changed());
    CHECK(*r->bytes_out.percent() == Approx(-10.0));
  }
  SECTION("only in old") {
    const RowDiff* r = Find(d, "js-minify");
    CHECK(r->only_old);
    CHECK(!r->wall_ns.new_value);
    CHECK(!r->wall_ns.percent());
  }
  SECTION("only in new") {
    const RowDiff* r = Find(d, "html-minify");
    CHECK(r->only_new);
    CHECK(*r->wall_ns.new_value == 10);
  }
  SECTION("syscalls unmeasured on one side") {
    const RowDiff* r = Find(d, "img-webp");
    CHECK(r->syscalls.changed());
    CHECK(!r->syscalls.old_value);
    CHECK(!r->syscalls.percent());
  }
}

TEST_CASE("report diff: percent of zero is undefined", "[report]") {
  CHECK(!DiffValue{0, 10}.percent());
  CHECK(*DiffValue{10, 0}.percent() == Approx(-100.0));
  CHECK(*DiffValue{4, 5}.percent() == Approx(25.0));
}

TEST_CASE("report diff: outputs", "[report]") {
  Report a, b;
  a.outputs = {Out("app.3f9a1c0b.css", "app.css", 1000), Out("index.html", "index.html", 500),
               Out("old.js", "old.js", 70), Out("bundle.11.js", "", 900),
               Out("same.png", "same.png", 42)};
  b.outputs = {Out("app.71bc02aa.css", "app.css", 800), Out("index.html", "index.html", 500),
               Out("new.js", "new.js", 30), Out("bundle.11.js", "", 950),
               Out("same.png", "same.png", 42)};
  const ReportDiff d = DiffReports(a, b);
  CHECK(d.unchanged_outputs == 2);
  REQUIRE(d.outputs.size() == 4);
  SECTION("a renamed file is matched by its source") {
    const OutputDiff* o = FindOut(d, "app.css");
    REQUIRE(o);
    CHECK(o->old_path == "app.3f9a1c0b.css");
    CHECK(o->new_path == "app.71bc02aa.css");
    CHECK(*o->bytes.percent() == Approx(-20.0));
  }
  SECTION("a generated file is matched by path") {
    const OutputDiff* o = FindOut(d, "bundle.11.js");
    REQUIRE(o);
    CHECK(*o->bytes.new_value == 950);
  }
  SECTION("added and removed") {
    CHECK(FindOut(d, "old.js")->new_path.empty());
    CHECK(FindOut(d, "new.js")->old_path.empty());
  }
  SECTION("sorted by key") {
    for (size_t i = 1; i < d.outputs.size(); ++i) CHECK(d.outputs[i - 1].key < d.outputs[i].key);
  }
}

TEST_CASE("report diff: gzip size change alone counts as a change", "[report]") {
  Report a, b;
  a.outputs = {Out("a.css", "a.css", 100)};
  b.outputs = {Out("a.css", "a.css", 100)};
  a.outputs[0].gzip_bytes = 60;
  b.outputs[0].gzip_bytes = 55;
  const ReportDiff d = DiffReports(a, b);
  REQUIRE(d.outputs.size() == 1);
  CHECK(!d.outputs[0].bytes.changed());
  CHECK(d.outputs[0].gzip_bytes.changed());
}

}  // namespace
}  // namespace pagebake
