#include "ui/outbox.h"

#include <algorithm>
#include <cmath>

#include <nlohmann/json.hpp>

namespace parley::ui {
namespace {

constexpr const char* kSettingKey = "parley.outbox";
constexpr double kMaxDelayMs = 60'000;

bool is_success(int status) { return status >= 200 && status < 300; }
// Answers that will not change by retrying the same bytes.
bool is_final_refusal(int status) { return status == 400 || status == 409 || status == 411 || status == 413 || status == 415; }

double backoff_ms(int attempts) { return std::min(kMaxDelayMs, 1000.0 * std::pow(2.0, std::max(0, attempts - 1))); }

}  // namespace

const char* to_string(OutboxStatus status) {
  switch (status) {
    case OutboxStatus::waiting: return "waiting";
    case OutboxStatus::sending: return "sending";
    case OutboxStatus::stored: return "stored";
    case OutboxStatus::failed: return "failed";
  }
  return "unknown";
}

std::string explain_put_failure(const platform::HttpResponse& r) {
  if (is_success(r.status)) return {};
  const std::string code = " (HTTP " + std::to_string(r.status) + ")";
  if (r.status == 0) {
    return "The storage cannot be reached. You may be offline, or the storage does not accept uploads from this page.";
  }
  if (r.status == 401 || r.status == 403) return "The storage refused the upload" + code + ": it may not allow this campaign yet.";
  if (r.status == 409) return "The storage already holds a different envelope under this name" + code + ".";
  if (r.status == 413) return "The storage says the envelope is too large" + code + ".";
  if (r.status == 404) return "The storage has no place for this campaign" + code + ": its address may be wrong.";
  if (r.status >= 500) return "The storage had a problem" + code + ".";
  return "The storage did not accept the upload" + code + ".";
}

Outbox::Outbox() : alive_(std::make_shared<bool>(true)) {}

void Outbox::load(platform::Platform& platform) {
  const auto saved = platform.load_setting(kSettingKey);
  if (!saved) return;
  const auto j = nlohmann::json::parse(*saved, nullptr, false);
  if (!j.is_array()) return;
  for (const auto& e : j) {
    if (!e.is_object() || !e.contains("name") || !e.contains("url") || !e.contains("envelope") || !e.contains("kind")) continue;
    if (!e["name"].is_string() || !e["url"].is_string() || !e["envelope"].is_string() || !e["kind"].is_string()) continue;
    auto envelope = base64url_decode(e["envelope"].get<std::string>());
    if (!envelope || find(e["name"].get<std::string>())) continue;
    OutboxItem item;
    item.name = e["name"].get<std::string>();
    item.url = e["url"].get<std::string>();
    item.envelope = std::move(*envelope);
    item.kind = e["kind"].get<std::string>();
    items_.push_back(std::move(item));
  }
}

void Outbox::save(platform::Platform& platform) const {
  nlohmann::json j = nlohmann::json::array();
  for (const auto& item : items_) {
    if (item.status == OutboxStatus::stored) continue;
    j.push_back({{"name", item.name}, {"url", item.url}, {"envelope", base64url_encode(item.envelope)}, {"kind", item.kind}});
  }
  if (j.empty()) platform.remove_setting(kSettingKey);
  else platform.save_setting(kSettingKey, j.dump());
}

void Outbox::add(platform::Platform& platform, OutboxItem item) {
  if (const OutboxItem* existing = find(item.name)) {
    if (existing->status != OutboxStatus::failed) return;  // already on its way (same bytes)
    retry_now(item.name);
    return;
  }
  item.status = OutboxStatus::waiting;
  item.next_try_ms = 0;
  items_.push_back(std::move(item));
  save(platform);
}

void Outbox::pump(platform::Platform& platform, double now_ms) {
  now_ms_ = now_ms;
  for (auto& item : items_) {
    if (item.status != OutboxStatus::waiting || item.next_try_ms > now_ms) continue;
    item.status = OutboxStatus::sending;
    ++item.attempts;
    platform::HttpRequest request{"PUT", item.url, {{"Content-Type", "application/octet-stream"}}, item.envelope};
    std::weak_ptr<bool> alive = alive_;
    platform.http(std::move(request), [this, alive, &platform, name = item.name](platform::HttpResponse response) {
      if (alive.lock()) on_answer(platform, name, response);
    });
  }
}

void Outbox::on_answer(platform::Platform& platform, const std::string& name, const platform::HttpResponse& response) {
  const auto it = std::find_if(items_.begin(), items_.end(), [&](const OutboxItem& i) { return i.name == name; });
  if (it == items_.end()) return;
  if (is_success(response.status)) {
    it->status = OutboxStatus::stored;
    it->reason.clear();
  } else {
    it->reason = explain_put_failure(response);
    it->status = is_final_refusal(response.status) ? OutboxStatus::failed : OutboxStatus::waiting;
    it->next_try_ms = now_ms_ + backoff_ms(it->attempts);
  }
  save(platform);
}

void Outbox::retry_now(const std::string& name) {
  for (auto& item : items_) {
    if (item.name == name && (item.status == OutboxStatus::waiting || item.status == OutboxStatus::failed)) {
      item.status = OutboxStatus::waiting;
      item.next_try_ms = 0;
    }
  }
}

const OutboxItem* Outbox::find(const std::string& name) const {
  const auto it = std::find_if(items_.begin(), items_.end(), [&](const OutboxItem& i) { return i.name == name; });
  return it == items_.end() ? nullptr : &*it;
}

std::size_t Outbox::undelivered() const {
  return static_cast<std::size_t>(
      std::count_if(items_.begin(), items_.end(), [](const OutboxItem& i) { return i.status != OutboxStatus::stored; }));
}

}  // namespace parley::ui
