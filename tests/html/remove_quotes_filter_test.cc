#include <catch2/catch.hpp>

#include "tests/html/html_test_util.h"

namespace pagebake::html {
namespace {

using testing::FilterRow;

const FilterRow kRows[] = {
    {"double quotes", "<a href=\"x.html\">t</a>", "<a href=x.html>t</a>"},
    {"single quotes", "<a href='x.html'>t</a>", "<a href=x.html>t</a>"},
    {"space keeps quotes", "<a title=\"a b\">", nullptr},
    {"equals keeps quotes", "<a href=\"?a=b\">", nullptr},
    {"backtick keeps quotes", "<a title=\"`x\">", nullptr},
    {"other quote keeps quotes", "<a title=\"it's\">", nullptr},
    {"lt gt keep quotes", "<a title=\"a<b\" alt='c>d'>", nullptr},
    {"empty becomes bare", "<input value=\"\">", "<input value>"},
    {"references kept as written", "<a title=\"a&amp;b\">", "<a title=a&amp;b>"},
    {"self-closing keeps a space", "<img src=\"a.png\"/>", "<img src=a.png />"},
    {"abutting attributes get a space", "<a b=\"1\"c=\"2\">", "<a b=1 c=2>"},
    {"svg self-closing", "<svg><path d=\"M0\"/></svg>", "<svg><path d=M0 /></svg>"},
    {"trailing slash in value", "<a href=\"dir/\">x</a>", "<a href=dir/>x</a>"},
    {"unquoted untouched", "<a href=x>", nullptr},
    {"bare untouched", "<input checked>", nullptr},
    {"newline keeps quotes", "<a title=\"a\nb\">", nullptr},
    {"several", "<div id=\"a\" class=\"b c\" data-x='1'>", "<div id=a class=\"b c\" data-x=1>"},
    {"xhtml untouched", "<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\">", nullptr},
    {"bare name before an = named attribute keeps its empty value", "<p lang=\"\"=\"\">",
     nullptr},
    {"bare name before a spaced = named attribute keeps its empty value",
     "<p lang=\"\" =\"\">", "<p lang=\"\" =\"\">"},
    {"unquoted value before an = named attribute gets a space", "<p a=\"v\"=\"\">",
     "<p a=v =\"\">"},
    {"not inside script text", "<script>var a = \"x\";</script>", nullptr},
};

TEST_CASE("html-remove-quotes", "[remove-quotes]") {
  testing::CheckRows("html-remove-quotes", kRows, std::size(kRows));
}

}  // namespace
}  // namespace pagebake::html
