// The report family adds no filters to the pipeline: it renders a finished report (HTML, diff).
// Its API is pagebake/report_html.h and pagebake/report_diff.h; this translation unit is the one
// pagebake_family() expects every family to have.
#include "pagebake/report_diff.h"
#include "pagebake/report_html.h"
