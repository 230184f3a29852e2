// A mediation conversation between two pages, as people would hold it: a person asks for
// mediation and is shown a recovery phrase once (copied or saved as a file, wiped when the screen
// is left); the mediator reads the request, drafts a reply and sends it in a bundle; the person,
// with only the phrase and the link, reads the reply and answers; the mediator sees the answer
// in the request's thread. Another phrase reads nothing; a typo in the phrase is named.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "core/listing.h"
#include "core/replies.h"
#include "support/campaigns.h"
#include "support/controller_harness.h"

namespace parley::ui {
namespace {

bool ends_with(const std::string& s, const std::string& end) {
  return s.size() >= end.size() && s.compare(s.size() - end.size(), end.size(), end) == 0;
}

class ConversationTest : public testing::ControllerHarness {
 protected:
  // One storage for every page: PUTs are stored (write-once), the listing names what is stored.
  void serve(testing::FakePlatform& p) {
    const std::string prefix = storage_prefix(t.campaign.storage.url);
    while (!p.pending.empty()) {
      const platform::HttpRequest r = p.pending.front().request;
      if (r.method == "PUT") {
        const bool taken = store.count(r.url) > 0;
        if (!taken) store[r.url] = r.body;
        p.answer(taken ? 409 : 201);
      } else if (r.url == prefix) {
        std::string listing = R"({"objects":[)";
        bool first = true;
        for (const auto& [url, bytes] : store) {
          listing += std::string(first ? "" : ",") + R"({"name":")" + url.substr(prefix.size()) + "\"}";
          first = false;
        }
        p.answer(200, to_bytes(listing + "]}"), "application/json");
      } else {
        const auto it = store.find(r.url);
        if (it == store.end()) p.answer(404);
        else p.answer(200, it->second);
      }
    }
  }
  void run(Controller& c, testing::FakePlatform& p) {
    for (int i = 0; i < 30; ++i) {
      serve(p);
      c.tick(i * 1000.0, kToday);
    }
  }

