#include "client/outbox.h"

#include <algorithm>
#include <cctype>
#include <cmath>

#include <nlohmann/json.hpp>

#include "client/storage_answer.h"
#include "client/texts.h"
#include "core/s3/post_form.h"
#include "core/s3/xml.h"

namespace parley::client {
namespace {

constexpr const char* kSettingKey = "parley.outbox";
constexpr double kMaxDelayMs = 60'000;

bool is_success(int status) { return status >= 200 && status < 300; }
// PUT answers that will not change by retrying the same bytes.
bool is_final_put_refusal(int status) { return status == 400 || status == 409 || status == 411 || status == 413 || status == 415; }

double backoff_ms(int attempts) { return std::min(kMaxDelayMs, 1000.0 * std::pow(2.0, std::max(0, attempts - 1))); }

bool contains_word(std::string text, std::string_view word) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text.find(word) != std::string::npos;
}

// The storage's S3 error; the code is shown to help the organiser, so only a plain word from the
// (untrusted) body is kept. The message is only searched, never shown.
s3::ErrorInfo storage_error(const platform::HttpResponse& r) {
  const std::string body = parley::to_string(r.body);
  return {s3_error_code(body), s3::parse_error(body).message};
}

UploadOutcome judge_put(const platform::HttpResponse& r) {
  const std::string status = std::to_string(r.status);
  const OutboxStatus again = OutboxStatus::waiting;
  if (r.status == 401 || r.status == 403) return {again, text("outbox.put.refused", {{"status", status}})};
  if (r.status == 409) return {OutboxStatus::failed, text("outbox.put.name_taken", {{"status", status}})};
  if (r.status == 413) return {OutboxStatus::failed, text("outbox.put.too_large", {{"status", status}})};
  if (r.status == 404) return {again, text("outbox.put.no_place", {{"status", status}})};
  if (r.status >= 500) return {again, text("outbox.storage_problem", {{"status", status}})};
  return {is_final_put_refusal(r.status) ? OutboxStatus::failed : again, text("outbox.not_accepted", {{"status", status}})};
}

// S3 refuses a POST policy upload with 400 (size outside the policy's range) or 403 (expired
// policy, a key outside its prefix, a bad signature or unknown key): the same form gets the
// same answer, so these are final. The policy belongs to the campaign, so only its organiser
// can fix them.
UploadOutcome judge_post(const platform::HttpResponse& r) {
  const s3::ErrorInfo error = storage_error(r);
  const std::string& s3 = error.code;
  // The HTTP status and S3's error code, as shown after "HTTP": "403 AccessDenied".
  const std::string status = std::to_string(r.status) + (s3.empty() ? "" : " " + s3);
  const OutboxStatus refused = OutboxStatus::failed;
  if (r.status == 400 && s3 == "EntityTooLarge") return {refused, text("outbox.post.too_large", {{"status", status}})};
  if (r.status == 400 && s3 == "EntityTooSmall") return {refused, text("outbox.post.too_small", {{"status", status}})};
  if (r.status == 403 && s3 == "AccessDenied" && contains_word(error.message, "expired")) {
    return {refused, text("outbox.post.expired", {{"status", status}})};
  }
  if (r.status == 403 && (s3 == "SignatureDoesNotMatch" || s3 == "InvalidAccessKeyId")) {
    return {refused, text("outbox.post.permission_refused", {{"status", status}})};
  }
  if (r.status == 403) return {refused, text("outbox.post.outside_permission", {{"status", status}})};
  if (r.status == 400) return {refused, text("outbox.not_accepted", {{"status", status}})};
  if (r.status >= 500) return {OutboxStatus::waiting, text("outbox.storage_problem", {{"status", status}})};
  return {OutboxStatus::waiting, text("outbox.not_accepted", {{"status", status}})};
}

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

UploadOutcome judge_upload(std::string_view storage_kind, const platform::HttpResponse& r) {
  if (is_success(r.status)) return {OutboxStatus::stored, {}};
  // In a browser a storage that does not answer CORS for this page's origin looks exactly like
  // no network at all (status 0), so the reason names both.
  if (r.status == 0) {
    return {OutboxStatus::waiting, text("outbox.unreachable")};
  }
  return storage_kind == kStorageS3 ? judge_post(r) : judge_put(r);
}

Status choose_form_boundary(OutboxItem& item, Rng& rng) {
  if (item.storage.kind != kStorageS3) return Ok{};
  // 128 random bits never collide with real content; a few draws cover the impossible case, and
  // an error every draw repeats (a missing policy field) is the answer.
  Status last = Ok{};
  for (int i = 0; i < 4; ++i) {
    Bytes random(16);
    rng.fill(random.data(), random.size());
    const std::string boundary = "parley-" + hex_encode(random);
    auto form = s3::build_post_form(item.storage, item.name, item.envelope, boundary);
    if (form) {
      item.boundary = boundary;
      return Ok{};
    }
    last = form.error();
  }
  return last;
}

Result<platform::HttpRequest> upload_request(const OutboxItem& item) {
  if (item.storage.kind != kStorageS3) {
    return platform::HttpRequest{"PUT", item.url, {{"Content-Type", "application/octet-stream"}}, item.envelope};
  }
  auto form = s3::build_post_form(item.storage, item.name, item.envelope, item.boundary);
  if (!form) return form.error();
  return platform::HttpRequest{"POST", s3_bucket_url(item.storage), {{"Content-Type", form->content_type}}, std::move(form->body)};
}

Outbox::Outbox() : alive_(std::make_shared<bool>(true)) {}

void Outbox::load(platform::Platform& platform) {
  const auto saved = platform.load_setting(kSettingKey);
  if (!saved) return;
  const auto j = nlohmann::json::parse(*saved, nullptr, false);
  if (!j.is_array()) return;
  for (const auto& e : j) {
    if (!e.is_object() || !e.contains("name") || !e.contains("url") || !e.contains("envelope")) continue;
    if (!e["name"].is_string() || !e["url"].is_string() || !e["envelope"].is_string()) continue;
    auto envelope = base64url_decode(e["envelope"].get<std::string>());
    if (!envelope || find(e["name"].get<std::string>())) continue;
    OutboxItem item;
    item.name = e["name"].get<std::string>();
    item.url = e["url"].get<std::string>();
    item.envelope = std::move(*envelope);
    if (e.contains("storage")) {  // s3; entries without it are http-put PUTs
      auto storage = storage_from_json(e["storage"]);
      if (!storage || !validate_storage(*storage) || !e.contains("boundary") || !e["boundary"].is_string()) continue;
      item.storage = std::move(*storage);
      item.boundary = e["boundary"].get<std::string>();
    }
    items_.push_back(std::move(item));
  }
}

void Outbox::save(platform::Platform& platform) const {
  nlohmann::json j = nlohmann::json::array();
  for (const auto& item : items_) {
    if (item.status == OutboxStatus::stored) continue;
    nlohmann::json e = {{"name", item.name}, {"url", item.url}, {"envelope", base64url_encode(item.envelope)}};
    if (item.storage.kind == kStorageS3) {
      e["storage"] = storage_to_json(item.storage);
      e["boundary"] = item.boundary;
    }
    j.push_back(std::move(e));
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
    auto request = upload_request(item);
    if (!request) {
      item.status = OutboxStatus::failed;
      item.reason = text("outbox.not_prepared", {{"detail", request.error().detail}});
      continue;
    }
    item.status = OutboxStatus::sending;
    ++item.attempts;
    std::weak_ptr<bool> alive = alive_;
    platform.http(std::move(*request), [this, alive, &platform, name = item.name](platform::HttpResponse response) {
      if (alive.lock()) on_answer(platform, name, response);
    });
  }
}

void Outbox::on_answer(platform::Platform& platform, const std::string& name, const platform::HttpResponse& response) {
  const auto it = std::find_if(items_.begin(), items_.end(), [&](const OutboxItem& i) { return i.name == name; });
  if (it == items_.end()) return;
  UploadOutcome outcome = judge_upload(it->storage.kind, response);
  it->status = outcome.status;
  it->reason = std::move(outcome.reason);
  if (it->status != OutboxStatus::stored) it->next_try_ms = now_ms_ + backoff_ms(it->attempts);
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

}  // namespace parley::client
