// parley bench: seal/open throughput and Argon2id time, next to raw libsodium measured in the
// same run, so the figures compare across machines as ratios. A benchmark, not a test.
#include <sodium.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/io.h"
#include "core/envelope.h"
#include "core/keyfile.h"

namespace parley::cli {
namespace {

constexpr const char* kUsage =
    "Usage: parley bench [--count N] [--size BYTES]\n"
    "\n"
    "Seals and opens N envelopes (default 10000) of BYTES plaintext (default 1000: one 1 KiB\n"
    "bucket) and times Argon2id with the key-file parameters. Prints rates next to raw\n"
    "crypto_box_seal_open of the same size measured in the same run.\n";

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

int cmd_bench(int argc, char** argv) {
  Args args(argc, argv, 2, {}, {"--count", "--size"});
  if (args.help() || !args.error().empty()) return usage(kUsage, args.error());
  const long count = std::strtol(args.get("--count").value_or("10000").c_str(), nullptr, 10);
  const long size = std::strtol(args.get("--size").value_or("1000").c_str(), nullptr, 10);
  if (count < 1 || count > 10'000'000 || size < 0 || size > static_cast<long>(kMaxPlaintextBytes)) {
    return usage(kUsage, "--count must be 1..10000000 and --size 0..65535");
  }
  SystemRng rng;
  auto key = generate_recipient_key(rng);
  if (!key) return fail(key.error().detail);
  Bytes plaintext(static_cast<std::size_t>(size));
  rng.fill(plaintext.data(), plaintext.size());

  std::vector<Bytes> envelopes;
  envelopes.reserve(static_cast<std::size_t>(count));
  auto t0 = std::chrono::steady_clock::now();
  for (long i = 0; i < count; ++i) {
    auto e = seal_envelope({key->public_key}, plaintext, rng);
    if (!e) return fail(e.error().detail);
    envelopes.push_back(std::move(*e));
  }
  const double seal_s = seconds_since(t0);

  t0 = std::chrono::steady_clock::now();
  for (const auto& e : envelopes) {
    if (!open_envelope(*key, e)) return fail("an envelope failed to open");
  }
  const double open_s = seconds_since(t0);

  // Reference: the raw libsodium operation an open is built on, at the same message size.
  std::vector<Bytes> boxes;
  boxes.reserve(static_cast<std::size_t>(count));
  for (long i = 0; i < count; ++i) {
    Bytes box(crypto_box_SEALBYTES + plaintext.size());
    if (crypto_box_seal(box.data(), plaintext.data(), plaintext.size(), key->public_key.data()) != 0) return fail("seal failed");
    boxes.push_back(std::move(box));
  }
  Bytes out(plaintext.size());
  t0 = std::chrono::steady_clock::now();
  for (const auto& b : boxes) {
    if (crypto_box_seal_open(out.data(), b.data(), b.size(), key->public_key.data(), key->secret_key.data()) != 0) {
      return fail("reference open failed");
    }
  }
  const double raw_s = seconds_since(t0);

  std::uint8_t derived[32], salt[crypto_pwhash_SALTBYTES] = {};
  t0 = std::chrono::steady_clock::now();
  if (crypto_pwhash(derived, sizeof derived, "benchmark passphrase", 20, salt, kDefaultKdf.ops, kDefaultKdf.mem,
                    crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return fail("Argon2id ran out of memory");
  }
  const double kdf_s = seconds_since(t0);

  const double n = static_cast<double>(count);
  std::printf("parley bench: %ld envelopes of %ld bytes, 1 recipient\n", count, size);
  std::printf("seal                         %10.0f /s\n", n / seal_s);
  std::printf("open                         %10.0f /s\n", n / open_s);
  std::printf("reference crypto_box_seal_open %8.0f /s\n", n / raw_s);
  std::printf("open / reference             %10.2f\n", raw_s / open_s);
  std::printf("argon2id (ops %llu, %zu MiB)   %8.0f ms\n", static_cast<unsigned long long>(kDefaultKdf.ops),
              kDefaultKdf.mem >> 20, kdf_s * 1000.0);
  return kExitOk;
}

}  // namespace parley::cli