  testing::SignedCampaign t = testing::signed_campaign();
  std::map<std::string, Bytes> store;
};

TEST_F(ConversationTest, APersonAndTheMediatorTalkThroughThePhrase) {
  // The person asks for mediation and keeps a phrase (the form's default).
  controller.start(t.link, kToday);
  controller.apply(StartMediation{});
  EXPECT_TRUE(controller.state().conversation.keep_phrase);
  controller.apply(Edit{Field::mediation_what, -1, "Credit for my work is taken in demos."});
  controller.apply(Review{});
  controller.apply(Send{});
  ASSERT_EQ(controller.state().screen, Screen::sent);
  run(controller, platform);
  const std::string phrase(controller.state().conversation.phrase.view());
  ASSERT_EQ(std::count(phrase.begin(), phrase.end(), ' '), 11) << phrase;
  controller.apply(SavePhrase{});
  ASSERT_FALSE(platform.downloads.empty());
  const std::string file = parley::to_string(platform.downloads.back().second);
  EXPECT_NE(file.find(phrase), std::string::npos);
  EXPECT_NE(file.find(t.link), std::string::npos);  // the link it was sent through
  EXPECT_EQ(controller.snapshot().dump().find(phrase.substr(0, phrase.find(' '))), std::string::npos) << "the snapshot never shows it";
  controller.apply(Done{});
  EXPECT_TRUE(controller.state().conversation.phrase.empty());

  // The mediator reads the request and replies.
  testing::FakePlatform mp;
  client::InlineOpener mopener;
  SeededRng mrng = testing::seeded(31);
  Controller mediator{mp, mrng, &mopener};
  mediator.start("http://127.0.0.1:8000/", kToday);
  give_keys(mediator, KeySet{KeyRole::mediator, "", t.mediator, std::nullopt});
  mediator.apply(StartUnlock{});
  mediator.apply(Edit{Field::results_link, -1, t.link});
  mediator.apply(OpenResults{});
  ASSERT_EQ(mediator.state().screen, Screen::inbox) << mediator.state().session.error;
  run(mediator, mp);
  ASSERT_EQ(mediator.state().session.load.inbox.size(), 1u) << mediator.state().session.load.error;
  EXPECT_FALSE(mediator.state().session.load.inbox[0].submission.thread.empty());
  mediator.apply(SelectRequest{0});
  mediator.apply(Edit{Field::reply_text, 0, "Thank you for writing. Could we talk on Thursday?"});
  mediator.apply(GoBack{});  // to the list, where replies are sent together
  mediator.apply(SendReplies{});
  run(mediator, mp);
  EXPECT_TRUE(mediator.state().session.replies.empty()) << mediator.state().session.replies_note;
  EXPECT_TRUE(store.count(storage_prefix(t.campaign.storage.url) + reply_bundle_name(kToday, 0, 0)));

  // The person, on another device: the link and the phrase, with a typo first.
  Controller person{platform, rng, &opener};
  person.start("http://127.0.0.1:8000/", kToday);
  person.apply(StartConversation{});
  person.apply(Edit{Field::conversation_link, -1, t.link});
  std::string typo = phrase;
  typo.replace(0, phrase.find(' '), "zzzz");
  person.apply(EditSecret{SecretField::phrase, typo});
  person.apply(OpenConversation{});
  EXPECT_NE(person.state().conversation.error.find("The first word, \"zzzz\""), std::string::npos) << person.state().conversation.error;
  person.apply(EditSecret{SecretField::phrase, phrase});
  person.apply(OpenConversation{});
  ASSERT_EQ(person.state().screen, Screen::conversation) << person.state().conversation.error;
  EXPECT_TRUE(person.state().conversation.typed_phrase.empty());
  run(person, platform);
  ASSERT_EQ(person.state().conversation.replies.size(), 1u) << person.state().conversation.error;
  EXPECT_EQ(person.state().conversation.replies[0].text, "Thank you for writing. Could we talk on Thursday?");
  person.apply(Edit{Field::follow_up, -1, "Thursday at 10 works for me."});
  person.apply(SendFollowUp{});
  run(person, platform);
  EXPECT_FALSE(person.state().conversation.sent_note.empty()) << person.state().conversation.error;

  // The mediator sees the answer inside the request's thread.
  mediator.apply(GoBack{});
  mediator.apply(StartUnlock{});
  give_keys(mediator, KeySet{KeyRole::mediator, "", t.mediator, std::nullopt});
  mediator.apply(OpenResults{});
  run(mediator, mp);
  const auto& inbox = mediator.state().session.load.inbox;
  ASSERT_EQ(inbox.size(), 2u);
  int follow_ups = 0;
  for (const auto& item : inbox) {
    // The mediator's own copy of the reply, kept sealed with the notes, is back after reopening.
    if (!item.submission.message) {
      ASSERT_EQ(item.sent.size(), 1u);
      EXPECT_EQ(item.sent[0].text, "Thank you for writing. Could we talk on Thursday?");
    }
    if (item.submission.message) {
      ++follow_ups;
      EXPECT_EQ(item.submission.message->text, "Thursday at 10 works for me.");
      EXPECT_EQ(item.submission.thread, inbox[0].submission.thread.empty() ? inbox[1].submission.thread : inbox[0].submission.thread);
    }
  }
  EXPECT_EQ(follow_ups, 1);

  // The saved file opens the conversation by itself: the link and the phrase are read from it.
  person.apply(GoBack{});
  ASSERT_EQ(person.state().screen, Screen::conversation_open);
  person.apply(Edit{Field::conversation_link, -1, ""});
  person.apply(LoadPhraseFile{});
  platform.pick({{"notes.txt", to_bytes("shopping list\nmilk\n")}});
  EXPECT_NE(person.state().conversation.error.find("holds no recovery phrase"), std::string::npos);
  person.apply(LoadPhraseFile{});
  platform.pick({{"parley-recovery-phrase.txt", to_bytes(file)}});
  ASSERT_EQ(person.state().screen, Screen::conversation) << person.state().conversation.error;
  run(person, platform);
  EXPECT_EQ(person.state().conversation.replies.size(), 1u);

  // Leaving the conversation forgets the thread key; another phrase reads nothing.
  person.apply(GoBack{});
  person.apply(GoBack{});
  EXPECT_FALSE(person.state().conversation.thread.has_value());
  person.apply(StartConversation{});
  person.apply(EditSecret{SecretField::phrase, "legal winner thank year wave sausage worth useful legal winner thank yellow"});
  person.apply(OpenConversation{});
  run(person, platform);
  EXPECT_TRUE(person.state().conversation.read);
  EXPECT_TRUE(person.state().conversation.replies.empty());
}

}  // namespace
}  // namespace parley::ui
