// An nginx server block that serves as Parley's http-put storage: WebDAV PUT for the sealed
// envelopes (named by their hash, never replaced), mediators' reply bundles (written once) and
// the trustee's objects (the invitations statement replaceable, the release written once), a
// JSON listing for readers (unless inbox-only), CORS for the app's origin, nothing a browser
// would render, and no record of who sent what.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/envelope.h"
#include "core/result.h"

namespace parley::cli {

// The largest reply bundle (docs/FORMAT.md, "Replies"), the limit of its own that a bundle's PUT
// gets: the magic "PARLEY-REPLIES/2", LF, the canonical JSON header, LF, and at most 1024 records
// of 4136 bytes (a 24-byte nonce, the reply padded to 4096 bytes, a 16-byte tag). The longest
// header has a 26-character campaign id, a 10-character day, mediator 15 and 1024 records.
inline constexpr std::string_view kRepliesMagic = "PARLEY-REPLIES/2";
inline constexpr std::string_view kRepliesHeaderFrame = R"({"campaign":"","day":"","mediator":,"records":,"v":2})";
inline constexpr std::uint64_t kMaxRepliesHeaderBytes = kRepliesHeaderFrame.size() + 26 + 10 + 2 + 4;
static_assert(kMaxRepliesHeaderBytes == 95);
inline constexpr std::uint64_t kRepliesRecordBytes = 24 + 4096 + 16;
inline constexpr std::uint64_t kMaxRepliesBundleBytes = kRepliesMagic.size() + 1 + kMaxRepliesHeaderBytes + 1 + 1024 * kRepliesRecordBytes;
static_assert(kMaxRepliesBundleBytes == 4235377);

struct NginxSite {
  std::string root;    // absolute folder that holds <campaign>/<object> files
  std::string origin;  // the app's origin, for CORS
  std::string bind = "127.0.0.1";
  int port = 8080;
  std::string location = "/store/";   // URL prefix; campaigns live under it
  std::uint64_t max_bytes = kMaxEnvelopeBytes;  // larger envelopes get 413 before they are stored
  std::uint64_t max_release_bytes = 256ull << 20;  // the trustee's release and invitations
  bool inbox_only = false;            // PUT only: no GET, no listing, no delete
  std::string error_log = "/var/log/nginx/parley-error.log";
};

Result<std::string> nginx_server_block(const NginxSite& site);

}  // namespace parley::cli
