// The manager's and mediator's flows through the Controller: key files, building and signing a
// campaign, loading results from storage with the k threshold, and the mediator's inbox.
#include <gtest/gtest.h>

#include "core/submission.h"
#include "support/controller_harness.h"
#include "support/served_store.h"
#include "ui/controller.h"

namespace parley::ui {
namespace {

using testing::FakePlatform;

constexpr const char* kPage = "https://parley.example/app/";

class ManagerTest : public testing::ControllerHarness {
 protected:
  void SetUp() override { controller.start(kPage, kToday); }

  // Creates a key file in `role` through the screens; returns the downloaded file's text.
  std::string make_keys(Controller& c, FakePlatform& p, KeyRole role) {
    c.apply(StartKeys{role});
    c.apply(EditSecret{SecretField::key_passphrase, "maple harbor quiet lantern"});
    c.apply(EditSecret{SecretField::key_repeat, "maple harbor quiet lantern"});
    c.apply(MakeKeyFile{});
    EXPECT_TRUE(c.state().keys_form.error.empty()) << c.state().keys_form.error;
    return parley::to_string(p.downloads.back().second);
  }

  // A manager builds the trust-pulse template with a mediator and k = 5, and signs it.
  std::string build_campaign(const std::string& mediator_key) {
    sign_from_template("team-trust-pulse", mediator_key);
    EXPECT_EQ(controller.state().screen, Screen::share) << controller.state().builder.error;
    return controller.state().builder.link;
  }

