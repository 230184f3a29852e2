// The outbox: sealed envelopes waiting to reach storage.
//
// An envelope is sealed in the browser first, then kept here (and in browser storage, so a
// reload or a closed tab loses nothing) until a PUT succeeds. Retries back off from 1 s to a
// minute. Delivery is exactly once because storage is write-once and object names are the
// envelope's hash: a retry after an uncertain answer writes the same name with the same bytes,
// which storage accepts as a duplicate. Only sealed bytes are ever kept, never plaintext.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/bytes.h"
#include "platform/platform.h"

namespace parley::ui {

enum class OutboxStatus {
  waiting,  // not yet stored; a retry is scheduled
  sending,  // a PUT is in flight
  stored,   // storage confirmed it
  failed,   // storage refused it for good (the envelope can still be saved as a file)
};

const char* to_string(OutboxStatus status);

struct OutboxItem {
  std::string name;   // object name: hash of the sealed bytes
  std::string url;    // where it is PUT
  Bytes envelope;     // sealed bytes
  std::string kind;   // "feedback" or "mediation": lets the page say what is waiting
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
  void load(platform::Platform& platform);
  // Adds a sealed envelope; it is sent on the next pump().
  void add(platform::Platform& platform, OutboxItem item);
  // Starts the PUTs that are due. Call once per frame with the app's clock.
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

// What an HTTP answer to a PUT means for the person, in plain words; empty for success.
std::string explain_put_failure(const platform::HttpResponse& response);

}  // namespace parley::ui
