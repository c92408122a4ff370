#include <catch2/catch.hpp>

#include "tests/html/html_test_util.h"

namespace pagebake::html {
namespace {

using testing::FilterRow;
using testing::RunFilter;

const FilterRow kRows[] = {
    {"simple", "a<!-- x -->b", "ab"},
    {"several", "<!--1--><p><!--2-->x<!--3--></p><!--4-->", "<p>x</p>"},
    {"empty comment", "a<!---->b<!-->c<!--->d", "abcd"},
    {"bang close", "a<!-- x --!>b", "ab"},
    {"unterminated comment is removed to the end", "a<!-- x", "a"},
    {"ie conditional kept", "<!--[if IE 6]><link href=ie.css><![endif]-->", nullptr},
    {"downlevel revealed kept", "<!--[if !IE]><!--><p>x</p><!--<![endif]-->", nullptr},
    {"bang comment kept", "<!--! license --><p>", nullptr},
    {"keep pattern", "<!-- google_ad_section_start --><!-- other -->", "<!-- google_ad_section_start -->"},
    {"bogus comments kept", "<?php echo 1 ?><!x>", nullptr},
    {"not in script", "<script><!-- var a = 1; //--></script>", nullptr},
    {"not in style", "<style><!-- a{} --></style>", nullptr},
    {"not in textarea", "<textarea><!-- keep --></textarea>", nullptr},
    {"in svg", "<svg><!-- c --><g/></svg>", "<svg><g/></svg>"},
    {"would glue a tag", "a <<!-- -->b", nullptr},
    {"would glue a reference", "&am<!-- -->p;", nullptr},
    {"text around merges", "a <!--x--> b<!--y--> c", "a  b c"},
    {"inside head", "<head><!-- h --><title>t</title></head>", "<head><title>t</title></head>"},
    {"comment-like in attribute", "<a title=\"<!-- x -->\">", nullptr},
    {"doctype kept", "<!DOCTYPE html><!-- x -->", "<!DOCTYPE html>"},
};

TEST_CASE("html-remove-comments", "[remove-comments]") {
  Options options;
  options.html.keep_comment_patterns = {"google_ad_section"};
  for (const FilterRow& row : kRows) {
    DYNAMIC_SECTION(row.name) {
      std::string want = row.want ? row.want : row.in;
      std::string got = RunFilter("html-remove-comments", row.in, options);
      CHECK(got == want);
      CHECK(RunFilter("html-remove-comments", got, options) == got);  // idempotent
    }
  }
}

}  // namespace
}  // namespace pagebake::html
