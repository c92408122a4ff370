#include "pagebake/status.h"

namespace pagebake {

std::string Status::ToString() const {
  const char* prefix = "";
  switch (code()) {
    case StatusCode::kOk: return "OK";
    case StatusCode::kInvalidArgument: prefix = "Invalid argument: "; break;
    case StatusCode::kNotFound: prefix = "Not found: "; break;
    case StatusCode::kIoError: prefix = "IO error: "; break;
    case StatusCode::kContentError: prefix = "Content error: "; break;
    case StatusCode::kUnimplemented: prefix = "Not implemented: "; break;
    case StatusCode::kLimitExceeded: prefix = "Limit exceeded: "; break;
    case StatusCode::kInternal: prefix = "Internal error: "; break;
  }
  return prefix + message();
}

}  // namespace pagebake
