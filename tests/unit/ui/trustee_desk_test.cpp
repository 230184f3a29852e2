// The trustee's desk as its screen drives it: the trustee's key file opens the desk (not
// results); invitations are made, their signed count published beside the envelopes and handed
// out as a CSV and a printable sheet; a published count may grow but never shrink; the release
// waits for the close, then stores one release that the manager's results screen reads; leaving
// the desk forgets the codes and the keys.
#include <gtest/gtest.h>

#include <string>

#include "core/invitations.h"
#include "core/release.h"
#include "support/controller_harness.h"
#include "support/trustee_store.h"

namespace parley::ui {
namespace {

using testing::TrusteeStore;

bool ends_with(const std::string& s, const std::string& end) {
  return s.size() >= end.size() && s.compare(s.size() - end.size(), end.size(), end) == 0;
}

class TrusteeDeskTest : public testing::ControllerHarness {
 protected:
  void SetUp() override { controller.start(store.t.link, kToday); }

  // Opens the desk with the trustee's keys, as the unlock screen does after its key file.
  void open_desk() {
    give_keys(store.t.trustee_keys());
    controller.apply(StartUnlock{});
    controller.apply(Edit{Field::results_link, -1, store.t.link});
    controller.apply(OpenResults{});
    ASSERT_EQ(controller.state().screen, Screen::trustee) << controller.state().session.error;
  }
  // Answers what is pending from the store; PUTs are stored (409 when the name is taken for a
  // release, as nginx answers), then lets the controller run on `day`.
  void run(const std::string& day) {
    for (int i = 0; i < 60; ++i) {
      while (!platform.pending.empty()) {
        const platform::HttpRequest r = platform.pending.front().request;
        if (r.method == "PUT") {
          const bool taken = store.objects.count(r.url) && ends_with(r.url, kReleaseObject);
          if (!taken) store.objects[r.url] = r.body;
          platform.answer(taken ? 409 : 201);
        } else {
          const auto it = store.objects.find(r.url);
          if (it == store.objects.end()) platform.answer(404);
          else platform.answer(200, it->second, ends_with(r.url, "/") ? "application/json" : "application/octet-stream");
        }
      }
      controller.tick(i, day);
    }
  }
  const TrusteeDesk& desk() const { return controller.state().desk; }
  std::string statement_url() const { return store.prefix + kInvitationsObject; }

