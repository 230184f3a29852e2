// Writes the fuzzers' seed corpus: make_corpus <dir> creates <dir>/<target>/ with a few valid
// inputs for each fuzz_<target> it knows (tools/fuzz starts a target it has no seeds for from an
// empty corpus). Everything comes from SeededRng, so the corpus is the same on every run.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "client/opener_wire.h"
#include "core/base32.h"
#include "core/bytes.h"
#include "core/envelope.h"
#include "core/keyfile.h"
#include "core/keys.h"
#include "core/manifest.h"
#include "core/rng.h"
#include "core/short_link.h"
#include "core/sodium_init.h"
#include "core/submission.h"
#include "core/invitations.h"
#include "core/release.h"
#include "core/replies.h"
#include "core/report.h"
#include "core/trustee.h"
#include "envelope_key.h"
#include "support/campaigns.h"
#include "trustee_fixture.h"
#include "support/s3_storage.h"

namespace fs = std::filesystem;
using namespace parley;
using fuzz::kCampaignId;  // what the harnesses expect
using testing::choices;
using testing::num;
using testing::text;

namespace {

constexpr std::uint8_t kOtherByte = 0x17;  // every key but the envelope harness's

fs::path g_root;
int g_files = 0;

[[noreturn]] void die(const std::string& what) {
  std::fprintf(stderr, "make_corpus: %s\n", what.c_str());
  std::exit(1);
}

template <typename T>
T must(Result<T> r, const char* what) {
  if (!r) die(std::string(what) + ": " + r.error().detail);
  return std::move(r).value();
}

void write(const char* dir, const std::string& name, const Bytes& content) {
  std::error_code ec;
  fs::create_directories(g_root / dir, ec);
  if (ec) die("cannot create " + (g_root / dir).string() + ": " + ec.message());
  const fs::path path = g_root / dir / name;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(content.data()), static_cast<std::streamsize>(content.size()));
  if (!out) die("cannot write " + path.string());
  ++g_files;
}

void write(const char* dir, const std::string& name, const std::string& content) { write(dir, name, to_bytes(content)); }

Bytes filler(std::size_t n) {
  Bytes b(n);
  for (std::size_t i = 0; i < n; ++i) b[i] = static_cast<std::uint8_t>('a' + i % 26);
  return b;
}

// Every question of the tests' sample campaign answered.
Submission feedback() {
  Submission s;
  s.kind = SubmissionKind::feedback;
  s.campaign = kCampaignId;
  s.answers = {{"mood", num(4)},
               {"recommend", num(9)},
               {"focus", num(1)},
               {"topics", choices({0, 2})},
               {"comment", text("More pairing, please.\nAnd fewer late meetings.")},
               {"blockers", text("Waiting on reviews – sometimes for days.")}};
  return s;
}

