// A mediator's statuses and notes: sealed in the browser's settings under the campaign, read back
// only with the same key, and left alone when another key's (or nothing readable) is there.
#include "client/inbox_notes.h"

#include <gtest/gtest.h>

#include "support/fake_platform.h"
#include "support/rng.h"

namespace parley::client {
namespace {

std::vector<InboxItem> inbox() {
  std::vector<InboxItem> items(2);
  items[0].id = "req-a";
  items[1].id = "req-b";
  return items;
}

Key32 key(std::uint8_t tag) {
  auto rng = testing::seeded(tag);
  return generate_recipient_key(rng).value().secret_key;
}

TEST(InboxNotes, StatusesAndNotesComeBackSealedAtRest) {
  testing::FakePlatform platform;
  auto rng = testing::seeded(3);
  auto items = inbox();
  items[0].status = RequestStatus::in_progress;
  items[0].note = "Spoke with both; follow up Friday.";
  items[1].status = RequestStatus::closed;
  ASSERT_TRUE(save_inbox_notes(platform, key(1), "campaign-1", items, rng).ok());
  const std::string& saved = platform.settings.at(inbox_notes_key("campaign-1"));
  EXPECT_EQ(saved.find("Friday"), std::string::npos);
  EXPECT_EQ(saved.find("progress"), std::string::npos);

  auto again = inbox();
  load_inbox_notes(platform, key(1), "campaign-1", again);
  EXPECT_EQ(again[0].status, RequestStatus::in_progress);
  EXPECT_EQ(again[0].note, "Spoke with both; follow up Friday.");
  EXPECT_EQ(again[1].status, RequestStatus::closed);
  EXPECT_EQ(again[1].note, "");
}

TEST(InboxNotes, AnotherKeyOrCampaignReadsNothing) {
  testing::FakePlatform platform;
  auto rng = testing::seeded(3);
  auto items = inbox();
  items[0].note = "private";
  items[0].status = RequestStatus::closed;
  ASSERT_TRUE(save_inbox_notes(platform, key(1), "campaign-1", items, rng).ok());

  auto other_key = inbox();
  load_inbox_notes(platform, key(2), "campaign-1", other_key);
  EXPECT_EQ(other_key[0].note, "");
  EXPECT_EQ(other_key[0].status, RequestStatus::fresh);

  // The same sealed text under another campaign's name does not open: the name is its purpose.
  platform.settings[inbox_notes_key("campaign-2")] = platform.settings.at(inbox_notes_key("campaign-1"));
  auto other_campaign = inbox();
  load_inbox_notes(platform, key(1), "campaign-2", other_campaign);
  EXPECT_EQ(other_campaign[0].note, "");
}

TEST(InboxNotes, DamagedOrMissingNotesLeaveTheInboxAsItIs) {
  testing::FakePlatform platform;
  auto items = inbox();
  items[1].note = "typed before loading";
  load_inbox_notes(platform, key(1), "campaign-1", items);
  EXPECT_EQ(items[1].note, "typed before loading");
  platform.settings[inbox_notes_key("campaign-1")] = "not base64url!";
  load_inbox_notes(platform, key(1), "campaign-1", items);
  platform.settings[inbox_notes_key("campaign-1")] = "AAAA";
  load_inbox_notes(platform, key(1), "campaign-1", items);
  EXPECT_EQ(items[1].note, "typed before loading");
}

TEST(InboxNotes, StatusWordsAreTheSavedOnes) {
  EXPECT_STREQ(to_string(RequestStatus::fresh), "new");
  EXPECT_STREQ(to_string(RequestStatus::in_progress), "in progress");
  EXPECT_STREQ(to_string(RequestStatus::closed), "closed");
}

}  // namespace
}  // namespace parley::client
