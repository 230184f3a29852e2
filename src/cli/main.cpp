// `parley`: the command-line tool on the same core as the browser app, for batch work and tests.
#include <cstdio>
#include <cstring>

#include "core/sodium_init.h"
#include "core/version.h"

namespace {

constexpr const char* kUsage =
    "Usage: parley <command> [options]\n"
    "\n"
    "Commands:\n"
    "  version      print the version of Parley and of its formats\n"
    "\n"
    "Options:\n"
    "  -h, --help   show this help\n"
    "\n"
    "Exit codes: 0 success, 1 failure, 2 usage error.\n";

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || !std::strcmp(argv[1], "-h") || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "help")) {
    std::fputs(kUsage, argc < 2 ? stderr : stdout);
    return argc < 2 ? 2 : 0;
  }
  if (!parley::init_crypto()) {
    std::fputs("parley: the encryption library could not start\n", stderr);
    return 1;
  }
  if (!std::strcmp(argv[1], "version")) {
    std::printf("parley %s\n", parley::kVersion);
    return 0;
  }
  std::fprintf(stderr, "parley: unknown command '%s' (see parley --help)\n", argv[1]);
  return 2;
}
