#include "core/invitations.h"

#include <sodium.h>

#include <cstring>

#include "core/base32.h"
#include "core/json_read.h"
#include "core/trustee.h"

namespace parley {
namespace {

constexpr std::string_view kCodeKeyContext = "parley invitation codes v2";
constexpr std::string_view kSignatureContext = "parley invitations v2\n";
constexpr int kStatementVersion = 2;

Bytes signed_message(const Bytes& body) {
  Bytes message = to_bytes(kSignatureContext);
  message.insert(message.end(), body.begin(), body.end());
  return message;
}

Result<Bytes> statement_body(const std::string& campaign, const ManifestHash& h, std::uint32_t count) {
  const json body = {{"v", kStatementVersion},
                     {"campaign", campaign},
                     {"count", count},
                     {"kind", "invitations"},
                     {"manifest", hex_encode(Bytes(h.begin(), h.end()))},
                     {"type", "code"}};
  return to_bytes(dump_canonical(body));
}

// Derives K and hands each code to `out`, stopping at the first failure.
template <typename Out>
Status derive_codes(const Key32& trustee_secret, const ManifestHash& h, std::uint32_t first, std::uint32_t count, Out out) {
  std::uint8_t key[crypto_generichash_BYTES];
  if (crypto_generichash(key, sizeof key, reinterpret_cast<const std::uint8_t*>(kCodeKeyContext.data()), kCodeKeyContext.size(),
                         trustee_secret.data(), trustee_secret.size()) != 0) {
    return make_error(Errc::crypto_failure, "Hashing failed.");
  }
  std::uint8_t message[32 + 4];
  std::memcpy(message, h.data(), 32);
  Bytes code(16);
  for (std::uint32_t i = first; i - first < count; ++i) {
    message[32] = static_cast<std::uint8_t>(i >> 24);
    message[33] = static_cast<std::uint8_t>(i >> 16);
    message[34] = static_cast<std::uint8_t>(i >> 8);
    message[35] = static_cast<std::uint8_t>(i);
    if (crypto_generichash(code.data(), code.size(), message, sizeof message, key, sizeof key) != 0) {
      sodium_memzero(key, sizeof key);
      return make_error(Errc::crypto_failure, "Hashing failed.");
    }
    out(base32_encode(code));
  }
  sodium_memzero(key, sizeof key);
  return Ok{};
}

}  // namespace

Result<std::string> invitation_code(const Key32& trustee_secret, const ManifestHash& manifest, std::uint32_t index) {
  std::string code;
  if (auto ok = derive_codes(trustee_secret, manifest, index, 1, [&](std::string c) { code = std::move(c); }); !ok) {
    return ok.error();
  }
  return code;
}

Result<std::vector<std::string>> invitation_codes(const Campaign& c, const KeySet& trustee, std::uint32_t count) {
  if (auto ok = check_trustee_keys(c, trustee); !ok) return ok.error();
  if (count < 1 || count > kMaxInvitations) return make_error(Errc::bad_input, "Make between 1 and 100,000 invitations.");
  auto h = manifest_hash(c);
  if (!h) return h.error();
  std::vector<std::string> codes;
  codes.reserve(count);
  if (auto ok = derive_codes(trustee.recipient.secret_key, *h, 0, count, [&](std::string code) { codes.push_back(std::move(code)); });
      !ok) {
    return ok.error();
  }
  return codes;
}

Result<std::string> sign_invitations(const Campaign& c, const KeySet& trustee, std::uint32_t count) {
  if (auto ok = check_trustee_keys(c, trustee); !ok) return ok.error();
  if (count < 1 || count > kMaxInvitations) return make_error(Errc::bad_input, "Make between 1 and 100,000 invitations.");
  auto h = manifest_hash(c);
  if (!h) return h.error();
  auto body = statement_body(c.id, *h, count);
  if (!body) return body.error();
  const Bytes message = signed_message(*body);
  Bytes sig(crypto_sign_BYTES);
  if (crypto_sign_detached(sig.data(), nullptr, message.data(), message.size(), trustee.signer->secret_key.data()) != 0) {
    return make_error(Errc::crypto_failure, "Signing failed.");
  }
  return base64url_encode(*body) + "." + base64url_encode(sig);
}

Result<InvitationStatement> verify_invitations(const Campaign& c, std::string_view token) {
  if (!c.trustee) return make_error(Errc::bad_input, "This campaign has no trustee, so it has no invitations.");
  if (token.size() > kMaxInvitationsTokenChars) return make_error(Errc::too_large, "This is far longer than an invitations statement.");
  const auto dot = token.find('.');
  if (dot == std::string_view::npos) return make_error(Errc::bad_input, "This is not a signed invitations statement.");
  auto body = base64url_decode(token.substr(0, dot));
  auto sig = base64url_decode(token.substr(dot + 1));
  if (!body || !sig || sig->size() != crypto_sign_BYTES) {
    return make_error(Errc::bad_input, "The invitations statement is damaged.");
  }
  const Bytes message = signed_message(*body);
  if (crypto_sign_verify_detached(sig->data(), message.data(), message.size(), c.trustee->signer.data()) != 0) {
    return make_error(Errc::bad_signature, "The invitations statement is not signed by this campaign's trustee.");
  }
  auto parsed = parse_json(std::string_view(reinterpret_cast<const char*>(body->data()), body->size()), "The invitations statement");
  if (!parsed) return parsed.error();
  JsonReader r(*parsed, "The invitations statement");
  const auto version = r.integer("v", 0, 1'000'000);
  const std::string type = r.string("type");
  if (!r.ok()) return r.error();
  if (version != kStatementVersion) {
    return make_error(Errc::version_unsupported, "The invitations statement uses version " + std::to_string(version) + ".");
  }
  if (type != "code") {
    return make_error(Errc::version_unsupported, "These invitations are of a type (\"" + type + "\") this Parley does not know.");
  }
  r.only({"v", "campaign", "count", "kind", "manifest", "type"});
  InvitationStatement st;
  st.type = type;
  st.campaign = r.string("campaign");
  st.count = static_cast<std::uint32_t>(r.integer("count", 1, kMaxInvitations));
  const std::string kind = r.string("kind");
  const std::string manifest = r.string("manifest");
  if (r.ok() && kind != "invitations") r.fail("is not an invitations statement");
  if (!r.ok()) return r.error();
  auto manifest_bytes = hex_decode(manifest);
  if (manifest.size() != 64 || !manifest_bytes) return make_error(Errc::schema_failure, "The statement's manifest hash is malformed.");
  std::copy(manifest_bytes->begin(), manifest_bytes->end(), st.manifest.begin());
  // One statement, one byte string, as for manifests.
  auto canonical = statement_body(st.campaign, st.manifest, st.count);
  if (!canonical || *canonical != *body) {
    return make_error(Errc::schema_failure, "The invitations statement is not in canonical form.");
  }
  if (st.campaign != c.id) return make_error(Errc::wrong_campaign, "These invitations belong to another campaign.");
  auto h = manifest_hash(c);
  if (!h) return h.error();
  if (*h != st.manifest) {
    return make_error(Errc::wrong_manifest, "These invitations were made for another version of the campaign.");
  }
  return st;
}

}  // namespace parley
