#include "ui/results_loader.h"

#include <sodium.h>

#include <algorithm>

#include "core/listing.h"

namespace parley::ui {
namespace {

constexpr int kParallelDownloads = 8;
constexpr std::size_t kBatchSize = 512;

std::string listing_problem(const platform::HttpResponse& r) {
  if (r.status == 0) return "The storage cannot be reached: you may be offline, or it does not allow this page (CORS).";
  if (r.status == 401 || r.status == 403) return "The storage refused to list the envelopes (HTTP " + std::to_string(r.status) + ").";
  if (r.status == 404) return "The storage has no envelopes for this campaign yet (HTTP 404).";
  return "The storage could not list the envelopes (HTTP " + std::to_string(r.status) + ").";
}

}  // namespace

void ResultsLoader::start(ResultsSession& session, const Key32& secret_key) {
  cancel(session);
  secret_ = secret_key;
  session.loading = true;
  session.total = session.downloaded = session.opened = 0;
  session.failures.clear();
  session.result.reset();
  session.inbox.clear();
  session.selected = -1;
  feedback_ = std::make_unique<Aggregator>(*session.campaign);
  seen_.clear();
  fetch_listing(session);
}

void ResultsLoader::fetch_listing(ResultsSession& session) {
  listing_pending_ = true;
  const std::uint64_t gen = generation_;
  platform::HttpRequest request{"GET", storage_prefix(session.campaign->storage.url), {{"Accept", "application/json"}}, {}};
  platform_.http(std::move(request), [this, gen, &session](platform::HttpResponse r) {
    if (gen != generation_) return;
    listing_pending_ = false;
    if (r.status != 200) {
      // An empty store answers 404 on serve.py: that is "no envelopes yet", not an error.
      if (r.status != 404) session.error = listing_problem(r);
      finish_if_done(session);
      return;
    }
    auto names = listing_names(std::string_view(reinterpret_cast<const char*>(r.body.data()), r.body.size()));
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
  listing_pending_ = false;
  to_fetch_.clear();
  to_open_.clear();
  fetching_ = 0;
  opening_ = 0;
  session.loading = false;
}

void ResultsLoader::pump(ResultsSession& session) {
  if (!session.loading) return;
  const std::uint64_t gen = generation_;
  const std::string base = storage_prefix(session.campaign->storage.url);
  while (fetching_ < kParallelDownloads && !to_fetch_.empty()) {
    const std::string name = to_fetch_.front();
    to_fetch_.pop_front();
    ++fetching_;
    platform_.http({"GET", base + name, {}, {}}, [this, gen, &session](platform::HttpResponse r) {
      if (gen != generation_) return;
      --fetching_;
      ++session.downloaded;
      if (r.status == 200) to_open_.push_back(std::move(r.body));
      else ++session.failures["download-failed"];
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
      const auto encoded = encode_submission(request);
      InboxItem item;
      item.id = encoded ? object_name(*encoded).substr(0, 32) : std::to_string(session.inbox.size());
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
