#include "client/opener.h"

#include <sodium.h>

#include "core/release.h"

namespace parley::client {

OpenedBatch open_batch(const OpenBatch& batch) {
  OpenedBatch out;
  out.count = batch.envelopes.size();
  auto campaign = verify_manifest(batch.campaign_token);
  if (!campaign) {  // (no zero counts: an empty batch fails nothing)
    if (out.count) out.failures[to_string(campaign.error().code)] = out.count;
    return out;
  }
  auto key = recipient_from_secret(batch.secret_key.get());
  if (!key) {
    if (out.count) out.failures[to_string(key.error().code)] = out.count;
    return out;
  }
  out.feedback = std::make_unique<Aggregator>(*campaign);
  for (const auto& envelope : batch.envelopes) {
    auto s = batch.source == BatchSource::release_feedback    ? open_release_record(*key, envelope, *campaign, SubmissionKind::feedback)
             : batch.source == BatchSource::release_mediation ? open_release_record(*key, envelope, *campaign, SubmissionKind::mediation)
                                                               : open_submission(*key, envelope, *campaign);
    if (!s) ++out.failures[to_string(s.error().code)];
    else if (s->kind == SubmissionKind::feedback) out.feedback->add(*s);
    else out.mediation.push_back(std::move(*s));
  }
  return out;  // the key pair wipes its secret half as it goes
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
