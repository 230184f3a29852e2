// ResultsLoader against storage that lies about names: an envelope is opened only under its
// own name (its content's hash), so one envelope stored under several names counts once.
#include "client/results_loader.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "client/opener.h"
#include "core/listing.h"
#include "support/campaigns.h"
#include "support/fake_platform.h"

namespace parley::client {
namespace {

using testing::num;
using testing::seeded;
using testing::signed_campaign;

TEST(ResultsLoader, AnEnvelopeUnderAnotherNameIsNotCounted) {
  const testing::SignedCampaign t = signed_campaign();
  SeededRng rng = seeded(41);
  const std::string prefix = storage_prefix(t.campaign.storage.url);
  std::map<std::string, Bytes> store;
  std::string listing = "{\"objects\":[";
  auto put = [&](const std::string& name, const Bytes& envelope) {
    store[prefix + name] = envelope;
    listing += std::string(listing.back() == '[' ? "" : ",") + "{\"name\":\"" + name + "\"}";
  };
  std::vector<Bytes> real;
  for (int mood = 1; mood <= 5; ++mood) {
    Submission s;
    s.campaign = t.campaign.id;
    s.answers = {{"mood", num(mood)}, {"recommend", num(8)}};
    real.push_back(seal_submission(t.campaign, s, rng).value());
    put(object_name(real.back()), real.back());
  }
  // The attack: the first answer PUT again under two more envelope-shaped names.
  put("00000000000000000000000000000000.parley", real[0]);
  put("ffffffffffffffffffffffffffffffff.parley", real[0]);
  listing += "]}";
  store[prefix] = to_bytes(listing);

  testing::FakePlatform platform;
  InlineOpener opener;
  LoadProgress progress;
  ResultsLoader loader(platform, opener, rng, progress);
  loader.start(t.campaign, token_from_link(t.link).value(), t.manager.secret_key, {}, "2027-01-01");
  for (int i = 0; i < 20 && progress.loading; ++i) {
    platform.serve(store);
    opener.poll();
    loader.pump();
  }
  ASSERT_FALSE(progress.loading);
  EXPECT_EQ(progress.error, "");
  EXPECT_EQ(progress.total, 7u);
  ASSERT_TRUE(progress.result.has_value());
  EXPECT_EQ(progress.result->responses, 5u);
  EXPECT_EQ(progress.failures, (std::map<std::string, std::size_t>{{"misnamed", 2}}));
  // Dropped again by hand, the same bytes are a duplicate of the listed one.
  loader.add_envelopes({real[1]});
  EXPECT_EQ(progress.failures.at("duplicate"), 1u);
}

}  // namespace
}  // namespace parley::client
