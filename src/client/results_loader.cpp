#include "client/results_loader.h"

#include <sodium.h>

#include <algorithm>

namespace parley::client {
namespace {

// More than the browser's 6 connections per host: the extra requests wait in the network stack,
// which hands each to a connection as soon as one is free, instead of waiting for the main
// thread to see a completion between two frames (about one frame per request in headless
// Chromium). With 8 in flight, 3,000 envelopes from serve.py loaded at ~110/s; with 24, ~240/s.
constexpr int kParallelDownloads = 24;
constexpr std::size_t kBatchSize = 512;

}  // namespace

void ResultsLoader::start(const Campaign& campaign, std::string token, const Key32& secret_key,
                          const sigv4::Credentials& read_credentials) {
  cancel();
  secret_ = secret_key;
  token_ = std::move(token);
  out_.loading = true;
  out_.error.clear();
  out_.total = out_.downloaded = out_.opened = 0;
  out_.failures.clear();
  out_.result.reset();
  out_.inbox.clear();
  feedback_ = std::make_unique<Aggregator>(campaign);
  seen_.clear();
  auto reader = make_storage_reader(platform_, campaign.storage, read_credentials);
  if (!reader) {
    out_.error = reader.error().detail;
    finish_if_done();
    return;
  }
  reader_ = std::move(*reader);
  fetch_listing();
}

void ResultsLoader::fetch_listing() {
  listing_pending_ = true;
  const std::uint64_t gen = generation_;
  reader_->list([this, gen](Result<std::vector<std::string>> names) {
    if (gen != generation_) return;
    listing_pending_ = false;
    if (!names) {
      out_.error = names.error().detail;
      finish_if_done();
      return;
    }
    for (auto& name : *names) {
      if (!seen_.insert(name).second) continue;  // listed twice
      ++out_.total;
      to_fetch_.push_back(std::move(name));
    }
    pump();
  });
}

void ResultsLoader::add_envelopes(std::vector<Bytes> envelopes) {
  if (!feedback_) return;
  out_.loading = true;
  for (auto& e : envelopes) {
    if (!seen_.insert(object_name(e)).second) {
      ++out_.failures["duplicate"];
      continue;
    }
    ++out_.total;
    ++out_.downloaded;
    to_open_.push_back(std::move(e));
  }
  pump();
}

void ResultsLoader::cancel() {
  ++generation_;
  reader_.reset();
  listing_pending_ = false;
  to_fetch_.clear();
  to_open_.clear();
  fetching_ = 0;
  opening_ = 0;
  out_.loading = false;
}

void ResultsLoader::forget() {
  if (out_.loading) cancel();
  sodium_memzero(secret_.data(), secret_.size());
}

void ResultsLoader::pump() {
  if (pumping_) {
    pump_again_ = true;
    return;
  }
  pumping_ = true;
  do {
    pump_again_ = false;
    pump_once();
  } while (pump_again_);
  pumping_ = false;
}

void ResultsLoader::pump_once() {
  if (!out_.loading) return;
  const std::uint64_t gen = generation_;
  while (reader_ && fetching_ < kParallelDownloads && !to_fetch_.empty()) {
    const std::string name = to_fetch_.front();
    to_fetch_.pop_front();
    ++fetching_;
    reader_->get(name, [this, gen, name](Result<Bytes> envelope) {
      if (gen != generation_) return;
      --fetching_;
      ++out_.downloaded;
      if (envelope && !is_object_name_of(name, *envelope)) {
        // Stored under a name that is not its hash: one envelope under several names would
        // otherwise count several times. Listed names are unique, so checked names dedupe by content.
        ++out_.failures[to_string(ObjectVerdict::misnamed)];
      } else if (envelope) {
        to_open_.push_back(std::move(*envelope));
      } else {
        ++out_.failures["download-failed"];
        if (out_.error.empty()) out_.error = envelope.error().detail;
      }
      pump();
    });
  }
  const bool all_fetched = !listing_pending_ && to_fetch_.empty() && fetching_ == 0;
  while (opening_ < opener_.parallelism() * 2 && (to_open_.size() >= kBatchSize || (all_fetched && !to_open_.empty()))) {
    send_batch(std::min(kBatchSize, to_open_.size()));
  }
  finish_if_done();
}

void ResultsLoader::send_batch(std::size_t count) {
  OpenBatch batch;
  batch.campaign_token = token_;
  batch.secret_key = secret_;
  batch.envelopes.assign(std::make_move_iterator(to_open_.begin()), std::make_move_iterator(to_open_.begin() + static_cast<std::ptrdiff_t>(count)));
  to_open_.erase(to_open_.begin(), to_open_.begin() + static_cast<std::ptrdiff_t>(count));
  ++opening_;
  const std::uint64_t gen = generation_;
  opener_.open(std::move(batch), [this, gen](OpenedBatch done) {
    if (gen != generation_) return;
    --opening_;
    out_.opened += done.count;
    if (done.feedback) feedback_->merge(*done.feedback);
    for (auto& [reason, n] : done.failures) out_.failures[reason] += n;
    for (auto& request : done.mediation) {
      // The id is a hash of the request itself, never its position: arrival order must not show.
      const auto encoded = encode_submission(request);
      if (!encoded) {
        ++out_.failures[to_string(encoded.error().code)];
        continue;
      }
      InboxItem item;
      item.id = object_name(*encoded).substr(0, 32);
      item.submission = std::move(request);
      out_.inbox.push_back(std::move(item));
    }
    pump();
  });
}

void ResultsLoader::finish_if_done() {
  if (!out_.loading || listing_pending_ || !to_fetch_.empty() || fetching_ > 0 || !to_open_.empty() || opening_ > 0) return;
  out_.loading = false;
  if (feedback_) out_.result = feedback_->result(rng_);
  // The order must not reveal arrival order (listing order does): the most recent day first
  // (the only time a request carries), urgent before normal before low within a day, then by
  // id, a hash of the request, which says nothing.
  const auto rank = [](const std::string& urgency) { return urgency == "urgent" ? 0 : urgency == "normal" ? 1 : 2; };
  std::stable_sort(out_.inbox.begin(), out_.inbox.end(), [&](const InboxItem& a, const InboxItem& b) {
    if (a.submission.day != b.submission.day) return a.submission.day > b.submission.day;
    const int ra = rank(a.submission.request.urgency), rb = rank(b.submission.request.urgency);
    return ra != rb ? ra < rb : a.id < b.id;
  });
}

}  // namespace parley::client
