#include "client/results_loader.h"

#include <sodium.h>

#include <algorithm>
#include <cstring>

#include "client/texts.h"
#include "core/release.h"
#include "core/trustee.h"

namespace parley::client {
namespace {

// More than the browser's 6 connections per host: the extra requests wait in the network stack,
// which hands each to a connection as soon as one is free, instead of waiting for the main
// thread to see a completion between two frames (about one frame per request in headless
// Chromium). With 8 in flight, 3,000 envelopes from serve.py loaded at ~110/s; with 24, ~240/s.
constexpr int kParallelDownloads = 24;
constexpr std::size_t kBatchSize = 512;

constexpr BatchSource kSources[] = {BatchSource::stored, BatchSource::release_feedback, BatchSource::release_mediation};

bool has_key(const std::vector<Key32>& keys, const Key32& k) { return std::find(keys.begin(), keys.end(), k) != keys.end(); }

bool looks_like_release(const Bytes& b) {
  static constexpr char kMagic[] = "PARLEY-RELEASE";
  return b.size() >= sizeof kMagic - 1 && std::memcmp(b.data(), kMagic, sizeof kMagic - 1) == 0;
}

}  // namespace

void ResultsLoader::start(const Campaign& campaign, std::string token, const Key32& secret_key,
                          const sigv4::Credentials& read_credentials, const std::string& today) {
  cancel();
  campaign_ = campaign;
  secret_ = secret_key;
  token_ = std::move(token);
  out_.loading = true;
  out_.error.clear();
  out_.total = out_.downloaded = out_.opened = 0;
  out_.failures.clear();
  out_.result.reset();
  out_.inbox.clear();
  out_.wait = ResultsWait::none;
  out_.waiting.clear();
  out_.release.reset();
  feedback_.reset();
  release_name_.clear();
  seen_.clear();
  reads_feedback_ = reads_mediation_ = false;
  trustee_.reset();
  if (auto mine = recipient_from_secret(secret_key)) {
    reads_feedback_ = has_key(campaign.feedback_to, mine->public_key);
    reads_mediation_ = has_key(campaign.mediation_to, mine->public_key);
    if (campaign.trustee && reads_mediation_ && campaign.trustee->recipient == mine->public_key) trustee_ = *mine;
  }
  const bool trustee = campaign.trustee.has_value();
  if (trustee_) {
    // Requests now, from the stored outer envelopes; a trustee never reads feedback.
  } else if (trustee) {
    out_.wait = ResultsWait::for_release;
    out_.waiting = text("results.waiting.release", {{"trustee", campaign.trustee->label}, {"closes", campaign.closes}});
  } else if (results_may_open(campaign, today)) {
    feedback_ = std::make_unique<Aggregator>(campaign);
  } else {
    out_.wait = ResultsWait::until_closed;
    out_.waiting = text("results.waiting.close", {{"closes", campaign.closes}});
    // Mediators read requests as they arrive (someone may need help now); feedback waits.
    if (!reads_mediation_) {
      out_.loading = false;
      return;
    }
  }
  auto reader = make_storage_reader(platform_, campaign.storage, read_credentials);
  if (!reader) {
    out_.error = reader.error().detail;
    finish_if_done();
    return;
  }
  reader_ = std::move(*reader);
  if (trustee && !trustee_) fetch_release();
  else fetch_listing();
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

void ResultsLoader::fetch_release() {
  listing_pending_ = true;  // one GET stands for the listing
  const std::uint64_t gen = generation_;
  reader_->get_if_stored(kReleaseObject, [this, gen](Result<std::optional<Bytes>> got) {
    if (gen != generation_) return;
    listing_pending_ = false;
    if (!got) out_.error = got.error().detail;
    else if (*got) take_release(**got);  // absent: still waiting for the trustee
    pump();
    finish_if_done();
  });
}

bool ResultsLoader::take_release(const Bytes& bytes) {
  auto release = read_release(*campaign_, bytes);
  if (!release) {
    out_.error = text("results.release.invalid", {{"class", to_string(release.error().code)}, {"detail", release.error().detail}});
    return false;
  }
  release_name_ = object_name(bytes);
  out_.wait = ResultsWait::none;
  out_.waiting.clear();
  out_.release = ReleaseSummary{release->released, release->invitations, release->feedback.size(), release->mediation.size(),
                                release->refused};
  if (reads_feedback_) {
    feedback_ = std::make_unique<Aggregator>(*campaign_);
    out_.total += release->feedback.size();
    out_.downloaded += release->feedback.size();
    for (auto& e : release->feedback) to_open_[static_cast<std::size_t>(BatchSource::release_feedback)].push_back(std::move(e));
  }
  if (reads_mediation_) {
    out_.total += release->mediation.size();
    out_.downloaded += release->mediation.size();
    for (auto& e : release->mediation) to_open_[static_cast<std::size_t>(BatchSource::release_mediation)].push_back(std::move(e));
  }
  return true;
}

void ResultsLoader::take_outer(const Bytes& envelope) {
  auto outer = open_outer(*trustee_, envelope, *campaign_);
  if (!outer) {
    ++out_.opened;
    ++out_.failures[to_string(outer.error().code)];
    return;
  }
  if (outer->kind != SubmissionKind::mediation) {
    ++out_.opened;
    ++out_.failures[kForRelease];
    return;
  }
  // One request wrapped twice (sent again, or under two codes) is read once.
  if (!seen_.insert("inner:" + object_name(outer->inner)).second) {
    ++out_.opened;
    ++out_.failures[to_string(ObjectVerdict::duplicate)];
    return;
  }
  to_open_[static_cast<std::size_t>(BatchSource::release_mediation)].push_back(std::move(outer->inner));
}

void ResultsLoader::add_envelopes(std::vector<Bytes> envelopes) {
  if (!campaign_) return;
  out_.loading = true;
  const bool trustee = campaign_->trustee.has_value();
  for (auto& e : envelopes) {
    if (trustee) {
      // Only the trustee's release counts: anything else could add answers it never admitted.
      if (!looks_like_release(e)) ++out_.failures[kNotARelease];
      else if (release_name_.empty()) take_release(e);
      else ++out_.failures[object_name(e) == release_name_ ? to_string(ObjectVerdict::duplicate) : kAnotherRelease];
      continue;
    }
    if (!seen_.insert(object_name(e)).second) {
      ++out_.failures[to_string(ObjectVerdict::duplicate)];
      continue;
    }
    ++out_.total;
    ++out_.downloaded;
    to_open_[static_cast<std::size_t>(BatchSource::stored)].push_back(std::move(e));
  }
  pump();
  finish_if_done();
}

void ResultsLoader::cancel() {
  ++generation_;
  reader_.reset();
  listing_pending_ = false;
  to_fetch_.clear();
  for (auto& queue : to_open_) queue.clear();
  fetching_ = 0;
  opening_ = 0;
  out_.loading = false;
}

void ResultsLoader::forget() {
  if (out_.loading) cancel();
  secret_.wipe();
  trustee_.reset();  // the key pair wipes its secret half
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
      } else if (envelope && trustee_) {
        take_outer(*envelope);
      } else if (envelope) {
        to_open_[static_cast<std::size_t>(BatchSource::stored)].push_back(std::move(*envelope));
      } else {
        ++out_.failures[kDownloadFailed];
        if (out_.error.empty()) out_.error = envelope.error().detail;
      }
      pump();
    });
  }
  const bool all_fetched = !listing_pending_ && to_fetch_.empty() && fetching_ == 0;
  for (const BatchSource source : kSources) {
    auto& queue = to_open_[static_cast<std::size_t>(source)];
    while (opening_ < opener_.parallelism() * 2 && (queue.size() >= kBatchSize || (all_fetched && !queue.empty()))) {
      send_batch(source, std::min(kBatchSize, queue.size()));
    }
  }
  finish_if_done();
}

void ResultsLoader::send_batch(BatchSource source, std::size_t count) {
  auto& queue = to_open_[static_cast<std::size_t>(source)];
  OpenBatch batch;
  batch.campaign_token = token_;
  batch.secret_key = secret_;
  batch.source = source;
  batch.envelopes.assign(std::make_move_iterator(queue.begin()), std::make_move_iterator(queue.begin() + static_cast<std::ptrdiff_t>(count)));
  queue.erase(queue.begin(), queue.begin() + static_cast<std::ptrdiff_t>(count));
  ++opening_;
  const std::uint64_t gen = generation_;
  opener_.open(std::move(batch), [this, gen](OpenedBatch done) {
    if (gen != generation_) return;
    --opening_;
    out_.opened += done.count;
    // Withheld feedback (direct mode before the close, opened with a mediator's key that also
    // reads feedback) is dropped here, never tallied.
    if (done.feedback && feedback_) feedback_->merge(*done.feedback);
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
  if (!out_.loading || listing_pending_ || !to_fetch_.empty() || fetching_ > 0 || opening_ > 0) return;
  for (const auto& queue : to_open_) {
    if (!queue.empty()) return;
  }
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
