// Invitation codes and the trustee's signed invitations statement (core/invitations.h).
#include "core/invitations.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <set>
#include <string>

#include "core/base32.h"
#include "support/trustee_campaigns.h"

namespace parley {
namespace {

using testing::seeded;
using testing::trustee_campaign;
using testing::TrusteeCampaign;

template <typename T>
void expect_code(const Result<T>& r, Errc code, const std::string& what) {
  ASSERT_FALSE(r.ok()) << what << ": accepted";
  EXPECT_EQ(r.error().code, code) << what << ": " << to_string(r.error().code) << " (" << r.error().detail << ")";
}

// A statement token for any body, signed by `key` the way the spec says.
std::string sign_raw(const std::string& body, const SigningKeyPair& key) {
  const Bytes message = to_bytes("parley invitations v2\n" + body);
  Bytes sig(crypto_sign_BYTES);
  EXPECT_EQ(crypto_sign_detached(sig.data(), nullptr, message.data(), message.size(), key.secret_key.data()), 0);
  return base64url_encode(to_bytes(body)) + "." + base64url_encode(sig);
}

TEST(InvitationCodes, FollowTheSpecAndAreStateless) {
  const TrusteeCampaign t = trustee_campaign();
  const auto codes = invitation_codes(t.campaign, t.trustee_keys(), 8).value();
  ASSERT_EQ(codes.size(), 8u);
  // K = BLAKE2b-256(key = X25519 secret, "parley invitation codes v2");
  // code_i = base32(BLAKE2b-128(key = K, H || u32be(i))).
  std::uint8_t k[32];
  const std::string context = "parley invitation codes v2";
  ASSERT_EQ(crypto_generichash(k, sizeof k, reinterpret_cast<const std::uint8_t*>(context.data()), context.size(),
                               t.trustee.secret_key.data(), 32),
            0);
  for (std::uint32_t i = 0; i < codes.size(); ++i) {
    Bytes message(t.campaign.manifest_hash.begin(), t.campaign.manifest_hash.end());
    for (int shift = 24; shift >= 0; shift -= 8) message.push_back(static_cast<std::uint8_t>(i >> shift));
    Bytes code(16);
    ASSERT_EQ(crypto_generichash(code.data(), code.size(), message.data(), message.size(), k, sizeof k), 0);
    EXPECT_EQ(codes[i], base32_encode(code)) << i;
    EXPECT_TRUE(is_base32_16(codes[i]));
    EXPECT_EQ(invitation_code(t.trustee.secret_key, t.campaign.manifest_hash, i).value(), codes[i]);
  }
  // Regenerated, not stored: the same codes every time, a prefix of any longer list.
  EXPECT_EQ(invitation_codes(t.campaign, t.trustee_keys(), 8).value(), codes);
  const auto more = invitation_codes(t.campaign, t.trustee_keys(), 20).value();
  EXPECT_TRUE(std::equal(codes.begin(), codes.end(), more.begin()));
  EXPECT_EQ(std::set<std::string>(more.begin(), more.end()).size(), 20u);
}

TEST(InvitationCodes, DependOnTheManifestAndTheTrustee) {
  const TrusteeCampaign t = trustee_campaign();
  const auto codes = invitation_codes(t.campaign, t.trustee_keys(), 4).value();
  // A campaign re-signed under the same id has other codes: old invitations do not carry over.
  Campaign resigned = t.campaign;
  resigned.manifest_hash = {};
  resigned.k = 4;
  const auto other_manifest = invitation_codes(resigned, t.trustee_keys(), 4).value();
  const TrusteeCampaign other = trustee_campaign("2026-11-01", "2026-12-31", 52);
  const auto other_trustee = invitation_code(other.trustee.secret_key, t.campaign.manifest_hash, 0).value();
  for (const auto& c : codes) {
    EXPECT_EQ(std::count(other_manifest.begin(), other_manifest.end(), c), 0);
    EXPECT_NE(c, other_trustee);
  }
}

TEST(InvitationCodes, TheLargestCampaignHasDistinctCodes) {
  const TrusteeCampaign t = trustee_campaign();
  const auto codes = invitation_codes(t.campaign, t.trustee_keys(), kMaxInvitations).value();
  ASSERT_EQ(codes.size(), kMaxInvitations);
  EXPECT_EQ(std::set<std::string>(codes.begin(), codes.end()).size(), kMaxInvitations);
  EXPECT_EQ(codes.back(), invitation_code(t.trustee.secret_key, t.campaign.manifest_hash, kMaxInvitations - 1).value());
}

TEST(InvitationCodes, Refusals) {
  const TrusteeCampaign t = trustee_campaign();
  expect_code(invitation_codes(t.campaign, t.trustee_keys(), 0), Errc::bad_input, "no invitations");
  expect_code(invitation_codes(t.campaign, t.trustee_keys(), kMaxInvitations + 1), Errc::bad_input, "too many");
  expect_code(invitation_codes(t.campaign, KeySet{KeyRole::manager, "", t.manager, t.signer}, 3), Errc::bad_key, "not the trustee");
  expect_code(invitation_codes(testing::signed_campaign().campaign, t.trustee_keys(), 3), Errc::bad_input, "direct campaign");
}

TEST(InvitationsStatement, RoundTrips) {
  const TrusteeCampaign t = trustee_campaign();
  const std::string token = sign_invitations(t.campaign, t.trustee_keys(), 8).value();
  auto st = verify_invitations(t.campaign, token);
  ASSERT_TRUE(st.ok()) << st.error().detail;
  EXPECT_EQ(st->count, 8u);
  EXPECT_EQ(st->type, "code");
  EXPECT_EQ(st->campaign, t.campaign.id);
  EXPECT_EQ(st->manifest, t.campaign.manifest_hash);
  const std::string body = to_string(base64url_decode(token.substr(0, token.find('.'))).value());
  EXPECT_EQ(body, "{\"campaign\":\"" + t.campaign.id + "\",\"count\":8,\"kind\":\"invitations\",\"manifest\":\"" +
                      hex_encode(Bytes(t.campaign.manifest_hash.begin(), t.campaign.manifest_hash.end())) +
                      "\",\"type\":\"code\",\"v\":2}");
  EXPECT_LE(token.size(), kMaxInvitationsTokenChars);
}

TEST(InvitationsStatement, Refusals) {
  const TrusteeCampaign t = trustee_campaign();
  const std::string token = sign_invitations(t.campaign, t.trustee_keys(), 8).value();
  const std::string body = to_string(base64url_decode(token.substr(0, token.find('.'))).value());
  auto with = [&](const std::string& from, const std::string& to) {
    std::string b = body;
    b.replace(b.find(from), from.size(), to);
    return b;
  };
  const SigningKeyPair& trustee = t.trustee_signer;
  EXPECT_TRUE(verify_invitations(t.campaign, sign_raw(body, trustee)).ok());
  expect_code(verify_invitations(t.campaign, sign_raw(body, t.signer)), Errc::bad_signature, "signed by the campaign's signer");
  expect_code(verify_invitations(t.campaign, base64url_encode(to_bytes(with("\"count\":8", "\"count\":9"))) + token.substr(token.find('.'))),
              Errc::bad_signature, "count changed after signing");
  expect_code(verify_invitations(t.campaign, sign_raw(with("\"v\":2", "\"v\":1"), trustee)), Errc::version_unsupported, "v1");
  expect_code(verify_invitations(t.campaign, sign_raw(with("\"type\":\"code\"", "\"type\":\"voprf\""), trustee)),
              Errc::version_unsupported, "voprf");
  expect_code(verify_invitations(t.campaign, sign_raw(with("\"count\":8", "\"count\":0"), trustee)), Errc::schema_failure, "0");
  expect_code(verify_invitations(t.campaign, sign_raw(with("\"count\":8", "\"count\":100001"), trustee)), Errc::schema_failure,
              "100001");
  expect_code(verify_invitations(t.campaign, sign_raw(with("\"count\":8", "\"count\":8.0"), trustee)), Errc::schema_failure, "8.0");
  expect_code(verify_invitations(t.campaign, sign_raw(with("{", "{ "), trustee)), Errc::schema_failure, "not canonical");
  expect_code(verify_invitations(t.campaign, sign_raw(with("\"count\":8", "\"count\":8,\"x\":1"), trustee)), Errc::schema_failure,
              "extra field");
  expect_code(verify_invitations(t.campaign, sign_raw(with("\"kind\":\"invitations\"", "\"kind\":\"release\""), trustee)),
              Errc::schema_failure, "another kind");
  expect_code(verify_invitations(t.campaign, sign_raw("[1]", trustee)), Errc::schema_failure, "not an object");
  expect_code(verify_invitations(t.campaign, sign_raw(with(t.campaign.id, "aaaaaaaaaaaaaaaaaaaaaaaaaa"), trustee)),
              Errc::wrong_campaign, "another campaign");
  // The campaign re-signed under the same id: the statement was for the first body.
  Campaign resigned = t.campaign;
  resigned.manifest_hash = {};
  resigned.k = 4;
  expect_code(verify_invitations(resigned, token), Errc::wrong_manifest, "re-signed manifest");
  expect_code(verify_invitations(t.campaign, body), Errc::bad_input, "no signature part");
  expect_code(verify_invitations(t.campaign, token + "x"), Errc::bad_input, "signature of 65 bytes");
  expect_code(verify_invitations(t.campaign, std::string(kMaxInvitationsTokenChars + 1, 'A')), Errc::too_large, "too long");
  expect_code(verify_invitations(testing::signed_campaign().campaign, token), Errc::bad_input, "direct campaign");
  expect_code(sign_invitations(t.campaign, t.trustee_keys(), 0), Errc::bad_input, "sign 0");
  expect_code(sign_invitations(t.campaign, KeySet{KeyRole::manager, "", t.manager, t.signer}, 8), Errc::bad_key, "sign as manager");
}

}  // namespace
}  // namespace parley
