// What a page holds, minus the drawing: a Controller on a FakePlatform, with a seeded Rng and the
// inline opener, as a GoogleTest fixture that the controller's and the views' tests derive from.
// Tests drive it with actions and tick(), as the views do, answer its requests through `platform`,
// and read its state; give_keys() is the one thing set up otherwise. Needs the UI library: for UI
// tests only.
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <string>
#include <utility>

#include "client/opener.h"
#include "support/fake_platform.h"
#include "support/rng.h"
#include "ui/controller.h"

namespace parley::testing {

class ControllerHarness : public ::testing::Test {
 public:
  // The day the tests live on: inside the sample campaign's window (support/campaigns.h).
  static constexpr const char* kToday = "2026-11-30";
  // After the last day of every campaign these tests make: a direct campaign's results open.
  static constexpr const char* kAfterClose = "2027-01-02";

 protected:
  // Answers `c`'s requests from `store` (URL -> body) and lets it run, on the day it is on, until
  // its results session has loaded everything it asked for.
  static void load_results(ui::Controller& c, FakePlatform& p, const std::map<std::string, Bytes>& store) {
    const std::string today = c.state().today;  // the day the test is on stays
    for (int i = 0; i < 50 && (c.state().session.load.loading || !p.pending.empty()); ++i) {
      p.serve(store);
      c.tick(i, today);
    }
  }
  void load_results(const std::map<std::string, Bytes>& store) { load_results(controller, platform, store); }

  // A key pair in memory as if its key file had been unlocked, without the key file: no action
  // can do that without the passphrase hashing that makes key files slow to guess (and to test).
  static void give_keys(ui::Controller& c, KeySet keys) { c.state_.keys = std::move(keys); }
  void give_keys(KeySet keys) { give_keys(controller, std::move(keys)); }

  // A manager (keys given) builds a direct campaign from `template_name`, with `mediator_key`
  // typed into its field when given, and signs it; the test checks where that lands.
  void sign_from_template(const std::string& template_name = "team-trust-pulse",
                          const std::optional<std::string>& mediator_key = std::nullopt) {
    controller.apply(ui::StartBuilder{});
    controller.apply(ui::SetDirect{true});
    controller.apply(ui::UseTemplate{template_name});
    if (mediator_key) controller.apply(ui::Edit{ui::Field::mediator_key, -1, *mediator_key});
    controller.apply(ui::SignCampaign{});
  }

  FakePlatform platform;
  SeededRng rng = seeded(9);
  client::InlineOpener opener;
  ui::Controller controller{platform, rng, &opener};
};

}  // namespace parley::testing
