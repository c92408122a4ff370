// Status and Result<T>: the library's error vocabulary. The library never throws; only tool/
// catches. A Status is a single pointer, free to copy and test on the OK path (as leveldb's).
#ifndef PAGEBAKE_STATUS_H_
#define PAGEBAKE_STATUS_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace pagebake {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,  // bad option, bad config, bad usage: a usage error (exit 2)
  kNotFound,         // a file or id that does not exist
  kIoError,          // the OS refused an IO operation (exit 3)
  kContentError,     // one asset's content cannot be handled; its original bytes are kept
  kUnimplemented,    // a filter id that is known but not built yet
  kLimitExceeded,    // an input beyond a configured limit (size, pixels, depth, time)
  kInternal,         // a bug
};

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK
  static Status OK() { return Status(); }
  static Status InvalidArgument(std::string msg) { return {StatusCode::kInvalidArgument, std::move(msg)}; }
  static Status NotFound(std::string msg) { return {StatusCode::kNotFound, std::move(msg)}; }
  static Status IoError(std::string msg) { return {StatusCode::kIoError, std::move(msg)}; }
  static Status ContentError(std::string msg) { return {StatusCode::kContentError, std::move(msg)}; }
  static Status Unimplemented(std::string msg) { return {StatusCode::kUnimplemented, std::move(msg)}; }
  static Status LimitExceeded(std::string msg) { return {StatusCode::kLimitExceeded, std::move(msg)}; }
  static Status Internal(std::string msg) { return {StatusCode::kInternal, std::move(msg)}; }

  bool ok() const { return rep_ == nullptr; }
  StatusCode code() const { return rep_ ? rep_->code : StatusCode::kOk; }
  const std::string& message() const {
    static const std::string kEmpty;
    return rep_ ? rep_->message : kEmpty;
  }
  bool IsIoError() const { return code() == StatusCode::kIoError; }
  bool IsContentError() const { return code() == StatusCode::kContentError; }
  bool IsNotFound() const { return code() == StatusCode::kNotFound; }
  // "IO error: open foo.css: Permission denied"
  std::string ToString() const;

 private:
  struct Rep {
    StatusCode code;
    std::string message;
  };
  Status(StatusCode code, std::string msg)
      : rep_(std::make_shared<Rep>(Rep{code, std::move(msg)})) {}
  std::shared_ptr<const Rep> rep_;
};

// A value or the Status that explains why there is none.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}           // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {}   // NOLINT: must not be OK
  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }
  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }
  T& operator*() { return *value_; }

 private:
  std::optional<T> value_;
  Status status_;
};

#define PAGEBAKE_RETURN_IF_ERROR(expr)       \
  do {                                       \
    ::pagebake::Status _pb_s = (expr);       \
    if (!_pb_s.ok()) return _pb_s;           \
  } while (0)

}  // namespace pagebake

#endif  // PAGEBAKE_STATUS_H_
