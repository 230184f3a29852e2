#include "client/inbox_notes.h"

#include <nlohmann/json.hpp>

#include "core/local_box.h"

namespace parley::client {
namespace {

RequestStatus status_from(const std::string& s) {
  if (s == "in progress") return RequestStatus::in_progress;
  if (s == "closed") return RequestStatus::closed;
  return RequestStatus::fresh;
}

}  // namespace

const char* to_string(RequestStatus status) {
  switch (status) {
    case RequestStatus::fresh: return "new";
    case RequestStatus::in_progress: return "in progress";
    case RequestStatus::closed: return "closed";
  }
  return "new";
}

// The key is also the sealed box's purpose: notes of one campaign never open as another's.
std::string inbox_notes_key(const std::string& campaign_id) { return "parley.inbox." + campaign_id; }

void load_inbox_notes(platform::Platform& platform, const Key32& secret_key, const std::string& campaign_id,
                      std::vector<InboxItem>& inbox) {
  const std::string key = inbox_notes_key(campaign_id);
  const auto saved = platform.load_setting(key);
  if (!saved) return;
  auto box = base64url_decode(*saved);
  if (!box) return;
  auto plain = open_local(secret_key, key, *box);
  if (!plain) return;  // another key's notes: leave them alone
  const auto j = nlohmann::json::parse(parley::to_string(*plain), nullptr, false);
  if (!j.is_object()) return;
  for (auto& item : inbox) {
    const auto it = j.find(item.id);
    if (it == j.end() || !it->is_object()) continue;
    const auto status = it->find("status");
    const auto note = it->find("note");
    item.status = status_from(status != it->end() && status->is_string() ? status->get<std::string>() : std::string());
    item.note = note != it->end() && note->is_string() ? note->get<std::string>() : std::string();
    item.sent.clear();
    const auto sent = it->find("sent");
    if (sent == it->end() || !sent->is_array()) continue;
    for (const auto& r : *sent) {
      if (!r.is_object() || !r.contains("day") || !r["day"].is_string() || !r.contains("text") || !r["text"].is_string()) continue;
      item.sent.push_back({r["day"].get<std::string>(), r["text"].get<std::string>(), r.value("close", false)});
    }
  }
}

Status save_inbox_notes(platform::Platform& platform, const Key32& secret_key, const std::string& campaign_id,
                        const std::vector<InboxItem>& inbox, Rng& rng) {
  const std::string key = inbox_notes_key(campaign_id);
  nlohmann::json j = nlohmann::json::object();
  for (const auto& item : inbox) {
    nlohmann::json sent = nlohmann::json::array();
    for (const auto& r : item.sent) sent.push_back({{"day", r.day}, {"text", r.text}, {"close", r.close}});
    j[item.id] = {{"status", to_string(item.status)}, {"note", item.note}, {"sent", sent}};
  }
  auto box = seal_local(secret_key, key, to_bytes(j.dump()), rng);
  if (!box) return box.error();
  platform.save_setting(key, base64url_encode(*box));
  return Ok{};
}

}  // namespace parley::client
