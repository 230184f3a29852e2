// The outbox: sealed envelopes waiting to reach storage.
//
// An envelope is sealed in the browser first, then kept here (and in browser storage, so a
// reload or a closed tab loses nothing) until an upload succeeds: a PUT (http-put storage) or a
// form POST with the campaign's POST policy (s3). Retries back off from 1 s to a minute; final
// refusals keep the envelope, so it can still be saved as a file. Delivery is exactly once
// because object names are the envelope's hash: a retry after an uncertain answer writes the
// same name with the same bytes, which storage accepts as a duplicate (or, on S3, as the same
// object again). Only sealed bytes are ever kept, never plaintext.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/bytes.h"
#include "core/rng.h"
#include "core/storage.h"
#include "platform/platform.h"

namespace parley::client {

enum class OutboxStatus {
  waiting,  // not yet stored; a retry is scheduled
  sending,  // an upload is in flight
  stored,   // storage confirmed it
  failed,   // storage refused it for good (the envelope can still be saved as a file)
};

const char* to_string(OutboxStatus status);

struct OutboxItem {
  std::string name;   // object name: hash of the sealed bytes
  std::string url;    // the object's address (the receipt); http-put uploads PUT here
  Storage storage;    // the campaign's storage; s3 uploads POST a form to s3_bucket_url(storage)
  std::string boundary;  // s3: the form boundary, drawn once from the Rng (choose_form_boundary)
  Bytes envelope;     // sealed bytes
  // "feedback" or "mediation", for this page's own status line only. Never saved: the device's
  // storage would tell whoever looks at it that a mediation request is waiting to be sent.
  // Empty for an envelope restored after a reload.
  std::string kind;
  OutboxStatus status = OutboxStatus::waiting;
  int attempts = 0;
  double next_try_ms = 0;
  std::string reason;  // the last failure in plain words
};

class Outbox {
 public:
  Outbox();
  Outbox(const Outbox&) = delete;  // completions point at this object
  Outbox& operator=(const Outbox&) = delete;

  // Restores envelopes an earlier page could not deliver. Unreadable entries are dropped.
  // An entry holds the sealed bytes and where they go, nothing else (not even their kind).
  void load(platform::Platform& platform);
  // Adds a sealed envelope; it is sent on the next pump().
  void add(platform::Platform& platform, OutboxItem item);
  // Starts the uploads that are due. Call once per frame with the app's clock.
  void pump(platform::Platform& platform, double now_ms);
  // Makes a waiting or failed envelope due now.
  void retry_now(const std::string& name);

  const std::vector<OutboxItem>& items() const { return items_; }
  const OutboxItem* find(const std::string& name) const;
  std::size_t undelivered() const;

 private:
  void on_answer(platform::Platform& platform, const std::string& name, const platform::HttpResponse& response);
  void save(platform::Platform& platform) const;

  std::vector<OutboxItem> items_;
  double now_ms_ = 0;
  // Completions that arrive after the Outbox is gone (page teardown, tests) are ignored.
  std::shared_ptr<bool> alive_;
};

// What the storage's answer to an upload means: stored (any 2xx, also for an object it already
// held), waiting (worth retrying: no answer, 5xx, ...) or failed (a refusal that retrying the
// same bytes cannot change), with the reason in plain words for the person.
struct UploadOutcome {
  OutboxStatus status;
  std::string reason;  // empty when stored
};
UploadOutcome judge_upload(std::string_view storage_kind, const platform::HttpResponse& response);

// s3: gives `item` a form boundary that does not occur in its form; nothing for http-put.
// bad_input when the form cannot be built at all (then no boundary helps).
Status choose_form_boundary(OutboxItem& item, Rng& rng);

// The request that uploads `item` once: a PUT of the envelope to item.url (http-put), or the
// multipart form with the campaign's POST policy to the bucket (s3; item.boundary from
// choose_form_boundary). bad_input when the form cannot be built. The Outbox sends exactly this,
// with retries and persistence around it; a caller that needs neither (the CLI's `parley seal
// --put`) sends it through the platform and judges the answer with judge_upload().
Result<platform::HttpRequest> upload_request(const OutboxItem& item);

}  // namespace parley::client
