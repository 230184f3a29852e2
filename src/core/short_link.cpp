#include "core/short_link.h"

#include <algorithm>

#include "core/base32.h"
#include "core/url.h"

namespace parley {
namespace {

constexpr std::string_view kNamePrefix = "m-";
constexpr std::string_view kNameSuffix = ".parley";
constexpr std::size_t kHashChars = 52;  // base32 of 32 bytes, unpadded

Error not_a_short_link() {
  return make_error(Errc::bad_input, "This short link is damaged. Ask the person who sent it for the full link.");
}

// What a short link's "where" may hold: the characters of an http(s) URL without query or
// fragment. Anything else (quotes, angle brackets, spaces) is refused before parsing.
bool is_where_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
         c == '_' || c == '~' || c == '/' || c == ':' || c == '%' || c == '[' || c == ']';
}

}  // namespace

std::string manifest_object_name(const ManifestHash& h) {
  return std::string(kNamePrefix) + base32_encode(Bytes(h.begin(), h.end())) + std::string(kNameSuffix);
}

Result<ManifestHash> hash_of_manifest_object_name(std::string_view name) {
  if (name.size() != kNamePrefix.size() + kHashChars + kNameSuffix.size() || name.substr(0, 2) != kNamePrefix ||
      name.substr(name.size() - kNameSuffix.size()) != kNameSuffix) {
    return make_error(Errc::bad_input, "This is not the name of a stored campaign.");
  }
  const std::string_view encoded = name.substr(kNamePrefix.size(), kHashChars);
  // Lower case only: one name per manifest, as with every other object name.
  if (!std::all_of(encoded.begin(), encoded.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '2' && c <= '7'); })) {
    return make_error(Errc::bad_input, "This is not the name of a stored campaign.");
  }
  auto raw = base32_decode(encoded);
  ManifestHash h{};
  if (!raw || raw->size() != h.size()) return make_error(Errc::bad_input, "This is not the name of a stored campaign.");
  std::copy(raw->begin(), raw->end(), h.begin());  // base32_decode refused non-zero spare bits
  return h;
}

Result<std::string> manifest_object_url(const Campaign& campaign) {
  auto h = manifest_hash(campaign);
  if (!h) return h.error();
  std::string url = campaign.storage.url;
  if (url.empty() || url.back() != '/') url += '/';
  return url + manifest_object_name(*h);
}

std::string short_link(std::string_view app_url, std::string_view object_url) {
  std::string base(app_url.substr(0, app_url.find('#')));
  std::string where(object_url);
  auto app = parse_url(base);
  auto object = parse_url(object_url);
  if (app && object && origin_of(*app) == origin_of(*object)) {
    const std::size_t scheme_end = object_url.find("://") + 3;
    where = std::string(object_url.substr(object_url.find('/', scheme_end)));
  }
  return base + std::string(kShortLinkMarker) + where;
}

Result<ShortLinkTarget> read_short_link_target(std::string_view page, std::string_view where) {
  if (where.empty() || where.size() > kMaxShortLinkWhere || !std::all_of(where.begin(), where.end(), is_where_char)) {
    return not_a_short_link();
  }
  std::string absolute(where);
  if (where.front() == '/') {
    auto app = parse_url(page);
    if (!app) {
      return make_error(Errc::bad_input,
                        "This short link lacks the app's address before the #. Paste the whole link, as it was sent.");
    }
    absolute = origin_of(*app) + std::string(where);
  }
  auto url = parse_url(absolute);
  if (!url || !url->query.empty() || absolute.find('?') != std::string::npos) return not_a_short_link();
  const std::string_view name = std::string_view(absolute).substr(absolute.rfind('/') + 1);
  auto h = hash_of_manifest_object_name(name);
  if (!h) return not_a_short_link();
  return ShortLinkTarget{std::move(absolute), *h};
}

Result<Campaign> verify_stored_manifest(std::string_view object, const ManifestHash& expected) {
  auto campaign = verify_manifest(object);
  if (!campaign) return campaign;
  if (campaign->manifest_hash != expected) {
    return make_error(Errc::wrong_manifest,
                      "The campaign stored at this link's address is not the one the link names.");
  }
  return campaign;
}

}  // namespace parley
