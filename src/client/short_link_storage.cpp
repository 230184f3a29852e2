#include "client/short_link_storage.h"

#include <utility>

#include "client/outbox.h"
#include "client/storage_answer.h"
#include "client/texts.h"
#include "core/listing.h"
#include "core/short_link.h"

namespace parley::client {
namespace {

// A token is at most 87,382 characters of body, a dot and 86 of signature; a reader takes a
// little more so that an over-long object is refused by the token's own rules, not cut.
constexpr std::size_t kMaxFetchedObject = 128 * 1024;

FetchedLink not_stored(std::string why) {
  FetchedLink f;
  f.parts = make_error(Errc::bad_input, std::move(why));
  f.stored = false;
  return f;
}

FetchedLink judge_fetch(LinkParts parts, const platform::HttpResponse& r) {
  if (r.status == 0) return not_stored(text("short_link.fetch.unreachable"));
  if (r.status == 404 || r.status == 410) return not_stored(text("short_link.fetch.missing"));
  if (r.status < 200 || r.status >= 300) {
    return not_stored(text("short_link.fetch.refused", {{"status", std::to_string(r.status)}}));
  }
  FetchedLink f;
  f.stored = true;
  if (r.body.size() > kMaxFetchedObject) {
    f.parts = make_error(Errc::too_large, "The campaign stored at this link's address is larger than any campaign.");
    return f;
  }
  auto campaign = verify_stored_manifest(parley::to_string(r.body), parts.manifest);
  if (!campaign) {
    f.parts = campaign.error();
    return f;
  }
  parts.token = parley::to_string(r.body);
  f.parts = std::move(parts);
  return f;
}

}  // namespace

Result<platform::HttpRequest> manifest_upload_request(const Campaign& campaign, const std::string& token, Rng& rng) {
  auto h = manifest_hash(campaign);
  if (!h) return h.error();
  // The upload an envelope gets, under the manifest's name: a PUT, or the POST policy's form.
  OutboxItem item;
  item.name = manifest_object_name(*h);
  item.url = storage_prefix(campaign.storage.url) + item.name;
  item.storage = campaign.storage;
  item.envelope = to_bytes(token);
  if (auto ok = choose_form_boundary(item, rng); !ok) return ok.error();
  return upload_request(item);
}

Status publish_short_link(platform::Platform& platform, const Campaign& campaign, const std::string& token,
                          const std::string& app_url, Rng& rng, std::function<void(PublishedLink)> done) {
  auto url = manifest_object_url(campaign);
  if (!url) return url.error();
  auto request = manifest_upload_request(campaign, token, rng);
  if (!request) return request.error();
  auto link = short_link(app_url, *url);
  const ManifestHash h = manifest_hash(campaign).value();
  platform.http(std::move(*request), [&platform, token, h, link = std::move(link), object = *url,
                                      done = std::move(done)](platform::HttpResponse stored) mutable {
    // 2xx: stored now; 409/412: a write-once name already holds an object (a second try):
    // either way, what counts is what a reader gets back.
    const bool written = (stored.status >= 200 && stored.status < 300) || stored.status == 409 || stored.status == 412;
    if (!written) {
      const std::string why = stored.status == 0 ? text("short_link.publish.unreachable")
                                                 : text("short_link.publish.refused", {{"status", std::to_string(stored.status)}});
      done({"", why});
      return;
    }
    LinkParts parts;
    parts.manifest_url = object;
    parts.manifest = h;
    platform.http({"GET", object, {}, {}}, [token, parts, link = std::move(link), done = std::move(done)](platform::HttpResponse r) {
      FetchedLink f = judge_fetch(parts, r);
      if (f.parts && f.parts->token == token) {
        done({link, ""});
      } else if (!f.stored && r.status != 0 && r.status != 404) {
        done({"", text("short_link.publish.not_readable", {{"status", std::to_string(r.status)}})});
      } else {
        done({"", text("short_link.publish.not_read_back")});
      }
    });
  });
  return Ok{};
}

void fetch_short_link(platform::Platform& platform, LinkParts parts, std::function<void(FetchedLink)> done) {
  const std::string url = parts.manifest_url;
  platform.http({"GET", url, {}, {}}, [parts = std::move(parts), done = std::move(done)](platform::HttpResponse r) mutable {
    done(judge_fetch(std::move(parts), r));
  });
}

LinkTokens::LinkTokens(platform::Platform& platform) : platform_(platform), alive_(std::make_shared<bool>(true)) {}
LinkTokens::~LinkTokens() = default;

LinkTokens::Lookup LinkTokens::look_up(const std::string& link) {
  Lookup l;
  auto parts = split_link(link);
  if (!parts || !parts->is_short()) {
    l.state = parts ? State::ready : State::failed;
    l.parts = std::move(parts);
    return l;
  }
  const auto known = by_url_.find(parts->manifest_url);
  if (known != by_url_.end()) {
    Lookup found = known->second;
    // The same stored manifest, under this link's own invitation code.
    if (found.state == State::ready && found.parts) found.parts->invite = parts->invite;
    return found;
  }
  l.state = State::fetching;
  by_url_[parts->manifest_url] = l;
  std::weak_ptr<bool> alive = alive_;
  const std::string url = parts->manifest_url;
  fetch_short_link(platform_, std::move(*parts), [this, alive, url](FetchedLink f) {
    if (!alive.lock()) return;
    Lookup& entry = by_url_[url];
    entry.state = f.parts ? State::ready : State::failed;
    entry.stored = f.stored;
    entry.parts = std::move(f.parts);
    if (changed_) changed_();
  });
  return l;
}

LinkTokens::Verified LinkTokens::verified(const std::string& link) {
  Lookup found = look_up(link);
  Verified v;
  v.state = found.state;
  if (found.state == State::fetching) return v;
  if (!found.parts) {
    if (!found.stored) retry(link);
    v.campaign = found.parts.error();
    return v;
  }
  v.campaign = verify_manifest(found.parts->token);
  v.state = v.campaign ? State::ready : State::failed;
  if (v.campaign) v.parts = std::move(*found.parts);
  return v;
}

void LinkTokens::retry(const std::string& link) {
  auto parts = split_link(link);
  if (!parts || !parts->is_short()) return;
  const auto known = by_url_.find(parts->manifest_url);
  if (known != by_url_.end() && known->second.state == State::failed) by_url_.erase(known);
}

}  // namespace parley::client
