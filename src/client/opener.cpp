#include "client/opener.h"

#include <sodium.h>

#include <cstring>

#include "core/release.h"

namespace parley::client {
namespace {

void tally(OpenedBatch& out, Result<Submission> s) {
  if (!s) ++out.failures[to_string(s.error().code)];
  else if (s->kind == SubmissionKind::feedback) out.feedback->add(*s);
  else out.mediation.push_back(std::move(*s));
}

// What every envelope of a batch fails with when the batch itself cannot be read (no zero
// counts: an empty batch fails nothing).
OpenedBatch failed_batch(std::size_t count, Errc code) {
  OpenedBatch out;
  out.count = count;
  if (count) out.failures[to_string(code)] = count;
  return out;
}

}  // namespace

Result<Submission> open_one(const RecipientKeyPair& key, BatchSource source, const Bytes& envelope, const Campaign& campaign) {
  return source == BatchSource::release_feedback    ? open_release_record(key, envelope, campaign, SubmissionKind::feedback)
         : source == BatchSource::release_mediation ? open_release_record(key, envelope, campaign, SubmissionKind::mediation)
                                                     : open_submission(key, envelope, campaign);
}

Result<Submission> open_one(const StanzaOpener& opener, BatchSource source, const Bytes& envelope, const Campaign& campaign) {
  return source == BatchSource::release_feedback    ? open_release_record(opener, envelope, campaign, SubmissionKind::feedback)
         : source == BatchSource::release_mediation ? open_release_record(opener, envelope, campaign, SubmissionKind::mediation)
                                                     : open_submission(opener, envelope, campaign);
}

OpenedBatch open_batch(const OpenBatch& batch) {
  auto campaign = verify_manifest(batch.campaign_token);
  if (!campaign) return failed_batch(batch.envelopes.size(), campaign.error().code);
  auto key = recipient_from_secret(batch.secret_key.get());
  if (!key) return failed_batch(batch.envelopes.size(), key.error().code);
  OpenedBatch out;
  out.count = batch.envelopes.size();
  out.feedback = std::make_unique<Aggregator>(*campaign);
  for (const auto& envelope : batch.envelopes) tally(out, open_one(*key, batch.source, envelope, *campaign));
  return out;  // the key pair wipes its secret half as it goes
}

SteppedBatch::SteppedBatch(OpenBatch batch) : batch_(std::move(batch)) {
  auto key = recipient_from_secret(batch_.secret_key.get());
  key_ok_ = key.ok();
  if (key_ok_) public_key_ = key->public_key;
  state_.resize(batch_.envelopes.size());
  for (std::size_t i = 0; i < state_.size(); ++i) {
    auto n = envelope_stanza_count(batch_.envelopes[i]);
    state_[i].stanzas = key_ok_ && n ? *n : 0;  // a bad header fails before any stanza is tried
  }
  ask();
}

SteppedBatch::~SteppedBatch() {
  for (auto& e : state_) sodium_memzero(e.file_key.data(), e.file_key.size());
}

void SteppedBatch::ask() {
  asked_.clear();
  wanted_.clear();
  for (std::size_t i = 0; i < state_.size(); ++i) {
    const Envelope& e = state_[i];
    if (e.found || e.next >= e.stanzas) continue;
    const std::uint8_t* epk = batch_.envelopes[i].data() + 8 + e.next * kStanzaBytes;
    wanted_.insert(wanted_.end(), epk, epk + 32);
    asked_.push_back(i);
  }
}

void SteppedBatch::take(const std::uint8_t* shared, std::size_t size) {
  const bool whole = shared && size == asked_.size() * 32;
  for (std::size_t j = 0; j < asked_.size(); ++j) {
    Envelope& e = state_[asked_[j]];
    const std::uint8_t* stanza = batch_.envelopes[asked_[j]].data() + 8 + e.next * kStanzaBytes;
    Key32 secret{};
    if (whole) std::memcpy(secret.data(), shared + j * 32, 32);
    // Refused or missing outside: libsodium decides (an all-zero result fails here too), so a
    // browser's refusal for any other reason cannot lose an envelope.
    if (sodium_is_zero(secret.data(), secret.size()) &&
        crypto_scalarmult(secret.data(), batch_.secret_key.get().data(), stanza) != 0) {
      sodium_memzero(secret.data(), secret.size());
    }
    if (open_stanza_with_shared(secret, public_key_, stanza, e.file_key.data())) {
      e.found = true;
      e.index = e.next;
    }
    ++e.next;
    sodium_memzero(secret.data(), secret.size());
  }
  ask();
}

OpenedBatch SteppedBatch::finish() {
  auto campaign = verify_manifest(batch_.campaign_token);
  if (!campaign) return failed_batch(batch_.envelopes.size(), campaign.error().code);
  if (!key_ok_) return failed_batch(batch_.envelopes.size(), recipient_from_secret(batch_.secret_key.get()).error().code);
  OpenedBatch out;
  out.count = batch_.envelopes.size();
  out.feedback = std::make_unique<Aggregator>(*campaign);
  for (std::size_t i = 0; i < state_.size(); ++i) {
    const Envelope& e = state_[i];
    // Stanzas before the one that opened did not open; the core re-checks everything else.
    const StanzaOpener opener = [&e](std::size_t index, const std::uint8_t*, std::uint8_t* file_key) {
      if (!e.found || index != e.index) return false;
      std::memcpy(file_key, e.file_key.data(), e.file_key.size());
      return true;
    };
    tally(out, open_one(opener, batch_.source, batch_.envelopes[i], *campaign));
  }
  batch_.secret_key.wipe();
  return out;
}

void InlineOpener::open(OpenBatch batch, std::function<void(OpenedBatch)> done) {
  ready_.push_back([batch = std::move(batch), done = std::move(done)]() { done(open_batch(batch)); });
}

void InlineOpener::poll() {
  std::vector<std::function<void()>> now;
  now.swap(ready_);  // batches queued while these run wait for the next poll()
  for (auto& f : now) f();
}

}  // namespace parley::client
