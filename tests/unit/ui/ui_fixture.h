// Test doubles for the UI tests: a Platform whose HTTP answers the test gives by hand, and a
// signed campaign with every question type.
#pragma once

#include <deque>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/keys.h"
#include "core/manifest.h"
#include "core/rng.h"
#include "platform/platform.h"

namespace parley::ui::testing {

class FakePlatform final : public platform::Platform {
 public:
  struct Pending {
    platform::HttpRequest request;
    std::function<void(platform::HttpResponse)> done;
  };

  void http(platform::HttpRequest request, std::function<void(platform::HttpResponse)> done) override {
    sent.push_back(request);
    pending.push_back({std::move(request), std::move(done)});
  }
  // Answers the oldest request still waiting, as the network would.
  void answer(int status, Bytes body = {}) {
    auto p = std::move(pending.front());
    pending.pop_front();
    p.done({status, std::move(body), status ? "" : "connection refused"});
  }
  // Answers every waiting request from `store` (URL -> body; 404 when absent), until none is left.
  void serve(const std::map<std::string, Bytes>& store) {
    while (!pending.empty()) {
      const auto it = store.find(pending.front().request.url);
      if (it == store.end()) answer(404);
      else answer(200, it->second);
    }
  }
  void pick_files(std::string, bool, std::function<void(std::vector<platform::PickedFile>)> done) override {
    pick_done = std::move(done);
  }
  // The person chooses `files` in the picker.
  void pick(std::vector<platform::PickedFile> files) {
    auto done = std::move(pick_done);
    pick_done = nullptr;
    if (done) done(std::move(files));
  }
  std::function<void(std::vector<platform::PickedFile>)> pick_done;
  void set_drop_handler(std::function<void(std::vector<platform::PickedFile>)> handler) override { drop_handler = std::move(handler); }
  std::function<void(std::vector<platform::PickedFile>)> drop_handler;
  void download(std::string filename, Bytes data, std::string) override { downloads.emplace_back(filename, data); }
  void copy_text(std::string text) override { clipboard = text; }
  std::optional<std::string> load_setting(std::string_view key) override {
    const auto it = settings.find(std::string(key));
    return it == settings.end() ? std::nullopt : std::optional<std::string>(it->second);
  }
  void save_setting(std::string_view key, std::string_view value) override { settings[std::string(key)] = value; }
  void remove_setting(std::string_view key) override { settings.erase(std::string(key)); }
  std::int64_t now_unix() override { return now; }

  std::vector<platform::HttpRequest> sent;
  std::deque<Pending> pending;
  std::map<std::string, std::string> settings;
  std::vector<std::pair<std::string, Bytes>> downloads;
  std::string clipboard;
  std::int64_t now = 1793491200;  // the clock tests set by hand; default 2026-11-01T00:00:00Z
};

struct TestCampaign {
  RecipientKeyPair manager, mediator;
  SigningKeyPair signer;
  Campaign campaign;
  std::string link;
};

inline SeededRng seeded(std::uint8_t n) {
  std::uint8_t seed[32] = {n};
  return SeededRng(seed);
}

// A campaign open from 2026-11-01 to 2026-12-31 with one question of every type.
inline TestCampaign make_campaign(const std::string& opens = "2026-11-01", const std::string& closes = "2026-12-31") {
  auto rng = seeded(7);
  TestCampaign t{*generate_recipient_key(rng), *generate_recipient_key(rng), *generate_signing_key(rng), {}, {}};
  Campaign& c = t.campaign;
  c.id = new_campaign_id(rng);
  c.title = "Team trust pulse";
  c.intro = "Five minutes, anonymous.";
  c.questions = {
      {"trust", QuestionType::likert, "I can raise problems in this team.", true, {}},
      {"enps", QuestionType::enps, "How likely are you to recommend this team?", true, {}},
      {"meet", QuestionType::single_choice, "Our meetings are…", false, {"Too many", "About right", "Too few"}},
      {"help", QuestionType::multi_choice, "What would help?", false, {"Fewer meetings", "Clearer goals", "More 1:1s"}},
      {"more", QuestionType::free_text, "Anything else?", false, {}},
      {"block", QuestionType::blockers, "What is standing in your way?", false, {}},
  };
  c.feedback_to = {t.manager.public_key};
  c.mediation_to = {t.mediator.public_key};
  c.signer = t.signer.public_key;
  c.storage.kind = std::string(kStorageHttpPut);
  c.storage.url = "http://127.0.0.1:8000/store/team";
  c.min_group = 5;
  c.opens = opens;
  c.closes = closes;
  t.link = campaign_link("http://127.0.0.1:8000/", *sign_manifest(c, t.signer));
  return t;
}

}  // namespace parley::ui::testing
