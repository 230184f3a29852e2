#include "ui/results_loader.h"

#include <sodium.h>

#include <algorithm>

namespace parley::ui {
namespace {

// More than the browser's 6 connections per host: the extra requests wait in the network stack,
// which hands each to a connection as soon as one is free, instead of waiting for the main
// thread to see a completion between two frames (about one frame per request in headless
// Chromium). With 8 in flight, 3,000 envelopes from serve.py loaded at ~110/s; with 24, ~240/s.
constexpr int kParallelDownloads = 24;
constexpr std::size_t kBatchSize = 512;

}  // namespace

void ResultsLoader::start(ResultsSession& session, const Key32& secret_key, const sigv4::Credentials& read_credentials) {
  cancel(session);
  secret_ = secret_key;
  session.loading = true;
  session.error.clear();
  session.total = session.downloaded = session.opened = 0;
  session.failures.clear();
  session.result.reset();
  session.inbox.clear();
  session.selected = -1;
  feedback_ = std::make_unique<Aggregator>(*session.campaign);
  seen_.clear();
  auto reader = make_storage_reader(platform_, session.campaign->storage, read_credentials);
  if (!reader) {
    session.error = reader.error().detail;
    finish_if_done(session);
    return;
  }
  reader_ = std::move(*reader);
  fetch_listing(session);
}

void ResultsLoader::fetch_listing(ResultsSession& session) {
  listing_pending_ = true;
  const std::uint64_t gen = generation_;
  reader_->list([this, gen, &session](Result<std::vector<std::string>> names) {
    if (gen != generation_) return;
    listing_pending_ = false;
    if (!names) {
      session.error = names.error().detail;
      finish_if_done(session);
      return;
    }
    for (auto& name : *names) {
      if (!seen_.insert(name).second) continue;  // listed twice
      ++session.total;
      to_fetch_.push_back(std::move(name));
    }
    pump(session);
  });
}

void ResultsLoader::add_envelopes(ResultsSession& session, std::vector<Bytes> envelopes) {
  if (!feedback_) return;
  session.loading = true;
  for (auto& e : envelopes) {
    if (!seen_.insert(object_name(e)).second) {
      ++session.failures["duplicate"];
      continue;
    }
    ++session.total;
    ++session.downloaded;
    to_open_.push_back(std::move(e));
  }
  pump(session);
}

void ResultsLoader::cancel(ResultsSession& session) {
  ++generation_;
  reader_.reset();
  listing_pending_ = false;
  to_fetch_.clear();
  to_open_.clear();
  fetching_ = 0;
  opening_ = 0;
  session.loading = false;
}

void ResultsLoader::forget(ResultsSession& session) {
  if (session.loading) cancel(session);
  sodium_memzero(secret_.data(), secret_.size());
}

void ResultsLoader::pump(ResultsSession& session) {
  if (pumping_) {
    pump_again_ = true;
    return;
  }
  pumping_ = true;
  do {
    pump_again_ = false;
    pump_once(session);
  } while (pump_again_);
  pumping_ = false;
}

void ResultsLoader::pump_once(ResultsSession& session) {
  if (!session.loading) return;
  const std::uint64_t gen = generation_;
  while (reader_ && fetching_ < kParallelDownloads && !to_fetch_.empty()) {
    const std::string name = to_fetch_.front();
    to_fetch_.pop_front();
    ++fetching_;
    reader_->get(name, [this, gen, &session](Result<Bytes> envelope) {
      if (gen != generation_) return;
      --fetching_;
      ++session.downloaded;
      if (envelope) {
        to_open_.push_back(std::move(*envelope));
      } else {
        ++session.failures["download-failed"];
        if (session.error.empty()) session.error = envelope.error().detail;
      }
      pump(session);
    });
  }
  const bool all_fetched = !listing_pending_ && to_fetch_.empty() && fetching_ == 0;
  while (opening_ < opener_.parallelism() * 2 && (to_open_.size() >= kBatchSize || (all_fetched && !to_open_.empty()))) {
    send_batch(session, std::min(kBatchSize, to_open_.size()));
  }
  finish_if_done(session);
}

void ResultsLoader::send_batch(ResultsSession& session, std::size_t count) {
  OpenBatch batch;
  batch.campaign_token = session.token;
  batch.secret_key = secret_;
  batch.envelopes.assign(std::make_move_iterator(to_open_.begin()), std::make_move_iterator(to_open_.begin() + static_cast<std::ptrdiff_t>(count)));
  to_open_.erase(to_open_.begin(), to_open_.begin() + static_cast<std::ptrdiff_t>(count));
  ++opening_;
  const std::uint64_t gen = generation_;
  opener_.open(std::move(batch), [this, gen, &session](OpenedBatch done) {
    if (gen != generation_) return;
    --opening_;
    session.opened += done.count;
    if (done.feedback) feedback_->merge(*done.feedback);
    for (auto& [reason, n] : done.failures) session.failures[reason] += n;
    for (auto& request : done.mediation) {
      // The id is a hash of the request itself, never its position: arrival order must not show.
      const auto encoded = encode_submission(request);
      if (!encoded) {
        ++session.failures[to_string(encoded.error().code)];
        continue;
      }
      InboxItem item;
      item.id = object_name(*encoded).substr(0, 32);
      item.submission = std::move(request);
      session.inbox.push_back(std::move(item));
    }
    pump(session);
  });
}

void ResultsLoader::finish_if_done(ResultsSession& session) {
  if (!session.loading || listing_pending_ || !to_fetch_.empty() || fetching_ > 0 || !to_open_.empty() || opening_ > 0) return;
  session.loading = false;
  if (feedback_) session.result = feedback_->result(rng_);
  // Newest first would reveal arrival order; sort by day (all the request carries) and urgency.
  std::stable_sort(session.inbox.begin(), session.inbox.end(), [](const InboxItem& a, const InboxItem& b) {
    return a.submission.day != b.submission.day ? a.submission.day > b.submission.day : a.id < b.id;
  });
}

}  // namespace parley::ui
