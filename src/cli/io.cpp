#include "cli/io.h"

#include <sodium.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>

#include "cli/storage.h"
#include "client/short_link_storage.h"
#include "core/manifest.h"

namespace parley::cli {
namespace fs = std::filesystem;

Result<Bytes> read_file(const std::string& path, std::size_t max_bytes) {
  const auto too_large = [&] {
    return make_error(Errc::too_large, path + " is larger than " + std::to_string(max_bytes) + " bytes, the most it can be");
  };
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  if (!ec && size > max_bytes) return too_large();
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error(Errc::bad_input, "cannot read " + path);
  // Read until the end, or past the limit: a file that is not a regular file has no size to
  // check first, and one may grow while it is read. The bytes kept are the file's own: a
  // buffer of the limit per envelope held 132 KB for each of 100,000 envelopes.
  Bytes out;
  out.reserve(ec ? 4096 : static_cast<std::size_t>(size));
  char chunk[16384];
  while (in.read(chunk, sizeof chunk) || in.gcount() > 0) {
    out.insert(out.end(), chunk, chunk + in.gcount());
    if (out.size() > max_bytes) return too_large();
  }
  if (in.bad()) return make_error(Errc::bad_input, "cannot read " + path);
  return out;
}

Result<std::string> read_text(const std::string& path, std::size_t max_bytes) {
  auto b = read_file(path, max_bytes);
  if (!b) return b.error();
  return to_string(*b);
}

Status write_file(const std::string& path, const Bytes& data, bool private_file) {
  const std::string tmp = path + ".tmp-" + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return make_error(Errc::bad_input, "cannot write " + path);
    if (private_file) ::chmod(tmp.c_str(), 0600);
    out.write(reinterpret_cast<const char*>(data.data()), static_cast<std::streamsize>(data.size()));
    if (!out.flush()) return make_error(Errc::bad_input, "cannot write " + path);
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) {
    fs::remove(tmp, ec);
    return make_error(Errc::bad_input, "cannot write " + path);
  }
  return Ok{};
}

namespace {

std::optional<Secret> prompt_hidden(const char* prompt) {
  if (!::isatty(STDIN_FILENO)) return std::nullopt;
  std::fprintf(stderr, "%s", prompt);
  termios old{};
  ::tcgetattr(STDIN_FILENO, &old);
  termios quiet = old;
  quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
  ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  std::string line;
  std::getline(std::cin, line);
  ::tcsetattr(STDIN_FILENO, TCSANOW, &old);
  std::fprintf(stderr, "\n");
  Secret typed(line);
  wipe(line);
  return typed;
}

}  // namespace

Result<Secret> read_passphrase(const Args& args, const char* prompt, bool confirm) {
  if (auto file = args.get("--passphrase-file")) {
    auto bytes = read_file(*file, kMaxSmallFile);
    if (!bytes) return bytes.error();
    std::string_view p(reinterpret_cast<const char*>(bytes->data()), bytes->size());
    while (!p.empty() && (p.back() == '\n' || p.back() == '\r')) p.remove_suffix(1);
    Secret passphrase(p);
    sodium_memzero(bytes->data(), bytes->size());
    return passphrase;
  }
  if (const char* env = std::getenv("PARLEY_PASSPHRASE")) return Secret(env);
  auto first = prompt_hidden(prompt);
  if (!first) {
    return make_error(Errc::bad_input, "no passphrase: use --passphrase-file, $PARLEY_PASSPHRASE or a terminal");
  }
  if (confirm) {
    auto again = prompt_hidden("Repeat the passphrase: ");
    if (!again || !(*again == first->view())) return make_error(Errc::bad_input, "the passphrases do not match");
  }
  return std::move(*first);
}

Result<LinkParts> read_link(const std::string& where) {
  std::string text = where;
  std::error_code ec;
  if (fs::is_regular_file(where, ec)) {
    auto file = read_text(where, kMaxLinkFile);
    if (!file) return file.error();
    text = *file;
  }
  auto parts = split_link(text);
  if (!parts || !parts->is_short()) return parts;
  const auto platform = platform::make_platform();
  return wait_for<LinkParts>(*platform, [&](auto done) {
    client::fetch_short_link(*platform, std::move(*parts), [done](client::FetchedLink f) { done(std::move(f.parts)); });
  });
}

Result<std::string> read_token(const std::string& where) {
  auto parts = read_link(where);
  if (!parts) return parts.error();
  return std::move(parts->token);
}

int fail(const std::string& message, int code) {
  std::fprintf(stderr, "parley: %s\n", message.c_str());
  return code;
}

int usage(const char* text, const std::string& problem) {
  if (!problem.empty()) std::fprintf(stderr, "parley: %s\n\n", problem.c_str());
  std::fputs(text, problem.empty() ? stdout : stderr);
  return problem.empty() ? kExitOk : kExitUsage;
}

}  // namespace parley::cli
