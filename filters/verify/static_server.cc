// The loopback file server of pagebake verify (see static_server.h).
#include "filters/verify/static_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>

#include "filters/core/content_type.h"
#include "filters/text/position.h"

namespace pagebake::verify {
namespace {

constexpr size_t kMaxHeaderBytes = 64 * 1024;

std::string RealPath(const std::string& path) {
  char buf[PATH_MAX];
  if (!::realpath(path.c_str(), buf)) return "";
  return buf;
}

// Percent-decodes a URL path. False on a malformed escape.
bool DecodePath(std::string_view in, std::string* out) {
  out->clear();
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i] != '%') {
      out->push_back(in[i]);
      continue;
    }
    int hi = i + 1 < in.size() ? text::HexDigitValue(in[i + 1]) : -1;
    int lo = i + 2 < in.size() ? text::HexDigitValue(in[i + 2]) : -1;
    if (hi < 0 || lo < 0) return false;
    out->push_back(static_cast<char>(hi * 16 + lo));
    i += 2;
  }
  return true;
}

// True when every segment is a plain name: no "." or "..", no backslash, no NUL.
bool PlainPath(std::string_view path) {
  if (path.find('\0') != std::string_view::npos || path.find('\\') != std::string_view::npos)
    return false;
  size_t b = 0;
  while (b <= path.size()) {
    size_t e = path.find('/', b);
    if (e == std::string_view::npos) e = path.size();
    std::string_view seg = path.substr(b, e - b);
    if (seg == "." || seg == "..") return false;
    b = e + 1;
  }
  return true;
}

std::string Reply(int code, std::string_view reason, std::string_view type,
                  const std::string& body, bool head, bool keep_alive,
                  const std::string& extra_headers = "") {
  std::string out = "HTTP/1.1 " + std::to_string(code) + " " + std::string(reason) + "\r\n";
  out += "Content-Type: " + std::string(type) + "\r\n";
  out += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  out += "Cache-Control: no-store\r\n";
  out += extra_headers;
  out += keep_alive ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n";
  if (!head) out += body;
  return out;
}

bool SendAll(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

}  // namespace

StaticServer::~StaticServer() { Stop(); }

std::string StaticServer::origin() const { return "http://127.0.0.1:" + std::to_string(port_); }

Status StaticServer::Start(const std::string& root) {
  root_ = RealPath(root);
  if (root_.empty()) return Status::NotFound("cannot serve " + root + ": " + std::strerror(errno));
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (listen_fd_ < 0) return Status::IoError(std::string("socket: ") + std::strerror(errno));
  int one = 1;
  ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof(addr);
  if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0 ||
      ::listen(listen_fd_, 128) != 0 ||
      ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    Status s = Status::IoError(std::string("bind 127.0.0.1: ") + std::strerror(errno));
    ::close(listen_fd_);
    listen_fd_ = -1;
    return s;
  }
  port_ = ntohs(addr.sin_port);
  acceptor_ = std::thread([this] { AcceptLoop(); });
  return Status::OK();
}

void StaticServer::Stop() {
  if (listen_fd_ < 0) return;
  stopping_ = true;
  ::shutdown(listen_fd_, SHUT_RDWR);  // wakes accept()
  if (acceptor_.joinable()) acceptor_.join();
  ::close(listen_fd_);
  listen_fd_ = -1;
  std::unique_lock<std::mutex> lock(mu_);
  for (int fd : open_fds_) ::shutdown(fd, SHUT_RDWR);  // wakes blocked recv()
  idle_.wait(lock, [this] { return open_fds_.empty(); });
}

void StaticServer::AcceptLoop() {
  while (!stopping_) {
    int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) {
      if (errno == EINTR || errno == ECONNABORTED || errno == EMFILE || errno == ENFILE) {
        if (errno == EMFILE || errno == ENFILE) ::usleep(10000);
        continue;
      }
      return;  // the listener was shut down
    }
    if (stopping_) {
      ::close(fd);
      return;
    }
    int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    timeval tv{30, 0};  // an idle keep-alive connection is dropped after 30 s
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
    {
      std::lock_guard<std::mutex> lock(mu_);
      open_fds_.push_back(fd);
    }
    // Detached: Stop() waits until every connection has removed its fd (the thread's last use
    // of `this`).
    std::thread([this, fd] { Serve(fd); }).detach();
  }
}