  TrusteeStore store;
};

TEST_F(TrusteeDeskTest, MakesPublishesAndHandsOutInvitations) {
  open_desk();
  run(kToday);
  EXPECT_FALSE(desk().published.has_value());
  controller.apply(Edit{Field::invitation_count, -1, "0"});
  controller.apply(MakeInvitations{});
  EXPECT_EQ(desk().error, "Type a number of invitations between 1 and 100000.");
  controller.apply(Edit{Field::invitation_count, -1, " 8 "});
  controller.apply(MakeInvitations{});
  ASSERT_EQ(desk().invitations.size(), 8u) << desk().error;
  run(kToday);
  ASSERT_EQ(desk().published, 8u) << desk().error;
  auto statement = verify_invitations(store.t.campaign, parley::to_string(store.objects.at(statement_url())));
  ASSERT_TRUE(statement.ok());
  EXPECT_EQ(statement->count, 8u);

  controller.apply(DownloadInvitations{InvitationFile::csv});
  controller.apply(DownloadInvitations{InvitationFile::sheet});
  ASSERT_EQ(platform.downloads.size(), 2u);
  const std::string csv = parley::to_string(platform.downloads[0].second);
  const std::string sheet = parley::to_string(platform.downloads[1].second);
  EXPECT_TRUE(ends_with(platform.downloads[0].first, ".csv"));
  EXPECT_TRUE(ends_with(platform.downloads[1].first, ".html"));
  const auto codes = store.codes(8);
  for (const auto& code : codes) {
    EXPECT_NE(csv.find("&i=" + code), std::string::npos);
    EXPECT_NE(sheet.find("&amp;i=" + code), std::string::npos);  // escaped in the page
  }
  EXPECT_EQ(sheet.find("<script"), std::string::npos);
  // The snapshot, readable by page scripts, counts the codes and never shows one.
  const std::string snapshot = controller.snapshot().dump();
  for (const auto& code : codes) EXPECT_EQ(snapshot.find(code), std::string::npos);

  // Fewer than published would void links already sent; more are published again.
  controller.apply(Edit{Field::invitation_count, -1, "5"});
  controller.apply(MakeInvitations{});
  EXPECT_NE(desk().error.find("8 invitations are already published"), std::string::npos) << desk().error;
  controller.apply(Edit{Field::invitation_count, -1, "10"});
  controller.apply(MakeInvitations{});
  run(kToday);
  EXPECT_EQ(desk().published, 10u) << desk().error;

  // Coming back reads the published count; leaving forgets the codes and the keys.
  controller.apply(GoBack{});
  controller.apply(GoBack{});
  EXPECT_EQ(controller.state().screen, Screen::welcome);
  EXPECT_TRUE(desk().invitations.empty());
  EXPECT_FALSE(controller.state().keys.has_value());
  open_desk();
  run(kToday);
  EXPECT_EQ(desk().published, 10u);
  EXPECT_EQ(desk().count, "10");
}

TEST_F(TrusteeDeskTest, ReleasesOnlyAfterTheCloseAndTheManagerReadsIt) {
  store.publish_statement(4);
  const auto codes = store.codes(4);
  for (int i = 0; i < 3; ++i) store.put(store.answer(codes[static_cast<std::size_t>(i)], 4, rng));
  store.put(store.answer("a" + std::string(25, 'a'), 1, rng));  // a forged code
  open_desk();
  run(kToday);
  EXPECT_EQ(desk().published, 4u);
  controller.apply(ReleaseResults{});  // on the last day but one: nothing is read
  EXPECT_EQ(desk().release.outcome, client::ReleaseOutcome::too_early);
  EXPECT_TRUE(platform.pending.empty());

  run(kAfterClose);
  controller.apply(ReleaseResults{});
  run(kAfterClose);
  ASSERT_EQ(desk().release.outcome, client::ReleaseOutcome::released) << desk().release.error;
  EXPECT_EQ(desk().release.feedback, 3u);
  EXPECT_EQ(desk().release.refused.at(refusal::kUnknownInvitation), 1u);
  EXPECT_TRUE(store.objects.count(store.prefix + kReleaseObject));
  controller.apply(SaveRelease{});
  EXPECT_EQ(platform.downloads.back().second, store.objects.at(store.prefix + kReleaseObject));

  // A second release finds the first.
  controller.apply(ReleaseResults{});
  run(kAfterClose);
  EXPECT_EQ(desk().release.outcome, client::ReleaseOutcome::already_released);

  // The manager, with the campaign's reader key, reads the three released answers.
  testing::FakePlatform mp;
  SeededRng mrng = testing::seeded(3);
  client::InlineOpener mopener;
  Controller manager{mp, mrng, &mopener};
  manager.start(store.t.link, kAfterClose);
  give_keys(manager, KeySet{KeyRole::manager, "", store.t.manager, store.t.signer});
  manager.apply(StartUnlock{});
  manager.apply(Edit{Field::results_link, -1, store.t.link});
  manager.apply(OpenResults{});
  ASSERT_EQ(manager.state().screen, Screen::results) << manager.state().session.error;
  load_results(manager, mp, store.objects);
  ASSERT_TRUE(manager.state().session.load.result.has_value()) << manager.state().session.load.error;
  EXPECT_EQ(manager.state().session.load.result->responses, 3u);
  ASSERT_TRUE(manager.state().session.load.release.has_value());
  EXPECT_EQ(manager.state().session.load.release->invitations, 4u);
}

TEST_F(TrusteeDeskTest, ATrusteeThatMediatesOpensTheRequestsFromItsDesk) {
  store.t = testing::trustee_campaign("2026-11-01", "2026-12-31", 51, true);
  const auto codes = store.codes(2);
  store.put(store.answer(codes[0], 4, rng));
  store.put(store.request(codes[1], rng, "We need a neutral ear."));
  open_desk();
  run(kToday);
  controller.apply(OpenTrusteeInbox{});
  ASSERT_EQ(controller.state().screen, Screen::inbox);
  load_results(store.objects);
  const auto& load = controller.state().session.load;
  ASSERT_EQ(load.inbox.size(), 1u) << load.error;
  EXPECT_EQ(load.inbox[0].submission.request.what, "We need a neutral ear.");
  EXPECT_FALSE(load.result.has_value());
  controller.apply(GoBack{});
  EXPECT_EQ(controller.state().screen, Screen::trustee);
  EXPECT_TRUE(controller.state().keys.has_value());
}

TEST_F(TrusteeDeskTest, ATrusteeThatDoesNotMediateHasNoInbox) {
  open_desk();
  controller.apply(OpenTrusteeInbox{});
  EXPECT_EQ(controller.state().screen, Screen::trustee);
}

}  // namespace
}  // namespace parley::ui
