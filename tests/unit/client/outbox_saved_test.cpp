// What the outbox leaves on the person's device until delivery: the sealed bytes and where they
// go. Not what they are: a waiting mediation request must look like waiting feedback.
#include "client/outbox.h"

#include <gtest/gtest.h>

#include "support/fake_platform.h"

namespace parley::client {
namespace {

OutboxItem sealed(const std::string& kind, std::uint8_t fill) {
  OutboxItem item;
  item.name = std::string(32, static_cast<char>('a' + fill % 6)) + ".parley";
  item.url = "http://127.0.0.1:8000/store/camp/" + item.name;
  item.storage.kind = kStorageHttpPut;
  item.storage.url = "http://127.0.0.1:8000/store/camp/";
  item.envelope = Bytes(1200, fill);
  item.kind = kind;
  return item;
}

TEST(OutboxSaved, HoldsTheSealedBytesAndTheirTargetOnly) {
  testing::FakePlatform platform;
  Outbox outbox;
  outbox.add(platform, sealed("mediation", 1));
  outbox.add(platform, sealed("feedback", 2));
  const std::string saved = platform.settings.at("parley.outbox");
  EXPECT_EQ(saved.find("mediation"), std::string::npos) << saved;
  EXPECT_EQ(saved.find("feedback"), std::string::npos) << saved;
  EXPECT_EQ(saved.find("kind"), std::string::npos) << saved;
  const auto entries = nlohmann::json::parse(saved);
  ASSERT_EQ(entries.size(), 2u);
  for (const auto& e : entries) {
    std::vector<std::string> keys;
    for (const auto& [key, value] : e.items()) keys.push_back(key);
    EXPECT_EQ(keys, (std::vector<std::string>{"envelope", "name", "url"}));
  }
}

TEST(OutboxSaved, RestoredEnvelopesAreSentWithoutKnowingTheirKind) {
  testing::FakePlatform platform;
  {
    Outbox first;
    first.add(platform, sealed("mediation", 3));
  }
  Outbox restored;
  restored.load(platform);
  ASSERT_EQ(restored.items().size(), 1u);
  const OutboxItem& item = restored.items()[0];
  EXPECT_EQ(item.kind, "");
  EXPECT_EQ(item.envelope, Bytes(1200, 3));
  restored.pump(platform, 0);
  ASSERT_EQ(platform.sent.size(), 1u);
  EXPECT_EQ(platform.sent[0].method, "PUT");
  EXPECT_EQ(platform.sent[0].url, item.url);
}

TEST(OutboxSaved, EntriesSavedWithTheirKindByEarlierVersionsStillLoad) {
  testing::FakePlatform platform;
  platform.settings["parley.outbox"] =
      R"([{"name":")" + std::string(32, 'b') + R"(.parley","url":"http://h/store/c/)" + std::string(32, 'b') +
      R"(.parley","envelope":"AAEC","kind":"mediation"}])";
  Outbox outbox;
  outbox.load(platform);
  ASSERT_EQ(outbox.items().size(), 1u);
  EXPECT_EQ(outbox.items()[0].kind, "");
  outbox.pump(platform, 0);
  platform.answer(503);  // not stored yet: saved again for later, without the kind
  EXPECT_EQ(outbox.items()[0].status, OutboxStatus::waiting);
  ASSERT_TRUE(platform.settings.count("parley.outbox"));
  EXPECT_EQ(platform.settings["parley.outbox"].find("mediation"), std::string::npos);
}

}  // namespace
}  // namespace parley::client
