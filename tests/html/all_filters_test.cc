// Properties every HTML filter keeps on every input: zero filters reproduce the input, each
// filter is idempotent, and the filters that only remove bytes never grow a page.
#include <catch2/catch.hpp>

#include "tests/html/html_test_util.h"

namespace pagebake::html {
namespace {

const char* kInputs[] = {
    "",
    "<!DOCTYPE html>\n<html>\n <head>\n  <meta charset=utf-8>\n  <title> T </title>\n"
    "  <link rel=\"stylesheet\" type=\"text/css\" href=\"https://example.com/a.css\">\n"
    "  <!-- comment -->\n </head>\n <body class='x'>\n  <p>a   b <b> c </b>\n  <pre>  k  </pre>\n"
    "  <img src=\"https://img.test/a.png\"><img src=b.png><img src=c.png alt=\"\">\n"
    "  <form method=\"get\"><input type=\"text\" checked=\"checked\"></form>\n"
    "  <script type=\"text/javascript\" src=\"https://cdn.test/x.js\"></script>\n"
    " </body>\n</html>\n",
    "<table>\n <tr>\n  <td colspan=\"1\"> x </td>\n </tr>\n</table>",
    "<svg><path d=\"M0 0\"/><!-- c --></svg><math><mi>x</mi></math>",
    "a<!-- x -->b <<!-- -->c &am<!-- -->p;",
    "<div/><p><div>x</p></div><b><i>y</b></i>",
    "<textarea>  a  </textarea><script><!-- <script></script> --></script>",
    "<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\"><input checked=\"checked\" /></html>",
};

TEST_CASE("every HTML filter: idempotent, minifiers never grow", "[all-filters]") {
  Options o;
  o.html.base_url = "https://example.com";
  o.html.rewrite_domains = {{"https://img.test", "https://cdn.img.test"}};
  for (size_t input = 0; input < std::size(kInputs); ++input) {
    const char* in = kInputs[input];
    CHECK(testing::RunFilters({}, in) == in);
    for (const FilterInfo& info : FilterTable()) {
      if (info.family != Family::kHtml) continue;
      if (!CreateFilter(info, o)) continue;  // not built yet
      std::string id(info.id);
      DYNAMIC_SECTION(id << " on input " << input) {
        std::string once = testing::RunFilters({id}, in, o);
        CHECK(testing::RunFilters({id}, once, o) == once);
        bool minifier = id == "html-remove-comments" || id == "html-collapse-whitespace" ||
                        id == "html-elide-attributes" || id == "html-remove-quotes" ||
                        id == "html-trim-urls";
        if (minifier) CHECK(once.size() <= std::string(in).size());
      }
    }
  }
}

}  // namespace
}  // namespace pagebake::html
