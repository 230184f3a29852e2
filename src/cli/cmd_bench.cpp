// parley bench: seal/open throughput and Argon2id time, next to raw libsodium measured in the
// same run, so the figures compare across machines as ratios. A benchmark, not a test.
#include <sodium.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <thread>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/io.h"
#include "core/envelope.h"
#include "core/aggregate.h"
#include "core/invitations.h"
#include "core/keyfile.h"
#include "core/object_name.h"
#include "core/release.h"
#include "client/opener.h"
#include "client/reply_day.h"
#include "core/replies.h"
#include "core/submission.h"
#include "core/trustee.h"

namespace parley::cli {
namespace {

constexpr const char* kUsage =
    "Usage: parley bench [--count N] [--size BYTES]\n"
    "\n"
    "Seals and opens N envelopes (default 10000) of BYTES plaintext (default 1000: one 1 KiB\n"
    "bucket) and times Argon2id with the key-file parameters. Prints rates next to raw\n"
    "crypto_box_seal_open of the same size measured in the same run.\n"
    "Then the same N answers to a two-question campaign, sealed both ways: the direct-mode open\n"
    "and aggregate, next to a trustee's release of them (open every outer envelope, check codes\n"
    "and dates, keep one per code, shuffle, sign) and the manager's reading of that release\n"
    "(check, open, aggregate), all measured in this run (N up to 100000, the most invitations).\n"
    "Last, conversations: a mediator's day of replies to 1000 open conversations in one bundle, and\n"
    "what one person pays to find theirs in it (next to the raw decryption attempts it is made of).\n"
    "Prints figures only: a benchmark, not a test.\n";

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// The same answers to one campaign, opened as a direct campaign's manager does and released as
// a trustee does: times in seconds. Errors only when something that must work did not.
struct ModeTimes {
  double direct_open = 0, release = 0, release_read = 0;
  // The same on every core (client/opener_native.cpp), with results identical to one thread.
  double direct_open_cores = 0, release_cores = 0, release_read_cores = 0;
  unsigned cores = 0;
  std::size_t release_bytes = 0;
};

Result<ModeTimes> bench_modes(long count, Rng& rng) {
  auto signer = generate_signing_key(rng);
  auto manager = generate_recipient_key(rng);
  auto trustee = generate_recipient_key(rng);
  auto trustee_signer = generate_signing_key(rng);
  if (!signer || !manager || !trustee || !trustee_signer) return make_error(Errc::crypto_failure, "key generation failed");
  Campaign c;
  c.id = new_campaign_id(rng);
  c.title = "Bench";
  c.questions = {{"mood", QuestionType::likert, "I can do my best work here.", true, {}},
                 {"comment", QuestionType::free_text, "Anything else?", false, {}}};
  c.feedback_to = {manager->public_key};
  c.signer = signer->public_key;
  c.storage.url = "http://127.0.0.1:8000/store/bench";
  c.k = 5;
  c.opens = "2026-01-01";
  c.closes = "2026-12-31";
  Campaign with_trustee = c;
  with_trustee.trustee = Trustee{"Works council", trustee->public_key, trustee_signer->public_key};
  auto direct_token = sign_manifest(c, *signer);
  auto trustee_token = sign_manifest(with_trustee, *signer);
  if (!direct_token || !trustee_token) return make_error(Errc::schema_failure, "the bench campaign does not sign");
  auto direct = verify_manifest(*direct_token);
  auto tc = verify_manifest(*trustee_token);
  if (!direct || !tc) return make_error(Errc::schema_failure, "the bench campaign does not verify");
  const KeySet keys{KeyRole::trustee, "", *trustee, *trustee_signer};
  const auto n = static_cast<std::uint32_t>(count);
  auto codes = invitation_codes(*tc, keys, n);
  if (!codes) return codes.error();

  std::vector<Bytes> direct_envelopes;
  std::vector<StoredObject> stored;
  direct_envelopes.reserve(n);
  stored.reserve(n);
  const std::int64_t sent = 1780000000;  // 2026-05-28: inside the campaign
  for (std::uint32_t i = 0; i < n; ++i) {
    Submission s;
    s.campaign = c.id;
    s.answers["mood"].number = 1 + static_cast<int>(i % 5);
    s.answers["comment"].text = "A comment of some length, as people write them: " + std::to_string(i);
    s.answers["comment"].is_text = true;
    auto d = seal_submission(*direct, s, rng);
    auto t = seal_via_trustee(*tc, s, (*codes)[i], sent, rng);
    if (!d || !t) return make_error(Errc::crypto_failure, "sealing failed");
    direct_envelopes.push_back(std::move(*d));
    stored.push_back({object_name(*t), std::move(*t)});
  }

  ModeTimes times;
  auto t0 = std::chrono::steady_clock::now();
  Aggregator direct_agg(*direct);
  for (const auto& e : direct_envelopes) {
    auto s = open_submission(*manager, e, *direct);
    if (!s) return make_error(s.error().code, "a direct envelope failed to open: " + s.error().detail);
    direct_agg.add(*s);
  }
  if (direct_agg.result(rng).responses != n) return make_error(Errc::schema_failure, "the direct aggregate is short");
  times.direct_open = seconds_since(t0);

  t0 = std::chrono::steady_clock::now();
  auto release = build_release(*tc, keys, n, stored, "2027-01-01", rng);
  if (!release) return release.error();
  times.release = seconds_since(t0);
  times.release_bytes = release->size();

  t0 = std::chrono::steady_clock::now();
  auto read = read_release(*tc, *release);
  if (!read) return read.error();
  Aggregator released_agg(*tc);
  for (const auto& record : read->feedback) {
    auto s = open_release_record(*manager, record, *tc, SubmissionKind::feedback);
    if (!s) return make_error(s.error().code, "a released answer failed to open: " + s.error().detail);
    released_agg.add(*s);
  }
  if (released_agg.result(rng).responses != n) return make_error(Errc::schema_failure, "the released aggregate is short");
  times.release_read = seconds_since(t0);

  // Every core: the opener the CLI uses (contiguous shares, merged in order).
  times.cores = std::max(1u, std::thread::hardware_concurrency());
  client::OpenBatch batch;
  batch.campaign_token = *direct_token;
  batch.secret_key = manager->secret_key;
  batch.envelopes = std::move(direct_envelopes);
  t0 = std::chrono::steady_clock::now();
  auto opened = client::open_batch_threads(batch);
  if (!opened.failures.empty() || !opened.feedback || opened.feedback->result(rng).responses != n) {
    return make_error(Errc::schema_failure, "the direct aggregate on every core is short");
  }
  times.direct_open_cores = seconds_since(t0);
  if (opened.feedback->state() != direct_agg.state()) return make_error(Errc::schema_failure, "every core tallied otherwise than one");

  t0 = std::chrono::steady_clock::now();
  auto records = collect_release(*tc, keys, n, stored, client::open_outers(keys.recipient, stored, *tc), "2027-01-01");
  if (!records) return records.error();
  auto release_cores = sign_release(*tc, keys, std::move(*records), "2027-01-01", rng);
  if (!release_cores) return release_cores.error();
  times.release_cores = seconds_since(t0);

  client::OpenBatch released;
  released.campaign_token = *trustee_token;
  released.secret_key = manager->secret_key;
  released.source = client::BatchSource::release_feedback;
  t0 = std::chrono::steady_clock::now();
  auto read_cores = read_release(*tc, *release_cores);
  if (!read_cores) return read_cores.error();
  released.envelopes = std::move(read_cores->feedback);
  auto opened_release = client::open_batch_threads(released);
  if (!opened_release.feedback || opened_release.feedback->result(rng).responses != n) {
    return make_error(Errc::schema_failure, "the released aggregate on every core is short");
  }
  times.release_read_cores = seconds_since(t0);
  return times;
}

}  // namespace

// Conversations (docs/FORMAT.md): a mediator answering `threads` open conversations in one day's
// bundle, and what one person pays to read it: the download, and trying every record.
struct ConversationTimes {
  double seal = 0, open = 0, reference = 0;
  std::size_t bundle_bytes = 0, records = 0;
};

Result<ConversationTimes> bench_conversations(std::size_t threads, Rng& rng) {
  ConversationTimes out;
  auto t0 = std::chrono::steady_clock::now();
  auto day = client::make_reply_day(threads, rng);
  if (!day) return day.error();
  out.seal = seconds_since(t0);
  const Bytes* bundle = &day->bundle;
  out.bundle_bytes = bundle->size();
  out.records = (bundle->size() - 16) / kReplyRecordBytes;
  const auto& people = std::vector<RecipientKeyPair>{day->person};
  const Key32 mediator_public = day->campaign.mediation_to.front();
  const Campaign& c = day->campaign;
  t0 = std::chrono::steady_clock::now();
  auto mine = open_reply_bundle(c, day->name, *bundle, people.front());
  out.open = seconds_since(t0);
  if (!mine || mine->size() != 1) return make_error(Errc::crypto_failure, "a person did not find their reply");
  // Reference: the raw crypto_box_open_easy attempts a person's reader makes, one per record.
  Bytes padded(kReplyPadBlock);
  const std::uint8_t* rec = bundle->data() + (bundle->size() - out.records * kReplyRecordBytes);
  std::size_t opened = 0;
  t0 = std::chrono::steady_clock::now();
  for (std::size_t i = 0; i < out.records; ++i, rec += kReplyRecordBytes) {
    opened += crypto_box_open_easy(padded.data(), rec + crypto_box_NONCEBYTES, kReplyRecordBytes - crypto_box_NONCEBYTES, rec,
                                   mediator_public.data(), people.front().secret_key.data()) == 0;
  }
  out.reference = seconds_since(t0);
  if (opened != 1) return make_error(Errc::crypto_failure, "the reference opened the wrong records");
  return out;
}

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