Submission mediation() {
  Submission s;
  s.kind = SubmissionKind::mediation;
  s.campaign = kCampaignId;
  s.day = "2024-03-05";
  s.request = {"A recurring conflict in planning meetings.", "Two people on the team", "A moderated conversation",
               "urgent", "Reply on the team board under \"blue\""};
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: make_corpus <dir>\n");
    return 2;
  }
  if (!init_crypto()) die("libsodium could not be initialised");
  g_root = argv[1];

  const RecipientKeyPair fuzz_key = must(fuzz::envelope_key(), "fuzz key");
  std::uint8_t seed[32];
  std::fill(std::begin(seed), std::end(seed), kOtherByte);
  SeededRng rng(seed);
  const RecipientKeyPair mediator = must(generate_recipient_key(rng), "mediator key");
  const RecipientKeyPair stranger = must(generate_recipient_key(rng), "other key");
  const SigningKeyPair signer = must(generate_signing_key(rng), "signing key");

  // --- manifest: signed tokens, a link, and bare canonical bodies ----------------------------
  Campaign c1 = testing::sample_campaign({signer, fuzz_key, mediator});
  c1.id = kCampaignId;
  Campaign sealed_for = c1;  // contents bound to the hash fuzz_envelope and fuzz_contents read with
  sealed_for.manifest_hash = fuzz::contents_binding().manifest_hash;
  Campaign c2 = c1;
  c2.title = "Mediation only: Ops";
  c2.intro.clear();
  c2.questions = {{"ok", QuestionType::likert, "Is this useful?", false, {}}};
  c2.feedback_to = {fuzz_key.public_key, stranger.public_key};
  c2.mediation_to = {mediator.public_key, fuzz_key.public_key};
  c2.allow_mediation_to_feedback_readers = true;
  c2.storage = testing::sample_s3_storage("ops/", "https://bucket.s3.example.com/");
  c2.k = 3;
  c2.opens = c2.closes = "2024-02-29";
  const std::string token1 = must(sign_manifest(c1, signer), "sign manifest");
  const std::string token2 = must(sign_manifest(c2, signer), "sign manifest");
  write("manifest", "token1", token1);
  write("manifest", "token2", token2);
  write("manifest", "link", campaign_link("https://parley.example.org/app/", token1));
  write("manifest", "body1", must(canonical_body(c1), "manifest body"));
  write("manifest", "body2", must(canonical_body(c2), "manifest body"));

  // --- shortlink: where a short link points (0 first), a stored manifest after its H (1 first)
  const ManifestHash h1 = must(verify_manifest(token1), "verify manifest").manifest_hash;
  const std::string name1 = manifest_object_name(h1);
  const std::string where(1, '\0');
  write("shortlink", "path", where + "/store/team/" + name1);
  write("shortlink", "url", where + "https://store.example.org/parley/team/" + name1);
  write("shortlink", "with_code", where + "/store/team/" + name1 + "&i=ABCDEFGHIJKLMNOPQRSTUVWXYZ");
  const auto stored = [](const ManifestHash& h, const std::string& object) {
    Bytes b{1};
    b.insert(b.end(), h.begin(), h.end());
    b.insert(b.end(), object.begin(), object.end());
    return b;
  };
  write("shortlink", "stored", stored(h1, token1));
  write("shortlink", "stored_other", stored(h1, token2));

  // --- envelope: sealed to the fuzz key (alone or among others), each pad bucket ------------
  Campaign c2_sealed_for = c2;
  c2_sealed_for.manifest_hash = sealed_for.manifest_hash;
  write("envelope", "feedback", must(seal_submission(sealed_for, feedback(), rng), "seal feedback"));
  write("envelope", "mediation", must(seal_submission(c2_sealed_for, mediation(), rng), "seal mediation"));
  write("envelope", "hello", must(seal_envelope({fuzz_key.public_key}, to_bytes("hello"), rng), "seal"));
  write("envelope", "third_of_three",
        must(seal_envelope({mediator.public_key, stranger.public_key, fuzz_key.public_key}, filler(2000), rng), "seal"));
  write("envelope", "bucket16k", must(seal_envelope({fuzz_key.public_key}, filler(10000), rng), "seal"));
  write("envelope", "one_byte", must(seal_envelope({fuzz_key.public_key}, Bytes{'x'}, rng), "seal"));
  write("envelope", "not_for_me", must(seal_envelope({stranger.public_key}, to_bytes("not yours"), rng), "seal"));

  // --- keyfile: cheap Argon2id parameters, so the fuzzer may unwrap them --------------------
  const KdfParams kdf = kMinKdf;
  KeySet manager{KeyRole::manager, "Team lead, spring", fuzz_key, signer};
  KeySet mediator_set{KeyRole::mediator, "Mediator", mediator, std::nullopt};
  write("keyfile", "manager", must(wrap_keyset(manager, "pass", kdf, rng), "wrap manager"));
  write("keyfile", "mediator", must(wrap_keyset(mediator_set, "pass", kdf, rng), "wrap mediator"));
  write("keyfile", "other_pass", must(wrap_keyset(mediator_set, "not the pass", KdfParams{kMinKdf.ops + 1, kMinKdf.mem}, rng), "wrap"));

  // --- contents: submissions, public keys and encoded bytes ---------------------------------
  Submission bound_feedback = feedback(), bound_mediation = mediation();
  bound_feedback.manifest = bound_mediation.manifest = sealed_for.manifest_hash;
  write("contents", "feedback", must(encode_submission(bound_feedback), "encode feedback"));
  write("contents", "mediation", must(encode_submission(bound_mediation), "encode mediation"));
  write("contents", "recipient_key", encode_public_key(KeyKind::recipient, fuzz_key.public_key));
  write("contents", "signing_key", " " + encode_public_key(KeyKind::signing, signer.public_key) + "\n");
  const Bytes some(fuzz_key.public_key.begin(), fuzz_key.public_key.begin() + 21);
  write("contents", "base64url", base64url_encode(some));
  write("contents", "base32", base32_encode(some));
  write("contents", "hex", hex_encode(some));
  write("contents", "utf8", std::string("Grüße – ünïcödé ✓ 𝄞\n\ttab"));

  // --- listpage: S3 answers in AWS's and radosgw's layouts ----------------------------------
  write("listpage", "aws_page",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">\n"
        "  <Name>bucket</Name><Prefix/><KeyCount>1</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated>\n"
        "  <Contents><Key>my-image.jpg</Key><LastModified>2009-10-12T17:50:30.000Z</LastModified>"
        "<ETag>&quot;fba9dede5f27731c9771645a39863328&quot;</ETag><Size>434234</Size><StorageClass>STANDARD</StorageClass>"
        "</Contents>\n</ListBucketResult>");
  write("listpage", "rgw_truncated",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
        "<Name>parley-inbox</Name><Prefix>incoming/a/</Prefix><MaxKeys>1000</MaxKeys><IsTruncated>true</IsTruncated>"
        "<Contents><Key>incoming/a/0123456789abcdef0123456789abcdef.parley</Key><Size>1160</Size>"
        "<Owner><ID>parley</ID><DisplayName>Parley</DisplayName></Owner><Type>Normal</Type></Contents>"
        "<KeyCount>1</KeyCount><NextContinuationToken>a&amp;b&#x2F;&#233;</NextContinuationToken></ListBucketResult>");
  write("listpage", "cdata_comment",
        "<!-- c --><ListBucketResult a='>'><Contents><Key><![CDATA[x<y]]></Key><Size>0</Size></Contents>"
        "</ListBucketResult>");
  write("listpage", "error",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>AccessDenied</Code><Message>Policy expired.</Message>"
        "<RequestId>tx1</RequestId></Error>");

  // --- trustee campaigns: outer envelopes and contents, statements and links, releases ------
  const auto& t = fuzz::trustee_fixture();
  const auto codes = must(invitation_codes(t.campaign, t.trustee_keys(), 8), "invitation codes");
  std::vector<StoredObject> objects;
  for (std::uint32_t i = 0; i < 4; ++i) {
    Submission s = testing::feedback_with_mood(t.campaign, static_cast<int>(1 + i));
    objects.push_back(testing::stored(must(seal_via_trustee(t.campaign, s, codes[i], testing::kSentInWindow, rng), "seal outer")));
  }
  objects.push_back(testing::stored(
      must(seal_via_trustee(t.campaign, testing::short_request(t.campaign), codes[5], testing::kSentInWindow, rng), "seal request")));
  write("outer", "feedback_envelope", objects[0].bytes);
  write("outer", "mediation_envelope", objects[4].bytes);
  write("outer", "feedback_contents", must(open_envelope(t.trustee, objects[0].bytes), "open outer"));
  write("outer", "mediation_contents", must(open_envelope(t.trustee, objects[4].bytes), "open outer"));
  const std::string statement = must(sign_invitations(t.campaign, t.trustee_keys(), 8), "sign invitations");
  write("invitations", "statement", statement);
  write("invitations", "personal_link", personal_link(t.link, codes[0]));
  write("invitations", "upper_case_link", personal_link(t.link, "ABCDEFGHIJKLMNOPQRSTUVWXYA"));
  write("release", "four_and_one", must(build_release(t.campaign, t.trustee_keys(), 8, objects, "2027-01-02", rng), "release"));
  objects.pop_back();
  write("release", "three", must(build_release(t.campaign, t.trustee_keys(), 8, {objects[0], objects[1], objects[2]}, "2027-01-02", rng),
                                 "release"));

  // --- site: a deployment's site file --------------------------------------------------------
  write("site", "site",
        R"({"v":1,"signers":[{"label":"People team","key":")" + encode_public_key(KeyKind::signing, signer.public_key) +
            R"("}],"trustees":[{"label":"Works council","key":")" + encode_public_key(KeyKind::signing, t.trustee_keys().signer->public_key) +
            R"("}],"storage":["https://store.example.org","http://127.0.0.1:8000"]})");

  // --- listing: serve.py's and nginx's JSON listings ------------------------------------------
  const std::string envelope_name = object_name(objects[0].bytes);
  {  // conversations: a bundle with two replies for the fuzzed thread among another's; phrases
    const RecipientKeyPair thread = fuzz::fuzz_thread();
    const std::string mine = encode_public_key(KeyKind::recipient, thread.public_key);
    std::vector<Bytes> records;
    for (const char* text : {"Could we talk on Thursday?", "Closing this now.\nThank you."}) {
      records.push_back(must(seal_reply(Reply{t.campaign.id, mine, "2026-11-21", text, false}, t.mediator, rng), "reply"));
    }
    records.push_back(must(seal_reply(Reply{t.campaign.id, encode_public_key(KeyKind::recipient, t.manager.public_key), "2026-11-21",
                                            "Someone else's.", true},
                                      t.mediator, rng),
                           "reply"));
    write("replies", "bundle", must(build_reply_bundle(t.campaign, "2026-11-21", 0, records, rng), "bundle"));
    write("phrase", "bip39_zero", "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about");
    write("phrase", "typed", "  LEGAL winner\tthank year wave sausage worth useful legal winner thank yellow\n");
    write("phrase", "typo", "legal winner thank year wave sausage worth usefull legal winner thank yellow");
  }
  write("listing", "serve", R"({"objects":[{"name":")" + envelope_name + R"("},{"name":"release.parley"}]})");
  write("listing", "nginx", R"([{"name":")" + envelope_name + R"(","type":"file","mtime":"Sun, 06 Dec 2026 00:00:00 GMT","size":4200}])");

  // --- aggstate and worker: a worker's tallies, a batch and an answer ----------------------
  const Campaign sample = testing::sample_campaign(testing::campaign_keys());
  Aggregator tallies(sample);
  for (int mood = 1; mood <= 5; ++mood) tallies.add(testing::feedback_with_mood(sample, mood));
  write("aggstate", "five", tallies.state().dump());
  {  // resultsfile: the file a results screen saves, shown (k = 5 of 5) and hidden (3 of 5)
    SeededRng results_rng(seed);
    write("resultsfile", "shown", results_file_json(sample, tallies.result(results_rng)).dump(2));
    Aggregator three(sample);
    for (int mood = 1; mood <= 3; ++mood) three.add(testing::feedback_with_mood(sample, mood));
    write("resultsfile", "hidden", results_file_json(sample, three.result(results_rng)).dump(2));
  }
  client::OpenBatch batch;
  batch.campaign_token = token1;
  batch.secret_key = fuzz_key.secret_key;
  batch.envelopes = {objects[0].bytes, objects[1].bytes};
  write("worker", "batch", client::encode_open_batch(batch));
  client::OpenedBatch opened;
  opened.count = 7;
  opened.feedback = std::make_unique<Aggregator>(tallies);
  opened.failures["not-for-this-key"] = 2;
  write("worker", "answer", client::encode_opened_batch(opened));

  std::printf("make_corpus: %d files in %s\n", g_files, g_root.string().c_str());
  return 0;
}
