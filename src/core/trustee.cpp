#include "core/trustee.h"

#include <sodium.h>

#include "core/base32.h"
#include "core/envelope.h"
#include "core/json_read.h"
#include "core/utc_time.h"

namespace parley {
namespace {

Error schema_error(std::string message) { return make_error(Errc::schema_failure, std::move(message)); }

}  // namespace

Status check_trustee_keys(const Campaign& c, const KeySet& keys) {
  if (!c.trustee) return make_error(Errc::bad_input, "This campaign has no trustee.");
  if (keys.recipient.public_key != c.trustee->recipient || !keys.signer || keys.signer->public_key != c.trustee->signer) {
    return make_error(Errc::bad_key, "This key file is not the trustee's of this campaign (" + c.trustee->label + ").");
  }
  return Ok{};
}

Result<Bytes> encode_outer(const OuterContents& o) {
  json j = {{"v", kContentsVersion},
            {"campaign", o.campaign},
            {"inner", base64url_encode(o.inner)},
            {"kind", to_string(o.kind)},
            {"manifest", hex_encode(Bytes(o.manifest.begin(), o.manifest.end()))},
            {"sent", o.sent}};
  if (o.invite) j["invite"] = {{"type", o.invite->type}, {"code", o.invite->code}};
  Bytes out = to_bytes(dump_canonical(j));
  if (out.size() > kMaxPlaintextBytes) return make_error(Errc::too_large, "The submission is too large to send.");
  return out;
}

Result<Bytes> seal_via_trustee(const Campaign& c, const Submission& s, std::string_view invite_code, std::int64_t sent_unix,
                               Rng& rng) {
  if (!c.trustee) return make_error(Errc::bad_input, "This campaign has no trustee: seal submissions to its readers.");
  if (!is_base32_16(invite_code)) {
    return make_error(Errc::bad_input, "The invitation code is missing or damaged: open the personal link you were sent.");
  }
  const UtcTime sent = utc_from_unix(sent_unix);
  if (sent.year < 2000 || sent.year > 9999) return make_error(Errc::bad_input, "The clock is far off.");
  auto inner = seal_to_readers(c, s, rng);
  if (!inner) return inner.error();
  auto hash = manifest_hash(c);
  if (!hash) return hash.error();
  OuterContents o;
  o.campaign = c.id;
  o.manifest = *hash;
  o.kind = s.kind;
  o.invite = InviteRef{kInviteTypeCode, std::string(invite_code)};
  o.sent = format_instant(sent);
  o.inner = std::move(*inner);
  auto plaintext = encode_outer(o);
  if (!plaintext) return plaintext.error();
  // One stanza for the trustee, and a bucket that depends on the inner envelope's bucket alone.
  auto sealed = seal_envelope({c.trustee->recipient}, *plaintext, rng);
  sodium_memzero(plaintext->data(), plaintext->size());
  return sealed;
}

Result<OuterContents> decode_outer(const Bytes& plaintext, const Campaign& c) {
  auto parsed = parse_json(std::string_view(reinterpret_cast<const char*>(plaintext.data()), plaintext.size()), "The outer contents");
  if (!parsed) return parsed.error();
  JsonReader r(*parsed, "The outer contents");
  const auto version = r.integer("v", 0, 1'000'000);
  if (!r.ok()) return r.error();
  if (version != kContentsVersion) {
    return make_error(Errc::version_unsupported,
                      "The outer contents use version " + std::to_string(version) + ", which this Parley cannot read.");
  }
  r.only({"v", "campaign", "inner", "invite", "kind", "manifest", "sent"});
  OuterContents o;
  o.campaign = r.string("campaign");
  const std::string inner = r.string("inner");
  const std::string kind = r.string("kind");
  const std::string manifest = r.string("manifest");
  o.sent = r.string("sent");
  const json* invite = r.object("invite", false);
  if (!r.ok()) return r.error();
  if (invite) {
    JsonReader ir(*invite, "The invitation");
    InviteRef ref;
    ref.type = ir.string("type");
    if (ir.ok() && ref.type == kInviteTypeCode) {
      ir.only({"type", "code"});
      ref.code = ir.string("code");
      if (ir.ok() && !is_base32_16(ref.code)) ir.fail("has a malformed code");
    } else if (ir.ok() && (ref.type.empty() || ref.type.size() > 32)) {
      ir.fail("has a malformed type");
    }
    if (!ir.ok()) return ir.error();
    o.invite = std::move(ref);
  }
  if (kind == "feedback") o.kind = SubmissionKind::feedback;
  else if (kind == "mediation") o.kind = SubmissionKind::mediation;
  else return schema_error("The outer contents are of an unknown kind.");
  if (!parse_instant(o.sent)) return schema_error("The outer contents' time is not YYYY-MM-DDTHH:MM:SSZ.");
  auto manifest_bytes = hex_decode(manifest);
  if (manifest.size() != 64 || !manifest_bytes || hex_encode(*manifest_bytes) != manifest) {
    return schema_error("The outer contents name their manifest in a malformed way.");
  }
  std::copy(manifest_bytes->begin(), manifest_bytes->end(), o.manifest.begin());
  // The inner envelope's framing: it is the only part of a release a reader cannot check
  // before opening, so the trustee checks what it can.
  if (inner.size() > (kMaxInnerEnvelopeBytes * 4 + 2) / 3) return schema_error("The inner envelope is too large.");
  auto inner_bytes = base64url_decode(inner);
  if (!inner_bytes) return schema_error("The inner envelope is not base64url.");
  auto shape = envelope_shape(*inner_bytes);
  if (!shape || inner_bytes->size() > kMaxInnerEnvelopeBytes || shape->stanzas != submission_stanzas(c)) {
    return schema_error("The inner envelope is not one this campaign's readers could open.");
  }
  if (o.kind == SubmissionKind::mediation && c.mediation_to.empty()) {
    return schema_error("This campaign has no mediators to send requests to.");
  }
  o.inner = std::move(*inner_bytes);
  if (o.campaign != c.id) return make_error(Errc::wrong_campaign, "This envelope belongs to another campaign.");
  auto expected = manifest_hash(c);
  if (!expected) return expected.error();
  if (sodium_memcmp(o.manifest.data(), expected->data(), o.manifest.size()) != 0) {
    return make_error(Errc::wrong_manifest, "This envelope was sealed for another version of the campaign.");
  }
  return o;
}

Result<OuterContents> open_outer(const RecipientKeyPair& trustee, const Bytes& envelope, const Campaign& c) {
  auto plaintext = open_envelope(trustee, envelope);
  if (!plaintext) return plaintext.error();
  auto o = decode_outer(*plaintext, c);
  sodium_memzero(plaintext->data(), plaintext->size());
  return o;
}

}  // namespace parley
