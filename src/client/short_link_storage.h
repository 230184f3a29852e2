// Short links from the client's side (docs/FORMAT.md, "Short links"): the manager stores the
// signed manifest beside the envelopes and reads it back before offering the short link; every
// reader of a short link fetches the manifest from the address it names.
//
// The fetch is a plain GET with no credentials: the object is the token, public to whoever
// holds the link, exactly like a long link. Whatever the storage hands back is verified as a
// long link's token would be, and must be the manifest the link names (core/short_link.h).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>

#include "core/manifest.h"
#include "core/rng.h"
#include "platform/platform.h"

namespace parley::client {

// The request that stores `token` as the campaign's manifest object: a PUT for http-put, the
// campaign's own POST policy form for s3 (boundary drawn from `rng`). bad_input when the form
// cannot be built.
Result<platform::HttpRequest> manifest_upload_request(const Campaign& campaign, const std::string& token, Rng& rng);

// What publishing gave: the short link, or "" and why only the long link works, in plain words.
struct PublishedLink {
  std::string link;
  std::string why_long;
};

// Stores `token` (the signed manifest of `campaign`) and reads it back without credentials; the
// short link is offered only when the object read back is the token. `done` fires exactly once,
// never inside this call (the platform's rule); when the upload cannot be prepared, the error
// comes back here instead and `done` never fires.
Status publish_short_link(platform::Platform& platform, const Campaign& campaign, const std::string& token,
                          const std::string& app_url, Rng& rng, std::function<void(PublishedLink)> done);

// A short link's manifest, fetched: `parts` with its token set, or why not. `stored` is false
// when the storage did not hand the object over (no answer, not there, refused): the error's
// detail then says which in plain words, and trying again later may help. When it is true, the
// error is the core's verdict on what was fetched (bad_signature, wrong_manifest, ...).
struct FetchedLink {
  Result<LinkParts> parts = make_error(Errc::bad_input, "");
  bool stored = false;
};
void fetch_short_link(platform::Platform& platform, LinkParts parts, std::function<void(FetchedLink)> done);

// Tokens of links a screen is working with, fetched once per short link and kept for the
// session (a page that reopens a short link does not fetch it again).
class LinkTokens {
 public:
  explicit LinkTokens(platform::Platform& platform);
  ~LinkTokens();

  enum class State { ready, fetching, failed };
  struct Lookup {
    State state = State::failed;
    Result<LinkParts> parts = make_error(Errc::bad_input, "");  // ready: with its token; failed: why
    bool stored = true;                                          // failed: FetchedLink::stored
  };
  // `link`'s parts with its token: at once for a long link (or a link split_link refuses), or
  // once fetched for a short one. The first look-up of a short link starts its fetch and
  // answers `fetching`; `changed` (if set) runs when a fetch ends.
  Lookup look_up(const std::string& link);
  // Forgets a failed fetch, so the next look_up tries again.
  void retry(const std::string& link);

  // `link`'s campaign, verified, for a form that opens a link when asked (unlock, compare, a
  // conversation): `fetching` (ask again when `changed` runs), or the campaign and the link's
  // parts, or why not (the link, the fetch or the manifest). A failed fetch is forgotten at
  // once, so the person's next try fetches anew.
  struct Verified {
    State state = State::failed;
    Result<Campaign> campaign = make_error(Errc::bad_input, "");
    LinkParts parts;  // ready: with its token (the signed manifest) and invitation code
  };
  Verified verified(const std::string& link);
  void on_change(std::function<void()> changed) { changed_ = std::move(changed); }

 private:
  platform::Platform& platform_;
  std::map<std::string, Lookup> by_url_;  // by manifest_url
  std::function<void()> changed_;
  std::shared_ptr<bool> alive_;
};

}  // namespace parley::client
