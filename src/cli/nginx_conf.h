// An nginx server block that serves as Parley's http-put storage: WebDAV PUT for the sealed
// envelopes (named by their hash, never replaced) and the trustee's objects (the invitations
// statement replaceable, the release written once), a
// JSON listing for readers (unless inbox-only), CORS for the app's origin, nothing a browser
// would render, and no record of who sent what.
#pragma once

#include <cstdint>
#include <string>

#include "core/envelope.h"
#include "core/result.h"

namespace parley::cli {

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