  if (count > static_cast<long>(kMaxInvitations)) {
    std::printf("(modes skipped: a trustee campaign has at most %u invitations)\n", kMaxInvitations);
    return kExitOk;
  }
  auto modes = bench_modes(count, rng);
  if (!modes) return fail("modes: " + modes.error().detail);
  std::printf("\nthe same %ld answers (a rating and a comment), both modes, this run:\n", count);
  std::printf("direct: manager opens and aggregates     %8.2f s  %10.0f /s\n", modes->direct_open, n / modes->direct_open);
  std::printf("trustee: release (open, check, sign)     %8.2f s  %10.0f /s  (%.1f MiB)\n", modes->release,
              n / modes->release, static_cast<double>(modes->release_bytes) / 1048576.0);
  std::printf("trustee: manager reads the release       %8.2f s  %10.0f /s\n", modes->release_read, n / modes->release_read);
  std::printf("release / direct open                    %8.2f\n", modes->release / modes->direct_open);
  std::printf("on every core (%u threads, the same results):\n", modes->cores);
  std::printf("direct: manager opens and aggregates     %8.2f s  %10.0f /s\n", modes->direct_open_cores, n / modes->direct_open_cores);
  std::printf("trustee: release (open, check, sign)     %8.2f s  %10.0f /s\n", modes->release_cores, n / modes->release_cores);
  std::printf("trustee: manager reads the release       %8.2f s  %10.0f /s\n", modes->release_read_cores,
              n / modes->release_read_cores);
  constexpr std::size_t kThreads = 1000;
  auto talk = bench_conversations(kThreads, rng);
  if (!talk) return fail("conversations: " + talk.error().detail);
  const double mib = static_cast<double>(talk->bundle_bytes) / 1048576.0;
  std::printf("\n%zu open conversations, one reply each, in one day's bundle (%zu records):\n", kThreads, talk->records);
  std::printf("mediator seals and bundles the replies   %8.2f s   bundle %.2f MiB\n", talk->seal, mib);
  std::printf("a person tries every record for theirs   %8.1f ms  (reference crypto_box_open_easy x%zu: %.1f ms; ratio %.2f)\n",
              talk->open * 1000.0, talk->records, talk->reference * 1000.0, talk->reference / talk->open);
  std::printf("two weeks of such days for one person    %8.1f MiB to download, %.2f s to open\n", mib * 14, talk->open * 14);
  double load[1] = {0};
  if (getloadavg(load, 1) == 1) std::printf("load average %.1f (other work skews every figure)\n", load[0]);
  return kExitOk;
}

}  // namespace parley::cli