void StaticServer::Serve(int fd) {
  std::string buf;
  char chunk[16384];
  bool keep_alive = true;
  while (keep_alive && !stopping_) {
    size_t end;
    while ((end = buf.find("\r\n\r\n")) == std::string::npos) {
      if (buf.size() > kMaxHeaderBytes) break;
      ssize_t n = ::recv(fd, chunk, sizeof(chunk), 0);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        end = std::string::npos;
        keep_alive = false;
        break;
      }
      buf.append(chunk, static_cast<size_t>(n));
    }
    if (end == std::string::npos) {
      if (buf.size() > kMaxHeaderBytes)
        SendAll(fd, Reply(431, "Request Header Fields Too Large", "text/plain", "", false, false));
      break;
    }
    std::string head = buf.substr(0, end);
    buf.erase(0, end + 4);
    size_t line_end = head.find("\r\n");
    std::string line = head.substr(0, line_end);
    std::string lower = head;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    keep_alive = lower.find("\r\nconnection: close") == std::string::npos &&
                 line.size() > 8 && line.compare(line.size() - 8, 8, "HTTP/1.1") == 0;
    size_t sp1 = line.find(' ');
    size_t sp2 = line.rfind(' ');
    std::string reply;
    if (sp1 == std::string::npos || sp2 == sp1 || lower.find("\r\ncontent-length:") != std::string::npos ||
        lower.find("\r\ntransfer-encoding:") != std::string::npos) {
      keep_alive = false;  // a body we do not read: answer and close
      reply = Reply(400, "Bad Request", "text/plain", "bad request\n", false, false);
    } else {
      reply = Respond(line.substr(0, sp1), line.substr(sp1 + 1, sp2 - sp1 - 1), keep_alive);
    }
    ++requests_;
    if (!SendAll(fd, reply)) break;
  }
  ::shutdown(fd, SHUT_RDWR);
  ::close(fd);
  std::lock_guard<std::mutex> lock(mu_);
  std::erase(open_fds_, fd);
  idle_.notify_all();
}

std::string StaticServer::Respond(const std::string& method, const std::string& target,
                                  bool keep_alive) {
  const bool head = method == "HEAD";
  if (method != "GET" && !head)
    return Reply(405, "Method Not Allowed", "text/plain", "GET and HEAD only\n", false, keep_alive,
                 "Allow: GET, HEAD\r\n");
  if (target.empty() || target[0] != '/')
    return Reply(400, "Bad Request", "text/plain", "origin-form targets only\n", head, keep_alive);
  std::string raw = target.substr(0, target.find_first_of("?#"));
  std::string path;
  if (!DecodePath(raw, &path))
    return Reply(400, "Bad Request", "text/plain", "bad percent-escape\n", head, keep_alive);
  if (!PlainPath(path))
    return Reply(403, "Forbidden", "text/plain", "path outside the root\n", head, keep_alive);
  std::string file = root_ + path;
  struct stat st;
  if (::stat(file.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
    if (path.back() != '/') {
      std::string query = target.substr(raw.size());
      return Reply(301, "Moved Permanently", "text/plain", "", head, keep_alive,
                   "Location: " + raw + "/" + query + "\r\n");
    }
    file += "index.html";
  }
  std::string real = RealPath(file);
  if (real.empty())
    return Reply(404, "Not Found", "text/plain", "not found\n", head, keep_alive);
  if (real.compare(0, root_.size() + 1, root_ + "/") != 0)
    return Reply(403, "Forbidden", "text/plain", "path outside the root\n", head, keep_alive);
  std::ifstream in(real, std::ios::binary);
  if (!in || ::stat(real.c_str(), &st) != 0 || !S_ISREG(st.st_mode))
    return Reply(404, "Not Found", "text/plain", "not found\n", head, keep_alive);
  std::string body((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return Reply(200, "OK", MimeType(ContentTypeFromPath(real)), body, head, keep_alive);
}

}  // namespace pagebake::verify
