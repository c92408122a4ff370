// html-pedantic: default type attributes, judged by gumbo (only those may appear).
#include <catch2/catch.hpp>

#include "tests/html/html_test_util.h"

namespace pagebake::html {
namespace {

using testing::FilterRow;

const FilterRow kRows[] = {
    {"inline script", "<script>var a</script>", "<script type=\"text/javascript\">var a</script>"},
    {"external script", "<script src=a.js></script>",
     "<script src=a.js type=\"text/javascript\"></script>"},
    {"style", "<style>p{}</style>", "<style type=\"text/css\">p{}</style>"},
    {"upper-case tag", "<SCRIPT>1</SCRIPT>", "<SCRIPT type=\"text/javascript\">1</SCRIPT>"},
    {"self-closing spelling", "<script src=a.js /></script>",
     "<script src=a.js type=\"text/javascript\" /></script>"},
    {"in head and body", "<head><style>a{}</style></head><body><script>2</script>",
     "<head><style type=\"text/css\">a{}</style></head><body><script type=\"text/javascript\">2</script>"},
    {"template content", "<template><style>a{}</style></template>",
     "<template><style type=\"text/css\">a{}</style></template>"},
    {"typed script kept", "<script type=module>import 'a'</script>", nullptr},
    {"json kept", "<script type=application/json>{}</script>", nullptr},
    {"empty type kept", "<script type=\"\">1</script>", nullptr},
    {"typed style kept", "<style type=text/less>a{}</style>", nullptr},
    {"language kept", "<script language=vbscript>MsgBox 1</script>", nullptr},
    {"svg script untouched", "<svg><script>1</script></svg>", nullptr},
    {"svg style untouched", "<svg><style>a{}</style></svg>", nullptr},
    {"script text that looks like a tag", "<script>document.write('<style>')</script>",
     "<script type=\"text/javascript\">document.write('<style>')</script>"},
    {"link stylesheet", "<link rel=stylesheet href=a.css>", nullptr,
     "type=text/css on <link> is not required by HTML 4 validators either"},
};

TEST_CASE("html-pedantic", "[pedantic]") {
  Options o;
  const std::string id = "html-pedantic";
  for (const FilterRow& row : kRows) {
    DYNAMIC_SECTION(row.name) {
      if (row.disabled_reason) {
        WARN("disabled row: " << row.disabled_reason);
        continue;
      }
      std::string want = row.want ? row.want : row.in;
      std::string got = testing::RunFilters({id}, row.in, o);
      CHECK(got == want);
      CHECK(testing::RunFilters({id}, got, o) == got);  // idempotent
      std::string diff;
      bool same = CompareDom(row.in, got, DomCompareOptionsFor({id}), &diff);
      INFO("DOM difference: " << diff);
      CHECK(same);
    }
  }
  // elide-attributes after it gives the input back.
  CHECK(testing::RunFilters({id, "html-elide-attributes"}, "<script>1</script><style>a{}</style>", o) ==
        "<script>1</script><style>a{}</style>");
}

}  // namespace
}  // namespace pagebake::html
