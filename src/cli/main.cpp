// `parley`: the command-line tool on the same core as the browser app, for batch work, tests
// and benchmarks.
#include <cstdio>
#include <cstring>

#include "cli/commands.h"
#include "core/sodium_init.h"
#include "core/version.h"

namespace {

constexpr const char* kUsage =
    "Usage: parley <command> [options]      (parley <command> --help for each)\n"
    "\n"
    "Keys:\n"
    "  keygen      create a key file for a manager, a mediator or a trustee\n"
    "  pubkey      show the public keys of a key file\n"
    "Campaigns:\n"
    "  campaign    new | sign | verify | link\n"
    "Submissions:\n"
    "  seal        seal answers or a mediation request, as the app does (--put uploads it)\n"
    "  open        open envelopes (or a trustee's release) from files, folders, a URL or the storage\n"
    "  aggregate   show the aggregated results a manager sees\n"
    "  export      write the aggregated results as CSV or JSON\n"
    "Trustees:\n"
    "  invite      make a trustee campaign's personal links and the signed count\n"
    "  release     release a trustee campaign's results once, after its close\n"
    "Conversations:\n"
    "  phrase      new | check: a person's recovery phrase and its thread key\n"
    "  reply       a mediator's replies, sealed into one bundle (--put stores it)\n"
    "  thread      a person's replies, read with their recovery phrase\n"
    "Sharing:\n"
    "  qr          a link's QR code as PNG or SVG, and a printable sheet\n"
    "Storage:\n"
    "  store       S3 POST policies, bucket CORS/policy, an nginx site; signed S3 requests\n"
    "Development:\n"
    "  bench       seal/open throughput and Argon2id time\n"
    "  vectors     write the format test vectors\n"
    "  version     print the version\n"
    "\n"
    "Exit codes: 0 success, 1 failure, 2 usage error, 3 partly done (some envelopes not opened),\n"
    "4 not (yet) allowed by the campaign's rules (before the close or the release, below k).\n";

struct Command {
  const char* name;
  int (*run)(int, char**);
};

constexpr Command kCommands[] = {
    {"keygen", parley::cli::cmd_keygen},   {"pubkey", parley::cli::cmd_pubkey}, {"campaign", parley::cli::cmd_campaign},
    {"seal", parley::cli::cmd_seal},       {"open", parley::cli::cmd_open},     {"aggregate", parley::cli::cmd_aggregate},
    {"export", parley::cli::cmd_export},   {"bench", parley::cli::cmd_bench},   {"vectors", parley::cli::cmd_vectors},
    {"store", parley::cli::cmd_store},     {"invite", parley::cli::cmd_invite}, {"release", parley::cli::cmd_release},
    {"phrase", parley::cli::cmd_phrase},   {"reply", parley::cli::cmd_reply},   {"thread", parley::cli::cmd_thread},
    {"qr", parley::cli::cmd_qr},
};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || !std::strcmp(argv[1], "-h") || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "help")) {
    std::fputs(kUsage, argc < 2 ? stderr : stdout);
    return argc < 2 ? 2 : 0;
  }
  if (!std::strcmp(argv[1], "version") || !std::strcmp(argv[1], "--version")) {
    std::printf("parley %s (formats: envelope, manifest, contents, invitations and release 2; keyfile 1)\n", parley::kVersion);
    return 0;
  }
  if (!parley::init_crypto()) {
    std::fputs("parley: the encryption library could not start\n", stderr);
    return 1;
  }
  for (const auto& c : kCommands) {
    if (!std::strcmp(argv[1], c.name)) return c.run(argc, argv);
  }
  std::fprintf(stderr, "parley: unknown command '%s' (see parley --help)\n", argv[1]);
  return 2;
}
