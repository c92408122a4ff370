#include "filters/core/filter.h"

#include "filters/core/filter_table.h"
#include "filters/core/site.h"

namespace pagebake {

void FilterContext::Add(Severity s, int line, int col, std::string message) {
  if (!diagnostics_) return;
  Diagnostic d;
  d.severity = s;
  d.path = resource_ ? resource_->path : std::string();
  if (line > 0) {
    // Positions inside an inline fragment are reported as positions in the page.
    d.line = base_line > 0 ? base_line + line - 1 : line;
    d.col = (base_line > 0 && line == 1) ? base_col + col - 1 : col;
  }
  d.filter_id = std::string(filter_id_);
  d.message = std::move(message);
  diagnostics_->Add(std::move(d));
}

void FilterContext::ContentError(int line, int col, std::string message) {
  ++counters_.fallbacks;
  Add(Severity::kWarning, line, col, std::move(message));
}

void FilterContext::Warning(int line, int col, std::string message) {
  Add(Severity::kWarning, line, col, std::move(message));
}

void FilterContext::Note(std::string message) { Add(Severity::kNote, 0, 0, std::move(message)); }

std::string_view Filter::id() const { return info_->id; }

Status Filter::RewriteResource(FilterContext&, std::string&) {
  return Status::Internal(std::string(id()) + ": RewriteResource not supported");
}
Status Filter::RewriteInline(FilterContext&, InlineKind, std::string&) {
  return Status::Internal(std::string(id()) + ": RewriteInline not supported");
}
Status Filter::RewriteHtml(FilterContext&, html::Document&) {
  return Status::Internal(std::string(id()) + ": RewriteHtml not supported");
}
Status Filter::PlanSite(FilterContext&, const SitePages&) {
  return Status::Internal(std::string(id()) + ": PlanSite not supported");
}

}  // namespace pagebake