  // Seals `n` feedback responses (every scale question answered with `value`) and, when the
  // campaign has a mediator, one mediation request; returns the store as URL -> bytes.
  std::map<std::string, Bytes> responses(const Campaign& c, int n, int value) {
    testing::ServedStore store(c.storage.url);
    auto add = [&](const Bytes& envelope) { store.put(envelope); };
    for (int i = 0; i < n; ++i) {
      Submission s;
      s.campaign = c.id;
      for (const auto& q : c.questions) {
        Answer a;
        if (q.type == QuestionType::likert) a.number = value;
        else if (q.type == QuestionType::enps) a.number = 9;
        else continue;
        s.answers[q.id] = a;
      }
      add(seal_submission(c, s, rng).value());
    }
    if (!c.mediation_to.empty()) {
      Submission m;
      m.kind = SubmissionKind::mediation;
      m.campaign = c.id;
      m.day = kToday;
      m.request.what = "Credit for my work is taken in demos.";
      add(seal_submission(c, m, rng).value());
    }
    return store.objects;
  }
};

TEST_F(ManagerTest, WeakOrMismatchedPassphrasesAreRefusedKindly) {
  controller.apply(StartKeys{KeyRole::manager});
  const auto& f = controller.state().keys_form;
  controller.apply(EditSecret{SecretField::key_passphrase, "secret"});
  controller.apply(EditSecret{SecretField::key_repeat, "secret"});
  controller.apply(MakeKeyFile{});
  EXPECT_NE(f.error.find("too easy"), std::string::npos);
  controller.apply(EditSecret{SecretField::key_passphrase, "maple harbor quiet lantern"});
  controller.apply(EditSecret{SecretField::key_repeat, "maple harbor quiet lanterns"});
  controller.apply(MakeKeyFile{});
  EXPECT_EQ(f.error, "The two passphrases differ.");
  EXPECT_TRUE(platform.downloads.empty());
  EXPECT_FALSE(controller.state().keys.has_value());
}

TEST_F(ManagerTest, KeyFileIsDownloadedWrappedAndThePassphraseForgotten) {
  const std::string file = make_keys(controller, platform, KeyRole::manager);
  EXPECT_EQ(platform.downloads.back().first, "parley-manager.key");
  auto keys = unwrap_keyset(file, "maple harbor quiet lantern");
  ASSERT_TRUE(keys.ok());
  EXPECT_TRUE(keys->signer.has_value());
  EXPECT_EQ(controller.state().keys_form.public_key, encode_public_key(KeyKind::recipient, keys->recipient.public_key));
  EXPECT_TRUE(controller.state().keys_form.passphrase.empty());
  EXPECT_TRUE(platform.settings.empty());  // secret keys never reach browser storage
}

TEST_F(ManagerTest, BuilderChecksAndSignsACampaignPeopleCanOpen) {
  FakePlatform mp;
  Controller mediator{mp, rng, &opener};
  mediator.start(kPage, kToday);
  make_keys(mediator, mp, KeyRole::mediator);
  EXPECT_FALSE(mediator.state().keys->signer.has_value());
  make_keys(controller, platform, KeyRole::manager);

  controller.apply(StartBuilder{});
  controller.apply(SetDirect{true});  // these campaigns are direct
  controller.apply(SignCampaign{});
  EXPECT_EQ(controller.state().builder.error, "Give the campaign a title.");
  controller.apply(Edit{Field::mediator_key, -1, "parley-r1-typo"});
  controller.apply(UseTemplate{"team-trust-pulse"});
  controller.apply(SignCampaign{});
  EXPECT_NE(controller.state().builder.error.find("mediator's key is not valid"), std::string::npos);

  const std::string link = build_campaign(mediator.state().keys_form.public_key);
  EXPECT_EQ(link.rfind(std::string(kPage) + "#c=", 0), 0u);
  auto campaign = verify_manifest(token_from_link(link).value());
  ASSERT_TRUE(campaign.ok());
  EXPECT_EQ(campaign->mediation_to.at(0), mediator.state().keys->recipient.public_key);
  EXPECT_EQ(campaign->storage.url, "https://parley.example/store/" + campaign->id);
  EXPECT_EQ(campaign->opens, kToday);
  EXPECT_EQ(campaign->closes, "2026-12-14");

  FakePlatform employee_platform;
  Controller employee{employee_platform, rng, &opener};
  employee.start(link, kToday);
  EXPECT_EQ(employee.state().screen, Screen::intro);
}

TEST_F(ManagerTest, ResultsStayHiddenBelowKAndShowAggregatesFromK) {
  FakePlatform mp;
  Controller mediator{mp, rng, &opener};
  mediator.start(kPage, kToday);
  make_keys(mediator, mp, KeyRole::mediator);
  const std::string manager_file = make_keys(controller, platform, KeyRole::manager);
  const std::string link = build_campaign(mediator.state().keys_form.public_key);
  const Campaign c = verify_manifest(token_from_link(link).value()).value();

  // A fresh page: the manager opens results with the key file and passphrase.
  FakePlatform p2;
  Controller manager{p2, rng, &opener};
  manager.start(kPage, kAfterClose);  // a direct campaign's results open after its last day
  manager.apply(StartUnlock{});
  manager.apply(Edit{Field::results_link, -1, link});
  manager.apply(PickKeyFile{});
  p2.pick({{"parley-manager.key", to_bytes(manager_file)}});
  manager.apply(EditSecret{SecretField::unlock_passphrase, "wrong"});
  manager.apply(OpenResults{});
  EXPECT_EQ(manager.state().session.error, "Wrong passphrase for this key file.");
  manager.apply(EditSecret{SecretField::unlock_passphrase, "maple harbor quiet lantern"});
  manager.apply(OpenResults{});
  ASSERT_EQ(manager.state().screen, Screen::results) << manager.state().session.error;

  load_results(manager, p2, responses(c, 4, 4));
  const auto& hidden = manager.state().session;
  ASSERT_TRUE(hidden.load.result.has_value());
  EXPECT_EQ(hidden.load.result->responses, 4u);
  EXPECT_FALSE(hidden.load.result->visible);
  EXPECT_TRUE(hidden.load.result->questions.empty());
  EXPECT_EQ(hidden.load.failures.at("not-for-this-key"), 1u);  // the mediation request
  manager.apply(ExportResults{ExportFormat::csv});
  EXPECT_TRUE(p2.downloads.empty());  // nothing leaves before k

  manager.apply(EditSecret{SecretField::unlock_passphrase, "maple harbor quiet lantern"});
  manager.apply(OpenResults{});
  load_results(manager, p2, responses(c, 6, 5));
  const auto& shown = manager.state().session;
  ASSERT_TRUE(shown.load.result->visible);
  EXPECT_EQ(shown.load.result->responses, 6u);
  const QuestionResult& first = shown.load.result->questions.at(0);
  EXPECT_EQ(first.answered, 6u);
  EXPECT_DOUBLE_EQ(first.mean, 5.0);
  EXPECT_TRUE(manager.state().session.load.inbox.empty());  // mediation never shows in results
  const std::string first_text = first.text;  // `first` lives in a result that is recomputed below
  // Dropping envelopes that storage already gave counts each one once.
  const auto store6 = responses(c, 1, 3);
  std::vector<platform::PickedFile> dropped;
  for (const auto& [url, bytes] : store6) {
    if (url.back() != '/') dropped.push_back({"x.parley", bytes});
  }
  p2.drop_handler(dropped);
  load_results(manager, p2, {});
  EXPECT_EQ(manager.state().session.load.result->responses, 7u);
  p2.drop_handler(dropped);
  load_results(manager, p2, {});
  EXPECT_EQ(manager.state().session.load.result->responses, 7u);
  EXPECT_EQ(manager.state().session.load.failures.at("duplicate"), 2u);
  manager.apply(ExportResults{ExportFormat::csv});
  ASSERT_EQ(p2.downloads.size(), 1u);
  EXPECT_NE(parley::to_string(p2.downloads[0].second).find(first_text), std::string::npos);
}

TEST_F(ManagerTest, MediatorInboxWithEncryptedStatusAndNotes) {
  FakePlatform mp;
  Controller mediator{mp, rng, &opener};
  mediator.start(kPage, kToday);
  const std::string mediator_file = make_keys(mediator, mp, KeyRole::mediator);
  make_keys(controller, platform, KeyRole::manager);
  const std::string link = build_campaign(mediator.state().keys_form.public_key);
  const Campaign c = verify_manifest(token_from_link(link).value()).value();
  const auto store = responses(c, 3, 2);

  mediator.apply(StartUnlock{});
  mediator.apply(Edit{Field::results_link, -1, link});
  mediator.apply(OpenResults{});  // the key file made in this session
  ASSERT_EQ(mediator.state().screen, Screen::inbox) << mediator.state().session.error;
  load_results(mediator, mp, store);
  ASSERT_EQ(mediator.state().session.load.inbox.size(), 1u);
  EXPECT_EQ(mediator.state().session.load.failures.at("not-for-this-key"), 3u);  // feedback is not theirs
  EXPECT_EQ(mediator.state().session.load.inbox[0].submission.request.what, "Credit for my work is taken in demos.");

  mediator.apply(SelectRequest{0});
  mediator.apply(SetRequestStatus{0, RequestStatus::in_progress});
  mediator.apply(Edit{Field::request_note, 0, "Spoke with both; follow up Friday."});
  mediator.apply(SaveNote{0});
  const std::string saved = mp.settings.at("parley.inbox." + c.id);
  EXPECT_EQ(saved.find("follow up"), std::string::npos);  // encrypted at rest

  FakePlatform reloaded;
  reloaded.settings = mp.settings;
  Controller again{reloaded, rng, &opener};
  again.start(kPage, kToday);
  again.apply(StartUnlock{});
  again.apply(Edit{Field::results_link, -1, link});
  again.apply(PickKeyFile{});
  reloaded.pick({{"parley-mediator.key", to_bytes(mediator_file)}});
  again.apply(EditSecret{SecretField::unlock_passphrase, "maple harbor quiet lantern"});
  again.apply(OpenResults{});
  load_results(again, reloaded, store);
  ASSERT_EQ(again.state().session.load.inbox.size(), 1u);
  EXPECT_EQ(again.state().session.load.inbox[0].status, RequestStatus::in_progress);
  EXPECT_EQ(again.state().session.load.inbox[0].note, "Spoke with both; follow up Friday.");
}

TEST_F(ManagerTest, TrendAgainstAnEarlierCampaignOfTheSameQuestionnaire) {
  make_keys(controller, platform, KeyRole::manager);
  const std::string earlier_link = build_campaign("");
  const Campaign earlier = verify_manifest(token_from_link(earlier_link).value()).value();
  // A second campaign from the same template (the builder still holds the first one's form).
  const std::string link = build_campaign("");
  const Campaign now = verify_manifest(token_from_link(link).value()).value();
  auto store = responses(now, 6, 5);
  for (auto& [url, bytes] : responses(earlier, 5, 2)) store[url] = bytes;

  controller.tick(0, kAfterClose);  // a direct campaign's results open after its last day
  controller.apply(StartUnlock{});
  controller.apply(Edit{Field::results_link, -1, link});
  controller.apply(OpenResults{});
  load_results(controller, platform, store);
  controller.apply(Edit{Field::earlier_link, -1, link});
  controller.apply(CompareEarlier{});
  EXPECT_EQ(controller.state().earlier.error, "That is this campaign: paste the link of an earlier one.");
  controller.apply(Edit{Field::earlier_link, -1, earlier_link});
  controller.apply(CompareEarlier{});
  load_results(controller, platform, store);
  for (int i = 0; i < 20 && controller.state().earlier.load.loading; ++i) {
    platform.serve(store);
    controller.tick(100 + i, kAfterClose);
  }
  ASSERT_TRUE(controller.state().earlier.load.result.has_value());
  EXPECT_TRUE(controller.state().earlier.load.result->visible);
  EXPECT_DOUBLE_EQ(controller.state().earlier.load.result->questions.at(0).mean, 2.0);
  EXPECT_DOUBLE_EQ(controller.state().session.load.result->questions.at(0).mean, 5.0);
}

TEST_F(ManagerTest, AKeyThatIsNotAReaderIsTurnedAway) {
  FakePlatform mp;
  Controller other{mp, rng, &opener};
  other.start(kPage, kToday);
  make_keys(other, mp, KeyRole::manager);
  make_keys(controller, platform, KeyRole::manager);
  const std::string link = build_campaign("");
  other.apply(StartUnlock{});
  other.apply(Edit{Field::results_link, -1, link});
  other.apply(OpenResults{});
  EXPECT_NE(other.state().session.error.find("not one of this campaign's readers"), std::string::npos);
  EXPECT_EQ(other.state().screen, Screen::unlock);
}

}  // namespace
}  // namespace parley::ui
