// embedded-server: serves the site compiled into it by pagebake_embed() over HTTP/1.1 on
// 127.0.0.1, choosing the .br/.gz body by Accept-Encoding and answering If-None-Match with 304.
// One connection at a time with plain sockets: a demo and a test fixture, not a production server.
//
//   embedded-server [--port N]   (default 8080; 0 picks a free port)
// Prints "listening on http://127.0.0.1:PORT/" once it accepts connections.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

#include "crumb_site.h"

namespace {

// Header value of `name` (case-insensitive) in a raw request head, or "".
std::string_view HeaderValue(std::string_view head, std::string_view name) {
  size_t pos = head.find("\r\n");
  while (pos != std::string_view::npos && pos + 2 < head.size()) {
    size_t start = pos + 2, end = head.find("\r\n", start);
    std::string_view line = head.substr(start, end - start);
    size_t colon = line.find(':');
    if (colon == name.size() && strncasecmp(line.data(), name.data(), name.size()) == 0) {
      std::string_view v = line.substr(colon + 1);
      while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
      while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.remove_suffix(1);
      return v;
    }
    pos = end;
  }
  return {};
}

// "%2F" escapes decoded; false on a malformed escape or a NUL.
bool PercentDecode(std::string_view in, std::string* out) {
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i] != '%') {
      *out += in[i];
      continue;
    }
    if (i + 2 >= in.size()) return false;
    char hex[3] = {in[i + 1], in[i + 2], 0};
    char* end = nullptr;
    long c = std::strtol(hex, &end, 16);
    if (end != hex + 2 || c == 0) return false;
    *out += static_cast<char>(c);
    i += 2;
  }
  return true;
}

bool SendAll(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (n <= 0) return false;
    data.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

void SendStatus(int fd, const char* status) {
  std::string body = std::string(status) + "\n";
  SendAll(fd, std::string("HTTP/1.1 ") + status + "\r\nContent-Type: text/plain\r\n" +
                  "Content-Length: " + std::to_string(body.size()) +
                  "\r\nConnection: close\r\n\r\n" + body);
}

void Serve(int fd) {
  std::string head;
  char buf[4096];
  while (head.find("\r\n\r\n") == std::string::npos && head.size() < 16384) {
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) return;
    head.append(buf, static_cast<size_t>(n));
  }
  size_t sp1 = head.find(' '), sp2 = head.find(' ', sp1 + 1);
  if (sp1 == std::string::npos || sp2 == std::string::npos) return SendStatus(fd, "400 Bad Request");
  std::string_view method(head.data(), sp1);
  std::string_view target(head.data() + sp1 + 1, sp2 - sp1 - 1);
  bool is_head = method == "HEAD";
  if (method != "GET" && !is_head) return SendStatus(fd, "405 Method Not Allowed");
  std::string path;
  if (!PercentDecode(target.substr(0, target.find_first_of("?#")), &path) || path.empty() ||
      path[0] != '/' || path.find("/../") != std::string::npos)
    return SendStatus(fd, "400 Bad Request");

  const crumb::File* file = crumb::Find(path);
  if (!file) {
    if (crumb::Find(path + "/")) {  // a directory without its slash
      SendAll(fd, "HTTP/1.1 301 Moved Permanently\r\nLocation: " + path +
                      "/\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
      return;
    }
    return SendStatus(fd, "404 Not Found");
  }
  crumb::Selected sel = crumb::Negotiate(*file, HeaderValue(head, "Accept-Encoding"));
  bool not_modified = HeaderValue(head, "If-None-Match") == sel.body->etag;
  std::string reply = not_modified ? "HTTP/1.1 304 Not Modified\r\n" : "HTTP/1.1 200 OK\r\n";
  reply += "Content-Type: " + std::string(file->content_type) + "\r\n";
  if (!sel.content_encoding.empty())
    reply += "Content-Encoding: " + std::string(sel.content_encoding) + "\r\n";
  if (file->br.present() || file->gzip.present()) reply += "Vary: Accept-Encoding\r\n";
  reply += "ETag: " + std::string(sel.body->etag) + "\r\n";
  reply += file->immutable ? "Cache-Control: public, max-age=31536000, immutable\r\n"
                           : "Cache-Control: no-cache\r\n";
  if (!not_modified) reply += "Content-Length: " + std::to_string(sel.body->bytes.size()) + "\r\n";
  reply += "Connection: close\r\n\r\n";
  if (!SendAll(fd, reply) || not_modified || is_head) return;
  SendAll(fd, sel.body->bytes);
}

}  // namespace

int main(int argc, char** argv) {
  int port = 8080;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--port") == 0 && i + 1 < argc) {
      port = std::atoi(argv[++i]);
    } else {
      std::fprintf(stderr, "usage: %s [--port N]\n", argv[0]);
      return 2;
    }
  }
  int listener = ::socket(AF_INET, SOCK_STREAM, 0);
  int one = 1;
  ::setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<uint16_t>(port));
  socklen_t len = sizeof addr;
  if (listener < 0 || ::bind(listener, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::listen(listener, 16) != 0 ||
      ::getsockname(listener, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    std::perror("embedded-server: cannot listen on 127.0.0.1");
    return 1;
  }
  std::printf("listening on http://127.0.0.1:%d/ (%zu files)\n", ntohs(addr.sin_port),
              crumb::Files().size());
  std::fflush(stdout);
  for (;;) {
    int fd = ::accept(listener, nullptr, nullptr);
    if (fd < 0) continue;
    timeval timeout{5, 0};  // a stalled client must not block the others forever
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    Serve(fd);
    ::close(fd);
  }
}
