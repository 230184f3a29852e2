#include "core/short_link.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/base32.h"
#include "support/campaigns.h"

namespace parley {
namespace {

struct Stored {
  testing::SignedCampaign signed_campaign = testing::signed_campaign();
  std::string token = sign_manifest(signed_campaign.campaign, signed_campaign.signer).value();
  ManifestHash h = manifest_hash(signed_campaign.campaign).value();
  std::string url = manifest_object_url(signed_campaign.campaign).value();
};

TEST(ShortLink, ObjectNameIsTheManifestHash) {
  const Stored s;
  const std::string name = manifest_object_name(s.h);
  EXPECT_EQ(name, "m-" + base32_encode(Bytes(s.h.begin(), s.h.end())) + ".parley");
  EXPECT_EQ(name.size(), 61u);
  EXPECT_EQ(hash_of_manifest_object_name(name).value(), s.h);
  EXPECT_EQ(s.url, "http://127.0.0.1:8000/store/team/" + name);
}

TEST(ShortLink, NamesOtherThanOneHashAreRefused) {
  const Stored s;
  const std::string name = manifest_object_name(s.h);
  std::string upper = name;
  for (std::size_t i = 2; i < 54; ++i) upper[i] = static_cast<char>(std::toupper(static_cast<unsigned char>(upper[i])));
  std::string spare_bits = name;
  // The last character carries 1 bit of H and 4 spare bits: it is 'a' or 'q'; +1 sets a spare bit.
  spare_bits[53] = static_cast<char>(spare_bits[53] + 1);
  for (const std::string& bad : {std::string(""), std::string("m-.parley"), name.substr(1), name + "x",
                                 "x" + name.substr(1), name.substr(0, 57) + ".json", upper, spare_bits,
                                 name.substr(0, 10) + "1" + name.substr(11)}) {
    EXPECT_EQ(hash_of_manifest_object_name(bad).error().code, Errc::bad_input) << bad;
  }
}

TEST(ShortLink, SameOriginLinksCarryOnlyThePath) {
  const Stored s;
  const std::string link = short_link("http://127.0.0.1:8000/#c=old", s.url);
  EXPECT_EQ(link, "http://127.0.0.1:8000/#m=/store/team/" + manifest_object_name(s.h));
  EXPECT_LT(link.size(), 120u);
  const std::string other = short_link("https://parley.example/app/", s.url);
  EXPECT_EQ(other, "https://parley.example/app/#m=" + s.url);
  // Another port is another origin.
  EXPECT_EQ(short_link("http://127.0.0.1:8001/", s.url), "http://127.0.0.1:8001/#m=" + s.url);
}

TEST(ShortLink, SplitLinkFindsTheAddressAndTheHash) {
  const Stored s;
  for (const std::string& link : {short_link("http://127.0.0.1:8000/", s.url), short_link("https://parley.example/", s.url)}) {
    auto parts = split_link("  " + link + "\n");
    ASSERT_TRUE(parts.ok()) << link << ": " << parts.error().detail;
    EXPECT_TRUE(parts->is_short());
    EXPECT_EQ(parts->manifest_url, s.url);
    EXPECT_EQ(parts->manifest, s.h);
    EXPECT_EQ(parts->token, "");
    EXPECT_EQ(parts->invite, "");
    // A short link has no token until it is fetched.
    EXPECT_EQ(token_from_link(link).error().code, Errc::bad_input);
  }
  const std::string code = "abcdefghijklmnopqrstuvwxya";
  auto personal = split_link(personal_link(short_link("http://127.0.0.1:8000/", s.url), code));
  ASSERT_TRUE(personal.ok());
  EXPECT_EQ(personal->invite, code);
  EXPECT_EQ(personal->manifest_url, s.url);
}

TEST(ShortLink, DamagedShortLinksAreRefused) {
  const Stored s;
  const std::string name = manifest_object_name(s.h);
  for (const std::string& link : std::vector<std::string>{
           "#m=/store/team/" + name,                                 // a path without the app's address
           "http://127.0.0.1:8000/#m=",                              // nothing after the marker
           "http://127.0.0.1:8000/#m=/store/team/" + name.substr(0, 40),  // cut off
           "http://127.0.0.1:8000/#m=/store/team/index.html",        // not a manifest name
           "http://127.0.0.1:8000/#m=ftp://host/" + name,            // not http(s)
           "http://127.0.0.1:8000/#m=https://user@host/" + name,     // user info
           "http://127.0.0.1:8000/#m=https://host/" + name + "?x=1",  // a query
           "http://127.0.0.1:8000/#m=https://host/<script>/" + name,  // characters no URL has
           "http://127.0.0.1:8000/#m=https://host/" + std::string(600, 'a') + "/" + name,  // too long
           "http://127.0.0.1:8000/#m=/store/team/" + name + "&i=notacode",
       }) {
    EXPECT_EQ(split_link(link).error().code, Errc::bad_input) << link;
  }
}

TEST(ShortLink, TheStoredTokenMustBeTheNamedManifest) {
  const Stored s;
  auto campaign = verify_stored_manifest(s.token, s.h);
  ASSERT_TRUE(campaign.ok()) << campaign.error().detail;
  EXPECT_EQ(campaign->id, s.signed_campaign.campaign.id);

  // Another validly signed manifest (re-signed with another k) at the address: wrong_manifest.
  Campaign other = s.signed_campaign.campaign;
  other.k = 7;
  const std::string other_token = sign_manifest(other, s.signed_campaign.signer).value();
  EXPECT_EQ(verify_stored_manifest(other_token, s.h).error().code, Errc::wrong_manifest);

  // One byte changed anywhere is the same refusal as a changed long link's token.
  for (std::size_t at : {std::size_t{5}, s.token.size() / 2, s.token.size() - 3}) {
    std::string changed = s.token;
    changed[at] = changed[at] == 'A' ? 'B' : 'A';
    const auto stored = verify_stored_manifest(changed, s.h);
    const auto linked = verify_manifest(changed);
    ASSERT_FALSE(stored.ok()) << at;
    EXPECT_EQ(stored.error().code, linked.error().code) << at;
  }
  EXPECT_EQ(verify_stored_manifest("<html>not found</html>", s.h).error().code, Errc::bad_input);
}

}  // namespace
}  // namespace parley
