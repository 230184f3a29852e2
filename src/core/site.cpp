#include "core/site.h"

#include <algorithm>

#include "core/json_read.h"
#include "core/text.h"
#include "core/url.h"

namespace parley {
namespace {

Error problem(const std::string& what) { return make_error(Errc::schema_failure, "The site file " + what + "."); }

Result<std::vector<SiteKey>> keys_of(const json& list, const char* field, std::size_t least, std::size_t most) {
  if (!list.is_array() || list.size() < least || list.size() > most) {
    return problem("needs \"" + std::string(field) + "\" as a list of " + std::to_string(least) + " to " +
                   std::to_string(most) + " keys");
  }
  std::vector<SiteKey> out;
  for (const auto& entry : list) {
    JsonReader r(entry, "A site file's \"" + std::string(field) + "\" entry");
    r.only({"label", "key"});
    const std::string label = r.string("label");
    const std::string key_text = r.string("key");
    if (!r.ok()) return r.error();
    if (!is_clean_text(label, 60, false) || trim_blank(label).empty()) {
      return problem("has a label that is not one line of 1 to 60 characters");
    }
    auto key = decode_public_key(KeyKind::signing, key_text);
    if (!key) return problem("lists a key that is not a signing key (parley-s1-…): " + key.error().detail);
    if (std::any_of(out.begin(), out.end(), [&](const SiteKey& k) { return k.key == *key; })) {
      return problem("lists the same key twice in \"" + std::string(field) + "\"");
    }
    out.push_back({label, *key});
  }
  return out;
}

// "https://host[:port]" exactly as a browser writes an origin, and as a CSP source names it.
bool is_canonical_origin(const std::string& text) {
  auto url = parse_url(text);
  return url && url->path == "/" && url->query.empty() && origin_of(*url) == text;
}

}  // namespace

Result<Site> parse_site(std::string_view json_text) {
  if (json_text.size() > kMaxSiteBytes) return make_error(Errc::too_large, "The site file is larger than 64 KiB.");
  auto j = parse_json(json_text, "The site file");
  if (!j) return j.error();
  JsonReader r(*j, "The site file");
  r.only({"v", "signers", "trustees", "storage"});
  const std::int64_t v = r.integer("v", 0, 1 << 20);
  const json* signers = r.array("signers");
  const json* trustees = r.array("trustees", false);
  const json* storage = r.array("storage");
  if (!r.ok()) return r.error();
  if (v != 1) return make_error(Errc::version_unsupported, "The site file is version " + std::to_string(v) + "; this app reads version 1.");
  Site site;
  auto s = keys_of(*signers, "signers", 1, 64);
  if (!s) return s.error();
  site.signers = std::move(*s);
  if (trustees) {
    auto t = keys_of(*trustees, "trustees", 0, 64);
    if (!t) return t.error();
    site.trustees = std::move(*t);
  }
  if (storage->empty() || storage->size() > 32) return problem("needs \"storage\" as a list of 1 to 32 origins");
  for (const auto& origin : *storage) {
    if (!origin.is_string() || !is_canonical_origin(origin.get<std::string>())) {
      return problem("lists a storage origin that is not written like https://host or https://host:port");
    }
    site.storage.push_back(origin.get<std::string>());
  }
  return site;
}

SiteCheck check_campaign(const Site& site, const Campaign& campaign) {
  const auto signer = std::find_if(site.signers.begin(), site.signers.end(),
                                   [&](const SiteKey& k) { return k.key == campaign.signer; });
  if (signer == site.signers.end()) return {SiteVerdict::unknown_signer, {}, {}};
  std::string trustee_label;
  if (campaign.trustee) {
    const auto trustee = std::find_if(site.trustees.begin(), site.trustees.end(),
                                      [&](const SiteKey& k) { return k.key == campaign.trustee->signer; });
    if (trustee == site.trustees.end()) return {SiteVerdict::unknown_trustee, signer->label, {}};
    trustee_label = trustee->label;
  }
  auto url = parse_url(campaign.storage.url);
  if (!url || std::find(site.storage.begin(), site.storage.end(), origin_of(*url)) == site.storage.end()) {
    return {SiteVerdict::unknown_storage, signer->label, trustee_label};
  }
  return {SiteVerdict::trusted, signer->label, trustee_label};
}

}  // namespace parley
